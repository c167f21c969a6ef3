import type { Step } from '../../shared/pipeline/run-steps.js';
import type { HttpApiRequestContext } from '../context.js';
import { authorize } from './authorize.js';
import { cors, corsHeaders } from './cors.js';
import { integration } from './integration.js';
import { integrationRequest } from './integration-request.js';
import { integrationResponse } from './integration-response.js';
import { methodResponse } from './method-response.js';
import { parseRequest } from './parse-request.js';
import { resolveStage } from './resolve-stage.js';
import { route } from './route.js';
import { throttle } from './throttle.js';
import { traceRequest } from './trace-request.js';

export { gatewayResponse } from './gateway-response.js';

/**
 * The steps of an HTTP API request, in the order the request meets them. A step that throws a GatewayError stops the
 * request, and `gatewayResponse` answers it.
 */
export const HTTP_API_STEPS: readonly Step<HttpApiRequestContext>[] = [
  parseRequest, // payload quota, URL, Host
  resolveStage, // custom domain API mapping, named stage or $default → stage, deployment, API
  cors, // CORS preflight answered by the gateway (APIs with CORS only)
  route, // route selection (full match, greedy, $default route)
  traceRequest, // X-Ray trace id
  authorize, // JWT, Lambda and IAM authorizers
  throttle, // route, stage and account token buckets
  integrationRequest, // Lambda event, payload format 1.0 or 2.0
  integration, // Lambda proxy call under the integration timeout
  integrationResponse, // timeout, function error, malformed result → HTTP API's errors
  corsHeaders, // the backend's CORS headers dropped, the configured ones added (APIs with CORS only)
  methodResponse, // headers, base64 body, the client's answer
];

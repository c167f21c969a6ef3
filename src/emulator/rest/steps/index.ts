import type { Step } from '../../shared/pipeline/run-steps.js';
import type { RestRequestContext } from '../context.js';
import { apiKey } from './api-key.js';
import { authorize } from './authorize.js';
import { cache, storeInCache } from './cache.js';
import { integration } from './integration.js';
import { integrationRequest } from './integration-request.js';
import { integrationResponse } from './integration-response.js';
import { methodRequest } from './method-request.js';
import { methodResponse } from './method-response.js';
import { parseRequest } from './parse-request.js';
import { resolveStage } from './resolve-stage.js';
import { route } from './route.js';
import { throttle } from './throttle.js';
import { traceRequest } from './trace-request.js';
import { waf } from './waf.js';

export { gatewayResponse } from './gateway-response.js';

/**
 * The steps of a REST API request, in the order the request meets them. A step that throws a GatewayError stops the
 * request, and `gatewayResponse` answers it.
 */
export const REST_STEPS: readonly Step<RestRequestContext>[] = [
  parseRequest, // payload limit, URL, Host
  resolveStage, // custom domain or stage segment → stage, deployment, API
  waf, // the stage's AWS WAF web ACL, before anything else API Gateway checks (stages with a web ACL only)
  route, // resource and method
  traceRequest, // X-Ray trace id
  authorize, // resource policy, IAM, Lambda and Cognito authorizers
  apiKey, // API key and usage plan (apiKeyRequired methods only)
  throttle, // stage/method token buckets, then the account's
  methodRequest, // $context, request validation
  cache, // stage cache lookup: a hit answers here (rest/stage-cache/)
  integrationRequest, // Lambda proxy event
  integration, // Lambda proxy, Lambda, HTTP, HTTP proxy, MOCK
  integrationResponse, // Lambda proxy result checked
  methodResponse, // headers, binary, the client's answer
  storeInCache, // a cache miss's answer stored for its TTL
];

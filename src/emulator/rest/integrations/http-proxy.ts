import { canonicalHeaderName, type HeaderList } from '../../shared/headers.js';
import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import { backendHeaderAction } from '../backend-response-headers.js';
import type { RestRequestContext } from '../context.js';
import { GATEWAY_RESPONSES } from '../gateway-responses.js';
import { holdResponseBody } from '../http-proxy-stream.js';
import type { HttpIntegration } from '../model.js';
import { mapRequestParameters, requestParamsOf } from '../request-params.js';
import { buildHttpRequest, fetchWithTimeout, settleHttpCall } from './http-call.js';

/**
 * An HTTP_PROXY answer's headers follow AWS's table (backend-response-headers.ts: Content-Length, Date, Server, … as
 * `x-amzn-Remapped-<name>`, hop-by-hop ones dropped). Besides: Keep-Alive (hop-by-hop) and Content-Encoding, because
 * `fetch` has already decoded the body.
 */
const DROPPED_AFTER_FETCH = new Set(['keep-alive', 'content-encoding']);

/** Header names `fetch` lower-cases, spelt as AWS spells them in `x-amzn-Remapped-<name>`. */
const SPELLING: Readonly<Record<string, string>> = {
  'x-amzn-requestid': 'x-amzn-RequestId',
  'www-authenticate': 'WWW-Authenticate',
  'content-md5': 'Content-MD5',
};

/**
 * An HTTP_PROXY integration: the method request passes through to the endpoint (with `requestParameters` mapped) and
 * the endpoint's response comes back as it is, its headers as AWS's table says. With `responseTransferMode: STREAM`
 * the endpoint's body is held back and streamed (http-proxy-stream.ts). Faults as for an HTTP integration.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html
 */
export async function callHttpProxy(context: RestRequestContext, integration: HttpIntegration): Promise<void> {
  const request = context.templateRequest!;
  const held = integration.responseTransferMode === 'STREAM' ? holdResponseBody(context.services.fetch) : null;
  const params = requestParamsOf(request);
  const mapped = mapRequestParameters(integration.requestParameters, params, request);
  const sent = buildHttpRequest(integration, request, mapped, new Uint8Array(), params);
  if ('error' in sent) {
    throw new GatewayError(
      GATEWAY_RESPONSES.API_CONFIGURATION_ERROR,
      `Execution failed due to configuration error: ${sent.error}`,
    );
  }
  const response = await fetchWithTimeout(held ? held.fetch : context.services.fetch, sent, integration.timeoutMs);
  const answered = settleHttpCall(context, integration, sent.trace.body, sent, response);
  const headers: HeaderList = [];
  let contentType = 'application/json';
  for (const [name, value] of answered.headers) {
    const lower = name.toLowerCase();
    if (lower === 'content-type') contentType = value;
    else if (DROPPED_AFTER_FETCH.has(lower)) continue;
    else {
      const action = backendHeaderAction(lower, 'http_proxy');
      // Named as AWS names them (`x-amzn-Remapped-Content-Length`), whatever the case fetch reports.
      if (action === 'remap') headers.push([`x-amzn-Remapped-${SPELLING[lower] ?? canonicalHeaderName(lower)}`, value]);
      else if (action === 'pass') headers.push([name, value]);
    }
  }
  context.answer = {
    kind: 'mapped',
    status: answered.status,
    headers: [['Content-Type', contentType], ...headers],
    body: answered.bytes,
    held,
  };
}

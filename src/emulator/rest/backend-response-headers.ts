/**
 * What a REST API does with the headers a backend's response carries before they reach the client: most pass
 * through, some clash with API Gateway's own and are renamed `x-amzn-Remapped-<name>` (Date and Server also get
 * API Gateway's value under the original name), and hop-by-hop ones are dropped.
 * Source: "Amazon API Gateway important notes for REST APIs", the table of headers per integration type
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html). The table says
 * Content-Length passes through; captured Lambda proxy responses carry `x-amzn-Remapped-Content-Length`, and API
 * Gateway sets its own Content-Length for the body it sends, so it is remapped here.
 */

/** The backend types of the table's response column. */
export type BackendKind = 'lambda' | 'http_proxy';

/** `remap`: sent as `x-amzn-Remapped-<name>`; `drop`: not sent; `pass`: sent as it is. */
export type BackendHeaderAction = 'remap' | 'drop' | 'pass';

/** Remapped (or remapped and overwritten) for every integration type. */
const REMAPPED = new Set([
  'authorization',
  'connection',
  'content-length',
  'content-md5',
  'date',
  'max-forwards',
  'server',
  'user-agent',
  'www-authenticate',
]);

/** Dropped for Lambda and HTTP_PROXY (the table passes Via through for HTTP integrations only, not modelled here). */
const DROPPED = new Set([
  'expect',
  'host',
  'proxy-authenticate',
  'te',
  'transfer-encoding',
  'trailer',
  'upgrade',
  'via',
]);

/** Remapped for HTTP_PROXY only: API Gateway's own request id (not in the table; recorded against AWS in LocalStack's test_http_integration_with_lambda snapshot and in captured HTTP_PROXY responses). */
const REMAPPED_HTTP_PROXY = new Set(['x-amzn-requestid']);

/** What API Gateway does with a backend response header (`lower`: its lower-cased name). */
export function backendHeaderAction(lower: string, backend: BackendKind): BackendHeaderAction {
  if (REMAPPED.has(lower)) return 'remap';
  if (DROPPED.has(lower)) return 'drop';
  if (backend === 'http_proxy' && REMAPPED_HTTP_PROXY.has(lower)) return 'remap';
  return 'pass';
}

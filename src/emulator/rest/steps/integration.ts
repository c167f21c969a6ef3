import type { RestRequestContext } from '../context.js';
import { callLambdaProxy } from '../integrations/lambda-proxy.js';
import { callLambdaProxyStream } from '../integrations/lambda-proxy-stream.js';
import { callNonProxy } from '../integrations/non-proxy.js';

/**
 * Calls the method's integration: a Lambda proxy (buffered or streamed), or an integration that maps its request and
 * response with templates (Lambda custom, HTTP, HTTP proxy, MOCK), each in its module under integrations/.
 */
export function integration(context: RestRequestContext): Promise<void> {
  const integration = context.integration;
  if (integration.type !== 'AWS_PROXY') return callNonProxy(context, integration);
  return integration.responseTransferMode === 'STREAM'
    ? callLambdaProxyStream(context, integration)
    : callLambdaProxy(context, integration);
}

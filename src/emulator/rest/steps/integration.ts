import type { RestRequestContext } from '../context.js';
import { callHttp } from '../integrations/http.js';
import { callHttpProxy } from '../integrations/http-proxy.js';
import { callLambda } from '../integrations/lambda.js';
import { callLambdaProxy } from '../integrations/lambda-proxy.js';
import { callLambdaProxyStream } from '../integrations/lambda-proxy-stream.js';
import { callMock } from '../integrations/mock.js';
import { monotonic } from '../../shared/pipeline/monotonic.js';
import type { AwsServiceIntegration } from '../model.js';

// AWS service integrations (SQS, Kinesis, …) load with their module, only when an API has one.
let awsService: Promise<typeof import('../integrations/aws-service.js')> | undefined;
const loadAwsService = () => (awsService ??= import('../integrations/aws-service.js'));

/** Calls an AWS service integration, its module loaded on first use. */
async function callService(context: RestRequestContext, integration: AwsServiceIntegration): Promise<void> {
  const { callAwsService } = await loadAwsService();
  return callAwsService(context, integration);
}

/**
 * Calls the method's integration, each kind in its module under integrations/: Lambda proxy (buffered or streamed),
 * Lambda custom, AWS service (SQS, Kinesis, Step Functions, EventBridge, DynamoDB), HTTP, HTTP proxy, MOCK (which
 * calls nothing).
 */
export function integration(context: RestRequestContext): void | Promise<void> {
  const integration = context.integration;
  if (integration.type === 'AWS_PROXY') {
    return integration.responseTransferMode === 'STREAM'
      ? callLambdaProxyStream(context, integration)
      : callLambdaProxy(context, integration);
  }
  // The start of a call the trace times from its module (a Lambda proxy call times itself).
  context.integrationStarted = monotonic();
  switch (integration.type) {
    case 'AWS':
      return 'service' in integration ? callService(context, integration) : callLambda(context, integration);
    case 'HTTP':
      return callHttp(context, integration);
    case 'HTTP_PROXY':
      return callHttpProxy(context, integration);
    case 'MOCK':
      return callMock(context, integration);
  }
}

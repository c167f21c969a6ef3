import {
  RestGateway,
  importOpenApi,
  type EndpointType,
  type InvokeOutcome,
  type LambdaInvocation,
} from '../../src/emulator/index.js';

/** An OpenAPI document whose methods all proxy to Lambda function `fn` (`paths` maps path → methods). */
export function openApi(
  paths: Record<string, string[]>,
  extra: Record<string, unknown> = {},
  timeoutInMillis?: number,
) {
  const integration = {
    type: 'aws_proxy',
    httpMethod: 'POST',
    uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fn/invocations',
    ...(timeoutInMillis ? { timeoutInMillis } : {}),
  };
  return {
    openapi: '3.0.1',
    info: { title: 'TestAPI', version: '1' },
    ...extra,
    paths: Object.fromEntries(
      Object.entries(paths).map(([p, methods]) => [
        p,
        Object.fromEntries(
          methods.map((m) => [
            m === 'ANY' ? 'x-amazon-apigateway-any-method' : m.toLowerCase(),
            { 'x-amazon-apigateway-integration': { ...integration } },
          ]),
        ),
      ]),
    ),
  };
}

/** A gateway serving `doc` on stage `dev`, whose function is `fn`; returns it with the invocations seen. */
export function gatewayFor(
  doc: unknown,
  fn: (invocation: LambdaInvocation) => Promise<InvokeOutcome> | InvokeOutcome,
  stageVariables?: Record<string, string>,
  endpointType?: EndpointType,
) {
  const invocations: LambdaInvocation[] = [];
  const gateway = new RestGateway({
    invoke: async (inv) => {
      invocations.push(inv);
      return fn(inv);
    },
  });
  const deployment = gateway.deploy(
    importOpenApi(doc, { apiId: 'abc123defg', ...(endpointType ? { endpointType } : {}) }),
  );
  gateway.putStage({ name: 'dev', deploymentId: deployment.id, variables: stageVariables });
  return { gateway, invocations, deployment };
}

/** A function result. */
export const ok = (payload: unknown): InvokeOutcome => ({ kind: 'result', payload, logs: [] });

export const URL_BASE = 'https://abc123defg.execute-api.us-east-1.amazonaws.com';

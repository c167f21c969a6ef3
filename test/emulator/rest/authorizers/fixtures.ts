import {
  RestGateway,
  importOpenApi,
  type InvokeOutcome,
  type LambdaInvocation,
} from '../../../../src/emulator/index.js';

export const ORIGIN = 'https://abc123defg.execute-api.us-east-1.amazonaws.com';
export const fnUri = (name: string) =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}/invocations`;

const proxy = (security?: unknown) => ({
  ...(security === undefined ? {} : { security }),
  'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: fnUri('backend') },
});

/** A definition whose GET/POST /items and GET /items/{id} use the authorizer `auth` (`extension` is its x-amazon-apigateway-authorizer), and GET /open none. */
export function authorizedDoc(
  extension: Record<string, unknown>,
  schemeName = 'Authorization',
  extra: Record<string, unknown> = {},
) {
  return {
    openapi: '3.0.1',
    info: { title: 'AuthorizerTests', version: '1' },
    ...extra,
    components: {
      securitySchemes: {
        auth: {
          type: 'apiKey',
          name: schemeName,
          in: 'header',
          'x-amazon-apigateway-authtype': 'custom',
          'x-amazon-apigateway-authorizer': { authorizerUri: fnUri('auth'), ...extension },
        },
      },
    },
    paths: {
      '/items': { get: proxy([{ auth: [] }]), post: proxy([{ auth: [] }]) },
      '/items/{id}': { get: proxy([{ auth: [] }]) },
      '/open': { get: proxy() },
    },
  };
}

/** An IAM policy output. */
export function policy(effect: 'Allow' | 'Deny', resource: string | string[], extra: Record<string, unknown> = {}) {
  return {
    principalId: 'alice',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
    },
    ...extra,
  };
}

export const result = (payload: unknown): InvokeOutcome => ({ kind: 'result', payload, logs: ['auth log'] });
export const failure = (errorMessage: string): InvokeOutcome => ({
  kind: 'error',
  error: { errorType: 'Error', errorMessage },
  logs: [],
});

/**
 * A gateway serving `doc` on stage `dev`: function `auth` answers with `authorizer(invocation)`, `backend` with a 200
 * echoing its event's requestContext.authorizer. `clock` sets the time (epoch ms).
 */
export function authorizedGateway(
  doc: unknown,
  authorizer: (invocation: LambdaInvocation) => InvokeOutcome | Promise<InvokeOutcome>,
  stageVariables?: Record<string, string>,
) {
  const calls: LambdaInvocation[] = [];
  const clock = { now: Date.UTC(2026, 10, 26, 12, 0, 0) };
  const gateway = new RestGateway({
    now: () => clock.now,
    invoke: async (inv) => {
      calls.push(inv);
      if (inv.functionName === 'backend') {
        const event = inv.event as { requestContext: { authorizer?: unknown } };
        return {
          kind: 'result',
          payload: { statusCode: 200, body: JSON.stringify({ authorizer: event.requestContext.authorizer ?? null }) },
          logs: [],
        };
      }
      return authorizer(inv);
    },
  });
  const deployment = gateway.deploy(importOpenApi(doc, { apiId: 'abc123defg' }));
  gateway.putStage({ name: 'dev', deploymentId: deployment.id, variables: stageVariables });
  const authCalls = () => calls.filter((c) => c.functionName !== 'backend');
  const send = async (path: string, headers: Array<[string, string]> = [], method = 'GET') => {
    const { response, trace } = await gateway.handle(new Request(`${ORIGIN}${path}`, { method }), {
      rawHeaders: headers,
    });
    return { status: response.status, headers: response.headers, body: await response.text(), trace };
  };
  return { gateway, calls, authCalls, send, clock };
}

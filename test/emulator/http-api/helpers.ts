import type { InvokeOutcome, LambdaInvocation } from '../../../src/emulator/index.js';
import { HttpApiGateway, importHttpApi } from '../../../src/emulator/http-api/index.js';

export const FN_URI =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fn/invocations';

/** An OpenAPI 3 HTTP API whose routes all proxy to `fn`. Keys are route keys (`GET /items`, `$default`). */
export function httpApiDoc(routeKeys: string[], payloadFormatVersion: '1.0' | '2.0' = '2.0', timeoutInMillis?: number) {
  const integration = {
    type: 'aws_proxy',
    httpMethod: 'POST',
    uri: FN_URI,
    payloadFormatVersion,
    ...(timeoutInMillis ? { timeoutInMillis } : {}),
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const key of routeKeys) {
    if (key === '$default') {
      paths['/$default'] = {
        'x-amazon-apigateway-any-method': {
          isDefaultRoute: true,
          'x-amazon-apigateway-integration': { ...integration },
        },
      };
      continue;
    }
    const [method, path] = key.split(' ') as [string, string];
    (paths[path] ??= {})[method === 'ANY' ? 'x-amazon-apigateway-any-method' : method.toLowerCase()] = {
      'x-amazon-apigateway-integration': { ...integration },
    };
  }
  return { openapi: '3.0.1', info: { title: 'HttpTest', version: '1' }, paths };
}

/** An HTTP API gateway serving `doc` on the `$default` stage (and on `stages` too), recording invocations. */
export function httpGatewayFor(
  doc: unknown,
  fn: (invocation: LambdaInvocation) => Promise<InvokeOutcome> | InvokeOutcome,
  { stages = [DEFAULT], variables }: { stages?: string[]; variables?: Record<string, string> } = {},
) {
  const invocations: LambdaInvocation[] = [];
  const gateway = new HttpApiGateway({
    invoke: async (inv) => {
      invocations.push(inv);
      return fn(inv);
    },
    now: () => 1583348638390,
  });
  const deployment = gateway.deploy(importHttpApi(doc, { apiId: 'abc123defg' }));
  for (const name of stages) gateway.putStage({ name, deploymentId: deployment.id, variables });
  return { gateway, invocations, deployment };
}

const DEFAULT = '$default';
export const ok = (payload: unknown): InvokeOutcome => ({ kind: 'result', payload, logs: [] });
export const URL_BASE = 'https://abc123defg.execute-api.us-east-1.amazonaws.com';
export const req = (path: string, init?: RequestInit) => new Request(`${URL_BASE}${path}`, init);
export const headersOf = (list: Array<[string, string]>) => Object.fromEntries(list);

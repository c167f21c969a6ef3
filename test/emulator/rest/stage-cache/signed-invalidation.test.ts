import { describe, expect, it } from 'vitest';
import { RestGateway, importOpenApi, signRequest, type LambdaInvocation } from '../../../../src/emulator/index.js';
import { ok, URL_BASE } from '../../helpers.js';

const FN_URI =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fn/invocations';
const KEY = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

/**
 * "To invalidate a cache entry ... the client must be authorized": a SigV4-signed request (AWS_IAM) may invalidate
 * under requireAuthorizationForCacheControl, where an anonymous one is refused under FAIL_WITH_403.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
 */
describe('Cache-Control: max-age=0 from a signed caller (api-gateway-caching.html, "Invalidate an API Gateway cache entry")', () => {
  it('invalidates the entry under requireAuthorizationForCacheControl', async () => {
    const now = Date.UTC(2026, 11, 4, 9, 0, 0);
    const invocations: LambdaInvocation[] = [];
    const gateway = new RestGateway({
      invoke: async (inv) => (invocations.push(inv), ok({ statusCode: 200, body: `answer ${invocations.length}` })),
      now: () => now,
    });
    const doc = {
      openapi: '3.0.1',
      info: { title: 'Signed', version: '1' },
      paths: {
        '/items': {
          get: {
            security: [{ sigv4: [] }],
            'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: FN_URI },
          },
        },
      },
      components: {
        securitySchemes: {
          sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' },
        },
      },
    };
    const deployment = gateway.deploy(importOpenApi(doc, { apiId: 'abc123defg' }));
    gateway.putStage({
      name: 'dev',
      deploymentId: deployment.id,
      cacheClusterEnabled: true,
      methodSettings: {
        '*/*': {
          cachingEnabled: true,
          requireAuthorizationForCacheControl: true,
          unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403',
        },
      },
    });
    gateway.putCredentials(KEY);
    const url = `${URL_BASE}/dev/items`;
    const send = async (headers: [string, string][]) => {
      const signed = await signRequest({ method: 'GET', url, headers, ...KEY, now });
      const result = await gateway.handle(new Request(url, { headers: signed.headers }));
      return { result, text: await result.response.text() };
    };
    expect((await send([])).text).toBe('answer 1');
    expect((await send([])).text).toBe('answer 1');
    const fresh = await send([['Cache-Control', 'max-age=0']]);
    expect(fresh.result.response.status).toBe(200);
    expect(fresh.text).toBe('answer 2');
    expect(fresh.result.trace.cache?.status).toBe('invalidated');
    expect(invocations).toHaveLength(2);
  });
});

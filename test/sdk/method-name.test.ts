import { describe, expect, it } from 'vitest';
import { apiGatewayMethodName } from '../../src/sdk/method-name.js';
import { baseUrlOf } from '../../src/sdk/server-url.js';

// Named as API Gateway's generated JavaScript SDK names its methods (apigClient.userGet, apigClient.userPost).
describe('apiGatewayMethodName', () => {
  it.each([
    ['/items', 'get', 'itemsGet'],
    ['/items', 'post', 'itemsPost'],
    ['/items/{id}', 'get', 'itemsIdGet'],
    ['/items/{id}', 'options', 'itemsIdOptions'],
    ['/', 'get', 'rootGet'],
    ['/user-profile/{proxy+}', 'delete', 'userProfileProxyDelete'],
    ['/Orders/{orderId}/lines', 'PATCH', 'ordersOrderIdLinesPatch'],
    ['/2024/report', 'get', 'v2024ReportGet'],
    ['/{proxy+}', 'x-amazon-apigateway-any-method', 'proxyAny'],
  ])('%s %s → %s', (path, method, name) => {
    expect(apiGatewayMethodName(path, method)).toBe(name);
  });
});

describe('baseUrlOf', () => {
  it('sets the server variables to their defaults, with one slash before the stage', () => {
    expect(
      baseUrlOf({
        servers: [
          {
            url: 'https://abc123.execute-api.us-east-1.amazonaws.com/{basePath}',
            variables: { basePath: { default: '/dev' } },
          },
        ],
      }),
    ).toBe('https://abc123.execute-api.us-east-1.amazonaws.com/dev');
  });
  it("has no slash at the end (an HTTP API's $default stage)", () => {
    expect(baseUrlOf({ servers: [{ url: 'https://abc123.execute-api.us-east-1.amazonaws.com/' }] })).toBe(
      'https://abc123.execute-api.us-east-1.amazonaws.com',
    );
  });
  it('is empty when the export names no stage', () => {
    expect(baseUrlOf({ openapi: '3.0.1' })).toBe('');
  });
  it('leaves a variable without a default as written', () => {
    expect(baseUrlOf({ servers: [{ url: 'https://{host}/x' }] })).toBe('https://{host}/x');
  });
});

import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { httpApiDoc, httpGatewayFor, ok } from './helpers.js';

// Custom domain names with API mappings for HTTP APIs:
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mappings.html
// "rawPath: If you use API mappings to connect your stage to a custom domain name, rawPath won't provide the API
// mapping value. Use the path of payload format version 1.0 to access the API mapping":
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html

const DOMAIN = 'https://api.example.com';

function mapped(version: '1.0' | '2.0' = '2.0') {
  const setup = httpGatewayFor(httpApiDoc(['GET /items/{id}'], version), () => ok({ statusCode: 200, body: 'ok' }), {
    stages: ['$default', 'dev'],
  });
  setup.gateway.putDomainName({
    domainName: 'api.example.com',
    basePathMappings: [
      { basePath: 'v1', stage: 'dev' },
      { basePath: 'orders', stage: '$default' },
    ],
  });
  return setup;
}

describe('HTTP API custom domain names (http-api-mappings)', () => {
  it('routes by the API mapping to its stage; payload 2.0 rawPath has neither the mapping nor a stage segment', async () => {
    const { gateway, invocations } = mapped();
    const { response, trace } = await gateway.handle(new Request(`${DOMAIN}/v1/items/7`));
    expect(response.status).toBe(200);
    expect(trace.stage).toBe('dev');
    const event = invocations[0]!.event as APIGatewayProxyEventV2;
    expect(event.rawPath).toBe('/items/7');
    expect(event.pathParameters).toEqual({ id: '7' });
    expect(event.requestContext).toMatchObject({ stage: 'dev', domainName: 'api.example.com', domainPrefix: 'api' });
  });

  it('maps the $default stage too, and payload 1.0 path keeps the API mapping ("use the path of payload format version 1.0")', async () => {
    const { gateway, invocations } = mapped('1.0');
    expect((await gateway.handle(new Request(`${DOMAIN}/orders/items/7`))).response.status).toBe(200);
    const event = invocations[0]!.event as APIGatewayProxyEvent;
    expect(event.path).toBe('/orders/items/7');
    expect(event.resource).toBe('/items/{id}');
    expect(event.requestContext).toMatchObject({
      stage: '$default',
      path: '/orders/items/7',
      domainName: 'api.example.com',
    });
  });

  it("answers a path that matches no API mapping with the HTTP API's 404 (not documented by AWS for this case)", async () => {
    const { gateway, invocations } = mapped();
    const { response, trace } = await gateway.handle(new Request(`${DOMAIN}/v2/items/7`));
    expect([response.status, await response.text()]).toEqual([404, '{"message":"Not Found"}']);
    expect(trace.errorDetail).toBe('no API mapping of api.example.com matches /v2/items/7');
    expect(invocations).toHaveLength(0);
  });

  it('leaves the execute-api host as it was: the stage segment still routes there', async () => {
    const { gateway, invocations } = mapped();
    expect(
      (await gateway.handle(new Request('https://abc.execute-api.us-east-1.amazonaws.com/dev/items/7'))).response
        .status,
    ).toBe(200);
    expect((invocations[0]!.event as APIGatewayProxyEventV2).rawPath).toBe('/dev/items/7');
  });
});

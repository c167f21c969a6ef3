import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RestGateway, importOpenApi, type LambdaInvoker } from '../../../src/emulator/index.js';
import { invokeJsHandler, type JsHandler } from '../../../src/lambda/js-handler.js';
import { handler as itemsHandler } from '../../../examples/items/items_handler.js';
import { gatewayFor, ok, openApi, URL_BASE } from '../helpers.js';

// Custom domain names and base path (API) mappings for REST APIs:
// https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html
// Payload 1.0 `path` includes the API mapping (2.0 `rawPath` does not):
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html

const DOMAIN = 'https://api.example.com';

/** A gateway serving one API on stages dev and prod, with api.example.com mapping `v1` → dev and the root → prod. */
function mapped(
  basePathMappings = [
    { basePath: 'v1', stage: 'dev' },
    { basePath: '(none)', stage: 'prod' },
  ],
) {
  const setup = gatewayFor(openApi({ '/items': ['GET'], '/items/{id}': ['GET'] }), () =>
    ok({ statusCode: 200, body: 'ok' }),
  );
  setup.gateway.putStage({ name: 'prod', deploymentId: setup.deployment.id });
  setup.gateway.putDomainName({ domainName: 'api.example.com', basePathMappings });
  return setup;
}

describe('custom domain names with base path mappings (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html)', () => {
  it('routes https://{domain}/{basePath}/... to the mapped stage, with no stage segment', async () => {
    const { gateway, invocations } = mapped();
    const { response, trace } = await gateway.handle(new Request(`${DOMAIN}/v1/items/7`));
    expect(response.status).toBe(200);
    expect(trace.stage).toBe('dev');
    expect(trace.resourcePath).toBe('/items/{id}');
    const event = invocations[0]!.event as any;
    // Payload 1.0: `path` includes the base path, `resource` does not; requestContext.path is the path as sent.
    expect(event.path).toBe('/v1/items/7');
    expect(event.resource).toBe('/items/{id}');
    expect(event.pathParameters).toEqual({ id: '7' });
    expect(event.requestContext).toMatchObject({
      path: '/v1/items/7',
      stage: 'dev',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      resourcePath: '/items/{id}',
    });
  });

  it('sends the other paths to the (none) root mapping: path and requestContext.path are the path as sent', async () => {
    const { gateway, invocations } = mapped();
    const { response, trace } = await gateway.handle(new Request(`${DOMAIN}/items`));
    expect(response.status).toBe(200);
    expect(trace.stage).toBe('prod');
    const event = invocations[0]!.event as any;
    expect([event.path, event.resource, event.requestContext.path, event.requestContext.stage]).toEqual([
      '/items',
      '/items',
      '/items',
      'prod',
    ]);
  });

  it('picks the longest matching base path, and matches whole segments only (/v10 is not /v1)', async () => {
    const { gateway } = mapped([
      { basePath: '', stage: 'prod' },
      { basePath: 'v1', stage: 'dev' },
    ]);
    expect((await gateway.handle(new Request(`${DOMAIN}/v1/items`))).trace.stage).toBe('dev');
    const v10 = await gateway.handle(new Request(`${DOMAIN}/v10/items`));
    // /v10/items goes to the root mapping, where no resource /v10/items exists.
    expect([v10.trace.stage, v10.response.status]).toEqual(['prod', 403]);
  });

  it('answers a stage segment on the custom domain with 403 Missing Authentication Token (https://repost.aws/knowledge-center/api-gateway-403-custom-domain)', async () => {
    const { gateway, invocations } = mapped();
    const { response } = await gateway.handle(new Request(`${DOMAIN}/dev/items`));
    expect([response.status, await response.json()]).toEqual([403, { message: 'Missing Authentication Token' }]);
    expect(invocations).toHaveLength(0);
  });

  it('answers a path that matches no base path mapping with 403 Missing Authentication Token (not verified on an AWS page)', async () => {
    const { gateway, invocations } = mapped([{ basePath: 'v1', stage: 'dev' }]);
    const { response, trace } = await gateway.handle(new Request(`${DOMAIN}/v2/items`));
    expect([response.status, await response.json()]).toEqual([403, { message: 'Missing Authentication Token' }]);
    expect(trace.errorDetail).toContain('no base path mapping');
    expect(invocations).toHaveLength(0);
  });

  it('routes by the Host header (case-insensitive, port ignored), so a local server can serve the domain', async () => {
    const { gateway } = mapped();
    const { trace } = await gateway.handle(
      new Request('http://127.0.0.1:3000/v1/items', { headers: { Host: 'API.Example.com:3000' } }),
      {
        rawHeaders: [['Host', 'API.Example.com:3000']],
      },
    );
    expect([trace.stage, trace.resourcePath]).toEqual(['dev', '/items']);
  });

  it('keeps serving the execute-api URL with its stage segment as before', async () => {
    const { gateway, invocations } = mapped();
    const { response } = await gateway.handle(new Request(`${URL_BASE}/dev/items`));
    expect(response.status).toBe(200);
    const event = invocations[0]!.event as any;
    expect([event.path, event.requestContext.path, event.requestContext.domainName]).toEqual([
      '/items',
      '/dev/items',
      'abc123defg.execute-api.us-east-1.amazonaws.com',
    ]);
  });
});

describe("erratum 11: the guide's items handler routes on event.path, which includes the base path on a custom domain", () => {
  const invoke: LambdaInvoker = (inv) => invokeJsHandler(itemsHandler as unknown as JsHandler, inv.event, inv.context);
  function itemsGateway(basePath: string) {
    const gateway = new RestGateway({ invoke });
    const deployment = gateway.deploy(
      importOpenApi(parse(readFileSync('examples/items/openapi.yaml', 'utf8')), { apiId: 'abc123defg' }),
    );
    gateway.putStage({ name: 'dev', deploymentId: deployment.id });
    gateway.putDomainName({ domainName: 'api.example.com', basePathMappings: [{ basePath, stage: 'dev' }] });
    return gateway;
  }

  it('answers 404 "Resource not found" behind base path v1 (event.path is /v1/items, not /items)', async () => {
    const { response, trace } = await itemsGateway('v1').handle(new Request(`${DOMAIN}/v1/items`));
    expect(trace.resourcePath).toBe('/items');
    expect([response.status, await response.json()]).toEqual([404, { message: 'Resource not found' }]);
    expect((trace.integration?.event as any).path).toBe('/v1/items');
  });

  it('answers 200 with the items behind the empty (root) base path', async () => {
    const { response } = await itemsGateway('').handle(new Request(`${DOMAIN}/items`));
    expect(response.status).toBe(200);
    expect((await response.json()).items).toHaveLength(2);
  });
});

import { describe, expect, it } from 'vitest';
import { DefinitionError, RestGateway, importOpenApi } from '../../../src/emulator/index.js';
import { exportOpenApi } from '../../../src/emulator/rest/openapi-export.js';

/**
 * Method responses as API Gateway enforces them on non-proxy integrations: an integration response may map only
 * the headers its status's method response declares (import fails otherwise: an error, so failOnWarnings does not
 * matter, https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api-errors-warnings.html),
 * and only mapped headers reach the client (https://docs.aws.amazon.com/apigateway/latest/api/API_MethodResponse.html,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-response.html).
 */
const URL_BASE = 'https://abc123defg.execute-api.us-east-1.amazonaws.com';

const definition = (responses: unknown, integrationResponses: unknown, extra: Record<string, unknown> = {}) => ({
  openapi: '3.0.1',
  info: { title: 'Headers', version: '1' },
  ...extra,
  paths: {
    '/orders/{id}': {
      get: {
        ...(responses === undefined ? {} : { responses }),
        'x-amazon-apigateway-integration': {
          type: 'http',
          httpMethod: 'GET',
          uri: 'https://backend.example/orders/{id}',
          responses: integrationResponses,
        },
      },
    },
  },
});

const problemsOf = (doc: unknown): string[] => {
  try {
    importOpenApi(doc);
  } catch (error) {
    if (error instanceof DefinitionError) return error.problems;
    throw error;
  }
  return [];
};

describe('import: header mappings need a method response that declares the header', () => {
  it("refuses a mapping to an undeclared header with AWS's message, naming the method, the path and what to declare", () => {
    const problems = problemsOf(
      definition(
        { '200': { description: 'OK', headers: { 'X-Order': { schema: { type: 'string' } } } } },
        {
          default: {
            statusCode: '200',
            responseParameters: {
              'method.response.header.X-Order': "'1'",
              'method.response.header.X-Cache': 'integration.response.header.X-Cache',
            },
          },
        },
      ),
    );
    expect(problems).toEqual([
      "paths[\"/orders/{id}\"].get: Unable to put integration response on 'GET' for resource at path '/orders/{id}': " +
        'Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression parameter specified: method.response.header.X-Cache] ' +
        '(x-amazon-apigateway-integration.responses["default"] maps it: declare responses."200".headers.X-Cache on the operation)',
    ]);
  });

  it('refuses header mappings for a status that has no method response ("No method response exists for method.")', () => {
    const problems = problemsOf(
      definition(
        { '200': { description: 'OK' } },
        {
          default: { statusCode: '200' },
          '404': { statusCode: '404', responseParameters: { 'method.response.header.X-Reason': "'missing'" } },
        },
      ),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      "Unable to put integration response on 'GET' for resource at path '/orders/{id}': Invalid mapping expression specified: Validation Result: warnings : [], errors : [No method response exists for method.]",
    );
    expect(problems[0]).toContain('responses["404"] maps headers for status 404: declare responses."404"');
  });

  it('refuses them too when the operation declares no responses at all', () => {
    const problems = problemsOf(
      definition(undefined, {
        default: { statusCode: '200', responseParameters: { 'method.response.header.X-Order': "'1'" } },
      }),
    );
    expect(problems[0]).toContain('errors : [No method response exists for method.]');
  });

  it('accepts headers declared through $ref (components.responses, components.headers) and Swagger 2 responses', () => {
    const mapped = { default: { statusCode: '200', responseParameters: { 'method.response.header.X-Order': "'1'" } } };
    expect(
      problemsOf(
        definition({ '200': { $ref: '#/components/responses/Order' } }, mapped, {
          components: {
            responses: {
              Order: { description: 'OK', headers: { 'X-Order': { $ref: '#/components/headers/XOrder' } } },
            },
            headers: { XOrder: { schema: { type: 'string' } } },
          },
        }),
      ),
    ).toEqual([]);
    const swagger = {
      swagger: '2.0',
      info: { title: 'Headers', version: '1' },
      paths: {
        '/orders': {
          get: {
            responses: { '200': { description: 'OK', headers: { 'X-Order': { type: 'string' } } } },
            'x-amazon-apigateway-integration': {
              type: 'mock',
              requestTemplates: { 'application/json': '{"statusCode": 200}' },
              responses: mapped,
            },
          },
        },
      },
    };
    expect(problemsOf(swagger)).toEqual([]);
  });

  it('keeps the declared method responses, mapped or not, and exports them as declared', () => {
    const api = importOpenApi(
      definition(
        {
          '200': {
            description: 'OK',
            headers: { 'X-Order': { schema: { type: 'string' } }, 'X-Spare': { schema: { type: 'string' } } },
          },
          '404': { description: 'No order' },
        },
        {
          default: { statusCode: '200', responseParameters: { 'method.response.header.X-Order': "'1'" } },
        },
      ),
    );
    const method = api.resources.find((r) => r.path === '/orders/{id}')!.methods.GET!;
    expect(method.methodResponses).toEqual({
      '200': {
        responseParameters: { 'method.response.header.X-Order': false, 'method.response.header.X-Spare': false },
      },
      '404': { responseParameters: {} },
    });
    const paths = exportOpenApi(api).paths as Record<string, Record<string, Record<string, unknown>>>;
    expect(paths['/orders/{id}']!.get!.responses).toEqual({
      '200': {
        description: '200 response',
        headers: { 'X-Order': { schema: { type: 'string' } }, 'X-Spare': { schema: { type: 'string' } } },
      },
      '404': { description: '404 response' },
    });
  });

  it('does not check proxy integrations, whose responses pass through', () => {
    const doc = {
      openapi: '3.0.1',
      info: { title: 'Proxy', version: '1' },
      paths: {
        '/{proxy+}': {
          'x-amazon-apigateway-any-method': {
            'x-amazon-apigateway-integration': {
              type: 'http_proxy',
              httpMethod: 'ANY',
              uri: 'https://backend.example/{proxy}',
            },
          },
        },
      },
    };
    expect(problemsOf(doc)).toEqual([]);
  });
});

describe('serving: only mapped headers reach the client; a status without a method response fails', () => {
  const backend = async () =>
    new Response('{"id": "7"}', {
      status: 200,
      headers: {
        'Content-Type': 'application/json',
        'X-Upstream': 'orders-v2',
        'Set-Cookie': 'session=abc',
        'Cache-Control': 'no-store',
      },
    });

  function serve(doc: unknown) {
    const gateway = new RestGateway({
      invoke: async () => ({ kind: 'result', payload: null, logs: [] }),
      fetch: backend,
    });
    const deployment = gateway.deploy(importOpenApi(doc, { apiId: 'abc123defg' }));
    gateway.putStage({ name: 'dev', deploymentId: deployment.id });
    return (path: string) => gateway.handle(new Request(`${URL_BASE}/dev${path}`));
  }

  it("drops the backend's headers unless responseParameters map them", async () => {
    const get = serve(
      definition(
        { '200': { description: 'OK', headers: { 'X-Served-By': { schema: { type: 'string' } } } } },
        {
          default: {
            statusCode: '200',
            responseParameters: { 'method.response.header.X-Served-By': 'integration.response.header.X-Upstream' },
          },
        },
      ),
    );
    const { response } = await get('/orders/7');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-served-by')).toBe('orders-v2');
    expect(response.headers.get('x-upstream')).toBeNull();
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('cache-control')).toBeNull();
    expect(await response.json()).toEqual({ id: '7' });
  });

  it('answers 500 when the selected integration response names a status without a method response', async () => {
    const get = serve(definition({ '200': { description: 'OK' } }, { default: { statusCode: '201' } }));
    const { response, trace } = await get('/orders/7');
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal server error' });
    expect(trace.errorDetail).toBe(
      'Execution failed due to configuration error: Output mapping refers to an invalid method response: 201',
    );
  });
});

describe('method responses beyond header mappings (review findings)', () => {
  it('refuses an integration response contentHandling other than the two conversions, as on the integration request', () => {
    const problems = problemsOf(
      definition(
        { '200': { description: 'OK' } },
        { default: { statusCode: '200', contentHandling: 'CONVERT_TO_BASE64' } },
      ),
    );
    expect(problems).toEqual([
      'paths["/orders/{id}"].get.responses["default"]: contentHandling must be CONVERT_TO_BINARY or CONVERT_TO_TEXT (it is "CONVERT_TO_BASE64")',
    ]);
  });

  it("treats responses with only `default` like no responses: the integration responses' statuses get method responses, so the method answers", async () => {
    const api = importOpenApi(definition({ default: { description: 'Anything' } }, { default: { statusCode: '200' } }));
    expect(api.resources.find((r) => r.path === '/orders/{id}')!.methods.GET!.methodResponses).toEqual({
      '200': { responseParameters: {} },
    });
  });

  it('reports a header $ref that does not resolve', () => {
    const problems = problemsOf(
      definition(
        { '200': { description: 'OK', headers: { 'X-Order': { $ref: '#/components/headers/Missing' } } } },
        { default: { statusCode: '200' } },
      ),
    );
    expect(problems).toEqual([
      'paths["/orders/{id}"].get.responses["200"].headers["X-Order"]: "#/components/headers/Missing" is not defined',
    ]);
  });

  it("keeps a proxy method's declared responses and required headers through export and re-import", () => {
    const doc = {
      openapi: '3.0.1',
      info: { title: 'Proxy', version: '1' },
      paths: {
        '/orders': {
          get: {
            responses: {
              '200': { description: 'OK' },
              '404': { description: 'No order', headers: { 'X-Id': { required: true, schema: { type: 'string' } } } },
            },
            'x-amazon-apigateway-integration': {
              type: 'http_proxy',
              httpMethod: 'GET',
              uri: 'https://backend.example/orders',
            },
          },
        },
      },
    };
    const exported = exportOpenApi(importOpenApi(doc));
    const responses = (
      exported.paths as Record<
        string,
        Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>
      >
    )['/orders']!.get!.responses;
    expect(Object.keys(responses)).toEqual(['200', '404']);
    expect(responses['404']!.headers).toEqual({ 'X-Id': { required: true, schema: { type: 'string' } } });
    expect(importOpenApi(exported).resources.find((r) => r.path === '/orders')!.methods.GET!.methodResponses).toEqual({
      '200': { responseParameters: {} },
      '404': { responseParameters: { 'method.response.header.X-Id': true } },
    });
  });
});

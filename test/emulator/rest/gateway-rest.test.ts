import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RestGateway, importOpenApi, type InvokeOutcome, type LambdaInvocation } from '../../../src/emulator/index.js';

const URL_BASE = 'https://abc123defg.execute-api.us-east-1.amazonaws.com';
const LAMBDA_URI =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fn/invocations';
const headersOf = (list: Array<[string, string]>) => Object.fromEntries(list);

function serve(
  doc: unknown,
  fn: (inv: LambdaInvocation) => InvokeOutcome = () => ({ kind: 'result', payload: null, logs: [] }),
  variables: Record<string, string> = {},
) {
  const invocations: LambdaInvocation[] = [];
  const gateway = new RestGateway({ invoke: async (inv) => (invocations.push(inv), fn(inv)) });
  const deployment = gateway.deploy(importOpenApi(doc, { apiId: 'abc123defg' }));
  gateway.putStage({ name: 'dev', deploymentId: deployment.id, variables });
  return { gateway, invocations };
}
const api = (paths: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  openapi: '3.0.1',
  info: { title: 'T', version: '1' },
  ...extra,
  paths,
});

/** The OPTIONS method the console's "Enable CORS" creates: a MOCK integration answering with the CORS headers. */
const corsOptions = {
  responses: {
    '200': {
      description: '200 response',
      headers: {
        'Access-Control-Allow-Methods': { schema: { type: 'string' } },
        'Access-Control-Allow-Headers': { schema: { type: 'string' } },
        'Access-Control-Allow-Origin': { schema: { type: 'string' } },
      },
    },
  },
  'x-amazon-apigateway-integration': {
    type: 'mock',
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
    passthroughBehavior: 'when_no_match',
    responses: {
      default: {
        statusCode: '200',
        responseParameters: {
          'method.response.header.Access-Control-Allow-Methods': "'GET,OPTIONS,POST'",
          'method.response.header.Access-Control-Allow-Headers':
            "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token'",
          'method.response.header.Access-Control-Allow-Origin': "'*'",
        },
      },
    },
  },
};

describe('MOCK integration (https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html)', () => {
  it("answers the console's CORS preflight with the mapped headers and an empty body, without a backend", async () => {
    const { gateway, invocations } = serve(api({ '/items': { options: corsOptions } }));
    const { response, trace } = await gateway.handle(
      new Request(`${URL_BASE}/dev/items`, { method: 'OPTIONS', headers: { Origin: 'https://example.com' } }),
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(headersOf(trace.responseHeaders)).toMatchObject({
      'Content-Type': 'application/json',
      'Content-Length': '0',
      'Access-Control-Allow-Methods': 'GET,OPTIONS,POST',
      'Access-Control-Allow-Origin': '*',
    });
    expect(invocations).toHaveLength(0);
    // No backend: the integration request (the template's output) but no Lambda event or result.
    expect(trace.integration).toMatchObject({
      type: 'MOCK',
      event: null,
      outcome: { kind: 'mock' },
      request: { url: null, body: '{"statusCode": 200}' },
    });
  });

  it('selects the integration response by the status the request template names', async () => {
    const doc = api({
      '/teapot': {
        get: {
          responses: { '200': { description: 'Coffee' }, '418': { description: 'A teapot' } },
          'x-amazon-apigateway-integration': {
            type: 'MOCK',
            requestTemplates: {
              'application/json': '{"statusCode": #if($input.params(\'brew\') == "tea")418#{else}200#end}',
            },
            responses: {
              default: { statusCode: '200', responseTemplates: { 'application/json': '{"brewed": "coffee"}' } },
              '418': {
                statusCode: '418',
                responseTemplates: { 'application/json': '{"message": "I am a teapot", "stage": "$context.stage"}' },
              },
            },
          },
        },
      },
    });
    const { gateway } = serve(doc);
    const tea = await gateway.handle(new Request(`${URL_BASE}/dev/teapot?brew=tea`));
    expect([tea.response.status, await tea.response.text()]).toEqual([
      418,
      '{"message": "I am a teapot", "stage": "dev"}',
    ]);
    const coffee = await gateway.handle(new Request(`${URL_BASE}/dev/teapot`));
    expect([coffee.response.status, await coffee.response.text()]).toEqual([200, '{"brewed": "coffee"}']);
  });
});

describe('Lambda custom integration (AWS)', () => {
  const doc = api({
    '/things/{id}': {
      post: {
        responses: {
          '200': { description: 'The thing', headers: { 'X-Thing-Kind': { schema: { type: 'string' } } } },
          '400': { description: 'Malformed' },
        },
        'x-amazon-apigateway-integration': {
          type: 'aws',
          httpMethod: 'POST',
          uri: LAMBDA_URI,
          passthroughBehavior: 'never',
          requestTemplates: {
            'application/json':
              '{"id": "$input.params(\'id\')", "name": $input.json(\'$.name\'), "requestId": "$context.requestId"}',
          },
          responses: {
            default: {
              statusCode: '200',
              responseParameters: { 'method.response.header.X-Thing-Kind': 'integration.response.body.kind' },
              responseTemplates: { 'application/json': '{"thing": $input.json(\'$\')}' },
            },
            'Malformed.*': {
              statusCode: '400',
              responseTemplates: { 'application/json': '{"error": "$input.path(\'$.errorMessage\')"}' },
            },
          },
        },
      },
    },
  });

  it("sends the request template's output as the event and maps the result through the response template", async () => {
    const { gateway, invocations } = serve(doc, (inv) => ({
      kind: 'result',
      payload: { ...(inv.event as object), kind: 'gizmo' },
      logs: ['hello'],
    }));
    const { response, trace } = await gateway.handle(
      new Request(`${URL_BASE}/dev/things/42`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"name": "Marco"}',
      }),
    );
    expect(invocations[0]!.event).toEqual({ id: '42', name: 'Marco', requestId: trace.requestId });
    expect(response.status).toBe(200);
    expect(JSON.parse(await response.text())).toEqual({
      thing: { id: '42', name: 'Marco', requestId: trace.requestId, kind: 'gizmo' },
    });
    expect(response.headers.get('x-thing-kind')).toBe('gizmo');
    expect(trace.integration).toMatchObject({
      type: 'AWS',
      functionName: 'fn',
      logs: ['hello'],
      request: { method: 'POST', url: LAMBDA_URI },
    });
    expect(trace.integration?.request?.body).toBe(`{"id": "42", "name": "Marco", "requestId": "${trace.requestId}"}`);
  });

  it('maps a function error whose errorMessage matches a selectionPattern (https://docs.aws.amazon.com/apigateway/latest/developerguide/handle-errors-in-lambda-integration.html)', async () => {
    const { gateway } = serve(doc, () => ({
      kind: 'error',
      error: { errorType: 'Error', errorMessage: 'Malformed input ...' },
      logs: [],
    }));
    const { response, trace } = await gateway.handle(
      new Request(`${URL_BASE}/dev/things/1`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"name": "x"}',
      }),
    );
    expect([response.status, await response.text()]).toEqual([400, '{"error": "Malformed input ..."}']);
    expect(trace.gatewayResponseType).toBeNull();
  });

  it('returns an unmatched function error through the default response, as 200', async () => {
    const { gateway } = serve(doc, () => ({
      kind: 'error',
      error: { errorType: 'Error', errorMessage: 'boom' },
      logs: [],
    }));
    const { response } = await gateway.handle(
      new Request(`${URL_BASE}/dev/things/1`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"name": "x"}',
      }),
    );
    expect(response.status).toBe(200);
    expect(JSON.parse(await response.text())).toEqual({ thing: { errorType: 'Error', errorMessage: 'boom' } });
  });

  it('answers 415 when passthroughBehavior is NEVER and no template matches (https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html)', async () => {
    const { gateway, invocations } = serve(doc);
    const { response, trace } = await gateway.handle(
      new Request(`${URL_BASE}/dev/things/1`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/xml' },
        body: '<a/>',
      }),
    );
    expect([response.status, await response.text()]).toEqual([415, '{"message": "Unsupported Media Type"}']);
    expect(trace.gatewayResponseType).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(invocations).toHaveLength(0);
  });
});

describe('HTTP and HTTP_PROXY integrations (a local endpoint)', () => {
  let server: Server;
  let port = 0;
  const seen: Array<{ method: string; url: string; headers: Record<string, unknown>; body: string }> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        if (req.url!.startsWith('/missing')) {
          res.writeHead(404, { 'Content-Type': 'application/json', 'X-Upstream': 'u' });
          res.end('{"error":"not here"}');
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/json', 'X-Upstream': 'u' });
        res.end(JSON.stringify({ path: req.url, got: body }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('HTTP: substitutes ${stageVariables.x} and mapped path parameters, sends the template output, maps the response', async () => {
    const doc = api({
      '/pets/{petId}': {
        post: {
          responses: {
            '200': { description: 'The pet', headers: { 'X-From': { schema: { type: 'string' } } } },
            '400': { description: 'Rejected' },
          },
          'x-amazon-apigateway-integration': {
            type: 'http',
            httpMethod: 'PUT',
            uri: 'http://${stageVariables.host}/animals/{id}',
            requestParameters: {
              'integration.request.path.id': 'method.request.path.petId',
              'integration.request.querystring.src': "'gateway'",
              'integration.request.header.X-Stage': 'context.stage',
            },
            requestTemplates: { 'application/json': '{"pet": $input.json(\'$\')}' },
            responses: {
              default: {
                statusCode: '200',
                responseParameters: { 'method.response.header.X-From': 'integration.response.header.X-Upstream' },
              },
              '4\\d{2}': {
                statusCode: '400',
                responseTemplates: { 'application/json': '{"upstream": $input.json(\'$.error\')}' },
              },
            },
          },
        },
      },
    });
    const { gateway } = serve(doc, undefined, { host: `127.0.0.1:${port}` });
    const { response, trace } = await gateway.handle(
      new Request(`${URL_BASE}/dev/pets/7`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"type":"dog"}',
      }),
    );
    expect(response.status).toBe(200);
    const last = seen[seen.length - 1]!;
    expect(last).toMatchObject({ method: 'PUT', url: '/animals/7?src=gateway', body: '{"pet": {"type":"dog"}}' });
    expect(last.headers['x-stage']).toBe('dev');
    expect(last.headers).toMatchObject({
      accept: 'application/json',
      'user-agent': 'AmazonAPIGateway_abc123defg',
      'x-amzn-apigateway-api-id': 'abc123defg',
    });
    expect(last.headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(JSON.parse(await response.text())).toEqual({
      path: '/animals/7?src=gateway',
      got: '{"pet": {"type":"dog"}}',
    });
    expect(response.headers.get('x-from')).toBe('u');
    expect(trace.integration?.request).toMatchObject({
      method: 'PUT',
      url: `http://127.0.0.1:${port}/animals/7?src=gateway`,
      body: '{"pet": {"type":"dog"}}',
    });

    const missing = serve(
      {
        ...doc,
        paths: {
          '/pets/{petId}': {
            post: {
              ...(doc.paths['/pets/{petId}'] as any).post,
              'x-amazon-apigateway-integration': {
                ...(doc.paths['/pets/{petId}'] as any).post['x-amazon-apigateway-integration'],
                uri: 'http://${stageVariables.host}/missing/{id}',
              },
            },
          },
        },
      },
      undefined,
      { host: `127.0.0.1:${port}` },
    );
    const r404 = await missing.gateway.handle(new Request(`${URL_BASE}/dev/pets/7`, { method: 'POST', body: '{}' }));
    expect([r404.response.status, await r404.response.text()]).toEqual([400, '{"upstream": "not here"}']);
  });

  it("HTTP_PROXY: passes method, greedy path, query and body through and returns the endpoint's status and headers", async () => {
    const doc = api({
      '/{proxy+}': {
        'x-amazon-apigateway-any-method': {
          'x-amazon-apigateway-integration': {
            type: 'http_proxy',
            httpMethod: 'ANY',
            uri: `http://127.0.0.1:${port}/{proxy}`,
            requestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy' },
          },
        },
      },
    });
    const { gateway } = serve(doc);
    const { response } = await gateway.handle(new Request(`${URL_BASE}/dev/missing/a/b?x=1`, { method: 'DELETE' }));
    expect(response.status).toBe(404);
    expect(response.headers.get('x-upstream')).toBe('u');
    expect(await response.text()).toBe('{"error":"not here"}');
    expect(seen[seen.length - 1]).toMatchObject({ method: 'DELETE', url: '/missing/a/b?x=1' });
  });

  it('uses the injected fetch', async () => {
    const calls: string[] = [];
    const gateway = new RestGateway({
      invoke: async () => ({ kind: 'result', payload: null, logs: [] }),
      fetch: async (input) => (
        calls.push(String(input)),
        new Response('{"ok":true}', { status: 200, headers: { 'Content-Type': 'application/json' } })
      ),
    });
    const doc = api({
      '/x': {
        get: {
          'x-amazon-apigateway-integration': {
            type: 'http_proxy',
            httpMethod: 'GET',
            uri: 'https://backend.example/x',
          },
        },
      },
    });
    const d = gateway.deploy(importOpenApi(doc));
    gateway.putStage({ name: 'dev', deploymentId: d.id });
    const { response } = await gateway.handle(new Request(`${URL_BASE}/dev/x`));
    expect([response.status, await response.text(), calls]).toEqual([
      200,
      '{"ok":true}',
      ['https://backend.example/x'],
    ]);
  });
});

describe('request validation (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-validation-test.html)', () => {
  const doc = api(
    {
      '/validation': {
        get: {
          parameters: [{ name: 'q1', in: 'query', required: true, schema: { type: 'string' } }],
          'x-amazon-apigateway-request-validator': 'params-only',
          'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: LAMBDA_URI },
        },
        post: {
          parameters: [{ name: 'h1', in: 'header', required: true, schema: { type: 'string' } }],
          requestBody: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/RequestBodyModel' } } },
          },
          'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: LAMBDA_URI },
        },
      },
    },
    {
      'x-amazon-apigateway-request-validators': {
        all: { validateRequestBody: true, validateRequestParameters: true },
        'params-only': { validateRequestBody: false, validateRequestParameters: true },
      },
      'x-amazon-apigateway-request-validator': 'all',
      components: {
        schemas: {
          RequestBodyModel: {
            type: 'object',
            properties: {
              type: { type: 'string', enum: ['dog', 'cat', 'fish'] },
              name: { type: 'string' },
              price: { type: 'number', minimum: 25, maximum: 500 },
            },
            required: ['type', 'name', 'price'],
          },
        },
      },
    },
  );
  const ok = () => ({ kind: 'result' as const, payload: { statusCode: 200, body: 'passed' }, logs: [] });

  it.each([
    ['GET /validation?q1=cat', 'GET', '/validation?q1=cat', {}, undefined, 200, 'passed'],
    [
      'GET /validation',
      'GET',
      '/validation',
      {},
      undefined,
      400,
      '{"message": "Missing required request parameters: [q1]"}',
    ],
    [
      'GET /validation?q1=',
      'GET',
      '/validation?q1=',
      {},
      undefined,
      400,
      '{"message": "Missing required request parameters: [q1]"}',
    ],
    [
      'POST with h1',
      'POST',
      '/validation',
      { h1: 'v1', 'Content-Type': 'application/json' },
      '{"name":"Marco","type":"dog","price":260}',
      200,
      'passed',
    ],
    [
      'POST without h1',
      'POST',
      '/validation',
      { 'Content-Type': 'application/json' },
      '{"name":"Marco","type":"dog","price":260}',
      400,
      '{"message": "Missing required request parameters: [h1]"}',
    ],
    [
      'POST with type bird',
      'POST',
      '/validation',
      { h1: 'v1', 'Content-Type': 'application/json' },
      '{"name":"Molly","type":"bird","price":269}',
      400,
      '{"message": "Invalid request body"}',
    ],
  ])('%s', async (_name, method, path, headers, body, status, text) => {
    const { gateway, invocations } = serve(doc, ok);
    const { response, trace } = await gateway.handle(new Request(`${URL_BASE}/dev${path}`, { method, headers, body }));
    expect([response.status, await response.text()]).toEqual([status, text]);
    if (status === 400) {
      expect(invocations).toHaveLength(0);
      expect(response.headers.get('x-amzn-errortype')).toBe('BadRequestException');
      expect(trace.gatewayResponseType).toMatch(/^BAD_REQUEST_(PARAMETERS|BODY)$/);
    }
  });
});

describe('customised gateway responses (x-amazon-apigateway-gateway-responses)', () => {
  it("adds DEFAULT_4XX headers to Missing Authentication Token and renders a type's own template", async () => {
    const doc = api(
      {
        '/items': {
          get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: LAMBDA_URI } },
        },
      },
      {
        'x-amazon-apigateway-gateway-responses': {
          DEFAULT_4XX: { responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" } },
          DEFAULT_5XX: {
            statusCode: '503',
            responseTemplates: {
              'application/json': '{"error": $context.error.messageString, "requestId": "$context.requestId"}',
            },
          },
        },
      },
    );
    const { gateway } = serve(doc, () => ({
      kind: 'error',
      error: { errorType: 'Error', errorMessage: 'x' },
      logs: [],
    }));
    const missing = await gateway.handle(new Request(`${URL_BASE}/dev/nothing`));
    expect([missing.response.status, await missing.response.text()]).toEqual([
      403,
      '{"message":"Missing Authentication Token"}',
    ]);
    expect(missing.response.headers.get('access-control-allow-origin')).toBe('*');
    expect(missing.response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    const failed = await gateway.handle(new Request(`${URL_BASE}/dev/items`));
    expect([failed.response.status, await failed.response.text()]).toEqual([
      503,
      `{"error": "Internal server error", "requestId": "${failed.trace.requestId}"}`,
    ]);
  });
});

describe('the items example\'s CORS preflight (the OPTIONS methods "Enable CORS" creates)', () => {
  it('answers OPTIONS /items and /items/{id} from the MOCK integration', async () => {
    const { readFileSync } = await import('node:fs');
    const { parse } = await import('yaml');
    const { gateway, invocations } = serve(parse(readFileSync('examples/items/openapi.yaml', 'utf8')));
    for (const [path, methods] of [
      ['/dev/items', 'GET,OPTIONS,POST'],
      ['/dev/items/1', 'GET,OPTIONS'],
    ] as const) {
      const { response } = await gateway.handle(
        new Request(`${URL_BASE}${path}`, {
          method: 'OPTIONS',
          headers: { Origin: 'https://example.com', 'Access-Control-Request-Method': 'POST' },
        }),
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-methods')).toBe(methods);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-headers')).toBe(
        'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token',
      );
    }
    expect(invocations).toHaveLength(0);
  });
});

describe('stage variables in a Lambda integration URI (https://docs.aws.amazon.com/apigateway/latest/developerguide/stage-variables.html)', () => {
  it('invokes the function a stage variable names', async () => {
    const uri =
      'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}/invocations';
    const doc = api({
      '/a': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri } } },
    });
    const { gateway, invocations } = serve(
      doc,
      () => ({ kind: 'result', payload: { statusCode: 200, body: 'hi' }, logs: [] }),
      { fn: 'real_fn' },
    );
    const { response, trace } = await gateway.handle(new Request(`${URL_BASE}/dev/a`));
    expect([response.status, await response.text()]).toEqual([200, 'hi']);
    expect(invocations[0]!.functionName).toBe('real_fn');
    expect(trace.integration?.functionName).toBe('real_fn');
  });
});

describe('request validation with referenced parameters', () => {
  it('resolves $ref to components.parameters', async () => {
    const doc = api(
      {
        '/r': {
          get: {
            parameters: [{ $ref: '#/components/parameters/Page' }],
            'x-amazon-apigateway-request-validator': 'params',
            'x-amazon-apigateway-integration': {
              type: 'mock',
              requestTemplates: { 'application/json': '{"statusCode": 200}' },
              responses: { default: { statusCode: '200' } },
            },
          },
        },
      },
      {
        'x-amazon-apigateway-request-validators': {
          params: { validateRequestParameters: true, validateRequestBody: false },
        },
        components: {
          parameters: { Page: { name: 'page', in: 'query', required: true, schema: { type: 'integer' } } },
        },
      },
    );
    const { gateway } = serve(doc);
    const missing = await gateway.handle(new Request(`${URL_BASE}/dev/r`));
    expect([missing.response.status, await missing.response.text()]).toEqual([
      400,
      '{"message": "Missing required request parameters: [page]"}',
    ]);
    expect((await gateway.handle(new Request(`${URL_BASE}/dev/r?page=2`))).response.status).toBe(200);
  });
});

describe('binary payloads through an HTTP integration (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html)', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00]);
  const gatewayWith = (contentHandling?: string) => {
    const gateway = new RestGateway({
      invoke: async () => ({ kind: 'result', payload: null, logs: [] }),
      fetch: async () => new Response(png, { status: 200, headers: { 'Content-Type': 'image/png' } }),
    });
    const doc = api(
      {
        '/img': {
          get: {
            responses: {
              '200': { description: 'The image', headers: { 'Content-Type': { schema: { type: 'string' } } } },
            },
            'x-amazon-apigateway-integration': {
              type: 'http',
              httpMethod: 'GET',
              uri: 'https://images.example/img.png',
              responses: {
                default: {
                  statusCode: '200',
                  ...(contentHandling ? { contentHandling } : {}),
                  responseParameters: {
                    'method.response.header.Content-Type': 'integration.response.header.Content-Type',
                  },
                },
              },
            },
          },
        },
      },
      { 'x-amazon-apigateway-binary-media-types': ['image/png'] },
    );
    const d = gateway.deploy(importOpenApi(doc));
    gateway.putStage({ name: 'dev', deploymentId: d.id });
    return gateway;
  };

  it('passes the bytes through to a client that accepts image/png when there is no template', async () => {
    const { response } = await gatewayWith().handle(
      new Request(`${URL_BASE}/dev/img`, { headers: { Accept: 'image/png' } }),
    );
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(png);
  });

  it('CONVERT_TO_TEXT sends them base64-encoded', async () => {
    const { response } = await gatewayWith('CONVERT_TO_TEXT').handle(
      new Request(`${URL_BASE}/dev/img`, { headers: { Accept: 'image/png' } }),
    );
    expect(await response.text()).toBe(btoa(String.fromCharCode(...png)));
  });
});

describe('asynchronous Lambda invocation (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-integration-async.html)', () => {
  it("answers at once through the default response when X-Amz-Invocation-Type is 'Event'", async () => {
    const doc = api({
      '/jobs': {
        post: {
          'x-amazon-apigateway-integration': {
            type: 'aws',
            httpMethod: 'POST',
            uri: LAMBDA_URI,
            requestParameters: { 'integration.request.header.X-Amz-Invocation-Type': "'Event'" },
            requestTemplates: { 'application/json': '{"job": $input.json(\'$\')}' },
            responses: {
              default: { statusCode: '202', responseTemplates: { 'application/json': '{"accepted": true}' } },
            },
          },
        },
      },
    });
    let release: () => void = () => {};
    const { gateway, invocations } = serve(doc, () => {
      return new Promise<InvokeOutcome>(
        (resolve) => (release = () => resolve({ kind: 'result', payload: 'late', logs: [] })),
      ) as unknown as InvokeOutcome;
    });
    const { response } = await gateway.handle(
      new Request(`${URL_BASE}/dev/jobs`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"n": 1}',
      }),
    );
    expect([response.status, await response.text()]).toEqual([202, '{"accepted": true}']);
    expect(invocations[0]!.event).toEqual({ job: { n: 1 } });
    release();
  });
});

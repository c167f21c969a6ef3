import { describe, expect, it } from 'vitest';
import { RestGateway, importOpenApi, type LambdaInvocation } from '../../../src/emulator/index.js';
import { convertPayload, fromBase64Payload, templateInputOf } from '../../../src/emulator/rest/content-handling.js';

/**
 * The request and response tables of "Content type conversions in API Gateway", row by row:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html
 */
const PAGE = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html';
const URL_BASE = 'https://abc123defg.execute-api.us-east-1.amazonaws.com';
const LAMBDA_URI =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fn/invocations';

const UTF8 = new TextEncoder();
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00]);
const PNG_BASE64 = btoa(String.fromCharCode(...PNG));
const HELLO = UTF8.encode('hello');
const HELLO_BASE64 = 'aGVsbG8=';
/** What a text payload becomes of PNG's bytes: a UTF-8 string, the invalid bytes replaced. */
const PNG_AS_TEXT = UTF8.encode(new TextDecoder().decode(PNG));

type ContentHandling = 'CONVERT_TO_TEXT' | 'CONVERT_TO_BINARY' | undefined;
const bytesOf = async (r: Request | Response) => new Uint8Array(await r.arrayBuffer());

function deploy(doc: unknown, deps: ConstructorParameters<typeof RestGateway>[0]) {
  const gateway = new RestGateway(deps);
  const deployment = gateway.deploy(importOpenApi(doc, { apiId: 'abc123defg' }));
  gateway.putStage({ name: 'dev', deploymentId: deployment.id });
  return gateway;
}

const api = (binaryMediaTypes: string[] | undefined, operation: Record<string, unknown>) => ({
  openapi: '3.0.1',
  info: { title: 'Binary', version: '1' },
  ...(binaryMediaTypes ? { 'x-amazon-apigateway-binary-media-types': binaryMediaTypes } : {}),
  paths: {
    '/upload': {
      post: {
        responses: { '200': { description: 'OK', headers: { 'Content-Type': { schema: { type: 'string' } } } } },
        ...operation,
      },
    },
  },
});

/** An HTTP integration that records the body the endpoint receives. */
function httpUpload(
  binaryMediaTypes: string[] | undefined,
  contentHandling: ContentHandling,
  requestTemplates?: Record<string, string>,
) {
  const received: Uint8Array[] = [];
  const gateway = deploy(
    api(binaryMediaTypes, {
      'x-amazon-apigateway-integration': {
        type: 'http',
        httpMethod: 'POST',
        uri: 'https://backend.example/upload',
        passthroughBehavior: 'when_no_match',
        ...(contentHandling ? { contentHandling } : {}),
        ...(requestTemplates ? { requestTemplates } : {}),
        responses: { default: { statusCode: '200' } },
      },
    }),
    {
      invoke: async () => ({ kind: 'result', payload: null, logs: [] }),
      fetch: async (input, init) => {
        received.push(await bytesOf(new Request(input, init)));
        return new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } });
      },
    },
  );
  const send = async (body: Uint8Array, contentType: string) =>
    gateway.handle(
      new Request(`${URL_BASE}/dev/upload`, {
        method: 'POST',
        body: body as BodyInit,
        headers: { 'Content-Type': contentType },
      }),
    );
  return { send, received };
}

describe(`request payloads: Integration.contentHandling × binaryMediaTypes × Content-Type (${PAGE})`, () => {
  const rows: Array<[string, string[] | undefined, ContentHandling, Uint8Array, string, Uint8Array]> = [
    [
      'text data, any type, binaryMediaTypes undefined, contentHandling undefined → UTF8-encoded string',
      undefined,
      undefined,
      HELLO,
      'text/plain',
      HELLO,
    ],
    [
      'text data, any type, binaryMediaTypes undefined, CONVERT_TO_BINARY → Base64-decoded binary blob',
      undefined,
      'CONVERT_TO_BINARY',
      UTF8.encode(PNG_BASE64),
      'text/plain',
      PNG,
    ],
    [
      'text data, any type, binaryMediaTypes undefined, CONVERT_TO_TEXT → UTF8-encoded string',
      undefined,
      'CONVERT_TO_TEXT',
      HELLO,
      'text/plain',
      HELLO,
    ],
    [
      'text data, a text type, binaryMediaTypes set, contentHandling undefined → text data',
      ['image/png'],
      undefined,
      HELLO,
      'text/plain',
      HELLO,
    ],
    [
      'text data, a text type, binaryMediaTypes set, CONVERT_TO_BINARY → Base64-decoded binary blob',
      ['image/png'],
      'CONVERT_TO_BINARY',
      UTF8.encode(PNG_BASE64),
      'text/plain',
      PNG,
    ],
    [
      'text data, a text type, binaryMediaTypes set, CONVERT_TO_TEXT → text data',
      ['image/png'],
      'CONVERT_TO_TEXT',
      HELLO,
      'text/plain',
      HELLO,
    ],
    [
      'binary data, a binary type, binaryMediaTypes set, contentHandling undefined → binary data',
      ['image/png'],
      undefined,
      PNG,
      'image/png',
      PNG,
    ],
    [
      'binary data, a binary type, binaryMediaTypes set, CONVERT_TO_BINARY → binary data',
      ['image/png'],
      'CONVERT_TO_BINARY',
      PNG,
      'image/png',
      PNG,
    ],
    [
      'binary data, a binary type, binaryMediaTypes set, CONVERT_TO_TEXT → Base64-encoded string',
      ['image/png'],
      'CONVERT_TO_TEXT',
      PNG,
      'image/png',
      UTF8.encode(PNG_BASE64),
    ],
  ];
  it.each(rows)('%s', async (_row, binaryMediaTypes, contentHandling, body, contentType, expected) => {
    const { send, received } = httpUpload(binaryMediaTypes, contentHandling);
    const { response } = await send(body, contentType);
    expect(response.status).toBe(200);
    expect(received).toEqual([expected]);
  });

  it('binaryMediaTypes match by wildcard (image/*) and ignore Content-Type parameters', async () => {
    const { send, received } = httpUpload(['image/*'], 'CONVERT_TO_TEXT');
    await send(PNG, 'image/png; charset=binary');
    expect(received).toEqual([UTF8.encode(PNG_BASE64)]);
  });

  it('bytes whose Content-Type is not a binary media type are text: a UTF-8 string, invalid bytes replaced', async () => {
    const { send, received } = httpUpload(undefined, undefined);
    await send(PNG, 'image/png');
    expect(received).toEqual([PNG_AS_TEXT]);
  });

  it('CONVERT_TO_BINARY on text that is not base64 answers 500 (an API configuration error) without calling the endpoint', async () => {
    const { send, received } = httpUpload(undefined, 'CONVERT_TO_BINARY');
    const { response, trace } = await send(UTF8.encode('not base64!'), 'text/plain');
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal server error' });
    expect(received).toEqual([]);
    expect(trace.errorDetail).toContain('Unable to base64-decode the request body');
  });
});

describe(`request mapping templates: a binary payload reaches $input.body base64-encoded through CONVERT_TO_TEXT, and not at all without it (${PAGE})`, () => {
  function lambdaUpload(binaryMediaTypes: string[] | undefined, contentHandling: ContentHandling) {
    const invocations: LambdaInvocation[] = [];
    const gateway = deploy(
      api(binaryMediaTypes, {
        'x-amazon-apigateway-integration': {
          type: 'aws',
          httpMethod: 'POST',
          uri: LAMBDA_URI,
          ...(contentHandling ? { contentHandling } : {}),
          requestTemplates: { 'image/png': '{"data": "$input.body"}', 'text/plain': '{"data": "$input.body"}' },
          responses: { default: { statusCode: '200' } },
        },
      }),
      { invoke: async (inv) => (invocations.push(inv), { kind: 'result', payload: { ok: true }, logs: [] }) },
    );
    const send = (body: Uint8Array, contentType: string) =>
      gateway.handle(
        new Request(`${URL_BASE}/dev/upload`, {
          method: 'POST',
          body: body as BodyInit,
          headers: { 'Content-Type': contentType },
        }),
      );
    return { send, invocations };
  }

  it('CONVERT_TO_TEXT: the Lambda event carries the binary payload as its base64 string (the documented "Convert binary data to text data" set-up)', async () => {
    const { send, invocations } = lambdaUpload(['image/png'], 'CONVERT_TO_TEXT');
    const { response } = await send(PNG, 'image/png');
    expect(response.status).toBe(200);
    expect(invocations[0]!.event).toEqual({ data: PNG_BASE64 });
  });

  it.each([undefined, 'CONVERT_TO_BINARY'] as const)(
    'contentHandling %s: a binary payload stays binary and the template cannot transform it: 500 "Unable to transform request" (AWS execution log quoted in aws/serverless-application-model#553)',
    async (contentHandling) => {
      const { send, invocations } = lambdaUpload(['image/png'], contentHandling);
      const { response, trace } = await send(PNG, 'image/png');
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ message: 'Internal server error' });
      expect(trace.errorDetail).toMatch(/^Execution failed due to configuration error: Unable to transform request/);
      expect(invocations).toEqual([]);
    },
  );

  it('a text payload reaches the template as it is, CONVERT_TO_TEXT or not', async () => {
    const { send, invocations } = lambdaUpload(['image/png'], 'CONVERT_TO_TEXT');
    await send(HELLO, 'text/plain');
    expect(invocations[0]!.event).toEqual({ data: 'hello' });
  });

  it('binaryMediaTypes */* makes every payload binary: a text body reaches the template only through CONVERT_TO_TEXT, base64-encoded', async () => {
    expect((await lambdaUpload(['*/*'], undefined).send(HELLO, 'text/plain')).response.status).toBe(500);
    const { send, invocations } = lambdaUpload(['*/*'], 'CONVERT_TO_TEXT');
    await send(HELLO, 'text/plain');
    expect(invocations[0]!.event).toEqual({ data: HELLO_BASE64 });
  });

  it("binaryMediaTypes */* breaks the console's MOCK CORS preflight (no body, no Content-Type: application/json) until its integration has CONVERT_TO_TEXT", async () => {
    const preflight = (contentHandling: ContentHandling) =>
      deploy(
        {
          openapi: '3.0.1',
          info: { title: 'CORS', version: '1' },
          'x-amazon-apigateway-binary-media-types': ['*/*'],
          paths: {
            '/items': {
              options: {
                responses: {
                  '200': {
                    description: 'CORS',
                    headers: { 'Access-Control-Allow-Origin': { schema: { type: 'string' } } },
                  },
                },
                'x-amazon-apigateway-integration': {
                  type: 'mock',
                  ...(contentHandling ? { contentHandling } : {}),
                  requestTemplates: { 'application/json': '{"statusCode": 200}' },
                  // The console's preflight has an (empty) response template, which still renders once the request side is fixed.
                  responses: {
                    default: {
                      statusCode: '200',
                      responseParameters: { 'method.response.header.Access-Control-Allow-Origin': "'*'" },
                      responseTemplates: { 'application/json': '' },
                    },
                  },
                },
              },
            },
          },
        },
        { invoke: async () => ({ kind: 'result', payload: null, logs: [] }) },
      ).handle(
        new Request(`${URL_BASE}/dev/items`, {
          method: 'OPTIONS',
          headers: { Origin: 'https://example.com', Accept: '*/*' },
        }),
      );
    expect((await preflight(undefined)).response.status).toBe(500);
    const { response } = await preflight('CONVERT_TO_TEXT');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('CONVERT_TO_BINARY base64-decodes what the template produced from a text payload (AWS documents no template for it: the text → binary row applied to the template output)', async () => {
    const { send, received } = httpUpload(['image/png'], 'CONVERT_TO_BINARY', { 'text/plain': '$input.body' });
    await send(UTF8.encode(PNG_BASE64), 'text/plain');
    expect(received).toEqual([PNG]);
  });
});

/** An HTTP integration whose endpoint answers with the given body and Content-Type. */
function httpDownload(
  binaryMediaTypes: string[] | undefined,
  contentHandling: ContentHandling,
  body: Uint8Array,
  contentType: string,
  responseTemplates?: Record<string, string>,
) {
  const gateway = deploy(
    {
      openapi: '3.0.1',
      info: { title: 'Download', version: '1' },
      ...(binaryMediaTypes ? { 'x-amazon-apigateway-binary-media-types': binaryMediaTypes } : {}),
      paths: {
        '/file': {
          get: {
            responses: { '200': { description: 'OK', headers: { 'Content-Type': { schema: { type: 'string' } } } } },
            'x-amazon-apigateway-integration': {
              type: 'http',
              httpMethod: 'GET',
              uri: 'https://backend.example/file',
              responses: {
                default: {
                  statusCode: '200',
                  ...(contentHandling ? { contentHandling } : {}),
                  ...(responseTemplates ? { responseTemplates } : {}),
                  responseParameters: {
                    'method.response.header.Content-Type': 'integration.response.header.Content-Type',
                  },
                },
              },
            },
          },
        },
      },
    },
    {
      invoke: async () => ({ kind: 'result', payload: null, logs: [] }),
      fetch: async () => new Response(body as BodyInit, { status: 200, headers: { 'Content-Type': contentType } }),
    },
  );
  return (accept: string) => gateway.handle(new Request(`${URL_BASE}/dev/file`, { headers: { Accept: accept } }));
}

describe(`response payloads: IntegrationResponse.contentHandling × binaryMediaTypes × Accept (${PAGE})`, () => {
  // Text data is the base64 of PNG (text/plain); binary data is PNG itself (image/png, one of the binaryMediaTypes when set).
  const TEXT = UTF8.encode(PNG_BASE64);
  const rows: Array<[string, string[] | undefined, ContentHandling, Uint8Array, string, string, Uint8Array]> = [
    [
      'text data, a text Accept, binaryMediaTypes undefined, contentHandling undefined → UTF8-encoded string',
      undefined,
      undefined,
      TEXT,
      'text/plain',
      'text/plain',
      TEXT,
    ],
    [
      'binary data, a text Accept, binaryMediaTypes undefined, contentHandling undefined → UTF8-encoded string',
      undefined,
      undefined,
      PNG,
      'image/png',
      'text/plain',
      PNG_AS_TEXT,
    ],
    [
      'text data, a text Accept, binaryMediaTypes undefined, CONVERT_TO_BINARY → Base64-decoded blob',
      undefined,
      'CONVERT_TO_BINARY',
      TEXT,
      'text/plain',
      'text/plain',
      PNG,
    ],
    [
      'text data, a text Accept, binaryMediaTypes undefined, CONVERT_TO_TEXT → UTF8-encoded string',
      undefined,
      'CONVERT_TO_TEXT',
      TEXT,
      'text/plain',
      'text/plain',
      TEXT,
    ],
    [
      'text data, a text Accept, binaryMediaTypes set, contentHandling undefined → text data',
      ['image/png'],
      undefined,
      TEXT,
      'text/plain',
      'text/plain',
      TEXT,
    ],
    [
      'text data, a text Accept, binaryMediaTypes set, CONVERT_TO_BINARY → Base64-decoded blob',
      ['image/png'],
      'CONVERT_TO_BINARY',
      TEXT,
      'text/plain',
      'text/plain',
      PNG,
    ],
    [
      'text data, a text Accept, binaryMediaTypes set, CONVERT_TO_TEXT → UTF8-encoded string',
      ['image/png'],
      'CONVERT_TO_TEXT',
      TEXT,
      'text/plain',
      'text/plain',
      TEXT,
    ],
    [
      'text data, a binary Accept, binaryMediaTypes set, contentHandling undefined → Base64-decoded blob',
      ['image/png'],
      undefined,
      TEXT,
      'text/plain',
      'image/png',
      PNG,
    ],
    [
      'text data, a binary Accept, binaryMediaTypes set, CONVERT_TO_BINARY → Base64-decoded blob',
      ['image/png'],
      'CONVERT_TO_BINARY',
      TEXT,
      'text/plain',
      'image/png',
      PNG,
    ],
    [
      'text data, a binary Accept, binaryMediaTypes set, CONVERT_TO_TEXT → UTF8-encoded string',
      ['image/png'],
      'CONVERT_TO_TEXT',
      TEXT,
      'text/plain',
      'image/png',
      TEXT,
    ],
    [
      'binary data, a text Accept, binaryMediaTypes set, contentHandling undefined → Base64-encoded string',
      ['image/png'],
      undefined,
      PNG,
      'image/png',
      'text/plain',
      TEXT,
    ],
    [
      'binary data, a text Accept, binaryMediaTypes set, CONVERT_TO_BINARY → binary data',
      ['image/png'],
      'CONVERT_TO_BINARY',
      PNG,
      'image/png',
      'text/plain',
      PNG,
    ],
    [
      'binary data, a text Accept, binaryMediaTypes set, CONVERT_TO_TEXT → Base64-encoded string',
      ['image/png'],
      'CONVERT_TO_TEXT',
      PNG,
      'image/png',
      'text/plain',
      TEXT,
    ],
    [
      'binary data, a binary Accept, binaryMediaTypes set, contentHandling undefined → binary data',
      ['image/png'],
      undefined,
      PNG,
      'image/png',
      'image/png',
      PNG,
    ],
    [
      'binary data, a binary Accept, binaryMediaTypes set, CONVERT_TO_BINARY → binary data',
      ['image/png'],
      'CONVERT_TO_BINARY',
      PNG,
      'image/png',
      'image/png',
      PNG,
    ],
    [
      'binary data, a binary Accept, binaryMediaTypes set, CONVERT_TO_TEXT → Base64-encoded string',
      ['image/png'],
      'CONVERT_TO_TEXT',
      PNG,
      'image/png',
      'image/png',
      TEXT,
    ],
  ];
  it.each(rows)('%s', async (_row, binaryMediaTypes, contentHandling, body, contentType, accept, expected) => {
    const { response } = await httpDownload(binaryMediaTypes, contentHandling, body, contentType)(accept);
    expect(response.status).toBe(200);
    expect(await bytesOf(response)).toEqual(expected);
  });

  it('only the first Accept media type counts ("API Gateway only honors the first Accept media type")', async () => {
    const get = httpDownload(['image/png'], undefined, PNG, 'image/png');
    expect(await bytesOf((await get('text/html, image/png')).response)).toEqual(UTF8.encode(PNG_BASE64));
    expect(await bytesOf((await get('image/png, text/html')).response)).toEqual(PNG);
  });

  it('text that is not base64, for a binary Accept, answers 500 (the conversion failed)', async () => {
    const { response } = await httpDownload(['image/png'], undefined, HELLO, 'text/plain')('image/png');
    expect(response.status).toBe(500);
  });

  it('a response template reads a binary payload as base64 in $input.body with CONVERT_TO_TEXT, and as its bytes without (AWS documents no failure on the response side)', async () => {
    const template = { 'application/json': '{"png": "$input.body"}' };
    const { response } = await httpDownload(
      ['image/png'],
      'CONVERT_TO_TEXT',
      PNG,
      'image/png',
      template,
    )('application/json');
    expect(await response.json()).toEqual({ png: PNG_BASE64 });
    const raw = await httpDownload(['image/png'], undefined, PNG, 'image/png', template)('application/json');
    expect(raw.response.status).toBe(200);
    expect(await raw.response.text()).toBe(`{"png": "${new TextDecoder().decode(PNG)}"}`);
  });

  it('a Lambda custom integration returning a base64 string: CONVERT_TO_BINARY sends the decoded bytes (the documented "Convert text data to a binary payload")', async () => {
    const gateway = deploy(
      {
        openapi: '3.0.1',
        info: { title: 'Lambda image', version: '1' },
        'x-amazon-apigateway-binary-media-types': ['application/octet-stream'],
        paths: {
          '/image': {
            get: {
              responses: { '200': { description: 'OK' } },
              'x-amazon-apigateway-integration': {
                type: 'aws',
                httpMethod: 'POST',
                uri: LAMBDA_URI,
                responses: { default: { statusCode: '200', contentHandling: 'CONVERT_TO_BINARY' } },
              },
            },
          },
        },
      },
      { invoke: async () => ({ kind: 'result', payload: PNG_BASE64, logs: [] }) },
    );
    const { response } = await gateway.handle(
      new Request(`${URL_BASE}/dev/image`, { headers: { Accept: 'application/octet-stream' } }),
    );
    expect(response.status).toBe(200);
    expect(await bytesOf(response)).toEqual(PNG);
  });
});

describe('payload helpers', () => {
  it("base64 decoding ignores whitespace and a JSON string's quotes and refuses anything else", () => {
    expect(fromBase64Payload(`"${HELLO_BASE64}"`)).toEqual(HELLO);
    expect(fromBase64Payload('aGVs\nbG8=')).toEqual(HELLO);
    expect(fromBase64Payload('hello world!')).toBeNull();
  });

  it('converting text to text keeps valid UTF-8 as it is', () => {
    const text = UTF8.encode('héllo ✓');
    expect(convertPayload({ kind: 'text', bytes: text }, 'text')?.bytes).toEqual(text);
    expect(templateInputOf({ kind: 'binary', bytes: HELLO }, 'CONVERT_TO_TEXT')).toBe(HELLO_BASE64);
    expect(templateInputOf({ kind: 'binary', bytes: HELLO }, undefined)).toBeNull();
    expect(templateInputOf({ kind: 'text', bytes: HELLO }, 'CONVERT_TO_BINARY')).toBe('hello');
  });
});

import { describe, expect, it } from 'vitest';
import type { TemplateRequest } from '../../../../src/emulator/rest/context.js';
import { GATEWAY_RESPONSES } from '../../../../src/emulator/rest/gateway-responses.js';
import {
  buildHttpRequest,
  fetchWithTimeout,
  settleHttpCall,
  type HttpRequestToSend,
} from '../../../../src/emulator/rest/integrations/http-call.js';
import type { HttpIntegration } from '../../../../src/emulator/rest/model.js';
import type { MappedParameters } from '../../../../src/emulator/rest/request-params.js';
import { gatewayErrorOfSync } from '../steps/context-helper.js';
import { calling, text } from './integration-helper.js';

const TRACE_ID = 'Root=1-6b081f40-0123456789abcdef01234567';
const utf8 = (s: string) => new TextEncoder().encode(s);

const integrationOf = (extra: Partial<HttpIntegration>): HttpIntegration => ({
  type: 'HTTP',
  uri: 'http://backend.local/',
  httpMethod: 'GET',
  timeoutMs: 1000,
  requestTemplates: {},
  passthroughBehavior: 'WHEN_NO_MATCH',
  requestParameters: {},
  responses: [],
  ...extra,
});

const requestOf = (extra: Partial<TemplateRequest> = {}): TemplateRequest => ({
  method: 'GET',
  path: '/things/7',
  rawQuery: '',
  headers: [],
  body: null,
  pathParameters: null,
  stageVariables: {},
  context: { apiId: 'abc123defg' },
  traceId: TRACE_ID,
  ...extra,
});

const NOTHING: MappedParameters = { header: {}, querystring: {}, path: {} };
const NO_PARAMS = { path: {}, querystring: {}, header: {} };

/** buildHttpRequest, failing the test when it gives an error. */
function build(
  integration: HttpIntegration,
  request: TemplateRequest,
  mapped: Partial<MappedParameters> = {},
  payload = new Uint8Array(),
  params = NO_PARAMS,
): HttpRequestToSend {
  const sent = buildHttpRequest(integration, request, { ...NOTHING, ...mapped }, payload, params);
  if ('error' in sent) throw new Error(sent.error);
  return sent;
}

describe('buildHttpRequest: the URL', () => {
  it('puts stage variables and mapped path parameters, each encoded as one segment, in the endpoint URI', () => {
    const sent = build(
      integrationOf({ uri: 'http://${stageVariables.host}/items/{id}' }),
      requestOf({ stageVariables: { host: 'backend.local:8080' } }),
      { path: { id: 'a b/c' } },
    );
    expect(sent.url).toBe('http://backend.local:8080/items/a%20b%2Fc');
  });

  it('keeps the slashes of a greedy {proxy+} value, each segment encoded', () => {
    const sent = build(integrationOf({ uri: 'http://backend.local/{proxy+}' }), requestOf(), {
      path: { proxy: 'a/b c/d' },
    });
    expect(sent.url).toBe('http://backend.local/a/b%20c/d');
  });

  it("fills an HTTP_PROXY's placeholders from the method request's path parameters; an HTTP's stay unmapped", () => {
    const params = { ...NO_PARAMS, path: { id: '7', proxy: 'x/y' } };
    const uri = 'http://backend.local/{proxy+}/{id}';
    const proxy = build(integrationOf({ type: 'HTTP_PROXY', uri }), requestOf(), {}, undefined, params);
    expect(proxy.url).toBe('http://backend.local/x/y/7');
    const http = build(integrationOf({ uri }), requestOf(), {}, undefined, params);
    expect(http.url).toBe('http://backend.local/%7Bproxy+%7D/%7Bid%7D');
  });

  it("passes an HTTP_PROXY's query string through, mapped values set on top; an HTTP sends only the mapped ones", () => {
    const request = requestOf({ rawQuery: 'a=1&a=2&b=x+y' });
    const mapped = { querystring: { b: 'mapped', c: '3' } };
    expect(build(integrationOf({ type: 'HTTP_PROXY' }), request, mapped).url).toBe(
      'http://backend.local/?a=1&a=2&b=mapped&c=3',
    );
    expect(build(integrationOf({}), request, mapped).url).toBe('http://backend.local/?b=mapped&c=3');
  });

  it('gives an error, not a request, for an endpoint URI that is not a URL', () => {
    const sent = buildHttpRequest(
      integrationOf({ uri: '${stageVariables.host}/items' }),
      requestOf({ stageVariables: { host: 'backend' } }),
      NOTHING,
      new Uint8Array(),
      NO_PARAMS,
    );
    expect(sent).toEqual({ error: 'Invalid endpoint address "backend/items"' });
  });
});

describe('buildHttpRequest: method, headers and body', () => {
  it("passes an HTTP_PROXY's headers through without hop-by-hop ones, then adds API Gateway's own", () => {
    const request = requestOf({
      headers: [
        ['Host', 'abc123defg.execute-api.us-east-1.amazonaws.com'],
        ['X-Custom', 'kept'],
        ['Content-Length', '0'],
        ['Connection', 'keep-alive'],
        ['Keep-Alive', 'timeout=5'],
        ['Transfer-Encoding', 'chunked'],
        ['Via', '1.1 proxy'],
        ['Expect', '100-continue'],
        ['TE', 'trailers'],
        ['Proxy-Authenticate', 'Basic'],
        ['X-Amzn-Trace-Id', 'Root=client'],
        ['Content-Encoding', 'gzip'],
      ],
    });
    const sent = build(integrationOf({ type: 'HTTP_PROXY' }), request);
    expect(sent.headers).toEqual([
      ['X-Custom', 'kept'],
      ['Accept', 'application/json'],
      ['User-Agent', 'AmazonAPIGateway_abc123defg'],
      ['X-Amzn-Trace-Id', TRACE_ID],
      ['X-Amzn-Apigateway-Api-Id', 'abc123defg'],
    ]);
  });

  it("keeps the client's Accept and User-Agent, and lets a mapped header replace a sent one whatever its case", () => {
    const request = requestOf({
      headers: [
        ['accept', 'text/html'],
        ['user-agent', 'curl/8'],
        ['x-mine', 'sent'],
      ],
    });
    const sent = build(integrationOf({ type: 'HTTP_PROXY' }), request, { header: { 'X-Mine': 'mapped' } });
    expect(sent.headers.slice(0, 3)).toEqual([
      ['accept', 'text/html'],
      ['user-agent', 'curl/8'],
      ['X-Mine', 'mapped'],
    ]);
  });

  it("sends an HTTP integration the mapped payload with the request's Content-Type, not the sent headers", () => {
    const request = requestOf({
      method: 'POST',
      headers: [
        ['Content-Type', 'application/json'],
        ['X-Custom', 'not passed'],
      ],
      body: utf8('{"sent":true}'),
    });
    const sent = build(integrationOf({ httpMethod: 'PUT' }), request, {}, utf8('{"mapped":true}'));
    expect(sent.method).toBe('PUT');
    expect(text(sent.body!)).toBe('{"mapped":true}');
    expect(sent.headers[0]).toEqual(['Content-Type', 'application/json']);
    expect(sent.headers.map(([n]) => n)).not.toContain('X-Custom');
    expect(sent.trace).toEqual({ method: 'PUT', url: sent.url, headers: sent.headers, body: '{"mapped":true}' });
    // No payload, no Content-Type.
    expect(build(integrationOf({ httpMethod: 'PUT' }), request).headers[0]).toEqual(['Accept', 'application/json']);
  });

  it("sends the method request's method for ANY, and an HTTP_PROXY the request's own body", () => {
    const request = requestOf({ method: 'PATCH', body: utf8('sent body') });
    const sent = build(integrationOf({ type: 'HTTP_PROXY', httpMethod: 'ANY' }), request, {}, utf8('ignored'));
    expect(sent.method).toBe('PATCH');
    expect(text(sent.body!)).toBe('sent body');
  });

  it('sends no body with GET or HEAD', () => {
    for (const method of ['GET', 'HEAD']) {
      const sent = build(integrationOf({ httpMethod: method }), requestOf({ body: utf8('x') }), {}, utf8('payload'));
      expect([sent.body, sent.trace.body]).toEqual([null, '']);
    }
  });

  it('sends no trace header when the request has no trace id', () => {
    const sent = build(integrationOf({}), requestOf({ traceId: undefined }));
    expect(sent.headers.map(([n]) => n)).toEqual(['Accept', 'User-Agent', 'X-Amzn-Apigateway-Api-Id']);
  });
});

const SENT: HttpRequestToSend = {
  method: 'POST',
  url: 'http://backend.local/items',
  headers: [['X-A', '1']],
  body: utf8('payload'),
  trace: { method: 'POST', url: 'http://backend.local/items', headers: [['X-A', '1']], body: 'payload' },
};

/** A fetch that never answers on its own, and rejects as fetch does when its signal aborts. */
const hangingFetch = ((_url: string, init: RequestInit) =>
  new Promise((_resolve, reject) => {
    init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  })) as unknown as typeof fetch;

describe('fetchWithTimeout', () => {
  it("sends the request without following redirects and reads the endpoint's status, headers and body", async () => {
    const seen: Array<[string, RequestInit]> = [];
    const fetchFn = (async (url: string, init: RequestInit) => {
      seen.push([url, init]);
      return new Response('créé', { status: 201, headers: { 'X-Back': 'b', 'Content-Type': 'text/plain' } });
    }) as unknown as typeof fetch;
    const outcome = await fetchWithTimeout(fetchFn, SENT, 1000);
    const [url, init] = seen[0]!;
    expect([url, init.method, init.headers, init.body, init.redirect]).toEqual([
      'http://backend.local/items',
      'POST',
      [['X-A', '1']],
      SENT.body,
      'manual',
    ]);
    expect(init.signal!.aborted).toBe(false);
    if (outcome.kind !== 'ok') throw new Error(`expected ok, got ${outcome.kind}`);
    expect([outcome.status, outcome.text, text(outcome.bytes)]).toEqual([201, 'créé', 'créé']);
    expect(outcome.headers).toEqual([
      ['content-type', 'text/plain'],
      ['x-back', 'b'],
    ]);
  });

  it('gives a timeout when the endpoint does not answer within the integration timeout, aborting the fetch', async () => {
    const outcome = await fetchWithTimeout(hangingFetch, SENT, 20);
    expect(outcome).toEqual({ kind: 'timeout' });
  });

  // The timer bounds the call whatever `fetch` does with its abort signal, as invokeWithTimeout's does.
  it('gives a timeout even when the fetch ignores its abort signal', async () => {
    const deaf = (() => new Promise(() => {})) as unknown as typeof fetch;
    const outcome = await fetchWithTimeout(deaf, SENT, 20);
    expect(outcome).toEqual({ kind: 'timeout' });
  }, 300);

  it('names the failure and its cause when the endpoint cannot be reached', async () => {
    const refused = (() =>
      Promise.reject(
        new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') }),
      )) as unknown as typeof fetch;
    expect(await fetchWithTimeout(refused, SENT, 1000)).toEqual({
      kind: 'failed',
      message: 'fetch failed (connect ECONNREFUSED 127.0.0.1:9)',
    });
    const plain = (() => Promise.reject('no route')) as unknown as typeof fetch;
    expect(await fetchWithTimeout(plain, SENT, 1000)).toEqual({ kind: 'failed', message: 'no route' });
  });
});

describe('settleHttpCall', () => {
  const at = () => calling({ type: 'http', httpMethod: 'POST', uri: 'http://backend.local/', timeoutInMillis: 1500 });

  it("puts the endpoint's answer in the trace and returns it", async () => {
    const { context, spec } = await at();
    const ok = {
      kind: 'ok' as const,
      status: 202,
      headers: [['x-b', '1']] as [string, string][],
      text: 'hi',
      bytes: utf8('hi'),
    };
    expect(settleHttpCall(context, spec as HttpIntegration, 'the event', SENT, ok)).toBe(ok);
    expect(context.trace.integration).toMatchObject({
      type: 'HTTP',
      event: 'the event',
      request: SENT.trace,
      outcome: { kind: 'result', payload: { statusCode: 202, headers: [['x-b', '1']], body: 'hi' } },
      logs: [],
    });
  });

  it('stops the request with 504 INTEGRATION_TIMEOUT on a timeout, the timeout in the trace', async () => {
    const { context, spec } = await at();
    const error = gatewayErrorOfSync(() =>
      settleHttpCall(context, spec as HttpIntegration, 'e', SENT, { kind: 'timeout' }),
    );
    expect(error.response).toEqual(GATEWAY_RESPONSES.INTEGRATION_TIMEOUT);
    expect(error.detail).toBe('Execution failed due to a timeout error (1500 ms)');
    expect(context.trace.integration).toMatchObject({ request: SENT.trace, outcome: { kind: 'timeout' } });
  });

  it('stops the request with 504 INTEGRATION_FAILURE when the endpoint could not be reached', async () => {
    const { context, spec } = await at();
    const error = gatewayErrorOfSync(() =>
      settleHttpCall(context, spec as HttpIntegration, 'e', SENT, { kind: 'failed', message: 'fetch failed' }),
    );
    expect(error.response).toEqual(GATEWAY_RESPONSES.INTEGRATION_FAILURE);
    expect(error.detail).toBe('Execution failed due to an integration failure: fetch failed');
    expect(context.trace.integration!.outcome).toEqual({
      kind: 'error',
      error: { errorType: 'IntegrationFailure', errorMessage: 'fetch failed' },
    });
  });
});

import { describe, expect, it } from 'vitest';
import { GATEWAY_RESPONSES } from '../../../../src/emulator/rest/gateway-responses.js';
import { callHttp } from '../../../../src/emulator/rest/integrations/http.js';
import type { HttpIntegration } from '../../../../src/emulator/rest/model.js';
import { gatewayErrorOf } from '../steps/context-helper.js';
import { calling, text } from './integration-helper.js';

/** An HTTP integration to `uri` mapping GET /things/{id} to a POST with a JSON body. */
const httpSpec = (extra: Record<string, unknown> = {}) => ({
  type: 'http',
  httpMethod: 'POST',
  uri: 'http://backend.local/items/{itemId}',
  requestParameters: {
    'integration.request.path.itemId': 'method.request.path.id',
    'integration.request.querystring.search': 'method.request.querystring.q',
  },
  requestTemplates: { 'application/json': '{"id": "$input.params(\'id\')", "stage": "$context.stage"}' },
  responses: { default: { statusCode: '200' } },
  ...extra,
});

/** A fetch that records the requests it gets and answers with `answer`. */
function recordingFetch(answer: () => Response) {
  const requests: Request[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(new Request(input, init));
    return answer();
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

/** A fetch that never answers on its own, and rejects as fetch does when its signal aborts. */
const hangingFetch = ((_url: string, init: RequestInit) =>
  new Promise((_resolve, reject) => {
    init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  })) as unknown as typeof fetch;

describe('an HTTP integration (integrations/http.ts)', () => {
  it('sends the mapped request to the endpoint with the headers API Gateway adds', async () => {
    const { fetch, requests } = recordingFetch(() => new Response('{}'));
    const { context, spec } = await calling(httpSpec(), {
      fetch,
      url: '/dev/things/7?q=red+shoes',
      headers: [['Content-Type', 'application/json']],
    });
    await callHttp(context, spec as HttpIntegration);
    expect(requests).toHaveLength(1);
    const sent = requests[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('http://backend.local/items/7?search=red+shoes');
    expect(await sent.text()).toBe('{"id": "7", "stage": "dev"}');
    expect(sent.headers.get('content-type')).toBe('application/json');
    expect(sent.headers.get('accept')).toBe('application/json');
    expect(sent.headers.get('user-agent')).toBe('AmazonAPIGateway_abc123defg');
    expect(sent.headers.get('x-amzn-trace-id')).toBe(context.traceId);
    expect(sent.headers.get('x-amzn-apigateway-api-id')).toBe('abc123defg');
  });

  it("leaves the endpoint's status, body and headers for the integration response, selected by status", async () => {
    const { fetch } = recordingFetch(
      () => new Response('not found', { status: 404, headers: { 'Content-Type': 'text/plain', 'X-Back': 'b' } }),
    );
    const { context, spec } = await calling(httpSpec(), { fetch });
    await callHttp(context, spec as HttpIntegration);
    const backend = context.backendResponse!;
    expect(backend).toMatchObject({
      selection: { kind: 'status', statusCode: 404 },
      body: 'not found',
      lambdaError: false,
      carried: null,
    });
    expect(text(backend.bytes!)).toBe('not found');
    expect(backend.headers).toEqual([
      ['content-type', 'text/plain'],
      ['x-back', 'b'],
    ]);
    expect(context.answer).toBeUndefined();
    expect(context.trace.integration).toMatchObject({
      type: 'HTTP',
      event: '{"id": "7", "stage": "dev"}',
      request: { method: 'POST', url: 'http://backend.local/items/7' },
      outcome: { kind: 'result', payload: { statusCode: 404, body: 'not found' } },
    });
  });

  it('stops the request with 500 API_CONFIGURATION_ERROR, calling nothing, when the endpoint is not a URL', async () => {
    const { fetch, requests } = recordingFetch(() => new Response('{}'));
    const { context, spec } = await calling(httpSpec({ uri: 'http://${stageVariables.host}/items' }), {
      fetch,
      stageVariables: { host: 'bad host' },
    });
    const error = await gatewayErrorOf(() => callHttp(context, spec as HttpIntegration));
    expect(error.response).toEqual(GATEWAY_RESPONSES.API_CONFIGURATION_ERROR);
    expect(error.detail).toBe(
      'Execution failed due to configuration error: Invalid endpoint address "http://bad host/items"',
    );
    expect(requests).toHaveLength(0);
    expect(context.trace.integration).toBeNull();
    expect(context.backendResponse).toBeUndefined();
  });

  it('stops the request with 504 INTEGRATION_TIMEOUT when the endpoint outlasts timeoutInMillis', async () => {
    const { context, spec } = await calling(httpSpec({ timeoutInMillis: 50 }), { fetch: hangingFetch });
    const error = await gatewayErrorOf(() => callHttp(context, spec as HttpIntegration));
    expect(error.response).toEqual(GATEWAY_RESPONSES.INTEGRATION_TIMEOUT);
    expect(error.detail).toBe('Execution failed due to a timeout error (50 ms)');
    expect(context.trace.integration!.outcome).toEqual({ kind: 'timeout' });
    expect(context.backendResponse).toBeUndefined();
  });

  it('stops the request with 504 INTEGRATION_FAILURE when fetch rejects', async () => {
    const fetch = (() => Promise.reject(new TypeError('fetch failed'))) as typeof globalThis.fetch;
    const { context, spec } = await calling(httpSpec(), { fetch });
    const error = await gatewayErrorOf(() => callHttp(context, spec as HttpIntegration));
    expect(error.response).toEqual(GATEWAY_RESPONSES.INTEGRATION_FAILURE);
    expect(error.detail).toBe('Execution failed due to an integration failure: fetch failed');
    expect(context.trace.integration!.outcome).toMatchObject({ kind: 'error' });
  });
});

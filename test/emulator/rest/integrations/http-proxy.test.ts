import { describe, expect, it } from 'vitest';
import { gatewayErrorOf } from '../steps/context-helper.js';
import { calling, callAndMap, text } from './integration-helper.js';

describe('an HTTP_PROXY integration (integrations/http-proxy.ts)', () => {
  it("passes an HTTP_PROXY endpoint's answer through, its body held back only when it streams", async () => {
    const requests: Request[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(new Request(input, init));
      return new Response('from backend', { status: 202, headers: { 'Content-Type': 'text/plain', 'X-B': '1' } });
    };
    for (const [mode, holds] of [
      [{}, false],
      [{ responseTransferMode: 'STREAM' }, true],
    ] as const) {
      const { context, spec } = await calling(
        {
          type: 'http_proxy',
          httpMethod: 'GET',
          uri: 'http://backend.local/things/{id}',
          ...mode,
          requestParameters: { 'integration.request.path.id': 'method.request.path.id' },
        },
        { fetch },
      );
      await callAndMap(context);
      const answer = context.answer!;
      if (answer.kind !== 'mapped') throw new Error(`expected a mapped answer, got ${answer.kind}`);
      expect(answer.status).toBe(202);
      expect(answer.headers).toEqual([
        ['Content-Type', 'text/plain'],
        ['x-b', '1'],
      ]);
      if (holds) {
        // Streamed: the mapped body is empty, the endpoint's body waits in `held` for the method response.
        expect(answer.body).toHaveLength(0);
        expect(await new Response(answer.held!.body()).text()).toBe('from backend');
      } else {
        expect(answer.held).toBeNull();
        expect(text(answer.body)).toBe('from backend');
      }
    }
    expect(requests.map((r) => r.url)).toEqual(['http://backend.local/things/7', 'http://backend.local/things/7']);
  });

  it('stops the request with 504 INTEGRATION_FAILURE when the endpoint cannot be reached', async () => {
    const fetch = () => Promise.reject(new TypeError('fetch failed'));
    const { context, spec } = await calling(
      { type: 'http_proxy', httpMethod: 'GET', uri: 'http://backend.local/' },
      { fetch },
    );
    const error = await gatewayErrorOf(() => callAndMap(context));
    expect([error.response.type, error.response.status, error.response.body]).toEqual([
      'INTEGRATION_FAILURE',
      504,
      '{"message": "Internal server error"}',
    ]);
    expect(error.detail).toBe('Execution failed due to an integration failure: fetch failed');
    expect(context.trace.integration!.outcome).toEqual({
      kind: 'error',
      error: { errorType: 'IntegrationFailure', errorMessage: 'fetch failed' },
    });
    expect(context.answer).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { InvokeOutcome, LambdaInvocation } from '../../../../src/emulator/index.js';
import { callNonProxy } from '../../../../src/emulator/rest/integrations/non-proxy.js';
import type { IntegrationModel } from '../../../../src/emulator/rest/model.js';
import { integration } from '../../../../src/emulator/rest/steps/integration.js';
import { contextBefore, FN_URI, gatewayErrorOf, smallDoc, type ContextOptions } from '../steps/context-helper.js';

type NonProxy = Exclude<IntegrationModel, { type: 'AWS_PROXY' }>;
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** A request to GET /things/{id} (integration `spec`) about to call its integration. */
async function calling(spec: Record<string, unknown>, options: ContextOptions = {}) {
  const doc = smallDoc({
    '/things/{id}': {
      get: { responses: { '200': { description: 'ok' } }, 'x-amazon-apigateway-integration': spec },
    },
  });
  const built = await contextBefore(integration, { doc, url: '/dev/things/7', ...options });
  return { ...built, spec: built.context.integration as NonProxy };
}

const JSON_ONLY = { 'application/json': '{"statusCode": 200}' };

describe('callNonProxy', () => {
  it('answers a MOCK from its integration response, calling nothing', async () => {
    const { context, spec, invocations } = await calling({
      type: 'mock',
      requestTemplates: JSON_ONLY,
      responses: {
        default: { statusCode: '200', responseTemplates: { 'application/json': '{"id":"$input.params(\'id\')"}' } },
      },
    });
    await callNonProxy(context, spec);
    expect(invocations).toHaveLength(0);
    const answer = context.answer!;
    expect(answer).toMatchObject({ kind: 'mapped', status: 200, held: null });
    if (answer.kind !== 'mapped') return;
    expect(answer.headers[0]).toEqual(['Content-Type', 'application/json']);
    expect(text(answer.body)).toBe('{"id":"7"}');
    expect(context.trace.integration).toMatchObject({
      type: 'MOCK',
      functionName: '',
      event: null,
      outcome: { kind: 'mock' },
    });
  });

  it("invokes a Lambda custom integration with the request template's output and maps its result", async () => {
    const seen: LambdaInvocation[] = [];
    const { context, spec } = await calling(
      {
        type: 'aws',
        httpMethod: 'POST',
        uri: FN_URI,
        requestTemplates: { 'application/json': '{"id": "$input.params(\'id\')"}' },
        responses: {
          default: { statusCode: '200', responseTemplates: { 'application/json': '{"got": $input.json(\'$.n\')}' } },
        },
      },
      {
        fn: (invocation): InvokeOutcome => {
          seen.push(invocation);
          return { kind: 'result', payload: { n: 42 }, logs: ['ran'] };
        },
      },
    );
    await callNonProxy(context, spec);
    expect(seen[0]!.functionName).toBe('fn');
    expect(seen[0]!.event).toEqual({ id: '7' });
    expect(seen[0]!.context.invokedFunctionArn).toBe('arn:aws:lambda:us-east-1:123456789012:function:fn');
    const answer = context.answer!;
    if (answer.kind !== 'mapped') throw new Error(`expected a mapped answer, got ${answer.kind}`);
    expect([answer.status, text(answer.body)]).toEqual([200, '{"got": 42}']);
    expect(context.trace.integration).toMatchObject({
      type: 'AWS',
      functionName: 'fn',
      outcome: { kind: 'result', payload: { n: 42 } },
      logs: ['ran'],
    });
    expect(context.trace.timings.integrationMs).toBe(context.trace.integration!.durationMs);
  });

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
      await callNonProxy(context, spec);
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
    const error = await gatewayErrorOf(() => callNonProxy(context, spec));
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

  it('stops the request with 504 INTEGRATION_TIMEOUT when the function outlasts timeoutInMillis', async () => {
    const { context, spec, invocations } = await calling(
      {
        type: 'aws',
        httpMethod: 'POST',
        uri: FN_URI,
        timeoutInMillis: 50,
        responses: { default: { statusCode: '200' } },
      },
      { fn: () => new Promise<InvokeOutcome>(() => {}) },
    );
    const error = await gatewayErrorOf(() => callNonProxy(context, spec));
    expect([error.response.type, error.response.status]).toEqual(['INTEGRATION_TIMEOUT', 504]);
    expect(error.detail).toBe('Execution failed due to a timeout error (50 ms)');
    expect(invocations[0]!.signal.aborted).toBe(true);
  });
});

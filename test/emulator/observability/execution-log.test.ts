import { describe, expect, it } from 'vitest';
import { executionLogLines, formatAccessLog } from '../../../src/emulator/observability/index.js';
import { gatewayFor, ok, openApi, URL_BASE } from '../helpers.js';
import { httpApiDoc, httpGatewayFor, req } from '../http-api/helpers.js';
import { RestGateway, importOpenApi, type InvokeOutcome } from '../../../src/emulator/index.js';

/**
 * REST execution logs, in the order and wording of AWS-recorded logs: rotemtam/serverless-aws-logs-parser
 * tests/mocks/file.mock.js (a stage's INFO log), a 2019 capture of API-Gateway-Execution-Logs_uwe3g5jm54/Prod (a
 * function error), LocalStack's test-invoke template ("Received response. Status: …, Integration latency: … ms").
 */

async function traceOf(outcome: InvokeOutcome, path = '/dev/items/7?q=koa&q=oop', init: RequestInit = {}) {
  const { gateway } = gatewayFor(openApi({ '/items/{id}': ['GET', 'POST'] }), () => outcome);
  const result = await gateway.handle(new Request(`${URL_BASE}${path}`, init));
  await result.response.text();
  return result.trace;
}

/** The text after the `(requestId) ` prefix of each line. */
const texts = (lines: string[], requestId: string) =>
  lines.map((line) => {
    expect(line.startsWith(`(${requestId}) `)).toBe(true);
    return line.slice(requestId.length + 3);
  });

describe('executionLogLines (REST)', () => {
  it('INFO: a Lambda proxy request, line by line in AWS order', async () => {
    const trace = await traceOf(
      ok({ statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'hi' }),
      undefined,
      {
        headers: { 'x-marker': 'one' },
      },
    );
    const lines = texts(executionLogLines(trace, 'INFO'), trace.requestId);
    const heads = lines.map((l) => l.replace(/:.*$/s, ''));
    expect(heads).toEqual([
      'Extended Request Id',
      'Verifying Usage Plan for request',
      "API Key authorized because method 'GET /items/{id}' does not require API Key. Request will not contribute to throttle or quota limits",
      'Usage Plan check succeeded for API Key  and API Stage abc123defg/dev',
      'Starting execution for request',
      'HTTP Method',
      'Method request path',
      'Method request query string',
      'Method request headers',
      'Method request body before transformations',
      'Endpoint request URI',
      'Endpoint request headers',
      'Endpoint request body after transformations',
      'Sending request to https',
      'Received response. Status',
      'Endpoint response headers',
      'Endpoint response body before transformations',
      'Method response body after transformations',
      'Method response headers',
      'Successfully completed execution',
      'Method completed with status',
    ]);
    expect(lines[0]).toBe(`Extended Request Id: ${trace.extendedRequestId}`);
    expect(lines[1]).toBe(`Verifying Usage Plan for request: ${trace.requestId}. API Key:  API Stage: abc123defg/dev`);
    expect(lines[5]).toBe('HTTP Method: GET, Resource Path: /items/7');
    expect(lines[6]).toBe('Method request path: {id=7}');
    expect(lines[7]).toBe('Method request query string: {q=koa,oop}');
    expect(lines[8]).toBe('Method request headers: {X-Marker=one}');
    expect(lines[10]).toBe(
      'Endpoint request URI: https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fn/invocations',
    );
    // The proxy event, cut at 1000 characters as API Gateway cuts it.
    expect(lines[12]).toMatch(
      /^Endpoint request body after transformations: \{"resource":"\/items\/\{id\}","path":"\/items\/7","httpMethod":"GET"/,
    );
    expect(lines[12]).toMatch(/ \[TRUNCATED\]$/);
    expect(lines[14]).toBe(
      `Received response. Status: 200, Integration latency: ${Math.round(trace.timings.integrationMs!)} ms`,
    );
    expect(lines[17]).toBe('Method response body after transformations: hi');
    expect(lines[18]).toMatch(/^Method response headers: \{.*content-type=text\/plain/);
    expect(lines.at(-1)).toBe('Method completed with status: 200');
  });

  it('a method with apiKeyRequired: the key masked but its last 6 characters, and the usage plan check', async () => {
    const key = 'alice-key-0123456789abcdef';
    const gateway = new RestGateway({ invoke: async () => ok({ statusCode: 200, body: 'ok' }) });
    const doc = {
      ...openApi({ '/items': ['GET'] }),
      components: { securitySchemes: { api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' } } },
    };
    (doc.paths['/items']!.get as Record<string, unknown>).security = [{ api_key: [] }];
    const deployment = gateway.deploy(importOpenApi(doc, { apiId: 'abc123defg' }));
    gateway.putStage({ name: 'dev', deploymentId: deployment.id });
    gateway.putApiKey({ id: 'k1', name: 'alice', value: key, enabled: true });
    gateway.putUsagePlan({ name: 'basic', apiStages: [{ apiId: 'abc123defg', stage: 'dev' }] });
    gateway.putUsagePlanKey('basic', 'k1');
    const { trace } = await gateway.handle(new Request(`${URL_BASE}/dev/items`, { headers: { 'x-api-key': key } }));
    expect(formatAccessLog('$context.identity.apiKey $context.identity.apiKeyId', trace)).toBe(`${key} k1`);
    const masked = `${'*'.repeat(key.length - 6)}abcdef`;
    const lines = texts(executionLogLines(trace, 'INFO'), trace.requestId);
    expect(lines[1]).toBe(
      `Verifying Usage Plan for request: ${trace.requestId}. API Key: ${masked} API Stage: abc123defg/dev`,
    );
    expect(lines[2]).toBe(`Usage Plan check succeeded for API Key ${masked} and API Stage abc123defg/dev`);
    expect(lines[3]).toBe(`Starting execution for request: ${trace.requestId}`);
    const refused = (await gateway.handle(new Request(`${URL_BASE}/dev/items`))).trace;
    const refusedLines = texts(executionLogLines(refused, 'INFO'), refused.requestId);
    expect(refusedLines.some((l) => l.startsWith('Usage Plan check succeeded'))).toBe(false);
    expect(texts(executionLogLines(refused, 'ERROR'), refused.requestId).at(-1)).toBe(
      'Gateway response type: INVALID_API_KEY with status code: 403',
    );
  });

  it("a function error: AWS's line for it, the gateway response, status 502; ERROR keeps only those", async () => {
    const trace = await traceOf({
      kind: 'error',
      error: { errorType: 'Error', errorMessage: 'boom', trace: [] },
      logs: [],
    } as InvokeOutcome);
    const info = texts(executionLogLines(trace, 'INFO'), trace.requestId);
    expect(info).toContain(
      'Endpoint response body before transformations: {"errorType":"Error","errorMessage":"boom","trace":[]}',
    );
    const failure = info.findIndex((l) =>
      l.startsWith('Lambda execution failed with status 200 due to customer function error: boom.'),
    );
    expect(failure).toBeGreaterThan(info.findIndex((l) => l.startsWith('Endpoint response body')));
    expect(info).not.toContain('Successfully completed execution');
    expect(info.at(-1)).toBe('Method completed with status: 502');
    const errors = texts(executionLogLines(trace, 'ERROR'), trace.requestId);
    expect(errors).toEqual([
      info[failure],
      `Gateway response type: ${trace.gatewayResponseType} with status code: 502`,
    ]);
  });

  it('a malformed proxy result: "Execution failed due to configuration error"', async () => {
    const trace = await traceOf(ok({ statusCode: 'nope' }));
    const errors = texts(executionLogLines(trace, 'ERROR'), trace.requestId);
    expect(errors[0]).toMatch(/^Execution failed due to configuration error: /);
    expect(trace.status).toBe(502);
  });

  it('a request that matched no resource has no method request lines; ERROR has the 403', async () => {
    const trace = await traceOf(ok({ statusCode: 200 }), '/dev/nowhere');
    const info = texts(executionLogLines(trace, 'INFO'), trace.requestId);
    expect(info.some((l) => l.startsWith('Method request'))).toBe(false);
    expect(info.at(-1)).toBe('Method completed with status: 403');
    expect(texts(executionLogLines(trace, 'ERROR'), trace.requestId)).toContain(
      'Gateway response type: MISSING_AUTHENTICATION_TOKEN with status code: 403',
    );
  });

  it('a successful request has no ERROR lines', async () => {
    const trace = await traceOf(ok({ statusCode: 200, body: 'x' }));
    expect(executionLogLines(trace, 'ERROR')).toEqual([]);
  });

  it('long bodies are cut and marked [TRUNCATED], as in the captures', async () => {
    const trace = await traceOf(ok({ statusCode: 200, body: 'y'.repeat(3000) }), '/dev/items/1', {
      method: 'POST',
      body: 'x'.repeat(3000),
    });
    const info = texts(executionLogLines(trace, 'INFO'), trace.requestId);
    const body = info.find((l) => l.startsWith('Method request body before transformations: '))!;
    expect(body).toBe(`Method request body before transformations: ${'x'.repeat(1000)} [TRUNCATED]`);
  });

  it('HTTP APIs have no execution log (http-api-logging.html: access logs only)', async () => {
    const { gateway } = httpGatewayFor(httpApiDoc(['GET /items']), () => ok({ statusCode: 200, body: 'x' }));
    const result = await gateway.handle(req('/items'));
    expect(executionLogLines(result.trace, 'INFO')).toEqual([]);
  });
});

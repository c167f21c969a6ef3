import { describe, expect, it } from 'vitest';
import { authorizerCallOf, authorizerCallOfTrace, compareExchange, compareStage } from '../../src/examples/compare.js';

const volatile = [{ path: 'event.requestContext.requestId', pattern: '^[0-9a-f-]{36}$', why: 'per request' }, { path: 'response.headers.Date', pattern: 'GMT$', why: 'time' }];
const response = { status: 200, headers: [['Content-Type', 'application/json'], ['Date', 'Thu, 26 Nov 2026 09:00:00 GMT']] as Array<[string, string]>, body: '{}' };

describe('comparing documented and actual exchanges', () => {
  it('accepts equal values and volatile values that match their pattern', () => {
    const event = { a: 1, requestContext: { requestId: '601e5f33-cf85-4b26-9275-c32daf5978d3' } };
    const actual = { a: 1, requestContext: { requestId: 'b479367f-92e3-42a7-86ea-e841ad0a12e2' } };
    const other = { ...response, headers: [['content-type', 'application/json'], ['date', 'Fri, 27 Nov 2026 10:00:00 GMT']] as Array<[string, string]> };
    expect(compareExchange({ event, result: { x: [1] }, response }, { event: actual, result: { x: [1] }, response: other }, volatile)).toEqual([]);
  });
  it('names the field, the documented and the actual value of each difference', () => {
    expect(compareStage('event', { a: 1, b: { c: 'x' } }, { a: 2, b: { c: 'x', d: null } }, volatile)).toEqual([
      { field: 'event.a', documented: 1, actual: 2 },
      { field: 'event.b.d', documented: undefined, actual: null },
    ]);
    expect(compareStage('event', { requestContext: { requestId: 'sample' } }, { requestContext: { requestId: 'not-a-uuid' } }, volatile)[0]).toMatchObject({ field: 'event.requestContext.requestId', pattern: '^[0-9a-f-]{36}$' });
  });
  it('finds missing, extra and changed response headers, the status and the body', () => {
    const actual = { status: 201, headers: [['Content-Type', 'text/plain'], ['X-Extra', '1']] as Array<[string, string]>, body: '{ }' };
    expect(compareStage('response', response, actual, volatile).map((m) => m.field)).toEqual([
      'response.status', 'response.body', 'response.headers.Content-Type', 'response.headers.Date', 'response.headers.X-Extra',
    ]);
  });
  it('compares a documented integration request (type, method, URL, headers by name, body), and only when one is documented', () => {
    const ir = { type: 'AWS', method: 'POST', url: 'arn:x', headers: [['X-A', '1']] as Array<[string, string]>, body: '{"id": "1"}' };
    const base = { event: null, result: null, response };
    const actual = { event: null, result: null, response };
    // Without a documented integration request, whatever ran is not compared (existing exchanges keep their behaviour).
    expect(compareExchange(base, { ...actual, integrationRequest: ir }, volatile)).toEqual([]);
    expect(compareExchange({ ...base, integrationRequest: ir }, { ...actual, integrationRequest: { ...ir, headers: [['x-a', '1']] } }, volatile)).toEqual([]);
    expect(compareExchange({ ...base, integrationRequest: ir }, actual, volatile).map((m) => m.field)).toEqual(['integrationRequest']);
    const changed = { ...ir, method: 'GET', headers: [] as Array<[string, string]>, body: '{"id": "2"}' };
    expect(compareExchange({ ...base, integrationRequest: ir }, { ...actual, integrationRequest: changed }, volatile).map((m) => m.field)).toEqual([
      'integrationRequest.method', 'integrationRequest.body', 'integrationRequest.headers.X-A',
    ]);
    const pattern = [{ path: 'integrationRequest.body', pattern: '^\\{"id": "\\d+"\\}$', why: 'per request' }];
    expect(compareStage('integrationRequest', ir, { ...ir, body: '{"id": "7"}' }, pattern)).toEqual([]);
  });
});

describe('comparing the documented authorizer call', () => {
  const trace = {
    type: 'TOKEN',
    name: 'token-auth',
    functionName: 'auth',
    event: { type: 'TOKEN', authorizationToken: 'allow-alice' },
    outcome: { kind: 'result' as const, payload: { principalId: 'alice' } },
    decision: 'allow' as const,
    cached: false,
    logs: ['a log line'],
    durationMs: 3,
  };
  const documented = {
    type: 'TOKEN',
    functionName: 'auth',
    event: { type: 'TOKEN', authorizationToken: 'allow-alice' },
    result: { python: { principalId: 'alice' }, typescript: { principalId: 'alice' } },
    decision: 'allow' as const,
    cached: false,
  };
  const exchangeWith = (authorizer?: ReturnType<typeof authorizerCallOf>) => ({ ...(authorizer ? { authorizer } : {}), event: null, result: null, response });

  it('reads a trace as documented: the function only for Lambda authorizers, its answer or error, null otherwise', () => {
    expect(authorizerCallOfTrace(trace)).toEqual({ ...documented, result: { principalId: 'alice' } });
    expect(authorizerCallOfTrace({ ...trace, type: 'COGNITO_USER_POOLS', functionName: 'cognito', outcome: { kind: 'skipped', reason: 'no token' }, decision: 'unauthorized' })).toMatchObject({ functionName: '', result: null });
    expect(authorizerCallOfTrace({ ...trace, outcome: { kind: 'error', error: { errorType: 'Error', errorMessage: 'Unauthorized' } } }).result).toEqual({ errorType: 'Error', errorMessage: 'Unauthorized' });
    expect(authorizerCallOfTrace({ ...trace, outcome: { kind: 'cached' }, cached: true }).result).toBeNull();
  });

  it('compares it only when documented, in the language that ran, with volatile fields by pattern', () => {
    const actual = { authorizer: trace, event: null, result: null, response };
    expect(compareExchange(exchangeWith(), actual, volatile)).toEqual([]);
    expect(compareExchange(exchangeWith(authorizerCallOf(documented, 'python')), actual, volatile)).toEqual([]);
    const cachedDoc = authorizerCallOf({ ...documented, cached: true, event: null, result: null }, 'typescript');
    expect(cachedDoc.result).toBeNull();
    expect(compareExchange(exchangeWith(cachedDoc), actual, volatile).map((m) => m.field)).toEqual(['authorizer.event', 'authorizer.result', 'authorizer.cached']);
    expect(compareExchange(exchangeWith(authorizerCallOf(documented, 'python')), { event: null, result: null, response }, volatile)).toMatchObject([{ field: 'authorizer', actual: undefined }]);
    const tokenVolatile = [{ path: 'authorizer.event.authorizationToken', pattern: '^allow-', why: 'a token' }];
    const other = { ...trace, event: { type: 'TOKEN', authorizationToken: 'allow-bob' } };
    expect(compareExchange(exchangeWith(authorizerCallOf(documented, 'python')), { ...actual, authorizer: other }, tokenVolatile)).toEqual([]);
  });
});

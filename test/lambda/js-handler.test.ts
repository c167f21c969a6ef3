import { describe, expect, it } from 'vitest';
import { format } from 'node:util';
import { createLambdaContext, lambdaEnvironment } from '../../src/lambda/context.js';
import { formatLogArgs } from '../../src/lambda/format.js';
import { invokeJsHandler, toErrorPayload, type JsHandler } from '../../src/lambda/js-handler.js';
import { contextInit } from './helpers.js';

describe('createLambdaContext', () => {
  it('has the Node.js runtime fields, memory as a string', () => {
    const init = contextInit('items');
    const ctx = createLambdaContext(init, () => init.deadlineMs - 1234);
    expect(ctx).toMatchObject({
      awsRequestId: init.awsRequestId,
      functionName: 'items',
      functionVersion: '$LATEST',
      invokedFunctionArn: init.invokedFunctionArn,
      memoryLimitInMB: '128',
      logGroupName: '/aws/lambda/items',
      logStreamName: init.logStreamName,
      callbackWaitsForEmptyEventLoop: true,
    });
    expect(ctx.getRemainingTimeInMillis()).toBe(1234);
  });

  it('never reports negative remaining time', () => {
    const init = contextInit();
    expect(createLambdaContext(init, () => init.deadlineMs + 50).getRemainingTimeInMillis()).toBe(0);
  });

  it('derives the Lambda environment variables', () => {
    const env = lambdaEnvironment(contextInit('items'), 'app.handler');
    expect(env).toMatchObject({
      AWS_LAMBDA_FUNCTION_NAME: 'items',
      AWS_REGION: 'eu-west-1',
      _HANDLER: 'app.handler',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
    });
  });
});

describe('invokeJsHandler', () => {
  it('returns an async handler result as a JSON round-trip', async () => {
    const handler: JsHandler = async (event) => ({ statusCode: 200, at: new Date(0), gone: undefined, event });
    const outcome = await invokeJsHandler(handler, { a: 1 }, contextInit());
    expect(outcome).toEqual({
      kind: 'result',
      payload: { statusCode: 200, at: '1970-01-01T00:00:00.000Z', event: { a: 1 } },
      // The bytes the Node.js runtime sends: JSON.stringify, compact.
      payloadJson: '{"statusCode":200,"at":"1970-01-01T00:00:00.000Z","event":{"a":1}}',
      logs: [],
    });
  });

  it('turns undefined into null', async () => {
    const outcome = await invokeJsHandler(async () => undefined, {}, contextInit());
    expect(outcome).toMatchObject({ kind: 'result', payload: null });
  });

  it('passes the context', async () => {
    const init = contextInit('ctx-fn');
    const outcome = await invokeJsHandler(
      async (_e, ctx) => ({ id: ctx.awsRequestId, left: ctx.getRemainingTimeInMillis() > 0, mem: ctx.memoryLimitInMB }),
      {},
      init,
    );
    expect(outcome).toMatchObject({ kind: 'result', payload: { id: init.awsRequestId, left: true, mem: '128' } });
  });

  it('supports callback handlers: callback(null, result) and callback(err)', async () => {
    const ok: JsHandler = (event, _ctx, callback) => {
      setTimeout(() => callback(null, { echoed: event }), 2);
    };
    expect(await invokeJsHandler(ok, 7, contextInit())).toMatchObject({ kind: 'result', payload: { echoed: 7 } });

    const fail: JsHandler = (_event, _ctx, callback) => callback(new RangeError('nope'));
    const outcome = await invokeJsHandler(fail, {}, contextInit());
    expect(outcome.kind).toBe('error');
    if (outcome.kind === 'error') {
      expect(outcome.error.errorType).toBe('RangeError');
      expect(outcome.error.errorMessage).toBe('nope');
      expect(outcome.error.trace?.[0]).toBe('RangeError: nope');
    }
  });

  it('reports callback("string") like the runtime (errorType string)', async () => {
    const outcome = await invokeJsHandler((_e, _c, cb) => cb('went wrong'), {}, contextInit());
    expect(outcome).toMatchObject({
      kind: 'error',
      error: { errorType: 'string', errorMessage: 'went wrong', trace: [] },
    });
  });

  it('lets the returned promise win over the callback for async handlers', async () => {
    const handler: JsHandler = async (_e, _c, callback) => {
      callback(null, 'from callback');
      return 'from promise';
    };
    expect(await invokeJsHandler(handler, {}, contextInit())).toMatchObject({
      kind: 'result',
      payload: 'from promise',
    });
  });

  it('uses only the first callback call', async () => {
    const handler: JsHandler = (_e, _c, callback) => {
      callback(null, 1);
      callback(null, 2);
    };
    expect(await invokeJsHandler(handler, {}, contextInit())).toMatchObject({ payload: 1 });
  });

  it('returns the value of a synchronous handler without a callback parameter', async () => {
    const handler = ((event: unknown) => ({ sync: event })) as JsHandler;
    expect(await invokeJsHandler(handler, 'x', contextInit())).toMatchObject({
      kind: 'result',
      payload: { sync: 'x' },
    });
  });

  it('reports thrown errors as the Node.js runtime error payload', async () => {
    class ValidationError extends Error {
      override name = 'ValidationError';
    }
    const outcome = await invokeJsHandler(
      async () => {
        throw new ValidationError('missing id');
      },
      {},
      contextInit(),
    );
    expect(outcome.kind).toBe('error');
    if (outcome.kind !== 'error') return;
    expect(outcome.error.errorType).toBe('ValidationError');
    expect(outcome.error.errorMessage).toBe('missing id');
    expect(outcome.error.trace?.[0]).toBe('ValidationError: missing id');
    expect(outcome.error.trace?.[1]).toMatch(/^\s+at /);
    // The runtime logs the failure too.
    expect(outcome.logs.at(-1)).toMatch(
      /\tERROR\tInvoke Error \t\{"errorType":"ValidationError","errorMessage":"missing id"/,
    );
  });

  it('reports synchronous throws and non-Error throws', async () => {
    const sync = await invokeJsHandler(
      () => {
        throw new Error('sync');
      },
      {},
      contextInit(),
    );
    expect(sync).toMatchObject({ kind: 'error', error: { errorType: 'Error', errorMessage: 'sync' } });
    const str = await invokeJsHandler(
      async () => {
        throw 'plain'; // eslint-disable-line no-throw-literal
      },
      {},
      contextInit(),
    );
    expect(str).toMatchObject({ kind: 'error', error: { errorType: 'string', errorMessage: 'plain', trace: [] } });
  });

  it('reports a non-serialisable result as the runtime does', async () => {
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    const outcome = await invokeJsHandler(async () => circular, {}, contextInit());
    expect(outcome).toMatchObject({
      kind: 'error',
      error: { errorType: 'Error', errorMessage: 'Unable to stringify response body' },
    });
    const big = await invokeJsHandler(async () => ({ n: 1n }), {}, contextInit());
    expect(big).toMatchObject({ kind: 'error', error: { errorMessage: 'Unable to stringify response body' } });
  });

  it('reports a result JSON cannot represent (a function, a Symbol) as the runtime does: its native client refuses undefined', async () => {
    // serializeToJSON(() => 1) is undefined; nativeClient.done(id, undefined) throws TypeError('Wrong arguments'), and
    // the runtime's invoke processor reports it through fail(): an "Invoke Error" log line and the error payload.
    for (const result of [() => 1, Symbol('s')]) {
      const outcome = await invokeJsHandler(async () => result, {}, contextInit());
      expect(outcome).toMatchObject({
        kind: 'error',
        error: { errorType: 'TypeError', errorMessage: 'Wrong arguments' },
      });
      expect(outcome.logs).toEqual([
        expect.stringMatching(/\tERROR\tInvoke Error \t\{"errorType":"TypeError","errorMessage":"Wrong arguments"/),
      ]);
    }
    // A callback-style handler's result goes the same way.
    const callback = await invokeJsHandler((_e, _c, cb) => cb(null, () => 1), {}, contextInit());
    expect(callback).toMatchObject({ kind: 'error', error: { errorType: 'TypeError' } });
  });

  it('captures console output as CloudWatch lines and restores the console', async () => {
    const before = console.log;
    const init = contextInit();
    const outcome = await invokeJsHandler(
      async () => {
        console.log('hello %s', 'world', { a: 1 });
        console.info('info');
        console.warn('careful');
        console.error(new Error('shown'));
        console.debug('dbg');
        return 1;
      },
      {},
      init,
      { format },
    );
    expect(console.log).toBe(before);
    const stripped = outcome.logs.map((l) => l.split('\t').slice(1));
    expect(stripped[0]).toEqual([init.awsRequestId, 'INFO', 'hello world { a: 1 }']);
    expect(stripped[1]).toEqual([init.awsRequestId, 'INFO', 'info']);
    expect(stripped[2]).toEqual([init.awsRequestId, 'WARN', 'careful']);
    expect(stripped[3]?.[1]).toBe('ERROR');
    expect(stripped[3]?.[2]).toMatch(/^Error: shown\n\s+at /);
    expect(stripped[4]).toEqual([init.awsRequestId, 'DEBUG', 'dbg']);
    expect(outcome.logs[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t/);
  });

  it('can log plain messages', async () => {
    const outcome = await invokeJsHandler(
      async () => {
        console.log('just this');
      },
      {},
      contextInit(),
      { logFormat: 'plain' },
    );
    expect(outcome.logs).toEqual(['just this']);
  });

  it('ends the invocation when the signal aborts', async () => {
    const controller = new AbortController();
    const pending = invokeJsHandler(() => new Promise(() => {}), {}, contextInit(), { signal: controller.signal });
    controller.abort(new Error('stray failure'));
    expect(await pending).toMatchObject({
      kind: 'error',
      error: { errorType: 'Error', errorMessage: 'stray failure' },
    });
  });
});

describe('formatLogArgs (browser fallback for util.format)', () => {
  it('matches util.format for common cases', () => {
    const cases: unknown[][] = [
      ['plain'],
      ['a %s b %d c %i %f %j %%', 'str', 42, '7.9', '1.5', { x: [1] }],
      [{ a: 1, b: 'two', c: [1, 2, { d: null }] }],
      ['multi', 1, true, null, undefined],
      [[1, 2, 3]],
      [{}],
      [[]],
      [new Map([['k', 1]])],
      [new Set([1])],
      [{ nested: { deeper: { deepest: { gone: 1 } } } }],
      [{ 'needs-quote': "it's" }],
      ['%s', 'missing', 'extra'],
      ['%d'],
    ];
    for (const args of cases) expect(formatLogArgs(args)).toBe(format(...args));
  });

  it('renders errors with their stack', () => {
    const err = new Error('x');
    expect(formatLogArgs([err])).toBe(err.stack);
  });

  it('toErrorPayload copes with odd values', () => {
    expect(toErrorPayload(null)).toMatchObject({ errorType: 'handled' });
    expect(toErrorPayload(42)).toEqual({ errorType: 'number', errorMessage: '42', trace: [] });
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { loadPyodide, type PyodideInterface } from 'pyodide';
import { createPythonHandler } from '../../src/lambda/python-handler.js';
import { contextInit } from './helpers.js';

let pyodide: PyodideInterface;

beforeAll(async () => {
  pyodide = await loadPyodide();
});

const SOURCE = `
import json
import logging

logger = logging.getLogger()
logger.setLevel(logging.INFO)
print("cold start")
calls = 0

def lambda_handler(event, context):
    global calls
    calls += 1
    print("got", event["name"])
    logger.info("info line")
    return {
        "statusCode": 200,
        "body": json.dumps({"hello": event["name"], "calls": calls, "module": __name__}),
        "ctx": {
            "id": context.aws_request_id,
            "fn": context.function_name,
            "version": context.function_version,
            "arn": context.invoked_function_arn,
            "mem": context.memory_limit_in_mb,
            "group": context.log_group_name,
            "stream": context.log_stream_name,
            "left": context.get_remaining_time_in_millis(),
        },
    }
`;

describe('createPythonHandler', () => {
  it('imports the module, passes a dict event and context, returns json.dumps output, captures print', async () => {
    const handler = createPythonHandler(pyodide, SOURCE, 'items_handler');
    const init = contextInit('items');
    const outcome = await handler.invoke({ name: 'Ada' }, init);
    expect(outcome.kind).toBe('result');
    if (outcome.kind !== 'result') return;
    const payload = outcome.payload as { statusCode: number; body: string; ctx: Record<string, unknown> };
    expect(payload.statusCode).toBe(200);
    expect(JSON.parse(payload.body)).toEqual({ hello: 'Ada', calls: 1, module: 'items_handler' });
    // The bytes the Python runtime sends: its json encoder's separators, a space after ':' and ','.
    expect(outcome.payloadJson).toMatch(/^\{"statusCode": 200, "body": /);
    expect(JSON.parse(outcome.payloadJson!)).toEqual(outcome.payload);
    expect(payload.ctx).toMatchObject({
      id: init.awsRequestId,
      fn: 'items',
      version: '$LATEST',
      arn: init.invokedFunctionArn,
      mem: '128',
      group: '/aws/lambda/items',
      stream: init.logStreamName,
    });
    expect(payload.ctx['left']).toBeGreaterThan(25_000);
    expect(outcome.logs[0]).toBe('cold start');
    expect(outcome.logs[1]).toBe('got Ada');
    expect(outcome.logs[2]).toMatch(
      new RegExp(
        `^\\[INFO\\]\\t\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\t${init.awsRequestId}\\tinfo line$`,
      ),
    );

    // Warm: module state survives, no cold-start output.
    const warm = await handler.invoke({ name: 'Bob' }, contextInit('items'));
    expect(warm.kind === 'result' && JSON.parse((warm.payload as { body: string }).body).calls).toBe(2);
    expect(warm.logs[0]).toBe('got Bob');
  });

  it('reloads changed source (fresh module state)', async () => {
    const handler = createPythonHandler(pyodide, 'def lambda_handler(e, c):\n    return "v1"\n', 'reload_me');
    expect(await handler.invoke({}, contextInit())).toMatchObject({ kind: 'result', payload: 'v1' });
    handler.setSource('def lambda_handler(e, c):\n    return "v2"\n');
    expect(await handler.invoke({}, contextInit())).toMatchObject({ kind: 'result', payload: 'v2' });
  });

  it('uses a custom handler name and reports a missing one', async () => {
    const source = 'def main(e, c):\n    return {"ok": True}\n';
    expect(await createPythonHandler(pyodide, source, 'custom', 'main').invoke({}, contextInit())).toMatchObject({
      payload: { ok: true },
    });
    expect(await createPythonHandler(pyodide, source, 'custom2').invoke({}, contextInit())).toMatchObject({
      kind: 'error',
      error: {
        errorType: 'Runtime.HandlerNotFound',
        errorMessage: "Handler 'lambda_handler' missing on module 'custom2'",
        stackTrace: [],
      },
    });
  });

  it('reports exceptions like the AWS Python runtime', async () => {
    const source = [
      'def helper(x):',
      '    raise KeyError(x)',
      '',
      'def lambda_handler(event, context):',
      '    print("before")',
      '    return helper("id")',
      '',
    ].join('\n');
    const outcome = await createPythonHandler(pyodide, source, 'failing').invoke({}, contextInit());
    expect(outcome.kind).toBe('error');
    if (outcome.kind !== 'error') return;
    expect(outcome.error).toEqual({
      errorMessage: "'id'",
      errorType: 'KeyError',
      stackTrace: [
        '  File "/var/task/failing.py", line 6, in lambda_handler\n    return helper("id")\n',
        '  File "/var/task/failing.py", line 2, in helper\n    raise KeyError(x)\n',
      ],
    });
    expect(outcome.logs[0]).toBe('before');
    expect(outcome.logs[1]).toMatch(
      /^\[ERROR\] KeyError: 'id'\nTraceback \(most recent call last\):\n\u00a0\u00a0File "\/var\/task\/failing.py", line 6/,
    );
  });

  it('reports a syntax error as Runtime.UserCodeSyntaxError, and recovers once fixed', async () => {
    const handler = createPythonHandler(pyodide, 'def lambda_handler(event, context):\n    return {\n', 'broken');
    const outcome = await handler.invoke({}, contextInit());
    expect(outcome.kind).toBe('error');
    if (outcome.kind !== 'error') return;
    expect(outcome.error.errorType).toBe('Runtime.UserCodeSyntaxError');
    expect(outcome.error.errorMessage).toMatch(/^Syntax error in module 'broken': .*\(broken\.py, line 2\)$/);
    expect(outcome.error.stackTrace?.[0]).toMatch(/^ {2}File "\/var\/task\/broken\.py" Line 2\n/);
    handler.setSource('def lambda_handler(event, context):\n    return {"fixed": True}\n');
    expect(await handler.invoke({}, contextInit())).toMatchObject({ kind: 'result', payload: { fixed: true } });
  });

  it('reports a non-serialisable result as Runtime.MarshalError', async () => {
    const source = 'import datetime\ndef lambda_handler(e, c):\n    return {"at": datetime.datetime(2024, 1, 1)}\n';
    expect(await createPythonHandler(pyodide, source, 'dates').invoke({}, contextInit())).toMatchObject({
      kind: 'error',
      error: {
        errorMessage: 'Unable to marshal response: Object of type datetime is not JSON serializable',
        errorType: 'Runtime.MarshalError',
        stackTrace: [],
      },
    });
    // Like AWS, a handler module may not shadow a built-in module.
    expect(await createPythonHandler(pyodide, source, 'marshal').invoke({}, contextInit())).toMatchObject({
      kind: 'error',
      error: {
        errorType: 'Runtime.BuiltInModuleConflict',
        errorMessage: 'Cannot use built-in module marshal as a handler module',
      },
    });
  });

  it('serialises Decimal like the runtime, and reports import errors', async () => {
    const ok =
      'from decimal import Decimal\ndef lambda_handler(e, c):\n    return {"price": Decimal("9.5"), "n": Decimal("3")}\n';
    expect(await createPythonHandler(pyodide, ok, 'decimals').invoke({}, contextInit())).toMatchObject({
      payload: { price: 9.5, n: 3 },
    });
    const missing = 'import requests_not_here\ndef lambda_handler(e, c):\n    return 1\n';
    expect(await createPythonHandler(pyodide, missing, 'needs_pkg').invoke({}, contextInit())).toMatchObject({
      kind: 'error',
      error: {
        errorType: 'Runtime.ImportModuleError',
        errorMessage: "Unable to import module 'needs_pkg': No module named 'requests_not_here'",
      },
    });
  });

  it('captures stderr and flushes a partial last line; sys.exit is an error outcome', async () => {
    const source =
      'import sys\ndef lambda_handler(e, c):\n    sys.stderr.write("warn\\n")\n    print("no newline", end="")\n    if e.get("exit"):\n        sys.exit(3)\n    return None\n';
    const handler = createPythonHandler(pyodide, source, 'streams');
    expect(await handler.invoke({}, contextInit())).toEqual({
      kind: 'result',
      payload: null,
      payloadJson: 'null',
      logs: ['warn', 'no newline'],
    });
    expect(await handler.invoke({ exit: true }, contextInit())).toMatchObject({
      kind: 'error',
      error: { errorType: 'Runtime.ExitError' },
    });
    expect(await handler.invoke({}, contextInit())).toMatchObject({ kind: 'result', payload: null });
  });
});

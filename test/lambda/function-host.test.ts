import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InvokeOutcome } from '../../src/emulator/shared/invoker.js';
import { createNodeFunctionHost, type NodeFunctionHost } from '../../src/node/function-host.js';
import { invocation } from './helpers.js';

// Built by `npm run build:node` (the test script runs it first).
const workerUrl = new URL('../../lib/handler-worker.mjs', import.meta.url);
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/handlers/${name}`, import.meta.url));

const scratch = mkdtempSync(join(tmpdir(), 'apigw-lab-host-test-'));
const editableJs = join(scratch, 'editable.mjs');
const editablePy = join(scratch, 'editable_py.py');
writeFileSync(editableJs, 'export const handler = async () => "v1";\n');
writeFileSync(editablePy, 'def lambda_handler(event, context):\n    return "py-v1"\n');

let host: NodeFunctionHost;

beforeAll(() => {
  host = createNodeFunctionHost(
    {
      hello: { path: fixture('hello.ts') },
      boom: { path: fixture('hello.ts'), exportName: 'boom' },
      items: { path: fixture('items_handler.py') },
      itemsFail: { path: `${fixture('items_handler.py')}#fail` },
      callback: { path: fixture('callback.cjs') },
      stuck: { path: fixture('stuck.mjs') },
      lingering: { path: fixture('stuck.mjs'), exportName: 'lingering' },
      pyStuck: { path: fixture('stuck.py') },
      syntax: { path: fixture('syntax_error.mjs') },
      throws: { path: fixture('throws.js') },
      missingExport: { path: fixture('hello.ts'), exportName: 'nope' },
      editableJs: { path: editableJs },
      editablePy: { path: editablePy },
    },
    { workerUrl, maxWorkersPerFunction: 2 },
  );
});

afterAll(async () => {
  await host.close();
  rmSync(scratch, { recursive: true, force: true });
});

function body(outcome: InvokeOutcome): Record<string, unknown> {
  if (outcome.kind !== 'result') throw new Error(`expected a result, got ${JSON.stringify(outcome)}`);
  return JSON.parse((outcome.payload as { body: string }).body) as Record<string, unknown>;
}

/** Aborts the invocation after `ms`, like the gateway's integration timeout. */
async function invokeWithAbort(functionName: string, event: unknown, ms: number): Promise<InvokeOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`integration timeout after ${ms} ms`)), ms);
  try {
    return await host.invoke(invocation(functionName, event, controller.signal));
  } finally {
    clearTimeout(timer);
  }
}

describe('createNodeFunctionHost', () => {
  it('runs a TypeScript handler in a worker and keeps it warm', async () => {
    const first = await host.invoke(invocation('hello', { path: '/x', queryStringParameters: { name: 'Lab' } }));
    expect(body(first)).toMatchObject({
      message: 'Hello, Lab!',
      invocations: 1,
      functionName: 'hello',
      memory: '128',
      region: 'eu-west-1',
    });
    expect(first.logs).toHaveLength(1);
    expect(first.logs[0]).toMatch(/\tINFO\tpath \/x$/);
    const second = await host.invoke(invocation('hello', { path: '/y' }));
    expect(body(second)).toMatchObject({ message: 'Hello, world!', invocations: 2 });
  });

  it('runs a Python handler file through Pyodide', async () => {
    const outcome = await host.invoke(invocation('items', { path: '/items' }));
    expect(body(outcome)).toMatchObject({
      module: 'items_handler',
      counter: 1,
      function: 'items',
      memory: '128',
      region: 'eu-west-1',
    });
    expect(outcome.logs).toEqual(['event path: /items']);
    const failed = await host.invoke(invocation('itemsFail'));
    expect(failed).toMatchObject({ kind: 'error', error: { errorType: 'ValueError', errorMessage: 'bad item' } });
  });

  it('runs callback-style CommonJS handlers', async () => {
    expect(await host.invoke(invocation('callback', { n: 5 }))).toMatchObject({
      kind: 'result',
      payload: { statusCode: 200, body: 'cb:5' },
    });
  });

  it('reports handler errors and init errors as error outcomes', async () => {
    const boom = await host.invoke(invocation('boom'));
    expect(boom).toMatchObject({ kind: 'error', error: { errorType: 'TypeError', errorMessage: 'kaboom' } });
    if (boom.kind === 'error') expect(boom.error.trace?.join('\n')).toContain('hello.ts');
    expect(await host.invoke(invocation('throws'))).toMatchObject({
      kind: 'error',
      error: { errorType: 'DatabaseError', errorMessage: 'database unavailable' },
    });
    const syntax = await host.invoke(invocation('syntax'));
    expect(syntax).toMatchObject({ kind: 'error', error: { errorType: 'Runtime.UserCodeSyntaxError' } });
    expect(await host.invoke(invocation('missingExport'))).toMatchObject({
      kind: 'error',
      error: { errorType: 'Runtime.HandlerNotFound', errorMessage: 'hello.nope is undefined or not exported' },
    });
  });

  it('answers ResourceNotFoundException for an unknown function', async () => {
    expect(await host.invoke(invocation('ghost'))).toEqual({
      kind: 'error',
      error: { errorType: 'ResourceNotFoundException', errorMessage: 'Function not found: ghost' },
      logs: [],
    });
  });

  it('stops a never-resolving async handler when the signal aborts, then keeps serving', async () => {
    const outcome = await invokeWithAbort('stuck', { mode: 'hang' }, 200);
    expect(outcome).toMatchObject({ kind: 'error', error: { errorType: 'Runtime.InvocationAborted' } });
    expect(await host.invoke(invocation('stuck'))).toMatchObject({ kind: 'result', payload: { ok: true } });
  });

  it('stops a synchronous infinite loop in JS by terminating the worker', async () => {
    const started = Date.now();
    const outcome = await invokeWithAbort('stuck', { mode: 'spin' }, 200);
    expect(outcome.kind).toBe('error');
    expect(Date.now() - started).toBeLessThan(5_000);
    // A fresh environment: module state starts over.
    const next = await host.invoke(invocation('stuck'));
    expect(next).toMatchObject({ kind: 'result', payload: { ok: true } });
  });

  it('stops a Python `while True: pass` and serves the next invocation', async () => {
    expect(await host.invoke(invocation('pyStuck'))).toMatchObject({ kind: 'result', payload: { ok: true } });
    const outcome = await invokeWithAbort('pyStuck', { mode: 'spin' }, 300);
    expect(outcome).toMatchObject({ kind: 'error', error: { errorType: 'Runtime.InvocationAborted' } });
    expect(await host.invoke(invocation('pyStuck'))).toMatchObject({ kind: 'result', payload: { ok: true } });
  });

  it('enforces the function timeout (context deadline) as Sandbox.Timedout', async () => {
    await host.invoke(invocation('stuck')); // warm, so the deadline is not extended by a cold start
    const outcome = await host.invoke(invocation('stuck', { mode: 'spin' }, undefined, 300));
    expect(outcome).toMatchObject({
      kind: 'error',
      error: {
        errorType: 'Sandbox.Timedout',
        errorMessage: expect.stringMatching(/Task timed out after 0\.30 seconds$/),
      },
    });
    expect(await host.invoke(invocation('stuck'))).toMatchObject({ kind: 'result' });
  });

  it('turns stray uncaught exceptions and unhandled rejections into error outcomes without losing the worker', async () => {
    const warm = await host.invoke(invocation('stuck'));
    const threadId = (warm as { payload: { threadId: number } }).payload.threadId;
    const stray = await host.invoke(invocation('stuck', { mode: 'stray' }));
    expect(stray).toMatchObject({ kind: 'error', error: { errorType: 'Error', errorMessage: 'stray failure' } });
    const rejected = await host.invoke(invocation('stuck', { mode: 'reject' }));
    expect(rejected).toMatchObject({
      kind: 'error',
      error: { errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: 'Error: nobody caught me' },
    });
    const after = await host.invoke(invocation('stuck'));
    expect(after).toMatchObject({ kind: 'result', payload: { threadId } });
  });

  it('puts output logged after an invocation ended into the next one, not onto stdout', async () => {
    const first = await host.invoke(invocation('lingering', { n: 1 }));
    expect(first.logs).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await host.invoke(invocation('lingering', { n: 2 }));
    expect(second.logs).toHaveLength(1);
    expect(second.logs[0]).toMatch(/\tINFO\tlate line 1$/);
  });

  it('runs at most maxWorkersPerFunction at once and queues the rest', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => host.invoke(invocation('stuck', { mode: 'sleep', ms: 50 }))),
    );
    const threads = new Set(outcomes.map((o) => (o as { payload: { threadId: number } }).payload.threadId));
    expect(outcomes.every((o) => o.kind === 'result')).toBe(true);
    expect(threads.size).toBeLessThanOrEqual(2);
  });

  it('drops a queued invocation whose signal aborts', async () => {
    const busy = [1, 2].map(() => host.invoke(invocation('stuck', { mode: 'sleep', ms: 300 })));
    const queued = await invokeWithAbort('stuck', {}, 50);
    expect(queued).toMatchObject({ kind: 'error', error: { errorType: 'Runtime.InvocationAborted' } });
    expect((await Promise.all(busy)).every((o) => o.kind === 'result')).toBe(true);
  });

  it('picks up edited handler files without a restart (JS and Python)', async () => {
    expect(await host.invoke(invocation('editableJs'))).toMatchObject({ payload: 'v1' });
    writeFileSync(editableJs, 'export const handler = async () => "version 2";\n');
    expect(await host.invoke(invocation('editableJs'))).toMatchObject({ payload: 'version 2' });

    expect(await host.invoke(invocation('editablePy'))).toMatchObject({ payload: 'py-v1' });
    writeFileSync(editablePy, 'def lambda_handler(event, context):\n    return "python version 2"\n');
    expect(await host.invoke(invocation('editablePy'))).toMatchObject({ payload: 'python version 2' });
    writeFileSync(editablePy, 'def lambda_handler(event, context):\n    return {\n');
    expect(await host.invoke(invocation('editablePy'))).toMatchObject({
      kind: 'error',
      error: { errorType: 'Runtime.UserCodeSyntaxError' },
    });
  });

  it('moves invocations queued behind a stopped one to a fresh environment', async () => {
    const single = createNodeFunctionHost(
      { stuck: { path: fixture('stuck.mjs') } },
      { workerUrl, maxWorkersPerFunction: 1 },
    );
    try {
      await single.invoke(invocation('stuck')); // warm: later invocations may be queued on this worker
      const controller = new AbortController();
      const spinning = single.invoke(invocation('stuck', { mode: 'spin' }, controller.signal));
      const behind = [1, 2, 3].map(() => single.invoke(invocation('stuck')));
      setTimeout(() => controller.abort(new Error('integration timeout')), 200);
      expect(await spinning).toMatchObject({ kind: 'error', error: { errorType: 'Runtime.InvocationAborted' } });
      const results = await Promise.all(behind);
      expect(results.map((r) => r.kind)).toEqual(['result', 'result', 'result']);
      // They ran in a new environment: its module state starts over.
      expect(results.map((r) => (r as { payload: { served: number } }).payload.served)).toEqual([1, 2, 3]);
    } finally {
      await single.close();
    }
  });

  it('prewarm loads handlers before the first invocation', async () => {
    const warm = createNodeFunctionHost(
      { birth: { path: fixture('stuck.mjs'), exportName: 'birth' } },
      { workerUrl, prewarm: true },
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const requestedAt = Date.now();
      const outcome = await warm.invoke(invocation('birth'));
      expect((outcome as { payload: { loadedAt: number } }).payload.loadedAt).toBeLessThan(requestedAt);
    } finally {
      await warm.close();
    }
  });

  it('reports a worker that cannot start as an error outcome', async () => {
    const broken = createNodeFunctionHost(
      { stuck: { path: fixture('stuck.mjs') } },
      { workerUrl: new URL('./no-such-worker.mjs', import.meta.url) },
    );
    try {
      expect(await broken.invoke(invocation('stuck'))).toMatchObject({
        kind: 'error',
        error: { errorType: 'Runtime.ExitError' },
      });
    } finally {
      await broken.close();
    }
  });

  it('answers after close() with an error outcome instead of hanging', async () => {
    const other = createNodeFunctionHost({ stuck: { path: fixture('stuck.mjs') } }, { workerUrl });
    const pending = other.invoke(invocation('stuck', { mode: 'hang' }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await other.close();
    expect(await pending).toMatchObject({ kind: 'error', error: { errorType: 'ServiceException' } });
    expect(await other.invoke(invocation('stuck'))).toMatchObject({ kind: 'error' });
  });
});

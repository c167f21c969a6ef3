import { describe, expect, it } from 'vitest';
import type { LambdaInvocation } from '../../../src/emulator/shared/invoker.js';
import { dispatchingInvoker, functionSpecOf, handlerSpecOf } from '../../../src/runtime/worker/function-specs.js';
import type { HandlerSpec, WorkerRun } from '../../../src/runtime/worker/protocol.js';

const RUN: WorkerRun = {
  language: 'typescript',
  handlerSource: 'handler source',
  handlerCode: 'handler code',
  definition: '{}',
  apiId: 'abc1234567',
  stage: 'dev',
  invokeUrl: 'https://abc1234567.execute-api.us-east-1.amazonaws.com/dev',
  functionName: 'items_handler',
  handlerName: 'handler',
  moduleName: 'items_handler',
  functions: [{ name: 'auth', source: 'auth source', code: 'auth code', handlerName: 'authorize', moduleName: 'auth' }],
  request: { method: 'GET', path: '/', headers: [], body: null },
};

const invocation = (functionName: string) => ({ functionName }) as unknown as LambdaInvocation;

describe("the Worker runtime's functions of a run", () => {
  it('has the handler and each other function, with their transpiled code (not for Python)', () => {
    expect(handlerSpecOf(RUN)).toEqual({
      language: 'typescript',
      source: 'handler source',
      code: 'handler code',
      moduleName: 'items_handler',
      handlerName: 'handler',
    });
    expect(functionSpecOf(RUN, 'auth')).toEqual({
      language: 'typescript',
      source: 'auth source',
      code: 'auth code',
      moduleName: 'auth',
      handlerName: 'authorize',
    });
    expect(functionSpecOf({ ...RUN, language: 'python' }, 'auth')).not.toHaveProperty('code');
    expect(functionSpecOf(RUN, 'other')).toBeNull();
  });

  it('dispatches an invocation to the function it names; another name is ResourceNotFoundException', async () => {
    const calls: HandlerSpec[] = [];
    const invoke = dispatchingInvoker(RUN, async (spec) => {
      calls.push(spec);
      return { kind: 'result', payload: spec.moduleName, logs: [] };
    });
    expect(await invoke(invocation('auth'))).toEqual({ kind: 'result', payload: 'auth', logs: [] });
    expect(await invoke(invocation('items_handler'))).toEqual({ kind: 'result', payload: 'items_handler', logs: [] });
    expect(await invoke(invocation('nope'))).toEqual({
      kind: 'error',
      error: {
        errorType: 'ResourceNotFoundException',
        errorMessage: 'Function not found: nope (this sandbox runs items_handler, auth)',
      },
      logs: [],
    });
    expect(calls.map((s) => s.moduleName)).toEqual(['auth', 'items_handler']);
  });
});

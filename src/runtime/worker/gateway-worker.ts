/**
 * Web Worker entry: the API Gateway emulator, off the page's thread. Each run builds the gateway
 * from the sandbox's definition (runInGateway) and invokes the handler in a nested handler worker
 * per language (HandlerHost), which it terminates when the integration timeout fires.
 */
import type { LambdaInvoker } from '../../emulator/invoker.js';
import type { Language } from '../../examples/types.js';
import { runInGateway } from '../run-in-gateway.js';
import type { RuntimeProgress, SandboxRun } from '../types.js';
import { HandlerHost } from './handler-host.js';
import type { GatewayReply, GatewayRequest, HandlerSpec } from './protocol.js';
import { workerScope } from './worker-scope.js';

const scope = workerScope();
const reply = (message: GatewayReply): void => scope.postMessage(message);
const hosts = new Map<Language, HandlerHost>();

function hostFor(language: Language): HandlerHost {
  let host = hosts.get(language);
  if (!host) {
    host = new HandlerHost(language);
    hosts.set(language, host);
  }
  return host;
}

function specOf(run: SandboxRun): HandlerSpec {
  return { language: run.language, source: run.handlerSource, moduleName: run.moduleName, handlerName: run.handlerName };
}

async function serve(request: GatewayRequest): Promise<void> {
  const { id, run, pyodideBase } = request;
  const onProgress = (progress: RuntimeProgress): void => reply({ type: 'progress', id, progress });
  const host = hostFor(run.language);
  const spec = specOf(run);
  await host.prepare(spec, pyodideBase, onProgress);
  const invoke: LambdaInvoker = async (invocation) => {
    if (invocation.functionName !== run.functionName) {
      return {
        kind: 'error',
        error: { errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${invocation.functionName} (this sandbox runs ${run.functionName})` },
        logs: [],
      };
    }
    return host.invoke(spec, pyodideBase, invocation, onProgress);
  };
  const outcome = await runInGateway(run, invoke, { runtime: 'worker' });
  reply({ type: 'outcome', id, outcome });
}

scope.addEventListener('message', (event: MessageEvent<GatewayRequest>) => {
  const request = event.data;
  if (request.type !== 'run') return;
  serve(request).catch((error: unknown) => reply({ type: 'failure', id: request.id, message: error instanceof Error ? error.message : String(error) }));
});

/**
 * The Worker runtime (page side): the emulator runs in a dedicated Web Worker created on the first
 * run (or earlier, by `warm()`, as the sandbox's module loads); handlers run in
 * handler workers nested in it. Python loads Pyodide from `<base>/pyodide/`.
 */
import type { Language } from '../../examples/types.js';
import type { RunOutcome, RuntimeProgress, SandboxRun, SandboxRuntime } from '../types.js';
import { defaultPyodideBase } from './pyodide-base.js';
import type { GatewayReply, GatewayRequest, WorkerRun } from './protocol.js';

export { defaultPyodideBase } from './pyodide-base.js';

/** The Worker runtime, which can be started before its first run. */
export interface WorkerRuntime extends SandboxRuntime {
  /**
   * Creates the emulator's worker now (it starts a handler worker as it loads); given a run, also readies the worker
   * for a first run like it (the gateway's code compiled, the handler imported: protocol.ts `warm`).
   */
  warm(run?: SandboxRun): void;
  /**
   * Loads a language's runtime before its first run (Pyodide for Python, in the Python handler worker, off the page's
   * thread); resolves once it is ready. Runs in other languages are not held up; a Python run waits for it.
   */
  prepare(language: Language, onProgress?: (p: RuntimeProgress) => void): Promise<void>;
}

/** The gateway worker reads JSON definitions only (it ships without a YAML parser). */
const isJson = (text: string): boolean => /^\s*\{/.test(text);

async function withJsonDefinition(run: WorkerRun): Promise<WorkerRun> {
  if (isJson(run.definition)) return run;
  const { parse } = await import('yaml');
  return { ...run, definition: JSON.stringify(parse(run.definition)) };
}

export const WORKER_RUNTIME_LABEL = 'Web Worker (in-page emulator)';

interface Pending {
  /** The run's outcome, or undefined for a `prepare`. */
  resolve: (outcome: RunOutcome | undefined) => void;
  reject: (error: Error) => void;
  onProgress?: ((p: RuntimeProgress) => void) | undefined;
}

export function createWorkerRuntime(options: { pyodideBase?: string } = {}): WorkerRuntime {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const pyodideBase = options.pyodideBase ?? defaultPyodideBase();

  const failAll = (message: string): void => {
    worker?.terminate();
    worker = null;
    const all = [...pending.values()];
    pending.clear();
    for (const p of all) p.reject(new Error(message));
  };

  const spawn = (): Worker => {
    if (worker) return worker;
    const created = new Worker(new URL('./gateway-worker.ts', import.meta.url), {
      type: 'module',
      name: 'apigw-gateway',
    });
    created.addEventListener('message', (event: MessageEvent<GatewayReply>) => {
      const message = event.data;
      const p = pending.get(message.id);
      if (!p) return;
      if (message.type === 'progress') return p.onProgress?.(message.progress);
      pending.delete(message.id);
      if (message.type === 'outcome') p.resolve(message.outcome);
      else if (message.type === 'prepared')
        message.error === undefined ? p.resolve(undefined) : p.reject(new Error(message.error));
      else p.reject(new Error(message.message));
    });
    created.addEventListener('error', (event) => {
      event.preventDefault();
      failAll(`The emulator's worker failed: ${event.message || 'it could not start'}`);
    });
    worker = created;
    return created;
  };

  return {
    kind: 'worker',
    label: WORKER_RUNTIME_LABEL,
    warm(run) {
      const worker = spawn();
      // A YAML definition (an edited one) is not worth converting for this: a run converts it.
      if (!run || !isJson(run.definition)) return;
      const request: GatewayRequest = { type: 'warm', run, pyodideBase };
      worker.postMessage(request);
    },
    prepare(language, onProgress) {
      return new Promise<void>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: () => resolve(), reject, onProgress });
        const request: GatewayRequest = { type: 'prepare', id, language, pyodideBase };
        spawn().postMessage(request);
      });
    },
    run(run: SandboxRun, opts = {}) {
      spawn(); // starts loading while a YAML definition is converted
      const send = (workerRun: WorkerRun) =>
        new Promise<RunOutcome>((resolve, reject) => {
          const id = nextId++;
          pending.set(id, {
            resolve: resolve as (outcome: RunOutcome | undefined) => void,
            reject,
            onProgress: opts.onProgress,
          });
          const request: GatewayRequest = { type: 'run', id, run: workerRun, pyodideBase };
          spawn().postMessage(request);
        });
      return isJson(run.definition) ? send(run) : withJsonDefinition(run).then(send);
    },
    dispose() {
      failAll('The runtime was disposed');
    },
  };
}

/// <reference types="vite/client" />
/**
 * Which runtime serves a sandbox run. The Worker runtime answers from the first run (it needs no
 * boot); when the page is cross-origin isolated, the WebContainer runtime (a real Node.js process
 * running the emulator's server in the browser) is booted in the background, and serves later
 * JavaScript/TypeScript runs if it booted within BOOT_TIMEOUT_MS. Python always runs in the Worker
 * runtime (Pyodide). A WebContainer failure falls back to the Worker for that run and for good.
 *
 * Override for tests and demos: `?runtime=worker` in the URL, or localStorage `apigw-lab:runtime` = `worker`.
 */
import type { Language } from '../examples/types.js';
import type { RunOutcome, RuntimeKind, RuntimeProgress, SandboxRun, SandboxRuntime } from './types.js';
import { createWorkerRuntime } from './worker/index.js';

export const BOOT_TIMEOUT_MS = 4_000;

/** What `./webcontainer/index.ts` provides (written separately; absent modules are tolerated). */
interface WebContainerModule {
  createWebContainerRuntime(options?: { bootTimeoutMs?: number; onProgress?: (p: RuntimeProgress) => void }): Promise<SandboxRuntime> | SandboxRuntime;
}

// A glob, not import(): the build succeeds (with no WebContainer runtime) while the module does not exist.
const webContainerModules = import.meta.glob<WebContainerModule>('./webcontainer/index.ts');

type WebContainerState =
  | { state: 'idle' }
  | { state: 'booting'; since: number }
  | { state: 'ready'; runtime: SandboxRuntime }
  | { state: 'unavailable'; reason: string };

let workerRuntime: SandboxRuntime | null = null;
let webContainer: WebContainerState = { state: 'idle' };
const listeners = new Set<(state: WebContainerState['state'], detail?: string) => void>();

function setWebContainer(next: WebContainerState): void {
  webContainer = next;
  for (const l of listeners) l(next.state, next.state === 'unavailable' ? next.reason : undefined);
}

/** Called with the WebContainer runtime's state as it changes (booting, ready, unavailable). */
export function onWebContainerState(listener: (state: WebContainerState['state'], detail?: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function webContainerState(): WebContainerState['state'] {
  return webContainer.state;
}

/** The Worker runtime, shared by every sandbox of the page (one gateway worker). */
export function getWorkerRuntime(): SandboxRuntime {
  workerRuntime ??= createWorkerRuntime();
  return workerRuntime;
}

function forcedRuntime(): RuntimeKind | null {
  try {
    const param = new URLSearchParams(location.search).get('runtime');
    const value = param ?? localStorage.getItem('apigw-lab:runtime');
    return value === 'worker' || value === 'webcontainer' ? value : null;
  } catch {
    return null;
  }
}

/** Starts booting the WebContainer runtime in the background, once, if the page allows it. */
export function startWebContainerBoot(): void {
  if (webContainer.state !== 'idle') return;
  if (forcedRuntime() === 'worker') return setWebContainer({ state: 'unavailable', reason: 'the Worker runtime was requested' });
  if (typeof crossOriginIsolated === 'undefined' || !crossOriginIsolated) {
    return setWebContainer({ state: 'unavailable', reason: 'the page is not cross-origin isolated' });
  }
  const load = webContainerModules['./webcontainer/index.ts'];
  if (!load) return setWebContainer({ state: 'unavailable', reason: 'this build has no WebContainer runtime' });
  setWebContainer({ state: 'booting', since: performance.now() });
  let timedOut = false;
  const boot = (async () => (await load()).createWebContainerRuntime({ bootTimeoutMs: BOOT_TIMEOUT_MS }))();
  const timer = setTimeout(() => {
    timedOut = true;
    setWebContainer({ state: 'unavailable', reason: `WebContainer did not boot within ${BOOT_TIMEOUT_MS / 1000} s` });
  }, BOOT_TIMEOUT_MS);
  boot.then(
    (runtime) => {
      clearTimeout(timer);
      if (timedOut) runtime.dispose();
      else setWebContainer({ state: 'ready', runtime });
    },
    (error: unknown) => {
      clearTimeout(timer);
      if (!timedOut) setWebContainer({ state: 'unavailable', reason: `WebContainer failed to boot: ${error instanceof Error ? error.message : String(error)}` });
    },
  );
}

/** The runtime that serves a run in `language` right now (never waits for a boot). */
export function runtimeFor(language: Language): SandboxRuntime {
  startWebContainerBoot();
  if (language !== 'python' && webContainer.state === 'ready' && forcedRuntime() !== 'worker') return webContainer.runtime;
  return getWorkerRuntime();
}

/** How a runtime is named in the sandbox's status line. */
export function runtimeLabel(kind: RuntimeKind): string {
  return kind === 'worker' ? 'Web Worker (in-page emulator)' : 'WebContainer (Node.js in the browser)';
}

/**
 * Runs on the best available runtime. If the WebContainer runtime fails (rather than answering with
 * an error response), it is dropped and the run is served by the Worker runtime.
 */
export async function runSandbox(run: SandboxRun, options: { onProgress?: (p: RuntimeProgress) => void; onRuntime?: (kind: RuntimeKind) => void } = {}): Promise<RunOutcome> {
  const runtime = runtimeFor(run.language);
  options.onRuntime?.(runtime.kind);
  const progress = options.onProgress ? { onProgress: options.onProgress } : {};
  if (runtime.kind === 'worker') return runtime.run(run, progress);
  try {
    return await runtime.run(run, progress);
  } catch (error) {
    runtime.dispose();
    setWebContainer({ state: 'unavailable', reason: `WebContainer failed: ${error instanceof Error ? error.message : String(error)}` });
    const fallback = getWorkerRuntime();
    options.onRuntime?.(fallback.kind);
    return fallback.run(run, progress);
  }
}

/// <reference types="vite/client" />
/**
 * Which runtime serves a sandbox run. The Worker runtime answers from the first run (it needs no
 * boot); when the page is cross-origin isolated, the WebContainer runtime (a real Node.js process
 * running the emulator's server in the browser) is booted in the background on the first run, and
 * serves later JavaScript/TypeScript runs if it booted within BOOT_TIMEOUT_MS. Python always runs
 * in the Worker runtime (Pyodide). A WebContainer failure falls back to the Worker, for that run
 * and for the rest of the page's life.
 *
 * Override for tests and demos: `?runtime=worker` in the URL, or localStorage `apigw-lab:runtime` = `worker`.
 */
import type { Language } from '../examples/types.js';
import type { RunOutcome, RuntimeKind, RuntimeProgress, SandboxRun, SandboxRuntime } from './types.js';
import { createWorkerRuntime } from './worker/index.js';

export const BOOT_TIMEOUT_MS = 4_000;

/** What `./webcontainer/index.ts` provides (written separately; a build without it is tolerated). */
export interface WebContainerModule {
  createWebContainerRuntime(options?: {
    bootTimeoutMs?: number;
    onProgress?: (p: RuntimeProgress) => void;
  }): Promise<SandboxRuntime> | SandboxRuntime;
}

export type WebContainerStateName = 'idle' | 'booting' | 'ready' | 'unavailable';

export interface RunSandboxOptions {
  onProgress?: (p: RuntimeProgress) => void;
  /** Told which runtime serves the run (again, if a failing WebContainer hands over to the Worker). */
  onRuntime?: (kind: RuntimeKind) => void;
}

export interface RuntimeSelector {
  /** The runtime that serves a run in `language` right now (never waits for a boot). */
  runtimeFor(language: Language): SandboxRuntime;
  /** Runs on the best available runtime, falling back to the Worker if the WebContainer fails. */
  runSandbox(run: SandboxRun, options?: RunSandboxOptions): Promise<RunOutcome>;
  /** Starts booting the WebContainer in the background, once (runtimeFor does it too). */
  startWebContainerBoot(): void;
  /**
   * Starts the Worker runtime before its first run (a sandbox calls it on the reader's first
   * pointer, focus or key in it), so the first result does not wait for the workers to load.
   * Given a run, the worker also readies itself for a first run like it (worker/index.ts `warm`).
   */
  warmWorker(run?: SandboxRun): void;
  /**
   * Loads a language's runtime ahead of its first run: Pyodide for Python, in the Worker runtime (where Python always
   * runs), off the page's thread. Resolves when it is ready; a no-op for a runtime with nothing to load.
   */
  prepare(language: Language, onProgress?: (p: RuntimeProgress) => void): Promise<void>;
  webContainerState(): WebContainerStateName;
  /** Called with the WebContainer runtime's state as it changes; returns the unsubscriber. */
  onWebContainerState(listener: (state: WebContainerStateName, detail?: string) => void): () => void;
}

export interface RuntimeSelectorOptions {
  createWorker: () => SandboxRuntime;
  /** Loads the WebContainer module; null when the build has none. */
  loadWebContainer: (() => Promise<WebContainerModule>) | null;
  /** Whether the page is cross-origin isolated (WebContainers need SharedArrayBuffer). */
  isolated: () => boolean;
  /** A forced runtime (`?runtime=worker`), or null. */
  forced?: () => RuntimeKind | null;
  bootTimeoutMs?: number;
}

/** The selection logic, with its environment injected (tested in Node with fakes). */
export function createRuntimeSelector(options: RuntimeSelectorOptions): RuntimeSelector {
  const bootTimeoutMs = options.bootTimeoutMs ?? BOOT_TIMEOUT_MS;
  const forced = options.forced ?? (() => null);
  let worker: SandboxRuntime | null = null;
  let state: { name: WebContainerStateName; runtime?: SandboxRuntime; detail?: string } = { name: 'idle' };
  const listeners = new Set<(state: WebContainerStateName, detail?: string) => void>();

  const set = (name: WebContainerStateName, extra: { runtime?: SandboxRuntime; detail?: string } = {}): void => {
    state = { name, ...extra };
    for (const listener of listeners) listener(name, extra.detail);
  };
  const getWorker = (): SandboxRuntime => (worker ??= options.createWorker());

  const startWebContainerBoot = (): void => {
    if (state.name !== 'idle') return;
    if (forced() === 'worker') return set('unavailable', { detail: 'the Worker runtime was requested' });
    if (!options.isolated()) return set('unavailable', { detail: 'the page is not cross-origin isolated' });
    const load = options.loadWebContainer;
    if (!load) return set('unavailable', { detail: 'this build has no WebContainer runtime' });
    set('booting');
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      set('unavailable', { detail: `it did not boot within ${bootTimeoutMs / 1000} s` });
    }, bootTimeoutMs);
    (async () => (await load()).createWebContainerRuntime({ bootTimeoutMs }))().then(
      (runtime) => {
        clearTimeout(timer);
        if (timedOut) runtime.dispose();
        else set('ready', { runtime });
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!timedOut)
          set('unavailable', {
            detail: `it failed to boot: ${error instanceof Error ? error.message : String(error)}`,
          });
      },
    );
  };

  const runtimeFor = (language: Language): SandboxRuntime => {
    startWebContainerBoot();
    if (language !== 'python' && state.name === 'ready' && state.runtime && forced() !== 'worker') return state.runtime;
    return getWorker();
  };

  return {
    runtimeFor,
    startWebContainerBoot,
    warmWorker(run) {
      (getWorker() as SandboxRuntime & { warm?: (run?: SandboxRun) => void }).warm?.(run);
    },
    async prepare(language, onProgress) {
      const runtime = getWorker() as SandboxRuntime & {
        prepare?: (language: Language, onProgress?: (p: RuntimeProgress) => void) => Promise<void>;
      };
      await runtime.prepare?.(language, onProgress);
    },
    webContainerState: () => state.name,
    onWebContainerState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async runSandbox(run, opts = {}) {
      // Both runtimes serve every run (several stages, the example's HTTP service, a custom domain); Python only in the Worker.
      // The WebContainer's server sends no bursts (yet): a burst run goes to the Worker.
      const runtime = run.burst !== undefined ? getWorker() : runtimeFor(run.language);
      opts.onRuntime?.(runtime.kind);
      const progress = opts.onProgress ? { onProgress: opts.onProgress } : {};
      if (runtime.kind === 'worker') return runtime.run(run, progress);
      try {
        return await runtime.run(run, progress);
      } catch (error) {
        runtime.dispose();
        set('unavailable', { detail: `it failed: ${error instanceof Error ? error.message : String(error)}` });
        const fallback = getWorker();
        opts.onRuntime?.(fallback.kind);
        return fallback.run(run, progress);
      }
    },
  };
}

// ---- the page's selector ---------------------------------------------------------------------

// A glob, not import(): the build succeeds (with no WebContainer runtime) if the module is absent.
const webContainerModules = import.meta.glob<WebContainerModule>('./webcontainer/index.ts');

function forcedRuntime(): RuntimeKind | null {
  try {
    const value = new URLSearchParams(location.search).get('runtime') ?? localStorage.getItem('apigw-lab:runtime');
    return value === 'worker' || value === 'webcontainer' ? value : null;
  } catch {
    return null;
  }
}

let pageSelector: RuntimeSelector | null = null;

/** The selector shared by every sandbox of the page (one gateway worker, one WebContainer). */
export function getRuntimeSelector(): RuntimeSelector {
  return (pageSelector ??= createRuntimeSelector({
    createWorker: () => createWorkerRuntime(),
    loadWebContainer: webContainerModules['./webcontainer/index.ts'] ?? null,
    isolated: () => typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated,
    forced: forcedRuntime,
  }));
}

export const runSandbox = (run: SandboxRun, options?: RunSandboxOptions): Promise<RunOutcome> =>
  getRuntimeSelector().runSandbox(run, options);
export const webContainerState = (): WebContainerStateName => getRuntimeSelector().webContainerState();
export const warmWorker = (run?: SandboxRun): void => getRuntimeSelector().warmWorker(run);
export const prepareRuntime = (language: Language, onProgress?: (p: RuntimeProgress) => void): Promise<void> =>
  getRuntimeSelector().prepare(language, onProgress);
export const onWebContainerState = (listener: (state: WebContainerStateName, detail?: string) => void): (() => void) =>
  getRuntimeSelector().onWebContainerState(listener);

/** How a runtime is named in the sandbox's status line. */
export function runtimeLabel(kind: RuntimeKind): string {
  return kind === 'worker' ? 'Web Worker (in-page emulator)' : 'WebContainer (Node.js in the browser)';
}

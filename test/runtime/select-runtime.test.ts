import { describe, expect, it, vi } from 'vitest';
import { createRuntimeSelector, type WebContainerModule } from '../../src/runtime/select-runtime.js';
import type { RunOutcome, RuntimeKind, SandboxRun, SandboxRuntime } from '../../src/runtime/types.js';

function fakeRuntime(
  kind: RuntimeKind,
  behaviour: 'ok' | 'throw' = 'ok',
): SandboxRuntime & { runs: number; disposed: boolean } {
  return {
    kind,
    label: kind,
    runs: 0,
    disposed: false,
    async run() {
      this.runs++;
      if (behaviour === 'throw') throw new Error('container crashed');
      return { runtime: kind } as RunOutcome;
    },
    dispose() {
      this.disposed = true;
    },
  };
}

const run = (language: 'python' | 'typescript') => ({ language }) as SandboxRun;

describe('runtime selection', () => {
  it('answers from the Worker at once while a WebContainer boot never settles, then gives up on it', async () => {
    vi.useFakeTimers();
    try {
      const worker = fakeRuntime('worker');
      const never: WebContainerModule = { createWebContainerRuntime: () => new Promise<SandboxRuntime>(() => {}) };
      const selector = createRuntimeSelector({
        createWorker: () => worker,
        loadWebContainer: async () => never,
        isolated: () => true,
        bootTimeoutMs: 4000,
      });
      const states: string[] = [];
      selector.onWebContainerState((s) => states.push(s));
      expect((await selector.runSandbox(run('typescript'))).runtime).toBe('worker');
      expect(selector.webContainerState()).toBe('booting');
      await vi.advanceTimersByTimeAsync(4000);
      expect(selector.webContainerState()).toBe('unavailable');
      expect((await selector.runSandbox(run('typescript'))).runtime).toBe('worker');
      expect(states).toEqual(['booting', 'unavailable']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('uses a WebContainer that booted in time for TypeScript, never for Python', async () => {
    const worker = fakeRuntime('worker');
    const container = fakeRuntime('webcontainer');
    const selector = createRuntimeSelector({
      createWorker: () => worker,
      loadWebContainer: async () => ({ createWebContainerRuntime: async () => container }),
      isolated: () => true,
    });
    const seen: RuntimeKind[] = [];
    expect((await selector.runSandbox(run('typescript'), { onRuntime: (k) => seen.push(k) })).runtime).toBe('worker');
    await vi.waitFor(() => expect(selector.webContainerState()).toBe('ready'));
    expect((await selector.runSandbox(run('typescript'), { onRuntime: (k) => seen.push(k) })).runtime).toBe(
      'webcontainer',
    );
    expect((await selector.runSandbox(run('python'))).runtime).toBe('worker');
    expect(seen).toEqual(['worker', 'webcontainer']);
    // Runs with the example's HTTP service (upstream.ts), several stages or a custom domain go to the WebContainer too.
    const upstream = { upstream: { host: '127.0.0.1:8080', source: '' } };
    const stages = {
      stages: [
        { name: 'dev', definition: '' },
        { name: 'prod', definition: '' },
      ],
    };
    const customDomain = {
      customDomain: { domainName: 'api.example.com', basePathMappings: [{ basePath: 'v1', stage: 'dev' }] },
    };
    for (const extra of [upstream, stages, customDomain]) {
      expect(
        (await selector.runSandbox({ ...run('typescript'), ...extra }, { onRuntime: (k) => seen.push(k) })).runtime,
      ).toBe('webcontainer');
    }
    expect(seen).toEqual(['worker', 'webcontainer', 'webcontainer', 'webcontainer', 'webcontainer']);
    // …but not a Python run with them: the container has no Python.
    expect((await selector.runSandbox({ ...run('python'), ...upstream, ...stages })).runtime).toBe('worker');
  });

  it('falls back to the Worker, for good, when the WebContainer fails a run', async () => {
    const worker = fakeRuntime('worker');
    const container = fakeRuntime('webcontainer', 'throw');
    const selector = createRuntimeSelector({
      createWorker: () => worker,
      loadWebContainer: async () => ({ createWebContainerRuntime: async () => container }),
      isolated: () => true,
    });
    selector.startWebContainerBoot();
    await vi.waitFor(() => expect(selector.webContainerState()).toBe('ready'));
    const seen: RuntimeKind[] = [];
    expect((await selector.runSandbox(run('typescript'), { onRuntime: (k) => seen.push(k) })).runtime).toBe('worker');
    expect(seen).toEqual(['webcontainer', 'worker']);
    expect(container.disposed).toBe(true);
    expect(selector.webContainerState()).toBe('unavailable');
    expect(selector.runtimeFor('typescript')).toBe(worker);
  });

  it('never boots a WebContainer on a page that is not cross-origin isolated, or when the Worker is forced, or when the build has none', () => {
    const load = vi.fn(async () => ({ createWebContainerRuntime: async () => fakeRuntime('webcontainer') }));
    for (const options of [
      { isolated: () => false, loadWebContainer: load },
      { isolated: () => true, loadWebContainer: load, forced: () => 'worker' as const },
      { isolated: () => true, loadWebContainer: null },
    ]) {
      const selector = createRuntimeSelector({ createWorker: () => fakeRuntime('worker'), ...options });
      expect(selector.runtimeFor('typescript').kind).toBe('worker');
      expect(selector.webContainerState()).toBe('unavailable');
    }
    expect(load).not.toHaveBeenCalled();
  });

  it('disposes a WebContainer that boots after the timeout', async () => {
    vi.useFakeTimers();
    try {
      const container = fakeRuntime('webcontainer');
      let resolve!: (r: SandboxRuntime) => void;
      const selector = createRuntimeSelector({
        createWorker: () => fakeRuntime('worker'),
        loadWebContainer: async () => ({
          createWebContainerRuntime: () => new Promise<SandboxRuntime>((r) => (resolve = r)),
        }),
        isolated: () => true,
        bootTimeoutMs: 100,
      });
      selector.startWebContainerBoot();
      await vi.advanceTimersByTimeAsync(150);
      resolve(container);
      await vi.advanceTimersByTimeAsync(0);
      expect(container.disposed).toBe(true);
      expect(selector.runtimeFor('typescript').kind).toBe('worker');
    } finally {
      vi.useRealTimers();
    }
  });
});

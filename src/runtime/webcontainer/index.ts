/**
 * The WebContainer sandbox runtime: the emulator as a real Node.js server in the reader's browser
 * (StackBlitz WebContainer), with its output in a terminal. TypeScript handlers only: the container
 * has no Python, so the page runs Python handlers in the Worker (Pyodide).
 * Needs a cross-origin isolated page and the WebContainer host (it boots from StackBlitz's servers);
 * when either is missing, createWebContainerRuntime rejects and the page stays on the Worker.
 */
import type { RuntimeProgress, SandboxRuntime } from '../types.js';
import { bootWebContainer, teardownWebContainer, type Coep } from './boot.js';
import { createRelay } from './relay.js';
import { WebContainerRuntime } from './runtime.js';

/** Options of createWebContainerRuntime. */
export interface WebContainerRuntimeOptions {
  /** How long boot may take before the page gives up on it (default 4 s). */
  bootTimeoutMs?: number;
  /** Where to show the server's output (an xterm.js terminal is opened in it). */
  terminal?: HTMLElement;
  /** The emulator server bundle's URL (default `/webcontainer/emulator.mjs`, built by scripts/build-webcontainer.mjs). */
  bundleUrl?: string;
  /** Must match the page's Cross-Origin-Embedder-Policy header (default `require-corp`, as public/_headers has it). */
  coep?: Coep;
  /** Told when booting and loading the bundle. */
  onProgress?: (p: RuntimeProgress) => void;
}

/** Boots a WebContainer and returns the runtime that serves runs in it; rejects if boot does not settle within bootTimeoutMs. */
export async function createWebContainerRuntime(options: WebContainerRuntimeOptions = {}): Promise<SandboxRuntime> {
  const bootTimeoutMs = options.bootTimeoutMs ?? 4_000;
  options.onProgress?.({ phase: 'booting the WebContainer' });
  const container = await bootWebContainer({ timeoutMs: bootTimeoutMs, coep: options.coep ?? 'require-corp' });
  try {
    options.onProgress?.({ phase: 'loading the emulator server' });
    const [emulatorBundle, terminal] = await Promise.all([
      fetchBundle(options.bundleUrl ?? '/webcontainer/emulator.mjs'),
      options.terminal ? import('./terminal.js').then((m) => m.openTerminal(options.terminal!)) : null,
    ]);
    const relay = createRelay();
    return new WebContainerRuntime({
      container: {
        mount: (tree) => container.mount(tree),
        fs: container.fs,
        spawn: (command, args, spawnOptions) => container.spawn(command, args, spawnOptions),
        on: (event, listener) => container.on(event, listener),
        teardown: () => teardownWebContainer(container),
      },
      emulatorBundle,
      send: relay.send,
      ...(terminal ? { output: terminal.write } : {}),
      onDispose: () => {
        relay.dispose();
        terminal?.dispose();
      },
    });
  } catch (error) {
    teardownWebContainer(container);
    throw error;
  }
}

/** The emulator server bundle's text. */
async function fetchBundle(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok)
    throw new Error(
      `cannot load the WebContainer emulator bundle ${url}: ${response.status} (run scripts/build-webcontainer.mjs)`,
    );
  return response.text();
}

/**
 * The WebContainer SandboxRuntime: keeps the run's files mounted in the container and the emulator
 * server running on them (re-mounting what changed and restarting the server when the handler, a
 * definition, the HTTP service or the settings change: stages, custom domain, timeout…), and sends
 * each run to the server's /__sandbox/run.
 */
import type { FileSystemTree } from '@webcontainer/api';
import type { RunOutcome, RuntimeProgress, SandboxRun, SandboxRuntime } from '../types.js';
import type { Container } from './container.js';
import { changedFiles, webContainerFiles } from './file-tree.js';
import type { SandboxErrorReply } from './protocol.js';
import { sandboxRunBodyOf, type SandboxRunBody } from './run-body.js';
import type { RelayReply } from './relay.js';
import { startServerProcess, watchPorts, type PortWatch, type ServerProcess } from './server-process.js';

/** What a WebContainerRuntime runs on. */
export interface WebContainerRuntimeInit {
  container: Container;
  /** The text of public/webcontainer/emulator.mjs. */
  emulatorBundle: string;
  /** Sends a run's JSON body to the server's /__sandbox/run (the relay in the page). */
  send: (serverUrl: string, body: string, timeoutMs: number) => Promise<RelayReply>;
  /** Receives everything the server prints (the terminal). */
  output?: (chunk: string) => void;
  /** Called by dispose, after the container is torn down. */
  onDispose?: () => void;
  /** How long the server may take to start (default 20 s). */
  startTimeoutMs?: number;
}

/** Longest integration timeout API Gateway allows by default; the page waits that long plus a margin. */
const MAX_INTEGRATION_MS = 29_000;
const REPLY_MARGIN_MS = 15_000;

/** A SandboxRuntime over a booted container. */
export class WebContainerRuntime implements SandboxRuntime {
  readonly kind = 'webcontainer' as const;
  readonly label = 'Node.js in a WebContainer';
  readonly #init: WebContainerRuntimeInit;
  readonly #ports: PortWatch;
  #mounted: FileSystemTree | null = null;
  #server: ServerProcess | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #disposed = false;

  constructor(init: WebContainerRuntimeInit) {
    this.#init = init;
    this.#ports = watchPorts(init.container);
  }

  /** Serves one run; runs are served one after another. Python handlers are refused: they run in the Worker. */
  run(run: SandboxRun, options: { onProgress?: (p: RuntimeProgress) => void } = {}): Promise<RunOutcome> {
    const next = this.#queue.then(() => this.#run(run, options.onProgress));
    this.#queue = next.catch(() => {});
    return next;
  }

  /** Stops the server and tears the container down. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#ports.dispose();
    void this.#server?.stop();
    this.#init.container.teardown();
    this.#init.onDispose?.();
  }

  async #run(run: SandboxRun, onProgress?: (p: RuntimeProgress) => void): Promise<RunOutcome> {
    if (this.#disposed) throw new Error('the WebContainer runtime was disposed');
    const tree = webContainerFiles({ ...run, emulatorBundle: this.#init.emulatorBundle });
    const changed = changedFiles(this.#mounted, tree);
    if (changed.length > 0 || !this.#server || this.#server.exited) {
      await this.#deploy(tree, changed, onProgress);
    }
    onProgress?.({ phase: 'running' });
    // A body over API Gateway's 10 MiB limit goes as its beginning and its size (run-body.ts); with the run's auth,
    // requests sent first and session.
    const body: SandboxRunBody = sandboxRunBodyOf(run);
    const reply = await this.#init.send(
      this.#server!.url,
      JSON.stringify(body),
      (run.timeoutMs ?? MAX_INTEGRATION_MS) + REPLY_MARGIN_MS,
    );
    return outcomeOf(reply);
  }

  /** Writes what changed and (re)starts the server on it. */
  async #deploy(tree: FileSystemTree, changed: string[], onProgress?: (p: RuntimeProgress) => void): Promise<void> {
    const { container } = this.#init;
    onProgress?.({ phase: 'mounting files' });
    try {
      if (!this.#mounted) {
        await container.mount(tree);
      } else {
        for (const name of changed) {
          const node = tree[name];
          if (node && 'file' in node && 'contents' in node.file)
            await container.fs.writeFile(name, String(node.file.contents));
        }
      }
      this.#mounted = tree;
    } catch (error) {
      this.#mounted = null;
      throw error;
    }
    onProgress?.({ phase: 'starting the emulator server' });
    await this.#server?.stop();
    this.#server = null;
    this.#server = await startServerProcess(container, {
      ports: this.#ports,
      ...(this.#init.output ? { output: this.#init.output } : {}),
      ...(this.#init.startTimeoutMs ? { timeoutMs: this.#init.startTimeoutMs } : {}),
    });
  }
}

/** The run's outcome from the server's answer; a refused run (bad definition, invalid header…) becomes an Error. */
export function outcomeOf(reply: RelayReply): RunOutcome {
  let json: unknown;
  try {
    json = JSON.parse(reply.text);
  } catch {
    throw new Error(`the sandbox server answered ${reply.status} with something other than JSON`);
  }
  if (reply.status === 200) return { ...(json as RunOutcome), runtime: 'webcontainer' };
  const error = (json as Partial<SandboxErrorReply>).error;
  const out = new Error(error?.message ?? `the sandbox server answered ${reply.status}`);
  if (error?.name) out.name = error.name;
  throw out;
}

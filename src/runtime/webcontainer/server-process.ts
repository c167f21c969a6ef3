/**
 * Starts `node server.mjs` in the container and knows when it serves: its "Invoke URL:" banner is
 * printed and the container has announced the port's preview URL.
 */
import { withTimeout } from './boot.js';
import type { Container, ContainerProcess } from './container.js';
import { DEFAULT_PORT, FILES } from './protocol.js';

/** A running emulator server. */
export interface ServerProcess {
  /** The preview URL of its port (what the relay iframe loads). */
  readonly url: string;
  /** Whether the process has exited. */
  readonly exited: boolean;
  /** Kills it and waits (briefly) for it to exit. */
  stop(): Promise<void>;
}

/** The preview URL of each open port in the container, from its `port` events. */
export interface PortWatch {
  url(port: number): string | undefined;
  /** Calls `listener` after each change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
  dispose(): void;
}

/** Follows the container's ports as they open and close. */
export function watchPorts(container: Container): PortWatch {
  const urls = new Map<number, string>();
  const listeners = new Set<() => void>();
  const dispose = container.on('port', (port, type, url) => {
    if (type === 'open') urls.set(port, url);
    else urls.delete(port);
    for (const listener of [...listeners]) listener();
  });
  return {
    url: (port) => urls.get(port),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose,
  };
}

/** Options of startServerProcess. */
export interface StartServerProcessOptions {
  ports: PortWatch;
  /** Receives everything the server prints. */
  output?: (chunk: string) => void;
  port?: number;
  timeoutMs?: number;
}

const BANNER = /^Invoke URL: /m;
/** Kept for error messages: the last lines the server printed. */
const TAIL_CHARS = 4_000;

/** Spawns the server and resolves once it serves; rejects (with its output) if it exits or takes too long. */
export async function startServerProcess(
  container: Container,
  options: StartServerProcessOptions,
): Promise<ServerProcess> {
  const port = options.port ?? DEFAULT_PORT;
  const proc: ContainerProcess = await container.spawn('node', [FILES.server], { env: { PORT: port } });
  let tail = '';
  let bannerSeen = false;
  let exited = false;
  let wake = () => {};
  let unsubscribe = () => {};
  const ready = new Promise<string>((resolve, reject) => {
    wake = () => {
      const url = options.ports.url(port);
      if (bannerSeen && url) resolve(url);
    };
    unsubscribe = options.ports.onChange(wake);
    void proc.exit.then((code) => {
      exited = true;
      reject(new Error(`the emulator server exited (code ${code}) before serving:\n${tail}`));
    });
  });
  void ready.finally(() => unsubscribe()).catch(() => {});
  void proc.output
    .pipeTo(
      new WritableStream<string>({
        write(chunk) {
          tail = (tail + chunk).slice(-TAIL_CHARS);
          options.output?.(chunk);
          if (!bannerSeen && BANNER.test(tail)) {
            bannerSeen = true;
            wake();
          }
        },
      }),
    )
    .catch(() => {});
  const timeoutMs = options.timeoutMs ?? 20_000;
  let url: string;
  try {
    url = await withTimeout(ready, timeoutMs, `the emulator server did not start within ${timeoutMs} ms:\n${tail}`);
  } catch (error) {
    proc.kill();
    throw error;
  }
  return {
    url,
    get exited() {
      return exited;
    },
    async stop() {
      if (exited) return;
      proc.kill();
      await withTimeout(proc.exit, 3_000, 'the emulator server did not stop').catch(() => {});
    },
  };
}

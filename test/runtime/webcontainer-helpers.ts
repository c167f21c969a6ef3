import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { FileSystemTree } from '@webcontainer/api';

/** Writes a WebContainer file tree to `dir`, as `mount` would. */
export async function writeTree(dir: string, tree: FileSystemTree): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, node] of Object.entries(tree)) {
    if ('directory' in node) await writeTree(join(dir, name), node.directory);
    else if ('contents' in node.file) await writeFile(join(dir, name), node.file.contents);
  }
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface TreeServer {
  child: ChildProcess;
  port: number;
  output(): string;
  /** Resolves when the output has a line matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

/** Runs `node server.mjs` in `dir` on a free PORT and waits for its "Invoke URL:" line. */
export async function startTreeServer(dir: string, timeoutMs = 15_000): Promise<TreeServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['server.mjs'], {
    cwd: dir,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters = new Set<() => void>();
  const onData = (d: string) => {
    output += d;
    for (const w of waiters) w();
  };
  child.stdout!.setEncoding('utf8').on('data', onData);
  child.stderr!.setEncoding('utf8').on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const server: TreeServer = {
    child,
    port,
    output: () => output,
    waitForLine(pattern, waitMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = output.split('\n').find((l) => pattern.test(l));
          if (line === undefined) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(line);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no output line matched ${pattern}\noutput:\n${output}`));
        }, waitMs);
        waiters.add(check);
        check();
        void exited.then(() => {
          if (waiters.has(check)) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`server.mjs exited (${child.exitCode})\noutput:\n${output}`));
          }
        });
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  await server.waitForLine(/^Invoke URL: /, timeoutMs);
  return server;
}

export interface RawResponse {
  status: number;
  /** Response headers in wire order and case. */
  headers: Array<[string, string]>;
  body: string;
}

const agent = new Agent({ keepAlive: true });

/** One HTTP request with exactly the given headers (plus Host and Connection: keep-alive), over a keep-alive agent. */
export function rawRequest(
  url: string,
  init: { method: string; headers?: Array<[string, string]>; body?: string | null },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = Object.fromEntries(init.headers ?? []);
    const body = init.body ?? null;
    if (body !== null) headers['Content-Length'] = String(Buffer.byteLength(body));
    const req = httpRequest(url, { method: init.method, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => {
        const pairs: Array<[string, string]> = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
        resolve({ status: res.statusCode ?? 0, headers: pairs, body: text });
      });
    });
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

/** Closes the keep-alive connections the helpers opened. */
export function closeConnections(): void {
  agent.destroy();
}

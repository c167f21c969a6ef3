import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { expect } from 'vitest';
import { CLI, ROOT } from './helpers.js';

/** `examples/websocket-chat/session.json`: the documented conversation. */
export interface ChatSession {
  clients: string[];
  steps: Array<{
    client: string;
    connect?: { query?: string; expectStatus?: number };
    send?: string;
    disconnect?: { code?: number; reason?: string };
    expect?: Array<{ client: string; data: string }>;
  }>;
}

export const SESSION = JSON.parse(
  readFileSync(new URL('../../examples/websocket-chat/session.json', import.meta.url), 'utf8'),
) as ChatSession;

export interface RunningWebSocketCli {
  child: ChildProcess;
  /** `ws://127.0.0.1:PORT/dev` */
  url: string;
  /** `http://127.0.0.1:PORT/dev` (the @connections API's endpoint). */
  httpUrl: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout line matching `pattern` after `from` characters of output. */
  waitForLine(pattern: RegExp, from?: number, timeoutMs?: number): Promise<string>;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `apigw-lab serve … --port 0` and waits for its "WebSocket URL:" line. */
export function startWebSocketCli(args: string[], timeoutMs = 30_000): Promise<RunningWebSocketCli> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', ...args, '--port', '0'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let started = false;
    const waiters = new Set<() => void>();
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child.on('close', (code, signal) => done({ code, signal })),
    );
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`apigw-lab did not start within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      for (const w of waiters) w();
      const match = /^WebSocket URL: (\S+)$/m.exec(stdout);
      if (!match || started) return;
      started = true;
      clearTimeout(timer);
      const url = match[1]!;
      resolve({
        child,
        url,
        httpUrl: url.replace(/^ws:/, 'http:'),
        stdout: () => stdout,
        stderr: () => stderr,
        waitForLine(pattern, from = 0, waitMs = 10_000) {
          return new Promise((found, fail) => {
            const check = () => {
              const line = stdout
                .slice(from)
                .split('\n')
                .find((l) => pattern.test(l));
              if (line === undefined) return;
              waiters.delete(check);
              clearTimeout(t);
              found(line);
            };
            const t = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`no stdout line matched ${pattern}\nstdout: ${stdout}\nstderr: ${stderr}`));
            }, waitMs);
            waiters.add(check);
            check();
          });
        },
        async stop(signal = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    });
    child.on('close', (code) => {
      if (!started) {
        clearTimeout(timer);
        reject(new Error(`apigw-lab exited (${code}) before starting\nstdout: ${stdout}\nstderr: ${stderr}`));
      }
    });
  });
}

/** A client of the test: its socket and every frame it received, in order. */
export interface TestClient {
  ws: WebSocket;
  frames: string[];
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens a WebSocket; rejects with `status body` when the upgrade is refused. */
export function openClient(url: string, protocols?: string[]): Promise<TestClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols);
    const frames: string[] = [];
    const closed = new Promise<{ code: number; reason: string }>((done) =>
      ws.on('close', (code, reason) => done({ code, reason: reason.toString('utf8') })),
    );
    ws.on('message', (data) => frames.push(String(data)));
    ws.on('open', () => resolve({ ws, frames, closed }));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () =>
        reject(Object.assign(new Error(`${res.statusCode} ${body}`), { status: res.statusCode, body })),
      );
    });
    ws.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Replays the session against `url`: each step's action, then every frame any client received because of it, compared
 * with the step's `expect` (exactly those frames, in any order between clients; none when it has no `expect`). A step
 * is done when the expected number of frames has arrived and nothing more came for `quietMs`.
 */
export async function replaySession(
  url: string,
  session: ChatSession,
  onStep: (index: number, got: Array<{ client: string; data: string }>, refusedStatus?: number) => void,
  quietMs = 300,
): Promise<void> {
  const clients = new Map<string, TestClient>();
  try {
    for (const [index, step] of session.steps.entries()) {
      const seen = new Map([...clients].map(([name, c]) => [name, c.frames.length]));
      let refusedStatus: number | undefined;
      if (step.connect) {
        const query = step.connect.query ? `?${step.connect.query}` : '';
        try {
          clients.set(step.client, await openClient(`${url}${query}`));
          seen.set(step.client, 0);
        } catch (error) {
          const status = (error as { status?: number }).status;
          if (status === undefined) throw error;
          refusedStatus = status;
        }
      } else if (step.send !== undefined) {
        clients.get(step.client)!.ws.send(step.send);
      } else if (step.disconnect) {
        const client = clients.get(step.client)!;
        client.ws.close(step.disconnect.code ?? 1000, step.disconnect.reason ?? '');
        await client.closed;
      }
      const expected = step.expect?.length ?? 0;
      const collect = () =>
        [...clients].flatMap(([name, c]) =>
          c.frames.slice(seen.get(name) ?? 0).map((data) => ({ client: name, data })),
        );
      const deadline = Date.now() + 20_000;
      while (collect().length < expected && Date.now() < deadline) await sleep(20);
      await sleep(quietMs);
      onStep(index, collect(), refusedStatus);
    }
  } finally {
    for (const client of clients.values()) client.ws.terminate();
  }
}

/** Frames sorted for an order-free comparison. */
export function sortedFrames(
  frames: ReadonlyArray<{ client: string; data: string }>,
): Array<{ client: string; data: string }> {
  return [...frames].sort((a, b) => (a.client + a.data).localeCompare(b.client + b.data));
}

/** Replays `session` against `url` and expects each step's documented frames and, for a refused connect, its status. */
export async function expectSessionReplayed(url: string, session: ChatSession = SESSION): Promise<void> {
  const results: Array<{ got: unknown; want: unknown; status?: number; wantStatus?: number }> = [];
  await replaySession(url, session, (index, got, status) => {
    const step = session.steps[index]!;
    results.push({
      got: sortedFrames(got),
      want: sortedFrames(step.expect ?? []),
      ...(status === undefined ? {} : { status }),
      ...(step.connect?.expectStatus === undefined ? {} : { wantStatus: step.connect.expectStatus }),
    });
  });
  for (const [index, r] of results.entries()) {
    expect(r.got, `step ${index}: ${JSON.stringify(session.steps[index])}`).toEqual(r.want);
    expect(r.status, `step ${index}: the upgrade's status`).toBe(r.wantStatus);
  }
}

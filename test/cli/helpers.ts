import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root; the CLI runs with it as its working directory. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = fileURLToPath(new URL('../../lib/cli.mjs', import.meta.url));
export const FIXTURES = 'test/fixtures/cli';

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to completion (it is expected to exit by itself). */
export function runCli(args: string[], timeoutMs = 20_000): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `apigw-lab ${args.join(' ')} did not exit within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`,
        ),
      );
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export interface RunningCli {
  child: ChildProcess;
  /** e.g. `http://127.0.0.1:41234/dev` */
  invokeUrl: string;
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout has a line matching `pattern` (access-log lines arrive in batches). */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends SIGTERM and resolves with how it exited. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `apigw-lab serve … --port 0` and waits for its "Invoke URL:" line. */
export function startCli(args: string[], timeoutMs = 20_000): Promise<RunningCli> {
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
      const match = /^Invoke URL: (\S+)$/m.exec(stdout);
      if (match && !started) {
        started = true;
        clearTimeout(timer);
        resolve({
          child,
          invokeUrl: match[1]!,
          stdout: () => stdout,
          stderr: () => stderr,
          waitForLine(pattern, waitMs = 5_000) {
            return new Promise((found, fail) => {
              const check = () => {
                const line = stdout.split('\n').find((l) => pattern.test(l));
                if (line !== undefined) {
                  waiters.delete(check);
                  clearTimeout(t);
                  found(line);
                }
              };
              const t = setTimeout(() => {
                waiters.delete(check);
                fail(new Error(`no stdout line matched ${pattern}\nstdout: ${stdout}`));
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
      }
    });
    child.on('close', (code) => {
      if (!started) {
        clearTimeout(timer);
        reject(new Error(`apigw-lab exited (${code}) before starting\nstdout: ${stdout}\nstderr: ${stderr}`));
      }
    });
  });
}

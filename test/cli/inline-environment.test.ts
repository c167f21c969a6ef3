// `apigw-lab serve` runs a JS/TS handler in its own thread once it has answered in a worker
// (src/node/inline-environment.ts): what a worker guarantees must still hold there.
import { afterEach, describe, expect, it } from 'vitest';
import { inlineSafe } from '../../src/node/inline-safe.js';
import { FIXTURES, startCli, type RunningCli } from './helpers.js';

const API = `${FIXTURES}/inline/api.yaml`;

interface Where {
  thread: 'main' | 'worker';
  served?: number;
}

async function where(cli: RunningCli, query = ''): Promise<{ status: number; body: Where | string; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${cli.invokeUrl}/where${query}`);
  const text = await res.text();
  const ms = performance.now() - started;
  return { status: res.status, body: res.status === 200 ? (JSON.parse(text) as Where) : text, ms };
}

/** Calls until an answer comes from the server's own thread (the handler was promoted and loaded there). */
async function untilInline(cli: RunningCli, path = '/where'): Promise<number> {
  for (let calls = 1; calls <= 50; calls++) {
    const body = (await (await fetch(`${cli.invokeUrl}${path}`)).json()) as Where;
    if (body.thread === 'main') return calls;
  }
  throw new Error(`${path} never ran in the server's thread`);
}

describe('apigw-lab serve: the inline environment', () => {
  let cli: RunningCli | undefined;

  afterEach(async () => {
    await cli?.stop();
    cli = undefined;
  });

  it('runs a handler in the server thread once it has answered in workers', async () => {
    cli = await startCli([API]);
    const first = await where(cli);
    expect(first.body).toMatchObject({ thread: 'worker' });
    const calls = await untilInline(cli);
    // Two answers in workers promote it, then its module loads in the server thread.
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(calls).toBeLessThanOrEqual(5);
    // A fresh module instance: the inline environment counts its own invocations, as a new Lambda environment would.
    const next = await where(cli);
    expect(next.body).toMatchObject({ thread: 'main' });
  });

  it.each([
    ['a synchronous loop', '?mode=spin'],
    ['a loop after an await', '?mode=spin-later'],
    ['a promise that never settles', '?mode=hang'],
  ])('answers %s with the function timeout (502, as in a worker) and keeps serving from workers', async (_label, query) => {
    cli = await startCli([API, '--timeout', '1000']);
    await untilInline(cli);
    const stuck = where(cli, query);
    // A request sent while the handler holds the server thread is answered once the watchdog has ended it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const during = await where(cli);
    const answer = await stuck;
    expect(answer.status).toBe(502);
    expect(answer.body).toBe('{"message": "Internal server error"}');
    expect(answer.ms).toBeLessThan(5_000);
    expect(during.status).toBe(200);
    await expect.poll(() => cli!.stderr(), { timeout: 5_000 }).toMatch(/\[where_handler\] .*Task timed out after 1\.00 seconds/);
    // That handler version now stays in workers, as Lambda replaces an environment after a timeout.
    for (let i = 0; i < 5; i++) expect((await where(cli)).body).toMatchObject({ thread: 'worker' });
  });

  it('lets a long synchronous stretch within the function timeout finish (the watchdog ends only overdue code)', async () => {
    cli = await startCli([API, '--timeout', '3000']);
    await untilInline(cli);
    const busy = await where(cli, '?mode=busy&ms=800');
    expect(busy.status).toBe(200);
    expect(busy.body).toMatchObject({ thread: 'main' });
    expect((await where(cli)).body).toMatchObject({ thread: 'main' });
  });

  it("keeps an invocation's logs and stray output with the function, and survives a stray exception", async () => {
    cli = await startCli([API]);
    await untilInline(cli);
    const strayed = await where(cli, '?mode=stray');
    expect(strayed.body).toMatchObject({ thread: 'main' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The stray output and the uncaught exception come with the function's next invocation, and the server lives.
    const logged = await where(cli, '?mode=log');
    expect(logged.status).toBe(200);
    await expect.poll(() => cli!.stderr(), { timeout: 5_000 }).toMatch(/\[where_handler\] .*INFO\tlogged by invocation/);
    const stderr = cli.stderr();
    expect(stderr).toMatch(/\[where_handler\] .*INFO\tstray line from \d+/);
    expect(stderr).toMatch(/\[where_handler\] .*ERROR\tUncaught Exception \t\{"errorType":"Error","errorMessage":"stray failure"/);
    expect(cli.child.exitCode).toBeNull();
  });

  it('never runs a handler that could end the process in the server thread', async () => {
    cli = await startCli([API]);
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${cli.invokeUrl}/exits`);
      expect(await res.json()).toEqual({ thread: 'worker' });
    }
    const exited = await fetch(`${cli.invokeUrl}/exits?mode=exit`);
    expect(exited.status).toBe(502);
    await exited.arrayBuffer();
    expect((await where(cli)).status).toBe(200);
  });
});

describe('inlineSafe', () => {
  it('keeps code that changes the process out of the server thread', () => {
    expect(inlineSafe('export const handler = async () => ({ statusCode: 200 });')).toBe(true);
    expect(inlineSafe('const ok = process.env.X; console.log(process.version);')).toBe(true);
    for (const unsafe of [
      'process.exit(1)',
      'process .exit(1)',
      'process.abort()',
      'process.kill(process.pid)',
      'process.chdir("/")',
      'process.on("exit", f)',
      'process.once("SIGTERM", f)',
      'process.setuid(0)',
      'import { Worker } from "node:worker_threads";',
      "import cluster from 'cluster';",
    ]) {
      expect(inlineSafe(unsafe), unsafe).toBe(false);
    }
  });
});

// Part (2) of bench/run.mjs: the built CLI over HTTP against a bare node:http server, with autocannon.
import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts a child whose stdout goes to a file (so the access log costs what a file costs, and this
 * process does no reading while measuring); waits for `pattern` in that file.
 */
async function startChild(args, { cwd, pattern, timeoutMs = 30_000, label }) {
  const dir = mkdtempSync(join(tmpdir(), 'apigw-lab-bench-'));
  const outPath = join(dir, 'stdout.log');
  const out = openSync(outPath, 'w');
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', out, 'pipe'] });
  closeSync(out);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = readFileSync(outPath, 'utf8');
    const match = pattern.exec(text);
    if (match) {
      return {
        child,
        match,
        stderr: () => stderr,
        exited: () => exited,
        async stop() {
          if (exited === null) {
            const done = new Promise((r) => child.once('exit', r));
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
            await done;
            clearTimeout(timer);
          }
          rmSync(dir, { recursive: true, force: true });
          return exited;
        },
      };
    }
    if (exited !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(
        `${label} did not start (${exited ? `exit ${exited.code}` : 'timeout'})\nstdout: ${text}\nstderr: ${stderr}`,
      );
    }
    await sleep(50);
  }
}

function get(url) {
  return new Promise((resolve, reject) => {
    request(url, { agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks).toString() }),
      );
    })
      .on('error', reject)
      .end();
  });
}

function cannon(url, { connections, durationS }) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: durationS, pipelining: 1 }, (err, result) => {
      if (err) reject(err);
      else resolve(result);
    });
  });
}

function rate(result) {
  return result.requests.total / (result.duration || 1);
}

export async function benchHttp(root, { connections = 10, durationS = 5, warmupS = 2, rounds = 2 } = {}) {
  const cli = await startChild([join(root, 'lib/cli.mjs'), 'serve', 'bench/fixture/api.yaml', '--port', '0'], {
    cwd: root,
    pattern: /^Invoke URL: (\S+)$/m,
    label: 'apigw-lab serve',
  });
  let bare;
  try {
    const cliUrl = `${cli.match[1]}/items`;
    const sample = await get(cliUrl);
    if (sample.status !== 200 || sample.body !== 'ok') {
      throw new Error(`apigw-lab answered ${sample.status} ${JSON.stringify(sample.body)}, expected 200 "ok"`);
    }
    // The baseline answers with the same header names (and like values) and the same body.
    const headers = [];
    for (let i = 0; i < sample.rawHeaders.length; i += 2) {
      const name = sample.rawHeaders[i];
      if (!/^(date|content-length|connection|keep-alive)$/i.test(name)) headers.push([name, sample.rawHeaders[i + 1]]);
    }
    bare = await startChild([join(root, 'bench/bare-server.mjs'), JSON.stringify(headers), sample.body], {
      cwd: root,
      pattern: /^PORT (\d+)$/m,
      label: 'bare node:http server',
    });
    const bareUrl = `http://127.0.0.1:${bare.match[1]}/dev/items`;

    await cannon(bareUrl, { connections, durationS: warmupS });
    await cannon(cliUrl, { connections, durationS: warmupS });
    const runs = { bare: [], cli: [] };
    const problems = [];
    for (let r = 0; r < rounds; r++) {
      // bare, cli, cli, bare, …: drift on the shared machine hits both alike.
      const order = r % 2 === 0 ? ['bare', 'cli'] : ['cli', 'bare'];
      for (const which of order) {
        const result = await cannon(which === 'bare' ? bareUrl : cliUrl, { connections, durationS });
        runs[which].push(rate(result));
        if (result.errors || result.non2xx || result.timeouts) {
          problems.push(`${which}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`);
        }
      }
      for (const [label, server] of [
        ['apigw-lab', cli],
        ['bare server', bare],
      ]) {
        if (server.exited())
          throw new Error(
            `${label} exited during the benchmark: ${JSON.stringify(server.exited())}\n${server.stderr()}`,
          );
      }
    }
    const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
    return { runs, bare: mean(runs.bare), cli: mean(runs.cli), problems, headers: headers.map(([n]) => n) };
  } finally {
    await cli.stop();
    await bare?.stop();
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareStage, formatMismatches } from '../../src/examples/compare.js';
import { loadExample } from '../../src/examples/load-node.js';
import { ROOT, startCli, type RunningCli } from './helpers.js';

const example = loadExample('examples/http-proxy');
const { manifest } = example;

/** Starts examples/http-proxy/upstream-server.mjs on a free port and resolves with its host:port. */
function startUpstream(): Promise<{ child: ChildProcess; host: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['examples/http-proxy/upstream-server.mjs', '--port', '0'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`upstream-server.mjs did not start\nstdout: ${out}\nstderr: ${err}`));
    }, 20_000);
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const match = /Upstream listening on http:\/\/(\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, host: match[1]! });
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`upstream-server.mjs exited (${code})\nstderr: ${err}`));
    });
  });
}

// The README's commands: the upstream service on node:http, and the CLI with the stage variable naming it.
describe('apigw-lab serve examples/http-proxy/openapi.yaml --stage-variable upstream=<the upstream server>', () => {
  let upstream: { child: ChildProcess; host: string };
  let cli: RunningCli;
  beforeAll(async () => {
    upstream = await startUpstream();
    cli = await startCli(
      [
        'examples/http-proxy/openapi.yaml',
        '--endpoint-type',
        'regional',
        '--stage-variable',
        `upstream=${upstream.host}`,
      ],
      60_000,
    );
  }, 90_000);
  afterAll(async () => {
    await cli?.stop();
    upstream?.child.kill('SIGTERM');
  });

  it.each(example.exchanges.map((x) => [x.id, x] as const))('%s', async (_id, exchange) => {
    const { request } = exchange;
    const response = await fetch(`${cli.invokeUrl}${request.path}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
    });
    // Fetch lower-cases names; the comparison is by case-insensitive name.
    const actual = {
      status: response.status,
      headers: [...response.headers.entries()] as Array<[string, string]>,
      body: await response.text(),
    };
    for (const language of ['python', 'typescript'] as const) {
      const mismatches = compareStage('response', exchange.response[language], actual, manifest.volatile);
      expect(mismatches, formatMismatches(mismatches)).toEqual([]);
    }
  });
});

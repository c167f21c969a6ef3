/**
 * "Copy as curl" for the service examples (issue #14): the serve command a sandbox shows carries `--services` with the
 * example's services file, and each documented request, sent by the copied curl to `apigw-lab serve` started with it,
 * gets the documented status and body (the example's volatile patterns for the body: message ids, sequence numbers).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curlCommand, serveCommand } from '../../src/components/curl-command.js';
import { serveSetupOf } from '../../src/components/serve-setup.js';
import { loadExample } from '../../src/examples/load-node.js';
import { ROOT } from '../cli/helpers.js';

function startServe(command: string): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const line = command.replace(/^npx apigw-lab /, 'exec node bin/apigw-lab.mjs ');
    const child = spawn('sh', ['-c', line], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no Invoke URL within 60 s: ${out}`)), 60_000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const match = /^Invoke URL: http:\/\/127\.0\.0\.1:(\d+)/m.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]) });
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('close', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
  });
}

function runCurl(command: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    execFile('sh', ['-c', command], { cwd: ROOT, encoding: 'utf8' }, (error, stdout) => {
      if (error) return reject(error);
      const end = stdout.indexOf('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/[\d.]+ (\d{3})/.exec(stdout)?.[1]), body: stdout.slice(end + 4) });
    });
  });
}

describe.each(['sqs-send-message', 'kinesis-put-record', 'stepfunctions-start-execution'])(
  'the commands of examples/%s, run',
  (name) => {
    const example = loadExample(`examples/${name}`);
    const m = example.manifest;
    const setup = serveSetupOf(name, [
      { apiType: 'REST', ...(m.endpointType ? { endpointType: m.endpointType } : {}), stage: m.stage },
    ]);
    const bodyPattern = m.volatile.find((v) => v.path === 'response.body')?.pattern;
    let server: { child: ChildProcess; port: number };
    beforeAll(async () => {
      server = await startServe(serveCommand({ setup, api: 0, language: 'typescript', port: 0 }));
    }, 90_000);
    afterAll(() => {
      server?.child.kill();
    });

    it('serves with --services and the example services file', () => {
      expect(serveCommand({ setup, api: 0, language: 'typescript' })).toContain(
        `--services examples/${name}/services.json`,
      );
    });

    it.each(example.exchanges.map((x) => [x.id, x] as const))(
      '%s: the documented status and body',
      async (_id, exchange) => {
        const curl = curlCommand({
          setup,
          request: exchange.request,
          api: 0,
          language: 'typescript',
          invokeUrl: m.invokeUrl,
          viaDomain: false,
          port: server.port,
        });
        const response = await runCurl(curl);
        const documented = exchange.response.typescript;
        expect(response.status, curl).toBe(documented.status);
        if (response.body === documented.body) return;
        expect(bodyPattern, `${curl}: ${response.body}`).toBeDefined();
        expect(response.body, curl).toMatch(new RegExp(bodyPattern!));
      },
    );
  },
);

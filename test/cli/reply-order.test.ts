import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, startCli, type RunningCli } from './helpers.js';

/** POST over a shared keep-alive agent (so requests overlap and workers get them in batches). */
function post(url: string, body: string, agent: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent, headers: { 'Content-Type': 'text/plain' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

// Handler workers hand results back through a shared-memory ring, larger ones (over 64 KiB) as
// messages: mixed, overlapping invocations must each get their own result.
describe('apigw-lab serve: results of overlapping invocations, small and large', () => {
  let cli: RunningCli;

  beforeAll(async () => {
    cli = await startCli([`${FIXTURES}/api.yaml`, '--concurrency', '2']);
  }, 30_000);

  afterAll(async () => {
    await cli?.stop();
  });

  it('answers each request with its own echo', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    try {
      const bodies = Array.from({ length: 48 }, (_, i) => (i % 5 === 0 ? `${i}:${'L'.repeat(300_000)}` : `${i}:small`));
      const answers = await Promise.all(bodies.map((body) => post(`${cli.invokeUrl}/items`, body, agent)));
      answers.forEach((answer, i) => {
        expect(answer.status, `request ${i}`).toBe(200);
        expect((JSON.parse(answer.body) as { body: string }).body, `request ${i}`).toBe(bodies[i]);
      });
    } finally {
      agent.destroy();
    }
  }, 60_000);
});

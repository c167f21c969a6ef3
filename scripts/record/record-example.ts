/** `RECORD=<example> npm run record`: fills an example's exchanges with what the emulator produces — an authoring aid: review every value against AWS's documentation before committing. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { loadExample } from '../../src/examples/load-node.js';
import { runInGateway } from '../../src/runtime/run-in-gateway.js';
import { invokerOf, runOf } from '../../test/examples/example-runner.js';

const name = process.env.RECORD;
if (!name) throw new Error('set RECORD=<example name> (a folder of examples/)');
it('records', async () => {
  const dir = `examples/${name}`;
  const example = loadExample(dir);
  for (const file of example.manifest.exchanges) {
    const path = join(dir, file);
    const x = JSON.parse(readFileSync(path, 'utf8'));
    const out: Record<string, any> = { id: x.id, title: x.title, request: x.request };
    const result: any = {};
    const response: any = {};
    for (const language of ['python', 'typescript'] as const) {
      const o = await runInGateway(
        runOf(example, language, x.request, x.stage),
        await invokerOf(example, dir, language),
        { runtime: 'worker' },
      );
      if (o.integrationRequest) out.integrationRequest = o.integrationRequest;
      out.event = o.event;
      result[language] = o.result;
      response[language] = { status: o.response.status, headers: o.response.headers, body: o.response.body };
    }
    Object.assign(out, { result, response, errata: x.errata ?? [] });
    writeFileSync(path, JSON.stringify(out, null, 2) + '\n');
  }
}, 120_000);

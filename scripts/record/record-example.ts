/**
 * `RECORD=<example> npm run record`: fills an example's exchanges with what the emulator produces — an authoring aid:
 * review every value against AWS's documentation before committing. An exchange's `auth` and `before` are kept and
 * applied (its requests sent first on the same deployment, the request signed or signed in); the method's authorizer
 * call is recorded as `authorizer`, and the access log line as `accessLog` when the example's stage config writes
 * one. `RECORD` may also be a folder (`test/fixtures/examples/access-items`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { accessLogLineOf } from '../../src/examples/access-log.js';
import { authorizerCallOfTrace } from '../../src/examples/compare.js';
import { loadExample } from '../../src/examples/load-node.js';
import { runInGateway } from '../../src/runtime/run-in-gateway.js';
import { invokerOf, runOf } from '../../test/examples/example-runner.js';

const name = process.env.RECORD;
if (!name) throw new Error('set RECORD=<example name> (a folder of examples/)');
it('records', async () => {
  const dir = name.includes('/') ? name : `examples/${name}`;
  const example = loadExample(dir);
  for (const file of example.manifest.exchanges) {
    const path = join(dir, file);
    const x = JSON.parse(readFileSync(path, 'utf8'));
    const out: Record<string, any> = { id: x.id, title: x.title, request: x.request };
    if (x.auth !== undefined) out.auth = x.auth;
    if (x.before !== undefined) out.before = x.before;
    const result: any = {};
    const response: any = {};
    const authorizerResult: any = {};
    const accessLog: any = {};
    for (const language of ['python', 'typescript'] as const) {
      const o = await runInGateway(
        // The trace comes back too: the access log line is computed from it.
        { ...runOf(example, language, x.request, x.stage, x), withTrace: true },
        await invokerOf(example, dir, language),
        { runtime: 'worker' },
      );
      if (o.authorizer) {
        const call = authorizerCallOfTrace(o.authorizer);
        authorizerResult[language] = call.result;
        const called = o.authorizer.outcome.kind === 'result' || o.authorizer.outcome.kind === 'error';
        out.authorizer = { ...call, result: called ? authorizerResult : null };
      }
      if (o.integrationRequest) out.integrationRequest = o.integrationRequest;
      out.event = o.event;
      result[language] = o.result;
      response[language] = { status: o.response.status, headers: o.response.headers, body: o.response.body };
      const line = accessLogLineOf(example.stageConfigSource, o.trace);
      if (line !== undefined) accessLog[language] = line;
    }
    Object.assign(out, { result, response });
    if (Object.keys(accessLog).length) out.accessLog = accessLog;
    out.errata = x.errata ?? [];
    writeFileSync(path, JSON.stringify(out, null, 2) + '\n');
  }
}, 120_000);

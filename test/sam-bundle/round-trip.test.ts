/**
 * The round trip of issue #15 (contract A↔B): every example whose API calls Lambda functions, exported with
 * `apigw-lab export --format sam`, then served from the bundle with `apigw-lab serve <out>/template.yaml` (the
 * template names the functions, the stage and its variables: no --function, --stage or --stage-variable; what an
 * export does not carry, keys, plans, credentials, stage settings and web ACL, as the example's serve flags), answers
 * each documented exchange that does not sign in or sign its request
 * over HTTP as the page documents it (status, headers and body; volatile values by pattern), with the Python and
 * the TypeScript functions. Needs `serve template.yaml` (helper A's sam-import branch): skipped without it.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareStage, formatMismatches } from '../../src/examples/compare.js';
import { loadExample } from '../../src/examples/load-node.js';
import type { DocumentedResponse, Example, ExampleManifest, Language } from '../../src/examples/types.js';
import { runCli, startCli, type RunningCli } from '../cli/helpers.js';
import { accessFlags } from '../../src/components/curl-command.js';
import { serveAccessOf } from '../../src/components/serve-setup.js';

const SERVES_TEMPLATES = existsSync('src/emulator/sam/index.ts');

/** Why an example's exchanges cannot be replayed from its template alone, or null. */
function leftOutBecause(example: Example): string | null {
  const { manifest } = example;
  if (example.exchanges.length === 0)
    return 'no HTTP exchange documented (the WebSocket chat: websocket-round-trip.test.ts replays its session)';
  if (Object.keys(manifest.functions).length === 0) return 'no Lambda function (the template has none to run)';
  if (manifest.services)
    return "AWS service integrations: the services file's queues, state machines (serve --services)";
  if (example.exchanges.every((x) => x.auth !== undefined))
    return 'every exchange signs in or signs its request (tokens and keys from serve flags)';
  if (manifest.customDomain) return 'a custom domain name: its Host routing is outside the API';
  return null;
}

const EXAMPLES = readdirSync('examples')
  .filter((name) => existsSync(join('examples', name, 'example.json')))
  .sort();
const REPLAYED = EXAMPLES.filter((name) => leftOutBecause(loadExample(join('examples', name))) === null);

/**
 * What the API's export does not carry and `serve` takes as flags beside the template, as the example's own serve
 * command has them (src/components/curl-command.ts): API keys, usage plans, IAM credentials, the stage config, the web ACL.
 */
function serveFlags(dir: string, manifest: ExampleManifest): string[] {
  return [
    ...(manifest.access ? accessFlags(serveAccessOf(manifest.access, dir)) : []),
    ...(manifest.stageConfig ? ['--stage-config', join(dir, manifest.stageConfig)] : []),
    ...(manifest.webAcl ? ['--web-acl', join(dir, manifest.webAcl)] : []),
  ];
}

/** `apigw-lab export --format sam` of an example with its functions in one language, its stage and variables. */
function exportArgs(dir: string, manifest: ExampleManifest, language: Language, out: string): string[] {
  const args = ['export', join(dir, manifest.definition), '--format', 'sam', '--out', out, '--stage', manifest.stage];
  for (const [name, byLanguage] of Object.entries(manifest.functions))
    args.push('--function', `${name}=${join(dir, byLanguage[language].file)}`);
  for (const [key, value] of Object.entries(manifest.stages?.[manifest.stage] ?? {}))
    args.push('--stage-variable', `${key}=${value}`);
  if (manifest.endpointType) args.push('--endpoint-type', manifest.endpointType.toLowerCase());
  return args;
}

/**
 * The response with the served API's id put back to the documented one where the documented body names it (a
 * resource policy's deny message): a deployment of the template chooses its own id, as a new stack would.
 */
function withDocumentedApiId(
  documented: DocumentedResponse,
  actual: DocumentedResponse,
  apiId: string,
): DocumentedResponse {
  const at = documented.body.indexOf(`:${apiId}/`);
  if (at < 0) return actual;
  const prefix = documented.body.slice(0, at + 1);
  const end = actual.body.indexOf('/', prefix.length);
  if (!actual.body.startsWith(prefix) || end < 0) return actual;
  const body = `${prefix}${apiId}${actual.body.slice(end)}`;
  const length = String(new TextEncoder().encode(body).length);
  return {
    ...actual,
    body,
    headers: actual.headers.map(([k, v]) => [k, k.toLowerCase() === 'content-length' ? length : v] as [string, string]),
  };
}

it('the round trip leaves out only examples it says why for, and replays the Lambda examples', () => {
  const reasons = Object.fromEntries(
    EXAMPLES.map((name) => [name, leftOutBecause(loadExample(join('examples', name)))]),
  );
  expect(REPLAYED).toEqual(expect.arrayContaining(['items', 'items-http-api', 'authorizer-token', 'mapping-template']));
  for (const [name, reason] of Object.entries(reasons)) if (reason !== null) expect(reason, name).toMatch(/\w/);
  expect(reasons['websocket-chat']).toMatch(/websocket-round-trip\.test\.ts/);
});

describe.skipIf(!SERVES_TEMPLATES).each(REPLAYED)('examples/%s: export --format sam, serve template.yaml', (name) => {
  const dir = join('examples', name);
  const example = loadExample(dir);
  const { manifest } = example;
  const exchanges = example.exchanges.filter((x) => x.auth === undefined);

  describe.each(['python', 'typescript'] as const)('with the %s functions', (language) => {
    let cli: RunningCli;
    let base = '';
    beforeAll(async () => {
      const out = join(mkdtempSync(join(tmpdir(), `round-trip-${name}-`)), 'bundle');
      const exported = await runCli(exportArgs(dir, manifest, language, out));
      expect(exported.stderr).toBe('');
      expect(exported.code).toBe(0);
      cli = await startCli([join(out, 'template.yaml'), ...serveFlags(dir, manifest)], 60_000);
      const origin = new URL(cli.invokeUrl).origin;
      base = manifest.stage === '$default' ? origin : `${origin}/${manifest.stage}`;
    }, 120_000);
    afterAll(async () => {
      await cli?.stop();
    });

    it.each(exchanges.map((x) => [x.id, x] as const))('%s', async (_id, exchange) => {
      for (const before of exchange.before ?? [])
        await (
          await fetch(`${base}${before.path}`, { method: before.method, headers: before.headers, body: before.body })
        ).text();
      const { request } = exchange;
      const response = await fetch(`${base}${request.path}`, {
        method: request.method,
        headers: request.headers,
        body: request.body,
      });
      const actual = {
        status: response.status,
        headers: [...response.headers.entries()] as Array<[string, string]>,
        body: await response.text(),
      };
      const mismatches = compareStage(
        'response',
        exchange.response[language],
        withDocumentedApiId(exchange.response[language], actual, manifest.apiId),
        manifest.volatile,
      );
      expect(mismatches, formatMismatches(mismatches)).toEqual([]);
    });
  });
});

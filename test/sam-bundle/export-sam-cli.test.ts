import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../cli/helpers.js';
import { readTemplate } from './helpers.js';

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

describe('apigw-lab export --format sam', () => {
  it('writes template.yaml, the handler under src/<function>/, samconfig.toml and README.md to --out', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sam-export-')), 'items');
    const result = await runCli([
      'export',
      'examples/items/openapi.yaml',
      '--format',
      'sam',
      '--out',
      out,
      '--function',
      'items_handler=examples/items/items_handler.py',
      '--stage',
      'prod',
      '--stage-variable',
      'table=items-prod',
      '--endpoint-type',
      'regional',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Run here: apigw-lab serve ${out}/template.yaml`);
    expect(filesUnder(out)).toEqual([
      'README.md',
      'samconfig.toml',
      'src/items_handler/items_handler.py',
      'src/items_handler/requirements.txt',
      'template.yaml',
    ]);
    const template = readTemplate(readFileSync(join(out, 'template.yaml'), 'utf8'));
    expect(template.Description).toBe('ItemsAPI');
    expect(template.Resources.ItemsApi.Properties).toMatchObject({
      StageName: 'prod',
      Variables: { table: 'items-prod' },
      EndpointConfiguration: { Type: 'REGIONAL' },
    });
    expect(template.Resources.ItemsHandler.Properties.Handler).toBe('items_handler.lambda_handler');
    expect(readFileSync(join(out, 'samconfig.toml'), 'utf8')).toContain('stack_name = "items-api"\n');
    expect(readFileSync(join(out, 'src/items_handler/items_handler.py'), 'utf8')).toBe(
      readFileSync('examples/items/items_handler.py', 'utf8'),
    );
  });

  it('finds functions beside the definition as serve does, and defaults to ./<api-name>-sam and the dev stage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sam-export-'));
    writeFileSync(join(dir, 'api.yaml'), readFileSync('examples/items/openapi.yaml', 'utf8'));
    writeFileSync(join(dir, 'items_handler.ts'), readFileSync('examples/items/items_handler.ts', 'utf8'));
    const result = await runCli(['export', join(dir, 'api.yaml'), '--format', 'sam', '--out', join(dir, 'out')]);
    expect(result.code).toBe(0);
    const template = readTemplate(readFileSync(join(dir, 'out/template.yaml'), 'utf8'));
    expect(template.Resources.ItemsApi.Properties.StageName).toBe('dev');
    expect(template.Resources.ItemsHandler.Properties).toMatchObject({
      Handler: 'items_handler.handler',
      Runtime: 'nodejs22.x',
    });
    expect(existsSync(join(dir, 'out/src/items_handler/items_handler.mjs'))).toBe(true);
    // Without --out: a folder named after the API (info.title, kebab-cased), in the current directory.
    const made = join(ROOT, 'orders-queue-api-sam');
    expect(existsSync(made)).toBe(false);
    try {
      const noOut = await runCli(['export', 'examples/sqs-send-message/openapi.yaml', '--format', 'sam']);
      expect(noOut.code).toBe(0);
      expect(filesUnder(made)).toEqual(['README.md', 'samconfig.toml', 'template.yaml']);
      expect(readFileSync(join(made, 'samconfig.toml'), 'utf8')).toContain('stack_name = "orders-queue-api"\n');
    } finally {
      rmSync(made, { recursive: true, force: true });
    }
    const empty = await runCli(['export', 'examples/sqs-send-message/openapi.yaml', '--format', 'sam', '--out=']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--out: expected a folder');
  });

  it('one-line errors (exit 2): --endpoint-type or $default for WebSocket APIs, sam-only flags without --format sam, a non-empty folder, a missing handler', async () => {
    const wsArgs = ['export', 'examples/websocket-chat/api.json', '--format', 'sam', '-o', 'never-written'];
    const endpoint = await runCli([...wsArgs, '--endpoint-type', 'regional']);
    expect(endpoint.code).toBe(2);
    expect(endpoint.stderr).toContain(
      '--endpoint-type: WebSocket APIs have regional endpoints only; the flag is for REST APIs',
    );
    const $default = await runCli([...wsArgs, '--stage', '$default']);
    expect($default.code).toBe(2);
    expect($default.stderr).toContain('--stage "$default": only HTTP APIs have a $default stage');
    expect(existsSync(join(ROOT, 'never-written'))).toBe(false);

    const flag = await runCli(['export', 'examples/items/openapi.yaml', '--out', 'x']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--out needs --format sam');

    const busy = mkdtempSync(join(tmpdir(), 'sam-export-'));
    mkdirSync(join(busy, 'keep'));
    const refused = await runCli([
      'export',
      'examples/items/openapi.yaml',
      '--format',
      'sam',
      '--out',
      busy,
      '--function',
      'items_handler=examples/items/items_handler.py',
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('the folder is not empty and holds no earlier export (template.yaml)');
    expect(readdirSync(busy)).toEqual(['keep']);

    const missing = await runCli([
      'export',
      'examples/items/openapi.yaml',
      '--format',
      'sam',
      '--out',
      join(busy, 'o'),
    ]);
    expect(missing.code).toBe(2);
    // Both items_handler.py and items_handler.ts are beside the definition: serve's rule asks to choose.
    expect(missing.stderr).toContain('Lambda function "items_handler" matches 2 files');
    expect(missing.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  });

  it('a WebSocket API (the chat): raw AWS::ApiGatewayV2 resources, the chosen handler, the stage and its variables', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sam-export-')), 'chat');
    const result = await runCli([
      'export',
      'examples/websocket-chat/api.json',
      '--api-type',
      'websocket',
      '--format',
      'sam',
      '--out',
      out,
      '--function',
      'chat_handler=examples/websocket-chat/chat_handler.ts',
      '--stage',
      'production',
      '--stage-variable',
      'room=lobby',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Run here: apigw-lab serve ${out}/template.yaml`);
    expect(filesUnder(out)).toEqual([
      'README.md',
      'samconfig.toml',
      'src/chat_handler/chat_handler.mjs',
      'src/chat_handler/chat_handler.ts',
      'src/chat_handler/package.json',
      'template.yaml',
    ]);
    const template = readTemplate(readFileSync(join(out, 'template.yaml'), 'utf8'));
    expect(template.Description).toBe('websocket-chat');
    expect(template.Resources.ChatApi.Type).toBe('AWS::ApiGatewayV2::Api');
    expect(template.Resources.SendmessageRoute.Properties.RouteKey).toBe('sendmessage');
    expect(template.Resources.Stage.Properties).toMatchObject({
      StageName: 'production',
      StageVariables: { room: 'lobby' },
    });
    expect(template.Resources.ChatHandler.Properties).toMatchObject({
      Handler: 'chat_handler.handler',
      Runtime: 'nodejs22.x',
    });
    expect(readFileSync(join(out, 'samconfig.toml'), 'utf8')).toContain('stack_name = "websocket-chat"\n');

    // Without --stage: serve's default stage (dev); without --function: the handler beside api.json (both are: choose).
    const two = await runCli(['export', 'examples/websocket-chat/api.json', '--format', 'sam', '-o', join(out, 'x')]);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('Lambda function "chat_handler" matches 2 files');
    const dir = mkdtempSync(join(tmpdir(), 'sam-export-'));
    writeFileSync(join(dir, 'api.json'), readFileSync('examples/websocket-chat/api.json', 'utf8'));
    writeFileSync(join(dir, 'chat_handler.py'), readFileSync('examples/websocket-chat/chat_handler.py', 'utf8'));
    const beside = await runCli(['export', join(dir, 'api.json'), '--format', 'sam', '-o', join(dir, 'out')]);
    expect(beside.code).toBe(0);
    const defaults = readTemplate(readFileSync(join(dir, 'out/template.yaml'), 'utf8'));
    expect(defaults.Resources.Stage.Properties.StageName).toBe('dev');
    expect(defaults.Resources.ChatHandler.Properties.Handler).toBe('chat_handler.lambda_handler');
  });

  it('an API without functions (SQS integrations) exports a template with the API only', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sam-export-')), 'sqs');
    const result = await runCli(['export', 'examples/sqs-send-message/openapi.yaml', '--format', 'sam', '-o', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Not created by the template (listed in its README.md): 3 resource(s)');
    expect(filesUnder(out)).toEqual(['README.md', 'samconfig.toml', 'template.yaml']);
  });
});

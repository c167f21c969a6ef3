import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importApi } from '../../src/emulator/index.js';
import { FIXTURES, runCli } from './helpers.js';

// `apigw-lab export`: the definition as API Gateway exports it (get-export oas30 / export-api OAS30).
describe('apigw-lab export', () => {
  it('prints a REST API as YAML that imports back as the same API', async () => {
    const result = await runCli(['export', 'examples/items/openapi.yaml']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const exported = parse(result.stdout) as Record<string, unknown>;
    expect(exported.openapi).toBe('3.0.1');
    expect(exported.info).toEqual({ title: 'ItemsAPI', version: '1.0' });
    expect(exported.servers).toBeUndefined();
    expect(exported['x-amazon-apigateway-endpoint-configuration']).toBeUndefined(); // the endpoint type is an import parameter
    const original = importApi(parse(readFileSync('examples/items/openapi.yaml', 'utf8')));
    const again = importApi(exported);
    expect(again.kind).toBe('REST');
    expect(again.kind === 'REST' && again.resources.map((r) => [r.path, Object.keys(r.methods)])).toEqual(
      original.kind === 'REST' && original.resources.map((r) => [r.path, Object.keys(r.methods)]),
    );
  });

  it("--format json --stage NAME: JSON, with the stage's invoke URL as servers", async () => {
    const result = await runCli(['export', `${FIXTURES}/api.yaml`, '--format', 'json', '--stage', 'prod']);
    expect(result.code).toBe(0);
    const exported = JSON.parse(result.stdout) as {
      servers: unknown;
      paths: Record<string, Record<string, { 'x-amazon-apigateway-integration': { type: string } }>>;
    };
    expect(exported.servers).toEqual([
      {
        url: expect.stringMatching(/^https:\/\/[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com\/\{basePath\}$/),
        variables: { basePath: { default: '/prod' } },
      },
    ]);
    const types = Object.values(exported.paths).flatMap((item) =>
      Object.values(item).map((op) => op['x-amazon-apigateway-integration'].type),
    );
    expect(types.length).toBeGreaterThan(0);
    for (const type of types) expect(type).toBe(type.toLowerCase());
  });

  it('prints an HTTP API as export-api does, with x-amazon-apigateway-importexport-version', async () => {
    const result = await runCli(['export', `${FIXTURES}/http-api/http-api.yaml`, '--stage', '$default']);
    expect(result.code).toBe(0);
    const exported = parse(result.stdout) as Record<string, unknown>;
    expect(exported['x-amazon-apigateway-importexport-version']).toBe('1.0');
    expect(exported.servers).toEqual([
      { url: expect.stringContaining('{basePath}'), variables: { basePath: { default: '' } } },
    ]);
    const again = importApi(exported);
    expect(again).toEqual(importApi(parse(readFileSync(`${FIXTURES}/http-api/http-api.yaml`, 'utf8'))));
  });

  it('--api-type rest exports an HTTP API definition as a REST API', async () => {
    const result = await runCli(['export', `${FIXTURES}/http-api/http-api.yaml`, '--api-type', 'rest']);
    expect(result.code).toBe(0);
    expect(parse(result.stdout)['x-amazon-apigateway-importexport-version']).toBeUndefined();
  });

  it('export --help prints its usage; the main help lists the command', async () => {
    const help = await runCli(['export', '--help']);
    expect([help.code, help.stdout]).toEqual([
      0,
      expect.stringMatching(/^Usage: apigw-lab export <openapi\.yaml\|json> \[options\]/),
    ]);
    expect((await runCli(['--help'])).stdout).toMatch(/apigw-lab export <openapi\.yaml\|json> \[options\]/);
  });

  it.each([
    [['export'], /missing the OpenAPI definition file/],
    [['export', 'a.yaml', 'b.yaml'], /one definition file expected, got 2/],
    [['export', `${FIXTURES}/api.yaml`, '--format', 'xml'], /--format "xml": expected yaml or json/],
    [['export', `${FIXTURES}/api.yaml`, '--format'], /--format needs a value \(yaml or json\)/],
    [
      ['export', `${FIXTURES}/api.yaml`, '--api-type', 'graphql'],
      /--api-type "graphql": expected rest, http or websocket/,
    ],
    [['export', `${FIXTURES}/api.yaml`, '--stage', 'a b'], /--stage "a b": a stage name has/],
    [['export', `${FIXTURES}/api.yaml`, '--port', '1'], /unknown option "--port"/],
    [['export', `${FIXTURES}/api.yaml`, '--stage', '$default'], /only HTTP APIs have a \$default stage/],
    [['export', `${FIXTURES}/missing.yaml`], /definition file not found/],
    [['export', `${FIXTURES}/invalid-openapi.yaml`], /is not a valid OpenAPI definition/],
  ])('%j: one error line and exit 2', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toMatch(message);
    expect(result.stderr.split('\n')[0]).toMatch(/^apigw-lab: error: /);
  });
});

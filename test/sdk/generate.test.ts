import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTypeScriptClient } from '../../src/sdk/index.js';
import { itemsExport, nestedTypeScript, typeCheck } from './helpers.js';

const exported = itemsExport();
const dir = mkdtempSync(join(tmpdir(), 'apigw-sdk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generateTypeScriptClient (the items example as API Gateway exports it)', { timeout: 120_000 }, () => {
  it('the export has no operationIds, so the methods are named by path and method', async () => {
    const paths = exported.paths as Record<string, Record<string, { operationId?: string }>>;
    expect(Object.values(paths).flatMap((item) => Object.values(item).map((op) => op.operationId))).toEqual(
      Array(5).fill(undefined),
    );
    const { files } = await generateTypeScriptClient(exported);
    expect(files.map((f) => f.name)).toEqual(['api.ts']);
    const content = files[0]!.content;
    expect(content).toContain('export class Api<');
    for (const name of ['itemsGet', 'itemsPost', 'itemsOptions', 'itemsIdGet', 'itemsIdOptions'])
      expect(content).toMatch(new RegExp(`^  ${name} = \\(`, 'm'));
    // The client calls the stage's invoke URL by default (the export's server URL, its variables set).
    expect(content).toMatch(/baseUrl: string =\s+"https:\/\/[a-z0-9]+\.execute-api\.us-east-1\.amazonaws\.com\/dev"/);
  });

  it('gives the same text every time (no dates, no random names)', async () => {
    const a = (await generateTypeScriptClient(exported)).files[0]!.content;
    const b = (await generateTypeScriptClient(structuredClone(exported))).files[0]!.content;
    expect(b).toBe(a);
    expect(a).not.toMatch(/\b20\d\d-\d\d-\d\d/);
  });

  it('names an operation by its operationId when it has one', async () => {
    const withIds = structuredClone(exported) as { paths: Record<string, Record<string, { operationId?: string }>> };
    withIds.paths['/items']!.get!.operationId = 'ListItems';
    const content = (await generateTypeScriptClient(withIds)).files[0]!.content;
    expect(content).toMatch(/^  listItems = \(/m);
    expect(content).not.toMatch(/^  itemsGet = \(/m);
    expect(content).toMatch(/^  itemsPost = \(/m);
  });

  const ts = nestedTypeScript();
  it.skipIf(!ts)(
    "type-checks, strict, with a program that uses it (swagger-typescript-api's TypeScript 6)",
    async () => {
      const { files } = await generateTypeScriptClient(exported);
      writeFileSync(join(dir, 'api.ts'), files[0]!.content);
      writeFileSync(
        join(dir, 'use.ts'),
        [
          "import { Api } from './api';",
          'const api = new Api({ customFetch: (input, init) => fetch(input, init), baseApiParams: { format: "json" } });',
          'export async function main(): Promise<unknown[]> {',
          '  const list = await api.itemsGet();',
          "  const created = await api.itemsPost({ name: 'Keyboard' });",
          "  const one = await api.itemsIdGet('1');",
          '  return [list.status, list.data, created.data, one.data];',
          '}',
        ].join('\n'),
      );
      expect(typeCheck(ts!, [join(dir, 'api.ts'), join(dir, 'use.ts')])).toBe('');
      // The check can fail: a call with a wrong argument is reported.
      writeFileSync(join(dir, 'wrong.ts'), "import { Api } from './api';\nnew Api().itemsIdGet(1);\n");
      expect(typeCheck(ts!, [join(dir, 'api.ts'), join(dir, 'wrong.ts')])).toMatch(/TS2345/);
    },
  );
});

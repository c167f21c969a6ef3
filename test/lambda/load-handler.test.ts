import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadHandler, parseHandlerRef } from '../../src/node/load-handler.js';
import { invokeJsHandler } from '../../src/lambda/js-handler.js';
import { contextInit } from './helpers.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/handlers/${name}`, import.meta.url));

describe('parseHandlerRef', () => {
  it('picks the default export by language and honours #name', () => {
    expect(parseHandlerRef(fixture('hello.ts'))).toMatchObject({ kind: 'js', exportName: 'handler' });
    expect(parseHandlerRef(`${fixture('hello.ts')}#boom`)).toMatchObject({
      kind: 'js',
      exportName: 'boom',
      path: fixture('hello.ts'),
    });
    expect(parseHandlerRef(fixture('items_handler.py'))).toMatchObject({
      kind: 'python',
      exportName: 'lambda_handler',
    });
    expect(parseHandlerRef(fixture('items_handler.py'), 'spin')).toMatchObject({ exportName: 'spin' });
    expect(() => parseHandlerRef('handler.rb')).toThrow(/Unsupported handler file type/);
  });
});

describe('loadHandler', () => {
  it('bundles and imports a TypeScript handler (with a relative import)', async () => {
    const loaded = await loadHandler(fixture('hello.ts'));
    expect(loaded.kind).toBe('js');
    if (loaded.kind !== 'js') return;
    const outcome = await invokeJsHandler(
      loaded.fn,
      { path: '/hi', queryStringParameters: { name: 'TS' } },
      contextInit('hello'),
    );
    expect(outcome.kind).toBe('result');
    expect(JSON.parse((outcome as { payload: { body: string } }).payload.body)).toMatchObject({
      message: 'Hello, TS!',
      functionName: 'hello',
    });
  });

  it('loads CommonJS handlers', async () => {
    const loaded = await loadHandler(fixture('callback.cjs'));
    expect(loaded.kind === 'js' && typeof loaded.fn).toBe('function');
  });

  it('gives Python source with the module name from the file stem', async () => {
    expect(await loadHandler(fixture('items_handler.py'))).toMatchObject({
      kind: 'python',
      moduleName: 'items_handler',
      handlerName: 'lambda_handler',
    });
  });

  it('names a missing or non-function export clearly', async () => {
    await expect(loadHandler(fixture('hello.ts'), 'nope')).rejects.toMatchObject({
      name: 'Runtime.HandlerNotFound',
      message: 'hello.nope is undefined or not exported',
    });
    await expect(loadHandler(`${fixture('hello.ts')}#notAFunction`)).rejects.toMatchObject({
      name: 'Runtime.HandlerNotFound',
      message: 'hello.notAFunction is not a function',
    });
  });

  it('reports missing files and broken code like Lambda init errors', async () => {
    await expect(loadHandler(fixture('absent.ts'))).rejects.toMatchObject({ name: 'Runtime.ImportModuleError' });
  });
});

// Lambda's Node.js runtimes include the AWS SDK for JavaScript v3: a handler beside no node_modules imports it.
// https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html
describe('loadHandler: @aws-sdk/* as the Lambda runtime provides it', () => {
  it("resolves an @aws-sdk import from apigw-lab's installation when the handler's folders have none", async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'apigw-lab-sdk-'));
    try {
      const file = join(dir, 'reply.ts');
      writeFileSync(
        file,
        "import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';\n" +
          'export const handler = async () => ({ statusCode: 200, body: typeof ApiGatewayManagementApiClient });\n',
      );
      const loaded = await loadHandler(file);
      expect(loaded.kind).toBe('js');
      if (loaded.kind !== 'js') return;
      const outcome = await invokeJsHandler(loaded.fn, {}, contextInit('reply'));
      expect(outcome).toMatchObject({ kind: 'result', payload: { statusCode: 200, body: 'function' } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an @aws-sdk client apigw-lab does not carry: one error naming the ones it does and how to add it', async () => {
    const { mkdtempSync, readFileSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'apigw-lab-sdk-'));
    try {
      const file = join(dir, 'table.ts');
      writeFileSync(
        file,
        "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const handler = async () => typeof DynamoDBClient;\n",
      );
      const error = await loadHandler(file).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.message).toMatch(
        /^Error: Cannot find module '@aws-sdk\/client-dynamodb'\n[\s\S]*\(apigw-lab: .*npm install @aws-sdk\/client-dynamodb\)\)$/,
      );
      // The ones it names are the ones package.json gives apigw-lab.
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        dependencies: Record<string, string>;
      };
      for (const name of Object.keys(pkg.dependencies).filter((d) => d.startsWith('@aws-sdk/')))
        expect(error?.message).toContain(name);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('still reports a package that is neither beside the handler nor an @aws-sdk one', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'apigw-lab-sdk-'));
    try {
      const file = join(dir, 'missing.ts');
      writeFileSync(file, "import x from 'no-such-package-here';\nexport const handler = async () => x;\n");
      await expect(loadHandler(file)).rejects.toThrow(/no-such-package-here/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

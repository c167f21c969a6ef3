/**
 * The handler worker (every sandbox's) keeps the chat's bridge and the AWS SDK out of its first load: they are chunks
 * it imports only when a handler needs them (a WebSocket function, a handler importing
 * @aws-sdk/client-apigatewaymanagementapi). Bundled with code splitting as the page's build does (browser resolution).
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

async function inputsOf(entry: string): Promise<{ eager: string[]; all: string[] }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    outdir: 'out',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const start = Object.keys(outputs).find((name) => outputs[name]!.entryPoint === entry)!;
  const eager = new Set<string>();
  const visit = (name: string) => {
    if (eager.has(name)) return;
    eager.add(name);
    for (const imported of outputs[name]!.imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(start);
  return {
    eager: [...eager].flatMap((name) => Object.keys(outputs[name]!.inputs)),
    all: Object.values(outputs).flatMap((output) => Object.keys(output.inputs)),
  };
}

describe('the handler worker loads the chat bridge and the SDK lazily', () => {
  it('handler-bridge and @aws-sdk/client-apigatewaymanagementapi are only in dynamic chunks', async () => {
    const { eager, all } = await inputsOf('src/runtime/worker/handler-worker.ts');
    const lazy = /src\/runtime\/websocket\/handler-bridge\.ts$|@aws-sdk\/client-apigatewaymanagementapi\//;
    // The check can fail: both are in the bundle, just not in the eager part.
    expect(all.filter((input) => lazy.test(input)).length).toBeGreaterThan(2);
    expect(eager.filter((input) => lazy.test(input))).toEqual([]);
    expect(eager.some((input) => input.endsWith('src/lambda/python-handler.ts'))).toBe(true);
  });

  it("the Python boto3 shim is a dynamic chunk too: installed when a handler names boto3 (python-handler's ensurePythonBoto3Shim)", async () => {
    const { eager, all } = await inputsOf('src/runtime/worker/handler-worker.ts');
    const shim = /src\/lambda\/python-boto3-shim\.ts$/;
    expect(all.filter((input) => shim.test(input))).toHaveLength(1);
    expect(eager.filter((input) => shim.test(input))).toEqual([]);
  });
});

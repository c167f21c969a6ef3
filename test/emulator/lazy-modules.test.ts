import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * The core loads the template engine (velocityjs), the JSON Schema validator (ajv) and AWS's SigV4 signer (smithy)
 * only when an API uses them: bundled with code splitting, none may sit in a chunk the entry loads statically.
 */
describe('the core keeps its heavy modules lazy', () => {
  it('velocityjs and ajv are only in dynamically imported chunks', async () => {
    const result = await build({
      entryPoints: ['src/emulator/index.ts'],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['browser', 'module', 'main'],
      // As a Worker bundle resolves packages (smithy's `exports` have browser entries without Node built-ins).
      conditions: ['browser'],
      outdir: 'out',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const outputs = result.metafile.outputs;
    const entry = Object.keys(outputs).find((name) => outputs[name]!.entryPoint === 'src/emulator/index.ts')!;
    const eager = new Set<string>();
    const visit = (name: string) => {
      if (eager.has(name)) return;
      eager.add(name);
      for (const imported of outputs[name]!.imports) if (imported.kind === 'import-statement') visit(imported.path);
    };
    visit(entry);
    const eagerInputs = [...eager].flatMap((name) => Object.keys(outputs[name]!.inputs));
    const allInputs = Object.values(outputs).flatMap((output) => Object.keys(output.inputs));
    // The check can fail: both packages are in the bundle, just not in the eager part.
    expect(allInputs.some((input) => input.includes('node_modules/velocityjs/'))).toBe(true);
    expect(allInputs.some((input) => input.includes('node_modules/ajv/'))).toBe(true);
    expect(allInputs.some((input) => input.includes('node_modules/@smithy/signature-v4/'))).toBe(true);
    expect(eagerInputs.filter((input) => /node_modules\/(velocityjs|ajv|@smithy|@aws-crypto)\//.test(input))).toEqual(
      [],
    );
    expect(eagerInputs.filter((input) => /rest\/(mapping-template|request-validation)\.ts$/.test(input))).toEqual([]);
  });
});

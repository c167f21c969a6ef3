import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * The gateway worker's first run of a plain sandbox carries none of issue #11's sandbox setup: access, sessions,
 * requests sent first, sign in and sign with (sandbox-session-run.ts and what it imports) and the user pool (jose's
 * signing) load with the first run that needs them. Bundled with code splitting as a Worker bundle is, none may sit
 * in a chunk the entry loads statically.
 */
describe('the gateway worker keeps the sandbox setup lazy', () => {
  it('sandbox-session-run, access-setup, request-auth and the local user pool are only in dynamic chunks', async () => {
    const result = await build({
      entryPoints: ['src/runtime/worker/gateway-worker.ts'],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['browser', 'module', 'main'],
      conditions: ['browser'],
      outdir: 'out',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const outputs = result.metafile.outputs;
    const entry = Object.keys(outputs).find(
      (name) => outputs[name]!.entryPoint === 'src/runtime/worker/gateway-worker.ts',
    )!;
    const eager = new Set<string>();
    const visit = (name: string) => {
      if (eager.has(name)) return;
      eager.add(name);
      for (const imported of outputs[name]!.imports) if (imported.kind === 'import-statement') visit(imported.path);
    };
    visit(entry);
    const eagerInputs = [...eager].flatMap((name) => Object.keys(outputs[name]!.inputs));
    const allInputs = Object.values(outputs).flatMap((output) => Object.keys(output.inputs));
    const setup =
      /src\/runtime\/(sandbox-session-run|access-setup|request-auth|api-key-setup|sigv4-signer)\.ts$|local-user-pool\.ts$/;
    // The check can fail: the modules are in the bundle, just not in the eager part.
    expect(allInputs.filter((input) => setup.test(input)).length).toBe(6);
    expect(eagerInputs.filter((input) => setup.test(input))).toEqual([]);
    expect(eagerInputs.some((input) => input.endsWith('src/runtime/run-sandbox.ts'))).toBe(true);
  });
});

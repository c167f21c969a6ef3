import { build } from 'esbuild';

/**
 * Bundles `entry` with code splitting as a Worker bundle resolves packages (browser entries: smithy's `exports` have
 * ones without Node built-ins) and tells apart the inputs of the chunks the entry loads statically (`eager`) from those
 * of every chunk (`all`): what a lazy-module test checks.
 */
export async function splitBundleInputs(entry: string): Promise<{ eager: string[]; all: string[] }> {
  const result = await build({
    entryPoints: [entry],
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

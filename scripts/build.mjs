// Bundles the Node entry points (CLI, handler worker) into lib/ with esbuild.
// Runs on `npm install` (prepare) so a fresh clone's `npx apigw-lab` works on Node 20 or newer.
import { build } from 'esbuild';

const entries = {
  cli: 'src/cli/main.ts',
  'handler-worker': 'src/node/handler-worker.ts',
};

await build({
  entryPoints: entries,
  outdir: 'lib',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // Packages stay external: they are dependencies, resolved from node_modules at run time.
  packages: 'external',
  logLevel: 'warning',
});

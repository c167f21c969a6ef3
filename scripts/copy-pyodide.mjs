#!/usr/bin/env node
/**
 * Copies the Pyodide files the sandboxes need from node_modules/pyodide into public/pyodide/, so the
 * site serves Python from its own origin (no CDN; cross-origin isolated pages may not load it
 * anyway). Run by `predev`/`prebuild`. The folder is ignored by git (it writes its own .gitignore).
 *
 *   node scripts/copy-pyodide.mjs [--out public/pyodide]
 */
import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const FILES = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = resolve(outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1] : 'public/pyodide');
const require = createRequire(import.meta.url);
const source = dirname(require.resolve('pyodide/package.json'));
const { version } = JSON.parse(
  await import('node:fs').then((fs) => fs.readFileSync(join(source, 'package.json'), 'utf8')),
);

mkdirSync(out, { recursive: true });
writeFileSync(join(out, '.gitignore'), '# Copied from node_modules/pyodide by scripts/copy-pyodide.mjs\n*\n');
let copied = 0;
for (const file of FILES) {
  const from = join(source, file);
  const to = join(out, file);
  if (!existsSync(from)) throw new Error(`copy-pyodide: ${from} is missing (is pyodide installed?)`);
  const a = statSync(from);
  const b = existsSync(to) ? statSync(to) : null;
  if (b && b.size === a.size && b.mtimeMs >= a.mtimeMs) continue;
  copyFileSync(from, to);
  copied++;
}
console.log(
  `copy-pyodide: Pyodide ${version} → ${out} (${copied} of ${FILES.length} files copied, the rest up to date)`,
);

#!/usr/bin/env node
// The `apigw-lab` command: runs the bundled CLI that `npm install` builds into dist/.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('apigw-lab: error: dist/cli.mjs is missing: run npm install (it builds dist/)\n');
  process.exit(1);
}
await import(cli.href);

#!/usr/bin/env node
// The `apigw-lab` command: runs the bundled CLI that `npm install` builds into lib/.
import { existsSync } from 'node:fs';

const cli = new URL('../lib/cli.mjs', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('apigw-lab: error: lib/cli.mjs is missing: run npm install (it builds lib/)\n');
  process.exit(1);
}
await import(cli.href);

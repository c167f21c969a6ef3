/** Shared by the SDK tests: the items example exported as API Gateway exports it, and the nested TypeScript 6. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { exportApi, importApi } from '../../src/emulator/index.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `apigw-lab export examples/items/openapi.yaml --stage dev`, in process. */
export function itemsExport(): Record<string, unknown> {
  const document = parse(readFileSync(`${ROOT}examples/items/openapi.yaml`, 'utf8')) as Record<string, unknown>;
  return exportApi(importApi(document), {
    stage: { name: 'dev', deploymentId: '', variables: {} },
    version: '1.0',
  });
}

/** The part of TypeScript's JS API the type-check uses (typed here: the root's TypeScript 7 ships no JS API). */
export interface TypeScriptApi {
  version: string;
  createProgram(
    files: string[],
    options: Record<string, unknown>,
  ): { getSemanticDiagnostics(): unknown[]; getSyntacticDiagnostics(): unknown[] };
  formatDiagnostics(diagnostics: unknown[], host: unknown): string;
  ScriptTarget: { ES2022: number };
  ModuleKind: { ESNext: number };
  ModuleResolutionKind: { Bundler: number };
}

/** swagger-typescript-api's own TypeScript (6, with a JS API), or null if npm hoisted it away. */
export function nestedTypeScript(): TypeScriptApi | null {
  const path = `${ROOT}node_modules/swagger-typescript-api/node_modules/typescript/package.json`;
  if (!existsSync(path)) return null;
  return createRequire(path)('typescript') as TypeScriptApi;
}

/** Type-checks files (strict, ES2022 + DOM) with TypeScript's JS API; returns the diagnostics as text ('' if none). */
export function typeCheck(ts: TypeScriptApi, files: string[]): string {
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    skipLibCheck: true,
  });
  const diagnostics = [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()];
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f: string) => f,
    getCurrentDirectory: () => ROOT,
    getNewLine: () => '\n',
  });
}

/**
 * `typescript` for the generator's browser bundle: swagger-typescript-api's own TypeScript (6), with the `sys` that a
 * browser lacks (`ts.sys` is undefined outside Node): `\n` new lines and a file system with no tsconfig.json, as a
 * language service host in the page has. The generator reads only the names exported here.
 */
// eslint-disable-next-line import/no-unresolved -- resolved by the bundle's plugin (vite-plugin.ts) to the nested TS 6.
import ts from 'virtual:apigw-sdk-typescript';

type Ts = typeof import('typescript');
const real = ts as unknown as Ts;

export const sys = {
  newLine: '\n',
  useCaseSensitiveFileNames: true,
  args: [] as string[],
  fileExists: (_path: string): boolean => false,
  directoryExists: (_path: string): boolean => false,
  readFile: (_path: string, _encoding?: string): string | undefined => undefined,
  getCurrentDirectory: (): string => '/',
  getDirectories: (_path: string): string[] => [],
  readDirectory: (): string[] => [],
};

export const {
  createLanguageService,
  findConfigFile,
  convertCompilerOptionsFromJson,
  readConfigFile,
  getDefaultCompilerOptions,
  getDefaultLibFileName,
  version,
  ScriptSnapshot,
  ScriptKind,
  createSourceFile,
  createCompilerHost,
  createProgram,
  Extension,
  ModuleKind,
  ScriptTarget,
} = real;

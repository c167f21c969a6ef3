/**
 * `typescript` for the generator's browser bundle: swagger-typescript-api's own TypeScript (6), with the `sys` that a
 * browser lacks (`ts.sys` is undefined outside Node): `\n` new lines and a file system with no tsconfig.json, as a
 * language service host in the page has. The generator reads only the names exported here.
 */
// Resolved by vite-plugin.ts to swagger-typescript-api's nested TypeScript 6.
import ts from 'virtual:apigw-sdk-typescript';

/** Typed loosely: the root's TypeScript (7) ships no JS API types; the generator's bundle reads these as they are. */
const real = ts as Record<string, unknown>;

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

export const createLanguageService = real.createLanguageService;
export const findConfigFile = real.findConfigFile;
export const convertCompilerOptionsFromJson = real.convertCompilerOptionsFromJson;
export const readConfigFile = real.readConfigFile;
export const getDefaultCompilerOptions = real.getDefaultCompilerOptions;
export const getDefaultLibFileName = real.getDefaultLibFileName;
export const version = real.version;
export const ScriptSnapshot = real.ScriptSnapshot;
export const ScriptKind = real.ScriptKind;
export const createSourceFile = real.createSourceFile;
export const createCompilerHost = real.createCompilerHost;
export const createProgram = real.createProgram;
export const Extension = real.Extension;
export const ModuleKind = real.ModuleKind;
export const ScriptTarget = real.ScriptTarget;

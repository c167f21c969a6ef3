/**
 * `apigw-lab sdk --lang typescript <definition>`: a client for the API, generated from the definition as API Gateway
 * exports it for a stage (`exportApi`, the same as `apigw-lab export --stage`), with swagger-typescript-api. The
 * generator (and its own TypeScript) is imported only when this command runs.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { definitionVersion, exportApi } from '../emulator/index.js';
import { LAB_SDK_LANGUAGES, unsupportedLanguageMessage, type LabSdkLanguage } from '../sdk/languages.js';
import { CliError, errorCode, firstLine } from './errors.js';
import { loadDefinition } from './load-definition.js';
import { isWebSocketDefinition } from './serve-websocket.js';
import type { Output } from './serve.js';

export const SDK_USAGE = `Usage: apigw-lab sdk --lang typescript <openapi.yaml|json> [options]

Generates a client SDK for the API from its definition as API Gateway exports it for the stage
("apigw-lab export --stage NAME"), with swagger-typescript-api: one file, api.ts, holding an Api
class with one method per operation, named by operationId or, as API Gateway's JavaScript SDK
names them, by path and method (GET /items/{id} -> itemsIdGet). Its customFetch option replaces
fetch. Without --out, the client is printed to stdout.

API Gateway itself generates SDKs for REST APIs only, in java, javascript, android, objectivec,
swift and ruby (aws apigateway get-sdk --sdk-type); this lab generates typescript.

Options:
      --lang typescript              the client's language (default and only value: typescript)
  -o, --out DIR                      write the client's files to DIR (created if missing)
  -s, --stage NAME                   the stage whose invoke URL the client calls by default (default dev)
      --api-type rest|http           how to read the definition (default: guessed from the document)
  -h, --help                         show this help

Example:
  apigw-lab sdk --lang typescript examples/items/openapi.yaml --out client/
`;

const HINT = 'run "apigw-lab sdk --help" for usage';
const fail = (message: string) => new CliError(message, { hint: HINT });

export interface SdkOptions {
  definition: string;
  lang: LabSdkLanguage;
  /** `--out DIR`; undefined → stdout. */
  out: string | undefined;
  /** `--stage NAME`: the stage the export's `servers` (the client's default base URL) name. */
  stage: string;
  apiType: 'REST' | 'HTTP' | undefined;
}

/** L: the stage `serve` uses by default, so the client's default URL path matches a served API's. */
export const DEFAULT_SDK_STAGE = 'dev';

const VALUE_FLAGS: Record<string, string> = {
  '--lang': '--lang',
  '-o': '--out',
  '--out': '--out',
  '-s': '--stage',
  '--stage': '--stage',
  '--api-type': '--api-type',
};

const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;

/** Parses `sdk`'s arguments; null means help was asked for. Throws CliError (exit 2) on a bad one. */
export function parseSdkArgs(argv: readonly string[]): SdkOptions | null {
  const positional: string[] = [];
  const options: Omit<SdkOptions, 'definition'> = {
    lang: 'typescript',
    out: undefined,
    stage: DEFAULT_SDK_STAGE,
    apiType: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') return null;
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const spelled = eq > 0 ? arg.slice(0, eq) : arg;
    const flag = VALUE_FLAGS[spelled];
    if (!flag) throw fail(`unknown option "${spelled}"`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('-'))) throw fail(`${spelled} needs a value`);
    switch (flag) {
      case '--lang': {
        const lang = value.toLowerCase();
        // One line, no hint: the message itself says what is possible.
        if (!(LAB_SDK_LANGUAGES as readonly string[]).includes(lang))
          throw new CliError(unsupportedLanguageMessage(value));
        options.lang = lang as LabSdkLanguage;
        break;
      }
      case '--out':
        if (value === '') throw fail(`${spelled} needs a directory`);
        options.out = value;
        break;
      case '--stage':
        if (value !== '$default' && !STAGE_NAME.test(value))
          throw fail(`${spelled} "${value}": a stage name has 1 to 128 letters, digits, "-" or "_"`);
        options.stage = value;
        break;
      case '--api-type': {
        const type = value.toUpperCase();
        if (type === 'WEBSOCKET') throw new CliError(WEBSOCKET_MESSAGE);
        if (type !== 'REST' && type !== 'HTTP') throw fail(`${spelled} "${value}": expected rest or http`);
        options.apiType = type;
        break;
      }
    }
  }
  if (positional.length === 0)
    throw fail('missing the OpenAPI definition file (apigw-lab sdk --lang typescript <openapi.yaml|json>)');
  if (positional.length > 1)
    throw fail(`one definition file expected, got ${positional.length}: ${positional.map((p) => `"${p}"`).join(', ')}`);
  return { definition: positional[0]!, ...options };
}

const WEBSOCKET_MESSAGE =
  'a WebSocket API has no OpenAPI export to generate a client from (API Gateway generates SDKs for REST APIs only)';

/** Runs `apigw-lab sdk`: loads and exports the definition, generates the client, prints it or writes it to --out. */
export async function runSdk(options: SdkOptions, output: Output): Promise<void> {
  if (await isWebSocketDefinition(options.definition, options.apiType)) throw new CliError(WEBSOCKET_MESSAGE);
  const { document, api } = await loadDefinition(options.definition, options.apiType);
  if (api.kind === 'REST' && options.stage === '$default')
    throw new CliError('--stage "$default": only HTTP APIs have a $default stage (see --api-type)');
  const version = definitionVersion(document);
  const exported = exportApi(api, {
    stage: { name: options.stage, deploymentId: '', variables: {} },
    ...(version === undefined ? {} : { version }),
  });
  const { generateTypeScriptClient } = await import('../sdk/generate.js');
  let files;
  try {
    ({ files } = await generateTypeScriptClient(exported));
  } catch (error) {
    throw new CliError(`${options.definition}: the client could not be generated: ${firstLine(error)}`);
  }
  if (options.out === undefined) {
    for (const file of files) output.out(file.content);
    return;
  }
  const dir = resolve(options.out);
  try {
    await mkdir(dir, { recursive: true });
    for (const file of files) {
      const path = join(dir, file.name);
      await writeFile(path, file.content);
      output.out(`wrote ${relative(process.cwd(), path) || path} (${file.content.split('\n').length - 1} lines)\n`);
    }
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOTDIR' || code === 'EEXIST') throw new CliError(`--out ${options.out}: not a directory`);
    if (code === 'EACCES' || code === 'EPERM') throw new CliError(`--out ${options.out}: permission denied`);
    throw new CliError(`--out ${options.out}: ${firstLine(error)}`);
  }
}

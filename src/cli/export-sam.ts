/**
 * `apigw-lab export --format sam`: the definition imported as API Gateway would, exported as it exports it, and
 * written with its functions' handler files as a SAM project (src/emulator/sam-bundle) to `--out DIR`.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  definitionVersion,
  exportApi,
  exportWebSocketApi,
  functionNamesOfApi,
  websocketFunctionNamesOf,
} from '../emulator/index.js';
import { samBundle, type SamBundle } from '../emulator/sam-bundle/index.js';
import { DEFAULT_STAGE, type ExportOptions } from './args.js';
import { CliError, errorCode, firstLine } from './errors.js';
import { displayPath, resolveFunctions } from './functions.js';
import { loadDefinition } from './load-definition.js';
import { isWebSocketDefinition, loadWebSocketApi, routeKeysOf } from './serve-websocket.js';
import type { Output } from './serve.js';

/** `ItemsAPI` → `items-api`: the default folder and the stack's name (L: the API's title, as the console names it). */
export function kebabNameOf(title: string): string {
  return (
    title
      .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'api'
  );
}

export async function runExportSam(options: ExportOptions, output: Output, cwd: string = process.cwd()): Promise<void> {
  if (await isWebSocketDefinition(options.definition, options.apiType))
    return runExportWebSocketSam(options, output, cwd);
  const apiType = options.apiType === 'WEBSOCKET' ? undefined : options.apiType;
  const { document, api, path } = await loadDefinition(options.definition, apiType, options.endpointType);
  if (api.kind === 'REST' && options.stage === '$default')
    throw new CliError('--stage "$default": only HTTP APIs have a $default stage (see --api-type)');
  if (api.kind === 'HTTP' && options.endpointType !== undefined)
    throw new CliError('--endpoint-type: HTTP APIs have regional endpoints only; the flag is for REST APIs');
  const info = document.info as Record<string, unknown> | undefined;
  const title = typeof info?.title === 'string' && info.title ? info.title : basename(path);
  const version = definitionVersion(document);
  // No stage: `servers` would name a made-up invoke URL in the DefinitionBody.
  const exported = exportApi(api, version === undefined ? {} : { version });
  // Functions named by a stage variable (`${stageVariables.fn}`) are not in the template: the README lists them.
  const names = functionNamesOfApi(api).filter((name) => !name.includes('${'));
  const { functions, warnings } = await resolveFunctions(names, options.functions, path, api, cwd);
  for (const warning of warnings) output.err(`warning: ${warning}\n`);
  const bundleFunctions = await bundleFunctionsOf(functions);
  const name = kebabNameOf(title);
  let bundle: SamBundle;
  try {
    bundle = samBundle({
      name,
      title,
      kind: api.kind,
      document: exported,
      stage: {
        name: options.stage ?? (api.kind === 'HTTP' ? '$default' : DEFAULT_STAGE),
        variables: options.stageVariables,
      },
      ...(options.endpointType ? { endpointType: options.endpointType } : {}),
      functions: bundleFunctions,
    });
  } catch (error) {
    throw new CliError(firstLine(error));
  }
  await writeBundle(bundle, name, options, output, cwd);
}

/**
 * `apigw-lab export --format sam` of a WebSocket API (its get-api/get-routes/get-integrations file): the template's
 * raw `AWS::ApiGatewayV2::*` resources, the functions its integrations and authorizers name, the stage (default
 * ${DEFAULT_STAGE}, as serve's) and its variables.
 */
async function runExportWebSocketSam(options: ExportOptions, output: Output, cwd: string): Promise<void> {
  if (options.endpointType !== undefined)
    throw new CliError('--endpoint-type: WebSocket APIs have regional endpoints only; the flag is for REST APIs');
  if (options.stage === '$default')
    throw new CliError('--stage "$default": only HTTP APIs have a $default stage (see --api-type)');
  const { path, api } = await loadWebSocketApi(options.definition);
  // Functions named by a stage variable (`${stageVariables.fn}`) are not in the template: its header lists them.
  const names = websocketFunctionNamesOf(api).filter((name) => !name.includes('${'));
  const { functions, warnings } = await resolveFunctions(names, options.functions, path, (name) =>
    routeKeysOf(api, name),
  );
  for (const warning of warnings) output.err(`warning: ${warning}\n`);
  const name = kebabNameOf(api.name);
  let bundle: SamBundle;
  try {
    bundle = samBundle({
      name,
      title: api.name,
      kind: 'WEBSOCKET',
      document: exportWebSocketApi(api),
      stage: { name: options.stage ?? DEFAULT_STAGE, variables: options.stageVariables },
      functions: await bundleFunctionsOf(functions),
    });
  } catch (error) {
    throw new CliError(firstLine(error));
  }
  await writeBundle(bundle, name, options, output, cwd);
}

/** The resolved functions' files, read. */
function bundleFunctionsOf(functions: Awaited<ReturnType<typeof resolveFunctions>>['functions']) {
  return Promise.all(
    functions.map(async (fn) => ({
      name: fn.name,
      fileName: basename(fn.path),
      source: await readFile(fn.path, 'utf8'),
      exportName: fn.exportName,
    })),
  );
}

/** Writes the bundle to `--out` (default `./<name>-sam`) and says what was written and how to deploy or serve it. */
async function writeBundle(
  bundle: SamBundle,
  name: string,
  options: ExportOptions,
  output: Output,
  cwd: string,
): Promise<void> {
  const out = resolve(cwd, options.out ?? `${name}-sam`);
  await checkOutDir(out, options.out ?? `${name}-sam`);
  for (const [file, text] of Object.entries(bundle.files)) {
    const target = join(out, file);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  }
  const shown = displayPath(out, cwd);
  output.out(`Wrote a SAM project to ${shown}/: ${Object.keys(bundle.files).sort().join(', ')}\n`);
  if (bundle.notCreated.length)
    output.out(`Not created by the template (listed in its README.md): ${bundle.notCreated.length} resource(s)\n`);
  output.out(
    `Deploy: cd ${shown} && sam build && sam deploy --guided\nRun here: apigw-lab serve ${shown}/template.yaml\n`,
  );
}

/** The project folder must be new, empty, or an earlier export (it has a template.yaml): never someone's other files. */
async function checkOutDir(out: string, spelled: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(out);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw new CliError(`--out ${spelled}: not a folder`);
    throw new CliError(`--out ${spelled}: ${firstLine(error)}`);
  }
  if (entries.length > 0 && !entries.includes('template.yaml'))
    throw new CliError(
      `--out ${spelled}: the folder is not empty and holds no earlier export (template.yaml); choose another`,
    );
}

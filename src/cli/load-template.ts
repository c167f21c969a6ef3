/**
 * Node adapter of `apigw-lab serve template.yaml`: reads a SAM or CloudFormation template (src/emulator/sam), picks the
 * API to serve (`--api LOGICAL_ID`, else the first), and turns the template into what `serve` already takes: the
 * imported API, `--function` mappings (CodeUri + Handler), stages with their variables and settings (as
 * `--stage-config`), API keys and usage plans (as `--api-key` / `--usage-plan`). A WebSocket API (raw
 * AWS::ApiGatewayV2 resources) becomes the definition `serveWebSocket` serves, on one stage.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  DefinitionError,
  functionNamesOfApi,
  importApi,
  parseWebSocketApi,
  routesOfApi,
  websocketFunctionNamesOf,
  type AnyGateway,
  type ApiModel,
  type WebSocketApiModel,
} from '../emulator/index.js';
import {
  CFN_TAGS,
  handlerLocation,
  isTemplateDocument,
  loadTemplate,
  parseParameterOverrides,
  TemplateError,
  type LoadedTemplate,
  type TemplateApi,
  type TemplateApiKey,
  type TemplateFunction,
  type TemplateUsagePlan,
} from '../emulator/sam/index.js';
import { parseDocument } from 'yaml';
import { acceptsApiKeys } from '../runtime/api-key-setup.js';
import type { ServicesFile } from '../emulator/aws-services/types.js';
import type { FunctionFlag, ServeOptions } from './args.js';
import { CliError } from './errors.js';
import { displayPath } from './functions.js';
import type { LoadedDefinition } from './load-definition.js';
import type { TemplateWebSocket } from './serve-websocket.js';
import { parseStageConfig, type StageConfig } from './stage-config.js';

/** Handler file extensions by runtime family, in the order they are looked for (Lambda's Node.js runtime: .js, .mjs, .cjs). */
const EXTENSIONS: Record<'node' | 'python', readonly string[]> = {
  node: ['.js', '.mjs', '.cjs', '.ts', '.mts'],
  python: ['.py'],
};

export interface ServedTemplate {
  template: LoadedTemplate;
  api: TemplateApi;
  /** A REST or HTTP API: the imported definition. */
  definition?: LoadedDefinition;
  /** A WebSocket API: its definition and functions' environments, as `serveWebSocket` takes them. */
  websocket?: TemplateWebSocket;
  /** `options` with the template's functions, stages, keys and plans added (the user's own flags win). */
  options: ServeOptions;
  /** The stages' settings, as `--stage-config` documents would give them. */
  stageConfigs: StageConfig[];
  /** Each served template function's `Environment.Variables`, by function name. */
  environments: Record<string, Record<string, string>>;
  /** The template's usage plans over the served API, and their keys. */
  keys: TemplateKeys;
  /** Start-up lines: the template's APIs (the served one marked), keys, warnings. */
  lines: string[];
  warnings: string[];
}

/**
 * Whether `file` is a CloudFormation/SAM template: by content, `Resources` with `AWSTemplateFormatVersion` or
 * `Transform` (short-form tags are accepted while looking).
 */
export async function isTemplateFile(file: string): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(resolve(file), 'utf8');
  } catch {
    return false; // loadDefinition reports the file's problem.
  }
  if (!/\bResources\b/.test(text)) return false;
  try {
    const doc = parseDocument(text, { customTags: CFN_TAGS });
    return !doc.errors.length && isTemplateDocument(doc.toJS({ maxAliasCount: 1000 }));
  } catch {
    return false;
  }
}

/** Reads the template named by `options.definition` and maps it onto serve's options. Throws CliError on any problem. */
export async function loadServedTemplate(
  options: ServeOptions,
  env: { region: string; accountId: string },
): Promise<ServedTemplate> {
  const path = resolve(options.definition);
  const dir = dirname(path);
  const file = options.definition;
  const text = await readFile(path, 'utf8');
  let template: LoadedTemplate;
  try {
    template = loadTemplate(text, {
      file,
      parameterOverrides: parseParameterOverrides(options.parameterOverrides ?? []),
      readFile: (relative) => {
        const p = resolve(dir, relative);
        return existsSync(p) && statSync(p).isFile() ? readFileSync(p, 'utf8') : undefined;
      },
      region: env.region,
      accountId: env.accountId,
      // L: the stack is named after the template's folder (sam deploy asks for one; sam local uses none).
      stackName: basename(dir) || 'apigw-lab',
    });
  } catch (error) {
    if (error instanceof TemplateError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
  if (!template.apis.length)
    throw new CliError(`${file}: the template defines no REST, HTTP or WebSocket API to serve`);
  const chosen = options.api === undefined ? template.apis[0]! : template.apis.find((a) => a.logicalId === options.api);
  if (!chosen)
    throw new CliError(
      `--api ${options.api}: the template has no API "${options.api}" (its APIs: ${template.apis.map((a) => a.logicalId).join(', ')})`,
    );
  if (options.apiType !== undefined && options.apiType !== chosen.kind)
    throw new CliError(`--api-type: ${chosen.logicalId} is ${KIND_ARTICLES[chosen.kind]} API in the template`);

  let api: ApiModel | undefined;
  let websocket: WebSocketApiModel | undefined;
  if (chosen.kind === 'WEBSOCKET') {
    if (chosen.unservable !== undefined)
      throw new CliError(`${file}: the WebSocket API cannot be served: ${chosen.unservable}`);
    // Parsed already when the template was read (`unservable` says why not): this parse does not throw.
    websocket = parseWebSocketApi(chosen.document);
  } else
    try {
      api = importApi(chosen.document, {
        apiId: chosen.apiId,
        apiType: chosen.kind,
        endpointType: options.endpointType,
      });
    } catch (error) {
      if (error instanceof DefinitionError)
        throw new CliError(
          `${file}: Resources.${chosen.logicalId}: API Gateway cannot import its definition: ${error.problems.slice(0, 5).join('; ')}`,
        );
      throw error;
    }

  const warnings = [...template.warnings];
  // L: a WebSocket API's integrations are Lambda proxy or mock ones, and its functions get no embedded-service endpoint:
  // the template's tables, queues and buses are not created (said, not silently dropped).
  const { tables = [], queues = [], eventBuses = [] } = template.services;
  const serviceNames = [
    ...tables.map((t) => t.TableName),
    ...queues.map((q) => q.QueueName),
    ...eventBuses.map((b) => b.Name),
  ];
  if (websocket && serviceNames.length)
    warnings.push(
      `the template's tables, queues and event buses are not created for a WebSocket API (its integrations call Lambda functions, which reach no embedded service): ${serviceNames.join(', ')}`,
    );
  // Functions: the ones the API calls (integrations, authorizers), from CodeUri + Handler; --function overrides.
  const used = new Set(websocket ? websocketFunctionNamesOf(websocket) : functionNamesOfApi(api!));
  const functions: FunctionFlag[] = [...options.functions];
  for (const fn of template.functions) {
    if (!used.has(fn.functionName) || functions.some((f) => f.name === fn.functionName)) continue;
    const flag = handlerFlag(fn, dir, file);
    functions.push(flag);
    const warning = moduleTypeWarning(flag.path, resolve(dir, fn.codeUri || '.'));
    if (warning) warnings.push(warning);
  }

  const next: ServeOptions = { ...options, functions };
  // The functions' Timeout (seconds), unless --timeout was given. L: the local host has one timeout for every function:
  // the longest Timeout of the served ones. Without any, the host's default (30 s) stays, not SAM's 3 s: a first
  // request that waits for Pyodide to load would time out.
  // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-timeout
  const timeouts = template.functions.filter((f) => used.has(f.functionName) && f.timeout !== undefined);
  if (options.timeoutMs === undefined && timeouts.length)
    next.timeoutMs = Math.max(...timeouts.map((f) => f.timeout! * 1000));

  // Stages: the template's, unless --stage was given.
  const stageConfigs: StageConfig[] = [];
  const stageLines: string[] = [];
  if (chosen.kind === 'WEBSOCKET') {
    // A WebSocket API is served on one stage: --stage NAME, else the template's first (with its variables).
    const name = options.stageGiven ? options.stages[0]!.name : chosen.stages[0]!.name;
    const variables = chosen.stages.find((s) => s.name === name)?.variables ?? {};
    next.stages = [{ name }];
    next.stage = name;
    next.stageVariablesByStage = {
      ...options.stageVariablesByStage,
      [name]: { ...variables, ...(options.stageVariablesByStage[name] ?? {}) },
    };
    if (chosen.stages.length > 1 && !options.stageGiven)
      stageLines.push(
        `  serving stage ${name}, the template's first (a WebSocket API is served on one stage: --stage NAME for another)`,
      );
  } else if (!options.stageGiven) {
    next.stages = chosen.stages.map((s) => ({ name: s.name }));
    next.stage = next.stages[0]!.name;
    next.stageVariablesByStage = { ...options.stageVariablesByStage };
    for (const s of chosen.stages) {
      next.stageVariablesByStage[s.name] = { ...s.variables, ...(options.stageVariablesByStage[s.name] ?? {}) };
      if (s.settings) stageConfigs.push(parseStageConfig(`${file}: ${chosen.logicalId} stage ${s.name}`, s.settings));
    }
  }

  // API keys and usage plans of the served API (put by applyTemplateKeys), unless given with --api-key / --usage-plan.
  const lines: string[] = [];
  const keys: TemplateKeys = { plans: [], keys: [] };
  if (chosen.kind === 'REST' && !options.apiKeys.length && !options.usagePlans.length) {
    keys.plans = template.usagePlans.filter((p) => p.apiStages.some((s) => s.apiLogicalId === chosen.logicalId));
    for (const key of template.apiKeys) {
      const plans = keys.plans.filter((p) => key.usagePlans.includes(p.logicalId));
      if (!plans.length) continue;
      keys.keys.push(key);
      lines.push(
        `API key ${key.logicalId} (usage plan ${plans.map((p) => p.name).join(', ')}${key.enabled ? '' : ', disabled'}): ${key.value}${key.generated ? ' (generated: the template gives no Value)' : ''}`,
      );
    }
  }
  const others = template.apis.filter((a) => a !== chosen);
  lines.unshift(
    `apigw-lab: template ${displayPath(path)}: ${template.apis.length === 1 ? '1 API' : `${template.apis.length} APIs`}, serving ${describe(chosen)}`,
    ...stageLines,
    ...others.flatMap((a) => [
      `  also in the template (serve it with --api ${a.logicalId}): ${describe(a)}`,
      `    routes: ${routeSummary(a)}`,
    ]),
  );
  const environments = Object.fromEntries(
    template.functions.filter((f) => Object.keys(f.environment).length).map((f) => [f.functionName, f.environment]),
  );
  const served = websocket
    ? { websocket: { path, api: websocket, environments } }
    : { definition: { path, document: chosen.document, api: api! } };
  return { template, api: chosen, ...served, options: next, stageConfigs, environments, keys, lines, warnings };
}

/** Usage plans and API keys of a template. */
export interface TemplateKeys {
  plans: TemplateUsagePlan[];
  keys: TemplateApiKey[];
}

/**
 * Puts the template's usage plans (each over its own ApiStages of the served API, as CreateUsagePlan would) and API keys
 * (enabled or not, each in the plans its UsagePlanKeys name) on the gateway.
 */
export function applyTemplateKeys(gateway: AnyGateway, served: TemplateApi, apiId: string, keys: TemplateKeys): void {
  if (!keys.plans.length && !keys.keys.length) return;
  if (!acceptsApiKeys(gateway)) return;
  for (const plan of keys.plans)
    gateway.putUsagePlan({
      name: plan.logicalId,
      apiStages: plan.apiStages
        .filter((s) => s.apiLogicalId === served.logicalId)
        .map((s) => ({ apiId, stage: s.stage })),
      ...(plan.throttle ? { throttle: plan.throttle } : {}),
      ...(plan.quota ? { quota: plan.quota } : {}),
    });
  for (const key of keys.keys) {
    const created = gateway.putApiKey({ name: key.logicalId, value: key.value, enabled: key.enabled });
    for (const plan of key.usagePlans)
      if (keys.plans.some((p) => p.logicalId === plan)) gateway.putUsagePlanKey(plan, created.id);
  }
}

/** `GET /notes -> Notes, $default -> Notes` for a template API not served (or why it cannot be imported). */
function routeSummary(api: TemplateApi): string {
  if (api.kind === 'WEBSOCKET') {
    if (api.unservable !== undefined) return `cannot be served (${api.unservable})`;
    const model = parseWebSocketApi(api.document);
    const target = (id: string | undefined) => {
      const integration = model.integrations.find((i) => i.id === id);
      return integration ? (integration.functionName ?? integration.type) : 'no integration';
    };
    return model.routes.length ? model.routes.map((r) => `${r.key} -> ${target(r.integrationId)}`).join(', ') : 'none';
  }
  try {
    const routes = routesOfApi(importApi(api.document, { apiId: api.apiId, apiType: api.kind }));
    if (!routes.length) return 'none';
    return routes
      .map(
        (r) => `${r.path === '$default' ? '$default' : `${r.method} ${r.path}`} -> ${r.functionName ?? r.integration}`,
      )
      .join(', ');
  } catch (error) {
    return `cannot be imported (${error instanceof DefinitionError ? error.problems[0] : String(error)})`;
  }
}

const KIND_ARTICLES = { REST: 'a REST', HTTP: 'an HTTP', WEBSOCKET: 'a WebSocket' } as const;

/** `UsagePlanAPI (AWS::Serverless::Api, REST, stages Prod, Stage)`. */
function describe(api: TemplateApi): string {
  return `${api.logicalId} (${api.source}, ${api.kind}, stage${api.stages.length > 1 ? 's' : ''} ${api.stages.map((s) => s.name).join(', ')})`;
}

/** The handler file of a template function: CodeUri (relative to the template's folder) + Handler's module. */
function handlerFlag(fn: TemplateFunction, dir: string, file: string): FunctionFlag {
  const { file: module, exportName } = handlerLocation(fn);
  const family = fn.runtime.startsWith('python') ? 'python' : 'node';
  const candidates = EXTENSIONS[family].map((ext) => join(dir, `${module}${ext}`));
  const found = candidates.find((p) => existsSync(p) && statSync(p).isFile());
  if (!found)
    throw new CliError(
      `${file}: Resources.${fn.logicalId}.Properties.Handler: no handler file ${displayPath(join(dir, module))}.{${EXTENSIONS[family].map((e) => e.slice(1)).join(',')}} (CodeUri ${fn.codeUri || '(none)'}, Handler ${fn.handler}, Runtime ${fn.runtime})`,
    );
  return { name: fn.functionName, path: found, exportName, flag: `${file}: Resources.${fn.logicalId}` };
}

/**
 * A warning when a `.js` handler is read as an ES module only because of a package.json above its CodeUri folder:
 * Lambda's task root is CodeUri, where a `.js` file without its own package.json is CommonJS.
 */
export function moduleTypeWarning(handlerPath: string, codeDir: string): string | undefined {
  if (!handlerPath.endsWith('.js')) return undefined;
  for (let dir = dirname(handlerPath); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      const inside = dir === codeDir || dir.startsWith(`${codeDir}/`);
      let type: unknown;
      try {
        type = (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: unknown }).type;
      } catch {
        return undefined;
      }
      if (inside || type !== 'module') return undefined;
      return `${displayPath(handlerPath)} is read as an ES module because ${displayPath(pkg)} says "type": "module", but Lambda's task root is ${displayPath(codeDir)}, where it is CommonJS: add ${displayPath(join(codeDir, 'package.json'))} with {"type": "commonjs"} if it uses require/exports`;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The `--services` file with the template's tables, queues and event buses added (a resource the file also names, by
 * name, is the file's). Undefined when neither has any.
 */
export function withTemplateServices(
  file: ServicesFile | undefined,
  fromTemplate: ServicesFile | undefined,
): ServicesFile | undefined {
  if (!fromTemplate) return file;
  const tables = [...(file?.tables ?? [])];
  for (const t of fromTemplate.tables ?? []) if (!tables.some((x) => x.TableName === t.TableName)) tables.push(t);
  const queues = [...(file?.queues ?? [])];
  for (const q of fromTemplate.queues ?? []) if (!queues.some((x) => x.QueueName === q.QueueName)) queues.push(q);
  const eventBuses = [...(file?.eventBuses ?? [])];
  for (const b of fromTemplate.eventBuses ?? []) if (!eventBuses.some((x) => x.Name === b.Name)) eventBuses.push(b);
  if (!file && !tables.length && !queues.length && !eventBuses.length) return undefined;
  return { ...file, tables, queues, eventBuses };
}

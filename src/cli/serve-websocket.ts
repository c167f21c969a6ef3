/**
 * `apigw-lab serve --api-type websocket DEF`: a WebSocket API from its `aws apigatewayv2` get-api / get-routes /
 * get-integrations file, served at ws://HOST:PORT/STAGE with its `@connections` API over HTTP on the same port; its
 * Lambda functions run in the Node function host with the management API's endpoint and an access key it accepts in
 * their environment, as Lambda gives a function its role's credentials. One log line per connection event.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import {
  exportWebSocketApi,
  parseWebSocketApi,
  WebSocketDefinitionError,
  WebSocketGateway,
  websocketFunctionNamesOf,
  type WebSocketApiModel,
  type WebSocketTrace,
} from '../emulator/index.js';
import type { LambdaInvocation } from '../emulator/shared/invoker.js';
import { createNodeFunctionHost, type NodeFunctionHost } from '../node/function-host.js';
import { closeServer, listen } from '../node/http-adapter.js';
import { createWebSocketHttpServer } from '../node/websocket-server.js';
import type { ExportOptions, ServeOptions } from './args.js';
import { batchedLineWriter } from './access-log.js';
import { CliError, EXIT_RUNTIME, errorCode, firstLine } from './errors.js';
import { displayPath, resolveFunctions } from './functions.js';
import { loadIdentityPolicies } from './iam.js';
import type { Output, RunningServer } from './serve.js';

/** A WebSocket API definition read from a file. */
export interface LoadedWebSocketApi {
  path: string;
  api: WebSocketApiModel;
}

/** A WebSocket API read from a SAM/CloudFormation template (load-template.ts), with its functions' environments. */
export interface TemplateWebSocket extends LoadedWebSocketApi {
  /** Each template function's `Environment.Variables`, by function name. */
  environments: Record<string, Record<string, string>>;
}

/** How often idle and too-old connections are looked for. */
const SWEEP_INTERVAL_MS = 1_000;

/** True when the definition is a WebSocket API's: `--api-type websocket`, or a document whose Api.ProtocolType says so. */
export async function isWebSocketDefinition(file: string, apiType: ServeOptions['apiType']): Promise<boolean> {
  if (apiType !== undefined) return apiType === 'WEBSOCKET';
  try {
    const value = parseDocument(await readFile(resolve(file), 'utf8')).toJS() as unknown;
    const api = (value as { Api?: { ProtocolType?: unknown } } | null)?.Api;
    return typeof api === 'object' && api !== null && api.ProtocolType === 'WEBSOCKET';
  } catch {
    return false; // the OpenAPI loader reports the problem
  }
}

/** Reads and parses a WebSocket API definition (JSON or YAML); every problem is one CliError naming the file. */
export async function loadWebSocketApi(file: string): Promise<LoadedWebSocketApi> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') throw new CliError(`definition file not found: ${file}`);
    if (code === 'EISDIR') throw new CliError(`${file} is a directory, not a WebSocket API definition file`);
    throw new CliError(`cannot read ${file}: ${firstLine(error)}`);
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors[0])
    throw new CliError(`${file} is not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${firstLine(doc.errors[0])}`);
  try {
    return { path, api: parseWebSocketApi(doc.toJS()) };
  } catch (error) {
    if (error instanceof WebSocketDefinitionError)
      throw new CliError(
        `${file} is not a WebSocket API definition ({"Api", "Routes", "Integrations"} as aws apigatewayv2 get-api, get-routes and get-integrations print them): ${error.message}`,
      );
    throw error;
  }
}

/** `apigw-lab export --api-type websocket DEF`: the definition written back as it was read. */
export async function exportWebSocket(options: ExportOptions, output: Output): Promise<void> {
  const { api } = await loadWebSocketApi(options.definition);
  const doc = exportWebSocketApi(api);
  const { stringify } = await import('yaml');
  output.out(options.format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : stringify(doc, { lineWidth: 0 }));
}

/** Flags of REST/HTTP APIs that a WebSocket API has no use for: refused rather than ignored. */
function refuseUnsupportedFlags(options: ServeOptions): void {
  const given: Array<[boolean, string]> = [
    [options.domainName !== undefined, '--domain-name'],
    [options.apiKeys.length > 0, '--api-key'],
    [options.usagePlans.length > 0, '--usage-plan'],
    [options.jwks.length > 0, '--jwks'],
    [options.stageConfigs.length > 0, '--stage-config'],
    [options.accessLogFormat !== undefined, '--access-log-format'],
    [options.executionLogGiven, '--execution-log'],
    [options.webAcl !== undefined, '--web-acl'],
  ];
  const flags = given.filter(([on]) => on).map(([, flag]) => flag);
  if (flags.length)
    throw new CliError(
      `${flags.join(', ')}: not supported for WebSocket APIs by apigw-lab (see "apigw-lab serve --help")`,
    );
  if (options.stages.length > 1 || options.stages.some((s) => s.definition !== undefined))
    throw new CliError('--stage: a WebSocket API is served on one stage (--stage NAME)');
  if (options.stages[0]?.name === '$default')
    throw new CliError('--stage "$default": only HTTP APIs have a $default stage (see --api-type)');
}

/**
 * Serves a WebSocket API (`fromTemplate`: one a template defines, else the definition file); resolves once listening.
 * Throws CliError on a user problem.
 */
export async function serveWebSocket(
  options: ServeOptions,
  output: Output,
  fromTemplate?: TemplateWebSocket,
): Promise<RunningServer> {
  refuseUnsupportedFlags(options);
  const { path, api } = fromTemplate ?? (await loadWebSocketApi(options.definition));
  const stageName = options.stages[0]?.name ?? options.stage;
  const variables = { ...options.stageVariables, ...(options.stageVariablesByStage[stageName] ?? {}) };
  const names = websocketFunctionNamesOf(api).map((name) => withStageVariables(name, variables));
  const { functions, warnings } = await resolveFunctions(names, options.functions, path, (name) =>
    routeKeysOf(api, name, (fn) => withStageVariables(fn, variables)),
  );
  for (const warning of warnings) output.err(`apigw-lab: warning: ${warning}\n`);
  const identityPolicies = await loadIdentityPolicies(options.identityPolicies);

  let host: NodeFunctionHost | null = null;
  const gateway = new WebSocketGateway({
    invoke: (invocation: LambdaInvocation) => host!.invoke(invocation),
    ...(options.timeoutMs === undefined ? {} : { functionTimeoutMs: options.timeoutMs }),
  });
  const deploymentId = gateway.deploy(api, 'apigw-lab serve').id;
  gateway.putStage({ name: stageName, deploymentId, variables });
  try {
    for (const flag of options.credentials)
      gateway.putCredentials({
        accessKeyId: flag.accessKeyId,
        secretAccessKey: flag.secretAccessKey,
        ...(flag.arn ? { arn: flag.arn } : {}),
      });
    for (const { flag, document } of identityPolicies) gateway.putIdentityPolicy(flag.arn, document);
  } catch (error) {
    throw new CliError(firstLine(error));
  }

  const log = batchedLineWriter({ write: (chunk: string) => output.out(chunk) });
  const diagnostics = batchedLineWriter({ write: (chunk: string) => output.err(chunk) });
  const { server, closeClients } = createWebSocketHttpServer(gateway, {
    onError: (error) => output.err(`apigw-lab: error while serving a connection: ${firstLine(error)}\n`),
  });
  let address;
  try {
    address = await listen(server, options.port, options.host);
  } catch (error) {
    const code = errorCode(error);
    const where = `${options.host}:${options.port}`;
    if (code === 'EADDRINUSE')
      throw new CliError(
        `port ${options.port} is already in use on ${options.host} (--port): stop the other server or choose another port`,
      );
    if (code === 'EACCES') throw new CliError(`not allowed to listen on ${where} (--port): choose a port above 1023`);
    throw new CliError(`cannot listen on ${where}: ${firstLine(error)}`, { exitCode: EXIT_RUNTIME });
  }
  const origin = `${urlHost(options.host)}:${address.port}`;
  const websocketUrl = `ws://${origin}/${stageName}`;
  const connectionsUrl = `http://${origin}/${stageName}/@connections`;

  // Each function's role: an access key the @connections API accepts, in its environment as Lambda puts a role's
  // temporary credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), with the SDKs' own
  // service-specific endpoint variable pointing at this stage.
  const specs = Object.fromEntries(
    functions.map((f) => {
      const keys = temporaryCredentials();
      gateway.putCredentials({
        accessKeyId: keys.AWS_ACCESS_KEY_ID,
        secretAccessKey: keys.AWS_SECRET_ACCESS_KEY,
        arn: `arn:aws:sts::${gateway.accountId}:assumed-role/${f.name}-role/${f.name}`,
      });
      const environment = {
        ...fromTemplate?.environments[f.name],
        ...keys,
        AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI: `http://${origin}/${stageName}`,
      };
      return [f.name, { path: f.path, exportName: f.exportName, environment }];
    }),
  );
  // One execution environment per function unless --concurrency: the example keeps its connections in module memory.
  host = createNodeFunctionHost(specs, { prewarm: true, maxWorkersPerFunction: options.concurrency ?? 1 });

  const unsubscribe = gateway.onTrace((trace) => {
    log.write(traceLine(trace));
    for (const part of [trace.authorizer, trace.lambda]) {
      if (part) for (const line of part.logs) diagnostics.write(`[${part.functionName}] ${line.replace(/\n$/, '')}`);
    }
    if (trace.error) diagnostics.write(`apigw-lab: ${trace.kind} ${trace.connectionId}: ${trace.error}`);
  });
  const sweeper = setInterval(() => {
    try {
      gateway.sweep();
    } catch (error) {
      output.err(`apigw-lab: error while closing idle connections: ${firstLine(error)}\n`);
    }
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();

  output.out(banner(api, path, websocketUrl, connectionsUrl, functions));
  let closed: Promise<void> | null = null;
  return {
    server,
    invokeUrl: websocketUrl,
    invokeUrls: { [stageName]: websocketUrl },
    close() {
      closed ??= (async () => {
        clearInterval(sweeper);
        // Every client is told the server is going away (1001); their $disconnect runs before the functions stop.
        await closeClients(1001, 'Going away');
        await closeServer(server);
        unsubscribe();
        log.flush();
        diagnostics.flush();
        await host?.close();
      })();
      return closed;
    },
  };
}

/** One log line per connection event: time, kind, route key, connection id, status or close code, duration. */
export function traceLine(trace: WebSocketTrace): string {
  const parts = [new Date(trace.startedAt).toISOString(), trace.kind.padEnd(10)];
  if (trace.kind === 'MANAGEMENT' && trace.management)
    parts.push(`${trace.management.method} ${trace.management.path}`);
  else parts.push(trace.routeKey ?? '-', trace.connectionId || '-');
  const result = trace.lambda?.result as { statusCode?: unknown } | undefined;
  if (trace.status !== undefined) parts.push(String(trace.status));
  else if (trace.closeCode !== undefined)
    parts.push(`${trace.closeCode}${trace.closeReason ? ` "${trace.closeReason}"` : ''}`);
  else if (typeof result?.statusCode === 'number') parts.push(String(result.statusCode));
  else parts.push(trace.lambda?.error ? 'error' : '-');
  if (trace.management?.caller) parts.push(trace.management.caller);
  if (trace.sent.length) parts.push(`sent ${trace.sent.length}`);
  parts.push(`${Math.round(trace.durationMs)}ms`, trace.requestId);
  return parts.join(' ');
}

/**
 * `$connect, sendmessage`: the route keys whose integration (or authorizer) calls `functionName`, each integration's
 * function name read through `resolve` (serve: its stage variables substituted).
 */
export function routeKeysOf(
  api: WebSocketApiModel,
  functionName: string,
  resolve: (name: string) => string = (name) => name,
): string {
  const calls = (name: string | null) => name !== null && resolve(name) === functionName;
  const integrations = new Set(api.integrations.filter((i) => calls(i.functionName)).map((i) => i.id));
  const authorizers = new Set(api.authorizers.filter((a) => calls(a.functionName)).map((a) => a.id));
  const keys = api.routes
    .filter(
      (r) =>
        (r.integrationId && integrations.has(r.integrationId)) || (r.authorizerId && authorizers.has(r.authorizerId)),
    )
    .map((r) => r.key);
  return keys.length ? keys.join(', ') : 'no route';
}

function withStageVariables(name: string, variables: Record<string, string>): string {
  return name.replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_, key: string) => {
    const value = variables[key];
    if (value === undefined)
      throw new CliError(
        `the integration names its Lambda function by the stage variable "${key}" (${name}): pass --stage-variable ${key}=FUNCTION_NAME`,
      );
    return value;
  });
}

/** Credentials shaped like a Lambda role's temporary ones (an ASIA access key id, a secret, a session token). */
function temporaryCredentials(): {
  AWS_ACCESS_KEY_ID: string;
  AWS_SECRET_ACCESS_KEY: string;
  AWS_SESSION_TOKEN: string;
} {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const id = [...randomBytes(16)].map((b) => alphabet[b % 32]).join('');
  return {
    AWS_ACCESS_KEY_ID: `ASIA${id}`,
    AWS_SECRET_ACCESS_KEY: randomBytes(30).toString('base64'),
    AWS_SESSION_TOKEN: randomBytes(96).toString('base64'),
  };
}

function urlHost(requested: string): string {
  let host = requested.replace(/^\[(.*)\]$/, '$1');
  if (host === '0.0.0.0') host = '127.0.0.1';
  else if (host === '::') host = '::1';
  return host.includes(':') ? `[${host}]` : host;
}

function banner(
  api: WebSocketApiModel,
  path: string,
  websocketUrl: string,
  connectionsUrl: string,
  functions: ReadonlyArray<{ name: string; path: string; exportName: string }>,
): string {
  const integrationOf = (id: string | undefined) => api.integrations.find((i) => i.id === id);
  const width = Math.max(0, ...api.routes.map((r) => r.key.length));
  const lines = [
    `apigw-lab: serving WebSocket API "${api.name}" from ${displayPath(path)}`,
    `WebSocket URL: ${websocketUrl}`,
    `Connection URL: ${connectionsUrl}/{connectionId} (POST, GET, DELETE; SigV4-signed)`,
    `Routes (route selection expression ${api.routeSelectionExpression}):`,
    ...api.routes.map((r) => {
      const integration = integrationOf(r.integrationId);
      const target = integration ? (integration.functionName ?? integration.type) : 'no integration';
      const twoWay = r.routeResponseSelectionExpression ? ' (two-way)' : '';
      return `  ${r.key.padEnd(width)}  -> ${target}${twoWay}`;
    }),
    ...(functions.length
      ? ['Functions:', ...functions.map((f) => `  ${f.name}: ${displayPath(f.path)}#${f.exportName}`)]
      : []),
    `Try: npx wscat -c ${websocketUrl}`,
    'Press Ctrl+C to stop.',
    '',
  ];
  return lines.join('\n');
}

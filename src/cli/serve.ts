import { applyStageConfig, loadStageConfig, stageOfConfig, type StageConfig } from './stage-config.js';
import type { Server } from 'node:http';
import { writeAuthorizerLines } from './authorizer-lines.js';
import { resourcePolicyLine } from './resource-policy-line.js';
import { resolve } from 'node:path';
import {
  API_TYPES,
  apiTypeEntryOf,
  functionNamesOfApi,
  routesOfApi,
  type AnyGateway,
  type ApiModel,
} from '../emulator/index.js';
import { createNodeFunctionHost } from '../node/function-host.js';
import { closeServer, createHttpServer, listen } from '../node/http-adapter.js';
import { applyApiKeyFlags } from './api-keys.js';
import { applyJwksFlags, loadJwksFlags } from './jwks.js';
import { applyIamFlags, loadIdentityPolicies } from './iam.js';
import type { ServeOptions } from './args.js';
import { batchedLineWriter, formatAccessLogLine } from './access-log.js';
import { executionLogLines, formatAccessLog, MetricsRecorder } from '../emulator/observability/index.js';
import {
  logLevelFor,
  METRICS_PATH,
  resolveAccessLogFormat,
  stageLogLevels,
  summaryTable,
  type StageLogLevels,
} from './observability.js';
import { CliError, EXIT_RUNTIME, errorCode, firstLine } from './errors.js';
import { displayPath, resolveFunctions, type ResolvedFunction } from './functions.js';
import { loadDefinition, type LoadedDefinition } from './load-definition.js';
import { registerUserPools } from './user-pool.js';
import { associateWebAcl, loadWebAcl, WAF_REPORT_PATH, wafLine, wafReportBody } from './web-acl.js';
import { HTTP_API_WAF_UNSUPPORTED, type WebAclEvaluator } from '../emulator/index.js';
import { isWebSocketDefinition, serveWebSocket } from './serve-websocket.js';
import { applyTemplateKeys, isTemplateFile, loadServedTemplate, withTemplateServices } from './load-template.js';

/** The Region and account a template is evaluated in: the gateway's defaults (L: no flag changes them yet). */
const TEMPLATE_ENVIRONMENT = { region: 'us-east-1', accountId: '123456789012' };
import {
  createCliAwsServices,
  loadServicesFile,
  missingQueueWarnings,
  SERVICES_PATH,
  serviceCallLine,
  type CliAwsServices,
} from './aws-services.js';
import { functionNamesOfServicesFile } from '../emulator/aws-services/function-names.js';
import type { AwsServices } from '../emulator/aws-services/types.js';

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface RunningServer {
  server: Server;
  /** `http://127.0.0.1:3000/dev`: the first stage's. */
  invokeUrl: string;
  /** Every stage's invoke URL, by stage name. */
  invokeUrls: Record<string, string>;
  /** Stops the server and the function host; idempotent. */
  close(): Promise<void>;
}

const METHOD_ORDER = ['ANY', 'GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Loads the definition, maps functions, starts the gateway behind node:http. Throws CliError on a user problem. */
export async function serve(options: ServeOptions, output: Output): Promise<RunningServer> {
  // A SAM/CloudFormation template (by content): its API, functions, stages, keys and plans become serve's options.
  const template = (await isTemplateFile(options.definition))
    ? await loadServedTemplate(options, TEMPLATE_ENVIRONMENT)
    : undefined;
  if (template) {
    options = template.options;
    output.out(template.lines.map((line) => `${line}\n`).join(''));
    if (template.websocket) {
      for (const warning of template.warnings) output.err(`apigw-lab: warning: ${warning}\n`);
      return serveWebSocket(options, output, template.websocket);
    }
  } else if (await isWebSocketDefinition(options.definition, options.apiType)) return serveWebSocket(options, output);
  const apiType = options.apiType === 'WEBSOCKET' ? undefined : options.apiType;
  const definition = template?.definition ?? (await loadDefinition(options.definition, apiType, options.endpointType));
  const { api } = definition;
  // Each stage serves a deployment of its own definition (`--stage NAME=FILE`) or of the main one.
  const stageFlags = options.stages.length ? options.stages : [{ name: options.stage }];
  const loaded = new Map<string, LoadedDefinition>([[definition.path, definition]]);
  const stages: ServedStage[] = [];
  for (const flag of stageFlags) {
    let def = definition;
    if (flag.definition !== undefined) {
      const path = resolve(flag.definition);
      def = loaded.get(path) ?? (await loadDefinition(flag.definition, apiType, options.endpointType));
      loaded.set(def.path, def);
      if (def.api.kind !== api.kind) {
        throw new CliError(
          `--stage ${flag.name}=${flag.definition}: ${flag.definition} is ${API_TYPES[def.api.kind].article} API but ${options.definition} is ${API_TYPES[api.kind].article} API (one gateway serves one kind; see --api-type)`,
        );
      }
    }
    const variables = { ...options.stageVariables, ...(options.stageVariablesByStage[flag.name] ?? {}) };
    stages.push({ name: flag.name, definition: def, variables, invokeUrl: '', deploymentId: '' });
  }

  // `--stage-config FILE`: a stage's variables (before functions are resolved by them), and its method settings
  // (REST) or route settings (HTTP), applied once the stage is put.
  const stageConfigs = new Map<string, StageConfig>();
  const configs: StageConfig[] = [];
  for (const file of options.stageConfigs) configs.push(await loadStageConfig(file));
  // A template's stage settings, for the stages no --stage-config names.
  const named = new Set(configs.map((c) => c.stageName ?? stages[0]!.name));
  for (const config of template?.stageConfigs ?? []) if (!named.has(config.stageName!)) configs.push(config);
  for (const config of configs) {
    const name = stageOfConfig(
      config,
      stages.map((s) => s.name),
    );
    if (stageConfigs.has(name)) throw new CliError(`${config.flag}: stage "${name}" has another --stage-config`);
    stageConfigs.set(name, config);
    const stage = stages.find((s) => s.name === name)!;
    if (config.variables) stage.variables = { ...stage.variables, ...config.variables };
  }
  // The functions every stage's integrations name (stage variables resolved), mapped per definition, and the ones the
  // services file's state machines and event rules run (found beside the first definition or given with --function).
  const servicesFile = withTemplateServices(await loadServicesFile(options.services), template?.template.services);
  const serviceFunctions = servicesFile ? functionNamesOfServicesFile(servicesFile) : [];
  const functions: ResolvedFunction[] = [];
  const warnings: string[] = [...(template?.warnings ?? [])];
  if (stages.length === 1 && stages[0]!.definition === definition) {
    const names = functionNamesOfApi(api).map((name) => withStageVariables(name, stages[0]!.variables));
    const flags = options.functions.filter((f) => names.includes(f.name) || !serviceFunctions.includes(f.name));
    const resolved = await resolveFunctions(names, flags, definition.path, api);
    functions.push(...resolved.functions);
    warnings.push(...resolved.warnings);
  } else {
    const allNames = new Set<string>();
    for (const def of loaded.values()) {
      const names = [
        ...new Set(
          stages
            .filter((s) => s.definition === def)
            .flatMap((s) => functionNamesOfApi(def.api).map((name) => withStageVariables(name, s.variables, s.name))),
        ),
      ];
      names.forEach((n) => allNames.add(n));
      const resolved = await resolveFunctions(
        names,
        options.functions.filter((f) => names.includes(f.name)),
        def.path,
        def.api,
      );
      for (const fn of resolved.functions) {
        const known = functions.find((f) => f.name === fn.name);
        if (!known) functions.push(fn);
        else if (known.path !== fn.path || known.exportName !== fn.exportName) {
          throw new CliError(
            `Lambda function "${fn.name}" is ${displayPath(known.path)}#${known.exportName} for one stage and ${displayPath(fn.path)}#${fn.exportName} for another: choose one with --function ${fn.name}=PATH`,
          );
        }
      }
    }
    serviceFunctions.forEach((n) => allNames.add(n));
    for (const flag of options.functions) {
      if (!allNames.has(flag.name)) {
        const known = allNames.size
          ? `it uses ${[...allNames].map((n) => `"${n}"`).join(', ')}`
          : 'it uses no Lambda function';
        warnings.push(`${flag.flag}: the API does not use a function named "${flag.name}" (${known}); ignored`);
      }
    }
  }
  // The services file's functions no integration names: beside the (first) definition, or given with --function.
  const serviceOnly = serviceFunctions.filter((name) => !functions.some((f) => f.name === name));
  if (serviceOnly.length) {
    const resolved = await resolveFunctions(
      serviceOnly,
      options.functions.filter((f) => serviceOnly.includes(f.name)),
      definition.path,
      () => `a state machine or event rule in --services ${options.services}`,
    );
    functions.push(...resolved.functions);
  }
  // The access log's format: --access-log-format for every stage, else each stage config's accessLogSettings.format.
  const accessFormats = new Map<string, string>();
  let allStagesFormat: string | undefined;
  if (options.accessLogFormat !== undefined) {
    const resolved = resolveAccessLogFormat(options.accessLogFormat, api.kind, '--access-log-format');
    allStagesFormat = resolved.format;
    if (resolved.warning) warnings.push(resolved.warning);
  } else {
    for (const [name, config] of stageConfigs) {
      const format = config.accessLogSettings?.format;
      if (format === undefined) continue;
      const resolved = resolveAccessLogFormat(format, api.kind, `${config.flag}: accessLogSettings.format`);
      accessFormats.set(name, resolved.format);
      if (resolved.warning) warnings.push(resolved.warning);
    }
  }
  // The execution log: --execution-log for every stage, else each stage config's methodSettings loggingLevel.
  const executionLog = options.executionLog;
  const logLevels = new Map<string, StageLogLevels>();
  if (options.executionLogGiven === false) {
    for (const [name, config] of stageConfigs) {
      const levels = stageLogLevels(config.methodSettings, config.flag);
      if (levels) logLevels.set(name, levels);
    }
  }
  if (api.kind === 'HTTP' && (executionLog !== 'OFF' || logLevels.size)) {
    warnings.push('HTTP APIs have no execution log (access logs only): --execution-log and loggingLevel are ignored');
    logLevels.clear();
  }
  for (const warning of warnings) output.err(`apigw-lab: warning: ${warning}\n`);
  // `--web-acl FILE` (REST APIs only), with the IP sets it references.
  if (options.webAcl !== undefined && api.kind !== 'REST')
    throw new CliError(`--web-acl ${options.webAcl}: ${HTTP_API_WAF_UNSUPPORTED}`);
  const webAcl = await loadWebAcl(options);
  const jwks = await loadJwksFlags(options.jwks);
  const identityPolicies = await loadIdentityPolicies(options.identityPolicies);

  const host = createNodeFunctionHost(
    Object.fromEntries(
      functions.map((f) => {
        // A template function's Environment.Variables.
        const environment = template?.environments[f.name];
        return [
          f.name,
          environment
            ? { path: f.path, exportName: f.exportName, environment }
            : { path: f.path, exportName: f.exportName },
        ];
      }),
    ),
    // Warm one environment per function at start-up, so the first request does not wait for Pyodide.
    { prewarm: true, maxWorkersPerFunction: options.concurrency ?? Number(process.env.APIGW_LAB_CONCURRENCY || 2) },
  );
  let closed: Promise<void> | null = null;
  let server: Server | null = null;
  const log = batchedLineWriter({ write: (chunk: string) => output.out(chunk) });
  // CloudWatch metrics of every request (GET /__apigw-lab/metrics, and the summary table on exit).
  const metrics = new MetricsRecorder();
  // Function logs (console output, Lambda's error lines) and the gateway's reasons for 5xx answers go to stderr.
  const diagnostics = batchedLineWriter({ write: (chunk: string) => output.err(chunk) });

  try {
    const type = apiTypeEntryOf(api);
    // The AWS services integrations call (made below, once the gateway's Region and account are known).
    let aws: CliAwsServices | undefined;
    const awsServices: AwsServices = {
      call: (request) => aws!.services.call(request),
      endpointOf: (service) => aws!.services.endpointOf?.(service) ?? 'embedded',
    };
    const gatewayOptions =
      options.timeoutMs === undefined
        ? { invoke: host.invoke, awsServices }
        : { invoke: host.invoke, functionTimeoutMs: options.timeoutMs, awsServices };
    if (!type.hasDefaultStage && stages.some((s) => s.name === '$default')) {
      throw new CliError('--stage "$default": only HTTP APIs have a $default stage (see --api-type)');
    }
    const gateway: AnyGateway = type.createGateway(gatewayOptions);
    // Embedded services (from --services FILE; Step Functions Tasks run the local functions), and the ones
    // --aws-endpoint names sent to real endpoints.
    aws = createCliAwsServices(options, servicesFile, {
      region: gateway.region,
      accountId: gateway.accountId,
      invoke: host.invoke,
    });
    const embedded = aws.embedded;
    for (const warning of missingQueueWarnings(
      [...loaded.values()].map((d) => d.api),
      aws,
    ))
      output.err(`apigw-lab: warning: ${warning}\n`);
    // One deployment per definition: stages of the same definition share it, as stages of one deployment do.
    const deployments = new Map<LoadedDefinition, string>();
    for (const stage of stages) {
      const id =
        deployments.get(stage.definition) ??
        type.deploy(gateway, stage.definition.api as typeof api, 'apigw-lab serve');
      deployments.set(stage.definition, id);
      stage.deploymentId = id;
      gateway.putStage({ name: stage.name, deploymentId: id, variables: stage.variables });
      const config = stageConfigs.get(stage.name);
      if (config) applyStageConfig(gateway, config, { name: stage.name, deploymentId: id, variables: stage.variables });
    }
    const waf: WebAclEvaluator | undefined = webAcl
      ? associateWebAcl(
          gateway,
          webAcl,
          stages.map((s) => s.name),
          options,
        )
      : undefined;
    applyApiKeyFlags(
      gateway,
      stages.map((s) => ({ apiId: s.definition.api.id, stage: s.name })),
      options.apiKeys,
      options.usagePlans,
    );
    if (template) applyTemplateKeys(gateway, template.api, api.id, template.keys);
    const apis = [...loaded.values()].map((d) => d.api);
    await registerUserPools(gateway, apis, jwks, options.userPool);
    for (const warning of applyJwksFlags(gateway, apis, jwks, options.jwks))
      output.err(`apigw-lab: warning: ${warning}\n`);
    for (const warning of applyIamFlags(gateway, apis, options.credentials, identityPolicies))
      output.err(`apigw-lab: warning: ${warning}\n`);
    if (options.domainName !== undefined)
      gateway.putDomainName({ domainName: options.domainName, basePathMappings: options.basePathMappings });

    const region = gateway.region;
    const accountId = gateway.accountId;
    const contextExtra = { accountId };
    const writeExecutionLog = executionLog !== 'OFF' && api.kind === 'REST';
    server = createHttpServer(gateway, {
      onTrace: (trace, rawPath) => {
        metrics.record(trace);
        if (writeExecutionLog || logLevels.size) {
          let level = executionLog;
          const levels = !writeExecutionLog && trace.stage !== null ? logLevels.get(trace.stage) : undefined;
          if (levels) level = logLevelFor(levels, trace.resourcePath, trace.httpMethod);
          if (level !== 'OFF')
            for (const line of executionLogLines(trace, level, { region, accountId })) log.write(line);
        }
        const format = allStagesFormat ?? (trace.stage === null ? undefined : accessFormats.get(trace.stage));
        log.write(
          format === undefined ? formatAccessLogLine(trace, rawPath) : formatAccessLog(format, trace, contextExtra),
        );
        if (trace.waf && (trace.waf.action === 'BLOCK' || trace.waf.matchedRules.length))
          diagnostics.write(wafLine(trace.waf));
        if (trace.resourcePolicy) diagnostics.write(resourcePolicyLine(trace.resourcePolicy));
        if (trace.authorizer) writeAuthorizerLines(trace.authorizer, diagnostics);
        const integration = trace.integration;
        const serviceLine = serviceCallLine(integration);
        if (serviceLine) diagnostics.write(serviceLine);
        if (integration) {
          for (const line of integration.logs)
            diagnostics.write(`[${integration.functionName}] ${line.replace(/\n$/, '')}`);
        }
        if (trace.status >= 500 && trace.errorDetail) {
          diagnostics.write(
            `apigw-lab: ${trace.status} for ${trace.httpMethod} ${rawPath} (${trace.requestId}): ${trace.errorDetail}`,
          );
        }
      },
      onError: (error) => output.err(`apigw-lab: error while serving a request: ${firstLine(error)}\n`),
      labRoutes: {
        [METRICS_PATH]: () => metrics.snapshot(),
        [SERVICES_PATH]: () => embedded.state(),
        ...(waf ? { [WAF_REPORT_PATH]: () => wafReportBody(waf) } : {}),
      },
    });
    let address;
    try {
      address = await listen(server, options.port, options.host);
    } catch (error) {
      const code = errorCode(error);
      const where = `${options.host}:${options.port}`;
      if (code === 'EADDRINUSE') {
        throw new CliError(
          `port ${options.port} is already in use on ${options.host} (--port): stop the other server or choose another port`,
        );
      }
      if (code === 'EACCES') throw new CliError(`not allowed to listen on ${where} (--port): choose a port above 1023`);
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
        throw new CliError(`cannot listen on ${where} (--host): no such local address`);
      }
      throw new CliError(`cannot listen on ${where}: ${firstLine(error)}`, { exitCode: EXIT_RUNTIME });
    }

    // An HTTP API's $default stage is served at the root, without a stage segment.
    for (const stage of stages) {
      const stagePath = stage.name === '$default' ? '' : `/${stage.name}`;
      stage.invokeUrl = `http://${urlHost(options.host, address.address)}:${address.port}${stagePath}`;
    }
    const invokeUrl = stages[0]!.invokeUrl;
    let text =
      stages.length === 1 ? banner(api, definition.path, invokeUrl, functions) : multiStageBanner(stages, functions);
    if (options.domainName !== undefined) {
      // The custom domain's mappings, before the banner's last line ("Press Ctrl+C to stop.").
      const origin = `http://${urlHost(options.host, address.address)}:${address.port}`;
      const lines = options.basePathMappings.map(
        (m) => `  ${origin}/${m.basePath} -> stage ${m.stage} (with -H 'Host: ${options.domainName}')`,
      );
      text = text.replace(
        /Press Ctrl\+C to stop\.\n$/,
        `Custom domain name ${options.domainName}:\n${lines.join('\n')}\nPress Ctrl+C to stop.\n`,
      );
    }
    if (waf) {
      const origin = `http://${urlHost(options.host, address.address)}:${address.port}`;
      text = text.replace(
        /Press Ctrl\+C to stop\.\n$/,
        `AWS WAF web ACL "${waf.webAcl.Name}" on every stage; sampled requests and counts: ${origin}${WAF_REPORT_PATH}\nPress Ctrl+C to stop.\n`,
      );
    }
    output.out(text);

    const running = server;
    return {
      server: running,
      invokeUrl,
      invokeUrls: Object.fromEntries(stages.map((s) => [s.name, s.invokeUrl])),
      close() {
        closed ??= (async () => {
          await closeServer(running);
          log.flush();
          diagnostics.flush();
          // The summary table, on stderr (stdout carries the logs, which may be piped to a file).
          const summary = summaryTable(metrics.snapshot());
          if (summary) output.err(summary);
          await host.close();
        })();
        return closed;
      },
    };
  } catch (error) {
    if (server?.listening) await closeServer(server).catch(() => {});
    await host.close().catch(() => {});
    throw error;
  }
}

/** A function name that names a stage variable (`${stageVariables.fn}`), resolved as the gateway resolves it. */
function withStageVariables(name: string, variables: Record<string, string>, stage?: string): string {
  return name.replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_, key: string) => {
    const value = variables[key];
    if (value === undefined) {
      const of = stage === undefined ? '' : ` of stage "${stage}"`;
      throw new CliError(
        `the integration${of} names its Lambda function by the stage variable "${key}" (${name}): pass --stage-variable ${key}=FUNCTION_NAME`,
      );
    }
    return value;
  });
}

/** The host to print in URLs: the one asked for, a loopback address for a wildcard, brackets for IPv6. */
function urlHost(requested: string, bound: string): string {
  let host = requested.replace(/^\[(.*)\]$/, '$1');
  if (host === '0.0.0.0') host = '127.0.0.1';
  else if (host === '::') host = bound.includes(':') ? '::1' : '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

interface ServedStage {
  name: string;
  definition: LoadedDefinition;
  variables: Record<string, string>;
  invokeUrl: string;
  deploymentId: string;
}

/** The banner when several stages serve: each stage, its deployment and definition, its invoke URL and routes. */
function multiStageBanner(
  stages: readonly ServedStage[],
  functions: ReadonlyArray<{ name: string; path: string; exportName: string }>,
): string {
  const lines: string[] = [];
  lines.push(
    `apigw-lab: serving ${API_TYPES[stages[0]!.definition.api.kind].label} API "${stages[0]!.definition.api.name}" on ${stages.length} stages`,
  );
  for (const stage of stages) {
    lines.push(`Stage ${stage.name}: deployment ${stage.deploymentId} of ${displayPath(stage.definition.path)}`);
    lines.push(...routeLines(stage.definition.api, stage.invokeUrl));
  }
  lines.push(...functionLines(functions), 'Press Ctrl+C to stop.', '');
  return lines.join('\n');
}

function functionLines(functions: ReadonlyArray<{ name: string; path: string; exportName: string }>): string[] {
  return functions.length
    ? ['Functions:', ...functions.map((f) => `  ${f.name}: ${displayPath(f.path)}#${f.exportName}`)]
    : [];
}

/** `Invoke URL: …` and the routes under it. */
function routeLines(api: ApiModel, invokeUrl: string): string[] {
  const routes = routesOfApi(api).sort((a, b) =>
    a.path === b.path ? METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method) : 0,
  );
  const rows: Array<[string, string, string]> = routes.map((r) => [
    r.path === '$default' ? '$default' : r.method,
    r.path === '$default' ? `${invokeUrl}/*` : `${invokeUrl}${r.path}`,
    r.functionName ?? (r.uri ? `${r.integration} ${r.uri}` : r.integration),
  ]);
  const methodWidth = Math.max(0, ...rows.map((r) => r[0].length));
  const urlWidth = Math.max(0, ...rows.map((r) => r[1].length));
  return [
    `Invoke URL: ${invokeUrl}`,
    rows.length ? 'Routes:' : 'Routes: none (the definition has no methods)',
    ...rows.map(([m, url, fn]) => `  ${m.padEnd(methodWidth)}  ${url.padEnd(urlWidth)}  -> ${fn}`),
  ];
}

function banner(
  api: ApiModel,
  definitionPath: string,
  invokeUrl: string,
  functions: ReadonlyArray<{ name: string; path: string; exportName: string }>,
): string {
  const lines = [
    `apigw-lab: serving ${API_TYPES[api.kind].label} API "${api.name}" from ${displayPath(definitionPath)}`,
    ...routeLines(api, invokeUrl),
    ...functionLines(functions),
  ];
  lines.push('Press Ctrl+C to stop.', '');
  return lines.join('\n');
}

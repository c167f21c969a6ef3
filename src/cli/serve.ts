import type { Server } from 'node:http';
import { Gateway, HttpGateway, functionNamesOfApi, routesOfApi, type ApiModel } from '../emulator/index.js';
import { createNodeFunctionHost } from '../node/function-host.js';
import { closeServer, createHttpServer, listen } from '../node/http-adapter.js';
import type { ServeOptions } from './args.js';
import { batchedLineWriter, formatAccessLogLine } from './access-log.js';
import { CliError, EXIT_RUNTIME, errorCode, firstLine } from './errors.js';
import { displayPath, resolveFunctions } from './functions.js';
import { loadDefinition } from './load-definition.js';

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface RunningServer {
  server: Server;
  /** `http://127.0.0.1:3000/dev` */
  invokeUrl: string;
  /** Stops the server and the function host; idempotent. */
  close(): Promise<void>;
}

const METHOD_ORDER = ['ANY', 'GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Loads the definition, maps functions, starts the gateway behind node:http. Throws CliError on a user problem. */
export async function serve(options: ServeOptions, output: Output): Promise<RunningServer> {
  const definition = await loadDefinition(options.definition, options.apiType, options.endpointType);
  const { api } = definition;
  const names = functionNamesOfApi(api).map((name) => withStageVariables(name, options.stageVariables));
  const { functions, warnings } = await resolveFunctions(names, options.functions, definition.path, api);
  for (const warning of warnings) output.err(`apigw-lab: warning: ${warning}\n`);

  const host = createNodeFunctionHost(
    Object.fromEntries(functions.map((f) => [f.name, { path: f.path, exportName: f.exportName }])),
    // Warm one environment per function at start-up, so the first request does not wait for Pyodide.
    { prewarm: true, maxWorkersPerFunction: options.concurrency ?? Number(process.env.APIGW_LAB_CONCURRENCY || 2) },
  );
  let closed: Promise<void> | null = null;
  let server: Server | null = null;
  const log = batchedLineWriter({ write: (chunk: string) => output.out(chunk) });
  // Function logs (console output, Lambda's error lines) and the gateway's reasons for 5xx answers go to stderr.
  const diagnostics = batchedLineWriter({ write: (chunk: string) => output.err(chunk) });

  try {
    const gatewayOptions =
      options.timeoutMs === undefined ? { invoke: host.invoke } : { invoke: host.invoke, functionTimeoutMs: options.timeoutMs };
    let gateway: Gateway | HttpGateway;
    if (api.kind === 'HTTP') {
      const http = new HttpGateway(gatewayOptions);
      const deployment = http.deploy(api);
      http.putStage({ name: options.stage, deploymentId: deployment.id, variables: options.stageVariables });
      gateway = http;
    } else {
      if (options.stage === '$default') throw new CliError('--stage "$default": only HTTP APIs have a $default stage (see --api-type)');
      const rest = new Gateway(gatewayOptions);
      const deployment = rest.deploy(api, 'apigw-lab serve');
      rest.putStage({ name: options.stage, deploymentId: deployment.id, variables: options.stageVariables });
      gateway = rest;
    }

    server = createHttpServer(gateway, {
      onTrace: (trace, rawPath) => {
        log.write(formatAccessLogLine(trace, rawPath));
        const integration = trace.integration;
        if (integration) {
          for (const line of integration.logs) diagnostics.write(`[${integration.functionName}] ${line.replace(/\n$/, '')}`);
        }
        if (trace.status >= 500 && trace.errorDetail) {
          diagnostics.write(`apigw-lab: ${trace.status} for ${trace.httpMethod} ${rawPath} (${trace.requestId}): ${trace.errorDetail}`);
        }
      },
      onError: (error) => output.err(`apigw-lab: error while serving a request: ${firstLine(error)}\n`),
    });
    let address;
    try {
      address = await listen(server, options.port, options.host);
    } catch (error) {
      const code = errorCode(error);
      const where = `${options.host}:${options.port}`;
      if (code === 'EADDRINUSE') {
        throw new CliError(`port ${options.port} is already in use on ${options.host} (--port): stop the other server or choose another port`);
      }
      if (code === 'EACCES') throw new CliError(`not allowed to listen on ${where} (--port): choose a port above 1023`);
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
        throw new CliError(`cannot listen on ${where} (--host): no such local address`);
      }
      throw new CliError(`cannot listen on ${where}: ${firstLine(error)}`, { exitCode: EXIT_RUNTIME });
    }

    // An HTTP API's $default stage is served at the root, without a stage segment.
    const stagePath = options.stage === '$default' ? '' : `/${options.stage}`;
    const invokeUrl = `http://${urlHost(options.host, address.address)}:${address.port}${stagePath}`;
    output.out(banner(api, definition.path, invokeUrl, functions));

    const running = server;
    return {
      server: running,
      invokeUrl,
      close() {
        closed ??= (async () => {
          await closeServer(running);
          log.flush();
          diagnostics.flush();
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
function withStageVariables(name: string, variables: Record<string, string>): string {
  return name.replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_, key: string) => {
    const value = variables[key];
    if (value === undefined) {
      throw new CliError(`the integration names its Lambda function by the stage variable "${key}" (${name}): pass --stage-variable ${key}=FUNCTION_NAME`);
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

function banner(
  api: ApiModel,
  definitionPath: string,
  invokeUrl: string,
  functions: ReadonlyArray<{ name: string; path: string; exportName: string }>,
): string {
  const routes = routesOfApi(api).sort(
    (a, b) => (a.path === b.path ? METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method) : 0),
  );
  const rows: Array<[string, string, string]> = routes.map((r) => [
    r.path === '$default' ? '$default' : r.method,
    r.path === '$default' ? `${invokeUrl}/*` : `${invokeUrl}${r.path}`,
    r.functionName ?? (r.uri ? `${r.integration} ${r.uri}` : r.integration),
  ]);
  const methodWidth = Math.max(0, ...rows.map((r) => r[0].length));
  const urlWidth = Math.max(0, ...rows.map((r) => r[1].length));
  const shown = (p: string) => displayPath(p);
  const lines = [
    `apigw-lab: serving ${api.kind === 'HTTP' ? 'HTTP' : 'REST'} API "${api.name}" from ${shown(definitionPath)}`,
    `Invoke URL: ${invokeUrl}`,
    rows.length ? 'Routes:' : 'Routes: none (the definition has no methods)',
    ...rows.map(([m, url, fn]) => `  ${m.padEnd(methodWidth)}  ${url.padEnd(urlWidth)}  -> ${fn}`),
  ];
  if (functions.length) {
    lines.push('Functions:');
    for (const f of functions) lines.push(`  ${f.name}: ${shown(f.path)}#${f.exportName}`);
  }
  lines.push('Press Ctrl+C to stop.', '');
  return lines.join('\n');
}

/**
 * The emulator server that runs inside the WebContainer (and, in the tests, under real Node): the
 * API on its ordinary paths (`/dev/items`, for curl-like use and the preview), the sandbox endpoints
 * under /__sandbox/, the handler in worker threads, the example's HTTP service (if any) in a thread
 * of its own; per request, on stdout, what the function logged and one access-log line.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { RestGateway } from '../../../emulator/index.js';
import { formatAccessLogLine } from '../../../cli/access-log.js';
import { createRequestListener } from '../../../node/http-adapter.js';
import { DEFAULT_PORT, FILES, UPSTREAM_FILE, type SandboxConfig } from '../protocol.js';
import { startBanner } from './banner.js';
import { deploySandboxWithAccess, stagesOf } from './sandbox-gateway.js';
import { createSandboxRoute } from './sandbox-route.js';
import { createThreadInvoker, type ThreadInvoker } from './thread-invoker.js';
import { createUpstreamHost } from './upstream-host.js';

/** Options of startServer. */
export interface StartServerOptions {
  /** Default: $PORT, else 3000. */
  port?: number;
  /** The module Lambda and upstream threads run (the server bundle). Default: the bundle that holds this code. */
  threadModule?: URL;
  /** Where output goes. Default: stdout. */
  write?: (text: string) => void;
}

/** Reads sandbox.json, the definitions and handler.mjs (and upstream.mjs) from `dir` and serves them on the port; resolves once listening. */
export async function startServer(dir: URL, options: StartServerOptions = {}): Promise<Server> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const threadModule = options.threadModule ?? new URL(import.meta.url);
  const config = JSON.parse(await readFile(new URL(FILES.config, dir), 'utf8')) as SandboxConfig;
  const definitions = await readDefinitions(dir, config);
  const threads = createFunctionInvoker(threadModule, dir, config);
  const upstream = createUpstreamHost({
    host: config.upstream?.host,
    threadModule,
    moduleUrl: new URL(UPSTREAM_FILE, dir).href,
  });
  const log = (line: string) => write(`${line}\n`);
  // The function's log lines (as CloudWatch would show them), then the access-log line.
  const report = (logs: readonly string[], accessLogLine: string) => write([...logs, accessLogLine, ''].join('\n'));

  // One gateway for the ordinary paths and the sandbox runs: the stages (a REST API at /dev, an HTTP API's $default at
  // the root), the custom domain name (by the request's Host), the HTTP service.
  const gatewayOptions = { invoke: threads.invoke, fetch: upstream.fetch };
  const deployment = await deploySandboxWithAccess(config, definitions, gatewayOptions);
  // A run deploys afresh (the same API, its access), or goes to its session's gateway.
  const deploy = () => deploySandboxWithAccess(config, definitions, gatewayOptions);
  const sandbox = createSandboxRoute({ config, deployment, deploy, report });
  // Without an API, a gateway with no stage: every path answers 403.
  const serveApi = createRequestListener(deployment.gateway ?? new RestGateway({ invoke: threads.invoke }), {
    onTrace: (trace, rawPath) => report(trace.integration?.logs ?? [], formatAccessLogLine(trace, rawPath)),
    onError: (error) => log(`error while serving a request: ${error instanceof Error ? error.message : String(error)}`),
  });

  const server = createServer({ keepAlive: true }, (req, res) => {
    if ((req.url ?? '').startsWith('/__sandbox/')) sandbox(req, res);
    else serveApi(req, res);
  });
  const port = options.port ?? (Number(process.env['PORT']) || DEFAULT_PORT);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('close', () => void Promise.all([threads.close(), upstream.close()]));
  // Nothing to save: a stop signal ends the process (and its threads) at once.
  const stop = () => process.exit(0);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  write(startBanner(config, deployment, FILES.handler, port));
  return server;
}

/** The text of each definition file the stages name (a missing file is left out: the deployment names it). */
async function readDefinitions(dir: URL, config: SandboxConfig): Promise<Map<string, string>> {
  const files = [...new Set(stagesOf(config).map((s) => s.definitionFile))];
  const texts = await Promise.all(files.map((file) => readFile(new URL(file, dir), 'utf8').catch(() => undefined)));
  return new Map(files.flatMap((file, i) => (texts[i] === undefined ? [] : [[file, texts[i]] as [string, string]])));
}

/**
 * The invoker of the sandbox's functions: the handler (handler.mjs) and each other function (a Lambda authorizer, in
 * its function-NAME.mjs), each with worker threads of its own; an invocation goes to the function it names.
 */
function createFunctionInvoker(threadModule: URL, dir: URL, config: SandboxConfig): ThreadInvoker {
  const handler = createThreadInvoker({
    threadModule,
    moduleUrl: new URL(FILES.handler, dir).href,
    moduleName: FILES.handler.replace(/\.mjs$/, ''),
    handlerName: config.handlerName,
    functionName: config.functionName,
  });
  if (!config.functions?.length) return handler;
  const others = new Map(
    config.functions.map((f) => [
      f.name,
      createThreadInvoker({
        threadModule,
        moduleUrl: new URL(f.file, dir).href,
        moduleName: f.moduleName,
        handlerName: f.handlerName,
        functionName: f.name,
      }),
    ]),
  );
  return {
    invoke: (invocation) => (others.get(invocation.functionName) ?? handler).invoke(invocation),
    async close() {
      await Promise.all([handler, ...others.values()].map((t) => t.close()));
    },
  };
}

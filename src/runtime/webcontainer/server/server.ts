/**
 * The emulator server that runs inside the WebContainer (and, in the tests, under real Node): the
 * API on its ordinary paths (`/dev/items`, for curl-like use and the preview), the sandbox endpoints
 * under /__sandbox/, the handler in worker threads; per request, on stdout, what the function
 * logged and one access-log line.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { Gateway, type ApiModel, type HttpGateway } from '../../../emulator/index.js';
import { formatAccessLogLine } from '../../../cli/access-log.js';
import { createRequestListener } from '../../../node/http-adapter.js';
import { apiModelFromDefinition, deployedGateway } from '../../run-in-gateway.js';
import { DEFAULT_PORT, FILES, type SandboxConfig } from '../protocol.js';
import { createSandboxRoute } from './sandbox-route.js';
import { createThreadInvoker } from './thread-invoker.js';

/** Options of startServer. */
export interface StartServerOptions {
  /** Default: $PORT, else 3000. */
  port?: number;
  /** The module Lambda threads run (the server bundle). Default: the bundle that holds this code. */
  threadModule?: URL;
  /** Where output goes. Default: stdout. */
  write?: (text: string) => void;
}

/** Reads sandbox.json, openapi.yaml and handler.mjs from `dir` and serves them on the port; resolves once listening. */
export async function startServer(dir: URL, options: StartServerOptions = {}): Promise<Server> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const config = JSON.parse(await readFile(new URL(FILES.config, dir), 'utf8')) as SandboxConfig;
  const definition = await readFile(new URL(FILES.definition, dir), 'utf8');
  const threads = createThreadInvoker({
    threadModule: options.threadModule ?? new URL(import.meta.url),
    moduleUrl: new URL(FILES.handler, dir).href,
    moduleName: FILES.handler.replace(/\.mjs$/, ''),
    handlerName: config.handlerName,
    functionName: config.functionName,
  });
  const log = (line: string) => write(`${line}\n`);
  // The function's log lines (as CloudWatch would show them), then the access-log line.
  const report = (logs: readonly string[], accessLogLine: string) => write([...logs, accessLogLine, ''].join('\n'));

  const sandbox = createSandboxRoute({ config, definition, invoke: threads.invoke, report });
  const imported = importApi(definition, config);
  const { api } = imported;
  let { problem } = imported;
  let gateway: Gateway | HttpGateway | null = null;
  try {
    // A REST API (stage `dev` at /dev) or an HTTP API (stage `$default` at the root).
    if (api) gateway = deployedGateway(api, config.stage, { invoke: threads.invoke, ...(config.stageVariables ? { variables: config.stageVariables } : {}) });
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  // Without an API, a gateway with no stage: every path answers 403.
  gateway ??= new Gateway({ invoke: threads.invoke });
  const serveApi = createRequestListener(gateway, {
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
  server.on('close', () => void threads.close());
  // Nothing to save: a stop signal ends the process (and its threads) at once.
  const stop = () => process.exit(0);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  if (problem) write(`apigw-lab: the API definition does not import, every API path answers 403: ${problem}\n`);
  else write(`apigw-lab: serving ${api?.kind === 'HTTP' ? 'HTTP' : 'REST'} API "${api?.name}" with ${config.functionName} from ${FILES.handler}\n`);
  // An HTTP API's $default stage is served at the root, without a stage segment.
  write(`Invoke URL: http://localhost:${port}${config.stage === '$default' ? '' : `/${config.stage}`}\n`);
  return server;
}

/** The API with the sandbox's timeout applied, or why it does not import. */
function importApi(definition: string, config: SandboxConfig): { api: ApiModel | null; problem: string | null } {
  try {
    return { api: apiModelFromDefinition(definition, config.apiId, { timeoutMs: config.timeoutMs, apiType: config.apiType, endpointType: config.endpointType }), problem: null };
  } catch (error) {
    const problems = (error as { problems?: unknown }).problems;
    return { api: null, problem: Array.isArray(problems) ? problems.join('; ') : error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Web Worker entry: the API Gateway emulator, off the page's thread. Each run builds the gateway
 * from the sandbox's definition (runInGateway) and invokes the handler in a nested handler worker
 * per language (HandlerHost), which it terminates when the integration timeout fires.
 *
 * Startup is on the first result's critical path: a handler worker starts as soon as this worker
 * loads (in parallel with the first request), and the definition arrives as JSON (the page converts
 * YAML), so this bundle carries no YAML parser.
 */
import type { LambdaInvoker } from '../../emulator/shared/invoker.js';
import type { Language } from '../../examples/types.js';
import { parseJsonDefinition, runInGatewayWith } from './gateway-core.js';
import { preloadSandboxSetup, runSandboxWith } from '../run-sandbox.js';
import { dispatchingInvoker, functionSpecOf, handlerSpecOf } from './function-specs.js';
import type { RuntimeProgress } from '../types.js';
import { HandlerHost, startSpareHandlerWorker } from './handler-host.js';
import type { GatewayReply, GatewayRequest, WorkerRun } from './protocol.js';
import { upstreamFetch } from './upstream.js';
import { workerScope } from './worker-scope.js';

const scope = workerScope();
const reply = (message: GatewayReply): void => scope.postMessage(message);
const hosts = new Map<Language, HandlerHost>();
/** The handler worker that serves the example's HTTP service (upstream.ts), apart from the Lambda functions'. */
let upstreamHost: HandlerHost | null = null;

startSpareHandlerWorker();

function hostFor(language: Language): HandlerHost {
  let host = hosts.get(language);
  if (!host) {
    host = new HandlerHost(language);
    hosts.set(language, host);
  }
  return host;
}

const specOf = handlerSpecOf;

/** Whether this worker has yet to serve a request (see warmUp). */
let cold = true;
/** The API types whose path to embedded AWS services a warm-up pass has loaded (see warm). */
const servicesWarmed = new Set<string>();

/**
 * The first request also goes through the gateway once with a canned function result, discarded,
 * while the handler worker is still starting: the emulator's code is compiled and the definition
 * imported (and cached) in time that is otherwise spent waiting, not after the handler is ready.
 */
async function warmUp(run: WorkerRun): Promise<void> {
  const canned: LambdaInvoker = async () => ({ kind: 'result', payload: { statusCode: 200, body: '' }, logs: [] });
  try {
    const offline: typeof fetch = async () =>
      new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } });
    await runInGatewayWith(parseJsonDefinition, run, canned, { runtime: 'worker', fetch: offline });
  } catch {
    // The real run reports whatever went wrong.
  }
}

/**
 * A REST API with one Lambda proxy method, run through as soon as this worker loads, before any run or sandbox data
 * arrives (the page is usually still being parsed then): the emulator's common path is compiled by the first run.
 */
const STARTUP_RUN: WorkerRun = {
  language: 'typescript',
  handlerSource: '',
  definition: JSON.stringify({
    openapi: '3.0.1',
    info: { title: 'warm-up', version: '1' },
    paths: {
      '/items': {
        get: {
          'x-amazon-apigateway-integration': {
            type: 'aws_proxy',
            httpMethod: 'POST',
            uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations',
          },
        },
      },
    },
  }),
  apiId: 'warmup0000',
  stage: 'dev',
  invokeUrl: 'https://warmup0000.execute-api.us-east-1.amazonaws.com/dev',
  functionName: 'f',
  handlerName: 'handler',
  moduleName: 'index',
  request: { method: 'GET', path: '/items', headers: [['Accept', 'application/json']], body: null },
};
void warmUp(STARTUP_RUN);

async function serve(request: Extract<GatewayRequest, { type: 'run' }>): Promise<void> {
  const { id, run, pyodideBase } = request;
  const onProgress = (progress: RuntimeProgress): void => reply({ type: 'progress', id, progress });
  const host = hostFor(run.language);
  const prepared = host.prepare(pyodideBase, onProgress);
  if (cold) {
    cold = false;
    prepared.catch(() => undefined); // awaited below
    await warmUp(run);
  }
  await prepared;
  // The handler, or another function of the run (a Lambda authorizer), in this language's handler worker.
  const invoke = dispatchingInvoker(run, (spec, invocation) => host.invoke(spec, pyodideBase, invocation, onProgress));
  // HTTP integrations reach the example's service in a handler worker; the page has no internet.
  const fetch = upstreamFetch(run.upstream, (request, signal) =>
    (upstreamHost ??= new HandlerHost('typescript')).fetch(run.upstream!, request, signal),
  );
  const outcome = await runSandboxWith(parseJsonDefinition, run, invoke, { runtime: 'worker', fetch });
  reply({ type: 'outcome', id, outcome });
}

/**
 * Readies this worker for a first run like `run` while the reader reads (the page sends it as its first sandbox is
 * set up): the gateway's warm-up pass, and the handler's module imported in its handler worker. Once only; a run
 * that arrived first did the warm-up itself.
 */
async function warm(request: Extract<GatewayRequest, { type: 'warm' }>): Promise<void> {
  const { run } = request;
  preloadSandboxSetup(run);
  if (!cold) {
    // Issue #14: a later sandbox whose API reaches embedded AWS services: its gateway path (mapping templates, the
    // services' backends, each a chunk of its own) loads now, while the reader reads, not on its first Run. Once per
    // API type: the chunks load once, and every pass would queue ahead of the reader's first Run.
    const kind = run.apiType ?? 'REST';
    if (run.services !== undefined && !servicesWarmed.has(kind)) {
      servicesWarmed.add(kind);
      await warmUp(run);
    }
    return;
  }
  cold = false;
  if (run.services !== undefined) servicesWarmed.add(run.apiType ?? 'REST');
  if (run.language !== 'python' && !run.upstream) {
    const host = hostFor(run.language);
    host.load(specOf(run)).catch(() => undefined);
    // The run's other functions (a Lambda authorizer) too: each keeps its own module in the handler worker.
    for (const fn of run.functions ?? []) host.load(functionSpecOf(run, fn.name)!).catch(() => undefined);
  }
  await warmUp(run);
}

/** Loads a language's runtime ahead of its first run (the page preloads Pyodide while the reader reads). */
function prepare(request: Extract<GatewayRequest, { type: 'prepare' }>): void {
  const { id, language, pyodideBase } = request;
  hostFor(language)
    .prepare(pyodideBase, (progress) => reply({ type: 'progress', id, progress }))
    .then(
      () => reply({ type: 'prepared', id }),
      (error: unknown) =>
        reply({ type: 'prepared', id, error: error instanceof Error ? error.message : String(error) }),
    );
}

scope.addEventListener('message', (event: MessageEvent<GatewayRequest>) => {
  const request = event.data;
  if (request.type === 'prepare') return prepare(request);
  if (request.type === 'warm') return void warm(request);
  if (request.type !== 'run') return;
  serve(request).catch((error: unknown) =>
    reply({ type: 'failure', id: request.id, message: error instanceof Error ? error.message : String(error) }),
  );
});

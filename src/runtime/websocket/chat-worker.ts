/**
 * Web Worker entry of a chat sandbox: the chat's WebSocketGateway (ChatSession) off the page's thread, its functions
 * in handler workers (HandlerHost, one per language, the same handler worker as every sandbox's), the handlers'
 * `@connections` calls answered here (handler-bridge.ts: posted fetches from TypeScript, SharedArrayBuffer calls from
 * Python's boto3 shim), and `sweep()` on a timer for the idle timeout and the maximum duration.
 */
import type { Language } from '../../examples/types.js';
import { HandlerHost, startSpareHandlerWorker, type BridgeServer } from '../worker/handler-host.js';
import type { HandlerSpec } from '../worker/protocol.js';
import { workerScope } from '../worker/worker-scope.js';
import { ChatSession, type ChatFunction } from './chat-session.js';
import type { ChatReply, ChatRequest } from './chat-protocol.js';
import { answerSyncHttp } from './sync-http.js';
import type { WireRequest } from './management-wire.js';

const scope = workerScope();
const reply = (message: ChatReply): void => scope.postMessage(message);

startSpareHandlerWorker();

/** Each deployment is a new execution environment: its functions' modules are imported afresh. */
let deployment = 0;
let pyodideBase = '';
/** The deployed functions' runtime ready (Pyodide loaded, TypeScript modules imported); clients wait for it. */
let ready: Promise<void> = Promise.resolve();
let sweepTimer: ReturnType<typeof setInterval> | undefined;

const serveBridge: BridgeServer = (call, answer) => {
  if (call.type === 'management') {
    void session
      .management(call.request)
      .then((response) => answer({ type: 'management-response', id: call.id, response }));
    return;
  }
  let request: WireRequest;
  try {
    request = JSON.parse(call.request) as WireRequest;
  } catch {
    answerSyncHttp(call.buffer, JSON.stringify({ status: 0, error: 'the request is not JSON' }));
    return;
  }
  session.management(request).then(
    (response) => answerSyncHttp(call.buffer, JSON.stringify(response)),
    (error: unknown) =>
      answerSyncHttp(
        call.buffer,
        JSON.stringify({ status: 0, error: error instanceof Error ? error.message : String(error) }),
      ),
  );
};

const hosts = new Map<Language, HandlerHost>();
const hostFor = (language: Language): HandlerHost => {
  let host = hosts.get(language);
  if (!host) hosts.set(language, (host = new HandlerHost(language, serveBridge)));
  return host;
};

function specOf(fn: ChatFunction, environment: Record<string, string>): HandlerSpec {
  return {
    language: fn.language,
    source: fn.source,
    moduleName: fn.moduleName,
    handlerName: fn.handlerName,
    environment,
    instance: String(deployment),
    ...(fn.code !== undefined ? { code: fn.code } : {}),
  };
}

const session = new ChatSession({
  emit: (event) => reply({ type: 'event', event }),
  invoke: async (fn, invocation, environment) => {
    const host = hostFor(fn.language);
    const outcome = await host.invoke(specOf(fn, environment), pyodideBase, invocation, (progress) =>
      reply({ type: 'progress', progress }),
    );
    // The timeout ended the handler worker: the next one is readied (Pyodide, the modules) before the next client
    // request reaches the gateway, outside any integration timeout (else a slow reload would time out again).
    if (outcome.kind === 'error' && outcome.error.errorType === 'Sandbox.Timedout') readyUp(fn.language);
    return outcome;
  },
});

/** Readies the deployed functions (Pyodide for Python, the modules imported); clients' requests wait for it. */
function readyUp(language: Language): void {
  const functions = session.functions;
  const environment = session.environment;
  const host = hostFor(language);
  const loaded = () => Promise.all(functions.map((fn) => host.load(specOf(fn, environment)))).then(() => undefined);
  const readying =
    language === 'python'
      ? host.prepare(pyodideBase, (progress) => reply({ type: 'progress', progress })).then(loaded)
      : loaded();
  ready = readying.catch(() => undefined); // a failure is reported by the invocation that meets it
}

/** Sweeps often enough to close an idle client within a tenth of its timeout (at most once per second). */
function startSweeping(): void {
  if (sweepTimer !== undefined) clearInterval(sweepTimer);
  const limits = session.limits;
  if (!limits) return;
  const period = Math.min(1000, Math.max(50, Math.min(limits.idleTimeoutMs, limits.maxDurationMs) / 10));
  sweepTimer = setInterval(() => session.sweep(), period);
}

function deploy(request: Extract<ChatRequest, { type: 'deploy' }>): void {
  pyodideBase = request.pyodideBase;
  session.deploy(request.input);
  deployment++;
  startSweeping();
  // Ready the functions while the reader connects: Pyodide for Python, each TypeScript module imported (its init).
  readyUp(request.input.language);
  // And the gateway's SigV4 check of @connections calls, a chunk it imports on the first one (the first message's).
  void import('../../emulator/websocket/management/authorize.js').catch(() => undefined);
}

async function serve(request: ChatRequest): Promise<void> {
  if (request.type === 'deploy') return deploy(request);
  await ready;
  if (request.type === 'connect')
    return session.connect(request.client, {
      ...(request.query !== undefined ? { query: request.query } : {}),
      ...(request.headers ? { headers: request.headers } : {}),
    });
  if (request.type === 'send') return session.send(request.client, request.data);
  return session.disconnect(request.client, request.code, request.reason);
}

scope.addEventListener('message', (event: MessageEvent<ChatRequest>) => {
  const request = event.data;
  serve(request).then(
    () => reply({ type: 'done', id: request.id }),
    (error: unknown) =>
      reply({
        type: 'done',
        id: request.id,
        error: (error instanceof Error ? error.message : String(error)).split('\n')[0],
      }),
  );
});

/**
 * The server's /__sandbox/ endpoints: `POST /__sandbox/run` serves one sandbox run through
 * runInGateway (the same code the Worker runtime runs, so the page gets the same RunOutcome) and
 * `GET /__sandbox/relay` serves the relay page.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { clfTime } from '../../../emulator/clf-time.js';
import type { LambdaInvoker } from '../../../emulator/invoker.js';
import { formatAccessLogLine } from '../../../cli/access-log.js';
import { runInGateway } from '../../run-in-gateway.js';
import type { RunOutcome, RunRequest, SandboxRun } from '../../types.js';
import { RELAY_PATH, RUN_PATH, type SandboxConfig, type SandboxErrorReply } from '../protocol.js';
import { relayPageHtml } from './relay-page.js';

/** What the sandbox endpoints serve with. */
export interface SandboxRouteOptions {
  config: SandboxConfig;
  /** The API definition's text (openapi.yaml). */
  definition: string;
  invoke: LambdaInvoker;
  /** Prints what the function logged and the request's access-log line. */
  report: (logs: readonly string[], accessLogLine: string) => void;
}

/** A bit over API Gateway's 10 MB payload limit, so the gateway itself answers 413 for a too-large body. */
const MAX_RUN_BODY_BYTES = 16 * 1024 * 1024;

/** The request listener for paths under /__sandbox/. */
export function createSandboxRoute(options: SandboxRouteOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === RELAY_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
      send(res, 200, 'text/html; charset=utf-8', relayPageHtml(), {
        // The page that embeds the relay is cross-origin isolated (WebContainer needs it).
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Cross-Origin-Resource-Policy': 'cross-origin',
        'Cache-Control': 'no-store',
      });
      return;
    }
    if (path === RUN_PATH && req.method === 'POST') {
      serveRun(req, res, options).catch((error: unknown) => sendError(res, 500, error));
      return;
    }
    sendError(res, 404, new Error(`no sandbox endpoint ${req.method} ${path}`));
  };
}

async function serveRun(req: IncomingMessage, res: ServerResponse, options: SandboxRouteOptions): Promise<void> {
  const started = Date.now();
  const text = await readBody(req);
  if (text === null) return sendError(res, 413, new RangeError(`the run's body exceeds ${MAX_RUN_BODY_BYTES} bytes`));
  let request: RunRequest;
  try {
    request = runRequestOf(JSON.parse(text));
  } catch (error) {
    return sendError(res, 400, error);
  }
  const { config } = options;
  // The handler is handler.mjs in the container; runInGateway needs only the definition and the request.
  const run: SandboxRun = { ...config, language: 'typescript', handlerSource: '', moduleName: 'handler', definition: options.definition, request };
  let outcome: RunOutcome;
  try {
    outcome = await runInGateway(run, options.invoke, { runtime: 'webcontainer' });
  } catch (error) {
    // A definition the gateway cannot import, a header the Fetch API refuses…
    return sendError(res, 400, error);
  }
  send(res, 200, 'application/json', JSON.stringify(outcome));
  options.report(outcome.logs, accessLogLine(outcome, request, config.stage, started));
}

/** The access-log line of a sandbox run, as the gateway's own requests get. */
function accessLogLine(outcome: RunOutcome, request: RunRequest, stage: string, started: number): string {
  const header = (name: string) => outcome.response.headers.find(([n]) => n.toLowerCase() === name)?.[1];
  const context = (outcome.event as { requestContext?: { resourcePath?: unknown; routeKey?: unknown } } | null)?.requestContext;
  return formatAccessLogLine(
    {
      sourceIp: '127.0.0.1',
      requestTime: clfTime(started),
      httpMethod: request.method.toUpperCase(),
      resourcePath: typeof context?.resourcePath === 'string' ? context.resourcePath : typeof context?.routeKey === 'string' ? context.routeKey : null,
      protocol: 'HTTP/1.1',
      status: outcome.response.status,
      responseLength: Number(header('content-length') ?? 0),
      // REST APIs send x-amzn-RequestId; HTTP APIs Apigw-Requestid.
      requestId: header('x-amzn-requestid') ?? header('apigw-requestid') ?? '-',
    },
    `${stage === '$default' ? '' : `/${stage}`}${request.path.split('?')[0]}`,
  );
}

/** Checks the shape of a posted run request. */
function runRequestOf(body: unknown): RunRequest {
  const r = (body as { request?: Partial<RunRequest> } | null)?.request;
  const ok =
    typeof r === 'object' && r !== null &&
    typeof r.method === 'string' && typeof r.path === 'string' &&
    Array.isArray(r.headers) && r.headers.every((h) => Array.isArray(h) && h.length === 2 && h.every((v) => typeof v === 'string')) &&
    (r.body === null || typeof r.body === 'string');
  if (!ok) throw new TypeError('expected { request: { method, path, headers: [name, value][], body: string | null } }');
  return r as RunRequest;
}

/** The request's body as text, or null past the size limit (the rest is read and dropped). */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_RUN_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_RUN_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendError(res: ServerResponse, status: number, error: unknown): void {
  const e = error instanceof Error ? error : new Error(String(error));
  const reply: SandboxErrorReply = { error: { name: e.name, message: e.message } };
  send(res, status, 'application/json', JSON.stringify(reply));
}

function send(res: ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const bytes = Buffer.from(body);
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(bytes.length), ...extra });
  res.end(bytes);
}

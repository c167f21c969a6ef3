/**
 * The server's /__sandbox/ endpoints: `POST /__sandbox/run` serves one sandbox run through the
 * server's gateway (sandbox-request.ts: the RunOutcome the Worker runtime reports) and
 * `GET /__sandbox/relay` serves the relay page.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatAccessLogLine } from '../../../cli/access-log.js';
import type { EmbeddedAwsServices } from '../../../emulator/aws-services/embedded-services.js';
import type { AnyGateway, ApiModel } from '../../../emulator/index.js';
import { serviceCallFromJson, serviceCallsOutcome } from '../../run-services.js';
import type { TokenStore } from '../../request-auth.js';
import { sendRunRequests } from '../../sandbox-session-run.js';
import { SessionCache } from '../../run-session.js';
import type { RunRequest } from '../../types.js';
import { RELAY_PATH, RUN_PATH, type SandboxConfig, type SandboxErrorReply } from '../protocol.js';
import { MAX_RUN_JSON_BYTES, runRequestOf, type SandboxRunBody } from '../run-body.js';
import { relayPageHtml } from './relay-page.js';
import type { SandboxDeployment } from './sandbox-gateway.js';
import { serveSandboxRequest, type SandboxRequestResult } from './sandbox-request.js';

/** What the sandbox endpoints serve with. */
export interface SandboxRouteOptions {
  config: SandboxConfig;
  /** The server's gateway, or why the sandbox's API cannot be served (every run is refused with that reason). */
  deployment: SandboxDeployment;
  /**
   * Deploys the API afresh with its access, as a run without a session gets it (and a session its first run); default:
   * the server's gateway serves every run.
   */
  deploy?: () => Promise<SandboxDeployment>;
  /** Prints what the function logged and the request's access-log line. */
  report: (logs: readonly string[], accessLogLine: string) => void;
}

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
  const text = await readBody(req);
  // The page sends at most a body's first 10 MiB + 1 bytes (run-body.ts): past the cap is a run that is not the page's
  // (or has over a mebibyte of headers).
  if (text === null) return sendError(res, 413, new RangeError(`the run's body exceeds ${MAX_RUN_JSON_BYTES} bytes`));
  let body: SandboxRunBody;
  let request: RunRequest;
  try {
    body = checkedRunBody(JSON.parse(text));
    request = runRequestOf(body);
  } catch (error) {
    return sendError(res, 400, error);
  }
  // A definition the gateway cannot import, a stage or custom domain it cannot deploy, access it cannot take.
  if (options.deployment.problem) return sendError(res, 400, options.deployment.problem.error);
  let served: SandboxRequestResult;
  let target: SessionGateway;
  try {
    target = await gatewayOf(options, body.session);
    if (body.serviceCalls) {
      // The page's wire calls to the services (the panel's "consume") instead of the request.
      if (!target.services) throw new Error('serviceCalls: this sandbox has no services (sandbox.json services)');
      const outcome = await serviceCallsOutcome(target.services, body.serviceCalls.map(serviceCallFromJson), {
        runtime: 'webcontainer',
      });
      return send(res, 200, 'application/json', JSON.stringify(outcome));
    }
    const { config } = options;
    // The requests sent first, then the request, each signed or signed in (run-sandbox.ts); each one logged.
    served = await sendRunRequests(
      target,
      { invokeUrl: config.invokeUrl, access: config.access, auth: body.auth, before: body.before, request },
      async (sent) => {
        const result = await serveSandboxRequest(target.gateway, config, sent);
        options.report(
          [...(result.trace.authorizer?.logs ?? []), ...result.outcome.logs],
          formatAccessLogLine(result.trace, result.rawPath),
        );
        return result;
      },
      {},
    );
  } catch (error) {
    // A header the Fetch API refuses, an unknown user or access key…
    return sendError(res, 400, error);
  }
  const outcome = body.withTrace ? { ...served.outcome, trace: served.trace } : served.outcome;
  send(res, 200, 'application/json', JSON.stringify(outcome));
}

/** A session's gateway: the gateway, the APIs it serves and the tokens its users signed in with. */
type SessionGateway = { gateway: AnyGateway; apis: ApiModel[]; tokens: TokenStore; services?: EmbeddedAwsServices };

/** Each route's sessions (the server's configuration is fixed for its life: a change restarts it). */
const sessionsOf = new WeakMap<SandboxRouteOptions, SessionCache<SessionGateway>>();

/** The gateway a run goes to: its session's (deployed at the session's first run), or one deployed for it. */
async function gatewayOf(options: SandboxRouteOptions, session: string | undefined): Promise<SessionGateway> {
  let sessions = sessionsOf.get(options);
  if (!sessions) sessionsOf.set(options, (sessions = new SessionCache(4)));
  const kept = session !== undefined ? sessions.get(session, '') : undefined;
  if (kept) return kept;
  const deployment = options.deploy ? await options.deploy() : options.deployment;
  if (deployment.problem) throw deployment.problem.error;
  const fresh: SessionGateway = {
    gateway: deployment.gateway,
    apis: deployment.apis,
    tokens: new Map(),
    ...(deployment.services ? { services: deployment.services } : {}),
  };
  if (session !== undefined) sessions.set(session, '', fresh);
  return fresh;
}

/** Checks the shape of a posted run. */
function checkedRunBody(body: unknown): SandboxRunBody {
  const b = body as {
    request?: unknown;
    bodyBytes?: unknown;
    session?: unknown;
    auth?: unknown;
    before?: unknown;
    withTrace?: unknown;
    serviceCalls?: unknown;
  } | null;
  const ok =
    isRunRequest(b?.request) &&
    (b?.bodyBytes === undefined || typeof b.bodyBytes === 'number') &&
    (b?.session === undefined || typeof b.session === 'string') &&
    (b?.withTrace === undefined || typeof b.withTrace === 'boolean') &&
    (b?.auth === undefined || (typeof b.auth === 'object' && b.auth !== null)) &&
    (b?.before === undefined || (Array.isArray(b.before) && b.before.every(isRunRequest))) &&
    (b?.serviceCalls === undefined || (Array.isArray(b.serviceCalls) && b.serviceCalls.every(isServiceCall)));
  if (!ok)
    throw new TypeError(
      'expected { request: { method, path, headers: [name, value][], body: string | null }, bodyBytes?: number, auth?, before?: request[], session?: string }',
    );
  return b as SandboxRunBody;
}

/** Whether a value has a wire call's shape (run-services.ts ServiceCallJson). */
function isServiceCall(value: unknown): boolean {
  const c = value as Record<string, unknown> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    ['service', 'region', 'method', 'path', 'body'].every((key) => typeof c[key] === 'string') &&
    Array.isArray(c['headers']) &&
    c['headers'].every((h) => Array.isArray(h) && h.length === 2 && h.every((v) => typeof v === 'string'))
  );
}

/** Whether a value has a RunRequest's shape. */
function isRunRequest(value: unknown): value is RunRequest {
  const r = value as Partial<RunRequest> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.method === 'string' &&
    typeof r.path === 'string' &&
    Array.isArray(r.headers) &&
    r.headers.every((h) => Array.isArray(h) && h.length === 2 && h.every((v) => typeof v === 'string')) &&
    (r.body === null || typeof r.body === 'string')
  );
}

/** The request's body as text, or null past the size limit (the rest is read and dropped). */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_RUN_JSON_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_RUN_JSON_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendError(res: ServerResponse, status: number, error: unknown): void {
  const e = error instanceof Error ? error : new Error(String(error));
  const reply: SandboxErrorReply = { error: { name: e.name, message: e.message } };
  send(res, status, 'application/json', JSON.stringify(reply));
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  extra: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const bytes = Buffer.from(body);
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(bytes.length), ...extra });
  res.end(bytes);
}

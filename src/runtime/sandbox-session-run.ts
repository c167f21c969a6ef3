/**
 * The part of a sandbox run issue #11 added (run-sandbox.ts loads it only for a run that needs it): the gateway set up
 * with the example's access (API keys, usage plans, credentials, the runtime's user pool for Cognito and JWT
 * authorizers) and kept between runs of one session, the run's requests sent first, then its request, signed or signed
 * in. Shared by the Worker runtime, the WebContainer's server (sendRunRequests) and the Node tests. Pure.
 */
import type { EmbeddedAwsServices } from '../emulator/aws-services/embedded-services.js';
import type { AnyGateway, ApiModel, LambdaInvoker } from '../emulator/index.js';
import { applyAccess } from './access-setup.js';
import { prepareAuth, type Authenticate, type Signer, type TokenStore } from './request-auth.js';
import { fingerprintOf, SessionCache } from './run-session.js';
import { createRunServices, serviceCallsOutcome, settledStateOf } from './run-services.js';
import { loadSigner } from './sigv4-signer.js';
import type { RunOutcome, RunRequest, SandboxRun } from './types.js';
import { deployRun, serveRunRequest, type DefinitionParser, type RunInGatewayOptions } from './worker/gateway-core.js';

/** How a sandbox run is served (gateway-core's options, the signer, the sessions). */
export interface SandboxRunOptions extends RunInGatewayOptions {
  /** Loads the SigV4 signer for `auth.signWith` (default: the emulator's signRequest). */
  signer?: () => Promise<Signer>;
  /** The sessions (default: this runtime's, {@link sandboxSessions}). */
  sessions?: SessionCache<SandboxSession>;
}

/** A deployed gateway a session keeps, with what its invoker, fetch and clock currently are (the latest run's). */
export interface SandboxSession {
  gateway: AnyGateway;
  apis: ApiModel[];
  tokens: TokenStore;
  /** The run's embedded AWS services (`SandboxRun.services`), living on with the deployment until an edit. */
  services?: EmbeddedAwsServices;
  current: { invoke: LambdaInvoker; fetch: typeof fetch | undefined; now: (() => number) | undefined };
}

/** This runtime's sessions (a page's sandboxes, each its own key). */
export const sandboxSessions = new SessionCache<SandboxSession>(4);

/** The stages the run's API keys and usage plans cover. */
export function apiStagesOf(run: SandboxRun): Array<{ apiId: string; stage: string }> {
  return (run.stages?.map((s) => s.name) ?? [run.stage]).map((stage) => ({ apiId: run.apiId, stage }));
}

/** Serves a run with its access, session, requests sent first and auth. */
export async function runWithAccess(
  parse: DefinitionParser,
  run: SandboxRun,
  invoke: LambdaInvoker,
  options: SandboxRunOptions,
): Promise<RunOutcome> {
  const session = await sessionFor(parse, run, invoke, options);
  if (run.serviceCalls !== undefined) {
    if (!session.services) throw new Error('serviceCalls: this run has no services (SandboxRun.services)');
    return serviceCallsOutcome(session.services, run.serviceCalls, options);
  }
  const sent = await sendRunRequests(
    session,
    run,
    async (request) => ({ outcome: await serveRunRequest(session.gateway, run, request, options) }),
    options,
  );
  if (!session.services) return sent.outcome;
  return { ...sent.outcome, services: await settledStateOf(session.services) };
}

/**
 * Sends the run's requests on a deployed gateway with `send`: its requests sent first (their outcomes discarded), then
 * its request; each signed or signed in as `run.auth` says (one token for all of them). The request's outcome then
 * holds the request as sent and how it was signed. Shared with the WebContainer's server.
 */
export async function sendRunRequests<T extends { outcome: RunOutcome }>(
  target: { apis: readonly ApiModel[]; tokens: TokenStore },
  run: Pick<SandboxRun, 'invokeUrl' | 'access' | 'auth' | 'before' | 'request'>,
  send: (request: RunRequest) => Promise<T>,
  options: { now?: (() => number) | undefined; signer?: (() => Promise<Signer>) | undefined },
): Promise<T> {
  const authenticate: Authenticate | null = run.auth
    ? await prepareAuth(run.auth, {
        access: run.access,
        apis: target.apis,
        invokeUrl: run.invokeUrl,
        now: options.now ?? Date.now,
        tokens: target.tokens,
        signer: options.signer ?? loadSigner,
      })
    : null;
  for (const request of run.before ?? []) await send(authenticate ? (await authenticate(request)).request : request);
  if (!authenticate) return send(run.request);
  const { request, signing } = await authenticate(run.request);
  const result = await send(request);
  result.outcome = { ...result.outcome, sentRequest: copyOf(request), ...(signing ? { signing } : {}) };
  return result;
}

/** The run's session (kept, or deployed now and kept when the run names one); its invoker and clock the run's. */
async function sessionFor(
  parse: DefinitionParser,
  run: SandboxRun,
  invoke: LambdaInvoker,
  options: SandboxRunOptions,
): Promise<SandboxSession> {
  const sessions = options.sessions ?? sandboxSessions;
  const fingerprint = run.session !== undefined ? fingerprintOf(run) : '';
  let session = run.session !== undefined ? sessions.get(run.session, fingerprint) : undefined;
  if (!session) {
    const current: SandboxSession['current'] = { invoke, fetch: options.fetch, now: options.now };
    // The gateway (and its services) call through `current`, which each run of the session points at its own
    // invoker, fetch and clock.
    const sessionInvoke: LambdaInvoker = (invocation) => current.invoke(invocation);
    const sessionNow = () => (current.now ?? Date.now)();
    // Issue #14: the embedded services live with the deployment; a Step Functions Task runs the run's functions.
    const services =
      run.services !== undefined
        ? await createRunServices(run.services, { now: sessionNow, invoke: sessionInvoke })
        : undefined;
    const { gateway, apis } = deployRun(parse, run, {
      invoke: sessionInvoke,
      fetch: (input, init) => (current.fetch ?? fetch)(input, init),
      now: sessionNow,
      ...(services ? { awsServices: services } : {}),
    });
    await applyAccess(gateway, apis, run.access, apiStagesOf(run));
    session = { gateway, apis, tokens: new Map(), current, ...(services ? { services } : {}) };
    if (run.session !== undefined) sessions.set(run.session, fingerprint, session);
  }
  session.current.invoke = invoke;
  session.current.fetch = options.fetch;
  session.current.now = options.now;
  return session;
}

const copyOf = (request: RunRequest): RunRequest => ({
  method: request.method,
  path: request.path,
  headers: request.headers.map(([n, v]): [string, string] => [n, v]),
  body: request.body,
});

/**
 * One sandbox run, with everything issue #11 added to the contract (SandboxRun.access, auth, before, session). A run
 * without any of these takes gateway-core's plain path as before (the runtime's user pool registered only for an API
 * with Cognito or JWT authorizers); the rest (sandbox-session-run.ts: access, sessions, requests sent first, sign in,
 * sign with) loads with the first run that needs it, so the first run of a plain sandbox carries none of it. Shared by
 * the Worker runtime, the WebContainer's server and the Node tests. Pure.
 */
import type { LambdaInvoker } from '../emulator/index.js';
import { poolIssuersOf } from './sandbox-user-pool.js';
import type { SandboxRunOptions } from './sandbox-session-run.js';
import type { RunOutcome, SandboxRun } from './types.js';
import { deployRun, serveRunRequest, type DefinitionParser } from './worker/gateway-core.js';

export type { SandboxRunOptions } from './sandbox-session-run.js';

/** Whether a run needs more than gateway-core's plain path. */
export function needsSandboxSetup(run: SandboxRun): boolean {
  return (
    run.session !== undefined ||
    run.access !== undefined ||
    run.auth !== undefined ||
    !!run.before?.length ||
    run.services !== undefined ||
    run.serviceCalls !== undefined
  );
}

/** Loads the session path's chunk for a run that will take it (a worker readying itself while the reader reads). */
export function preloadSandboxSetup(run: SandboxRun): void {
  if (needsSandboxSetup(run)) void import('./sandbox-session-run.js').catch(() => undefined);
}

/** Serves the run: the plain path, or the access, session, requests sent first and auth the run asks for. */
export async function runSandboxWith(
  parse: DefinitionParser,
  run: SandboxRun,
  invoke: LambdaInvoker,
  options: SandboxRunOptions,
): Promise<RunOutcome> {
  if (run.burst !== undefined) return (await import('./run-burst.js')).runBurstWith(parse, run, invoke, options);
  if (needsSandboxSetup(run))
    return (await import('./sandbox-session-run.js')).runWithAccess(parse, run, invoke, options);
  const { gateway, apis } = deployRun(parse, run, {
    invoke,
    ...(options.now ? { now: options.now } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  // An API with Cognito or JWT authorizers trusts the runtime's user pool (created then).
  if (poolIssuersOf(apis).length) {
    const { registerSandboxPool } = await import('./access-setup.js');
    await registerSandboxPool(gateway, apis);
  }
  return serveRunRequest(gateway, run, run.request, options);
}

/**
 * A burst (`SandboxRun.burst`): the run's request sent N times at one instant on a fresh deployment, the gateway's
 * clock held still while they are served, so that no token bucket refills during the burst. With a burst limit B, N
 * such requests get exactly N − B answers of 429 whatever the rate (the token bucket's arithmetic, which an exercise
 * checks: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html). Pure.
 */
import type { LambdaInvoker } from '../emulator/index.js';
import type { RunOutcome, SandboxRun } from './types.js';
import { deployRun, serveRunRequest, type DefinitionParser, type RunInGatewayOptions } from './worker/gateway-core.js';

/** The most requests one burst may send (a sandbox run, not a load test). */
export const MAX_BURST = 1000;

/** Serves a burst run: the last request's outcome, with every request's status in `burstStatuses`, in order sent. */
export async function runBurstWith(
  parse: DefinitionParser,
  run: SandboxRun,
  invoke: LambdaInvoker,
  options: RunInGatewayOptions,
): Promise<RunOutcome> {
  const count = run.burst!;
  if (!Number.isInteger(count) || count < 1 || count > MAX_BURST)
    throw new RangeError(`burst: expected a whole number of requests from 1 to ${MAX_BURST} (got ${count})`);
  const instant = (options.now ?? Date.now)();
  const { gateway } = deployRun(parse, run, {
    invoke,
    now: () => instant,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const outcomes = await Promise.all(
    Array.from({ length: count }, () => serveRunRequest(gateway, run, run.request, options)),
  );
  return { ...outcomes[outcomes.length - 1]!, burstStatuses: outcomes.map((o) => o.response.status) };
}

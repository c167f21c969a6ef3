import type { AwsServices, ServiceRequest, ServiceResponse } from '../../aws-services/types.js';

/** What a service call came to: the wire answer, or why there is none. */
export type ServiceCallOutcome =
  { kind: 'ok'; response: ServiceResponse } | { kind: 'timeout' } | { kind: 'failed'; message: string };

/**
 * Sends a wire request to a service under the integration timeout: a rejected call (a remote endpoint that cannot be
 * reached) is `failed`, no answer in time `timeout` — the integration then fails as an unreachable HTTP endpoint does.
 */
export function callServiceWithTimeout(
  services: AwsServices,
  request: ServiceRequest,
  timeoutMs: number,
): Promise<ServiceCallOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: ServiceCallOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => settle({ kind: 'timeout' }), timeoutMs);
    services.call(request).then(
      (response) => settle({ kind: 'ok', response }),
      (error: unknown) => settle({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  });
}

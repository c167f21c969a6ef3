import type { ResourcePolicyTrace } from '../emulator/shared/trace.js';

const DECISIONS = { ALLOW: 'allow', EXPLICIT_DENY: 'explicit deny', IMPLICIT_DENY: 'implicit deny' } as const;

/**
 * The line `apigw-lab serve` writes to stderr for a resource policy's verdict: `resource policy: explicit deny
 * (Statement[1]) for anonymous`, `… (no statement applies)` for an implicit deny, `before the authorizer` for a
 * Lambda authorizer's first phase (where only an explicit deny stops the request).
 */
export function resourcePolicyLine(verdict: ResourcePolicyTrace): string {
  const which = verdict.statement === null ? 'no statement applies' : `Statement[${verdict.statement}]`;
  const phase = verdict.phase === 'before-authorizer' ? ', before the authorizer' : '';
  return `apigw-lab: resource policy: ${DECISIONS[verdict.decision]} (${which}) for ${verdict.principal ?? 'anonymous'}${phase}`;
}

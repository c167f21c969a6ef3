/**
 * A sandbox's session key (SandboxRun.session, issue #11): the same while the deployment stays the same (the
 * language, the API and stage, the definition, every function's source, the access setup), a new one after any edit,
 * so the runtime keeps the authorizer's cache and the usage plans' counters between Runs and deploys afresh on an edit.
 */
import type { SandboxRun } from '../runtime/types.js';

/** FNV-1a, 32 bits, of a text, in base 36: a short fingerprint (not for security). */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/** What makes a deployment: everything a run deploys, nothing of its request. */
export function deploymentOf(run: SandboxRun): string {
  return JSON.stringify([
    run.language,
    run.apiType ?? null,
    run.endpointType ?? null,
    run.apiId,
    run.stage,
    run.stageVariables ?? null,
    run.stages ?? null,
    run.customDomain ?? null,
    run.definition,
    run.handlerSource,
    run.functions?.map((f) => [f.name, f.source]) ?? null,
    run.access ?? null,
    run.upstream?.source ?? null,
    run.timeoutMs ?? null,
    run.stageConfig ?? null,
    run.webAcl ?? null,
    run.services ?? null,
  ]);
}

/** `sandbox:generation:fingerprint`: the sandbox's id, its generation (Reset starts a new one), the deployment's fingerprint. */
export function sessionOf(sandbox: string, generation: number, run: SandboxRun): string {
  return `${sandbox}:${generation}:${fingerprint(deploymentOf(run))}`;
}

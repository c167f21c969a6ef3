/**
 * Sandbox sessions (`SandboxRun.session`): a deployed gateway kept between runs with the same key, so the authorizer's
 * cache and the usage plans' counters live on, while what it was deployed from stays the same (a fingerprint of the
 * run's definitions, stages, functions' sources, access, timeout…); an edit deploys afresh. A few sessions are kept,
 * the least recently used dropped first. Pure.
 */
import type { SandboxRun } from './types.js';

/**
 * What a session is deployed from: the run without its request, its auth, its requests sent first, its wire calls to
 * the services and its key (and,
 * with several stages, without the stage the request goes to: every stage is deployed).
 */
export function fingerprintOf(run: SandboxRun): string {
  const {
    request: _request,
    auth: _auth,
    before: _before,
    session: _session,
    withTrace: _trace,
    serviceCalls: _calls,
    ...deployed
  } = run;
  if (run.stages) return JSON.stringify({ ...deployed, stage: undefined, invokeUrl: undefined });
  return JSON.stringify(deployed);
}

/** Sessions by key, each with the fingerprint it was deployed from; at most `size`, least recently used dropped. */
export class SessionCache<T> {
  readonly #entries = new Map<string, { fingerprint: string; value: T }>();

  constructor(readonly size = 4) {}

  /** The session's value if it was deployed from `fingerprint` (else it is dropped: the run deploys afresh). */
  get(key: string, fingerprint: string): T | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.fingerprint !== fingerprint) return undefined;
    this.#entries.set(key, entry); // most recently used last
    return entry.value;
  }

  set(key: string, fingerprint: string, value: T): void {
    this.#entries.delete(key);
    this.#entries.set(key, { fingerprint, value });
    while (this.#entries.size > this.size) this.#entries.delete(this.#entries.keys().next().value!);
  }

  get keys(): string[] {
    return [...this.#entries.keys()];
  }

  clear(): void {
    this.#entries.clear();
  }
}

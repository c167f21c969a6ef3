/**
 * Which bundled handlers may run in the server's own thread (inline-environment.ts): those whose code uses
 * nothing that changes the process itself, which a worker thread would have kept to itself.
 */

/** Process-wide calls and modules a handler may not use in the server's own thread. */
const UNSAFE_IN_PROCESS =
  /\bprocess\s*\.\s*(?:exit|abort|kill|reallyExit|chdir|umask|dlopen|set(?:e?[ug]id|groups)|on|once|addListener|prependListener|prependOnceListener|removeAllListeners|stdin)\b|["'](?:node:)?(?:worker_threads|cluster)["']/;

/** Whether a bundled handler's code may run in the server's own thread (see {@link UNSAFE_IN_PROCESS}). */
export function inlineSafe(bundleText: string): boolean {
  return !UNSAFE_IN_PROCESS.test(bundleText);
}

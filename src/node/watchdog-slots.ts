/** The shared memory between the main thread and its watchdog worker (see main-thread-watchdog.ts). */

/** Float64 slot: epoch ms after which the main thread counts as stuck (0: nothing to watch). */
export const DEADLINE = 0;
/** Float64 slot: how many times the watchdog has ended the main thread's running JavaScript. */
export const TERMINATIONS = 1;
/** How often the watchdog looks at the deadline. */
export const POLL_MS = 25;

/** `workerData` of the watchdog worker. */
export interface WatchdogData {
  slots: SharedArrayBuffer;
}

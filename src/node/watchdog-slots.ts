/** The shared memory between the main thread and its watchdog worker (see main-thread-watchdog.ts). */

/** Float64 slot: epoch ms after which the main thread counts as stuck (0: nothing to watch). */
export const DEADLINE = 0;
/** Float64 slot: how many times the watchdog has ended the main thread's running JavaScript. */
export const TERMINATIONS = 1;
/** Float64 slot: epoch ms of the main thread's last heartbeat (a timer: it beats while its event loop turns). */
export const BEAT = 2;
/** How many Float64 slots there are. */
export const SLOTS = 3;
/** How often the watchdog looks at the deadline. */
export const POLL_MS = 25;
/** How often the main thread beats. */
export const BEAT_MS = 50;
/**
 * The main thread counts as stuck when, past the deadline, it has not beaten for this long: then its event loop
 * has not turned (a busy but working server beats between callbacks), and ending its running JavaScript hits
 * the code that holds it. An idle thread beats too, so the watchdog never ends a "next" execution.
 */
export const STALE_MS = 250;

/** `workerData` of the watchdog worker. */
export interface WatchdogData {
  slots: SharedArrayBuffer;
}

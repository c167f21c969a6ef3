/**
 * worker_threads entry of the main-thread watchdog (main-thread-watchdog.ts): polls a deadline the main
 * thread writes into shared memory and, once it has passed while the main thread's heartbeat has stopped
 * (its event loop no longer turns), ends the main thread's running JavaScript
 * through the inspector (`Runtime.terminateExecution`), which is what stops a handler stuck in a
 * synchronous loop in the server's own thread. The inspector delivers the message even while the main
 * thread is busy: that is how a debugger pauses a busy loop.
 */
import { Session } from 'node:inspector';
import { parentPort, workerData } from 'node:worker_threads';
import { BEAT, DEADLINE, POLL_MS, STALE_MS, TERMINATIONS, type WatchdogData } from './watchdog-slots.js';

const slots = new Float64Array((workerData as WatchdogData).slots);
const session = new Session();
session.connectToMainThread();
// Only now may the main thread run guarded code (a failure above reaches the host as the worker's error).
parentPort?.postMessage('connected');

setInterval(() => {
  const deadline = slots[DEADLINE]!;
  const now = Date.now();
  if (deadline === 0 || now <= deadline || now - slots[BEAT]! < STALE_MS) return;
  slots[DEADLINE] = 0;
  slots[TERMINATIONS]! += 1;
  session.post('Runtime.terminateExecution');
}, POLL_MS);

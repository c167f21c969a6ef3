/**
 * Node-only: a guard for code that runs in the server's own thread. Before such code starts, `arm` sets
 * the time by which it must have given the thread back; a worker thread (watchdog-worker.ts) checks that
 * time and, once it has passed and the main thread's heartbeat (a timer) has stopped, ends whatever
 * JavaScript the main thread is running through the inspector. Arming and disarming are two writes to
 * shared memory, so guarding costs nothing per request.
 */
import { isMainThread, Worker } from 'node:worker_threads';
import { BEAT, BEAT_MS, DEADLINE, SLOTS, TERMINATIONS, type WatchdogData } from './watchdog-slots.js';

export class MainThreadWatchdog {
  readonly #worker: Worker;
  readonly #slots: Float64Array;

  readonly #heartbeat: ReturnType<typeof setInterval>;

  private constructor(worker: Worker, slots: Float64Array) {
    this.#worker = worker;
    this.#slots = slots;
    slots[BEAT] = Date.now();
    this.#heartbeat = setInterval(() => {
      slots[BEAT] = Date.now();
    }, BEAT_MS);
    this.#heartbeat.unref();
  }

  /**
   * Starts the watchdog, or returns null where it cannot work (a Node.js built without the inspector,
   * or not in the main thread): callers then keep such code off the main thread.
   */
  static start(workerUrl: URL): MainThreadWatchdog | null {
    if (!process.features.inspector || !isMainThread) return null;
    const slots = new SharedArrayBuffer(SLOTS * Float64Array.BYTES_PER_ELEMENT);
    try {
      const worker = new Worker(workerUrl, { workerData: { slots } satisfies WatchdogData });
      worker.unref();
      const watchdog = new MainThreadWatchdog(worker, new Float64Array(slots));
      worker.once('message', () => watchdog.#connected());
      worker.on('error', () => watchdog.#failed());
      worker.on('exit', () => watchdog.#failed());
      return watchdog;
    } catch {
      return null;
    }
  }

  /**
   * True once the watchdog thread is connected to this thread's inspector, false again if it dies: guarded code
   * may only run on the main thread while it is true.
   */
  alive = false;
  #closed = false;

  /** The main thread must be free again by `deadlineMs` (epoch ms). */
  arm(deadlineMs: number): void {
    this.#slots[DEADLINE] = deadlineMs;
  }

  /** The guarded code has given the thread back. */
  disarm(): void {
    this.#slots[DEADLINE] = 0;
  }

  /** How many times the watchdog has ended the main thread's JavaScript (for tests and diagnostics). */
  get terminations(): number {
    return this.#slots[TERMINATIONS]!;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.alive = false;
    this.disarm();
    clearInterval(this.#heartbeat);
    await this.#worker.terminate();
  }

  #connected(): void {
    if (!this.#closed) this.alive = true;
  }

  #failed(): void {
    this.alive = false;
  }
}

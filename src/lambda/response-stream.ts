/**
 * What AWS's Node.js runtime gives response-streaming handlers, without Node imports (it runs in a Web Worker too):
 * the global `awslambda.streamifyResponse(handler)` and `awslambda.HttpResponseStream.from(stream, metadata)`, and
 * the writable `responseStream` a streamified handler writes to, whose bytes come out as a web ReadableStream.
 * Behaviour follows aws/aws-lambda-nodejs-runtime-interface-client (src/utils/globals.ts, src/stream/response-stream.ts,
 * src/stream/http-response-stream.ts; read, not copied) and
 * https://docs.aws.amazon.com/lambda/latest/dg/config-rs-write-functions.html.
 */

/** The content type `HttpResponseStream.from` gives the stream: an HTTP integration's metadata prelude follows. */
export const HTTP_INTEGRATION_RESPONSE_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';
/** A response stream's content type until the handler sets one. */
export const DEFAULT_STREAM_CONTENT_TYPE = 'application/octet-stream';
/** The NUL bytes `HttpResponseStream.from` writes after the metadata. */
export const METADATA_DELIMITER_LENGTH = 8;

const STREAMING = Symbol.for('apigateway-lab.lambda.streamifyResponse');

/** `streamifyResponse` options (the runtime reads `highWaterMark`). */
export interface StreamifyOptions {
  highWaterMark?: number;
}

/**
 * `awslambda.streamifyResponse(handler, options)`: marks the handler as a streaming one and returns it; the runtime
 * then calls it as `handler(event, responseStream, context)`.
 */
export function streamifyResponse<T extends (...args: never[]) => unknown>(handler: T, options?: StreamifyOptions): T {
  const highWaterMark = typeof options?.highWaterMark === 'number' ? Math.trunc(options.highWaterMark) : undefined;
  Object.defineProperty(handler, STREAMING, { value: { highWaterMark }, configurable: true });
  return handler;
}

/** Whether `fn` was wrapped by {@link streamifyResponse}. */
export function isStreamingHandler(fn: unknown): boolean {
  return typeof fn === 'function' && STREAMING in fn;
}

/** The `highWaterMark` a streamified handler asked for, if any. */
export function streamingHighWaterMark(fn: unknown): number | undefined {
  return typeof fn === 'function' && STREAMING in fn
    ? (fn as unknown as Record<symbol, { highWaterMark?: number }>)[STREAMING]!.highWaterMark
    : undefined;
}

/** `awslambda.HttpResponseStream`. */
export class HttpResponseStream {
  /**
   * Sets the stream's content type to the HTTP integration one and, just before its first `write`, writes
   * `JSON.stringify(metadata)` then 8 NUL bytes. As in the runtime, only `write` triggers it: a stream ended with
   * `end(chunk)` and no `write` carries no metadata (aws-lambda-nodejs-runtime-interface-client issue #97).
   */
  static from(stream: ResponseStream, metadata: Record<string, unknown>): ResponseStream {
    stream.setContentType(HTTP_INTEGRATION_RESPONSE_CONTENT_TYPE);
    const prelude = JSON.stringify(metadata);
    stream._onBeforeFirstWrite = (write) => {
      write(prelude);
      write(new Uint8Array(METADATA_DELIMITER_LENGTH));
    };
    return stream;
  }
}

/** The global `awslambda` object of the Node.js runtime. */
export const awslambda = { streamifyResponse, HttpResponseStream };

/**
 * Puts `awslambda` on `target` (globalThis by default), keeping what is already there, as the runtime does before it
 * loads the handler module.
 */
export function installAwsLambdaGlobal(
  target: Record<string, unknown> = globalThis as unknown as Record<string, unknown>,
): void {
  const existing = typeof target.awslambda === 'object' && target.awslambda !== null ? target.awslambda : {};
  target.awslambda = { ...existing, ...awslambda };
}

type Listener = (...args: unknown[]) => void;
type Callback = (error?: Error | null) => void;

/** An `Error` with a Node-style `code`. */
function codeError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

const UTF8 = new TextEncoder();

/** A chunk as bytes, as the runtime's `write` takes it: strings encoded, bytes as they are, anything else as JSON. */
function toBytes(chunk: unknown, encoding?: string): Uint8Array {
  // A copy (a Node Buffer's slice() is a view): the handler may reuse its buffer after write().
  if (chunk instanceof Uint8Array) return new Uint8Array(chunk);
  if (typeof chunk !== 'string') return UTF8.encode(JSON.stringify(chunk) ?? '');
  switch ((encoding ?? 'utf8').toLowerCase()) {
    case 'base64':
    case 'base64url': {
      const binary = atob(chunk.replace(/-/g, '+').replace(/_/g, '/'));
      return Uint8Array.from(binary, (c) => c.charCodeAt(0));
    }
    case 'hex':
      return Uint8Array.from(chunk.match(/../g) ?? [], (h) => parseInt(h, 16));
    case 'latin1':
    case 'binary':
      return Uint8Array.from(chunk, (c) => c.charCodeAt(0) & 0xff);
    default:
      return UTF8.encode(chunk);
  }
}

/**
 * The `responseStream` a streamified handler writes to: the Writable methods and properties the runtime exposes
 * (write, end, destroy, setContentType, cork/uncork, the EventEmitter methods, writableEnded/writableFinished/…), so
 * that `pipeline(source, responseStream)` from `node:stream` works with it. What it is written is read from
 * `readable`, chunk by chunk, as it is written; `write` returns false (and 'drain' follows) once `highWaterMark`
 * bytes wait unread.
 */
export class ResponseStream {
  /** Called with a raw writer before the first `write` (set by `HttpResponseStream.from`). */
  _onBeforeFirstWrite: ((write: (chunk: unknown) => void) => void) | undefined;
  /** What the written bytes come out of. */
  readonly readable: ReadableStream<Uint8Array>;
  readonly writableHighWaterMark: number;
  readonly writableObjectMode = false;
  writableEnded = false;
  writableFinished = false;
  writableCorked = 0;
  destroyed = false;

  #contentType = DEFAULT_STREAM_CONTENT_TYPE;
  #written = false;
  #queue: Uint8Array[] = [];
  #queuedBytes = 0;
  #needDrain = false;
  #failed: { error: unknown } | null = null;
  #wake: (() => void) | null = null;
  #listeners = new Map<string | symbol, Listener[]>();
  #maxListeners = 10;
  #finished: Promise<void>;
  #resolveFinished!: () => void;
  #onCancel: ((reason: unknown) => void) | undefined;

  constructor(options: { highWaterMark?: number; onCancel?: (reason: unknown) => void } = {}) {
    this.writableHighWaterMark = options.highWaterMark ?? 16 * 1024;
    this.#onCancel = options.onCancel;
    this.#finished = new Promise((resolve) => (this.#resolveFinished = resolve));
    this.readable = new ReadableStream<Uint8Array>(
      {
        pull: (controller) => this.#pull(controller),
        cancel: (reason) => {
          this.#queue = [];
          this.#queuedBytes = 0;
          this.destroyed = true;
          this.#resolveFinished();
          this.#onCancel?.(reason);
          this.#emitSoon('close');
        },
      },
      { highWaterMark: 0 },
    );
  }

  /** The content type set so far (`application/octet-stream` by default). */
  get contentType(): string {
    return this.#contentType;
  }

  /** Resolves once the stream has ended (`end` called), or been destroyed or failed. */
  get finished(): Promise<void> {
    return this.#finished;
  }

  /** The error the stream was failed with (by `fail`, `destroy(error)` or an unhandled stream error), if any. */
  get failure(): { error: unknown } | null {
    return this.#failed;
  }

  get writable(): boolean {
    return !this.writableEnded && !this.destroyed;
  }

  get writableLength(): number {
    return this.#queuedBytes;
  }

  get writableNeedDrain(): boolean {
    return this.#needDrain;
  }

  /** The runtime refuses a content type once the handler has written: "Cannot set content-type, too late." */
  setContentType(contentType: string): void {
    if (this.#written)
      throw Object.assign(new Error('Cannot set content-type, too late.'), {
        name: 'Runtime.InvalidStreamingOperation',
      });
    this.#contentType = contentType;
  }

  write(chunk: unknown, encoding?: string | Callback, callback?: Callback): boolean {
    const cb = typeof encoding === 'function' ? encoding : callback;
    const enc = typeof encoding === 'string' ? encoding : undefined;
    if (this.writableEnded || this.destroyed) {
      const error = this.destroyed
        ? codeError('Cannot call write after a stream was destroyed', 'ERR_STREAM_DESTROYED')
        : codeError('write after end', 'ERR_STREAM_WRITE_AFTER_END');
      queueMicrotask(() => {
        cb?.(error);
        this.#error(error);
      });
      return false;
    }
    if (!this.#written && typeof this._onBeforeFirstWrite === 'function') {
      this._onBeforeFirstWrite((c) => this.#push(toBytes(c)));
    }
    this.#written = true;
    this.#push(toBytes(chunk, enc));
    if (cb) queueMicrotask(() => cb(null));
    if (this.#queuedBytes >= this.writableHighWaterMark) this.#needDrain = true;
    return !this.#needDrain;
  }

  end(chunk?: unknown, encoding?: string | Callback, callback?: Callback): this {
    const cb = typeof chunk === 'function' ? (chunk as Callback) : typeof encoding === 'function' ? encoding : callback;
    const data = typeof chunk === 'function' ? undefined : chunk;
    if (this.writableEnded || this.destroyed) {
      if (cb)
        queueMicrotask(() =>
          cb(this.destroyed ? codeError('Cannot call end after a stream was destroyed', 'ERR_STREAM_DESTROYED') : null),
        );
      return this;
    }
    // Written without the metadata prelude: the runtime's `end` bypasses its patched `write`.
    if (data !== undefined && data !== null)
      this.#push(toBytes(data, typeof encoding === 'string' ? encoding : undefined));
    this.writableEnded = true;
    this.#wakeReader();
    this.#resolveFinished();
    queueMicrotask(() => {
      this.writableFinished = true;
      this.emit('finish');
      cb?.(null);
      this.emit('close');
    });
    return this;
  }

  destroy(error?: Error): this {
    if (this.destroyed) return this;
    this.destroyed = true;
    if (error) this.fail(error);
    else {
      this.writableEnded = true;
      this.#wakeReader();
      this.#resolveFinished();
    }
    queueMicrotask(() => {
      if (error) this.emit('error', error);
      this.emit('close');
    });
    return this;
  }

  /** Ends the stream with `error` after the bytes written so far (the runtime's error trailers). */
  fail(error: unknown): void {
    if (this.#failed) return;
    this.#failed = { error };
    this.#wakeReader();
    this.#resolveFinished();
  }

  cork(): void {
    this.writableCorked += 1;
  }

  uncork(): void {
    if (this.writableCorked > 0) this.writableCorked -= 1;
  }

  on(event: string | symbol, listener: Listener): this {
    const list = this.#listeners.get(event);
    if (list) list.push(listener);
    else this.#listeners.set(event, [listener]);
    return this;
  }

  addListener(event: string | symbol, listener: Listener): this {
    return this.on(event, listener);
  }

  prependListener(event: string | symbol, listener: Listener): this {
    this.#listeners.set(event, [listener, ...(this.#listeners.get(event) ?? [])]);
    return this;
  }

  once(event: string | symbol, listener: Listener): this {
    return this.on(event, this.#onceWrapper(event, listener));
  }

  prependOnceListener(event: string | symbol, listener: Listener): this {
    return this.prependListener(event, this.#onceWrapper(event, listener));
  }

  /** A listener that removes itself before its first call (`listener` kept on it, as Node's `off` expects). */
  #onceWrapper(event: string | symbol, listener: Listener): Listener {
    const wrapper: Listener = (...args) => {
      this.off(event, wrapper);
      listener(...args);
    };
    (wrapper as { listener?: Listener }).listener = listener;
    return wrapper;
  }

  off(event: string | symbol, listener: Listener): this {
    const list = this.#listeners.get(event);
    if (!list) return this;
    const i = list.findIndex((l) => l === listener || (l as { listener?: Listener }).listener === listener);
    if (i >= 0) list.splice(i, 1);
    return this;
  }

  removeListener(event: string | symbol, listener: Listener): this {
    return this.off(event, listener);
  }

  removeAllListeners(event?: string | symbol): this {
    if (event === undefined) this.#listeners.clear();
    else this.#listeners.delete(event);
    return this;
  }

  emit(event: string | symbol, ...args: unknown[]): boolean {
    const list = this.#listeners.get(event);
    if (!list || list.length === 0) return false;
    for (const listener of [...list]) listener.apply(this, args);
    return true;
  }

  listeners(event: string | symbol): Listener[] {
    return (this.#listeners.get(event) ?? []).map((l) => (l as { listener?: Listener }).listener ?? l);
  }

  rawListeners(event: string | symbol): Listener[] {
    return [...(this.#listeners.get(event) ?? [])];
  }

  listenerCount(event: string | symbol): number {
    return this.#listeners.get(event)?.length ?? 0;
  }

  eventNames(): Array<string | symbol> {
    return [...this.#listeners.keys()].filter((k) => this.listenerCount(k) > 0);
  }

  setMaxListeners(n: number): this {
    this.#maxListeners = n;
    return this;
  }

  getMaxListeners(): number {
    return this.#maxListeners;
  }

  #push(bytes: Uint8Array): void {
    if (this.destroyed && !this.writableEnded) return; // the reader has gone: nothing reads what is written
    if (bytes.length === 0) return;
    this.#queue.push(bytes);
    this.#queuedBytes += bytes.length;
    this.#wakeReader();
  }

  #wakeReader(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }

  async #pull(controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> {
    for (;;) {
      const next = this.#queue.shift();
      if (next) {
        this.#queuedBytes -= next.length;
        controller.enqueue(next);
        if (this.#needDrain && this.#queuedBytes < this.writableHighWaterMark) {
          this.#needDrain = false;
          this.#emitSoon('drain');
        }
        return;
      }
      if (this.#failed) return controller.error(this.#failed.error);
      if (this.writableEnded) return controller.close();
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  /** An 'error' with no listener fails the stream, as an unhandled stream error fails the invocation in Node. */
  #error(error: Error): void {
    if (!this.emit('error', error)) this.fail(error);
  }

  #emitSoon(event: string): void {
    queueMicrotask(() => this.emit(event));
  }
}

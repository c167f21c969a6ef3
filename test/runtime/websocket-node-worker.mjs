/**
 * Test support: the page's Web Workers on Node worker threads, so the chat sandbox's tests run the very bundles the
 * page runs (chat-worker.ts, handler-worker.ts, bundled as a Worker bundle resolves packages: the SDK's browser build).
 * `NodeWebWorker` is the `Worker` class (main thread and worker threads alike); run as a worker thread's entry, this
 * file sets up the dedicated-worker scope (`self`, `postMessage`, `addEventListener`, `location`) and imports the bundle.
 * Blob URL modules become data: URLs (Node imports no blob: URLs).
 */
import { isMainThread, parentPort, Worker as ThreadWorker, workerData } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const SELF = fileURLToPath(import.meta.url);

/** `Worker` over worker_threads: the script's name (`chat-worker.ts`) picks its bundle in `dir`. */
export function nodeWebWorkerClass(dir) {
  return class NodeWebWorker {
    #thread;
    constructor(url) {
      const name = path.basename(String(url instanceof URL ? url.pathname : url)).replace(/\.[cm]?[jt]s$/, '');
      this.#thread = new ThreadWorker(SELF, { workerData: { dir, entry: path.join(dir, `${name}.mjs`) } });
      this.#thread.unref();
    }
    postMessage(message) {
      this.#thread.postMessage(message);
    }
    addEventListener(type, listener) {
      if (type === 'message') this.#thread.on('message', (data) => listener({ data }));
      else if (type === 'error')
        this.#thread.on('error', (error) =>
          listener({ message: error?.message ?? String(error), error, preventDefault() {} }),
        );
      else if (type === 'messageerror') this.#thread.on('messageerror', () => listener({}));
    }
    terminate() {
      void this.#thread.terminate();
    }
  };
}

if (!isMainThread && workerData?.entry) {
  const { dir, entry } = workerData;
  const port = parentPort;
  globalThis.self = globalThis;
  globalThis.location = { href: pathToFileURL(entry).href };
  globalThis.postMessage = (message) => port.postMessage(message);
  globalThis.addEventListener = (type, listener) => {
    if (type === 'message') port.on('message', (data) => listener({ data }));
    else if (type === 'unhandledrejection')
      process.on('unhandledRejection', (reason) => listener({ reason, preventDefault() {} }));
    else if (type === 'error')
      process.on('uncaughtException', (error) => listener({ error, message: error.message, preventDefault() {} }));
  };
  globalThis.Worker = nodeWebWorkerClass(dir);
  // Blob URLs of module code → data: URLs (the handler worker imports the reader's handler from one).
  const NativeBlob = globalThis.Blob;
  globalThis.Blob = class TextBlob extends NativeBlob {
    constructor(parts = [], options) {
      super(parts, options);
      this.text_ = parts.every((p) => typeof p === 'string') ? parts.join('') : null;
    }
  };
  URL.createObjectURL = (blob) => `data:text/javascript;base64,${Buffer.from(blob.text_ ?? '').toString('base64')}`;
  URL.revokeObjectURL = () => {};
  await import(pathToFileURL(entry).href);
}

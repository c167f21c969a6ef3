/**
 * Sends runs to the container's server from the page. A WebContainer server is reachable only
 * through its preview origin's service worker, which handles requests of that origin's documents,
 * not the docs page's cross-origin fetches. So the page loads the server's relay page
 * (/__sandbox/relay) in a hidden iframe, posts each run to it, and the relay fetches
 * /__sandbox/run same-origin and posts the answer back.
 */
import { withTimeout } from './boot.js';
import { RELAY_PATH, type RelayMessage } from './protocol.js';

/** The server's HTTP answer to one run. */
export interface RelayReply {
  status: number;
  text: string;
}

/** Sends run bodies to a server's /__sandbox/run. */
export interface Relay {
  send(serverUrl: string, body: string, timeoutMs: number): Promise<RelayReply>;
  dispose(): void;
}

interface Frame {
  serverUrl: string;
  origin: string;
  iframe: HTMLIFrameElement;
  ready: Promise<void>;
  markReady: () => void;
}

interface Pending {
  resolve: (reply: RelayReply) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

const READY_TIMEOUT_MS = 20_000;

/** A relay through a hidden iframe in `win`'s document. */
export function createRelay(win: Window = window): Relay {
  let frame: Frame | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const onMessage = (e: MessageEvent) => {
    if (!frame || e.source !== frame.iframe.contentWindow || e.origin !== frame.origin) return;
    const m = e.data as RelayMessage | null;
    if (m?.type === 'apigw-lab:relay-ready') return frame.markReady();
    if (m?.type !== 'apigw-lab:reply' && m?.type !== 'apigw-lab:failed') return;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    clearTimeout(p.timer);
    if (m.type === 'apigw-lab:reply') p.resolve({ status: m.status, text: m.text });
    else p.reject(new Error(`the sandbox server could not be reached: ${m.message}`));
  };
  win.addEventListener('message', onMessage);

  const open = (serverUrl: string): Promise<void> => {
    if (frame?.serverUrl === serverUrl) return frame.ready;
    frame?.iframe.remove();
    const iframe = win.document.createElement('iframe');
    iframe.hidden = true;
    iframe.title = 'API Gateway Lab sandbox relay';
    iframe.setAttribute('aria-hidden', 'true');
    iframe.allow = 'cross-origin-isolated';
    iframe.src = `${new URL(RELAY_PATH, serverUrl).href}#${encodeURIComponent(win.location.origin)}`;
    let markReady = () => {};
    const loaded = new Promise<void>((resolve) => (markReady = resolve));
    const current: Frame = {
      serverUrl,
      origin: new URL(serverUrl).origin,
      iframe,
      markReady: () => markReady(),
      ready: withTimeout(
        loaded,
        READY_TIMEOUT_MS,
        `the sandbox relay at ${serverUrl} did not load within ${READY_TIMEOUT_MS} ms`,
      ),
    };
    current.ready.catch(() => {
      // Try afresh next time.
      if (frame === current) {
        current.iframe.remove();
        frame = null;
      }
    });
    frame = current;
    win.document.body.append(iframe);
    return current.ready;
  };

  return {
    async send(serverUrl, body, timeoutMs) {
      await open(serverUrl);
      const target = frame!;
      const id = nextId++;
      return new Promise<RelayReply>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`the sandbox server did not answer within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
        const message: RelayMessage = { type: 'apigw-lab:run', id, body };
        target.iframe.contentWindow?.postMessage(message, target.origin);
      });
    },
    dispose() {
      win.removeEventListener('message', onMessage);
      frame?.iframe.remove();
      frame = null;
      for (const p of pending.values()) {
        clearTimeout(p.timer);
        p.reject(new Error('the WebContainer runtime was disposed'));
      }
      pending.clear();
    },
  };
}

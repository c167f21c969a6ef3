/**
 * An in-memory ChatSandbox for the chat UI's unit tests only (never shipped to the page): route selection on
 * `$request.body.action`, one handler function given as a JavaScript callback, and an @connections POST the handler
 * calls; it emits the events the real runtime does (open, refused, frames, traces, close).
 */
import type { ChatSandbox, ChatSandboxEvent, ChatSandboxInput, ChatTrace } from '../../src/components/chat-types.js';

export type FakeHandler = (
  routeKey: string,
  event: { connectionId: string; query: Record<string, string>; body?: string },
  post: (connectionId: string, data: string) => void,
) => { statusCode: number; body?: string };

export class FakeChatSandbox implements ChatSandbox {
  readonly runtime = 'worker' as const;
  deployed: ChatSandboxInput | null = null;
  #listeners = new Set<(e: ChatSandboxEvent) => void>();
  #open = new Map<string, string>(); // client -> connectionId
  #clock = 1000;
  #n = 0;
  constructor(
    private readonly handler: FakeHandler,
    private readonly routes: string[] = ['sendmessage'],
  ) {}

  #emit(e: ChatSandboxEvent): void {
    for (const l of this.#listeners) l(e);
  }
  #now = () => ++this.#clock;
  #trace(kind: ChatTrace['kind'], connectionId: string, extra: Partial<ChatTrace>): ChatTrace {
    return {
      kind,
      connectionId,
      requestId: `r${++this.#n}`,
      stage: 'production',
      sent: [],
      startedAt: extra.startedAt ?? this.#now(),
      durationMs: 1,
      ...extra,
    };
  }
  #clientOf = (id: string) => [...this.#open].find(([, c]) => c === id)?.[0];
  #post = (from: string) => (connectionId: string, data: string) => {
    const client = this.#clientOf(connectionId);
    const trace = this.#trace('MANAGEMENT', connectionId, {
      management: { method: 'POST', path: `/@connections/${connectionId}`, caller: 'AKIA' },
      status: client ? 200 : 410,
      sent: client ? [{ connectionId, data }] : [],
    });
    if (client) this.#emit({ type: 'frame', client, direction: 'received', data, at: this.#now() });
    this.#emit({ type: 'trace', trace, at: this.#now() });
    void from;
  };

  async deploy(input: ChatSandboxInput): Promise<void> {
    JSON.parse(input.definition);
    for (const client of [...this.#open.keys()]) await this.disconnect(client);
    this.deployed = input;
  }
  async connect(client: string, options: { query?: string } = {}): Promise<void> {
    const connectionId = `conn-${client}-${++this.#n}`;
    const query = Object.fromEntries(new URLSearchParams(options.query ?? ''));
    const startedAt = this.#now();
    const result = this.handler('$connect', { connectionId, query }, this.#post(connectionId));
    const trace = this.#trace('CONNECT', connectionId, {
      startedAt,
      durationMs: this.#now() - startedAt,
      routeKey: '$connect',
      lambda: { functionName: 'chat_handler', event: { query }, result, logs: [] },
    });
    if (result.statusCode >= 300) {
      this.#emit({ type: 'trace', trace: { ...trace, status: result.statusCode }, client, at: this.#now() });
      this.#emit({ type: 'refused', client, status: result.statusCode, body: result.body ?? '', at: this.#now() });
      return;
    }
    this.#open.set(client, connectionId);
    this.#emit({ type: 'trace', trace, client, at: this.#now() });
    this.#emit({ type: 'open', client, connectionId, at: this.#now() });
  }
  async send(client: string, data: string): Promise<void> {
    const connectionId = this.#open.get(client);
    if (!connectionId) throw new Error(`${client} is not connected`);
    this.#emit({ type: 'frame', client, direction: 'sent', data, at: this.#now() });
    let action: unknown;
    try {
      action = (JSON.parse(data) as { action?: unknown }).action;
    } catch {
      action = undefined;
    }
    const routeKey = typeof action === 'string' && this.routes.includes(action) ? action : '$default';
    const startedAt = this.#now();
    const result = this.handler(routeKey, { connectionId, query: {}, body: data }, this.#post(connectionId));
    this.#emit({
      type: 'trace',
      trace: this.#trace('MESSAGE', connectionId, {
        startedAt,
        durationMs: this.#now() - startedAt,
        routeKey,
        lambda: { functionName: 'chat_handler', event: { body: data }, result, logs: [] },
      }),
      client,
      at: this.#now(),
    });
  }
  async disconnect(client: string, code = 1000, reason = ''): Promise<void> {
    const connectionId = this.#open.get(client);
    if (!connectionId) return;
    this.#open.delete(client);
    this.#emit({ type: 'close', client, code, reason, at: this.#now() });
    const startedAt = this.#now();
    const result = this.handler('$disconnect', { connectionId, query: {} }, this.#post(connectionId));
    this.#emit({
      type: 'trace',
      trace: this.#trace('DISCONNECT', connectionId, {
        startedAt,
        durationMs: this.#now() - startedAt,
        routeKey: '$disconnect',
        closeCode: code,
        lambda: { functionName: 'chat_handler', event: {}, result, logs: [] },
      }),
      client,
      at: this.#now(),
    });
  }
  subscribe(listener: (e: ChatSandboxEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  dispose(): void {
    this.#listeners.clear();
  }
}

/** The chat of the brief's example, as a callback: names from `?name=`, sendmessage to every other client. */
export function chatHandler(options: { whisper?: boolean } = {}): FakeHandler {
  const names = new Map<string, string>();
  return (routeKey, event, post) => {
    if (routeKey === '$connect') {
      if (!event.query.name) return { statusCode: 400, body: 'name required' };
      names.set(event.connectionId, event.query.name);
      return { statusCode: 200 };
    }
    if (routeKey === '$disconnect') {
      names.delete(event.connectionId);
      return { statusCode: 200 };
    }
    const body = JSON.parse(event.body ?? '{}') as { action?: string; message?: string; to?: string };
    const from = names.get(event.connectionId) ?? '?';
    if (routeKey === 'sendmessage' || (routeKey === 'whisper' && !options.whisper)) {
      for (const id of names.keys())
        if (id !== event.connectionId) post(id, JSON.stringify({ from, message: body.message }));
      return { statusCode: 200 };
    }
    if (routeKey === 'whisper') {
      for (const [id, name] of names)
        if (name === body.to) post(id, JSON.stringify({ from, message: body.message, whisper: true }));
      return { statusCode: 200 };
    }
    post(event.connectionId, 'Use {"action":"sendmessage","message":"..."}');
    return { statusCode: 200 };
  };
}

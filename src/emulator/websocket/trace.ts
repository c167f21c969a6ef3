/** What the gateway did for one connection event: the page's sequence diagram and the CLI's log lines read it. */
export interface WebSocketTrace {
  /** CLOSE: the gateway closed the connection (timeout, DELETE on @connections, a message too big). */
  kind: 'CONNECT' | 'MESSAGE' | 'DISCONNECT' | 'MANAGEMENT' | 'CLOSE';
  connectionId: string;
  requestId: string;
  /** `$connect`, `sendmessage`, `$default`, `$disconnect`. */
  routeKey?: string;
  stage: string;
  authorizer?: {
    functionName: string;
    event: unknown;
    result?: unknown;
    error?: unknown;
    decision: 'allow' | 'deny' | 'error';
    logs: string[];
  };
  lambda?: { functionName: string; event: unknown; result?: unknown; error?: unknown; logs: string[] };
  /** Frames the gateway sent to clients while handling this (route responses; for MANAGEMENT, the POSTed data). */
  sent: Array<{ connectionId: string; data: string }>;
  /** CONNECT refused / MANAGEMENT answered: the HTTP status. */
  status?: number;
  /** CLOSE / DISCONNECT: the close code and reason. */
  closeCode?: number;
  closeReason?: string;
  management?: { method: string; path: string; caller?: string };
  /** An error the gateway reported, e.g. "Message too long", "Forbidden" sent to the client. */
  error?: string;
  startedAt: number;
  durationMs: number;
}

/** How the gateway reaches one client; the adapter (ws server, page worker) implements it. */
export interface WebSocketClientTransport {
  /** One message to the client (a text frame for a string, binary for bytes). */
  send(data: string | Uint8Array): void;
  /** The gateway closes the connection. */
  close(code: number, reason: string): void;
}

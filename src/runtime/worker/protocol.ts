/** Messages between the page, the gateway worker and the handler workers of the Worker runtime. */
import type { InvokeOutcome, LambdaContextInit } from '../../emulator/shared/invoker.js';
import type { Language } from '../../examples/types.js';
import type { RunOutcome, RuntimeProgress, SandboxRun } from '../types.js';
import type { BridgeAnswer, BridgeCall } from '../websocket/handler-bridge.js';
import type { UpstreamRequest, UpstreamResponse, UpstreamSpec } from './upstream.js';

/**
 * A run as the page sends it to the Worker runtime: its definition is JSON (the page converts
 * YAML), and `handlerCode`, when present, is `handlerSource` already transpiled to JavaScript (the
 * documented TypeScript handler, transpiled at build time), so the first run needs no sucrase.
 */
export type WorkerRun = SandboxRun & { handlerCode?: string };

/**
 * Page → gateway worker. `pyodideBase` is the absolute URL of the site's `/pyodide/` folder. `prepare` loads a
 * language's runtime (Pyodide for Python) before any run needs it, in that language's handler worker. `warm` readies
 * the worker for a first run like `run` before the reader asks for one (no reply): the emulator's code compiled on it,
 * its JavaScript/TypeScript handler imported in a handler worker (a run of another source imports that one).
 */
export type GatewayRequest =
  | { type: 'run'; id: number; run: WorkerRun; pyodideBase: string }
  | { type: 'prepare'; id: number; language: Language; pyodideBase: string }
  | { type: 'warm'; run: WorkerRun; pyodideBase: string };

/** Gateway worker → page. */
export type GatewayReply =
  | { type: 'progress'; id: number; progress: RuntimeProgress }
  | { type: 'outcome'; id: number; outcome: RunOutcome }
  | { type: 'prepared'; id: number; error?: string }
  | { type: 'failure'; id: number; message: string };

/** The handler a handler worker runs. */
export interface HandlerSpec {
  language: Language;
  source: string;
  /** Python module name (`items_handler`). */
  moduleName: string;
  /** Export (`handler`) or Python function (`lambda_handler`). */
  handlerName: string;
  /** `source` transpiled to JavaScript, when the page has it (TypeScript only). */
  code?: string;
  /**
   * The function's own environment variables, on top of those Lambda sets (a WebSocket function's management
   * endpoint and keys: its calls to that endpoint are bridged to the chat's gateway, ../websocket/handler-bridge.ts).
   */
  environment?: Record<string, string>;
  /** A new value is a new execution environment: the module is imported afresh (a chat's redeploy). */
  instance?: string;
}

/**
 * Gateway worker → handler worker. `prepare` loads the language runtime (Pyodide) outside any timeout; `load` imports a
 * JavaScript/TypeScript handler's module ahead of its first invocation (its init, as a Lambda cold start runs it).
 */
export type HandlerRequest =
  | { type: 'prepare'; id: number; language: Language; pyodideBase: string }
  | { type: 'load'; id: number; spec: HandlerSpec }
  | { type: 'invoke'; id: number; spec: HandlerSpec; pyodideBase: string; event: unknown; context: LambdaContextInit }
  /** A request for the example's HTTP service (upstream.ts), which this handler worker serves. */
  | { type: 'fetch'; id: number; upstream: UpstreamSpec; request: UpstreamRequest }
  /** The gateway's answer to a handler's management-API call (handler-bridge.ts). */
  | BridgeAnswer;

/** Handler worker → gateway worker. */
export type HandlerReply =
  | { type: 'progress'; id: number; progress: RuntimeProgress }
  | { type: 'prepared'; id: number; error?: string }
  | { type: 'outcome'; id: number; outcome: InvokeOutcome }
  | { type: 'response'; id: number; response?: UpstreamResponse; error?: string }
  /** A handler's call to the management API (`@connections`), which the gateway worker answers. */
  | BridgeCall;

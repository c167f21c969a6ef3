/**
 * The contract between the page and the emulator server inside the WebContainer: the files the
 * container holds, the server's configuration file and its sandbox endpoints.
 * Pure (no Node, no DOM): imported by both sides.
 */
import type { RunRequest, SandboxRun } from '../types.js';

/** The files of the container's working directory. */
export const FILES = {
  packageJson: 'package.json',
  /** The prebuilt emulator server (public/webcontainer/emulator.mjs). */
  bundle: 'emulator.mjs',
  /** Imports the bundle and starts it. */
  server: 'server.mjs',
  definition: 'openapi.yaml',
  /** The reader's handler, transpiled to plain ESM JavaScript. */
  handler: 'handler.mjs',
  config: 'sandbox.json',
} as const;

/** The port the server listens on when the environment sets no PORT. */
export const DEFAULT_PORT = 3000;

/** `POST` a {@link SandboxRunBody}; the answer is the run's `RunOutcome` JSON (or a {@link SandboxErrorReply}). */
export const RUN_PATH = '/__sandbox/run';

/** `GET`: a tiny page that, loaded in a hidden iframe, relays the page's runs to {@link RUN_PATH} (see relay.ts). */
export const RELAY_PATH = '/__sandbox/relay';

/** What `sandbox.json` holds: the run's settings other than the definition and the handler (see SandboxRun). */
export type SandboxConfig = Pick<
  SandboxRun,
  'apiId' | 'apiType' | 'endpointType' | 'stage' | 'stageVariables' | 'invokeUrl' | 'functionName' | 'handlerName' | 'timeoutMs'
>;

/** The body of `POST /__sandbox/run`. */
export interface SandboxRunBody {
  request: RunRequest;
}

/** The server's answer when a run cannot be served (bad definition, invalid header…): status 400. */
export interface SandboxErrorReply {
  error: { name: string; message: string };
}

/** Messages between the page and the relay iframe (window.postMessage). */
export type RelayMessage =
  | { type: 'apigw-lab:relay-ready' }
  | { type: 'apigw-lab:run'; id: number; body: string }
  | { type: 'apigw-lab:reply'; id: number; status: number; text: string }
  | { type: 'apigw-lab:failed'; id: number; message: string };

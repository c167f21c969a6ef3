/**
 * The contract between the page and the emulator server inside the WebContainer: the files the
 * container holds, the server's configuration file and its sandbox endpoints.
 * Pure (no Node, no DOM): imported by both sides.
 */
import type { SandboxRun } from '../types.js';

/** The files of the container's working directory. */
export const FILES = {
  packageJson: 'package.json',
  /** The prebuilt emulator server (public/webcontainer/emulator.mjs). */
  bundle: 'emulator.mjs',
  /** Imports the bundle and starts it. */
  server: 'server.mjs',
  /** The API definition (with several stages, the first stage's; each other distinct definition is {@link definitionFile}). */
  definition: 'openapi.yaml',
  /** The reader's handler, transpiled to plain ESM JavaScript. */
  handler: 'handler.mjs',
  config: 'sandbox.json',
} as const;

/** The example's HTTP service (`SandboxRun.upstream`), transpiled to plain ESM JavaScript; only when the run has one. */
export const UPSTREAM_FILE = 'upstream.mjs';

/** The file of the run's `index`-th distinct definition (from 0): openapi.yaml, then openapi-2.yaml, openapi-3.yaml… */
export function definitionFile(index: number): string {
  return index === 0 ? FILES.definition : `openapi-${index + 1}.yaml`;
}

/**
 * The file of one of the run's other functions (SandboxRun.functions: a Lambda authorizer), transpiled to plain ESM
 * JavaScript as the handler is: `function-auth.mjs`. A Lambda function's name is letters, digits, `-` and `_`.
 */
export function functionFile(name: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name))
    throw new RangeError(`function name "${name}": a Lambda function's name is 1 to 64 letters, digits, "-" or "_"`);
  return `function-${name}.mjs`;
}

/** One of the run's other functions in `sandbox.json`: its name, file and handler. */
export interface SandboxFunctionConfig {
  /** The name the definition gives it (`authorizerUri`). */
  name: string;
  /** Its file ({@link functionFile}). */
  file: string;
  handlerName: string;
  moduleName: string;
}

/** The port the server listens on when the environment sets no PORT. */
export const DEFAULT_PORT = 3000;

/** `POST` a {@link SandboxRunBody}; the answer is the run's `RunOutcome` JSON (or a {@link SandboxErrorReply}). */
export const RUN_PATH = '/__sandbox/run';

/** `GET`: a tiny page that, loaded in a hidden iframe, relays the page's runs to {@link RUN_PATH} (see relay.ts). */
export const RELAY_PATH = '/__sandbox/relay';

/** One of several stages in `sandbox.json`: SandboxRun's stage with its definition's file in place of its text. */
export type SandboxStageConfig = Omit<NonNullable<SandboxRun['stages']>[number], 'definition'> & {
  /** The file that holds the stage's definition ({@link definitionFile}); stages with the same definition share it. */
  definitionFile: string;
};

/**
 * What `sandbox.json` holds: the run's settings other than the texts (definitions, handler, upstream module), which
 * are files of their own (see SandboxRun).
 */
export type SandboxConfig = Pick<
  SandboxRun,
  | 'apiId'
  | 'apiType'
  | 'endpointType'
  | 'stage'
  | 'stageVariables'
  | 'invokeUrl'
  | 'functionName'
  | 'handlerName'
  | 'timeoutMs'
  | 'customDomain'
  | 'access'
  | 'stageConfig'
  | 'webAcl'
  | 'services'
> & {
  /** The run's other functions (SandboxRun.functions), each in a file of its own. */
  functions?: SandboxFunctionConfig[];
  /** Several stages (SandboxRun.stages); absent → the one stage `stage` serving openapi.yaml with `stageVariables`. */
  stages?: SandboxStageConfig[];
  /** The host the HTTP service in {@link UPSTREAM_FILE} answers for (SandboxRun.upstream); absent → no service. */
  upstream?: Pick<NonNullable<SandboxRun['upstream']>, 'host'>;
};

export type { SandboxRunBody } from './run-body.js';

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

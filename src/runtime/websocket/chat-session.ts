/**
 * One chat sandbox's gateway and clients, as the chat worker runs it (and the Node tests drive it): a WebSocketGateway
 * deployed from the reader's definition, simulated clients whose transports turn the gateway's frames into
 * ChatSandboxEvents, and the `@connections` endpoint the handlers call. Functions run through `invoke` (the worker: a
 * handler worker per language). Pure: web-standard only.
 */
import {
  parseWebSocketApi,
  websocketFunctionNamesOf,
  WebSocketGateway,
  type InvokeOutcome,
  type LambdaInvocation,
  type WebSocketApiModel,
  type WebSocketLimits,
  type WebSocketTrace,
} from '../../emulator/index.js';
import { serveWire } from './management-fetch.js';
import type { WireRequest, WireResponse } from './management-wire.js';
import type { ChatSandboxEvent, ChatSandboxInput } from './types.js';

/** One function of the chat, as a handler worker runs it. */
export interface ChatFunction {
  name: string;
  language: 'python' | 'typescript';
  source: string;
  /** The file's stem (`chat_handler`): the Python module, the TypeScript module's name. */
  moduleName: string;
  /** The export (`handler`) or Python function (`lambda_handler`). */
  handlerName: string;
  /** `source` transpiled at build time (TypeScript only). */
  code?: string;
}

/** Runs one invocation of `fn` with `environment` added to the Lambda environment (the management endpoint, keys). */
export type ChatInvoker = (
  fn: ChatFunction,
  invocation: LambdaInvocation,
  environment: Record<string, string>,
) => Promise<InvokeOutcome>;

export interface ChatSessionOptions {
  invoke: ChatInvoker;
  emit: (event: ChatSandboxEvent) => void;
  now?: () => number;
}

const REGION = 'us-east-1';

/**
 * The key WebSocket functions sign `@connections` calls with, as Lambda gives a function its execution role's
 * temporary credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN). The gateway accepts it.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
 */
export const CHAT_FUNCTION_CREDENTIALS = {
  accessKeyId: 'ASIAAPIGWLABCHATROLE',
  secretAccessKey: 'apigw-lab-chat-function-role-secret-key',
  sessionToken: 'apigw-lab-chat-function-role-session-token',
  arn: 'arn:aws:sts::123456789012:assumed-role/chat-function-role/chat_handler',
} as const;

/** A one-line Error (the first line of `message`). */
const oneLine = (message: string): Error => new Error(message.split('\n')[0]!.trim());

/** The input's functions as handler workers run them; throws a one-line Error for a malformed entry. */
export function chatFunctionsOf(input: ChatSandboxInput): Map<string, ChatFunction> {
  const out = new Map<string, ChatFunction>();
  const extensions = input.language === 'python' ? /\.py$/ : /\.(ts|mts|js|mjs)$/;
  for (const [name, fn] of Object.entries(input.functions ?? {})) {
    if (!fn || typeof fn.source !== 'string') throw oneLine(`functions.${name}: no source`);
    const file = String(fn.file ?? '').replace(/^.*\//, '');
    if (!extensions.test(file)) throw oneLine(`functions.${name}.file: "${fn.file}" is not a ${input.language} file`);
    const moduleName = file.replace(/\.[^.]+$/, '');
    const handler = String(fn.handler ?? '');
    const dot = handler.lastIndexOf('.');
    const handlerName = dot === -1 ? handler : handler.slice(dot + 1);
    if (dot !== -1 && handler.slice(0, dot) !== moduleName)
      throw oneLine(`functions.${name}.handler: "${handler}" names module "${handler.slice(0, dot)}", not ${file}`);
    if (!/^[A-Za-z_$][\w$]*$/.test(handlerName))
      throw oneLine(`functions.${name}.handler: "${handler}" is not a function name`);
    if (fn.code !== undefined && typeof fn.code !== 'string') throw oneLine(`functions.${name}.code: not a string`);
    const code = input.language === 'typescript' && fn.code !== undefined ? { code: fn.code } : {};
    out.set(name, { name, language: input.language, source: fn.source, moduleName, handlerName, ...code });
  }
  return out;
}

/** Checks the limits asked for: positive whole numbers of bytes and milliseconds. */
function checkLimits(limits: Partial<WebSocketLimits> | undefined): Partial<WebSocketLimits> {
  for (const [key, value] of Object.entries(limits ?? {})) {
    if (!['messageBytes', 'frameBytes', 'idleTimeoutMs', 'maxDurationMs'].includes(key))
      throw oneLine(`limits.${key}: unknown limit (messageBytes, frameBytes, idleTimeoutMs, maxDurationMs)`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 1)
      throw oneLine(`limits.${key}: ${JSON.stringify(value)} is not a positive number`);
  }
  return limits ?? {};
}

interface Deployed {
  gateway: WebSocketGateway;
  api: WebSocketApiModel;
  stage: string;
  functions: Map<string, ChatFunction>;
  /** `https://{api-id}.execute-api.{region}.amazonaws.com/{stage}`: the management endpoint the handlers get. */
  endpoint: string;
  environment: Record<string, string>;
  stopTraces: () => void;
}

/** A simulated client's current connection. */
interface Connection {
  client: string;
  connectionId: string;
  closed: boolean;
}

export class ChatSession {
  #options: ChatSessionOptions;
  #now: () => number;
  #deployed: Deployed | null = null;
  /** The open connection of each client. */
  #byClient = new Map<string, Connection>();
  /** Every connection id this deployment has seen, to name the client of a trace. */
  #clientOf = new Map<string, string>();

  constructor(options: ChatSessionOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  #emit(event: ChatSandboxEvent): void {
    this.#options.emit(event);
  }

  /** The limits of the deployed gateway (the worker's sweep timer reads the idle timeout). */
  get limits(): WebSocketLimits | null {
    return this.#deployed?.gateway.limits ?? null;
  }

  /** The deployed chat's functions (the worker readies them: imports, Pyodide). */
  get functions(): ChatFunction[] {
    return [...(this.#deployed?.functions.values() ?? [])];
  }

  /** The environment WebSocket functions get (management endpoint and the role's keys). */
  get environment(): Record<string, string> {
    return { ...(this.#deployed?.environment ?? {}) };
  }

  /** Deploys afresh (open clients are closed); throws a one-line Error for a bad definition or input. */
  deploy(input: ChatSandboxInput): void {
    if (input.language !== 'python' && input.language !== 'typescript')
      throw oneLine(`language: "${String(input.language)}" is not python or typescript`);
    let document: unknown;
    try {
      document = JSON.parse(input.definition);
    } catch (error) {
      throw oneLine(`definition: not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    let api: WebSocketApiModel;
    try {
      api = parseWebSocketApi(document);
    } catch (error) {
      throw oneLine(`definition: ${error instanceof Error ? error.message : String(error)}`);
    }
    const functions = chatFunctionsOf(input);
    const missing = websocketFunctionNamesOf(api).filter((name) => !functions.has(name));
    if (missing.length > 0)
      throw oneLine(
        `definition: function "${missing[0]}" is not among the sandbox's functions (${[...functions.keys()].join(', ') || 'none'})`,
      );
    const limits = checkLimits(input.limits);
    const environmentOf = (endpoint: string): Record<string, string> => ({
      AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI: endpoint,
      AWS_ACCESS_KEY_ID: CHAT_FUNCTION_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CHAT_FUNCTION_CREDENTIALS.secretAccessKey,
      AWS_SESSION_TOKEN: CHAT_FUNCTION_CREDENTIALS.sessionToken,
    });
    const endpoint = `https://${api.id}.execute-api.${REGION}.amazonaws.com/${input.stage}`;
    const environment = environmentOf(endpoint);
    const gateway = new WebSocketGateway({
      region: REGION,
      now: this.#now,
      limits,
      invoke: (invocation) => {
        const fn = functions.get(invocation.functionName);
        if (!fn)
          return Promise.resolve({
            kind: 'error',
            error: {
              errorType: 'ResourceNotFoundException',
              errorMessage: `Function not found: ${invocation.functionName} (this chat runs ${[...functions.keys()].join(', ')})`,
            },
            logs: [],
          });
        return this.#options.invoke(fn, invocation, environment);
      },
    });
    try {
      const deployment = gateway.deploy(api);
      gateway.putStage({ name: input.stage, deploymentId: deployment.id });
      gateway.putCredentials({
        accessKeyId: CHAT_FUNCTION_CREDENTIALS.accessKeyId,
        secretAccessKey: CHAT_FUNCTION_CREDENTIALS.secretAccessKey,
        arn: CHAT_FUNCTION_CREDENTIALS.arn,
      });
    } catch (error) {
      throw oneLine(`stage: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.#closeAll(1001, 'Going away');
    const stopTraces = gateway.onTrace((trace) => this.#onTrace(trace));
    this.#deployed = { gateway, api, stage: input.stage, functions, endpoint, environment, stopTraces };
  }

  /** The gateway's traces as events; CONNECT traces are sent by `connect`, which knows the client. */
  #onTrace(trace: WebSocketTrace): void {
    if (trace.kind === 'CONNECT') return;
    const client = this.#clientOf.get(trace.connectionId);
    this.#emit({ type: 'trace', trace, ...(client !== undefined ? { client } : {}), at: this.#now() });
  }

  /** The page's clients see the API go: a redeploy (or dispose) ends every connection. */
  #closeAll(code: number, reason: string): void {
    const open = [...this.#byClient.values()];
    this.#byClient.clear();
    this.#clientOf.clear();
    this.#deployed?.stopTraces();
    for (const c of open) {
      if (c.closed) continue;
      c.closed = true;
      this.#emit({ type: 'close', client: c.client, code, reason, at: this.#now() });
    }
  }

  #require(): Deployed {
    if (!this.#deployed) throw new Error('deploy the chat first');
    return this.#deployed;
  }

  async connect(client: string, options: { query?: string; headers?: Array<[string, string]> } = {}): Promise<void> {
    const deployed = this.#require();
    if (this.#byClient.has(client)) throw new Error(`${client} is already connected`);
    const query = (options.query ?? '').replace(/^\?/, '');
    const url = `${deployed.endpoint}${query ? `?${query}` : ''}`;
    const headers = new Headers();
    for (const [name, value] of options.headers ?? []) {
      try {
        headers.append(name, value);
      } catch {
        throw new Error(`header "${name}": not a valid header`);
      }
    }
    // The connection the transport belongs to (known once $connect accepts it); frames before that are the client's.
    const connection: Connection = { client, connectionId: '', closed: false };
    const transport = {
      send: (data: string | Uint8Array) => {
        if (connection.closed || this.#deployed !== deployed) return;
        const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
        this.#emit({ type: 'frame', client, direction: 'received', data: text, at: this.#now() });
      },
      close: (code: number, reason: string) => {
        if (connection.closed || this.#deployed !== deployed) return;
        connection.closed = true;
        if (this.#byClient.get(client) === connection) this.#byClient.delete(client);
        this.#emit({ type: 'close', client, code, reason, at: this.#now() });
      },
    };
    // Held while $connect runs, so a second connect of the same client is refused.
    this.#byClient.set(client, connection);
    let result: Awaited<ReturnType<WebSocketGateway['connect']>>;
    try {
      result = await deployed.gateway.connect(new Request(url, { headers }), transport, { sourceIp: '127.0.0.1' });
    } catch (error) {
      this.#byClient.delete(client);
      throw error;
    }
    if (this.#deployed !== deployed) return;
    this.#clientOf.set(result.trace.connectionId, client);
    if (result.accepted) {
      connection.connectionId = result.connectionId;
      this.#emit({ type: 'trace', trace: result.trace, client, at: this.#now() });
      if (!connection.closed) this.#emit({ type: 'open', client, connectionId: result.connectionId, at: this.#now() });
    } else {
      this.#byClient.delete(client);
      connection.closed = true;
      this.#emit({ type: 'trace', trace: result.trace, client, at: this.#now() });
      const body = await result.response.text();
      this.#emit({ type: 'refused', client, status: result.response.status, body, at: this.#now() });
    }
  }

  #open(client: string): Connection {
    const connection = this.#byClient.get(client);
    if (!connection || connection.closed || !connection.connectionId) throw new Error(`${client} is not connected`);
    return connection;
  }

  /** One message from the client; resolves once the gateway has handled it. */
  async send(client: string, data: string): Promise<void> {
    const deployed = this.#require();
    const connection = this.#open(client);
    this.#emit({ type: 'frame', client, direction: 'sent', data, at: this.#now() });
    await deployed.gateway.receive(connection.connectionId, data);
  }

  /** The client closes (1000 by default): the client sees its close, the gateway runs $disconnect. */
  async disconnect(client: string, code = 1000, reason = ''): Promise<void> {
    const deployed = this.#require();
    const connection = this.#open(client);
    connection.closed = true;
    this.#byClient.delete(client);
    this.#emit({ type: 'close', client, code, reason, at: this.#now() });
    await deployed.gateway.disconnect(connection.connectionId, code, reason);
  }

  /** A handler's `@connections` call (from the handler worker, as wire data). */
  management(request: WireRequest): Promise<WireResponse> {
    const deployed = this.#deployed;
    if (!deployed)
      return Promise.resolve({ status: 503, headers: {}, bodyBase64: btoa('{"message":"no chat is deployed"}') });
    return serveWire(async (req, rawHeaders) => {
      if (!deployed.gateway.isManagementRequest(req))
        return new Response(JSON.stringify({ message: 'Not Found' }), {
          status: 404,
          headers: { 'Content-Type': 'application/json' },
        });
      return (await deployed.gateway.handleManagement(req, { sourceIp: '127.0.0.1', rawHeaders })).response;
    }, request);
  }

  /** Closes connections past the idle timeout or the maximum duration (the worker's timer calls it). */
  sweep(): void {
    this.#deployed?.gateway.sweep();
  }

  /** Ends every connection (the page is closing the sandbox). */
  dispose(): void {
    this.#closeAll(1001, 'Going away');
    this.#deployed = null;
  }
}

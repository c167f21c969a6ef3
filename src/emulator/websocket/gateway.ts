import { headerListOf, lastHeader, type HeaderList } from '../shared/headers.js';
import { newRequestId } from '../shared/ids.js';
import type { CredentialsInput, IamPrincipal } from '../shared/iam/principals.js';
import { IamRegistry } from '../shared/iam/principals.js';
import { monotonic } from '../shared/pipeline/monotonic.js';
import type { StagedGatewayOptions } from '../shared/pipeline/staged-gateway.js';
import { StageRegistry, type DeploymentOf, type Stage } from '../shared/stage-registry.js';
import { ConnectionTable, type Connection } from './connection.js';
import { buildWebSocketEvent } from './event.js';
import { WEBSOCKET_CLOSE, FRAME_MESSAGES, gatewayErrorFrame } from './frames.js';
import { newWebSocketId } from './ids.js';
import { WEBSOCKET_LIMITS, type WebSocketLimits } from './limits.js';
import { connectionInfo, MANAGEMENT_ANSWERS, type ManagementAnswer } from './management/answers.js';
import { parseManagementPath } from './management/path.js';
import type { WebSocketApiModel } from './model.js';
import { authorizeConnect } from './steps/connect/authorize.js';
import { newConnectContext } from './steps/connect/context.js';
import { integrateConnect } from './steps/connect/integrate-connect.js';
import { contextVariables, integrationOf } from './steps/route-integration.js';
import { REFUSALS, refusalResponse, type Refusal } from './steps/connect/refusal.js';
import { disconnectReasonOf } from './steps/disconnect/disconnect-reason.js';
import type { FunctionRunner } from './steps/invoke-function.js';
import { runIntegration } from './steps/integrate.js';
import { messageBytes, outgoingFrame, traceText } from './steps/message/message-body.js';
import { isTwoWay, selectRoute } from './steps/message/select-route.js';
import { newWebSocketTrace } from './steps/new-trace.js';
import type { WebSocketClientTransport, WebSocketTrace } from './trace.js';

// SigV4 verification (AWS's signer, smithy) loads on the first signed call, so the core's first load does not carry it.
let managementAuthModule: Promise<typeof import('./management/authorize.js')> | undefined;
const loadManagementAuth = () => (managementAuthModule ??= import('./management/authorize.js'));

/** The WebSocket gateway's options: those of every gateway, and the limits (short timeouts for the page). */
export type WebSocketGatewayOptions = StagedGatewayOptions & { limits?: Partial<WebSocketLimits> };

/** What `connect` answers: an open connection, or the HTTP response that refused the upgrade. */
export type WebSocketConnectResult =
  /**
   * `headers`: what the `$connect` integration's result asks the handshake response to carry, e.g.
   * `Sec-WebSocket-Protocol` (websocket-connect-route-subprotocol.html); the adapter adds them to its 101 response.
   */
  | { accepted: true; connectionId: string; trace: WebSocketTrace; headers?: Array<[string, string]> }
  | { accepted: false; response: Response; trace: WebSocketTrace };

/** One open connection, as `connections()` lists it. */
export interface WebSocketConnectionInfo {
  connectionId: string;
  connectedAt: number;
  lastActiveAt: number;
  sourceIp: string;
}

/**
 * A WebSocket API's gateway: connections, route selection, the routes' integrations, route responses, and the
 * `@connections` management API. Pure: adapters (a `ws` server, the page's worker) carry the frames.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-overview.html
 */
export class WebSocketGateway {
  readonly region: string;
  readonly accountId: string;
  readonly limits: WebSocketLimits;
  protected readonly now: () => number;
  protected readonly registry: StageRegistry<WebSocketApiModel>;
  protected readonly iam: IamRegistry;
  readonly #runner: FunctionRunner;
  readonly #open = new ConnectionTable();
  readonly #listeners = new Set<(trace: WebSocketTrace) => void>();

  constructor(options: WebSocketGatewayOptions) {
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '123456789012';
    this.now = options.now ?? Date.now;
    this.limits = { ...WEBSOCKET_LIMITS, ...(options.limits ?? {}) };
    this.registry = new StageRegistry(this.now);
    this.iam = new IamRegistry(this.accountId);
    this.#runner = {
      invoke: options.invoke,
      home: { region: this.region, accountId: this.accountId, functionTimeoutMs: options.functionTimeoutMs ?? 30_000 },
    };
  }

  /** CreateDeployment: freezes a snapshot of the API (open connections keep the deployment they connected to). */
  deploy(api: WebSocketApiModel, description = ''): DeploymentOf<WebSocketApiModel> {
    return this.registry.deploy(api, description);
  }

  /** CreateStage / UpdateStage. */
  putStage(stage: { name: string; deploymentId: string; variables?: Record<string, string> }): Stage {
    return this.registry.putStage(stage);
  }

  /** The stages, in creation order. */
  stages(): Stage[] {
    return this.registry.stages();
  }

  /** The deployment a stage serves. */
  deploymentOf(stageName: string): DeploymentOf<WebSocketApiModel> | undefined {
    return this.registry.deploymentOf(stageName);
  }

  /** Accepts an access key that may sign `@connections` calls (and an AWS_IAM `$connect`). */
  putCredentials(credentials: CredentialsInput): IamPrincipal {
    return this.iam.putCredentials(credentials);
  }

  /** Sets a principal's identity policy (`execute-api:Invoke` on `$connect`, `execute-api:ManageConnections`). */
  putIdentityPolicy(arn: string, policyDocument: unknown): void {
    this.iam.putIdentityPolicy(arn, policyDocument);
  }

  /**
   * The client's upgrade request (GET https://HOST/STAGE?query): runs `$connect` (its authorizer, then its
   * integration); "until execution of the integration associated with the $connect route is completed, the upgrade
   * request is pending". Accepted → the connection is open; refused → the HTTP response. `rawHeaders`: the request's
   * headers in wire order and case, when the adapter has them (the Fetch API lower-cases names).
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-keys-connect-disconnect.html
   */
  async connect(
    request: Request,
    transport: WebSocketClientTransport,
    options: { sourceIp?: string; rawHeaders?: HeaderList } = {},
  ): Promise<WebSocketConnectResult> {
    const started = monotonic();
    const epochMs = this.now();
    const url = new URL(request.url);
    const connectionId = newWebSocketId();
    const requestId = newWebSocketId();
    const segments = url.pathname.split('/').filter(Boolean);
    const stageName = segments.length === 1 ? safeDecode(segments[0]!) : '';
    const trace = newWebSocketTrace('CONNECT', connectionId, requestId, stageName, epochMs);
    trace.routeKey = '$connect';
    const refuse = (refusal: Refusal): WebSocketConnectResult => {
      trace.status = refusal.status;
      trace.error = refusal.reason;
      return this.#finish<WebSocketConnectResult>(
        { accepted: false, response: refusalResponse(refusal, requestId), trace },
        started,
      );
    };

    const stage = stageName ? this.registry.stage(stageName) : undefined;
    const deployment = stage && this.registry.deploymentOf(stage);
    // An unknown stage or a path below the stage: assumed refused as REST APIs refuse unknown paths (403).
    if (!stage || !deployment)
      return refuse(REFUSALS.forbidden(`no stage "${url.pathname.slice(1)}" (wss://HOST/STAGE)`));
    const context = newConnectContext({
      runner: this.#runner,
      iam: this.iam,
      region: this.region,
      accountId: this.accountId,
      url,
      headers: options.rawHeaders ?? headerListOf(request.headers),
      sourceIp: options.sourceIp ?? '127.0.0.1',
      transport,
      stage,
      deployment,
      connectionId,
      requestId,
      epochMs,
      trace,
    });
    const denied = await authorizeConnect(context);
    if (denied) return refuse(denied);
    const integrated = await integrateConnect(context);
    if ('status' in integrated) return refuse(integrated);
    this.#open.add(context.connection);
    return this.#finish<WebSocketConnectResult>(
      { accepted: true, connectionId, trace, ...(integrated.headers ? { headers: integrated.headers } : {}) },
      started,
    );
  }

  /**
   * One whole message from the client: the 128 KB quota, route selection, the route's integration, and for a two-way
   * route the integration's answer sent back; API Gateway's error frames when no route matches or the integration
   * fails. A binary message closes the connection with 1003, as AWS does.
   */
  async receive(connectionId: string, data: string | Uint8Array): Promise<WebSocketTrace> {
    const started = monotonic();
    const epochMs = this.now();
    const connection = this.#open.get(connectionId);
    const requestId = newWebSocketId();
    const trace = newWebSocketTrace('MESSAGE', connectionId, requestId, connection?.stage.name ?? '', epochMs);
    if (!connection) {
      trace.error = 'no open connection with this id';
      return this.#finish(trace, started);
    }
    if (messageBytes(data) > this.limits.messageBytes) {
      // "If a larger message (or larger frame size) is received, the connection is closed with code 1009" (quotas).
      return this.#closeByGateway(
        connection,
        WEBSOCKET_CLOSE.tooBig,
        `Message too long: ${messageBytes(data)} bytes, over the ${this.limits.messageBytes}-byte quota`,
        started,
        epochMs,
      );
    }
    if (typeof data !== 'string')
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-binary-media-types.html
      return this.#closeByGateway(
        connection,
        WEBSOCKET_CLOSE.binary,
        'a binary frame: WebSocket APIs take text frames only',
        started,
        epochMs,
      );
    connection.lastActiveAt = epochMs;
    const api = connection.deployment.api;
    const { route } = selectRoute(api, data);
    if (!route) {
      trace.error = `${FRAME_MESSAGES.noRoute}: no route matches the message and the API has no $default route`;
      this.#send(connection, gatewayErrorFrame(FRAME_MESSAGES.noRoute, connectionId, requestId), trace);
      return this.#finish(trace, started);
    }
    trace.routeKey = route.key;
    const integration = integrationOf(api, route);
    if (!integration) {
      trace.error = `${FRAME_MESSAGES.internal}: route ${route.key} has no integration (assumed answer)`;
      this.#send(connection, gatewayErrorFrame(FRAME_MESSAGES.internal, connectionId, requestId), trace);
      return this.#finish(trace, started);
    }
    const event = buildWebSocketEvent({
      eventType: 'MESSAGE',
      routeKey: route.key,
      connection,
      stage: connection.stage.name,
      apiId: api.id,
      requestId,
      epochMs,
      messageId: newWebSocketId(),
      body: { text: data, isBase64Encoded: false },
      stageVariables: connection.stage.variables,
    });
    const outcome = await runIntegration(
      this.#runner,
      {
        integration,
        event,
        message: data,
        contextVariables: contextVariables(connection, route.key, requestId, api.id),
        stageVariables: connection.stage.variables,
        epochMs,
      },
      trace,
    );
    if (outcome.kind === 'failed') {
      trace.error = `${outcome.message}: ${outcome.reason}`;
      this.#send(connection, gatewayErrorFrame(outcome.message, connectionId, requestId), trace);
    } else if (isTwoWay(route) && outcome.response !== undefined) {
      this.#send(connection, outcome.response, trace);
    }
    return this.#finish(trace, started);
  }

  /**
   * The client went away (the code and reason of its close frame): the connection is closed and `$disconnect` runs,
   * "a best-effort event". Null for a connection that is not open.
   */
  async disconnect(connectionId: string, code: number, reason: string): Promise<WebSocketTrace | null> {
    const connection = this.#open.get(connectionId);
    if (!connection) return null;
    this.#open.remove(connectionId);
    return this.#runDisconnect(connection, code, disconnectReasonOf(code, reason));
  }

  /** True for `/{stage}/@connections/{id}` (also `%40connections`). */
  isManagementRequest(request: Request): boolean {
    return parseManagementPath(new URL(request.url).pathname) !== null;
  }

  /**
   * The `@connections` API, SigV4-verified: POST sends the body to the client, GET answers the connection's
   * `connectedAt`, `identity` and `lastActiveAt`, DELETE closes it (and `$disconnect` runs, not awaited: the caller
   * may be the function `$disconnect` invokes). A connection that is not open: 410 `GoneException`.
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-how-to-call-websocket-api-connections.html
   */
  async handleManagement(
    request: Request,
    options: { sourceIp?: string; rawHeaders?: HeaderList } = {},
  ): Promise<{ response: Response; trace: WebSocketTrace }> {
    const started = monotonic();
    const epochMs = this.now();
    const url = new URL(request.url);
    const parsed = parseManagementPath(url.pathname);
    const requestId = newRequestId();
    const trace = newWebSocketTrace('MANAGEMENT', parsed?.connectionId ?? '', requestId, parsed?.stage ?? '', epochMs);
    trace.management = { method: request.method, path: url.pathname };
    const answer = ({ status, body, errorType, reason }: ManagementAnswer) => {
      trace.status = status;
      if (reason) trace.error = reason;
      const headers: Record<string, string> = { 'x-amzn-RequestId': requestId };
      if (body !== null) headers['Content-Type'] = 'application/json';
      if (errorType) headers['x-amzn-ErrorType'] = errorType;
      return this.#finish({ response: new Response(body, { status, headers }), trace }, started);
    };

    const stage = parsed ? this.registry.stage(parsed.stage) : undefined;
    const deployment = stage && this.registry.deploymentOf(stage);
    if (!parsed || !stage || !deployment) return answer(MANAGEMENT_ANSWERS.noStage(url.pathname));
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : null;
    const headers = options.rawHeaders ?? headerListOf(request.headers);
    const method = request.method.toUpperCase();
    const { authorizeManagement } = await loadManagementAuth();
    const auth = await authorizeManagement(this.iam, {
      method,
      path: url.pathname,
      rawQuery: url.search.slice(1),
      headers,
      host: lastHeader(headers, 'host') ?? url.host,
      body,
      epochMs,
      region: this.region,
      resourceArn: `arn:aws:execute-api:${this.region}:${this.accountId}:${deployment.api.id}/${stage.name}/${method}/@connections/${parsed.connectionId}`,
    });
    if ('status' in auth) return answer({ ...auth });
    trace.management.caller = auth.principal.arn;
    if (method !== 'POST' && method !== 'GET' && method !== 'DELETE')
      return answer(MANAGEMENT_ANSWERS.notAMethod(method));

    const connection = this.#open.get(parsed.connectionId);
    if (!connection || connection.stage.name !== stage.name)
      return answer(MANAGEMENT_ANSWERS.gone(parsed.connectionId));
    if (method === 'GET') return answer(connectionInfo(connection));
    if (method === 'DELETE') {
      const answered = answer(MANAGEMENT_ANSWERS.deleted());
      void this.#closeByGateway(
        connection,
        WEBSOCKET_CLOSE.deleted,
        `DeleteConnection by ${auth.principal.arn}`,
        monotonic(),
        this.now(),
      );
      return answered;
    }
    const payload = body ?? new Uint8Array();
    if (payload.length > this.limits.messageBytes)
      return answer(MANAGEMENT_ANSWERS.tooLarge(payload.length, this.limits.messageBytes));
    this.#send(connection, outgoingFrame(payload), trace);
    return answer(MANAGEMENT_ANSWERS.posted());
  }

  /**
   * Closes connections past the idle timeout (no message from the client for `idleTimeoutMs`) or the maximum
   * duration (`maxDurationMs` since connecting); `$disconnect` runs for each, not awaited.
   */
  sweep(): void {
    const now = this.now();
    for (const connection of this.#open.all()) {
      if (now - connection.connectedAt >= this.limits.maxDurationMs)
        void this.#closeByGateway(
          connection,
          WEBSOCKET_CLOSE.maxDuration,
          `the connection reached the maximum duration (${this.limits.maxDurationMs} ms)`,
          monotonic(),
          now,
        );
      else if (now - connection.lastActiveAt >= this.limits.idleTimeoutMs)
        void this.#closeByGateway(
          connection,
          WEBSOCKET_CLOSE.idle,
          `the connection was idle for ${this.limits.idleTimeoutMs} ms`,
          monotonic(),
          now,
        );
    }
  }

  /** Every trace as it completes; returns the unsubscribe function. */
  onTrace(listener: (trace: WebSocketTrace) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The open connections. */
  connections(): WebSocketConnectionInfo[] {
    return this.#open.all().map((c) => ({
      connectionId: c.id,
      connectedAt: c.connectedAt,
      lastActiveAt: c.lastActiveAt,
      sourceIp: c.sourceIp,
    }));
  }

  /** The gateway closes a connection: the close frame, a CLOSE trace, then `$disconnect` (its own trace). */
  async #closeByGateway(
    connection: Connection,
    close: { code: number; reason: string },
    why: string,
    started: number,
    epochMs: number,
  ): Promise<WebSocketTrace> {
    if (!this.#open.remove(connection.id)) {
      const trace = newWebSocketTrace('CLOSE', connection.id, newWebSocketId(), connection.stage.name, epochMs);
      trace.error = 'already closed';
      return this.#finish(trace, started);
    }
    const trace = newWebSocketTrace('CLOSE', connection.id, newWebSocketId(), connection.stage.name, epochMs);
    trace.closeCode = close.code;
    trace.closeReason = close.reason;
    trace.error = why;
    try {
      connection.transport.close(close.code, close.reason);
    } catch {
      // the client's transport is already gone
    }
    this.#finish(trace, started);
    void this.#runDisconnect(connection, close.code, close.reason);
    return trace;
  }

  /** `$disconnect` for a closed connection: best effort, nothing is sent. */
  async #runDisconnect(connection: Connection, code: number, reason: string): Promise<WebSocketTrace> {
    const started = monotonic();
    const epochMs = this.now();
    const requestId = newWebSocketId();
    const api = connection.deployment.api;
    const trace = newWebSocketTrace('DISCONNECT', connection.id, requestId, connection.stage.name, epochMs);
    trace.routeKey = '$disconnect';
    trace.closeCode = code;
    trace.closeReason = reason;
    const route = api.routes.find((r) => r.key === '$disconnect');
    const integration = route && integrationOf(api, route);
    if (integration) {
      try {
        const outcome = await runIntegration(
          this.#runner,
          {
            integration,
            event: buildWebSocketEvent({
              eventType: 'DISCONNECT',
              routeKey: '$disconnect',
              connection,
              stage: connection.stage.name,
              apiId: api.id,
              requestId,
              epochMs,
              disconnect: { statusCode: code, reason },
              stageVariables: connection.stage.variables,
            }),
            message: '',
            contextVariables: contextVariables(connection, '$disconnect', requestId, api.id),
            stageVariables: connection.stage.variables,
            epochMs,
          },
          trace,
        );
        if (outcome.kind === 'failed') trace.error = `${outcome.message}: ${outcome.reason}`;
      } catch (error) {
        trace.error = `$disconnect failed: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    return this.#finish(trace, started);
  }

  /** Sends one frame to a client, recorded in the trace; a transport that fails is left alone. */
  #send(connection: Connection, data: string | Uint8Array, trace: WebSocketTrace): void {
    if (this.#open.get(connection.id) !== connection) {
      // Closed while its message was handled (a DeleteConnection from its own route's function): nothing to send on.
      trace.error = `connection ${connection.id} closed before the frame could be sent`;
      return;
    }
    try {
      connection.transport.send(data);
      trace.sent.push({ connectionId: connection.id, data: traceText(data) });
    } catch (error) {
      trace.error = `sending to ${connection.id} failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** Completes a trace (its duration) and tells the listeners. */
  #finish<T extends WebSocketTrace | { trace: WebSocketTrace }>(value: T, started: number): T {
    const trace = 'trace' in value ? value.trace : (value as WebSocketTrace);
    trace.durationMs = monotonic() - started;
    for (const listener of this.#listeners) {
      try {
        listener(trace);
      } catch {
        // a listener's fault is not the gateway's
      }
    }
    return value;
  }
}

/** A path segment percent-decoded; itself when it cannot be. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

import type { HeaderList } from '../../../shared/headers.js';
import { lastHeader } from '../../../shared/headers.js';
import type { IamRegistry } from '../../../shared/iam/principals.js';
import type { DeploymentOf, Stage } from '../../../shared/stage-registry.js';
import { traceIdOf } from '../../../shared/trace-id.js';
import type { Connection } from '../../connection.js';
import { upgradeEventHeaders, type WebSocketEventInput } from '../../event.js';
import type { WebSocketApiModel, WebSocketRoute } from '../../model.js';
import type { WebSocketClientTransport, WebSocketTrace } from '../../trace.js';
import type { FunctionRunner } from '../invoke-function.js';

/** What the `$connect` steps work on: the upgrade request, the connection-to-be, its route and its trace. */
export interface ConnectContext {
  runner: FunctionRunner;
  iam: IamRegistry;
  region: string;
  url: URL;
  /** The upgrade request's headers, in wire order and case. */
  headers: HeaderList;
  host: string;
  rawQuery: string;
  /** The headers the CONNECT event and the authorizer's input show. */
  eventHeaders: HeaderList;
  connection: Connection;
  api: WebSocketApiModel;
  stage: Stage;
  route: WebSocketRoute | undefined;
  /** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/$connect`. */
  routeArn: string;
  requestId: string;
  epochMs: number;
  trace: WebSocketTrace;
}

/** The context of one upgrade request to a deployed stage. */
export function newConnectContext(init: {
  runner: FunctionRunner;
  iam: IamRegistry;
  region: string;
  accountId: string;
  url: URL;
  headers: HeaderList;
  sourceIp: string;
  transport: WebSocketClientTransport;
  stage: Stage;
  deployment: DeploymentOf<WebSocketApiModel>;
  connectionId: string;
  requestId: string;
  epochMs: number;
  trace: WebSocketTrace;
}): ConnectContext {
  const { url, headers, stage, deployment, epochMs } = init;
  const api = deployment.api;
  const host = lastHeader(headers, 'host') ?? url.host;
  const secure = url.protocol === 'wss:' || url.protocol === 'https:';
  return {
    runner: init.runner,
    iam: init.iam,
    region: init.region,
    url,
    headers,
    host,
    rawQuery: url.search.slice(1),
    eventHeaders: upgradeEventHeaders(headers, {
      host,
      traceId: traceIdOf(lastHeader(headers, 'x-amzn-trace-id'), epochMs),
      sourceIp: init.sourceIp,
      port: url.port || (secure ? '443' : '80'),
      proto: secure ? 'https' : 'http',
    }),
    connection: {
      id: init.connectionId,
      transport: init.transport,
      stage,
      deployment,
      domainName: host.replace(/:\d+$/, ''),
      sourceIp: init.sourceIp,
      userAgent: lastHeader(headers, 'user-agent'),
      connectedAt: epochMs,
      lastActiveAt: epochMs,
    },
    api,
    stage,
    route: api.routes.find((r) => r.key === '$connect'),
    routeArn: `arn:aws:execute-api:${init.region}:${init.accountId}:${api.id}/${stage.name}/$connect`,
    requestId: init.requestId,
    epochMs,
    trace: init.trace,
  };
}

/** The CONNECT event's input (the authorizer's request context and the integration's event are built from it). */
export function connectEventInput(context: ConnectContext): WebSocketEventInput {
  return {
    eventType: 'CONNECT',
    routeKey: '$connect',
    connection: context.connection,
    stage: context.stage.name,
    apiId: context.api.id,
    requestId: context.requestId,
    epochMs: context.epochMs,
    upgrade: { headers: context.eventHeaders, rawQuery: context.rawQuery },
    stageVariables: context.stage.variables,
  };
}

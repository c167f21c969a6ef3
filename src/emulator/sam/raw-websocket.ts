import { parseWebSocketApi } from '../websocket/definition.js';
import { WebSocketDefinitionError, type WebSocketApiDocument } from '../websocket/document.js';
import { lambdaInvocationUri } from './auth.js';
import { TemplateError } from './errors.js';
import { physicalId } from './ids.js';
import type { TemplateStage, TemplateWebSocketApi } from './model.js';
import type { Stack } from './stack.js';
import { stringMap } from './stage-settings.js';

type Json = Record<string, unknown>;

/** The properties of each V2 resource a WebSocket API is read from; any other is reported as not emulated. */
const READ: Record<string, ReadonlySet<string>> = {
  'AWS::ApiGatewayV2::Api': new Set([
    'Name',
    'ProtocolType',
    'RouteSelectionExpression',
    'ApiKeySelectionExpression',
    'Description',
    'DisableExecuteApiEndpoint',
    'DisableSchemaValidation',
    'Version',
    'Tags',
  ]),
  'AWS::ApiGatewayV2::Route': new Set([
    'ApiId',
    'RouteKey',
    'Target',
    'AuthorizationType',
    'AuthorizerId',
    'OperationName',
    'RouteResponseSelectionExpression',
    'ApiKeyRequired',
  ]),
  'AWS::ApiGatewayV2::RouteResponse': new Set(['ApiId', 'RouteId', 'RouteResponseKey']),
  'AWS::ApiGatewayV2::Integration': new Set([
    'ApiId',
    'IntegrationType',
    'IntegrationUri',
    'IntegrationMethod',
    'Description',
    'ContentHandlingStrategy',
    'TimeoutInMillis',
    'TemplateSelectionExpression',
    'RequestTemplates',
    'PassthroughBehavior',
    'PayloadFormatVersion',
    'ConnectionType',
  ]),
  'AWS::ApiGatewayV2::IntegrationResponse': new Set([
    'ApiId',
    'IntegrationId',
    'IntegrationResponseKey',
    'ResponseTemplates',
    'TemplateSelectionExpression',
    'ContentHandlingStrategy',
  ]),
  'AWS::ApiGatewayV2::Authorizer': new Set(['ApiId', 'Name', 'AuthorizerType', 'AuthorizerUri', 'IdentitySource']),
  'AWS::ApiGatewayV2::Deployment': new Set(['ApiId', 'Description', 'StageName']),
  // L: the WebSocket gateway has no stage throttling or access log: DefaultRouteSettings, RouteSettings and
  // AccessLogSettings are reported as not emulated.
  'AWS::ApiGatewayV2::Stage': new Set(['ApiId', 'StageName', 'DeploymentId', 'StageVariables', 'Description', 'Tags']),
};

/** V2 resource types a WebSocket API is made of, besides the Api itself (loadTemplate's HANDLED list takes them). */
export const WEBSOCKET_RESOURCE_TYPES = ['AWS::ApiGatewayV2::RouteResponse', 'AWS::ApiGatewayV2::IntegrationResponse'];

/**
 * `AWS::ApiGatewayV2::Api` WebSocket APIs (`ProtocolType: WEBSOCKET`) and their `Route`, `RouteResponse`,
 * `Integration`, `IntegrationResponse`, `Authorizer` (REQUEST), `Deployment` and `Stage` resources, as the
 * definition the WebSocket gateway serves (src/emulator/websocket/document.ts). Ids are what `Ref` gives: the API's
 * 10 characters, a route's or integration's 7. Properties the gateway does not apply go to `unread`
 * (`SendRoute.RequestModels`). Throws TemplateError naming the resource and property.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-route.html
 */
export function rawWebSocketApis(stack: Stack, unread: string[]): TemplateWebSocketApi[] {
  const apis: TemplateWebSocketApi[] = [];
  const partition = stack.ctx.parameters['AWS::Partition'];
  // L: a Lambda function ARN written as the URI (as HTTP APIs accept) is taken as its invocation URI.
  const uriOf = (uri: unknown) =>
    typeof uri === 'string' && /^arn:[^:]+:lambda:/.test(uri)
      ? lambdaInvocationUri(partition, stack.env.region, uri)
      : uri;
  const note = (logicalId: string, type: string, p: Json) => {
    for (const k of Object.keys(p)) if (!READ[type]!.has(k)) unread.push(`${logicalId}.${k}`);
  };
  /** The resources of `type` whose ApiId is `apiId`, with their evaluated properties. */
  // Each resource's properties evaluated once: responses are looked up per integration and route, then checked.
  const read = new Map<string, Array<{ logicalId: string; p: Json }>>();
  const ofType = (type: string) => {
    let list = read.get(type);
    if (!list)
      read.set(type, (list = stack.ofType(type).map((r) => ({ logicalId: r.logicalId, p: stack.props(r.logicalId) }))));
    return list;
  };
  const ofApi = (type: string, apiId: string) => ofType(type).filter((r) => r.p.ApiId === apiId);

  for (const { logicalId } of stack.ofType('AWS::ApiGatewayV2::Api')) {
    const p = stack.props(logicalId);
    if (p.ProtocolType !== 'WEBSOCKET') continue;
    const where = `Resources.${logicalId}.Properties`;
    note(logicalId, 'AWS::ApiGatewayV2::Api', p);
    const apiId = physicalId(logicalId);
    const requireString = (value: unknown, at: string, what: string) => {
      if (typeof value !== 'string' || !value) throw new TemplateError(`${at}: required (${what})`);
      return value;
    };
    const api: WebSocketApiDocument['Api'] = {
      ApiEndpoint: `wss://${apiId}.execute-api.${stack.env.region}.amazonaws.com`,
      ApiId: apiId,
      Name: requireString(p.Name, `${where}.Name`, 'the API name'),
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: requireString(
        p.RouteSelectionExpression,
        `${where}.RouteSelectionExpression`,
        'a WebSocket API selects routes by it, e.g. $request.body.action',
      ),
      ...copy(p, ['ApiKeySelectionExpression', 'Description', 'DisableExecuteApiEndpoint']),
    };

    // Integrations (with their IntegrationResponses), by the id Ref gives them.
    const integrationIds: string[] = [];
    const integrations: WebSocketApiDocument['Integrations'] = ofApi('AWS::ApiGatewayV2::Integration', apiId).map(
      ({ logicalId: id, p: ip }) => {
        note(id, 'AWS::ApiGatewayV2::Integration', ip);
        integrationIds.push(id);
        const integrationId = physicalId(id, 7);
        const responses = ofApi('AWS::ApiGatewayV2::IntegrationResponse', apiId)
          .filter((r) => r.p.IntegrationId === integrationId)
          .map(({ logicalId: rid, p: rp }) => {
            note(rid, 'AWS::ApiGatewayV2::IntegrationResponse', rp);
            return {
              IntegrationResponseId: physicalId(rid, 7),
              IntegrationResponseKey: requireString(
                rp.IntegrationResponseKey,
                `Resources.${rid}.Properties.IntegrationResponseKey`,
                '$default or /4\\d{2}/',
              ),
              ...copy(rp, ['ResponseTemplates', 'TemplateSelectionExpression', 'ContentHandlingStrategy']),
            };
          });
        return {
          IntegrationId: integrationId,
          IntegrationType: String(
            ip.IntegrationType ?? '',
          ) as WebSocketApiDocument['Integrations'][number]['IntegrationType'],
          ...(ip.IntegrationUri === undefined ? {} : { IntegrationUri: uriOf(ip.IntegrationUri) as string }),
          ...copy(ip, [
            'IntegrationMethod',
            'ContentHandlingStrategy',
            'TimeoutInMillis',
            'TemplateSelectionExpression',
            'RequestTemplates',
            'PassthroughBehavior',
            'PayloadFormatVersion',
            'ConnectionType',
            'Description',
          ]),
          ...(responses.length ? { IntegrationResponses: responses } : {}),
        };
      },
    );

    const authorizerIds: string[] = [];
    const authorizers: NonNullable<WebSocketApiDocument['Authorizers']> = ofApi(
      'AWS::ApiGatewayV2::Authorizer',
      apiId,
    ).map(({ logicalId: id, p: ap }) => {
      note(id, 'AWS::ApiGatewayV2::Authorizer', ap);
      authorizerIds.push(id);
      const sources = Array.isArray(ap.IdentitySource)
        ? ap.IdentitySource.map(String)
        : typeof ap.IdentitySource === 'string'
          ? [ap.IdentitySource]
          : undefined;
      return {
        AuthorizerId: physicalId(id),
        Name: typeof ap.Name === 'string' && ap.Name ? ap.Name : id,
        AuthorizerType: String(ap.AuthorizerType) as 'REQUEST',
        AuthorizerUri: uriOf(ap.AuthorizerUri) as string,
        ...(sources ? { IdentitySource: sources } : {}),
      };
    });

    const routeIds: string[] = [];
    const routes: WebSocketApiDocument['Routes'] = ofApi('AWS::ApiGatewayV2::Route', apiId).map(
      ({ logicalId: id, p: rp }) => {
        const rw = `Resources.${id}.Properties`;
        note(id, 'AWS::ApiGatewayV2::Route', rp);
        routeIds.push(id);
        const routeId = physicalId(id, 7);
        let target: string | undefined;
        if (rp.Target !== undefined) {
          const ref = typeof rp.Target === 'string' ? /^integrations\/(.+)$/.exec(rp.Target)?.[1] : undefined;
          const integration = ref === undefined ? undefined : stack.logicalIdOf(ref);
          if (!integration || !integrationIds.includes(integration))
            throw new TemplateError(
              `${rw}.Target: ${JSON.stringify(rp.Target)} names no AWS::ApiGatewayV2::Integration of ${logicalId} (expected !Join ['/', [integrations, !Ref INTEGRATION]])`,
            );
          target = `integrations/${ref}`;
        }
        let authorizerId: string | undefined;
        if (rp.AuthorizerId !== undefined) {
          const authorizer = stack.logicalIdOf(rp.AuthorizerId);
          if (!authorizer || !authorizerIds.includes(authorizer))
            throw new TemplateError(
              `${rw}.AuthorizerId: must be !Ref of an AWS::ApiGatewayV2::Authorizer of ${logicalId}`,
            );
          authorizerId = String(rp.AuthorizerId);
        }
        const responses = ofApi('AWS::ApiGatewayV2::RouteResponse', apiId)
          .filter((r) => r.p.RouteId === routeId)
          .map(({ logicalId: rid, p: rr }) => {
            note(rid, 'AWS::ApiGatewayV2::RouteResponse', rr);
            return {
              RouteResponseId: physicalId(rid, 7),
              RouteResponseKey: requireString(
                rr.RouteResponseKey,
                `Resources.${rid}.Properties.RouteResponseKey`,
                '$default',
              ),
            };
          });
        return {
          RouteId: routeId,
          RouteKey: requireString(rp.RouteKey, `${rw}.RouteKey`, '$connect, $disconnect, $default or a custom key'),
          AuthorizationType: String(rp.AuthorizationType ?? 'NONE').toUpperCase() as 'NONE',
          ...(authorizerId === undefined ? {} : { AuthorizerId: authorizerId }),
          ...(target === undefined ? {} : { Target: target }),
          ...copy(rp, ['OperationName', 'RouteResponseSelectionExpression', 'ApiKeyRequired']),
          ...(responses.length ? { RouteResponses: responses } : {}),
        };
      },
    );
    // A RouteResponse or IntegrationResponse whose parent is not of this API.
    for (const [type, key, known] of [
      ['AWS::ApiGatewayV2::RouteResponse', 'RouteId', routeIds],
      ['AWS::ApiGatewayV2::IntegrationResponse', 'IntegrationId', integrationIds],
    ] as const)
      for (const r of ofApi(type, apiId)) {
        const parent = stack.logicalIdOf(r.p[key]);
        if (!parent || !(known as readonly string[]).includes(parent))
          throw new TemplateError(
            `Resources.${r.logicalId}.Properties.${key}: must be !Ref of an ${type.replace(/Response$/, '')} of ${logicalId}`,
          );
      }

    const document = { Api: api, Routes: routes, Integrations: integrations } as TemplateWebSocketApi['document'];
    if (authorizers.length) document.Authorizers = authorizers;
    // What the gateway cannot serve (an integration type it does not emulate, a field AWS would refuse) makes this API
    // unservable, not the template: another API of it may still be served (as REST/HTTP APIs are imported when chosen).
    let unservable: string | undefined;
    try {
      validate(document, stack, {
        api: logicalId,
        routes: routeIds,
        integrations: integrationIds,
        authorizers: authorizerIds,
      });
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      unservable = error.message;
    }

    const stages: TemplateStage[] = [];
    for (const { logicalId: id, p: sp } of ofApi('AWS::ApiGatewayV2::Stage', apiId)) {
      note(id, 'AWS::ApiGatewayV2::Stage', sp);
      const name = requireString(sp.StageName, `Resources.${id}.Properties.StageName`, 'the stage name');
      if (!stages.some((s) => s.name === name)) stages.push({ name, variables: stringMap(sp.StageVariables) });
    }
    // A Deployment's StageName creates that stage too (AWS::ApiGatewayV2::Deployment).
    for (const { logicalId: id, p: dp } of ofApi('AWS::ApiGatewayV2::Deployment', apiId)) {
      note(id, 'AWS::ApiGatewayV2::Deployment', dp);
      if (typeof dp.StageName === 'string' && dp.StageName && !stages.some((s) => s.name === dp.StageName))
        stages.push({ name: dp.StageName, variables: {} });
    }
    // L: a WebSocket API without a Stage is not reachable on AWS; it is served on a stage named "dev" (serve's default).
    if (!stages.length) stages.push({ name: 'dev', variables: {} });
    apis.push({
      logicalId,
      kind: 'WEBSOCKET',
      source: 'AWS::ApiGatewayV2::Api',
      apiId,
      document,
      stages,
      stageName: stages[0]!.name,
      variables: stages[0]!.variables,
      ...(unservable === undefined ? {} : { unservable }),
    });
  }
  return apis;
}

/** The properties among `keys` that `p` has, as they are. */
function copy(p: Json, keys: readonly string[]): Json {
  const out: Json = {};
  for (const k of keys) if (p[k] !== undefined) out[k] = p[k];
  return out;
}

/**
 * Checks the document as the WebSocket gateway reads it; its one-line error (`Routes[2].RouteKey: …`) is put back in
 * the template's words (`Resources.SendRoute.Properties.RouteKey: …`).
 */
function validate(
  document: WebSocketApiDocument,
  stack: Stack,
  ids: { api: string; routes: string[]; integrations: string[]; authorizers: string[] },
): void {
  try {
    parseWebSocketApi(document);
  } catch (error) {
    if (!(error instanceof WebSocketDefinitionError)) throw error;
    // An integration response's field: that IntegrationResponse resource's property.
    const r = /^Integrations\[(\d+)\]\.IntegrationResponses\[(\d+)\]\.(\w+)(.*)$/s.exec(error.message);
    if (r) {
      const response = document.Integrations[Number(r[1])]?.IntegrationResponses?.[Number(r[2])];
      const id = stack.logicalIdOf(response?.IntegrationResponseId);
      if (id) throw new TemplateError(`Resources.${id}.Properties.${r[3]}${r[4]}`);
    }
    const lists: Record<string, string[]> = {
      Routes: ids.routes,
      Integrations: ids.integrations,
      Authorizers: ids.authorizers,
    };
    const m = /^(Routes|Integrations|Authorizers)\[(\d+)\](?:\.(\w+)(?:\[\d+\])?)?(.*)$/s.exec(error.message);
    if (m) {
      const id = lists[m[1]!]![Number(m[2])];
      throw new TemplateError(`Resources.${id}.Properties${m[3] ? `.${m[3]}` : ''}${m[4]}`);
    }
    const a = /^Api\.(\w+)(.*)$/s.exec(error.message);
    if (a) throw new TemplateError(`Resources.${ids.api}.Properties.${a[1]}${a[2]}`);
    throw new TemplateError(`Resources.${ids.api}: ${error.message}`);
  }
}

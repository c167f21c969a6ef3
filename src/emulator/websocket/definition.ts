import { functionNameFromUri } from '../rest/openapi-import.js';
import { stableId } from '../shared/ids.js';
import { WebSocketDefinitionError, type WebSocketApiDocument } from './document.js';
import type { WebSocketApiModel, WebSocketAuthorizer, WebSocketIntegration, WebSocketRoute } from './model.js';
import { parseSelectionExpression } from './selection-expression.js';

/**
 * Reads a WebSocket API definition (`{"Api": get-api, "Routes": get-routes Items, "Integrations": get-integrations
 * Items}`, already parsed from JSON or YAML by the caller). Throws a one-line {@link WebSocketDefinitionError} naming
 * the field at fault.
 */
export function parseWebSocketApi(doc: unknown): WebSocketApiModel {
  const root = objectAt(doc, 'the definition');
  const api = objectAt(root.Api, 'Api');
  const name = stringAt(api.Name, 'Api.Name');
  if (api.ProtocolType !== 'WEBSOCKET')
    fail(`Api.ProtocolType: must be "WEBSOCKET" (got ${JSON.stringify(api.ProtocolType)})`);
  const routeSelectionExpression = stringAt(api.RouteSelectionExpression, 'Api.RouteSelectionExpression');
  checkExpression(routeSelectionExpression, 'Api.RouteSelectionExpression');
  if (api.ApiId !== undefined && !/^[a-z0-9]{1,64}$/.test(stringAt(api.ApiId, 'Api.ApiId')))
    fail(`Api.ApiId: "${String(api.ApiId)}" is not an API id (lower-case letters and digits)`);

  const integrations = arrayAt(root.Integrations, 'Integrations').map((item, i) =>
    integrationOf(item, `Integrations[${i}]`),
  );
  unique(
    integrations.map((x) => x.id),
    'Integrations',
    'IntegrationId',
  );
  const authorizers =
    root.Authorizers === undefined
      ? []
      : arrayAt(root.Authorizers, 'Authorizers').map((item, i) => authorizerOf(item, `Authorizers[${i}]`));
  unique(
    authorizers.map((x) => x.id),
    'Authorizers',
    'AuthorizerId',
  );
  const routes = arrayAt(root.Routes, 'Routes').map((item, i) =>
    routeOf(item, `Routes[${i}]`, new Set(integrations.map((x) => x.id)), new Set(authorizers.map((x) => x.id))),
  );
  unique(
    routes.map((x) => x.key),
    'Routes',
    'RouteKey',
  );

  return {
    id: (api.ApiId as string | undefined) ?? stableId(`websocket:${name}`),
    name,
    routeSelectionExpression,
    routes,
    integrations,
    authorizers,
    document: structuredClone(root) as unknown as WebSocketApiDocument,
  };
}

/** Writes a model back as the definition file it came from (with the fields the emulator does not read). */
export function exportWebSocketApi(model: WebSocketApiModel): WebSocketApiDocument {
  const doc = structuredClone(model.document);
  doc.Api.Name = model.name;
  doc.Api.RouteSelectionExpression = model.routeSelectionExpression;
  if (doc.Api.ApiId !== undefined) doc.Api.ApiId = model.id;
  return doc;
}

/** The Lambda functions a WebSocket API calls: its integrations' and its authorizers', each once, in order. */
export function websocketFunctionNamesOf(model: WebSocketApiModel): string[] {
  const names = [
    ...model.integrations.map((x) => x.functionName),
    ...model.authorizers.map((x) => x.functionName),
  ].filter((name): name is string => name !== null);
  return [...new Set(names)];
}

const INTEGRATION_TYPES = ['AWS_PROXY', 'MOCK', 'AWS', 'HTTP', 'HTTP_PROXY'] as const;
const AUTHORIZATION_TYPES = ['NONE', 'AWS_IAM', 'CUSTOM'] as const;
/** The integration timeout's bounds for WebSocket APIs: 50 ms to 29 s, 29 s by default (API_CreateIntegration). */
export const WEBSOCKET_MIN_TIMEOUT_MS = 50;
export const WEBSOCKET_MAX_TIMEOUT_MS = 29_000;

function integrationOf(item: unknown, at: string): WebSocketIntegration {
  const x = objectAt(item, at);
  const id = stringAt(x.IntegrationId, `${at}.IntegrationId`);
  const type = x.IntegrationType as WebSocketIntegration['type'];
  if (!INTEGRATION_TYPES.includes(type))
    fail(`${at}.IntegrationType: must be one of ${INTEGRATION_TYPES.join(', ')} (got ${JSON.stringify(type)})`);
  if (type !== 'AWS_PROXY' && type !== 'MOCK')
    fail(`${at}.IntegrationType: ${type} is not supported by the emulator yet (AWS_PROXY and MOCK are)`);
  let functionName: string | null = null;
  if (type === 'AWS_PROXY') {
    const uri = stringAt(x.IntegrationUri, `${at}.IntegrationUri`);
    functionName = functionNameFromUri(uri);
    if (!functionName)
      fail(
        `${at}.IntegrationUri: "${uri}" is not a Lambda invocation URI (arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/FUNCTION_ARN/invocations)`,
      );
  }
  let timeoutMs = WEBSOCKET_MAX_TIMEOUT_MS;
  if (x.TimeoutInMillis !== undefined) {
    timeoutMs = x.TimeoutInMillis as number;
    if (!Number.isInteger(timeoutMs) || timeoutMs < WEBSOCKET_MIN_TIMEOUT_MS || timeoutMs > WEBSOCKET_MAX_TIMEOUT_MS)
      fail(`${at}.TimeoutInMillis: must be an integer from 50 to 29000 (got ${JSON.stringify(x.TimeoutInMillis)})`);
  }
  const templateSelectionExpression =
    x.TemplateSelectionExpression === undefined
      ? undefined
      : stringAt(x.TemplateSelectionExpression, `${at}.TemplateSelectionExpression`);
  const requestTemplates =
    x.RequestTemplates === undefined ? {} : templatesAt(x.RequestTemplates, `${at}.RequestTemplates`);
  const responses =
    x.IntegrationResponses === undefined
      ? []
      : arrayAt(x.IntegrationResponses, `${at}.IntegrationResponses`).map((r, i) => {
          const where = `${at}.IntegrationResponses[${i}]`;
          const response = objectAt(r, where);
          return {
            key: stringAt(response.IntegrationResponseKey, `${where}.IntegrationResponseKey`),
            templates:
              response.ResponseTemplates === undefined
                ? {}
                : templatesAt(response.ResponseTemplates, `${where}.ResponseTemplates`),
            ...(response.TemplateSelectionExpression === undefined
              ? {}
              : {
                  templateSelectionExpression: stringAt(
                    response.TemplateSelectionExpression,
                    `${where}.TemplateSelectionExpression`,
                  ),
                }),
          };
        });
  return {
    id,
    type,
    functionName,
    timeoutMs,
    ...(templateSelectionExpression === undefined ? {} : { templateSelectionExpression }),
    requestTemplates,
    responses,
  };
}

function authorizerOf(item: unknown, at: string): WebSocketAuthorizer {
  const x = objectAt(item, at);
  const id = stringAt(x.AuthorizerId, `${at}.AuthorizerId`);
  const name = stringAt(x.Name, `${at}.Name`);
  if (x.AuthorizerType !== 'REQUEST')
    fail(
      `${at}.AuthorizerType: WebSocket APIs take "REQUEST" authorizers only (got ${JSON.stringify(x.AuthorizerType)})`,
    );
  const uri = stringAt(x.AuthorizerUri, `${at}.AuthorizerUri`);
  const functionName = functionNameFromUri(uri);
  if (!functionName) fail(`${at}.AuthorizerUri: "${uri}" is not a Lambda invocation URI`);
  const identitySource =
    x.IdentitySource === undefined
      ? []
      : arrayAt(x.IdentitySource, `${at}.IdentitySource`).map((s, i) => {
          const source = stringAt(s, `${at}.IdentitySource[${i}]`);
          if (!/^(route\.request\.(header|querystring)\.[^.\s]+|stageVariables\.\w+|context\.\w+)$/.test(source))
            fail(
              `${at}.IdentitySource[${i}]: "${source}" is not route.request.header.NAME, route.request.querystring.NAME, stageVariables.NAME or context.NAME`,
            );
          return source;
        });
  return { id, name, functionName, identitySource };
}

function routeOf(item: unknown, at: string, integrationIds: Set<string>, authorizerIds: Set<string>): WebSocketRoute {
  const x = objectAt(item, at);
  const key = stringAt(x.RouteKey, `${at}.RouteKey`);
  if (key.startsWith('$') && !['$connect', '$disconnect', '$default'].includes(key))
    fail(
      `${at}.RouteKey: "${key}" is not a predefined route ($connect, $disconnect, $default); custom keys do not start with $`,
    );
  let integrationId: string | undefined;
  if (x.Target !== undefined) {
    const target = stringAt(x.Target, `${at}.Target`);
    const match = /^integrations\/(.+)$/.exec(target);
    if (!match) fail(`${at}.Target: "${target}" must be "integrations/INTEGRATION_ID"`);
    integrationId = match[1]!;
    if (!integrationIds.has(integrationId)) fail(`${at}.Target: no integration "${integrationId}" in Integrations`);
  }
  const authorizationType = (x.AuthorizationType ?? 'NONE') as WebSocketRoute['authorizationType'];
  if (!AUTHORIZATION_TYPES.includes(authorizationType))
    fail(`${at}.AuthorizationType: must be NONE, AWS_IAM or CUSTOM (got ${JSON.stringify(x.AuthorizationType)})`);
  if (authorizationType !== 'NONE' && key !== '$connect')
    fail(`${at}.AuthorizationType: WebSocket APIs authorize on the $connect route only (route "${key}")`);
  let authorizerId: string | undefined;
  if (authorizationType === 'CUSTOM') {
    authorizerId = stringAt(x.AuthorizerId, `${at}.AuthorizerId`);
    if (!authorizerIds.has(authorizerId)) fail(`${at}.AuthorizerId: no authorizer "${authorizerId}" in Authorizers`);
  }
  let routeResponseSelectionExpression: string | undefined;
  if (x.RouteResponseSelectionExpression !== undefined) {
    routeResponseSelectionExpression = stringAt(
      x.RouteResponseSelectionExpression,
      `${at}.RouteResponseSelectionExpression`,
    );
    if (routeResponseSelectionExpression !== '$default')
      fail(
        `${at}.RouteResponseSelectionExpression: WebSocket APIs support "$default" only (got "${routeResponseSelectionExpression}")`,
      );
  }
  const routeResponseKeys =
    x.RouteResponses === undefined
      ? undefined
      : arrayAt(x.RouteResponses, `${at}.RouteResponses`).map((r, i) =>
          stringAt(
            objectAt(r, `${at}.RouteResponses[${i}]`).RouteResponseKey,
            `${at}.RouteResponses[${i}].RouteResponseKey`,
          ),
        );
  return {
    id: x.RouteId === undefined ? stableId(`route:${key}`, 7) : stringAt(x.RouteId, `${at}.RouteId`),
    key,
    ...(integrationId === undefined ? {} : { integrationId }),
    authorizationType,
    ...(authorizerId === undefined ? {} : { authorizerId }),
    ...(routeResponseSelectionExpression === undefined ? {} : { routeResponseSelectionExpression }),
    ...(routeResponseKeys === undefined ? {} : { routeResponseKeys }),
  };
}

function checkExpression(expression: string, at: string): void {
  try {
    parseSelectionExpression(expression);
  } catch (error) {
    fail(`${at}: ${(error as Error).message}`);
  }
}

function fail(message: string): never {
  throw new WebSocketDefinitionError(message);
}

function objectAt(value: unknown, at: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${at}: must be an object`);
  return value as Record<string, unknown>;
}

function arrayAt(value: unknown, at: string): unknown[] {
  if (!Array.isArray(value)) fail(`${at}: must be an array`);
  return value;
}

function stringAt(value: unknown, at: string): string {
  if (typeof value !== 'string' || value === '') fail(`${at}: must be a non-empty string`);
  return value;
}

function templatesAt(value: unknown, at: string): Record<string, string> {
  const x = objectAt(value, at);
  for (const [k, v] of Object.entries(x)) if (typeof v !== 'string') fail(`${at}.${k}: must be a string (a template)`);
  return x as Record<string, string>;
}

function unique(values: string[], at: string, field: string): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v)) fail(`${at}[${i}].${field}: "${v}" appears twice`);
    seen.add(v);
  });
}

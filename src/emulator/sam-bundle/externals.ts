/**
 * What a real deployment of an exported API needs that the bundle does not create: the AWS services its `AWS`
 * integrations call, the IAM roles they assume, the HTTP backends, user pools and JWT issuers, VPC links. Listed in
 * the template's header comment and the bundle's README (the template stays deployable: it creates the API and the
 * functions only).
 */
import type { WebSocketApiDocument } from '../websocket/document.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** AWS service prefixes of integration URIs → the name a reader knows. */
const SERVICES: Record<string, string> = {
  sqs: 'Amazon SQS',
  dynamodb: 'Amazon DynamoDB',
  kinesis: 'Amazon Kinesis Data Streams',
  events: 'Amazon EventBridge',
  states: 'AWS Step Functions',
  sns: 'Amazon SNS',
  s3: 'Amazon S3',
  appconfig: 'AWS AppConfig',
};

/**
 * One line per external resource the definition refers to, each once, in the order met, with the routes that use it:
 * `Amazon SQS: what arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders reaches (POST /orders)`.
 */
export function externalResourcesOf(document: Json): string[] {
  const users = new Map<string, string[]>();
  const add = (what: string, by: string) => {
    const routes = users.get(what) ?? [];
    if (!routes.includes(by)) routes.push(by);
    users.set(what, routes);
  };
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const [key, op] of Object.entries(item)) {
      if (!isObject(op)) continue;
      const integration = op['x-amazon-apigateway-integration'];
      if (!isObject(integration)) continue;
      const method = key === 'x-amazon-apigateway-any-method' ? 'ANY' : key.toUpperCase();
      integrationNeeds(integration, `${method} ${path}`, add);
    }
  }
  const components = isObject(document.components) ? document.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  for (const [name, scheme] of Object.entries(schemes)) {
    const authorizer = isObject(scheme) ? scheme['x-amazon-apigateway-authorizer'] : undefined;
    if (!isObject(authorizer)) continue;
    if (Array.isArray(authorizer.providerARNs))
      for (const arn of authorizer.providerARNs) add(`Amazon Cognito user pool ${String(arn)}`, `authorizer ${name}`);
    const jwt = authorizer.jwtConfiguration;
    if (isObject(jwt) && typeof jwt.issuer === 'string')
      add(`the JWT issuer ${jwt.issuer} and its audience`, `authorizer ${name}`);
    if (typeof authorizer.authorizerCredentials === 'string')
      add(`the IAM role ${authorizer.authorizerCredentials} that API Gateway assumes`, `authorizer ${name}`);
  }
  return [...users].map(([what, routes]) => `${what} (${routes.join(', ')})`);
}

function integrationNeeds(integration: Json, route: string, add: (what: string, by: string) => void): void {
  const type = typeof integration.type === 'string' ? integration.type.toLowerCase() : '';
  const uri = typeof integration.uri === 'string' ? integration.uri : '';
  const subtype = typeof integration.integrationSubtype === 'string' ? integration.integrationSubtype : '';
  if (subtype) {
    const service = subtype.split('-')[0]!;
    const params = isObject(integration.requestParameters) ? integration.requestParameters : {};
    // The parameter naming the resource, when it is a literal (QueueUrl, StreamName, StateMachineArn, EventBusName…).
    const target = ['QueueUrl', 'StreamName', 'StateMachineArn', 'EventBusName', 'Bucket', 'ApplicationId']
      .map((p) => params[p])
      .find((v): v is string => typeof v === 'string' && !v.startsWith('$'));
    add(`${SERVICES[service.toLowerCase()] ?? service}: ${target ?? `the resource ${subtype} reaches`}`, route);
  } else if (type === 'aws') {
    const service = /^arn:aws[\w-]*:apigateway:[^:]*:([^:]+):/.exec(uri)?.[1] ?? '';
    if (service !== 'lambda') add(`${SERVICES[service] ?? (service || 'an AWS service')}: what ${uri} reaches`, route);
  } else if ((type === 'http' || type === 'http_proxy') && uri) {
    add(`the HTTP backend ${uri}`, route);
  }
  if (typeof integration.credentials === 'string' && integration.credentials.startsWith('arn:'))
    add(`the IAM role ${integration.credentials} that API Gateway assumes`, route);
  if (integration.connectionType === 'VPC_LINK')
    add(`the VPC link ${typeof integration.connectionId === 'string' ? integration.connectionId : ''}`, route);
}

/**
 * The same for a WebSocket API (its get-api/get-routes/get-integrations document): HTTP backends, AWS services and
 * IAM roles of its integrations and authorizers, and the API keys its routes require, each with the route keys using it.
 */
export function websocketExternalResourcesOf(document: WebSocketApiDocument): string[] {
  const users = new Map<string, string[]>();
  const add = (what: string, by: string) => {
    const routes = users.get(what) ?? [];
    if (!routes.includes(by)) routes.push(by);
    users.set(what, routes);
  };
  for (const route of document.Routes) {
    const integrationId = /^integrations\/(.+)$/.exec(route.Target ?? '')?.[1];
    const integration = document.Integrations.find((i) => i.IntegrationId === integrationId);
    if (integration) {
      const uri = typeof integration.IntegrationUri === 'string' ? integration.IntegrationUri : '';
      integrationNeeds(
        {
          type: integration.IntegrationType,
          uri,
          ...(typeof integration.CredentialsArn === 'string' ? { credentials: integration.CredentialsArn } : {}),
          ...(integration.ConnectionType === 'VPC_LINK'
            ? { connectionType: 'VPC_LINK', connectionId: integration.ConnectionId }
            : {}),
        },
        `route ${route.RouteKey}`,
        add,
      );
    }
    if (route.ApiKeyRequired === true)
      add('API keys and a usage plan with this API stage (the route requires an API key)', `route ${route.RouteKey}`);
  }
  for (const authorizer of document.Authorizers ?? [])
    if (typeof authorizer.AuthorizerCredentialsArn === 'string')
      add(
        `the IAM role ${authorizer.AuthorizerCredentialsArn} that API Gateway assumes`,
        `authorizer ${authorizer.Name}`,
      );
  return [...users].map(([what, routes]) => `${what} (${routes.join(', ')})`);
}

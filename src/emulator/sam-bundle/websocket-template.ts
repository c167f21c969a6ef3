/**
 * The SAM template of an exported WebSocket API (issue #15, contract A↔B). SAM has no WebSocket resource type: the API
 * is raw `AWS::ApiGatewayV2::*` resources, as AWS's chat sample (aws-samples/simple-websockets-chat-app) and SAM's docs
 * write it: the `Api`, one `Route` per route (its `Target` a `!Join` of `integrations` and the integration's `!Ref`),
 * its `RouteResponse`s, one `Integration` per integration (a Lambda URI as `!Sub …${Fn.Arn}…`), their
 * `IntegrationResponse`s, REQUEST `Authorizer`s, a `Deployment` that waits for every route, the `Stage`; one
 * `AWS::Serverless::Function` per function with the right to post to `@connections`, and its invoke permission.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/AWS_ApiGatewayV2.html
 */
import { Scalar, YAMLSeq } from 'yaml';
import type { WebSocketApiDocument } from '../websocket/document.js';
import { logicalIdOf } from './names.js';
import {
  functionResource,
  invokePermission,
  missingOf,
  ref,
  rewriteLambdaUri,
  sub,
  templateText,
  type TemplateFunction,
} from './template.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface WebSocketTemplateInput {
  title: string;
  document: WebSocketApiDocument;
  stage: { name: string; variables: Record<string, string> };
  functions: TemplateFunction[];
  /** Lines of the header comment (what the template does not create). */
  notCreated: string[];
}

/** `websocket-chat` → `ChatApi`: the API's logical id from its name (the words "websocket" and "api" dropped). */
export function websocketApiLogicalIdOf(document: WebSocketApiDocument): string {
  const words = String(document.Api.Name ?? '')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w && !/^(websocket|ws|api)$/i.test(w));
  const id = logicalIdOf(words.join('-'), 'Api');
  return id === 'Api' || id === '' ? 'WebSocketApi' : `${id}Api`;
}

/** `$connect` → `Connect`, `sendmessage` → `Sendmessage`: a route key as a word of a logical id. */
const routeWord = (key: string) => logicalIdOf(key.replace(/^\$/, ''), 'Route');

/** Properties of the document's items that CloudFormation takes as they are (others are ids, or read-only). */
const API_PROPERTIES = ['Description', 'DisableExecuteApiEndpoint', 'DisableSchemaValidation', 'Version', 'Tags'];
const ROUTE_PROPERTIES = [
  'RouteResponseSelectionExpression',
  'ModelSelectionExpression',
  'RequestModels',
  'RequestParameters',
  'AuthorizationScopes',
];
const ROUTE_RESPONSE_PROPERTIES = ['ModelSelectionExpression', 'ResponseModels', 'ResponseParameters'];
const INTEGRATION_PROPERTIES = [
  'Description',
  'ContentHandlingStrategy',
  'CredentialsArn',
  'TimeoutInMillis',
  'TemplateSelectionExpression',
  'RequestTemplates',
  'RequestParameters',
  'PassthroughBehavior',
];
const INTEGRATION_RESPONSE_PROPERTIES = [
  'ContentHandlingStrategy',
  'ResponseParameters',
  'ResponseTemplates',
  'TemplateSelectionExpression',
];
const AUTHORIZER_PROPERTIES = ['IdentitySource', 'AuthorizerCredentialsArn'];

/** The properties of `item` named in `names`, when set (an empty object or false is left out: the default). */
function copied(item: Json, names: string[]): Json {
  const out: Json = {};
  for (const name of names) {
    const value = item[name];
    if (value === undefined || value === null || value === false) continue;
    if (isObject(value) && Object.keys(value).length === 0) continue;
    out[name] = value;
  }
  return out;
}

/** A logical id not yet used: `base`, else `base2`, `base3`… */
function unused(taken: Set<string>, base: string): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}${n}`;
  taken.add(id);
  return id;
}

/** `!Join ['/', [integrations, !Ref X]]`: a route's Target as AWS's sample writes it (a `!Join` short-form tag). */
function targetOf(integrationLogicalId: string): YAMLSeq {
  const parts = new YAMLSeq();
  parts.items = ['integrations', ref(integrationLogicalId)];
  const join = new YAMLSeq();
  join.tag = '!Join';
  join.flow = true;
  const slash = new Scalar('/');
  slash.type = 'QUOTE_SINGLE';
  join.items = [slash, parts];
  return join;
}

/**
 * The right to post to, read and close connections through the `@connections` API of this API
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-control-access-iam.html).
 * L: given to every Lambda function of a WebSocket API: whether a function posts back cannot be told from its code.
 */
function manageConnectionsPolicy(apiLogicalId: string): Json {
  return {
    Statement: [
      {
        Effect: 'Allow',
        Action: 'execute-api:ManageConnections',
        Resource: sub(`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${apiLogicalId}}/*`),
      },
    ],
  };
}

/** The template's YAML text. */
export function websocketTemplateYaml(input: WebSocketTemplateInput): string {
  const doc = input.document;
  const apiId = websocketApiLogicalIdOf(doc);
  const functionIds = new Map(input.functions.map((f) => [f.name, f.logicalId]));
  const taken = new Set<string>([apiId, ...input.functions.flatMap((f) => [f.logicalId, `${f.logicalId}Permission`])]);
  const unresolved: string[] = [];
  const apiRef = () => ref(apiId);
  const deployment = unused(taken, 'Deployment');
  const stage = unused(taken, 'Stage');

  const resources: Json = {
    [apiId]: {
      Type: 'AWS::ApiGatewayV2::Api',
      Properties: {
        Name: doc.Api.Name,
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: doc.Api.RouteSelectionExpression,
        ...(doc.Api.ApiKeySelectionExpression ? { ApiKeySelectionExpression: doc.Api.ApiKeySelectionExpression } : {}),
        ...copied(doc.Api, API_PROPERTIES),
      },
    },
  };

  // Authorizers and integrations first: routes refer to them.
  const authorizerIds = new Map<string, string>();
  const authorizers: Json = {};
  for (const authorizer of doc.Authorizers ?? []) {
    const id = unused(taken, `${logicalIdOf(authorizer.Name, 'Authorizer')}Authorizer`);
    authorizerIds.set(authorizer.AuthorizerId, id);
    authorizers[id] = {
      Type: 'AWS::ApiGatewayV2::Authorizer',
      Properties: {
        ApiId: apiRef(),
        Name: authorizer.Name,
        AuthorizerType: 'REQUEST',
        AuthorizerUri: rewriteLambdaUri(authorizer.AuthorizerUri, functionIds, unresolved),
        ...copied(authorizer, AUTHORIZER_PROPERTIES),
      },
    };
  }

  const integrationIds = new Map<string, string>();
  const integrations: Json = {};
  const integrationResponses: Json = {};
  for (const integration of doc.Integrations) {
    const uri = typeof integration.IntegrationUri === 'string' ? integration.IntegrationUri : undefined;
    const target = uri === undefined ? uri : rewriteLambdaUri(uri, functionIds, unresolved);
    const fnId = typeof target === 'object' ? /\$\{(\w+)\.Arn\}/.exec(String(target.value))?.[1] : undefined;
    // Named after its function (ChatHandlerIntegration), else after the first route that uses it.
    const firstRoute = doc.Routes.find((r) => r.Target === `integrations/${integration.IntegrationId}`);
    const base = fnId ?? (firstRoute ? routeWord(firstRoute.RouteKey) : logicalIdOf(integration.IntegrationType));
    const id = unused(taken, `${base}Integration`);
    integrationIds.set(integration.IntegrationId, id);
    integrations[id] = {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: {
        ApiId: apiRef(),
        IntegrationType: integration.IntegrationType,
        // "For WebSocket APIs, if you use a Lambda integration, you must set the integration method to POST"
        // (AWS::ApiGatewayV2::Integration, IntegrationMethod): kept as get-integrations prints it.
        ...(typeof integration.IntegrationMethod === 'string'
          ? { IntegrationMethod: integration.IntegrationMethod }
          : {}),
        ...(target === undefined ? {} : { IntegrationUri: target }),
        ...copied(integration, INTEGRATION_PROPERTIES),
      },
    };
    for (const response of integration.IntegrationResponses ?? []) {
      const key = routeWord(response.IntegrationResponseKey);
      const responseId = unused(taken, `${id}${key === 'Default' ? '' : key}Response`);
      integrationResponses[responseId] = {
        Type: 'AWS::ApiGatewayV2::IntegrationResponse',
        Properties: {
          ApiId: apiRef(),
          IntegrationId: ref(id),
          IntegrationResponseKey: response.IntegrationResponseKey,
          ...copied(response, INTEGRATION_RESPONSE_PROPERTIES),
        },
      };
    }
  }

  const routes: Json = {};
  const routeResponses: Json = {};
  for (const route of doc.Routes) {
    const id = unused(taken, `${routeWord(route.RouteKey)}Route`);
    const integrationId = /^integrations\/(.+)$/.exec(route.Target ?? '')?.[1];
    const integration = integrationId === undefined ? undefined : integrationIds.get(integrationId);
    const authorizer = route.AuthorizerId === undefined ? undefined : authorizerIds.get(route.AuthorizerId);
    routes[id] = {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: {
        ApiId: apiRef(),
        RouteKey: route.RouteKey,
        AuthorizationType: route.AuthorizationType ?? 'NONE',
        ...(authorizer ? { AuthorizerId: ref(authorizer) } : {}),
        ...(route.ApiKeyRequired === true ? { ApiKeyRequired: true } : {}),
        OperationName: id,
        ...(integration ? { Target: targetOf(integration) } : route.Target ? { Target: route.Target } : {}),
        ...copied(route, ROUTE_PROPERTIES),
      },
    };
    for (const response of route.RouteResponses ?? []) {
      // `$default` (the only key WebSocket APIs have): DefaultRouteResponse for the $default route.
      const key = response.RouteResponseKey === '$default' ? '' : routeWord(response.RouteResponseKey);
      const responseId = unused(taken, `${routeWord(route.RouteKey)}${key}RouteResponse`);
      routeResponses[responseId] = {
        Type: 'AWS::ApiGatewayV2::RouteResponse',
        Properties: {
          ApiId: apiRef(),
          RouteId: ref(id),
          RouteResponseKey: response.RouteResponseKey,
          ...copied(response, ROUTE_RESPONSE_PROPERTIES),
        },
      };
    }
  }
  Object.assign(resources, routes, routeResponses, integrations, integrationResponses, authorizers);

  // A deployment made before its routes exist deploys an API without them (CloudFormation fails: "at least one route").
  resources[deployment] = {
    Type: 'AWS::ApiGatewayV2::Deployment',
    DependsOn: [...Object.keys(routes), ...Object.keys(routeResponses), ...Object.keys(integrationResponses)],
    Properties: { ApiId: apiRef() },
  };
  const variables = Object.keys(input.stage.variables).length > 0 ? input.stage.variables : undefined;
  resources[stage] = {
    Type: 'AWS::ApiGatewayV2::Stage',
    Properties: {
      StageName: input.stage.name,
      ApiId: apiRef(),
      DeploymentId: ref(deployment),
      ...(variables ? { StageVariables: variables } : {}),
    },
  };
  for (const fn of input.functions) resources[fn.logicalId] = functionResource(fn, [manageConnectionsPolicy(apiId)]);
  for (const fn of input.functions) resources[`${fn.logicalId}Permission`] = invokePermission(fn.logicalId, apiId);

  return templateText(
    {
      Description: input.title,
      Resources: resources,
      Outputs: {
        WebSocketURI: {
          Description: "The stage's WebSocket URL (wscat -c it)",
          Value: sub(`wss://\${${apiId}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/\${${stage}}`),
        },
      },
    },
    missingOf(input.notCreated, unresolved),
  );
}

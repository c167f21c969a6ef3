import { addSecuritySchemes, API_KEY_SCHEME, SIGV4_SCHEME } from './auth.js';
import { TemplateError } from './errors.js';
import { physicalId } from './ids.js';
import type { TemplateApi, TemplateStage } from './model.js';
import { rootResourceId, type Stack } from './stack.js';
import { restStageSettings, stringMap } from './stage-settings.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const camel = (k: string) => k.charAt(0).toLowerCase() + k.slice(1);

/**
 * `AWS::ApiGateway::RestApi` resources (Body, BodyS3Location as a local file, or built from `AWS::ApiGateway::Resource`
 * and `Method`), their `Authorizer`s, and the stages of their `Stage` and `Deployment` resources, as OpenAPI 3 with
 * x-amazon-apigateway-* extensions. A RestApi without a stage is served on a `dev` stage with a warning.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-restapi.html
 */
export function rawRestApis(stack: Stack, warnings: string[]): TemplateApi[] {
  const apis: TemplateApi[] = [];
  for (const { logicalId } of stack.ofType('AWS::ApiGateway::RestApi')) {
    const where = `Resources.${logicalId}.Properties`;
    const p = stack.props(logicalId);
    const apiId = physicalId(logicalId);
    let doc: Json;
    if (isObject(p.Body)) doc = structuredClone(p.Body);
    else if (p.BodyS3Location !== undefined || typeof p.Body === 'string') {
      const loc = isObject(p.BodyS3Location) ? p.BodyS3Location.Key : p.BodyS3Location;
      if (typeof p.Body === 'string') doc = JSON.parse(p.Body) as Json;
      else if (typeof loc === 'string')
        doc = stack.evaluate(stack.readDocument(loc, `${where}.BodyS3Location`), `${where}.BodyS3Location`) as Json;
      else throw new TemplateError(`${where}.BodyS3Location: expected a local file path`);
    } else doc = { openapi: '3.0.1', info: { title: String(p.Name ?? logicalId), version: '1.0' }, paths: {} };
    if (typeof p.Name === 'string') doc.info = { ...(isObject(doc.info) ? doc.info : {}), title: p.Name };
    if (typeof p.ApiKeySourceType === 'string') doc['x-amazon-apigateway-api-key-source'] = p.ApiKeySourceType;
    if (Array.isArray(p.BinaryMediaTypes)) doc['x-amazon-apigateway-binary-media-types'] = p.BinaryMediaTypes;
    addMethods(stack, logicalId, apiId, doc);
    const stages = restStages(stack, apiId);
    if (!stages.length) {
      warnings.push(
        `${logicalId} (AWS::ApiGateway::RestApi) has no Stage or Deployment with StageName: served on stage "dev"`,
      );
      stages.push({ name: 'dev', variables: {} });
    }
    apis.push({
      logicalId,
      kind: 'REST',
      source: 'AWS::ApiGateway::RestApi',
      apiId,
      document: doc,
      stages,
      stageName: stages[0]!.name,
      variables: stages[0]!.variables,
    });
  }
  return apis;
}

/** The full path of an AWS::ApiGateway::Resource (its parents' PathParts), or `/` for the API's root. */
function resourcePath(stack: Stack, apiId: string, id: unknown, where: string, seen = new Set<string>()): string {
  if (id === rootResourceId(apiId)) return '/';
  const logicalId = stack.logicalIdOf(id);
  const resource = logicalId === undefined ? undefined : stack.resources.get(logicalId);
  if (!resource || resource.type !== 'AWS::ApiGateway::Resource' || seen.has(logicalId!))
    throw new TemplateError(`${where}: must be !GetAtt Api.RootResourceId or !Ref of an AWS::ApiGateway::Resource`);
  seen.add(logicalId!);
  const r = stack.props(logicalId!);
  const parent = resourcePath(stack, apiId, r.ParentId, `Resources.${logicalId}.Properties.ParentId`, seen);
  return `${parent === '/' ? '' : parent}/${String(r.PathPart)}`;
}

function addMethods(stack: Stack, apiLogicalId: string, apiId: string, doc: Json): void {
  const schemes: Record<string, Json> = {};
  const paths = (doc.paths = isObject(doc.paths) ? doc.paths : {});
  for (const a of stack.ofType('AWS::ApiGateway::Authorizer')) {
    const ap = stack.props(a.logicalId);
    if (stack.logicalIdOf(ap.RestApiId) !== apiLogicalId) continue;
    schemes[String(ap.Name ?? a.logicalId)] = authorizerScheme(ap);
  }
  for (const m of stack.ofType('AWS::ApiGateway::Method')) {
    const where = `Resources.${m.logicalId}.Properties`;
    const mp = stack.props(m.logicalId);
    if (stack.logicalIdOf(mp.RestApiId) !== apiLogicalId) continue;
    const path = resourcePath(stack, apiId, mp.ResourceId, `${where}.ResourceId`);
    const method = String(mp.HttpMethod ?? '').toUpperCase();
    if (!method) throw new TemplateError(`${where}.HttpMethod: required`);
    const op: Json = { responses: {} };
    if (isObject(mp.RequestParameters)) {
      op.parameters = Object.entries(mp.RequestParameters).flatMap(([k, required]) => {
        const m2 = /^method\.request\.(path|querystring|header)\.(.+)$/.exec(k);
        if (!m2) return [];
        const inWhere = m2[1] === 'querystring' ? 'query' : m2[1]!;
        return [
          { name: m2[2], in: inWhere, required: m2[1] === 'path' || required === true, schema: { type: 'string' } },
        ];
      });
    }
    if (Array.isArray(mp.MethodResponses)) {
      const responses: Json = {};
      for (const r of mp.MethodResponses) {
        if (!isObject(r)) continue;
        const headers = isObject(r.ResponseParameters)
          ? Object.fromEntries(
              Object.keys(r.ResponseParameters)
                .map((k) => /^method\.response\.header\.(.+)$/.exec(k)?.[1])
                .filter((h): h is string => !!h)
                .map((h) => [h, { schema: { type: 'string' } }]),
            )
          : {};
        responses[String(r.StatusCode)] = {
          description: `${String(r.StatusCode)} response`,
          ...(Object.keys(headers).length ? { headers } : {}),
        };
      }
      op.responses = responses;
    }
    const security: Json = {};
    const authType = String(mp.AuthorizationType ?? 'NONE').toUpperCase();
    if (authType === 'AWS_IAM') {
      schemes.sigv4 = SIGV4_SCHEME;
      security.sigv4 = [];
    } else if (authType === 'CUSTOM' || authType === 'COGNITO_USER_POOLS') {
      const authLogical = stack.logicalIdOf(mp.AuthorizerId);
      if (!authLogical || stack.resources.get(authLogical)?.type !== 'AWS::ApiGateway::Authorizer')
        throw new TemplateError(`${where}.AuthorizerId: must be !Ref of an AWS::ApiGateway::Authorizer`);
      const name = String(stack.props(authLogical).Name ?? authLogical);
      security[name] = Array.isArray(mp.AuthorizationScopes) ? mp.AuthorizationScopes : [];
    }
    if (mp.ApiKeyRequired === true || mp.ApiKeyRequired === 'true') {
      schemes.api_key = API_KEY_SCHEME;
      security.api_key = [];
    }
    if (Object.keys(security).length) op.security = [security];
    if (mp.RequestValidatorId !== undefined) {
      const v = stack.logicalIdOf(mp.RequestValidatorId);
      if (v) {
        const vp = stack.props(v);
        const name = String(vp.Name ?? v);
        const validators = (doc['x-amazon-apigateway-request-validators'] ??= {}) as Json;
        validators[name] = {
          validateRequestBody: vp.ValidateRequestBody === true,
          validateRequestParameters: vp.ValidateRequestParameters === true,
        };
        op['x-amazon-apigateway-request-validator'] = name;
      }
    }
    op['x-amazon-apigateway-integration'] = integration(mp.Integration, `${where}.Integration`);
    const item = (paths[path] = isObject(paths[path]) ? paths[path] : {}) as Json;
    item[method === 'ANY' ? 'x-amazon-apigateway-any-method' : method.toLowerCase()] = op;
  }
  addSecuritySchemes(doc, schemes);
}

/** A CloudFormation `Integration` → `x-amazon-apigateway-integration` (PascalCase → camelCase; responses by pattern). */
function integration(raw: unknown, where: string): Json {
  if (!isObject(raw) || typeof raw.Type !== 'string')
    throw new TemplateError(`${where}.Type: required (AWS_PROXY, AWS, HTTP, HTTP_PROXY, MOCK)`);
  const out: Json = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'IntegrationResponses' || k === 'IntegrationHttpMethod' || k === 'Type') continue;
    out[camel(k)] = v;
  }
  out.type = raw.Type.toLowerCase();
  if (raw.IntegrationHttpMethod !== undefined) out.httpMethod = raw.IntegrationHttpMethod;
  if (Array.isArray(raw.IntegrationResponses)) {
    const responses: Json = {};
    for (const r of raw.IntegrationResponses) {
      if (!isObject(r)) continue;
      const key = typeof r.SelectionPattern === 'string' && r.SelectionPattern ? r.SelectionPattern : 'default';
      const entry: Json = { statusCode: String(r.StatusCode) };
      if (isObject(r.ResponseParameters)) entry.responseParameters = r.ResponseParameters;
      if (isObject(r.ResponseTemplates)) entry.responseTemplates = r.ResponseTemplates;
      if (typeof r.ContentHandling === 'string') entry.contentHandling = r.ContentHandling;
      responses[key] = entry;
    }
    out.responses = responses;
  }
  return out;
}

/** An AWS::ApiGateway::Authorizer → its security scheme (TOKEN, REQUEST, COGNITO_USER_POOLS). */
function authorizerScheme(a: Json): Json {
  const type = String(a.Type ?? 'TOKEN').toUpperCase();
  const ttl =
    a.AuthorizerResultTtlInSeconds === undefined
      ? {}
      : { authorizerResultTtlInSeconds: Number(a.AuthorizerResultTtlInSeconds) };
  const source = typeof a.IdentitySource === 'string' ? a.IdentitySource : undefined;
  if (type === 'COGNITO_USER_POOLS')
    return {
      type: 'apiKey',
      name: source?.replace(/^method\.request\.header\./, '') ?? 'Authorization',
      in: 'header',
      'x-amazon-apigateway-authtype': 'cognito_user_pools',
      'x-amazon-apigateway-authorizer': { type: 'cognito_user_pools', providerARNs: a.ProviderARNs ?? [], ...ttl },
    };
  return {
    type: 'apiKey',
    name: type === 'TOKEN' ? (source?.replace(/^method\.request\.header\./, '') ?? 'Authorization') : 'Unused',
    in: 'header',
    'x-amazon-apigateway-authtype': 'custom',
    'x-amazon-apigateway-authorizer': {
      type: type.toLowerCase(),
      authorizerUri: a.AuthorizerUri,
      ...(source ? { identitySource: source } : {}),
      ...(typeof a.IdentityValidationExpression === 'string'
        ? { identityValidationExpression: a.IdentityValidationExpression }
        : {}),
      ...ttl,
    },
  };
}

/** The stages of one RestApi: its AWS::ApiGateway::Stage resources, then Deployments' own StageName. */
function restStages(stack: Stack, apiId: string): TemplateStage[] {
  const stages: TemplateStage[] = [];
  for (const s of stack.ofType('AWS::ApiGateway::Stage')) {
    const sp = stack.props(s.logicalId);
    if (sp.RestApiId !== apiId || typeof sp.StageName !== 'string') continue;
    const variables = stringMap(sp.Variables);
    const settings = restStageSettings(sp.StageName, variables, sp);
    stages.push(settings ? { name: sp.StageName, variables, settings } : { name: sp.StageName, variables });
  }
  for (const d of stack.ofType('AWS::ApiGateway::Deployment')) {
    const dp = stack.props(d.logicalId);
    if (dp.RestApiId !== apiId || typeof dp.StageName !== 'string' || stages.some((s) => s.name === dp.StageName))
      continue;
    const desc = isObject(dp.StageDescription) ? dp.StageDescription : {};
    const variables = stringMap(desc.Variables);
    const settings = restStageSettings(dp.StageName, variables, desc);
    stages.push(settings ? { name: dp.StageName, variables, settings } : { name: dp.StageName, variables });
  }
  return stages;
}

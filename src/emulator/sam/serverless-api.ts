import {
  addSecuritySchemes,
  API_KEY_SCHEME,
  httpAuthorizerScheme,
  lambdaInvocationUri,
  restAuthorizerScheme,
  SIGV4_SCHEME,
} from './auth.js';
import { addRestCors, httpCors } from './cors.js';
import { TemplateError } from './errors.js';
import { physicalId } from './ids.js';
import type { TemplateApi, TemplateApiKey, TemplateUsagePlan } from './model.js';
import { samStageLogicalId, type Stack } from './stack.js';
import { gatewayResponses, httpStageSettings, restStageSettings, stringMap } from './stage-settings.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The implicit APIs' logical ids (samtranslator/model/naming.py:10,14). */
export const IMPLICIT_REST_API = 'ServerlessRestApi';
export const IMPLICIT_HTTP_API = 'ServerlessHttpApi';

interface ApiEvent {
  functionId: string;
  eventId: string;
  kind: 'REST' | 'HTTP';
  properties: Json;
}

const hasEventsOf = (stack: Stack, type: 'Api' | 'HttpApi', key: string) =>
  stack.ofType('AWS::Serverless::Function').some((fn) => {
    const events = fn.properties.Events;
    return (
      isObject(events) &&
      Object.values(events).some(
        (e) => isObject(e) && e.Type === type && !(isObject(e.Properties) && key in e.Properties),
      )
    );
  });

/**
 * Registers what `Ref` of SAM's generated resources gives before anything is evaluated: the implicit APIs, each
 * Serverless::Api's `<Api><StageName>Stage` (the stage's name) and `<Api>Deployment`, and the HTTP API default stage.
 */
export function registerSamGenerated(stack: Stack): void {
  if (hasEventsOf(stack, 'Api', 'RestApiId')) {
    stack.addGenerated(IMPLICIT_REST_API, physicalId(IMPLICIT_REST_API));
    stack.addGenerated(samStageLogicalId(IMPLICIT_REST_API, 'Prod'), 'Prod');
  }
  if (hasEventsOf(stack, 'HttpApi', 'ApiId')) {
    stack.addGenerated(IMPLICIT_HTTP_API, physicalId(IMPLICIT_HTTP_API));
    stack.addGenerated(`${IMPLICIT_HTTP_API}ApiGatewayDefaultStage`, '$default');
  }
  for (const api of stack.ofType('AWS::Serverless::Api', 'AWS::Serverless::HttpApi')) {
    const stage = stack.prop(api.logicalId, 'StageName');
    if (typeof stage === 'string') stack.addGenerated(samStageLogicalId(api.logicalId, stage), stage);
    stack.addGenerated(`${api.logicalId}Deployment`, physicalId(`${api.logicalId}Deployment`));
    if (api.type === 'AWS::Serverless::HttpApi' && stage === undefined)
      stack.addGenerated(`${api.logicalId}ApiGatewayDefaultStage`, '$default');
  }
}

/** Every function's Api / HttpApi event, with the API it targets (logical id; the implicit API when none). */
function apiEvents(stack: Stack): Array<ApiEvent & { apiLogicalId: string }> {
  const out: Array<ApiEvent & { apiLogicalId: string }> = [];
  for (const fn of stack.ofType('AWS::Serverless::Function')) {
    const events = stack.props(fn.logicalId).Events;
    if (!isObject(events)) continue;
    for (const [eventId, event] of Object.entries(events)) {
      if (!isObject(event) || (event.Type !== 'Api' && event.Type !== 'HttpApi')) continue;
      const kind = event.Type === 'Api' ? 'REST' : 'HTTP';
      const properties = isObject(event.Properties) ? event.Properties : {};
      const key = kind === 'REST' ? 'RestApiId' : 'ApiId';
      let apiLogicalId = kind === 'REST' ? IMPLICIT_REST_API : IMPLICIT_HTTP_API;
      if (properties[key] !== undefined) {
        const id = stack.logicalIdOf(properties[key]);
        const target = id === undefined ? undefined : stack.resources.get(id);
        const expected = kind === 'REST' ? 'AWS::Serverless::Api' : 'AWS::Serverless::HttpApi';
        if (!target || target.type !== expected)
          throw new TemplateError(
            `Resources.${fn.logicalId}.Properties.Events.${eventId}.Properties.${key}: must be !Ref of an ${expected} of this template`,
          );
        apiLogicalId = id!;
      }
      out.push({ functionId: fn.logicalId, eventId, kind, properties, apiLogicalId });
    }
  }
  return out;
}

/** `any` → `x-amazon-apigateway-any-method`, others lower-cased. */
const operationKey = (method: string) =>
  method.toLowerCase() === 'any' ? 'x-amazon-apigateway-any-method' : method.toLowerCase();

/** The result of transforming the SAM APIs: the APIs, and the keys and plans of their `Auth.UsagePlan`. */
export interface SamApis {
  apis: TemplateApi[];
  /** Properties of the SAM APIs that are not applied (`Api.Domain`). */
  unread: string[];
  usagePlans: TemplateUsagePlan[];
  apiKeys: TemplateApiKey[];
}

/**
 * AWS::Serverless::Api and AWS::Serverless::HttpApi resources and the implicit ServerlessRestApi / ServerlessHttpApi,
 * with each function's Api/HttpApi events added to their definitions, as the SAM transform does (research §1).
 */
export function serverlessApis(stack: Stack): SamApis {
  const events = apiEvents(stack);
  const result: SamApis = { apis: [], unread: [], usagePlans: [], apiKeys: [] };
  const ids = new Set(events.map((e) => e.apiLogicalId));
  const targets: Array<{ logicalId: string; kind: 'REST' | 'HTTP'; implicit: boolean }> = [];
  for (const r of stack.ofType('AWS::Serverless::Api', 'AWS::Serverless::HttpApi'))
    targets.push({
      logicalId: r.logicalId,
      kind: r.type === 'AWS::Serverless::Api' ? 'REST' : 'HTTP',
      implicit: false,
    });
  if (ids.has(IMPLICIT_REST_API)) targets.push({ logicalId: IMPLICIT_REST_API, kind: 'REST', implicit: true });
  if (ids.has(IMPLICIT_HTTP_API)) targets.push({ logicalId: IMPLICIT_HTTP_API, kind: 'HTTP', implicit: true });
  // Globals.Api / HttpApi apply to the implicit APIs too.
  for (const t of targets) {
    const mine = events.filter((e) => e.apiLogicalId === t.logicalId);
    if (t.kind === 'REST') restApi(stack, t.logicalId, t.implicit, mine, result);
    else httpApi(stack, t.logicalId, t.implicit, mine, result);
  }
  return result;
}

/**
 * The SAM API properties the transform reads, or that have no effect on a local gateway (tracing, tags, descriptions,
 * deployment behaviour); any other is listed in one warning line.
 */
const READ_PROPERTIES = new Set([
  'StageName',
  'DefinitionBody',
  'DefinitionUri',
  'Name',
  'Auth',
  'Cors',
  'CorsConfiguration',
  'Variables',
  'StageVariables',
  'MethodSettings',
  'CacheClusterEnabled',
  'CacheClusterSize',
  'OpenApiVersion',
  'BinaryMediaTypes',
  'ApiKeySourceType',
  'GatewayResponses',
  'AccessLogSetting',
  'AccessLogSettings',
  'DefaultRouteSettings',
  'RouteSettings',
  'TracingEnabled',
  'Description',
  'Tags',
  'PropagateTags',
  'AlwaysDeploy',
  'MergeDefinitions',
  'FailOnWarnings',
  'MinimumCompressionSize',
  'EndpointConfiguration',
  'DisableExecuteApiEndpoint',
  'Mode',
  'IgnoreGlobals',
]);
const READ_AUTH = new Set([
  'Authorizers',
  'DefaultAuthorizer',
  'ApiKeyRequired',
  'UsagePlan',
  'AddDefaultAuthorizerToCorsPreflight',
  'EnableIamAuthorizer',
]);

/** `Api.Domain, Api.Auth.ResourcePolicy`: the properties of a SAM API the emulator does not apply. */
export function unreadProperties(logicalId: string, p: Json): string[] {
  const out = Object.keys(p)
    .filter((k) => !READ_PROPERTIES.has(k))
    .map((k) => `${logicalId}.${k}`);
  if (isObject(p.Auth))
    out.push(
      ...Object.keys(p.Auth)
        .filter((k) => !READ_AUTH.has(k))
        .map((k) => `${logicalId}.Auth.${k}`),
    );
  return out;
}

/** The properties of a SAM API: evaluated, or (implicit API) the template's Globals section. */
function apiProps(stack: Stack, logicalId: string, implicit: boolean, section: 'Api' | 'HttpApi'): Json {
  return implicit ? implicitGlobals(stack, section) : stack.props(logicalId);
}

/** An implicit API's properties: its Globals section (minus StageName), evaluated. */
function implicitGlobals(stack: Stack, section: 'Api' | 'HttpApi'): Json {
  const raw = stack.globals(section);
  const out = isObject(raw) ? (stack.evaluate(raw, `Globals.${section}`) as Json) : {};
  delete out.StageName;
  return out;
}

/** A definition: DefinitionBody (events added), DefinitionUri (a local file, nothing added), or a skeleton. */
/** The API's OpenAPI document (DefinitionBody, DefinitionUri or `skeleton`), titled by `Name` when it has one. */
function definition(stack: Stack, logicalId: string, p: Json, skeleton: Json): { doc: Json; addEvents: boolean } {
  const read = readDefinition(stack, logicalId, p, skeleton);
  if (typeof p.Name === 'string') read.doc.info = { ...(isObject(read.doc.info) ? read.doc.info : {}), title: p.Name };
  return read;
}

function readDefinition(stack: Stack, logicalId: string, p: Json, skeleton: Json): { doc: Json; addEvents: boolean } {
  const where = `Resources.${logicalId}.Properties`;
  if (p.DefinitionBody !== undefined && p.DefinitionUri !== undefined)
    throw new TemplateError(`${where}: give DefinitionBody or DefinitionUri, not both`);
  if (p.DefinitionBody !== undefined) {
    if (!isObject(p.DefinitionBody)) throw new TemplateError(`${where}.DefinitionBody: expected an OpenAPI mapping`);
    return { doc: structuredClone(p.DefinitionBody), addEvents: true };
  }
  if (p.DefinitionUri !== undefined) {
    if (typeof p.DefinitionUri !== 'string')
      throw new TemplateError(`${where}.DefinitionUri: an S3 location ({Bucket, Key}); give a local file path`);
    const doc = stack.readDocument(p.DefinitionUri, `${where}.DefinitionUri`);
    return { doc: stack.evaluate(doc, `${where}.DefinitionUri(${p.DefinitionUri})`) as Json, addEvents: false };
  }
  return { doc: skeleton, addEvents: true };
}

function addOperation(doc: Json, rawPath: string, method: string, operation: Json, where: string): void {
  // L: `Path: /plantest/` is the resource /plantest: API Gateway's resource paths have no trailing slash, and the
  // apigw-usage-plans pattern (fixture) deploys with that Path and documents its URL as .../Prod/plantest.
  const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath;
  const paths = (doc.paths = isObject(doc.paths) ? doc.paths : {});
  const item = (paths[path] = isObject(paths[path]) ? paths[path] : {}) as Json;
  const key = operationKey(method);
  const existing = item[key];
  if (isObject(existing) && existing['x-amazon-apigateway-integration'] !== undefined)
    // SAM's message (push.py, research §1.4).
    throw new TemplateError(`${where}: API method "${method}" defined multiple times for path "${path}"`);
  item[key] = { ...(isObject(existing) ? existing : {}), ...operation };
}

/** Every operation of a document, with its path. */
function* operations(doc: Json): Generator<[string, string, Json]> {
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const [key, op] of Object.entries(item))
      if (
        isObject(op) &&
        (key === 'x-amazon-apigateway-any-method' || /^(get|put|post|delete|options|head|patch)$/.test(key))
      )
        yield [path, key, op];
  }
}

/**
 * What restApi and httpApi both start from: the API's properties (with Globals; unread ones reported), the `where`
 * label its messages start with, and the Lambda invocation URI of a function ARN in the stack's partition and region.
 */
function apiContext(stack: Stack, logicalId: string, implicit: boolean, section: 'Api' | 'HttpApi', result: SamApis) {
  const p = apiProps(stack, logicalId, implicit, section);
  result.unread.push(...unreadProperties(logicalId, p));
  const where = implicit
    ? `${logicalId} (implicit API of the functions' ${section} events)`
    : `Resources.${logicalId}.Properties`;
  const partition = stack.ctx.parameters['AWS::Partition'];
  const region = stack.env.region;
  return { p, where, uriOf: (arn: string) => lambdaInvocationUri(partition, region, arn) };
}

/** The API's Auth: its authorizers as security schemes (`scheme` per API kind) and its checked DefaultAuthorizer. */
function authorizers(p: Json, where: string, scheme: (spec: unknown, where: string) => Json) {
  const auth = isObject(p.Auth) ? p.Auth : {};
  const schemes: Record<string, Json> = {};
  if (isObject(auth.Authorizers))
    for (const [name, spec] of Object.entries(auth.Authorizers))
      schemes[name] = scheme(spec, `${where}.Auth.Authorizers.${name}`);
  const defaultAuthorizer = typeof auth.DefaultAuthorizer === 'string' ? auth.DefaultAuthorizer : undefined;
  if (defaultAuthorizer && defaultAuthorizer !== 'AWS_IAM' && !schemes[defaultAuthorizer])
    throw new TemplateError(
      `${where}.Auth.DefaultAuthorizer: no authorizer "${defaultAuthorizer}" in Auth.Authorizers`,
    );
  return { auth, schemes, defaultAuthorizer };
}

function restApi(
  stack: Stack,
  logicalId: string,
  implicit: boolean,
  events: Array<ApiEvent & { apiLogicalId: string }>,
  result: SamApis,
): void {
  const { p, where, uriOf } = apiContext(stack, logicalId, implicit, 'Api', result);
  const oas3 = typeof p.OpenApiVersion === 'string' && p.OpenApiVersion.startsWith('3');
  const info = { version: '1.0', title: stack.env.stackName };
  const skeleton = oas3 ? { openapi: '3.0.1', info, paths: {} } : { swagger: '2.0', info, paths: {} };
  const { doc, addEvents } = definition(stack, logicalId, p, skeleton);
  const { auth, schemes, defaultAuthorizer } = authorizers(p, where, (spec, at) =>
    restAuthorizerScheme(spec, at, uriOf),
  );
  const security = (authorizer: string | undefined, scopes: unknown, apiKey: boolean): unknown[] | undefined => {
    const req: Json = {};
    if (authorizer === 'AWS_IAM') {
      schemes.AWS_IAM = SIGV4_SCHEME;
      req.AWS_IAM = [];
    } else if (authorizer && authorizer !== 'NONE') req[authorizer] = Array.isArray(scopes) ? scopes : [];
    if (apiKey) {
      schemes.api_key = API_KEY_SCHEME;
      req.api_key = [];
    }
    return Object.keys(req).length ? [req] : undefined;
  };
  if (addEvents) {
    for (const e of events) {
      const ep = e.properties;
      const ew = `Resources.${e.functionId}.Properties.Events.${e.eventId}.Properties`;
      if (typeof ep.Path !== 'string' || typeof ep.Method !== 'string')
        throw new TemplateError(`${ew}: an Api event needs Path and Method`);
      const eventAuth = isObject(ep.Auth) ? ep.Auth : {};
      const authorizer = typeof eventAuth.Authorizer === 'string' ? eventAuth.Authorizer : defaultAuthorizer;
      if (authorizer && !['NONE', 'AWS_IAM'].includes(authorizer) && !schemes[authorizer])
        throw new TemplateError(`${ew}.Auth.Authorizer: no authorizer "${authorizer}" in the API's Auth.Authorizers`);
      const apiKey =
        eventAuth.ApiKeyRequired === undefined ? auth.ApiKeyRequired === true : eventAuth.ApiKeyRequired === true;
      const sec = security(authorizer, eventAuth.AuthorizationScopes, apiKey);
      addOperation(
        doc,
        ep.Path,
        ep.Method,
        {
          responses: {},
          // `security: []`: none (Authorizer NONE), so the default authorizer is not put on it below.
          security: sec ?? [],
          'x-amazon-apigateway-integration': {
            type: 'aws_proxy',
            httpMethod: 'POST',
            uri: uriOf(stack.functionArn(e.functionId)),
            ...(typeof ep.TimeoutInMillis === 'number' ? { timeoutInMillis: ep.TimeoutInMillis } : {}),
          },
        },
        ew,
      );
    }
    // The default authorizer and ApiKeyRequired on the body's other methods (SAM sets them path by path).
    for (const [, key, op] of operations(doc)) {
      if (op.security !== undefined || key === 'options') continue;
      const sec = security(defaultAuthorizer, undefined, auth.ApiKeyRequired === true);
      if (sec) op.security = sec;
    }
  }
  if (p.Cors !== undefined && addEvents) {
    const preflight =
      auth.AddDefaultAuthorizerToCorsPreflight === false ? undefined : security(defaultAuthorizer, undefined, false);
    addRestCors(doc, p.Cors, preflight);
  }
  addSecuritySchemes(doc, schemes);
  if (typeof p.ApiKeySourceType === 'string') doc['x-amazon-apigateway-api-key-source'] = p.ApiKeySourceType;
  const responses = gatewayResponses(p.GatewayResponses);
  if (responses) doc['x-amazon-apigateway-gateway-responses'] = responses;
  if (Array.isArray(p.BinaryMediaTypes))
    doc['x-amazon-apigateway-binary-media-types'] = p.BinaryMediaTypes.map((t) => String(t).replace(/~1/g, '/'));

  // Stages: StageName (Prod for the implicit API), plus SAM's extra "Stage" unless OpenApiVersion is set (§1.1).
  const stageName = implicit ? 'Prod' : p.StageName;
  if (typeof stageName !== 'string' || !stageName)
    throw new TemplateError(`${where}.StageName: an AWS::Serverless::Api needs a StageName`);
  const variables = stringMap(p.Variables);
  const stageNames = p.OpenApiVersion === undefined && stageName !== 'Stage' ? [stageName, 'Stage'] : [stageName];
  // The extra "Stage" is the Deployment's own StageName: no variables, no settings (api_generator.py:423-437).
  const stages = stageNames.map((name, i) => {
    if (i > 0) return { name, variables: {} };
    const settings = restStageSettings(name, variables, p);
    return settings ? { name, variables, settings } : { name, variables };
  });
  result.apis.push({
    logicalId,
    kind: 'REST',
    source: implicit ? 'implicit AWS::Serverless::Api' : 'AWS::Serverless::Api',
    apiId: physicalId(logicalId),
    document: doc,
    stages,
    stageName: stages[0]!.name,
    variables,
  });
  // Auth.UsagePlan: PER_API → <Api>UsagePlan + <Api>ApiKey; SHARED → one ServerlessUsagePlan over all (§1.3).
  const plan = isObject(auth.UsagePlan) ? auth.UsagePlan : undefined;
  const create = plan?.CreateUsagePlan;
  if (plan && (create === 'PER_API' || create === 'SHARED')) {
    const planId = create === 'PER_API' ? `${logicalId}UsagePlan` : 'ServerlessUsagePlan';
    const keyId = create === 'PER_API' ? `${logicalId}ApiKey` : 'ServerlessApiKey';
    let usagePlan = result.usagePlans.find((u) => u.logicalId === planId);
    if (!usagePlan) {
      usagePlan = {
        logicalId: planId,
        name: typeof plan.UsagePlanName === 'string' ? plan.UsagePlanName : planId,
        apiStages: [],
      };
      const limits = planLimits(plan, `${where}.Auth.UsagePlan`);
      Object.assign(usagePlan, limits);
      result.usagePlans.push(usagePlan);
      result.apiKeys.push({
        logicalId: keyId,
        value: generatedKeyValue(stack.env.stackName, keyId),
        generated: true,
        enabled: true,
        usagePlans: [planId],
      });
    }
    usagePlan.apiStages.push({ apiLogicalId: logicalId, stage: stageName });
  }
}

/** A usage plan's `Throttle` and `Quota` (CloudFormation's or SAM's spelling). */
export function planLimits(p: Json, where: string): Pick<TemplateUsagePlan, 'throttle' | 'quota'> {
  const out: Pick<TemplateUsagePlan, 'throttle' | 'quota'> = {};
  if (isObject(p.Throttle)) {
    const rate = Number(p.Throttle.RateLimit);
    const burst = Number(p.Throttle.BurstLimit);
    if (!Number.isFinite(rate) || !Number.isFinite(burst))
      throw new TemplateError(`${where}.Throttle: needs RateLimit and BurstLimit numbers`);
    out.throttle = { rateLimit: rate, burstLimit: burst };
  }
  if (isObject(p.Quota)) {
    const period = String(p.Quota.Period ?? '').toUpperCase();
    if (period !== 'DAY' && period !== 'WEEK' && period !== 'MONTH')
      throw new TemplateError(`${where}.Quota.Period: must be DAY, WEEK or MONTH`);
    const limit = Number(p.Quota.Limit);
    if (!Number.isInteger(limit)) throw new TemplateError(`${where}.Quota.Limit: must be a whole number`);
    out.quota = { limit, period };
  }
  return out;
}

/**
 * The value of a key the template gives no `Value`: CloudFormation generates a random one; the emulator derives a
 * stable 40-character one from the stack and logical id, printed at start-up (L: so restarts keep the same key).
 */
export function generatedKeyValue(stackName: string, logicalId: string): string {
  return `${logicalId}${physicalId(`${stackName}/${logicalId}`, 40)}`.slice(0, 40).padEnd(20, '0');
}

function httpApi(
  stack: Stack,
  logicalId: string,
  implicit: boolean,
  events: Array<ApiEvent & { apiLogicalId: string }>,
  result: SamApis,
): void {
  const { p, where, uriOf } = apiContext(stack, logicalId, implicit, 'HttpApi', result);
  const skeleton = { openapi: '3.0.1', info: { version: '1.0', title: stack.env.stackName }, paths: {} };
  const { doc, addEvents } = definition(stack, logicalId, p, skeleton);
  const { auth, schemes, defaultAuthorizer } = authorizers(p, where, (spec, at) =>
    httpAuthorizerScheme(spec, at, uriOf),
  );
  const defaultScopes = (name: string | undefined) => {
    const spec = name && isObject(auth.Authorizers) ? auth.Authorizers[name] : undefined;
    return isObject(spec) && Array.isArray(spec.AuthorizationScopes) ? spec.AuthorizationScopes : [];
  };
  if (addEvents) {
    for (const e of events) {
      const ep = e.properties;
      const ew = `Resources.${e.functionId}.Properties.Events.${e.eventId}.Properties`;
      const isDefault = ep.Path === undefined && ep.Method === undefined;
      const path = isDefault ? '$default' : ep.Path;
      const method = isDefault ? 'any' : ep.Method;
      if (typeof path !== 'string' || typeof method !== 'string')
        throw new TemplateError(`${ew}: an HttpApi event needs Path and Method (or neither, for $default)`);
      const eventAuth = isObject(ep.Auth) ? ep.Auth : {};
      const authorizer = typeof eventAuth.Authorizer === 'string' ? eventAuth.Authorizer : defaultAuthorizer;
      if (authorizer && !['NONE', 'AWS_IAM'].includes(authorizer) && !schemes[authorizer])
        throw new TemplateError(`${ew}.Auth.Authorizer: no authorizer "${authorizer}" in the API's Auth.Authorizers`);
      const params = [...path.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => ({
        name: m[1]!,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      }));
      let security: unknown[] | undefined;
      if (authorizer === 'AWS_IAM') {
        schemes.AWS_IAM = SIGV4_SCHEME;
        security = [{ AWS_IAM: [] }];
      } else if (authorizer && authorizer !== 'NONE')
        security = [
          {
            [authorizer]: Array.isArray(eventAuth.AuthorizationScopes)
              ? eventAuth.AuthorizationScopes
              : defaultScopes(authorizer),
          },
        ];
      addOperation(
        doc,
        path,
        method,
        {
          responses: {},
          ...(params.length ? { parameters: params } : {}),
          security: security ?? [],
          ...(isDefault ? { isDefaultRoute: true } : {}),
          'x-amazon-apigateway-integration': {
            type: 'aws_proxy',
            httpMethod: 'POST',
            uri: uriOf(stack.functionArn(e.functionId)),
            payloadFormatVersion: String(ep.PayloadFormatVersion ?? '2.0'),
            ...(typeof ep.TimeoutInMillis === 'number' ? { timeoutInMillis: ep.TimeoutInMillis } : {}),
          },
        },
        ew,
      );
    }
    if (defaultAuthorizer)
      for (const [, , op] of operations(doc))
        if (op.security === undefined)
          op.security = [
            { [defaultAuthorizer]: defaultAuthorizer === 'AWS_IAM' ? [] : defaultScopes(defaultAuthorizer) },
          ];
  }
  addSecuritySchemes(doc, schemes);
  const cors = httpCors(p.CorsConfiguration);
  if (cors) doc['x-amazon-apigateway-cors'] = cors;
  const stageName = typeof p.StageName === 'string' && p.StageName ? p.StageName : '$default';
  const variables = stringMap(p.StageVariables);
  const settings = httpStageSettings(stageName, variables, p);
  result.apis.push({
    logicalId,
    kind: 'HTTP',
    source: implicit ? 'implicit AWS::Serverless::HttpApi' : 'AWS::Serverless::HttpApi',
    apiId: physicalId(logicalId),
    document: doc,
    stages: [settings ? { name: stageName, variables, settings } : { name: stageName, variables }],
    stageName,
    variables,
  });
}

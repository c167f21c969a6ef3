import { HttpApiGateway } from './http-api/gateway.js';
import { PASCAL_CASE, parseRouteSettings, type RouteSettingInput } from './http-api/throttling/route-settings.js';
import { RestGateway } from './rest/gateway.js';
import { readStageCache } from './rest/stage-cache/settings.js';
import { parseMethodSettings } from './rest/throttling/method-settings.js';
import type { AnyGateway } from './api-type.js';

/**
 * A stage's settings as `aws apigateway get-stage` prints them for a REST API (camelCase), or `aws apigatewayv2
 * get-stage` for an HTTP API (PascalCase), checked: what the emulator applies of them (the CLI's `--stage-config FILE`
 * and the sandboxes' `stage.json` read the same document). Both shapes fill the same fields; those of the other API
 * type stay undefined.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_Stage.html
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages-stagename.html
 */
export interface StageConfig {
  /** Which get-stage printed it: `REST` (aws apigateway) or `HTTP` (aws apigatewayv2). */
  apiType: 'REST' | 'HTTP';
  /** `stageName` (`StageName`); undefined → the stage it is applied to. */
  stageName: string | undefined;
  /** `variables` (`StageVariables`). */
  variables: Record<string, string> | undefined;
  /** `methodSettings` as get-stage prints them (throttling and caching fields); undefined without. */
  methodSettings: Record<string, unknown> | undefined;
  cacheClusterEnabled: boolean | undefined;
  cacheClusterSize: string | undefined;
  /** `accessLogSettings` (`format`, `destinationArn`; HTTP: `AccessLogSettings` `Format`, `DestinationArn`). */
  accessLogSettings: { format?: string; destinationArn?: string } | undefined;
  /** HTTP APIs' `DefaultRouteSettings`, as UpdateStage spells it (camelCase); undefined without. */
  defaultRouteSettings: RouteSettingInput | undefined;
  /** HTTP APIs' `RouteSettings` by route key, as UpdateStage spells them (camelCase); undefined without. */
  routeSettings: Record<string, RouteSettingInput> | undefined;
}

/** A bad get-stage document: the message names the field. */
export class StageConfigError extends Error {
  override name = 'StageConfigError';
}

/** The get-stage fields the emulator applies. */
const READ = new Set([
  'stageName',
  'variables',
  'methodSettings',
  'cacheClusterEnabled',
  'cacheClusterSize',
  'accessLogSettings',
]);

/** The fields get-stage prints that the emulator knowingly ignores. */
const IGNORED = new Set([
  'deploymentId',
  'clientCertificateId',
  'description',
  'cacheClusterStatus',
  'canarySettings',
  'tracingEnabled',
  'webAclArn',
  'tags',
  'createdDate',
  'lastUpdatedDate',
  'documentationVersion',
]);

/** The `aws apigatewayv2 get-stage` fields the emulator applies (HTTP APIs). */
const READ_V2 = new Set(['StageName', 'StageVariables', 'DefaultRouteSettings', 'RouteSettings', 'AccessLogSettings']);

/**
 * The `aws apigatewayv2 get-stage` fields the emulator knowingly ignores: the rest of the Stage resource
 * (https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages-stagename.html).
 */
const IGNORED_V2 = new Set([
  'ApiGatewayManaged',
  'AutoDeploy',
  'ClientCertificateId',
  'CreatedDate',
  'DeploymentId',
  'Description',
  'LastDeploymentStatusMessage',
  'LastUpdatedDate',
  'Tags',
]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const V1_OUTPUT = "aws apigateway get-stage's output";
const V2_OUTPUT = "aws apigatewayv2 get-stage's output";

/**
 * Checks a get-stage JSON document, of either shape (a REST API's camelCase, or an HTTP API's PascalCase); throws a
 * one-line StageConfigError naming the bad field.
 */
export function parseStageConfig(document: unknown): StageConfig {
  if (!isObject(document))
    throw new StageConfigError(
      'expected the JSON object "aws apigateway get-stage" or "aws apigatewayv2 get-stage" prints',
    );
  const fields = Object.keys(document);
  const v1 = fields.find((f) => READ.has(f) || IGNORED.has(f));
  const v2 = fields.find((f) => READ_V2.has(f) || IGNORED_V2.has(f));
  if (v1 !== undefined && v2 !== undefined)
    throw new StageConfigError(
      `"${v1}" is a field of ${V1_OUTPUT} (REST APIs) and "${v2}" of ${V2_OUTPUT} (HTTP APIs): one document has one shape`,
    );
  if (v2 !== undefined) return parseV2(document);
  for (const field of fields) {
    if (v1 === undefined)
      throw new StageConfigError(`unknown field "${field}" (not a field of ${V1_OUTPUT} or ${V2_OUTPUT})`);
    if (!READ.has(field) && !IGNORED.has(field))
      throw new StageConfigError(`unknown field "${field}" (not a field of ${V1_OUTPUT})`);
  }
  const { stageName, variables, methodSettings, cacheClusterEnabled, cacheClusterSize, accessLogSettings } = document;
  if (stageName !== undefined && (typeof stageName !== 'string' || !stageName))
    throw new StageConfigError('stageName: expected a stage name');
  if (variables !== undefined) {
    if (!isObject(variables)) throw new StageConfigError('variables: expected an object of strings');
    for (const [name, value] of Object.entries(variables))
      if (typeof value !== 'string') throw new StageConfigError(`variables.${name}: expected a string`);
  }
  if (methodSettings !== undefined && !isObject(methodSettings))
    throw new StageConfigError('methodSettings: expected an object keyed "*/*" or "~1path/METHOD"');
  if (cacheClusterSize !== undefined && typeof cacheClusterSize !== 'string')
    throw new StageConfigError('cacheClusterSize: expected a string such as "0.5"');
  if (accessLogSettings !== undefined) {
    if (!isObject(accessLogSettings)) throw new StageConfigError('accessLogSettings: expected an object');
    for (const field of ['format', 'destinationArn'])
      if (accessLogSettings[field] !== undefined && typeof accessLogSettings[field] !== 'string')
        throw new StageConfigError(`accessLogSettings.${field}: expected a string`);
  }
  try {
    parseMethodSettings(methodSettings);
    readStageCache({
      methodSettings: methodSettings as Record<string, unknown> | undefined,
      cacheClusterEnabled: cacheClusterEnabled as boolean | undefined,
      cacheClusterSize: cacheClusterSize as string | undefined,
    });
  } catch (error) {
    throw new StageConfigError((error as Error).message);
  }
  return {
    apiType: 'REST',
    stageName: stageName as string | undefined,
    variables: variables as Record<string, string> | undefined,
    methodSettings: methodSettings as Record<string, unknown> | undefined,
    cacheClusterEnabled: cacheClusterEnabled as boolean | undefined,
    cacheClusterSize: cacheClusterSize as string | undefined,
    accessLogSettings: accessLogSettings as StageConfig['accessLogSettings'],
    defaultRouteSettings: undefined,
    routeSettings: undefined,
  };
}

/** A RouteSettings object in UpdateStage's camelCase (`ThrottlingBurstLimit` → `throttlingBurstLimit`). */
const camelSetting = (setting: Record<string, unknown>): RouteSettingInput =>
  Object.fromEntries(Object.entries(setting).map(([k, v]) => [k[0]!.toLowerCase() + k.slice(1), v]));

/** `aws apigatewayv2 get-stage`'s document (HTTP APIs), checked field by field. */
function parseV2(document: Record<string, unknown>): StageConfig {
  for (const field of Object.keys(document)) {
    if (!READ_V2.has(field) && !IGNORED_V2.has(field))
      throw new StageConfigError(`unknown field "${field}" (not a field of ${V2_OUTPUT})`);
  }
  const { StageName, StageVariables, DefaultRouteSettings, RouteSettings, AccessLogSettings } = document;
  if (StageName !== undefined && (typeof StageName !== 'string' || !StageName))
    throw new StageConfigError('StageName: expected a stage name');
  if (StageVariables !== undefined) {
    if (!isObject(StageVariables)) throw new StageConfigError('StageVariables: expected an object of strings');
    for (const [name, value] of Object.entries(StageVariables))
      if (typeof value !== 'string') throw new StageConfigError(`StageVariables.${name}: expected a string`);
  }
  let accessLogSettings: StageConfig['accessLogSettings'];
  if (AccessLogSettings !== undefined) {
    if (!isObject(AccessLogSettings)) throw new StageConfigError('AccessLogSettings: expected an object');
    for (const [field, value] of Object.entries(AccessLogSettings)) {
      if (field !== 'Format' && field !== 'DestinationArn')
        throw new StageConfigError(`AccessLogSettings: unknown field "${field}" (it has Format and DestinationArn)`);
      if (typeof value !== 'string') throw new StageConfigError(`AccessLogSettings.${field}: expected a string`);
    }
    const { Format, DestinationArn } = AccessLogSettings as { Format?: string; DestinationArn?: string };
    accessLogSettings = {
      ...(Format !== undefined ? { format: Format } : {}),
      ...(DestinationArn !== undefined ? { destinationArn: DestinationArn } : {}),
    };
  }
  try {
    parseRouteSettings(DefaultRouteSettings, RouteSettings, PASCAL_CASE);
  } catch (error) {
    throw new StageConfigError((error as Error).message);
  }
  return {
    apiType: 'HTTP',
    stageName: StageName as string | undefined,
    variables: StageVariables as Record<string, string> | undefined,
    methodSettings: undefined,
    cacheClusterEnabled: undefined,
    cacheClusterSize: undefined,
    accessLogSettings,
    defaultRouteSettings: isObject(DefaultRouteSettings) ? camelSetting(DefaultRouteSettings) : undefined,
    routeSettings: isObject(RouteSettings)
      ? Object.fromEntries(
          Object.entries(RouteSettings).map(([key, s]) => [key, camelSetting(s as Record<string, unknown>)]),
        )
      : undefined,
  };
}

/**
 * Applies a config's settings to a stage: a REST API's method settings and cache, or an HTTP API's default route
 * settings and route settings (its variables are the caller's to merge into `stage.variables`). Throws a
 * StageConfigError for an API type that has no such settings, or (HTTP) a route key the deployed API does not have.
 */
export function applyStageConfig(
  gateway: AnyGateway,
  config: StageConfig,
  stage: { name: string; deploymentId: string; variables: Record<string, string> },
): void {
  if (config.apiType === 'HTTP') return applyRouteSettings(gateway, config, stage);
  const { methodSettings, cacheClusterEnabled, cacheClusterSize } = config;
  if (methodSettings === undefined && cacheClusterEnabled === undefined && cacheClusterSize === undefined) return;
  if (!(gateway instanceof RestGateway))
    throw new StageConfigError("methodSettings and the cache cluster are a REST API's stage settings (see --api-type)");
  gateway.putStage({ ...stage, methodSettings, cacheClusterEnabled, cacheClusterSize });
}

/** An HTTP API config's DefaultRouteSettings and RouteSettings, put on the stage. */
function applyRouteSettings(
  gateway: AnyGateway,
  config: StageConfig,
  stage: { name: string; deploymentId: string; variables: Record<string, string> },
): void {
  const { defaultRouteSettings, routeSettings } = config;
  if (defaultRouteSettings === undefined && routeSettings === undefined) return;
  if (!(gateway instanceof HttpApiGateway))
    throw new StageConfigError(
      "DefaultRouteSettings and RouteSettings are an HTTP API's stage settings (see --api-type)",
    );
  try {
    gateway.putStage({ ...stage, defaultRouteSettings, routeSettings });
  } catch (error) {
    // The route keys were checked against the API here: name the field as the document spells it.
    throw new StageConfigError((error as Error).message.replace(/^routeSettings\[/, 'RouteSettings['));
  }
}

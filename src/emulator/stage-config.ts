import { RestGateway } from './rest/gateway.js';
import { readStageCache } from './rest/stage-cache/settings.js';
import { parseMethodSettings } from './rest/throttling/method-settings.js';
import type { AnyGateway } from './api-type.js';

/**
 * A stage's settings as `aws apigateway get-stage` prints them, checked: what the emulator applies of them (the CLI's
 * `--stage-config FILE` and the sandboxes' `stage.json` read the same document).
 * https://docs.aws.amazon.com/apigateway/latest/api/API_Stage.html
 */
export interface StageConfig {
  /** `stageName`; undefined → the stage it is applied to. */
  stageName: string | undefined;
  variables: Record<string, string> | undefined;
  /** `methodSettings` as get-stage prints them (throttling and caching fields); undefined without. */
  methodSettings: Record<string, unknown> | undefined;
  cacheClusterEnabled: boolean | undefined;
  cacheClusterSize: string | undefined;
  /** `accessLogSettings` (`format`, `destinationArn`); undefined without. */
  accessLogSettings: { format?: string; destinationArn?: string } | undefined;
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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a get-stage JSON document; throws a one-line StageConfigError naming the bad field. */
export function parseStageConfig(document: unknown): StageConfig {
  if (!isObject(document)) throw new StageConfigError('expected the JSON object "aws apigateway get-stage" prints');
  for (const field of Object.keys(document)) {
    if (!READ.has(field) && !IGNORED.has(field))
      throw new StageConfigError(`unknown field "${field}" (not a field of aws apigateway get-stage's output)`);
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
    stageName: stageName as string | undefined,
    variables: variables as Record<string, string> | undefined,
    methodSettings: methodSettings as Record<string, unknown> | undefined,
    cacheClusterEnabled: cacheClusterEnabled as boolean | undefined,
    cacheClusterSize: cacheClusterSize as string | undefined,
    accessLogSettings: accessLogSettings as StageConfig['accessLogSettings'],
  };
}

/**
 * Applies a config's method settings and cache to a stage (REST APIs only: HTTP APIs have route settings); its
 * variables join `stage.variables`. Throws a StageConfigError for an API type that has no such settings.
 */
export function applyStageConfig(
  gateway: AnyGateway,
  config: StageConfig,
  stage: { name: string; deploymentId: string; variables: Record<string, string> },
): void {
  const { methodSettings, cacheClusterEnabled, cacheClusterSize } = config;
  if (methodSettings === undefined && cacheClusterEnabled === undefined && cacheClusterSize === undefined) return;
  if (!(gateway instanceof RestGateway))
    throw new StageConfigError("methodSettings and the cache cluster are a REST API's stage settings (see --api-type)");
  gateway.putStage({ ...stage, methodSettings, cacheClusterEnabled, cacheClusterSize });
}

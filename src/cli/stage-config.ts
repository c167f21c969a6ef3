import { readFile } from 'node:fs/promises';
import { RestGateway, type AnyGateway } from '../emulator/index.js';
import { readStageCache } from '../emulator/rest/stage-cache/settings.js';
import { parseMethodSettings } from '../emulator/rest/throttling/method-settings.js';
import { CliError } from './errors.js';

/** A `--stage-config FILE` flag's file, read: the stage it names and what the emulator applies of it. */
export interface StageConfig {
  /** The flag as given, for messages. */
  flag: string;
  /** `stageName`; undefined → the first served stage. */
  stageName: string | undefined;
  variables: Record<string, string> | undefined;
  /** `methodSettings` as get-stage prints them (checked); undefined without. */
  methodSettings: Record<string, unknown> | undefined;
  /** `cacheClusterEnabled` and `cacheClusterSize` (checked); undefined without. */
  cacheClusterEnabled: boolean | undefined;
  cacheClusterSize: string | undefined;
}

/**
 * The fields `aws apigateway get-stage` prints that the emulator reads or knowingly ignores.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_Stage.html
 */
const IGNORED = new Set([
  'deploymentId',
  'clientCertificateId',
  'description',
  'cacheClusterStatus',
  'accessLogSettings',
  'canarySettings',
  'tracingEnabled',
  'webAclArn',
  'tags',
  'createdDate',
  'lastUpdatedDate',
  'documentationVersion',
]);

/** The get-stage fields the emulator applies. */
const READ = new Set(['stageName', 'variables', 'methodSettings', 'cacheClusterEnabled', 'cacheClusterSize']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a get-stage JSON document; throws a one-line CliError naming the bad field. */
export function parseStageConfig(flag: string, document: unknown): StageConfig {
  if (!isObject(document)) throw new CliError(`${flag}: expected the JSON object "aws apigateway get-stage" prints`);
  for (const field of Object.keys(document)) {
    if (!READ.has(field) && !IGNORED.has(field))
      throw new CliError(`${flag}: unknown field "${field}" (not a field of aws apigateway get-stage's output)`);
  }
  const { stageName, variables, methodSettings, cacheClusterEnabled, cacheClusterSize } = document;
  if (stageName !== undefined && (typeof stageName !== 'string' || !stageName))
    throw new CliError(`${flag}: stageName: expected a stage name`);
  if (variables !== undefined) {
    if (!isObject(variables)) throw new CliError(`${flag}: variables: expected an object of strings`);
    for (const [name, value] of Object.entries(variables))
      if (typeof value !== 'string') throw new CliError(`${flag}: variables.${name}: expected a string`);
  }
  if (methodSettings !== undefined && !isObject(methodSettings))
    throw new CliError(`${flag}: methodSettings: expected an object keyed "*/*" or "~1path/METHOD"`);
  if (cacheClusterSize !== undefined && typeof cacheClusterSize !== 'string')
    throw new CliError(`${flag}: cacheClusterSize: expected a string such as "0.5"`);
  try {
    parseMethodSettings(methodSettings);
    readStageCache({
      methodSettings: methodSettings as Record<string, unknown> | undefined,
      cacheClusterEnabled: cacheClusterEnabled as boolean | undefined,
      cacheClusterSize: cacheClusterSize as string | undefined,
    });
  } catch (error) {
    throw new CliError(`${flag}: ${(error as Error).message}`);
  }
  return {
    flag,
    stageName: stageName as string | undefined,
    variables: variables as Record<string, string> | undefined,
    methodSettings: methodSettings as Record<string, unknown> | undefined,
    cacheClusterEnabled: cacheClusterEnabled as boolean | undefined,
    cacheClusterSize: cacheClusterSize as string | undefined,
  };
}

/** Reads and checks `--stage-config FILE`. */
export async function loadStageConfig(file: string): Promise<StageConfig> {
  const flag = `--stage-config ${file}`;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new CliError(
      `${flag}: cannot read ${file} (${code === 'ENOENT' ? 'no such file' : (error as Error).message})`,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new CliError(`${flag}: ${file} is not JSON (expected the output of aws apigateway get-stage)`);
  }
  return parseStageConfig(flag, document);
}

/** The served stage a config applies to (its stageName, or the first stage); throws when that stage is not served. */
export function stageOfConfig(config: StageConfig, served: readonly string[]): string {
  const name = config.stageName ?? served[0]!;
  if (!served.includes(name))
    throw new CliError(`${config.flag}: stage "${name}" is not served (stages: ${served.join(', ')}; see --stage)`);
  return name;
}

/** Applies a config's method settings and cache to its stage (REST APIs only: HTTP APIs have route settings). */
export function applyStageConfig(
  gateway: AnyGateway,
  config: StageConfig,
  stage: { name: string; deploymentId: string; variables: Record<string, string> },
): void {
  const { methodSettings, cacheClusterEnabled, cacheClusterSize } = config;
  if (methodSettings === undefined && cacheClusterEnabled === undefined && cacheClusterSize === undefined) return;
  if (!(gateway instanceof RestGateway))
    throw new CliError(
      `${config.flag}: methodSettings and the cache cluster are a REST API's stage settings (see --api-type)`,
    );
  gateway.putStage({ ...stage, methodSettings, cacheClusterEnabled, cacheClusterSize });
}

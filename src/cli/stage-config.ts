import { readFile } from 'node:fs/promises';
import type { AnyGateway } from '../emulator/index.js';
import {
  applyStageConfig as applyCoreStageConfig,
  parseStageConfig as parseCoreStageConfig,
  StageConfigError,
  type StageConfig as CoreStageConfig,
} from '../emulator/stage-config.js';
import { CliError } from './errors.js';

/** A `--stage-config FILE` flag's file, read: the stage it names and what the emulator applies of it. */
export interface StageConfig extends CoreStageConfig {
  /** The flag as given, for messages. */
  flag: string;
}

/** Checks a get-stage JSON document (aws apigateway's or aws apigatewayv2's); throws a one-line CliError naming the bad field. */
export function parseStageConfig(flag: string, document: unknown): StageConfig {
  try {
    return { flag, ...parseCoreStageConfig(document) };
  } catch (error) {
    if (error instanceof StageConfigError) throw new CliError(`${flag}: ${error.message}`);
    throw error;
  }
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
    throw new CliError(
      `${flag}: ${file} is not JSON (expected the output of aws apigateway get-stage or aws apigatewayv2 get-stage)`,
    );
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

/** Applies a config's settings to its stage: a REST API's method settings and cache, an HTTP API's route settings. */
export function applyStageConfig(
  gateway: AnyGateway,
  config: StageConfig,
  stage: { name: string; deploymentId: string; variables: Record<string, string> },
): void {
  try {
    applyCoreStageConfig(gateway, config, stage);
  } catch (error) {
    if (error instanceof StageConfigError) throw new CliError(`${config.flag}: ${error.message}`);
    throw error;
  }
}

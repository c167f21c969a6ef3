/**
 * One sandbox run through the emulator, independent of where it runs (a Web Worker in the page, a
 * Node process in a WebContainer, a vitest test): builds the gateway from the run's definition,
 * deploys it to the run's stage, sends the reader's request and reports the four stages.
 * Pure: web-standard Request/Response and the `yaml` parser only.
 *
 * The work is done in ./worker/gateway-core.ts (no YAML parser: the Worker runtime's gateway
 * imports it directly, with `parseJsonDefinition`); this module adds JSON-or-YAML definitions.
 */
import { parse as parseYaml } from 'yaml';
import type { ApiModel, ApiType, EndpointType, LambdaInvoker, RestApiModel } from '../emulator/index.js';
import type { RunOutcome, SandboxRun } from './types.js';
import {
  apiFromDefinitionWith,
  apiModelFromDefinitionWith,
  isJsonDefinition,
  type DefinitionParser,
} from './worker/gateway-core.js';
import { runSandboxWith, type SandboxRunOptions } from './run-sandbox.js';

export {
  apiFromDefinitionWith,
  apiModelFromDefinitionWith,
  deployRun,
  deployedGateway,
  deployedStages,
  outcomeOf,
  putCustomDomain,
  isJsonDefinition,
  parseJsonDefinition,
  requestOf,
  runInGatewayWith,
  serveRunRequest,
  type DefinitionParser,
  type RunInGatewayOptions,
} from './worker/gateway-core.js';

/** JSON or YAML (YAML is a superset of JSON; JSON.parse is just faster). */
export const parseDefinition: DefinitionParser = (text) => {
  if (isJsonDefinition(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // A YAML flow mapping, or JSON with a YAML-only extra: the YAML parser says what's wrong.
    }
  }
  return parseYaml(text) as unknown;
};

/** Parses the definition (JSON or YAML) and imports it as a REST API (a fresh copy each call). */
export function apiFromDefinition(
  definition: string,
  apiId: string,
  timeoutMs?: number,
  endpointType?: EndpointType,
): RestApiModel {
  return apiFromDefinitionWith(parseDefinition, definition, apiId, timeoutMs, endpointType);
}

/** Parses the definition (JSON or YAML) and imports it as the API type given, or the one it looks like (a fresh copy each call). */
export function apiModelFromDefinition(
  definition: string,
  apiId: string,
  options: {
    timeoutMs?: number | undefined;
    apiType?: ApiType | undefined;
    endpointType?: EndpointType | undefined;
  } = {},
): ApiModel {
  return apiModelFromDefinitionWith(parseDefinition, definition, apiId, options);
}

/**
 * Serves the run's request through a deployed gateway whose functions `invoke` runs: a fresh one, or the run's
 * session's; with the run's access, requests sent first and auth (run-sandbox.ts).
 */
export function runInGateway(run: SandboxRun, invoke: LambdaInvoker, options: SandboxRunOptions): Promise<RunOutcome> {
  return runSandboxWith(parseDefinition, run, invoke, options);
}

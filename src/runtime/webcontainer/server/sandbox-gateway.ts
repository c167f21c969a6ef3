/**
 * The server's one gateway, built from sandbox.json and the definition files: each stage deployed from its
 * definition (stages with the same definition share a deployment, as deployedStages makes them), the run's custom
 * domain name with its base path mappings (CreateDomainName), the integration timeout applied. Both the API's
 * ordinary paths and /__sandbox/run are served by it.
 */
import type { EmbeddedAwsServices } from '../../../emulator/aws-services/embedded-services.js';
import type { AwsServices } from '../../../emulator/aws-services/types.js';
import type { AnyGateway, ApiModel, LambdaInvoker } from '../../../emulator/index.js';
import { applyAccess } from '../../access-setup.js';
import { apiModelFromDefinition, deployedStages, putCustomDomain } from '../../run-in-gateway.js';
import { createRunServices } from '../../run-services.js';
import { applyRunStageSettings } from '../../stage-settings.js';
import { FILES, type SandboxConfig, type SandboxStageConfig } from '../protocol.js';

/** The deployed gateway and the API its run's stage serves, or why the sandbox's API cannot be served. */
export type SandboxDeployment =
  | { gateway: AnyGateway; api: ApiModel; apis: ApiModel[]; services?: EmbeddedAwsServices; problem: null }
  | { gateway: null; api: null; apis?: undefined; problem: { error: Error; file: string | null } };

/** The embedded services each deployed gateway was made with (sandbox.json `services`), for its runs' outcomes. */
const servicesByGateway = new WeakMap<AnyGateway, EmbeddedAwsServices>();

/** The embedded services `gateway` was deployed with, if any. */
export function servicesOfGateway(gateway: AnyGateway): EmbeddedAwsServices | undefined {
  return servicesByGateway.get(gateway);
}

/** The stages sandbox.json describes: its `stages`, or the one stage `stage` serving openapi.yaml. */
export function stagesOf(config: SandboxConfig): SandboxStageConfig[] {
  return (
    config.stages ?? [
      {
        name: config.stage,
        definitionFile: FILES.definition,
        ...(config.stageVariables ? { variables: config.stageVariables } : {}),
      },
    ]
  );
}

/**
 * Deploys the sandbox's API; `definitions` maps each definition file to its text. Never throws: a definition that does
 * not import (with its file), a stage the run names but does not have, stages of mixed API types, a REST API on
 * `$default`, an unusable custom domain are the deployment's problem.
 */
export function deploySandbox(
  config: SandboxConfig,
  definitions: ReadonlyMap<string, string>,
  options: { invoke: LambdaInvoker; fetch: typeof fetch; awsServices?: AwsServices },
): SandboxDeployment {
  const stages = stagesOf(config);
  const importOptions = { timeoutMs: config.timeoutMs, apiType: config.apiType, endpointType: config.endpointType };
  const deployed: Array<{ name: string; api: ApiModel; definition: string; variables?: Record<string, string> }> = [];
  for (const stage of stages) {
    const definition = definitions.get(stage.definitionFile);
    try {
      if (definition === undefined)
        throw new Error(`no definition file ${stage.definitionFile} for stage "${stage.name}"`);
      const api = apiModelFromDefinition(definition, config.apiId, importOptions);
      deployed.push({ name: stage.name, api, definition, ...(stage.variables ? { variables: stage.variables } : {}) });
    } catch (error) {
      return failed(error, stage.definitionFile);
    }
  }
  const served = deployed.find((s) => s.name === config.stage);
  if (!served) return failed(new RangeError(`stage "${config.stage}" is not among the run's stages`), null);
  try {
    const gateway = deployedStages(deployed, options);
    if (config.stageConfig !== undefined || config.webAcl !== undefined)
      applyRunStageSettings(gateway, { stage: config.stage, stageConfig: config.stageConfig, webAcl: config.webAcl });
    if (config.customDomain) putCustomDomain(gateway, config.customDomain);
    return { gateway, api: served.api, apis: deployed.map((s) => s.api), problem: null };
  } catch (error) {
    return failed(error, null);
  }
}

function failed(error: unknown, file: string | null): SandboxDeployment {
  return {
    gateway: null,
    api: null,
    problem: { error: error instanceof Error ? error : new Error(String(error)), file },
  };
}

/**
 * Deploys the sandbox's API with its access (API keys, usage plans, credentials, the server's user pool for Cognito and
 * JWT authorizers: access-setup.ts); access the API cannot take is the deployment's problem.
 */
export async function deploySandboxWithAccess(
  config: SandboxConfig,
  definitions: ReadonlyMap<string, string>,
  options: { invoke: LambdaInvoker; fetch: typeof fetch },
): Promise<SandboxDeployment> {
  // Issue #14: each deployment has embedded services of its own, made from sandbox.json's services file (a bad file is
  // the deployment's problem: `services: …`); a Step Functions Task runs the sandbox's functions.
  let services: EmbeddedAwsServices | undefined;
  if (config.services !== undefined) {
    try {
      services = await createRunServices(config.services, { now: Date.now, invoke: options.invoke });
    } catch (error) {
      return failed(error, null);
    }
  }
  const deployment = deploySandbox(config, definitions, { ...options, ...(services ? { awsServices: services } : {}) });
  if (deployment.problem) return deployment;
  if (services) {
    deployment.services = services;
    servicesByGateway.set(deployment.gateway, services);
  }
  try {
    await applyAccess(
      deployment.gateway,
      deployment.apis,
      config.access,
      stagesOf(config).map((s) => ({ apiId: config.apiId, stage: s.name })),
    );
    return deployment;
  } catch (error) {
    return failed(error, null);
  }
}

/**
 * An example's stage settings on a deployed sandbox gateway (issue #12): its get-stage document (`stageConfig`: method
 * throttling and caching, the cache cluster, variables) applied to the stage it names, and its web ACL (`webAcl`: the
 * JSON `aws wafv2 get-web-acl` prints) associated with the run's stage (AssociateWebACL). Shared by the Worker
 * runtime (gateway-core's deployRun), the WebContainer's server (sandbox-gateway.ts) and the Node tests. Pure.
 */
import {
  applyStageConfig,
  parseStageConfig,
  parseWebAcl,
  RestGateway,
  StageConfigError,
  type AnyGateway,
} from '../emulator/index.js';

/** A bad stage config or web ACL: one line naming the document and its field. */
export class StageSettingsError extends Error {
  override name = 'StageSettingsError';
}

/** How the page names the two documents in a one-line error (`stage config: methodSettings…`). */
export const STAGE_CONFIG_LABEL = 'stage config';
export const WEB_ACL_LABEL = 'web ACL';

/** The settings a run carries: JSON texts, as the example's files (and the reader's edits) hold them. */
export interface RunStageSettings {
  /** The stage the request goes to: where a config without `stageName`, and the web ACL, apply. */
  stage: string;
  stageConfig?: string | undefined;
  webAcl?: string | undefined;
}

/** Parses a JSON text; a syntax error names the document. */
function jsonOf(text: string, label: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new StageSettingsError(`${label}: not JSON (${(error as Error).message})`);
  }
}

/**
 * Applies the run's stage config to the stage it names (one of the gateway's stages) and associates its web ACL with
 * the run's stage. Throws a StageSettingsError naming the bad field (`stage config: methodSettings["*\/*"]…`).
 */
export function applyRunStageSettings(gateway: AnyGateway, settings: RunStageSettings): void {
  if (settings.stageConfig !== undefined) {
    const label = STAGE_CONFIG_LABEL;
    try {
      const config = parseStageConfig(jsonOf(settings.stageConfig, label));
      const name = config.stageName ?? settings.stage;
      const stage = gateway.stages().find((s) => s.name === name);
      if (!stage) throw new StageConfigError(`stageName: "${name}" is not a stage of this API (${settings.stage} is)`);
      applyStageConfig(gateway, config, {
        name,
        deploymentId: stage.deploymentId,
        variables: { ...stage.variables, ...config.variables },
      });
    } catch (error) {
      throw labelled(error, label);
    }
  }
  if (settings.webAcl !== undefined) {
    const label = WEB_ACL_LABEL;
    try {
      if (!(gateway instanceof RestGateway)) throw new Error('AWS WAF protects REST API stages only');
      // As `aws wafv2 get-web-acl` prints it (SearchString base64-encoded), the form `serve --web-acl` reads too.
      gateway.associateWebAcl(
        settings.stage,
        parseWebAcl(jsonOf(settings.webAcl, label), {}, { searchStringEncoding: 'base64' }),
      );
    } catch (error) {
      throw labelled(error, label);
    }
  }
}

/** The error as a StageSettingsError whose message starts with the document's label. */
function labelled(error: unknown, label: string): StageSettingsError {
  if (error instanceof StageSettingsError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StageSettingsError(`${label}: ${message.split('\n')[0]}`);
}

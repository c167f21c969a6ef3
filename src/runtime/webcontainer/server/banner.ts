/**
 * What the server prints when it starts: what it serves (the API, its stages and their definition files, the custom
 * domain's mappings, the HTTP service), then the "Invoke URL:" line, last: the page waits for it (server-process.ts).
 */
import { API_TYPES } from '../../../emulator/index.js';
import { UPSTREAM_FILE, type SandboxConfig } from '../protocol.js';
import { stagesOf, type SandboxDeployment } from './sandbox-gateway.js';

/** The start-up lines, each ending in a newline. */
export function startBanner(
  config: SandboxConfig,
  deployment: SandboxDeployment,
  handlerFile: string,
  port: number,
): string {
  const origin = `http://localhost:${port}`;
  const stageUrl = (stage: string) => `${origin}${stage === '$default' ? '' : `/${stage}`}`;
  const lines: string[] = [];
  if (deployment.problem) {
    const { error, file } = deployment.problem;
    const what = file ? `the API definition (${file}) does not import` : 'the API cannot be deployed';
    const problems = (error as { problems?: unknown }).problems;
    lines.push(
      `apigw-lab: ${what}, every API path answers 403: ${Array.isArray(problems) ? problems.join('; ') : error.message}`,
    );
  } else {
    const { api } = deployment;
    lines.push(
      `apigw-lab: serving ${API_TYPES[api.kind].label} API "${api.name}" with ${config.functionName} from ${handlerFile}`,
    );
    if (config.stages)
      for (const stage of config.stages)
        lines.push(`  stage ${stage.name} (${stage.definitionFile}): ${stageUrl(stage.name)}`);
    if (config.customDomain) {
      const { domainName, basePathMappings } = config.customDomain;
      lines.push(`  custom domain name ${domainName}:`);
      for (const m of basePathMappings) {
        const basePath = m.basePath.replace(/^\/+|\/+$/g, '');
        lines.push(
          `    ${origin}/${basePath === '(none)' ? '' : basePath} -> stage ${m.stage} (with -H 'Host: ${domainName}')`,
        );
      }
    }
    if (config.upstream)
      lines.push(
        `  HTTP integrations reach the service in ${UPSTREAM_FILE} at ${config.upstream.host}; other hosts are unreachable`,
      );
  }
  // An HTTP API's $default stage is served at the root, without a stage segment.
  lines.push(`Invoke URL: ${stageUrl(config.stage)}`);
  return lines.map((line) => `${line}\n`).join('');
}

import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import type { Stage } from '../../shared/stage-registry.js';
import type { HttpApiRequestContext } from '../context.js';
import { DEFAULT_STAGE } from '../model.js';
import { HTTP_API_RESPONSES } from '../responses.js';

/**
 * Finds the stage. On a custom domain name, by the longest API mapping the path starts with (`$default` included, no
 * stage segment in the URL). Otherwise "If the request explicitly matches a stage, API Gateway sends the request to
 * that stage. If no stage fully matches the request, API Gateway sends the request to the $default stage. If there's
 * no $default stage, then the API returns {"message":"Not Found"}." (http-api-develop-routes.html)
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mappings.html
 */
export function resolveStage(context: HttpApiRequestContext): void {
  const { host } = context;
  const { pathname } = context.url;
  const { registry, domains } = context.services;
  const routed = domains.route(host, pathname);
  // AWS documents no response for a custom-domain path that matches no API mapping; an HTTP API's own "no such
  // route" answer is used.
  if (routed?.kind === 'unmapped') {
    throw new GatewayError(HTTP_API_RESPONSES.NOT_FOUND, `no API mapping of ${host} matches ${pathname}`);
  }
  const slash = pathname.indexOf('/', 1);
  const first = routed ? routed.stage : safeDecode(slash < 0 ? pathname.slice(1) : pathname.slice(1, slash));
  let stage: Stage | undefined;
  let pathInStage: string;
  if (routed) {
    stage = registry.stage(routed.stage);
    pathInStage = routed.path;
  } else {
    stage = first && first !== DEFAULT_STAGE ? registry.stage(first) : undefined;
    pathInStage = stage ? (slash < 0 ? '/' : pathname.slice(slash)) : pathname;
    if (!stage) {
      stage = registry.stage(DEFAULT_STAGE);
      pathInStage = pathname;
    }
  }
  const deployment = registry.deploymentOf(stage);
  if (!stage || !deployment) {
    throw new GatewayError(
      HTTP_API_RESPONSES.NOT_FOUND,
      first ? `no stage named "${first}" and no $default stage` : 'no $default stage',
    );
  }
  context.stage = stage;
  context.deployment = deployment;
  context.api = deployment.api;
  context.pathInStage = pathInStage;
  // On a custom domain, rawPath leaves the API mapping out (and has no stage segment); payload 1.0's path keeps it.
  context.rawPath = routed ? routed.path : pathname;
  context.trace.stage = stage.name;
  context.trace.apiId = deployment.api.id;
  context.trace.apiName = deployment.api.name;
}

/** A path segment, percent-decoded; as sent when it is not valid percent-encoding. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

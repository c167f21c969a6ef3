import { lastHeaderOf } from '../../shared/headers.js';
import { parseQuery } from '../../shared/query-string.js';
import type { RestRequestContext } from '../context.js';
import { contextPath } from '../request-params.js';

/**
 * The values of an authorizer's identity sources, in order, or null when one is missing or empty: API Gateway then
 * answers 401 Unauthorized without calling the function ("If a specified identity source is missing, null, or empty,
 * API Gateway returns a 401 Unauthorized response without calling the authorizer Lambda function",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html).
 * Sources: `method.request.header.X` (case-insensitive; the last value of a repeated header), `method.request.querystring.X`
 * (decoded; the last value), `stageVariables.X`, `context.X` (the `$context` variables known before the integration).
 */
export function identitySourceValues(context: RestRequestContext, sources: readonly string[]): string[] | null {
  const values: string[] = [];
  let query: Array<[string, string]> | undefined;
  for (const source of sources) {
    let value: string | null | undefined = null;
    if (source.startsWith('method.request.header.')) {
      value = lastHeaderOf(context.rawHeaders, context.lowerNames, source.slice(22).toLowerCase());
    } else if (source.startsWith('method.request.querystring.')) {
      const name = source.slice(27);
      query ??= context.url.query ? parseQuery(context.url.query) : [];
      for (const [k, v] of query) if (k === name) value = v;
    } else if (source.startsWith('stageVariables.')) {
      value = context.stage.variables[source.slice(15)];
    } else if (source.startsWith('context.')) {
      value = contextValue(context, source.slice(8));
    }
    if (value === null || value === undefined || value === '') return null;
    values.push(value);
  }
  return values;
}

/** A `$context` variable by its dotted name (`requestId`, `identity.sourceIp`); null when unknown here. */
function contextValue(context: RestRequestContext, name: string): string | null {
  const { trace, api, stage } = context;
  switch (name) {
    case 'accountId':
      return context.services.home.accountId;
    case 'apiId':
      return api!.id;
    case 'domainName':
      return context.host.replace(/:\d+$/, '');
    case 'extendedRequestId':
      return trace.extendedRequestId;
    case 'httpMethod':
      return context.method;
    case 'identity.sourceIp':
      return trace.sourceIp;
    case 'identity.userAgent':
      return lastHeaderOf(context.rawHeaders, context.lowerNames, 'user-agent');
    case 'path':
      return contextPath(context);
    case 'protocol':
      return trace.protocol;
    case 'requestId':
      return trace.requestId;
    case 'resourceId':
      return context.resource.id;
    case 'resourcePath':
      return context.resource.path;
    case 'stage':
      return stage.name;
    default:
      return null;
  }
}

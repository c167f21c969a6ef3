type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const camel = (k: string) => k.charAt(0).toLowerCase() + k.slice(1);

/** CloudFormation's MethodSetting fields that are not method settings' get-stage keys. */
const LOCATION = new Set(['ResourcePath', 'HttpMethod']);

/**
 * A REST stage's template settings (`MethodSettings` list, `Variables`, `CacheClusterEnabled`, `CacheClusterSize`)
 * → the document `aws apigateway get-stage` prints (`methodSettings` keyed `~1pets~1{id}/GET`, `*\/*` for all),
 * which the emulator's stage config reads. Undefined when there is nothing to apply.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-apigateway-stage-methodsetting.html
 */
export function restStageSettings(
  stageName: string,
  variables: Record<string, string>,
  p: {
    MethodSettings?: unknown;
    CacheClusterEnabled?: unknown;
    CacheClusterSize?: unknown;
    AccessLogSetting?: unknown;
  },
): Json | undefined {
  const settings: Json = {};
  // AccessLogSetting {DestinationArn, Format}: the access log line's format.
  if (isObject(p.AccessLogSetting) && typeof p.AccessLogSetting.Format === 'string')
    settings.accessLogSettings = { format: p.AccessLogSetting.Format };
  if (Array.isArray(p.MethodSettings) && p.MethodSettings.length) {
    const methodSettings: Json = {};
    for (const raw of p.MethodSettings) {
      if (!isObject(raw)) continue;
      const path = typeof raw.ResourcePath === 'string' ? raw.ResourcePath : '/*';
      const method = typeof raw.HttpMethod === 'string' ? raw.HttpMethod.toUpperCase() : '*';
      const key = `${path === '/*' ? '*' : path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}`;
      const entry: Json = {};
      for (const [k, v] of Object.entries(raw)) if (!LOCATION.has(k)) entry[camel(k)] = v;
      methodSettings[key] = entry;
    }
    settings.methodSettings = methodSettings;
  }
  if (p.CacheClusterEnabled !== undefined)
    settings.cacheClusterEnabled = p.CacheClusterEnabled === true || p.CacheClusterEnabled === 'true';
  if (p.CacheClusterSize !== undefined) settings.cacheClusterSize = String(p.CacheClusterSize);
  if (!Object.keys(settings).length) return undefined;
  return { stageName, variables, ...settings };
}

/** An HTTP API stage's `DefaultRouteSettings` / `RouteSettings` → `aws apigatewayv2 get-stage`'s document. */
export function httpStageSettings(
  stageName: string,
  variables: Record<string, string>,
  p: { DefaultRouteSettings?: unknown; RouteSettings?: unknown; AccessLogSettings?: unknown },
): Json | undefined {
  const log =
    isObject(p.AccessLogSettings) && typeof p.AccessLogSettings.Format === 'string'
      ? p.AccessLogSettings.Format
      : undefined;
  if (!isObject(p.DefaultRouteSettings) && !isObject(p.RouteSettings) && log === undefined) return undefined;
  return {
    StageName: stageName,
    StageVariables: variables,
    ...(log === undefined ? {} : { AccessLogSettings: { Format: log } }),
    ...(isObject(p.DefaultRouteSettings) ? { DefaultRouteSettings: p.DefaultRouteSettings } : {}),
    ...(isObject(p.RouteSettings) ? { RouteSettings: p.RouteSettings } : {}),
  };
}

/** Stage variables as strings (CloudFormation's `Variables` / `StageVariables` maps). */
export function stringMap(v: unknown): Record<string, string> {
  return isObject(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])) : {};
}

/**
 * SAM `GatewayResponses` (`UNAUTHORIZED: {StatusCode, ResponseParameters: {Headers, Paths, QueryStrings},
 * ResponseTemplates}`) → `x-amazon-apigateway-gateway-responses` (`gatewayresponse.header.X` mappings).
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-gatewayresponse.html
 */
export function gatewayResponses(raw: unknown): Json | undefined {
  if (!isObject(raw)) return undefined;
  const out: Json = {};
  const kinds: Record<string, string> = { Headers: 'header', Paths: 'path', QueryStrings: 'querystring' };
  for (const [type, spec] of Object.entries(raw)) {
    if (!isObject(spec)) continue;
    const entry: Json = {};
    if (spec.StatusCode !== undefined) entry.statusCode = String(spec.StatusCode);
    const params = isObject(spec.ResponseParameters) ? spec.ResponseParameters : {};
    const mapped: Json = {};
    for (const [group, kind] of Object.entries(kinds))
      if (isObject(params[group]))
        for (const [name, value] of Object.entries(params[group] as Json))
          mapped[`gatewayresponse.${kind}.${name}`] = String(value);
    if (Object.keys(mapped).length) entry.responseParameters = mapped;
    if (isObject(spec.ResponseTemplates)) entry.responseTemplates = spec.ResponseTemplates;
    out[type] = entry;
  }
  return out;
}

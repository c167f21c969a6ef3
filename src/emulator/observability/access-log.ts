import type { GatewayTrace } from '../shared/trace.js';
import { contextValue, isKnownContextVariable, type ContextExtra } from './context-variables.js';

/**
 * The access log formats the API Gateway console offers (CLF, JSON, XML, CSV), for REST APIs, exactly as
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.html lists them (the CLF one has
 * no space between `]` and `"`, as printed there).
 */
export const ACCESS_LOG_PRESETS = {
  clf: '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime]"$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId $context.extendedRequestId',
  json: '{ "requestId":"$context.requestId", "extendedRequestId":"$context.extendedRequestId","ip": "$context.identity.sourceIp", "caller":"$context.identity.caller", "user":"$context.identity.user", "requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod", "resourcePath":"$context.resourcePath", "status":"$context.status", "protocol":"$context.protocol", "responseLength":"$context.responseLength" }',
  xml: '<request id="$context.requestId"> <extendedRequestId>$context.extendedRequestId</extendedRequestId> <ip>$context.identity.sourceIp</ip> <caller>$context.identity.caller</caller> <user>$context.identity.user</user> <requestTime>$context.requestTime</requestTime> <httpMethod>$context.httpMethod</httpMethod> <resourcePath>$context.resourcePath</resourcePath> <status>$context.status</status> <protocol>$context.protocol</protocol> <responseLength>$context.responseLength</responseLength> </request>',
  csv: '$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,$context.httpMethod,$context.resourcePath,$context.protocol,$context.status,$context.responseLength,$context.requestId,$context.extendedRequestId',
} as const;

/**
 * The same presets for HTTP APIs, as https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html
 * lists them: `$context.routeKey` instead of the resource path, no caller or user.
 */
export const HTTP_API_ACCESS_LOG_PRESETS = {
  clf: '$context.identity.sourceIp - - [$context.requestTime] "$context.httpMethod $context.routeKey $context.protocol" $context.status $context.responseLength $context.requestId',
  json: '{ "requestId":"$context.requestId", "ip": "$context.identity.sourceIp", "requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod","routeKey":"$context.routeKey", "status":"$context.status","protocol":"$context.protocol", "responseLength":"$context.responseLength" }',
  xml: '<request id="$context.requestId"> <ip>$context.identity.sourceIp</ip> <requestTime>$context.requestTime</requestTime> <httpMethod>$context.httpMethod</httpMethod> <routeKey>$context.routeKey</routeKey> <status>$context.status</status> <protocol>$context.protocol</protocol> <responseLength>$context.responseLength</responseLength> </request>',
  csv: '$context.identity.sourceIp,$context.requestTime,$context.httpMethod,$context.routeKey,$context.protocol,$context.status,$context.responseLength,$context.requestId',
} as const;

export type AccessLogPresetName = keyof typeof ACCESS_LOG_PRESETS;

/** A preset's template for the API type (`clf`, `json`, `xml`, `csv`), or undefined for any other name. */
export function accessLogPreset(name: string, apiType: 'REST' | 'HTTP' = 'REST'): string | undefined {
  const presets = apiType === 'HTTP' ? HTTP_API_ACCESS_LOG_PRESETS : ACCESS_LOG_PRESETS;
  return Object.hasOwn(presets, name) ? presets[name as AccessLogPresetName] : undefined;
}

/** `$context.a.b` in a format: the name is dot-separated words (a trailing dot is text). */
const VARIABLE = /\$context\.([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)/g;

type Part = string | { variable: string };
const compiled = new Map<string, Part[]>();

/** A format split into text and variables, kept per format (a server formats every request with the same one). */
function partsOf(format: string): Part[] {
  let parts = compiled.get(format);
  if (parts) return parts;
  parts = [];
  let last = 0;
  for (const match of format.matchAll(VARIABLE)) {
    if (match.index > last) parts.push(format.slice(last, match.index));
    parts.push({ variable: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < format.length) parts.push(format.slice(last));
  if (compiled.size > 64) compiled.clear();
  compiled.set(format, parts);
  return parts;
}

/**
 * One access log line: `format` with each `$context.xxx` replaced by its value for this request. A variable with no
 * value (unknown to the emulator, or unset for this request, like `$context.identity.caller` without IAM) prints `-`,
 * as API Gateway writes unset values. `extra` gives or overrides values by name (`{ accountId: '123456789012' }`).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html
 */
export function formatAccessLog(format: string, trace: GatewayTrace, extra?: ContextExtra): string {
  let line = '';
  for (const part of partsOf(format)) {
    if (typeof part === 'string') {
      line += part;
      continue;
    }
    const value = contextValue(part.variable, trace, extra);
    line += value === null || value === undefined || value === '' ? '-' : String(value);
  }
  return line;
}

/** The `$context` variables of a format the emulator gives no value (they print `-`), for a warning. */
export function unknownAccessLogVariables(format: string): string[] {
  const names = partsOf(format).flatMap((part) => (typeof part === 'string' ? [] : [part.variable]));
  return [...new Set(names.filter((name) => !isKnownContextVariable(name)))].map((name) => `$context.${name}`);
}

/**
 * The emulator's default access log line (the CLI's and the sandboxes'), CLF as Apache writes it:
 * `$context.identity.sourceIp - - [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol"
 *  $context.status $context.responseLength $context.requestId`, the raw request path standing in for the resource
 * path when none matched. Written without the template machinery: it is on every request's path.
 */
export function formatClfLine(
  trace: Pick<
    GatewayTrace,
    'sourceIp' | 'requestTime' | 'httpMethod' | 'resourcePath' | 'protocol' | 'status' | 'responseLength' | 'requestId'
  >,
  rawPath: string,
): string {
  return `${trace.sourceIp} - - [${trace.requestTime}] "${trace.httpMethod} ${trace.resourcePath ?? rawPath} ${trace.protocol}" ${trace.status} ${trace.responseLength} ${trace.requestId}`;
}

/**
 * An example's access log (issue #12): the format its stage config sets (`accessLogSettings.format` of the get-stage
 * JSON) and the line API Gateway writes with it for one request, computed from the request's trace as the emulator
 * does (observability/access-log.ts). Pure.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.html
 */
import type { GatewayTrace } from '../emulator/shared/trace.js';
import { formatAccessLog } from '../emulator/observability/index.js';

/** The access log format a get-stage document sets, or undefined (none, or not a readable document). */
export function accessLogFormatOf(stageConfigSource: string | undefined): string | undefined {
  if (stageConfigSource === undefined) return undefined;
  try {
    const format = (JSON.parse(stageConfigSource) as { accessLogSettings?: { format?: unknown } }).accessLogSettings
      ?.format;
    return typeof format === 'string' && format !== '' ? format : undefined;
  } catch {
    return undefined;
  }
}

/** The access log line for a request's trace, or undefined when the stage writes none. */
export function accessLogLineOf(stageConfigSource: string | undefined, trace: GatewayTrace | undefined): string | undefined {
  const format = accessLogFormatOf(stageConfigSource);
  return format === undefined || trace === undefined ? undefined : formatAccessLog(format, trace);
}

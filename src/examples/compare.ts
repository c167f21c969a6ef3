import type { AuthorizerTrace } from '../emulator/shared/trace.js';
import type {
  DocumentedAuthorizer,
  DocumentedIntegrationRequest,
  DocumentedResponse,
  Language,
  VolatileField,
} from './types.js';

/** One difference between what a page documents and what ran. */
export interface Mismatch {
  field: string;
  documented: unknown;
  actual: unknown;
  /** Set for volatile fields: the pattern the actual value failed. */
  pattern?: string;
}

/** A documented authorizer call for one language: its function's answer in that language (DocumentedAuthorizer). */
export type AuthorizerCall = Omit<DocumentedAuthorizer, 'result'> & { result: unknown };

/** The documented authorizer call in `language`. */
export function authorizerCallOf(documented: DocumentedAuthorizer, language: Language): AuthorizerCall {
  return { ...documented, result: documented.result === null ? null : documented.result[language] };
}

/**
 * An authorizer trace (RunOutcome.authorizer) in the documented shape: no function for a Cognito user pool (or any
 * authorizer but TOKEN and REQUEST), the function's answer (its result, or its error payload) or null.
 */
export function authorizerCallOfTrace(trace: AuthorizerTrace): AuthorizerCall {
  const { outcome } = trace;
  return {
    type: trace.type,
    functionName: trace.type === 'TOKEN' || trace.type === 'REQUEST' ? trace.functionName : '',
    event: trace.event,
    result: outcome.kind === 'result' ? outcome.payload : outcome.kind === 'error' ? outcome.error : null,
    decision: trace.decision,
    cached: trace.cached,
  };
}

/** What ran for one exchange, in the documented shape. */
export interface ActualExchange {
  /** The authorizer's trace (RunOutcome.authorizer), compared only when the exchange documents one. */
  authorizer?: AuthorizerTrace | undefined;
  integrationRequest?: DocumentedIntegrationRequest | undefined;
  event?: unknown;
  result?: unknown;
  response?: DocumentedResponse;
  /** The access log line written for the request (src/examples/access-log.ts), compared when one is documented. */
  accessLog?: string | undefined;
}

/**
 * Compares one documented stage (`authorizer`, `integrationRequest`, `event`, `result` or `response`) with what ran;
 * volatile fields are matched by pattern. An `authorizer` is an {@link AuthorizerCall} on both sides.
 */
export function compareStage(
  stage: 'authorizer' | 'integrationRequest' | 'event' | 'result' | 'response' | 'accessLog',
  documented: unknown,
  actual: unknown,
  volatile: readonly VolatileField[],
): Mismatch[] {
  const patterns = new Map(volatile.map((v) => [v.path.toLowerCase(), v.pattern]));
  const out: Mismatch[] = [];
  if (stage === 'response') {
    compareResponse(documented as DocumentedResponse, actual as DocumentedResponse | undefined, patterns, out);
  } else if (stage === 'integrationRequest') {
    compareIntegrationRequest(documented as DocumentedIntegrationRequest, actual as DocumentedIntegrationRequest | undefined, patterns, out);
  } else if (stage === 'accessLog') {
    // A JSON line is compared field by field (its volatile fields by pattern); any other line as a whole.
    const doc = jsonObjectOf(documented);
    const act = jsonObjectOf(actual);
    if (doc && act) compareValue(stage, doc, act, patterns, out);
    else compareValue(stage, documented, actual, patterns, out);
  } else {
    compareValue(stage, documented, actual, patterns, out);
  }
  return out;
}

/**
 * Compares a whole exchange; the order of the result follows the stages. The authorizer call and the integration
 * request are compared only when the documented exchange has them (a method with an authorizer, a non-proxy
 * integration).
 */
export function compareExchange(
  documented: {
    authorizer?: AuthorizerCall | undefined;
    integrationRequest?: DocumentedIntegrationRequest | undefined;
    event: unknown;
    result: unknown;
    response: DocumentedResponse;
    accessLog?: string | undefined;
  },
  actual: ActualExchange,
  volatile: readonly VolatileField[],
): Mismatch[] {
  return [
    ...(documented.authorizer !== undefined
      ? compareStage(
          'authorizer',
          documented.authorizer,
          actual.authorizer ? authorizerCallOfTrace(actual.authorizer) : undefined,
          volatile,
        )
      : []),
    ...(documented.integrationRequest !== undefined
      ? compareStage('integrationRequest', documented.integrationRequest, actual.integrationRequest, volatile)
      : []),
    ...compareStage('event', documented.event, actual.event, volatile),
    ...compareStage('result', documented.result, actual.result, volatile),
    ...compareStage('response', documented.response, actual.response, volatile),
    ...(documented.accessLog !== undefined ? compareStage('accessLog', documented.accessLog, actual.accessLog, volatile) : []),
  ];
}

/** A readable report of mismatches, one per line. */
export function formatMismatches(mismatches: readonly Mismatch[]): string {
  return mismatches
    .map((m) =>
      m.pattern
        ? `${m.field}: ${JSON.stringify(m.actual)} does not match ${m.pattern} (documented sample ${JSON.stringify(m.documented)})`
        : `${m.field}: documented ${JSON.stringify(m.documented)}, actual ${JSON.stringify(m.actual)}`,
    )
    .join('\n');
}

/** Deep comparison with volatile paths checked by pattern. */
function compareValue(path: string, documented: unknown, actual: unknown, patterns: Map<string, string>, out: Mismatch[]): void {
  const pattern = patterns.get(path.toLowerCase());
  if (pattern !== undefined) {
    if (actual === undefined || actual === null || !new RegExp(pattern).test(String(actual))) {
      out.push({ field: path, documented, actual, pattern });
    }
    return;
  }
  if (isPlainObject(documented) && isPlainObject(actual)) {
    const keys = new Set([...Object.keys(documented), ...Object.keys(actual)]);
    for (const key of keys) {
      if (!(key in documented)) out.push({ field: `${path}.${key}`, documented: undefined, actual: actual[key] });
      else if (!(key in actual)) out.push({ field: `${path}.${key}`, documented: documented[key], actual: undefined });
      else compareValue(`${path}.${key}`, documented[key], actual[key], patterns, out);
    }
    return;
  }
  if (Array.isArray(documented) && Array.isArray(actual)) {
    if (documented.length !== actual.length) {
      out.push({ field: `${path}.length`, documented: documented.length, actual: actual.length });
      return;
    }
    documented.forEach((d, i) => compareValue(`${path}.${i}`, d, actual[i], patterns, out));
    return;
  }
  if (documented !== actual) out.push({ field: path, documented, actual });
}

/** Status, body and headers (by case-insensitive name; order is not significant on the wire). */
function compareResponse(documented: DocumentedResponse, actual: DocumentedResponse | undefined, patterns: Map<string, string>, out: Mismatch[]): void {
  if (!actual) {
    out.push({ field: 'response', documented, actual });
    return;
  }
  compareValue('response.status', documented.status, actual.status, patterns, out);
  compareValue('response.body', documented.body, actual.body, patterns, out);
  compareHeaders('response.headers', documented.headers, actual.headers, patterns, out);
}

/** Type, method, URL, body and headers of the request sent to the integration. */
function compareIntegrationRequest(
  documented: DocumentedIntegrationRequest,
  actual: DocumentedIntegrationRequest | undefined,
  patterns: Map<string, string>,
  out: Mismatch[],
): void {
  if (!actual) {
    out.push({ field: 'integrationRequest', documented, actual });
    return;
  }
  for (const key of ['type', 'method', 'url', 'body'] as const) {
    compareValue(`integrationRequest.${key}`, documented[key], actual[key], patterns, out);
  }
  compareHeaders('integrationRequest.headers', documented.headers, actual.headers, patterns, out);
}

/** Headers by case-insensitive name (order is not significant on the wire); repeated ones joined with `, `. */
function compareHeaders(prefix: string, documented: Array<[string, string]>, actual: Array<[string, string]>, patterns: Map<string, string>, out: Mismatch[]): void {
  const byName = (list: Array<[string, string]>) => {
    const map = new Map<string, { name: string; values: string[] }>();
    for (const [name, value] of list) {
      const entry = map.get(name.toLowerCase()) ?? { name, values: [] };
      entry.values.push(value);
      map.set(name.toLowerCase(), entry);
    }
    return map;
  };
  const doc = byName(documented);
  const act = byName(actual);
  for (const [key, { name, values }] of doc) {
    const got = act.get(key);
    const field = `${prefix}.${name}`;
    if (!got) out.push({ field, documented: values.join(', '), actual: undefined });
    else compareValue(field, values.join(', '), got.values.join(', '), patterns, out);
  }
  for (const [key, { name, values }] of act) {
    if (!doc.has(key)) out.push({ field: `${prefix}.${name}`, documented: undefined, actual: values.join(', ') });
  }
}

/** A string holding a JSON object, parsed; undefined for anything else. */
function jsonObjectOf(text: unknown): Record<string, unknown> | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isPlainObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a value is a plain (non-array, non-null) object. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

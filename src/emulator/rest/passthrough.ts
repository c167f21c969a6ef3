/**
 * Choosing the integration request's mapping template by the request's Content-Type, and what
 * passthroughBehavior does when none matches.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html
 */

export type PassthroughBehavior = 'WHEN_NO_MATCH' | 'WHEN_NO_TEMPLATES' | 'NEVER';

/** API Gateway's default (what the API and import-rest-api set when the definition names none). */
export const DEFAULT_PASSTHROUGH_BEHAVIOR: PassthroughBehavior = 'WHEN_NO_MATCH';

export type RequestTemplateChoice =
  /** Transform the body with this template. */
  | { kind: 'template'; contentType: string; template: string }
  /** Send the body to the integration as it came. */
  | { kind: 'passthrough' }
  /** Answer 415 (gateway response UNSUPPORTED_MEDIA_TYPE). */
  | { kind: 'unsupported'; contentType: string };

/** `Application/JSON; charset=utf-8` → `application/json`; no header → `application/json` ("None (default to application/json)"). */
export function requestMediaType(contentType: string | null | undefined): string {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type || 'application/json';
}

/**
 * The documented behaviour:
 * - a template for the request's media type (no Content-Type counts as application/json) is always used;
 * - otherwise WHEN_NO_MATCH passes the body through;
 * - WHEN_NO_TEMPLATES passes it through only when the integration has no templates at all, else 415;
 * - NEVER answers 415.
 */
export function chooseRequestTemplate(
  templates: Readonly<Record<string, string>> | undefined,
  contentType: string | null | undefined,
  behavior: PassthroughBehavior = DEFAULT_PASSTHROUGH_BEHAVIOR,
): RequestTemplateChoice {
  const mediaType = requestMediaType(contentType);
  const entries = Object.entries(templates ?? {});
  const match = entries.find(([type]) => type.toLowerCase() === mediaType);
  if (match) return { kind: 'template', contentType: match[0], template: match[1] };
  if (behavior === 'WHEN_NO_MATCH') return { kind: 'passthrough' };
  if (behavior === 'WHEN_NO_TEMPLATES' && entries.length === 0) return { kind: 'passthrough' };
  return { kind: 'unsupported', contentType: mediaType };
}

/** Reads `passthroughBehavior` as written (import-rest-api accepts any case: `when_no_match`). */
export function parsePassthroughBehavior(raw: unknown): PassthroughBehavior | null {
  if (raw === undefined || raw === null) return DEFAULT_PASSTHROUGH_BEHAVIOR;
  const value = String(raw).toUpperCase();
  return value === 'WHEN_NO_MATCH' || value === 'WHEN_NO_TEMPLATES' || value === 'NEVER' ? value : null;
}

/**
 * Renders the four stages of an exchange (request, event, result, response) as HTML text, with
 * volatile fields and errata marked. Pure and tiny: used at build time by <Exchange> and in the
 * browser by <apigw-sandbox> for its live panels.
 */
import type { Erratum, ExampleRequest, VolatileField } from '../examples/types.js';
import { statusText } from '../emulator/shared/http-status.js';

/** Marks to put on fields, keyed by lower-cased dotted path (`response.headers.date`). */
export interface FieldMarks {
  volatile: Map<string, string>;
  /** Erratum notes per field, with the id of the note to link to. */
  errata: Map<string, Array<{ id: string; erratum: Erratum }>>;
}

export function buildMarks(
  volatile: readonly VolatileField[],
  errata: ReadonlyArray<{ id: string; erratum: Erratum }> = [],
): FieldMarks {
  const marks: FieldMarks = { volatile: new Map(), errata: new Map() };
  for (const v of volatile) marks.volatile.set(v.path.toLowerCase(), v.why);
  for (const e of errata) {
    if (!e.erratum.field) continue;
    const key = e.erratum.field.toLowerCase();
    marks.errata.set(key, [...(marks.errata.get(key) ?? []), e]);
  }
  return marks;
}

export const NO_MARKS: FieldMarks = { volatile: new Map(), errata: new Map() };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Wraps an already-escaped value in the marks its field carries. */
function mark(path: string, html: string, marks: FieldMarks): string {
  const key = path.toLowerCase();
  let out = html;
  const why = marks.volatile.get(key);
  if (why !== undefined)
    out = `<span class="apigw-volatile" title="Varies per request: ${escapeHtml(why)}">${out}</span>`;
  const notes = marks.errata.get(key);
  if (notes) {
    const refs = notes
      .map(
        (n) =>
          `<a class="apigw-erratum-ref" href="#${escapeHtml(n.id)}" title="${escapeHtml(`Erratum: the guide printed ${n.erratum.guide}`)}">erratum</a>`,
      )
      .join('');
    out = `<mark class="apigw-erratum">${out}</mark>${refs}`;
  }
  return out;
}

/** Pretty JSON (2-space indent, like JSON.stringify(v, null, 2)) with marked fields. */
export function jsonHtml(value: unknown, rootPath: string, marks: FieldMarks = NO_MARKS): string {
  const walk = (v: unknown, path: string, indent: string): string => {
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      const inner = indent + '  ';
      return `[\n${v.map((item, i) => inner + walk(item, `${path}.${i}`, inner)).join(',\n')}\n${indent}]`;
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
      if (entries.length === 0) return '{}';
      const inner = indent + '  ';
      return `{\n${entries
        .map(
          ([k, x]) =>
            `${inner}<span class="apigw-key">${escapeHtml(JSON.stringify(k))}</span>: ${walk(x, `${path}.${k}`, inner)}`,
        )
        .join(',\n')}\n${indent}}`;
    }
    const text = escapeHtml(v === undefined ? 'undefined' : JSON.stringify(v));
    const cls = typeof v === 'string' ? 'apigw-str' : v === null ? 'apigw-null' : 'apigw-lit';
    return mark(path, `<span class="${cls}">${text}</span>`, marks);
  };
  return walk(value, rootPath, '');
}

/** The request as HTTP text: `GET https://…/dev/items`, headers, blank line, body. */
export function requestHtml(invokeUrl: string, request: ExampleRequest): string {
  const lines = [
    `<span class="apigw-start">${escapeHtml(request.method)} ${escapeHtml(invokeUrl + request.path)}</span>`,
  ];
  for (const [name, value] of request.headers)
    lines.push(`<span class="apigw-key">${escapeHtml(name)}</span>: ${escapeHtml(value)}`);
  let text = lines.join('\n');
  if (request.body !== null && request.body !== '') text += `\n\n${escapeHtml(request.body)}`;
  return text;
}

/** The response as HTTP text: `HTTP/1.1 200 OK`, headers, blank line, the body exactly as sent. */
export function responseHtml(
  response: { status: number; statusText?: string; headers: Array<[string, string]>; body: string },
  marks: FieldMarks = NO_MARKS,
): string {
  const reason = response.statusText ?? statusText(response.status);
  const lines = [
    `<span class="apigw-start">HTTP/1.1 ${response.status}${reason ? ' ' + escapeHtml(reason) : ''}</span>`,
  ];
  for (const [name, value] of response.headers) {
    lines.push(
      `<span class="apigw-key">${escapeHtml(name)}</span>: ${mark(`response.headers.${name}`, escapeHtml(value), marks)}`,
    );
  }
  return `${lines.join('\n')}\n\n${mark('response.body', escapeHtml(response.body), marks)}`;
}

const INTEGRATION_TYPES: Record<string, string> = {
  AWS: 'Lambda custom integration (AWS)',
  MOCK: 'MOCK integration: no backend',
  HTTP: 'HTTP integration',
  HTTP_PROXY: 'HTTP proxy integration (HTTP_PROXY)',
};

/** An AWS service's endpoint (`https://sqs.us-east-1.amazonaws.com/…`), as an AWS service integration's request goes to. */
const SERVICE_URL = /^https:\/\/(sqs|kinesis|states|events|dynamodb)\.[a-z0-9-]+\.amazonaws\.com/;

/** How the integration request's box names its integration: a Lambda function's, an AWS service's (issue #14), … */
export function integrationTypeLabel(request: { type: string; url: string | null }): string {
  const service = request.url ? SERVICE_URL.exec(request.url)?.[1] : undefined;
  if (service && request.type === 'AWS') return `AWS service integration (AWS): ${service}`;
  if (service) return `AWS service integration (${request.type}, integration subtype): ${service}`;
  return INTEGRATION_TYPES[request.type] ?? request.type;
}

/**
 * The request API Gateway sent to a non-proxy integration, after the mapping template and parameter mappings: its
 * type, `POST arn:…/invocations` (or the HTTP endpoint), headers, blank line, the body exactly as sent.
 */
export function integrationRequestHtml(
  request: { type: string; method: string; url: string | null; headers: Array<[string, string]>; body: string },
  marks: FieldMarks = NO_MARKS,
): string {
  const lines = [`<span class="apigw-muted"># ${escapeHtml(integrationTypeLabel(request))}</span>`];
  if (request.url !== null)
    lines.push(`<span class="apigw-start">${escapeHtml(request.method)} ${escapeHtml(request.url)}</span>`);
  for (const [name, value] of request.headers) {
    lines.push(
      `<span class="apigw-key">${escapeHtml(name)}</span>: ${mark(`integrationRequest.headers.${name}`, escapeHtml(value), marks)}`,
    );
  }
  return `${lines.join('\n')}\n\n${mark('integrationRequest.body', escapeHtml(request.body), marks)}`;
}

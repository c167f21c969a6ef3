import type { ServiceRequest } from '../../aws-services/types.js';
import { JSON_PROTOCOLS, TARGET_ADDED_FOR } from './json-protocol.js';
import type { ServiceUri } from './service-uri.js';

const UTF8_DECODER = new TextDecoder();

/** What an integration mapped, to be sent to a service. */
export interface MappedServiceCall {
  uri: ServiceUri;
  /** The integration's HTTP method (`integrationHttpMethod`). */
  method: string;
  /** `integration.request.header.*` and the template's `requestOverride.header`, by name as written. */
  mappedHeaders: Record<string, string>;
  /** `integration.request.querystring.*` (and overrides). */
  mappedQuery: Record<string, string>;
  /** `integration.request.path.*` (and overrides): the values of `{name}` in a path URI. */
  mappedPath: Record<string, string>;
  /** The method request's Content-Type (sent when nothing maps one and there is a body). */
  requestContentType: string | null;
  /** The integration request body (the template's output, or the passed-through body). */
  body: Uint8Array;
}

const has = (headers: Array<[string, string]>, name: string) => headers.some(([n]) => n.toLowerCase() === name);

/**
 * The wire request API Gateway sends a service (research §1.1): a path URI's request goes to its path (`{name}`
 * filled from `integration.request.path.*`), an action URI's to `/?Action={Action}`; the mapped query string after
 * that; the mapped headers, and else the method request's Content-Type; `Accept: application/json` unless mapped (as
 * API Gateway adds it to HTTP integration requests; L: not observable in the service captures, §7 — it is what makes
 * SQS's query protocol answer the JSON the AWS-recorded templates read). For an action URI of Kinesis, DynamoDB or
 * Step Functions with no `X-Amz-Target` mapped, the JSON protocol's target and Content-Type are added (what LocalStack
 * does, and what kinesalite and dynalite require; L: how AWS fills the gap is not documented); never for EventBridge.
 */
export function buildServiceRequest(call: MappedServiceCall): ServiceRequest {
  const { uri } = call;
  let path: string;
  const query: Array<[string, string]> = [];
  if (uri.kind === 'action') {
    path = '/';
    query.push(['Action', uri.action]);
  } else {
    path = uri.path.replace(/\{([^}/]+?)\+?\}/g, (whole, name: string) => {
      const value = call.mappedPath[name];
      if (value === undefined) return whole;
      return whole.endsWith('+}') ? value.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(value);
    });
  }
  for (const [name, value] of Object.entries(call.mappedQuery)) {
    const i = query.findIndex(([n]) => n === name);
    if (i >= 0) query.splice(i, 1);
    query.push([name, value]);
  }
  const search = query.map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(v)}`).join('&');
  const headers: Array<[string, string]> = Object.entries(call.mappedHeaders);
  const method = call.method.toUpperCase();
  const body = method === 'GET' || method === 'HEAD' ? new Uint8Array() : call.body;
  if (!has(headers, 'content-type') && call.requestContentType && body.length)
    headers.unshift(['Content-Type', call.requestContentType]);
  if (uri.kind === 'action' && TARGET_ADDED_FOR.has(uri.service) && !has(headers, 'x-amz-target')) {
    const protocol = JSON_PROTOCOLS[uri.service];
    const mappedType = Object.keys(call.mappedHeaders).some((n) => n.toLowerCase() === 'content-type');
    if (!mappedType) {
      const i = headers.findIndex(([n]) => n.toLowerCase() === 'content-type');
      if (i >= 0) headers.splice(i, 1);
      headers.push(['Content-Type', protocol.contentType]);
    }
    headers.push(['X-Amz-Target', `${protocol.targetPrefix}.${uri.action}`]);
  }
  if (!has(headers, 'accept')) headers.push(['Accept', 'application/json']);
  return {
    service: uri.service,
    region: uri.region,
    method,
    path: search ? `${path}?${search}` : path,
    headers,
    body,
  };
}

/** The service's public endpoint URL for a wire request: `https://{service}.{region}.amazonaws.com{path}`. */
export function serviceUrlOf(request: Pick<ServiceRequest, 'service' | 'region' | 'path'>): string {
  return `https://${request.service}.${request.region}.amazonaws.com${request.path}`;
}

/**
 * The action a wire request asks for: the `X-Amz-Target`'s (`Kinesis_20131202.PutRecord` → `PutRecord`), else the
 * query string's or the form body's `Action`; '' when none says.
 */
export function actionOfRequest(request: Pick<ServiceRequest, 'path' | 'headers' | 'body'>): string {
  const target = request.headers.find(([n]) => n.toLowerCase() === 'x-amz-target')?.[1];
  if (target) return target.slice(target.lastIndexOf('.') + 1);
  const q = request.path.indexOf('?');
  if (q >= 0) {
    const action = new URLSearchParams(request.path.slice(q + 1)).get('Action');
    if (action) return action;
  }
  const contentType = request.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? '';
  const text = UTF8_DECODER.decode(request.body);
  if (/x-www-form-urlencoded/i.test(contentType) || /^Action=/.test(text)) {
    const match = /(?:^|&)Action=([^&]*)/.exec(text);
    if (match) return decodeURIComponent(match[1]!.replace(/\+/g, ' '));
  }
  return '';
}

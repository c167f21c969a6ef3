import type { ServiceRequest } from '../aws-services/types.js';
import { toBase64 } from '../shared/base64.js';
import { JSON_PROTOCOLS } from '../shared/aws-service/json-protocol.js';
import { memberNameOf, type SubtypeSpec } from './service-subtypes.js';

const UTF8 = new TextEncoder();

/**
 * The JSON-protocol request of a subtype's action from its parameters' values: `POST /`, `X-Amz-Target` and
 * `Content-Type: application/x-amz-json-1.x`, the parameters as the action's input members (numbers, lists and objects
 * converted; `Region` picks the Region and is not sent). L: API Gateway's own wire request is not observable; this is
 * the action's request as the SDKs send it. Kinesis-PutRecord's `Data` is base64-encoded here (L, research §7: the
 * JSON protocol carries blobs as base64, so a mapped `$request.body` would otherwise be refused by Kinesis).
 * EventBridge-PutEvents' parameters make its one entry (`Entries[0]`). A value that cannot be converted is an `error`.
 */
export function buildSubtypeRequest(
  spec: SubtypeSpec,
  values: Record<string, string>,
  defaultRegion: string,
): ServiceRequest | { error: string } {
  const input: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(values)) {
    if (name === 'Region') continue;
    const kind = spec.kinds?.[name] ?? 'string';
    let value: unknown = text;
    if (kind === 'integer') {
      if (!/^-?\d+$/.test(text.trim())) return { error: `${name} must be an integer (it is "${text}")` };
      value = Number(text);
    } else if (kind === 'json') {
      try {
        value = JSON.parse(text);
      } catch {
        return { error: `${name} must be a JSON object (it is "${text}")` };
      }
    } else if (kind === 'list') {
      // L: a JSON array as it is, else comma-separated values (as a multi-value header arrives).
      value = text.trim().startsWith('[') ? safeJson(text) : text.split(',').map((s) => s.trim());
      if (!Array.isArray(value)) return { error: `${name} must be a list (it is "${text}")` };
    } else if (kind === 'base64') {
      value = toBase64(UTF8.encode(text));
    }
    input[memberNameOf(spec, name)] = value;
  }
  const body = spec.entry ? { Entries: [input] } : input;
  const protocol = JSON_PROTOCOLS[spec.service];
  return {
    service: spec.service,
    region: values.Region || defaultRegion,
    method: 'POST',
    path: '/',
    headers: [
      ['Content-Type', protocol.contentType],
      ['X-Amz-Target', `${protocol.targetPrefix}.${spec.action}`],
    ],
    body: UTF8.encode(JSON.stringify(body)),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

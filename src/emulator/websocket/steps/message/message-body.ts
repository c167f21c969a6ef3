import { toBase64 } from '../../../shared/base64.js';

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** A message's size in bytes (UTF-8 for text), as the 128 KB quota counts it. */
export function messageBytes(data: string | Uint8Array): number {
  return typeof data === 'string' ? encoder.encode(data).length : data.length;
}

/** Bytes as the trace shows them: their UTF-8 text, or base64 when they are not UTF-8. */
export function traceText(data: string | Uint8Array): string {
  if (typeof data === 'string') return data;
  try {
    return strictDecoder.decode(data);
  } catch {
    return toBase64(data);
  }
}

/** A POSTed payload as the client receives it: a text frame when it is UTF-8 (assumed), else a binary one. */
export function outgoingFrame(bytes: Uint8Array): string | Uint8Array {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return bytes;
  }
}

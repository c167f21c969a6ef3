/** Test helpers for the embedded Kinesis. */
import type { ServiceRequest } from '../../src/emulator/aws-services/types.js';

/** A JSON 1.1 request with `X-Amz-Target: Kinesis_20131202.{action}` (or only `?Action=` when `target` is false). */
export function kinesisRequest(action: string, body: unknown, target = true): ServiceRequest {
  return {
    service: 'kinesis',
    region: 'us-east-1',
    method: 'POST',
    path: target ? '/' : `/?Action=${action}`,
    headers: target
      ? [
          ['Content-Type', 'application/x-amz-json-1.1'],
          ['X-Amz-Target', `Kinesis_20131202.${action}`],
        ]
      : [['Content-Type', 'application/x-amz-json-1.1']],
    body: new TextEncoder().encode(JSON.stringify(body)),
  };
}

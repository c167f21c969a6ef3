/** Small helpers both SQS protocols use to read a ServiceRequest and write a ServiceResponse. */
import type { ServiceRequest, ServiceResponse } from '../types.js';

/** A header's value (case-insensitive name), or undefined. */
export function header(request: ServiceRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  return request.headers.find(([key]) => key.toLowerCase() === lower)?.[1];
}

/** A response with its Content-Type and `x-amzn-RequestId`, plus any extra headers. */
export function respond(
  status: number,
  contentType: string,
  body: string,
  requestId: string,
  extra: Array<[string, string]> = [],
): ServiceResponse {
  return { status, headers: [['x-amzn-RequestId', requestId], ['Content-Type', contentType], ...extra], body };
}

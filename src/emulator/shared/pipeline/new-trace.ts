import { clfTime } from '../clf-time.js';
import type { HandleOptions } from '../gateway-types.js';
import type { GatewayTrace } from '../trace.js';
import type { HeaderList } from '../headers.js';

/** The trace of a request that has just arrived: ids, time and the request known, everything else still to learn. */
export function newTrace(
  requestId: string,
  extendedRequestId: string,
  httpMethod: string,
  epochMs: number,
  options: HandleOptions,
  apiType?: 'REST' | 'HTTP',
  request?: { href: string; headers: HeaderList; body: Uint8Array | null },
): GatewayTrace {
  return {
    requestId,
    extendedRequestId,
    stage: null,
    resourcePath: null,
    httpMethod,
    integration: null,
    gatewayResponseType: null,
    errorDetail: null,
    responseHeaders: [],
    status: 0,
    responseLength: 0,
    requestTime: clfTime(epochMs),
    requestTimeEpoch: epochMs,
    sourceIp: options.sourceIp ?? '127.0.0.1',
    protocol: options.protocol ?? 'HTTP/1.1',
    timings: { totalMs: 0, integrationMs: null },
    apiType,
    request,
  };
}

import { describe, expect, it } from 'vitest';
import { newTrace } from '../../../../src/emulator/shared/pipeline/new-trace.js';

/** 9 Apr 2015 12:34:56.789 UTC: the CLF example of $context.requestTime. */
const EPOCH_MS = Date.UTC(2015, 3, 9, 12, 34, 56, 789);

describe('newTrace', () => {
  it('knows the ids, method and time of arrival, and nothing else yet', () => {
    expect(newTrace('req-1', 'Ext123=', 'POST', EPOCH_MS, {})).toEqual({
      requestId: 'req-1',
      extendedRequestId: 'Ext123=',
      stage: null,
      resourcePath: null,
      httpMethod: 'POST',
      integration: null,
      gatewayResponseType: null,
      errorDetail: null,
      responseHeaders: [],
      status: 0,
      responseLength: 0,
      requestTime: '09/Apr/2015:12:34:56 +0000',
      requestTimeEpoch: EPOCH_MS,
      sourceIp: '127.0.0.1',
      protocol: 'HTTP/1.1',
      timings: { totalMs: 0, integrationMs: null },
    });
  });

  it("takes the client's address and protocol from the options", () => {
    const trace = newTrace('r', 'e', 'GET', EPOCH_MS, { sourceIp: '203.0.113.9', protocol: 'HTTP/2.0' });
    expect([trace.sourceIp, trace.protocol]).toEqual(['203.0.113.9', 'HTTP/2.0']);
  });

  it('gives every request its own header list and timings', () => {
    const a = newTrace('a', 'e', 'GET', EPOCH_MS, {});
    const b = newTrace('b', 'e', 'GET', EPOCH_MS, {});
    a.responseHeaders.push(['X', '1']);
    a.timings.totalMs = 5;
    expect(b.responseHeaders).toEqual([]);
    expect(b.timings.totalMs).toBe(0);
  });
});

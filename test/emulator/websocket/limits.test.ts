import { describe, expect, it } from 'vitest';
import { WEBSOCKET_LIMITS } from '../../../src/emulator/index.js';
import { NOW, connectClient, contextOf, settle, wsDoc, wsGateway } from './helpers.js';

const DOC = wsDoc([{ RouteKey: '$disconnect' }, { RouteKey: '$default' }]);

describe('connection limits (apigateway-execution-service-websocket-limits-table)', () => {
  it("are AWS's quotas: 128 KB messages, 32 KB frames, 10 minutes idle, 2 hours", () => {
    expect(WEBSOCKET_LIMITS).toEqual({
      messageBytes: 131072,
      frameBytes: 32768,
      idleTimeoutMs: 600000,
      maxDurationMs: 7200000,
    });
  });

  it('closes a connection idle for 10 minutes with 1001 "Going away" and runs $disconnect; a message resets the idle clock', async () => {
    let now = NOW;
    const { gateway, invocations, traces } = wsGateway(DOC, undefined, { now: () => now });
    const a = await connectClient(gateway);
    const b = await connectClient(gateway);
    now += 9 * 60_000;
    await gateway.receive(b.result.accepted ? b.result.connectionId : '', 'still here');
    now += 60_000;
    gateway.sweep();
    expect(a.client.closed).toEqual({ code: 1001, reason: 'Going away' });
    expect(b.client.closed).toBeNull();
    expect(gateway.connections().map((c) => c.connectionId)).toEqual([b.result.accepted ? b.result.connectionId : '']);
    await settle();
    expect(contextOf(invocations.at(-1)!)).toMatchObject({ eventType: 'DISCONNECT', disconnectStatusCode: 1001 });
    expect(traces.filter((t) => t.kind === 'CLOSE')).toMatchObject([{ closeCode: 1001, closeReason: 'Going away' }]);
  });

  it('closes any connection after 2 hours however active it is', async () => {
    let now = NOW;
    const { gateway } = wsGateway(DOC, undefined, { now: () => now });
    const a = await connectClient(gateway);
    const id = a.result.accepted ? a.result.connectionId : '';
    for (let minute = 5; minute < 120; minute += 5) {
      now = NOW + minute * 60_000;
      await gateway.receive(id, 'ping');
      gateway.sweep();
    }
    expect(a.client.closed).toBeNull();
    now = NOW + 120 * 60_000;
    gateway.sweep();
    expect(a.client.closed).toEqual({ code: 1001, reason: 'Going away' });
  });

  it('takes short limits for the page ("made short on request")', async () => {
    let now = NOW;
    const { gateway } = wsGateway(DOC, undefined, {
      now: () => now,
      limits: { idleTimeoutMs: 5_000, messageBytes: 10 },
    });
    expect(gateway.limits).toEqual({ ...WEBSOCKET_LIMITS, idleTimeoutMs: 5_000, messageBytes: 10 });
    const a = await connectClient(gateway);
    const b = await connectClient(gateway);
    await gateway.receive(b.result.accepted ? b.result.connectionId : '', '12345678901');
    expect(b.client.closed?.code).toBe(1009);
    now += 5_000;
    gateway.sweep();
    expect(a.client.closed?.code).toBe(1001);
  });
});

import { describe, expect, it } from 'vitest';
import { traceRequest } from '../../../../src/emulator/rest/steps/trace-request.js';
import { contextBefore, EPOCH_MS } from './context-helper.js';

const CLIENT_TRACE = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
/** X-Ray's root: 1-<epoch seconds, 8 hex>-<24 hex>. */
const NEW_ROOT = new RegExp(`^Root=1-${Math.floor(EPOCH_MS / 1000).toString(16)}-[0-9a-f]{24}$`);

describe('traceRequest', () => {
  it("keeps the client's X-Amzn-Trace-Id, as sent, when it carries a root", async () => {
    const { context } = await contextBefore(traceRequest, { headers: [['x-amzn-trace-id', CLIENT_TRACE]] });
    expect(traceRequest(context)).toBeUndefined();
    expect(context.traceId).toBe(CLIENT_TRACE);
  });

  it('makes a new root, dated at arrival, when the client sent none', async () => {
    const { context } = await contextBefore(traceRequest);
    expect(context.traceId).toBeNull();
    traceRequest(context);
    expect(context.traceId).toMatch(NEW_ROOT);
  });

  it('replaces a header without a valid root', async () => {
    const { context } = await contextBefore(traceRequest, { headers: [['X-Amzn-Trace-Id', 'Root=2-abc;Sampled=1']] });
    traceRequest(context);
    expect(context.traceId).toMatch(NEW_ROOT);
  });

  it('gives two requests two different roots', async () => {
    const a = (await contextBefore(traceRequest)).context;
    const b = (await contextBefore(traceRequest)).context;
    traceRequest(a);
    traceRequest(b);
    expect(a.traceId).not.toBe(b.traceId);
  });
});

import { describe, expect, it } from 'vitest';
import { traceRequest } from '../../../../src/emulator/http-api/steps/trace-request.js';
import { EPOCH_MS, contextFor, servicesFor } from './context-helper.js';

const CLIENT_ROOT = 'Root=1-5e5ffb9e-0123456789abcdef01234567';
/** A new root: `Root=1-<epoch seconds, 8 hex>-<24 hex>`. */
const NEW_ROOT = new RegExp(`^Root=1-${Math.floor(EPOCH_MS / 1000).toString(16)}-[0-9a-f]{24}$`);

describe('traceRequest', () => {
  it("keeps the client's X-Amzn-Trace-Id when it carries a root (any header case, the last one)", () => {
    const sent = `${CLIENT_ROOT};Parent=53995c3f42cd8ad8;Sampled=1`;
    const context = contextFor(servicesFor(), '/items', {
      headers: [
        ['X-Amzn-Trace-Id', 'Root=1-00000000-000000000000000000000000'],
        ['x-amzn-trace-id', sent],
      ],
    });
    traceRequest(context);
    expect(context.traceId).toBe(sent);
  });

  it('gives a new root when the client sent none', () => {
    const context = contextFor(servicesFor(), '/items');
    traceRequest(context);
    expect(context.traceId).toMatch(NEW_ROOT);
  });

  it('gives a new root when the client header carries no valid root', () => {
    const context = contextFor(servicesFor(), '/items', { headers: [['X-Amzn-Trace-Id', 'Root=abc;Sampled=1']] });
    traceRequest(context);
    expect(context.traceId).toMatch(NEW_ROOT);
  });
});

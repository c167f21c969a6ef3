/** REST vs HTTP vs WebSocket for one workload, and the chart's volumes (src/pricing/compare.ts). */
import { describe, expect, it } from 'vitest';
import { compare, estimate, formatUsd, inputFor, logVolumes, workloadOf } from '../../src/pricing/index.js';

describe('comparison at the same volume', () => {
  it("AWS's 5-million-call REST example: REST $18.79, HTTP $6.29, WebSocket $11.29 (two messages a call)", () => {
    const w = workloadOf({ api: 'REST', requests: 5_000_000, responseKB: 3 });
    const totals = compare(w);
    expect(formatUsd(totals.REST!)).toBe('$18.79');
    expect(formatUsd(totals.HTTP!)).toBe('$6.29'); // 5 × $1.00 + 14.3 GB × $0.09
    expect(formatUsd(totals.WEBSOCKET!)).toBe('$11.29'); // 10 million messages + the same 14.3 GB
  });

  it('keeps the REST-only settings (cache, private endpoint) for the REST column only', () => {
    const w = workloadOf({ api: 'REST', requests: 1_000_000, cacheGB: '0.5', usagePlans: 2 });
    expect(inputFor('REST', w)).toMatchObject({ cacheGB: '0.5', usagePlans: 2 });
    expect(inputFor('HTTP', w)).not.toHaveProperty('cacheGB');
    expect(formatUsd(compare(w).REST!)).toBe('$17.90'); // $3.50 + 720 h × $0.020
  });

  it('a WebSocket input compares half its messages as calls; WebSocket cannot carry messages over 128 KB', () => {
    const ws = { api: 'WEBSOCKET' as const, messages: 18_000_000, messageKB: 3, connectionMinutes: 21_600_000 };
    const w = workloadOf(ws);
    expect(w.calls).toBe(9_000_000);
    expect(compare(w).WEBSOCKET).toEqual(estimate(ws).total);
    expect(inputFor('WEBSOCKET', { ...w, responseKB: 200 })).toBeNull();
  });

  it('explicit data transfer scales with the volume on the chart', () => {
    const w = workloadOf({ api: 'HTTP', requests: 1_000_000, dataTransferOutGB: 10 });
    expect(formatUsd(compare(w, 2_000_000).HTTP!)).toBe('$3.80'); // 2 × $1.00 + 20 GB × $0.09
  });

  it('the chart spans 10^4 to 10^11 calls a month, rising', () => {
    const v = logVolumes();
    expect(v[0]).toBe(10_000);
    expect(v.at(-1)).toBe(100_000_000_000);
    for (let i = 1; i < v.length; i++) expect(v[i]!).toBeGreaterThan(v[i - 1]!);
  });
});

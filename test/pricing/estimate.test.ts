/**
 * The calculator against AWS's own Pricing Examples (https://aws.amazon.com/api-gateway/pricing/, read 2026-12-04
 * through the transcriptions named in docs/research/sam-sdk-pricing.md §6.3): each example's inputs, and its totals
 * to the cent. Then the tiers' boundaries, metering increments, the free tier switch and bad input.
 */
import { describe, expect, it } from 'vitest';
import {
  dec,
  estimate,
  sum,
  formatUsd,
  formatFixed,
  PricingInputError,
  CACHE_SIZES,
  READ_ON,
  REST_REQUEST_TIERS,
  HTTP_REQUEST_TIERS,
  WEBSOCKET_MESSAGE_TIERS,
  DATA_TRANSFER_TIERS,
  type Estimate,
  type Exact,
} from '../../src/pricing/index.js';

const PAGE = 'aws.amazon.com/api-gateway/pricing';
const usd = (e: Exact) => formatUsd(e);
const line = (est: Estimate, what: RegExp) => {
  const found = est.lines.filter((l) => what.test(l.what));
  expect(found, `one line matching ${what}`).toHaveLength(1);
  return found[0]!;
};
/** A month of 30 days, as AWS's examples count. */
const PER_MINUTE_TO_MONTH = 60 * 24 * 30;

describe(`AWS's worked examples (${PAGE}, Pricing Examples)`, () => {
  it(`HTTP API example 1 (${PAGE}): 10,000 page loads a minute = 432 million requests → $418.80`, () => {
    const requests = 10_000 * PER_MINUTE_TO_MONTH;
    expect(requests).toBe(432_000_000);
    // AWS's example adds no data transfer charge although responses are 46 KB: data transfer out set to 0.
    const est = estimate({ api: 'HTTP', requests, requestKB: 12, responseKB: 46, dataTransferOutGB: 0 });
    expect(usd(line(est, /first 300 million/).cost)).toBe('$300.00');
    expect(usd(line(est, /over 300 million/).cost)).toBe('$118.80');
    expect(usd(est.total)).toBe('$418.80');
    expect(est.lines).toHaveLength(2);
    // "$0.97 per million"
    expect(formatFixed(dec(418.8 / 432), 2)).toBe('0.97');
  });

  it(`HTTP API example 2 (${PAGE}): 25 uploads a minute of 4.5 MB, metered in 512 KB = 9,720,000 requests → $9.72`, () => {
    const est = estimate({
      api: 'HTTP',
      requests: 25 * PER_MINUTE_TO_MONTH,
      requestKB: 4.5 * 1024,
      dataTransferOutGB: 0,
    });
    const requests = line(est, /HTTP API requests, first 300 million/);
    expect(requests.quantity).toEqual(dec(9_720_000));
    expect(requests.note).toMatch(/counts 9 times/);
    expect(usd(est.total)).toBe('$9.72');
  });

  it(`REST API example (${PAGE}): 5 million calls, 3 KB responses, no cache → $17.50 + $1.29 = $18.79`, () => {
    const est = estimate({ api: 'REST', requests: 5_000_000, responseKB: 3 });
    expect(usd(line(est, /first 333 million/).cost)).toBe('$17.50');
    const dto = line(est, /Data transfer out/);
    expect(formatFixed(dto.quantity, 1)).toBe('14.3'); // "14.3 GB"
    expect(usd(dto.cost)).toBe('$1.29');
    expect(usd(est.total)).toBe('$18.79');
  });

  it(`REST API example (${PAGE}): 15 billion calls, 4 KB responses → $36,353.10 + $5,149.84 = $41,502.94`, () => {
    const est = estimate({ api: 'REST', requests: 15_000_000_000, responseKB: 4 });
    expect(usd(line(est, /first 333 million/).cost)).toBe('$1,165.50');
    expect(usd(line(est, /next 667 million/).cost)).toBe('$1,867.60');
    const third = line(est, /next 19 billion/);
    expect(third.quantity).toEqual(dec(14_000_000_000));
    expect(usd(third.cost)).toBe('$33,320.00');
    expect(est.lines.some((l) => /over 20 billion/.test(l.what))).toBe(false);
    const dto = line(est, /Data transfer out/);
    expect(formatFixed(dto.quantity, 2)).toBe('57,220.46');
    expect(usd(dto.cost)).toBe('$5,149.84');
    expect(usd(est.total)).toBe('$41,502.94');
  });

  it(`REST API example, EC2's tiered data transfer instead of AWS's flat $0.09 (${PAGE}): $4,824.63, not $5,149.84`, () => {
    const est = estimate({ api: 'REST', requests: 15_000_000_000, responseKB: 4, dataTransfer: 'tiered' });
    const dto = est.lines.filter((l) => /Data transfer out/.test(l.what));
    expect(dto.map((l) => usd(l.cost))).toEqual(['$921.60', '$3,481.60', '$421.43']);
    expect(usd(sum(dto.map((l) => l.cost)))).toBe('$4,824.63');
    expect(usd(est.total)).toBe('$41,177.73');
  });

  it(`REST private API example (${PAGE}): 5 million calls, 0.3 KB + 3 KB, one AZ for 720 hours → $24.86`, () => {
    const est = estimate({
      api: 'REST',
      requests: 5_000_000,
      requestKB: 0.3,
      responseKB: 3,
      privateEndpoint: { azs: 1, hours: 720 },
    });
    expect(usd(line(est, /first 333 million/).cost)).toBe('$17.50');
    expect(usd(line(est, /VPC endpoint/).cost)).toBe('$7.20');
    const processed = line(est, /data processed/);
    expect(formatFixed(processed.quantity, 1)).toBe('15.7');
    expect(usd(processed.cost)).toBe('$0.16');
    expect(est.lines.some((l) => /Data transfer out/.test(l.what))).toBe(false);
    expect(usd(est.total)).toBe('$24.86');
  });

  it(`Caching example (${PAGE}): a 1.6 GB cache at $0.038/hr is $0.912 a day ($27.36 for 720 hours)`, () => {
    const day = estimate({ api: 'REST', requests: 0, cacheGB: '1.6', cacheHours: 24 });
    expect(formatFixed(line(day, /Cache, 1.6 GB/).cost, 3)).toBe('0.912');
    expect(day.total).toEqual(dec('0.912'));
    const month = estimate({ api: 'REST', requests: 0, cacheGB: '1.6' });
    expect(usd(month.total)).toBe('$27.36');
  });

  it(`WebSocket chat example (${PAGE}): 1,000 users, 600 messages of 3 KB a day, 12 hours connected → $18 + $5.40 = $23.40`, () => {
    const est = estimate({
      api: 'WEBSOCKET',
      messages: (100 + 500) * 1000 * 30,
      messageKB: 3,
      connectionMinutes: 1000 * 12 * 60 * 30,
    });
    expect(line(est, /messages, first 1 billion/).quantity).toEqual(dec(18_000_000));
    expect(usd(line(est, /messages, first 1 billion/).cost)).toBe('$18.00');
    expect(line(est, /connection minutes/).quantity).toEqual(dec(21_600_000));
    expect(usd(line(est, /connection minutes/).cost)).toBe('$5.40');
    expect(usd(est.total)).toBe('$23.40');
  });
});

describe('tier boundaries', () => {
  const requestCost = (api: 'REST' | 'HTTP', requests: number) => usd(estimate({ api, requests }).total);

  it('REST: exactly 333 million is all in the first tier; one more request is priced at $2.80 per million', () => {
    const at = estimate({ api: 'REST', requests: 333_000_000 });
    expect(at.lines.map((l) => l.what)).toEqual(['REST API requests, first 333 million']);
    expect(usd(at.total)).toBe('$1,165.50');
    const over = estimate({ api: 'REST', requests: 333_000_001 });
    expect(over.lines.map((l) => l.what)).toEqual([
      'REST API requests, first 333 million',
      'REST API requests, next 667 million',
    ]);
    expect(over.lines[1]!.quantity).toEqual(dec(1));
    expect(over.lines[1]!.cost).toEqual(dec('0.0000028'));
  });

  it('REST: 1 billion, 20 billion and 21 billion requests', () => {
    expect(requestCost('REST', 1_000_000_000)).toBe('$3,033.10'); // 1,165.50 + 1,867.60
    expect(requestCost('REST', 20_000_000_000)).toBe('$48,253.10'); // + 19,000 × 2.38 = 45,220
    expect(requestCost('REST', 21_000_000_000)).toBe('$49,763.10'); // + 1,000 × 1.51
    expect(estimate({ api: 'REST', requests: 21_000_000_000 }).lines.at(-1)!.what).toBe(
      'REST API requests, over 20 billion',
    );
  });

  it('HTTP: 300 million at $1.00, then $0.90 per million', () => {
    expect(requestCost('HTTP', 300_000_000)).toBe('$300.00');
    expect(estimate({ api: 'HTTP', requests: 300_000_000 }).lines).toHaveLength(1);
    expect(requestCost('HTTP', 400_000_000)).toBe('$390.00');
  });

  it('WebSocket: 1 billion messages at $1.00, then $0.80 per million', () => {
    expect(usd(estimate({ api: 'WEBSOCKET', messages: 1_000_000_000 }).total)).toBe('$1,000.00');
    expect(usd(estimate({ api: 'WEBSOCKET', messages: 2_000_000_000 }).total)).toBe('$1,800.00');
  });

  it('data transfer tiers at 10 TB, 50 TB and 150 TB (1 TB = 1,024 GB)', () => {
    const dto = (gb: number) =>
      usd(estimate({ api: 'HTTP', requests: 0, dataTransferOutGB: gb, dataTransfer: 'tiered' }).total);
    expect(dto(10_240)).toBe('$921.60');
    expect(dto(51_200)).toBe('$4,403.20'); // 921.60 + 40,960 × 0.085
    expect(dto(153_600)).toBe('$11,571.20'); // + 102,400 × 0.07
    expect(dto(163_840)).toBe('$12,083.20'); // + 10,240 × 0.05
    expect(usd(estimate({ api: 'HTTP', requests: 0, dataTransferOutGB: 163_840 }).total)).toBe('$14,745.60');
  });

  it('every tier table rises in upTo and ends unbounded; every rate was read on 2026-12-04', () => {
    for (const tiers of [REST_REQUEST_TIERS, HTTP_REQUEST_TIERS, WEBSOCKET_MESSAGE_TIERS, DATA_TRANSFER_TIERS]) {
      const bounds = tiers.map((t) => t.upTo);
      expect(bounds.at(-1)).toBeNull();
      for (let i = 1; i < bounds.length - 1; i++) expect(bounds[i]!).toBeGreaterThan(bounds[i - 1]!);
      for (const t of tiers) {
        expect(t.rate.read).toBe(READ_ON);
        expect(t.rate.source).toMatch(/^https:\/\/(aws\.amazon\.com|docs\.aws\.amazon\.com)\//);
      }
    }
    expect(READ_ON).toBe('2026-12-04');
  });
});

describe('metering increments', () => {
  it('HTTP: 512 KB is one request, 513 KB two (512 KB increments)', () => {
    const n = (kb: number) => estimate({ api: 'HTTP', requests: 1000, requestKB: kb }).lines[0]!.quantity;
    expect(n(0)).toEqual(dec(1000));
    expect(n(512)).toEqual(dec(1000));
    expect(n(513)).toEqual(dec(2000));
  });

  it('WebSocket: "a 33 KB message is metered as two messages"; over 128 KB is refused', () => {
    const n = (kb: number) => estimate({ api: 'WEBSOCKET', messages: 1000, messageKB: kb }).lines[0]!.quantity;
    expect(n(32)).toEqual(dec(1000));
    expect(n(33)).toEqual(dec(2000));
    expect(n(128)).toEqual(dec(4000));
    expect(() => n(129)).toThrow(/at most 128 KB/);
  });

  it('REST requests are not metered by size', () => {
    expect(estimate({ api: 'REST', requests: 1000, requestKB: 4096 }).lines[0]!.quantity).toEqual(dec(1000));
  });
});

describe('free tier switch (off by default)', () => {
  it('is off unless asked: 1 million REST requests cost $3.50', () => {
    expect(usd(estimate({ api: 'REST', requests: 1_000_000 }).total)).toBe('$3.50');
  });

  it('on: the first million REST or HTTP requests are a $0 line, the rest priced from the first tier', () => {
    const rest = estimate({ api: 'REST', requests: 3_000_000, freeTier: true });
    expect(rest.lines[0]!.what).toMatch(/^Free tier/);
    expect(rest.lines[0]!.quantity).toEqual(dec(1_000_000));
    expect(usd(rest.total)).toBe('$7.00');
    expect(usd(estimate({ api: 'HTTP', requests: 500_000, freeTier: true }).total)).toBe('$0.00');
  });

  it('on: WebSocket gets 1 million messages and 750,000 connection minutes; the cache is never free', () => {
    const ws = estimate({ api: 'WEBSOCKET', messages: 18_000_000, connectionMinutes: 21_600_000, freeTier: true });
    expect(usd(ws.total)).toBe('$22.21'); // 17 × $1.00 + 20.85 × $0.25 = $17 + $5.2125
    expect(usd(estimate({ api: 'REST', requests: 0, cacheGB: '0.5', freeTier: true }).total)).toBe('$14.40');
  });
});

describe('cache sizes and the usage-plan erratum', () => {
  it('offers the eight CacheClusterSize values; only 0.5 and 1.6 GB are corroborated by AWS', () => {
    expect(CACHE_SIZES.map((c) => c.gb)).toEqual(['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237']);
    expect(CACHE_SIZES.filter((c) => c.rate.corroborated).map((c) => c.gb)).toEqual(['0.5', '1.6']);
    const est = estimate({ api: 'REST', requests: 0, cacheGB: '6.1' });
    expect(est.lines[1]!.note).toMatch(/third-party/);
    expect(usd(est.total)).toBe('$144.00');
  });

  it('usage plans and API keys are a $0.00 line carrying erratum #24', () => {
    const est = estimate({ api: 'REST', requests: 1_000_000, usagePlans: 3 });
    const plans = line(est, /Usage plans/);
    expect(usd(plans.cost)).toBe('$0.00');
    expect(plans.note).toMatch(/no charge for usage plans or API keys.*errata #24/);
    expect(usd(est.total)).toBe('$3.50');
  });
});

describe('bad input: one line, never a crash', () => {
  it.each([
    [{ api: 'REST', requests: -1 }, /Requests per month must be a number of at least 0/],
    [{ api: 'REST', requests: 1.5 }, /Requests per month must be a whole number/],
    [{ api: 'REST', requests: Number.NaN }, /must be a number/],
    [{ api: 'HTTP', requests: 1, cacheGB: '0.5' }, /Caching is for REST APIs only, not HTTP APIs/],
    [{ api: 'WEBSOCKET', messages: 1, usagePlans: 1 }, /Usage plans with API keys is for REST APIs only/],
    [{ api: 'REST', requests: 1, cacheGB: '2' }, /Cache size must be one of 0.5, 1.6/],
    [{ api: 'SOAP' }, /API type must be REST, HTTP or WEBSOCKET/],
  ])('%j → %s', (input, message) => {
    let error: unknown;
    try {
      estimate(input as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PricingInputError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toMatch(/\n/);
  });
});

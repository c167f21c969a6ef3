/**
 * The calculator's form as estimate() input (src/components/pricing-form.ts): AWS's worked examples as the reader
 * loads them give the documented totals; typed numbers with separators read; bad fields get one line naming them.
 */
import { describe, expect, it } from 'vitest';
import { compare, estimate, formatUsd, workloadOf } from '../../src/pricing/index.js';
import {
  AWS_EXAMPLES,
  DEFAULT_FIELDS,
  exampleFields,
  inputFromFields,
  lineCells,
  rateRows,
} from '../../src/components/pricing-form.js';

describe('the form', () => {
  it.each(AWS_EXAMPLES.map((x) => [x.title, x] as const))(
    "AWS's example loaded in the form (aws.amazon.com/api-gateway/pricing): %s",
    (_title, example) => {
      expect(formatUsd(estimate(inputFromFields(exampleFields(example))).total)).toBe(example.total);
    },
  );

  it('starts on the 5-million-call REST example ($18.79)', () => {
    expect(formatUsd(estimate(inputFromFields(DEFAULT_FIELDS)).total)).toBe('$18.79');
  });

  it('reads "5,000,000", "5 000 000" and "5e6" alike; empty sizes are 0', () => {
    for (const requests of ['5,000,000', '5 000 000', '5e6'])
      expect(inputFromFields({ api: 'REST', requests }).requests).toBe(5_000_000);
    expect(inputFromFields({ api: 'HTTP', requests: '1' })).toMatchObject({ requestKB: 0, responseKB: 0 });
  });

  it('keeps REST-only fields out of HTTP and WebSocket input, and drops data transfer for a private API', () => {
    const fields = { ...DEFAULT_FIELDS, cacheGB: '0.5', usagePlans: '2', private: 'on', dataTransferOutGB: '5' };
    expect(inputFromFields({ ...fields, api: 'HTTP' })).not.toHaveProperty('cacheGB');
    expect(inputFromFields({ ...fields, api: 'WEBSOCKET' })).not.toHaveProperty('usagePlans');
    const rest = inputFromFields(fields);
    expect(rest).toMatchObject({ cacheGB: '0.5', usagePlans: 2, privateEndpoint: { azs: 1 } });
    expect(rest).not.toHaveProperty('dataTransferOutGB');
  });

  it("compares REST and HTTP workloads on WebSocket with the WebSocket fields' connection minutes", () => {
    const input = inputFromFields({ ...DEFAULT_FIELDS, connectionMinutes: '4,000,000' });
    expect(formatUsd(estimate(input).total)).toBe('$18.79'); // the REST bill has no minutes
    // 10 million messages ($10.00) + 14.31 GB ($1.29) + 4 million minutes ($1.00)
    expect(formatUsd(compare(workloadOf(input)).WEBSOCKET!)).toBe('$12.29');
    expect(inputFromFields({ ...DEFAULT_FIELDS, connectionMinutes: 'x' }).connectionMinutes).toBe(0);
  });

  it.each([
    [{ requests: 'lots' }, 'Requests per month: "lots" is not a number of at least 0'],
    [{ requests: '-5' }, 'Requests per month: "-5" is not a number of at least 0'],
    [{ requests: '2.5' }, 'Requests per month: "2.5" is not a whole number'],
    [{ api: 'WEBSOCKET', messageKB: '200' }, 'A WebSocket message is at most 128 KB (got 200 KB)'],
    [{ api: 'GRAPHQL' }, 'API type: "GRAPHQL" is not REST, HTTP or WEBSOCKET'],
  ])('%j → %s', (fields, message) => {
    expect(() => estimate(inputFromFields({ ...DEFAULT_FIELDS, ...fields }))).toThrow(message);
  });

  it('shows each line as what, quantity, rate and cost', () => {
    const est = estimate(inputFromFields(DEFAULT_FIELDS));
    expect(est.lines.map(lineCells)).toEqual([
      ['REST API requests, first 333 million', '5,000,000 requests', '$3.50 per million requests', '$17.50'],
      ['Data transfer out to the internet', '14.31 GB', '$0.09 per GB', '$1.29'],
    ]);
  });

  it('the rates table lists every tier, the cache sizes marked where only third-party copies give them', () => {
    const rows = rateRows();
    expect(rows.filter((r) => r.group === 'REST API requests').map((r) => `${r.what}: ${r.price}`)).toEqual([
      'first 333 million requests a month: $3.50 per million requests',
      'next 667 million requests a month: $2.80 per million requests',
      'next 19 billion requests a month: $2.38 per million requests',
      'over 20 billion requests a month: $1.51 per million requests',
    ]);
    expect(rows.filter((r) => /cache/.test(r.group) && r.remark).map((r) => r.what)).toEqual([
      '6.1 GB',
      '13.5 GB',
      '28.4 GB',
      '58.2 GB',
      '118 GB',
      '237 GB',
    ]);
    expect(rows.find((r) => r.group === 'Usage plans and API keys')!.price).toBe('no charge');
  });
});

/** The calculator's exact arithmetic: decimals parsed exactly, rounding half up to the cent only for display. */
import { describe, expect, it } from 'vitest';
import { add, ceil, dec, div, exact, formatFixed, formatUsd, mul, roundTo } from '../../src/pricing/money.js';

describe('exact money', () => {
  it('parses decimals exactly: 0.1 + 0.2 is 0.3 (not 0.30000000000000004)', () => {
    expect(add(dec('0.1'), dec(0.2))).toEqual(dec('0.3'));
    expect(dec('0.038')).toEqual(exact(19n, 500n));
    expect(dec(1e21)).toEqual(exact(10n ** 21n));
    expect(dec('2.5e-3')).toEqual(exact(1n, 400n));
    expect(() => dec('3,50')).toThrow(/not a number: 3,50/);
    expect(() => dec(Number.POSITIVE_INFINITY)).toThrow(/not a number/);
  });

  it('rounds half up to the cent for display only', () => {
    expect(roundTo(dec('1.285'), 2)).toBe(129n);
    expect(roundTo(dec('1.2849999'), 2)).toBe(128n);
    expect(formatUsd(dec('41502.9418'))).toBe('$41,502.94');
    expect(formatUsd(dec('0.005'))).toBe('$0.01');
    expect(formatUsd(dec('0'))).toBe('$0.00');
    expect(formatFixed(div(mul(dec(15_000_000), dec(1)), dec(1024 * 1024)), 3)).toBe('14.305');
  });

  it('ceil rounds up to the whole increment', () => {
    expect(ceil(div(dec(4608), dec(512)))).toBe(9n);
    expect(ceil(div(dec(33), dec(32)))).toBe(2n);
    expect(ceil(dec(0))).toBe(0n);
  });
});

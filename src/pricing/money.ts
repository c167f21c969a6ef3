/**
 * Exact money arithmetic for the pricing calculator: every quantity and amount is a fraction of two bigints, so
 * "14.305 GB × $0.09" or "132 million × $0.90 per million" carry no floating-point error. Amounts are rounded
 * (half up, to the cent) only when they are displayed, as AWS's worked examples round each line.
 */

/** An exact non-negative rational number: `num / den`, `den` > 0, kept in lowest terms. */
export interface Exact {
  readonly num: bigint;
  readonly den: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return x || 1n;
};

/** `num / den` in lowest terms. */
export function exact(num: bigint, den = 1n): Exact {
  if (den === 0n) throw new Error('division by zero');
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

export const ZERO = exact(0n);

/**
 * A decimal number or decimal string ("3.50", "0.038", 4.5, 1e9) as its exact value: "0.038" is 38/1000, not the
 * nearest binary fraction. Throws one line for anything that is not a finite decimal.
 */
export function dec(value: number | string): Exact {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new Error(`not a number: ${String(value)}`);
  const [, sign, whole = '', frac = '', expText] = m;
  const exp = Number(expText ?? 0) - frac.length;
  let num = BigInt(whole + frac || '0');
  if (sign === '-') num = -num;
  return exp >= 0 ? exact(num * 10n ** BigInt(exp)) : exact(num, 10n ** BigInt(-exp));
}

export const add = (a: Exact, b: Exact): Exact => exact(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Exact, b: Exact): Exact => exact(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Exact, b: Exact): Exact => exact(a.num * b.num, a.den * b.den);
export const div = (a: Exact, b: Exact): Exact => exact(a.num * b.den, a.den * b.num);
/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export const cmp = (a: Exact, b: Exact): number => {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};
export const min = (a: Exact, b: Exact): Exact => (cmp(a, b) <= 0 ? a : b);
export const max = (a: Exact, b: Exact): Exact => (cmp(a, b) >= 0 ? a : b);
export const sum = (values: Exact[]): Exact => values.reduce(add, ZERO);
/** The smallest integer ≥ `a`. */
export const ceil = (a: Exact): bigint => (a.num >= 0n ? (a.num + a.den - 1n) / a.den : a.num / a.den);

/** `a` rounded half up to `places` decimals, as a bigint count of 10^-places units (cents for 2). */
export function roundTo(a: Exact, places: number): bigint {
  const scale = 10n ** BigInt(places);
  const n = a.num * scale;
  const twice = (2n * (n < 0n ? -n : n) + a.den) / (2n * a.den);
  return n < 0n ? -twice : twice;
}

/** The nearest JavaScript number (for charts; never for the figures shown as money). */
export const toNumber = (a: Exact): number => Number(a.num) / Number(a.den);

/** `a` as a decimal string with `places` decimals, rounded half up, thousands separated: 41502.9418 → "41,502.94". */
export function formatFixed(a: Exact, places = 2): string {
  const units = roundTo(a, places);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = places ? `.${digits.slice(-places)}` : '';
  return `${negative ? '-' : ''}${whole}${frac}`;
}

/** Dollars for display: "$41,502.94" (rounded half up to the cent). */
export const formatUsd = (a: Exact): string => `$${formatFixed(a, 2)}`;

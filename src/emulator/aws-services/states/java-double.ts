/**
 * Java's `Double.toString` for epoch seconds, as Step Functions writes `startDate` on the wire:
 * `{"executionArn":"…","startDate":1.486772644911E9}` (research §1.5 [SFN-TUT]: curl through a deployed API).
 * Values of 10^7 or more (every epoch date) are written `d.dddE9`; below that, plain decimals with at least one
 * fraction digit (`1.0`, `12.5`). The digits are the shortest that read back as the same double (JS and Java agree).
 */
export function javaDouble(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : value < 0 ? '-Infinity' : 'NaN';
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e7) {
    const text = String(value);
    return text.includes('.') || text.includes('e') ? text : `${text}.0`;
  }
  if (value === 0) return '0.0';
  const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
  const digits = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${digits}E${Number(exponent)}`;
}

/** Epoch milliseconds as the epoch seconds Step Functions writes (`startDate`, `stopDate`, event `timestamp`). */
export function epochSecondsDouble(epochMs: number): JavaDouble {
  return new JavaDouble(epochMs / 1000);
}

/** A number to be written in Java's notation by {@link toJsonWithDoubles}. */
export class JavaDouble {
  constructor(readonly value: number) {}
}

/** JSON.stringify (compact) that writes {@link JavaDouble} values as Java does (`1.486772644911E9`). */
export function toJsonWithDoubles(value: unknown): string {
  if (value instanceof JavaDouble) return javaDouble(value.value);
  if (Array.isArray(value)) return `[${value.map((item) => toJsonWithDoubles(item ?? null)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const parts: string[] = [];
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      parts.push(`${JSON.stringify(key)}:${toJsonWithDoubles(item)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

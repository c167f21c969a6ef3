const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Two-digit zero padding. */
const pad2 = (n: number) => String(n).padStart(2, '0');

/** `$context.requestTime`: CLF-formatted UTC time, `09/Apr/2015:12:34:56 +0000`. */
export function clfTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad2(d.getUTCHours())}:${pad2(
    d.getUTCMinutes(),
  )}:${pad2(d.getUTCSeconds())} +0000`;
}

/** An HTTP `Date` header value (IMF-fixdate). */
export function httpDate(epochMs: number): string {
  return new Date(epochMs).toUTCString();
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Two-digit zero padding. */
const pad2 = (n: number) => String(n).padStart(2, '0');

/** A one-entry cache per format: requests in the same second share the formatted string. */
let clfSecond = NaN;
let clfText = '';
let httpSecond = NaN;
let httpText = '';

/** `$context.requestTime`: CLF-formatted UTC time, `09/Apr/2015:12:34:56 +0000`. */
export function clfTime(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second !== clfSecond) {
    const d = new Date(epochMs);
    clfText = `${pad2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad2(d.getUTCHours())}:${pad2(
      d.getUTCMinutes(),
    )}:${pad2(d.getUTCSeconds())} +0000`;
    clfSecond = second;
  }
  return clfText;
}

/** An HTTP `Date` header value (IMF-fixdate). */
export function httpDate(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second !== httpSecond) {
    httpText = new Date(epochMs).toUTCString();
    httpSecond = second;
  }
  return httpText;
}

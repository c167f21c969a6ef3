/** Query-string decoding as API Gateway does it: `+` is a space, percent-escapes decoded, bad escapes kept. */
export function decodeQueryComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

/** Parses a raw query string (without `?`) into ordered key/value pairs. `?a` gives `a: ""`. */
export function parseQuery(raw: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = decodeQueryComponent(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decodeQueryComponent(part.slice(eq + 1));
    pairs.push([key, value]);
  }
  return pairs;
}

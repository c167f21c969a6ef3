/** The parts of a request URL the gateway reads, as `URL` would give them. */
export interface UrlParts {
  /** `http` or `https` (the URL's protocol without `:`). */
  scheme: string;
  /** `host[:port]`, as `URL.host`. */
  host: string;
  /** The explicit port, '' when the scheme's default (as `URL.port`). */
  port: string;
  /** As `URL.pathname`. */
  pathname: string;
  /** The query without `?` ('' when none or empty). */
  query: string;
}

/**
 * Splits a URL serialised as the URL Standard does (what `Request.url` gives). Plain `http(s)://host/path?query`
 * URLs are split by hand (their parts are substrings); anything else goes through `new URL`.
 */
export function splitUrl(href: string): UrlParts {
  const start = href.startsWith('http://') ? 7 : href.startsWith('https://') ? 8 : -1;
  const slash = start < 0 ? -1 : href.indexOf('/', start);
  if (slash > start && href.indexOf('@') < 0 && href.indexOf('#') < 0) {
    const host = href.slice(start, slash);
    const q = href.indexOf('?', slash);
    const colon = host.lastIndexOf(':');
    return {
      scheme: start === 7 ? 'http' : 'https',
      host,
      port: colon >= 0 && colon > host.lastIndexOf(']') ? host.slice(colon + 1) : '',
      pathname: q < 0 ? href.slice(slash) : href.slice(slash, q),
      query: q < 0 ? '' : href.slice(q + 1),
    };
  }
  const url = new URL(href);
  return {
    scheme: url.protocol.replace(':', ''),
    host: url.host,
    port: url.port,
    pathname: url.pathname,
    query: url.search.slice(1),
  };
}

/**
 * When the URL a Fetch `Request` would hold can be had without parsing: the request target and Host
 * are already in the URL Standard's serialised form, so `http://` + host + target is what
 * `new Request(...).url` would give. Anything unusual (dot segments, characters the parser would
 * percent-encode, absolute-form targets, hosts it would rewrite) gets null: build a `Request` then.
 */

/** Path characters the URL parser leaves as they are (backslash, quotes, braces etc. are not among them). */
const PLAIN_PATH = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/;
/** Query characters the URL parser leaves as they are in http(s) URLs (it escapes `'` there). */
const PLAIN_QUERY = /^[A-Za-z0-9\-._~!$&()*+,;=:@/%?]*$/;
/** Dot segments, plain or percent-encoded, which the parser removes. */
const DOT_SEGMENT = /\/\.|%2e/i;

/** Hosts already checked: whether each is its own serialised form (a server sees the same few again and again). */
const hostChecks = new Map<string, boolean>();

/** Whether `new URL('http://' + host + '/').host` is `host` itself. */
function isPlainHost(host: string): boolean {
  let plain = hostChecks.get(host);
  if (plain === undefined) {
    try {
      plain = host !== '' && new URL(`http://${host}/`).host === host;
    } catch {
      plain = false;
    }
    if (hostChecks.size >= 256) hostChecks.clear();
    hostChecks.set(host, plain);
  }
  return plain;
}

/** `http://host/target` when that is already what `new Request` would make of it, else null. */
export function plainRequestUrl(host: string, target: string): string | null {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  if (!PLAIN_PATH.test(path) || DOT_SEGMENT.test(path)) return null;
  if (q >= 0 && !PLAIN_QUERY.test(target.slice(q + 1))) return null;
  return isPlainHost(host) ? `http://${host}${target}` : null;
}

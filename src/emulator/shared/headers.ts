/** Header lists in wire order and case, as API Gateway sees them (the Fetch API lower-cases names). */
export type HeaderList = Array<[string, string]>;

/** Hop-by-hop and framing headers API Gateway does not pass to a Lambda proxy event. */
const NOT_FORWARDED = new Set([
  'connection',
  'content-length',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Whether a request header reaches the integration. */
export function isForwardedRequestHeader(name: string): boolean {
  return !NOT_FORWARDED.has(name.toLowerCase());
}

/** Whether a request header, given by its lower-case name, reaches the integration. */
export function isForwardedLowerName(lower: string): boolean {
  return !NOT_FORWARDED.has(lower);
}

/** `user-agent` → `User-Agent`: the canonical case of a header whose wire case is unknown. */
export function canonicalHeaderName(name: string): string {
  return name
    .split('-')
    .map((part) => (part ? part[0]!.toUpperCase() + part.slice(1).toLowerCase() : part))
    .join('-');
}

/** The header list of a Fetch `Headers`, in canonical case (used when the wire case is not known). */
export function headerListOf(headers: Headers): HeaderList {
  const list: HeaderList = [];
  headers.forEach((value, name) => list.push([canonicalHeaderName(name), value]));
  return list;
}

/** The last value of a header, case-insensitively, or null. */
export function lastHeader(list: HeaderList, name: string): string | null {
  const lower = name.toLowerCase();
  const length = lower.length;
  let found: string | null = null;
  for (let i = 0; i < list.length; i++) {
    const entry = list[i]!;
    const n = entry[0];
    if (n.length === length && (n === lower || n.toLowerCase() === lower)) found = entry[1];
  }
  return found;
}

/** The lower-case names of a header list, index for index (lower-case each name once per request). */
export function lowerNames(list: HeaderList): string[] {
  const out: string[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) out[i] = list[i]![0].toLowerCase();
  return out;
}

/** {@link lastHeader} with the names already lower-cased by {@link lowerNames}; `lower` must be lower-case. */
export function lastHeaderOf(list: HeaderList, lowers: readonly string[], lower: string): string | null {
  for (let i = lowers.length - 1; i >= 0; i--) if (lowers[i] === lower) return list[i]![1];
  return null;
}

/** The media type of a Content-Type/Accept value, lower-cased, without parameters. */
export function mediaTypeOf(value: string | null): string | null {
  if (!value) return null;
  const type = value.split(',')[0]!.split(';')[0]!.trim().toLowerCase();
  return type || null;
}

/** Whether a media type matches one of the API's binary media types (wildcards such as image/* allowed). */
export function isBinaryMediaType(mediaType: string | null, binaryMediaTypes: readonly string[]): boolean {
  if (!mediaType) return false;
  const [type, subtype] = mediaType.split('/');
  return binaryMediaTypes.some((pattern) => {
    const [pType, pSub] = pattern.toLowerCase().split(';')[0]!.trim().split('/');
    return (pType === '*' || pType === type) && (pSub === '*' || pSub === subtype);
  });
}

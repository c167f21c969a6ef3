/** A stable lowercase id of `length` characters from `seed` (FNV-1a, base 36), like API Gateway's 10-character ids. */
export function physicalId(seed: string, length = 10): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < length; round++) {
    for (const ch of `${round}:${seed}`) {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(36);
  }
  return out.slice(0, length);
}

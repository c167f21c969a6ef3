/**
 * IP addresses and CIDR blocks as IAM's `IpAddress` / `NotIpAddress` condition operators read them: IPv4
 * (`203.0.113.0/24`) and IPv6 (`2001:DB8:1234:5678::/64`), a bare address standing for itself (/32 or /128).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
 * An IPv4 block never matches an IPv6 address, nor the reverse, except that an IPv4-mapped IPv6 address
 * (`::ffff:192.0.2.1`, as a dual-stack socket reports an IPv4 client) is read as the IPv4 address (assumed).
 */

/** A parsed CIDR block: its address bytes (4 or 16; a plain array, as the deployed model is deep-frozen) and prefix length. */
export interface Cidr {
  bytes: readonly number[];
  prefix: number;
}

/** The bytes of an IPv4 address (`192.0.2.1`), or null. */
function parseIpv4(text: string): Uint8Array | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!;
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p[0] === '0')) return null;
    const n = Number(p);
    if (n > 255) return null;
    out[i] = n;
  }
  return out;
}

/** The bytes of an IPv6 address (`2001:db8::1`, `::ffff:192.0.2.1`, a `%zone` dropped), or null. */
function parseIpv6(text: string): Uint8Array | null {
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  if (!text.includes(':')) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (!v4) return null;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-f]{1,4}$/i.test(piece)) out.push(parseInt(piece, 16));
      else return null;
    }
    return out;
  };
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[i * 2] = g >> 8;
    out[i * 2 + 1] = g & 0xff;
  });
  return out;
}

/** The bytes of an IPv4 or IPv6 address; an IPv4-mapped IPv6 address gives its IPv4 bytes. Null when neither. */
export function parseIp(text: string): Uint8Array | null {
  const v4 = parseIpv4(text);
  if (v4) return v4;
  const v6 = parseIpv6(text);
  if (v6 && v6.slice(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff) return v6.slice(12);
  return v6;
}

/** A CIDR block (`10.0.0.0/8`, `2001:db8::/32`) or a bare address; null when it is not one. */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const bytes = address.includes(':') ? parseIpv6(address) : parseIpv4(address);
  if (!bytes) return null;
  const max = bytes.length * 8;
  if (slash < 0) return { bytes: [...bytes], prefix: max };
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  return prefix <= max ? { bytes: [...bytes], prefix } : null;
}

/** Whether the address (bytes from parseIp) lies in the block. */
export function cidrContains(block: Cidr, ip: Uint8Array): boolean {
  if (block.bytes.length !== ip.length) return false;
  const whole = block.prefix >> 3;
  for (let i = 0; i < whole; i++) if (block.bytes[i] !== ip[i]) return false;
  const rest = block.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (block.bytes[whole]! & mask) === (ip[whole]! & mask);
}

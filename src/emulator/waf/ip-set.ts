/**
 * An IP set in the JSON shape `aws wafv2 get-ip-set` prints (`{"IPSet": {Name, Id, ARN, Description, IPAddressVersion,
 * Addresses}, "LockToken"}`), or the bare IPSet object: what an IPSetReferenceStatement's ARN names.
 * https://docs.aws.amazon.com/waf/latest/APIReference/API_IPSet.html
 */
import { parseCidr } from './ip-match.js';
import { WebAclError } from './web-acl.js';

export interface IpSet {
  Name: string;
  ARN: string;
  IPAddressVersion: 'IPV4' | 'IPV6';
  /** CIDRs, as printed (`192.0.2.0/24`, `2001:db8::/32`). */
  Addresses: string[];
}

/** Checks an IP set document; throws a WebAclError naming the bad field (`IPSet.Addresses[2]: ...`). */
export function parseIpSet(json: unknown): IpSet {
  const root = isObject(json) ? json : fail('IP set', 'must be a JSON object (the output of aws wafv2 get-ip-set)');
  const set = 'IPSet' in root ? root.IPSet : root;
  if (!isObject(set)) fail('IPSet', 'must be an object');
  const name = nonEmpty(set.Name, 'IPSet.Name');
  const arn = nonEmpty(set.ARN, 'IPSet.ARN');
  const version = set.IPAddressVersion;
  if (version !== 'IPV4' && version !== 'IPV6') fail('IPSet.IPAddressVersion', 'must be IPV4 or IPV6');
  if (!Array.isArray(set.Addresses)) fail('IPSet.Addresses', 'must be an array of CIDRs');
  const addresses = set.Addresses.map((a, i) => {
    const cidr = typeof a === 'string' ? parseCidr(a) : undefined;
    if (!cidr) fail(`IPSet.Addresses[${i}]`, `${JSON.stringify(a)} is not a CIDR (such as 192.0.2.0/24)`);
    // API_IPSet: "All addresses must be of the same version, IPV4 or IPV6".
    if ((cidr.bits === 32) !== (version === 'IPV4'))
      fail(
        `IPSet.Addresses[${i}]`,
        `${a as string} is not an ${version === 'IPV4' ? 'IPv4' : 'IPv6'} CIDR (IPAddressVersion ${version})`,
      );
    return a as string;
  });
  return { Name: name, ARN: arn, IPAddressVersion: version, Addresses: addresses };
}

/** The addresses of each IP set by ARN, as `parseWebAcl` takes them; throws when two sets have the same ARN. */
export function ipSetAddresses(sets: readonly IpSet[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const set of sets) {
    if (set.ARN in out) fail('IPSet.ARN', `${set.ARN} is given twice`);
    out[set.ARN] = set.Addresses;
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmpty(v: unknown, path: string): string {
  if (typeof v !== 'string' || v === '') fail(path, 'must be a non-empty string');
  return v;
}

function fail(path: string, problem: string): never {
  throw new WebAclError(`${path}: ${problem}`);
}

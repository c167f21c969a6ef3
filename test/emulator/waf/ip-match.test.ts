import { describe, expect, it } from 'vitest';
import { cidrContains, parseCidr, parseIp } from '../../../src/emulator/waf/ip-match.js';

const inside = (cidr: string, ip: string) => cidrContains(parseCidr(cidr)!, ip);

describe('IP set CIDRs (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-ipset-match.html)', () => {
  it('IPv4 CIDRs contain the addresses of their prefix only', () => {
    expect(inside('192.0.2.0/24', '192.0.2.44')).toBe(true);
    expect(inside('192.0.2.0/24', '192.0.3.1')).toBe(false);
    expect(inside('10.0.0.0/8', '10.255.255.255')).toBe(true);
    expect(inside('203.0.113.7/32', '203.0.113.7')).toBe(true);
    expect(inside('203.0.113.7/32', '203.0.113.8')).toBe(false);
    expect(inside('0.0.0.0/0', '8.8.8.8')).toBe(true);
  });

  it('IPv6 CIDRs, with :: compression and an embedded IPv4 tail', () => {
    expect(inside('2001:db8::/32', '2001:0db8:1234::1')).toBe(true);
    expect(inside('2001:db8::/32', '2001:db9::1')).toBe(false);
    expect(inside('::ffff:0:0/96', '::ffff:192.0.2.1')).toBe(true);
    expect(inside('1111:0000:0000:0000:0000:0000:0000:0111/128', '1111::111')).toBe(true);
  });

  it('an IPv4 address never matches an IPv6 CIDR, nor the reverse', () => {
    expect(inside('::/0', '192.0.2.1')).toBe(false);
    expect(inside('0.0.0.0/0', '::1')).toBe(false);
  });

  it('rejects what is not an address or CIDR', () => {
    expect(parseCidr('192.0.2.0/33')).toBeUndefined();
    expect(parseCidr('256.0.0.1/32')).toBeUndefined();
    expect(parseCidr('1::2::3/64')).toBeUndefined();
    expect(parseCidr('hello')).toBeUndefined();
    expect(parseIp('1:2:3:4:5:6:7')).toBeUndefined();
    expect(parseIp('1:2:3:4:5:6:7:8')?.bits).toBe(128);
  });
});

import { describe, expect, it } from 'vitest';
import { cidrContains, parseCidr, parseIp } from '../../../../src/emulator/rest/resource-policy/cidr.js';

const inside = (block: string, ip: string) => cidrContains(parseCidr(block)!, parseIp(ip)!);

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
describe('CIDR blocks as IpAddress conditions read them', () => {
  it('matches IPv4 addresses inside a block and not outside it', () => {
    expect(inside('192.0.2.0/24', '192.0.2.77')).toBe(true);
    expect(inside('192.0.2.0/24', '192.0.3.1')).toBe(false);
    expect(inside('10.0.0.0/8', '10.255.0.1')).toBe(true);
    expect(inside('172.16.0.0/12', '172.31.255.255')).toBe(true);
    expect(inside('172.16.0.0/12', '172.32.0.0')).toBe(false);
    expect(inside('0.0.0.0/0', '203.0.113.9')).toBe(true);
  });

  it('reads a bare address as a /32 (or /128)', () => {
    expect(parseCidr('203.0.113.7')).toEqual({ bytes: [203, 0, 113, 7], prefix: 32 });
    expect(inside('203.0.113.7', '203.0.113.7')).toBe(true);
    expect(inside('203.0.113.7', '203.0.113.8')).toBe(false);
    expect(parseCidr('2001:db8::1')!.prefix).toBe(128);
  });

  it('matches IPv6 blocks, compressed or not, in any case', () => {
    expect(inside('2001:DB8:1234:5678::/64', '2001:db8:1234:5678:abcd::1')).toBe(true);
    expect(inside('2001:db8:1234:5678::/64', '2001:db8:1234:5679::1')).toBe(false);
    expect(inside('2001:db8::/32', '2001:0db8:ffff:0000:0000:0000:0000:0001')).toBe(true);
    expect(inside('::1/128', '::1')).toBe(true);
    expect(inside('2001:db8::/33', '2001:db8:8000::1')).toBe(false);
    expect(inside('2001:db8::/33', '2001:db8:7fff::1')).toBe(true);
  });

  it('never matches an IPv4 block against an IPv6 address, nor the reverse', () => {
    expect(inside('0.0.0.0/0', '2001:db8::1')).toBe(false);
    expect(inside('::/0', '192.0.2.1')).toBe(false);
  });

  it('reads an IPv4-mapped IPv6 address (a dual-stack socket) as its IPv4 address', () => {
    expect(parseIp('::ffff:127.0.0.1')).toEqual(new Uint8Array([127, 0, 0, 1]));
    expect(inside('127.0.0.0/8', '::ffff:127.0.0.1')).toBe(true);
  });

  it('refuses what is not an address or block', () => {
    for (const bad of [
      '192.0.2.0/33',
      '192.0.2',
      '256.0.0.1',
      '01.2.3.4',
      '2001:db8::1::2',
      '2001:db8::/129',
      'x',
      '10.0.0.0/a',
      '',
    ])
      expect(parseCidr(bad), bad).toBeNull();
    expect(parseIp('1:2:3:4:5:6:7')).toBeNull();
    expect(parseIp('1:2:3:4:5:6:7:8')).not.toBeNull();
  });
});

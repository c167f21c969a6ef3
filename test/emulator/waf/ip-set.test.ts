import { describe, expect, it } from 'vitest';
import { ipSetAddresses, parseIpSet } from '../../../src/emulator/waf/index.js';

/** IP sets as `aws wafv2 get-ip-set` prints them (https://docs.aws.amazon.com/waf/latest/APIReference/API_IPSet.html). */
const ARN = 'arn:aws:wafv2:us-east-1:123456789012:regional/ipset/office/a1b2';
const printed = (fields: Record<string, unknown> = {}) => ({
  IPSet: {
    Name: 'office',
    Id: 'a1b2',
    ARN,
    Description: '',
    IPAddressVersion: 'IPV4',
    Addresses: ['192.0.2.0/24', '198.51.100.7/32'],
    ...fields,
  },
  LockToken: '0123',
});

describe('parseIpSet', () => {
  it('reads get-ip-set output, or the bare IPSet object', () => {
    const expected = {
      Name: 'office',
      ARN,
      IPAddressVersion: 'IPV4',
      Addresses: ['192.0.2.0/24', '198.51.100.7/32'],
    };
    expect(parseIpSet(printed())).toEqual(expected);
    expect(parseIpSet(printed().IPSet)).toEqual(expected);
    expect(parseIpSet(printed({ IPAddressVersion: 'IPV6', Addresses: ['2001:db8::/32'] })).Addresses).toEqual([
      '2001:db8::/32',
    ]);
  });

  it('names the bad field in one line', () => {
    expect(() => parseIpSet([])).toThrow('IP set: must be a JSON object (the output of aws wafv2 get-ip-set)');
    expect(() => parseIpSet(printed({ ARN: '' }))).toThrow('IPSet.ARN: must be a non-empty string');
    expect(() => parseIpSet(printed({ IPAddressVersion: 'V4' }))).toThrow(
      'IPSet.IPAddressVersion: must be IPV4 or IPV6',
    );
    expect(() => parseIpSet(printed({ Addresses: ['192.0.2.0/24', '10.0.0.300/8'] }))).toThrow(
      'IPSet.Addresses[1]: "10.0.0.300/8" is not a CIDR (such as 192.0.2.0/24)',
    );
    // API_IPSet: all addresses of one version
    expect(() => parseIpSet(printed({ Addresses: ['2001:db8::/32'] }))).toThrow(
      'IPSet.Addresses[0]: 2001:db8::/32 is not an IPv4 CIDR (IPAddressVersion IPV4)',
    );
  });

  it('ipSetAddresses maps ARN to addresses, refusing an ARN given twice', () => {
    const set = parseIpSet(printed());
    expect(ipSetAddresses([set])).toEqual({ [ARN]: ['192.0.2.0/24', '198.51.100.7/32'] });
    expect(() => ipSetAddresses([set, set])).toThrow(`IPSet.ARN: ${ARN} is given twice`);
  });
});

import { describe, expect, it } from 'vitest';
import { readResourcePolicy } from '../../../../src/emulator/rest/resource-policy/document.js';
import { evaluateResourcePolicy, type PolicyRequest } from '../../../../src/emulator/rest/resource-policy/evaluate.js';

const API_ARN = 'arn:aws:execute-api:us-east-1:123456789012:abc123defg';

function policyOf(...statements: Record<string, unknown>[]) {
  const problems: string[] = [];
  const policy = readResourcePolicy({ Version: '2012-10-17', Statement: statements }, 'policy', problems);
  expect(problems).toEqual([]);
  return policy!;
}

function request(over: Partial<PolicyRequest> & { keys?: Record<string, string> } = {}): PolicyRequest {
  const keys = over.keys ?? { 'aws:sourceip': '192.0.2.10' };
  return {
    methodArn: `${API_ARN}/dev/GET/items/7`,
    apiArn: API_ARN,
    principal: null,
    key: (k) => keys[k],
    ...over,
  };
}

const allow = (extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Principal: '*',
  Action: 'execute-api:Invoke',
  Resource: 'execute-api:/*',
  ...extra,
});
const deny = (extra: Record<string, unknown> = {}) => allow({ Effect: 'Deny', ...extra });
const decide = (p: ReturnType<typeof policyOf>, r = request()) => evaluateResourcePolicy(p, r).decision;

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
describe('evaluating a resource policy', () => {
  it('allows when an Allow applies, and says which statement decided', () => {
    expect(evaluateResourcePolicy(policyOf(allow()), request())).toEqual({ decision: 'ALLOW', statement: 0 });
  });

  it('is an implicit deny when no statement applies', () => {
    expect(evaluateResourcePolicy(policyOf(allow({ Resource: 'execute-api:/prod/*' })), request())).toEqual({
      decision: 'IMPLICIT_DENY',
      statement: null,
    });
  });

  it('lets an applying Deny win over any Allow, in whatever order', () => {
    expect(decide(policyOf(allow(), deny()))).toBe('EXPLICIT_DENY');
    expect(evaluateResourcePolicy(policyOf(deny(), allow()), request())).toEqual({
      decision: 'EXPLICIT_DENY',
      statement: 0,
    });
  });

  it("expands execute-api:/ to the API's ARN; full ARNs with * and ? match the method ARN", () => {
    expect(decide(policyOf(allow({ Resource: 'execute-api:/dev/GET/items/*' })))).toBe('ALLOW');
    expect(decide(policyOf(allow({ Resource: 'execute-api:/dev/POST/*' })))).toBe('IMPLICIT_DENY');
    expect(decide(policyOf(allow({ Resource: `${API_ARN}/*/GET/items/?` })))).toBe('ALLOW');
    expect(decide(policyOf(allow({ Resource: 'arn:aws:execute-api:us-east-1:123456789012:*' })))).toBe('ALLOW');
    // Another API's ARN, or another Region's, does not match.
    expect(decide(policyOf(allow({ Resource: 'arn:aws:execute-api:us-east-1:123456789012:other/*' })))).toBe(
      'IMPLICIT_DENY',
    );
    expect(decide(policyOf(allow({ Resource: 'arn:aws:execute-api:eu-west-1:123456789012:abc123defg/*' })))).toBe(
      'IMPLICIT_DENY',
    );
    // Resource ARNs are case-sensitive.
    expect(decide(policyOf(allow({ Resource: 'execute-api:/dev/get/*' })))).toBe('IMPLICIT_DENY');
  });

  it('applies a NotResource statement to every other method', () => {
    const p = policyOf(allow(), deny({ Resource: undefined, NotResource: 'execute-api:/dev/GET/public/*' }));
    expect(decide(p)).toBe('EXPLICIT_DENY');
    expect(decide(p, request({ methodArn: `${API_ARN}/dev/GET/public/a` }))).toBe('ALLOW');
  });

  it('matches actions case-insensitively with wildcards; NotAction excludes', () => {
    expect(decide(policyOf(allow({ Action: 'execute-api:*' })))).toBe('ALLOW');
    expect(decide(policyOf(allow({ Action: '*' })))).toBe('ALLOW');
    expect(decide(policyOf(allow({ Action: 'Execute-API:invoke' })))).toBe('ALLOW');
    expect(decide(policyOf(allow({ Action: 'execute-api:ManageConnections' })))).toBe('IMPLICIT_DENY');
    expect(decide(policyOf(allow({ Action: undefined, NotAction: 'execute-api:Invoke' })))).toBe('IMPLICIT_DENY');
  });

  describe('principals', () => {
    const alice = 'arn:aws:iam::111122223333:user/alice';
    it('an anonymous caller matches only "*" (or {"AWS": "*"})', () => {
      expect(decide(policyOf(allow({ Principal: { AWS: '*' } })))).toBe('ALLOW');
      expect(decide(policyOf(allow({ Principal: { AWS: '111122223333' } })))).toBe('IMPLICIT_DENY');
      expect(decide(policyOf(allow({ Principal: { Service: 'lambda.amazonaws.com' } })))).toBe('IMPLICIT_DENY');
    });
    it('an IAM caller matches its ARN, its account (id or root ARN), or its role for an assumed-role session', () => {
      const as = (principal: string) => request({ principal });
      expect(decide(policyOf(allow({ Principal: { AWS: alice } })), as(alice))).toBe('ALLOW');
      expect(decide(policyOf(allow({ Principal: { AWS: '111122223333' } })), as(alice))).toBe('ALLOW');
      expect(decide(policyOf(allow({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } })), as(alice))).toBe(
        'ALLOW',
      );
      expect(decide(policyOf(allow({ Principal: { AWS: 'arn:aws:iam::999999999999:root' } })), as(alice))).toBe(
        'IMPLICIT_DENY',
      );
      expect(decide(policyOf(allow({ Principal: { AWS: 'arn:aws:iam::111122223333:user/bob' } })), as(alice))).toBe(
        'IMPLICIT_DENY',
      );
      const session = 'arn:aws:sts::111122223333:assumed-role/Reader/i-0abc';
      expect(
        decide(policyOf(allow({ Principal: { AWS: 'arn:aws:iam::111122223333:role/Reader' } })), as(session)),
      ).toBe('ALLOW');
      expect(
        decide(policyOf(allow({ Principal: { AWS: 'arn:aws:iam::111122223333:role/Writer' } })), as(session)),
      ).toBe('IMPLICIT_DENY');
    });
    it('NotPrincipal applies to everyone else', () => {
      const p = policyOf(allow(), deny({ Principal: undefined, NotPrincipal: { AWS: '111122223333' } }));
      expect(decide(p)).toBe('EXPLICIT_DENY');
      expect(decide(p, request({ principal: alice }))).toBe('ALLOW');
    });
  });

  describe('conditions', () => {
    it('IpAddress / NotIpAddress on aws:SourceIp, IPv4 and IPv6, any value of a list', () => {
      const only = policyOf(
        allow({ Condition: { IpAddress: { 'aws:SourceIp': ['198.51.100.0/24', '192.0.2.0/24'] } } }),
      );
      expect(decide(only)).toBe('ALLOW');
      expect(decide(only, request({ keys: { 'aws:sourceip': '203.0.113.1' } }))).toBe('IMPLICIT_DENY');
      const v6 = policyOf(allow({ Condition: { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } } }));
      expect(decide(v6, request({ keys: { 'aws:sourceip': '2001:db8:1::5' } }))).toBe('ALLOW');
      expect(decide(v6)).toBe('IMPLICIT_DENY');
      const block = policyOf(
        allow(),
        deny({ Condition: { NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '2001:db8::/32'] } } }),
      );
      expect(decide(block)).toBe('ALLOW');
      expect(decide(block, request({ keys: { 'aws:sourceip': '203.0.113.1' } }))).toBe('EXPLICIT_DENY');
    });

    it('condition key names are case-insensitive (aws:sourceip is aws:SourceIp)', () => {
      expect(decide(policyOf(allow({ Condition: { IpAddress: { 'AWS:SOURCEIP': '192.0.2.0/24' } } })))).toBe('ALLOW');
    });

    it('String operators on aws:SourceVpce; all operators and keys must hold', () => {
      const r = request({ keys: { 'aws:sourceip': '10.0.0.5', 'aws:sourcevpce': 'vpce-1a2b3c4d' } });
      expect(decide(policyOf(allow({ Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } })), r)).toBe(
        'ALLOW',
      );
      expect(decide(policyOf(allow({ Condition: { StringEquals: { 'aws:SourceVpce': 'VPCE-1A2B3C4D' } } })), r)).toBe(
        'IMPLICIT_DENY',
      );
      expect(
        decide(policyOf(allow({ Condition: { StringEqualsIgnoreCase: { 'aws:SourceVpce': 'VPCE-1A2B3C4D' } } })), r),
      ).toBe('ALLOW');
      expect(decide(policyOf(allow({ Condition: { StringLike: { 'aws:SourceVpce': 'vpce-1a*' } } })), r)).toBe('ALLOW');
      expect(decide(policyOf(allow({ Condition: { StringNotLike: { 'aws:SourceVpce': 'vpce-1a*' } } })), r)).toBe(
        'IMPLICIT_DENY',
      );
      const both = policyOf(
        allow({
          Condition: {
            StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' },
            IpAddress: { 'aws:SourceIp': '192.0.2.0/24' },
          },
        }),
      );
      expect(decide(both, r)).toBe('IMPLICIT_DENY');
    });

    it("AWS's VPC endpoint example: a Deny with StringNotEquals aws:SourceVpce blocks every call not through it", () => {
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html (Lambda authorizer section)
      const p = policyOf(allow(), deny({ Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }));
      expect(decide(p, request({ keys: { 'aws:sourcevpce': 'vpce-1a2b3c4d' } }))).toBe('ALLOW');
      expect(decide(p, request({ keys: { 'aws:sourcevpce': 'vpce-99999999' } }))).toBe('EXPLICIT_DENY');
      // No VPC endpoint at all: the key is absent, and a negated operator holds.
      expect(decide(p, request({ keys: {} }))).toBe('EXPLICIT_DENY');
    });

    it('an absent key: positive operators fail, negated ones hold, IfExists holds, Null tests presence', () => {
      const none = request({ keys: {} });
      expect(decide(policyOf(allow({ Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } } })), none)).toBe(
        'IMPLICIT_DENY',
      );
      expect(decide(policyOf(allow({ Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } })), none)).toBe(
        'IMPLICIT_DENY',
      );
      expect(decide(policyOf(allow({ Condition: { NotIpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } })), none)).toBe(
        'ALLOW',
      );
      expect(decide(policyOf(allow({ Condition: { StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-1' } } })), none)).toBe(
        'ALLOW',
      );
      expect(decide(policyOf(allow({ Condition: { Null: { 'aws:SourceVpc': 'true' } } })), none)).toBe('ALLOW');
      expect(decide(policyOf(allow({ Condition: { Null: { 'aws:SourceVpc': 'false' } } })), none)).toBe(
        'IMPLICIT_DENY',
      );
    });

    it('ArnLike on aws:PrincipalArn', () => {
      const p = policyOf(allow({ Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:user/*' } } }));
      const r = (arn: string | undefined) =>
        request({ principal: arn ?? null, keys: arn ? { 'aws:principalarn': arn } : {} });
      expect(decide(p, r('arn:aws:iam::111122223333:user/alice'))).toBe('ALLOW');
      expect(decide(p, r('arn:aws:iam::111122223333:role/x'))).toBe('IMPLICIT_DENY');
      expect(decide(p, r(undefined))).toBe('IMPLICIT_DENY');
    });
  });

  it('compiles a policy once per API ARN and again for another', () => {
    const p = policyOf(allow({ Resource: 'execute-api:/dev/*' }));
    expect(decide(p)).toBe('ALLOW');
    const other = 'arn:aws:execute-api:us-east-1:123456789012:zzz';
    expect(decide(p, request({ apiArn: other }))).toBe('IMPLICIT_DENY');
    expect(decide(p, request({ apiArn: other, methodArn: `${other}/dev/GET/x` }))).toBe('ALLOW');
  });
});

import { describe, expect, it } from 'vitest';
import { readResourcePolicy } from '../../../../src/emulator/rest/resource-policy/document.js';

const read = (doc: unknown) => {
  const problems: string[] = [];
  const policy = readResourcePolicy(doc, 'x-amazon-apigateway-policy', problems);
  return { policy, problems };
};

const statement = (extra: Record<string, unknown>) => ({
  Effect: 'Allow',
  Principal: '*',
  Action: 'execute-api:Invoke',
  Resource: 'execute-api:/*',
  ...extra,
});

// https://docs.aws.amazon.com/apigateway/latest/developerguide/openapi-extensions-policy.html
describe('reading a resource policy document', () => {
  it("reads AWS's x-amazon-apigateway-policy example (Allow all, Deny an IP block)", () => {
    const { policy, problems } = read({
      Version: '2012-10-17',
      Statement: [
        statement({ Resource: ['execute-api:/*'] }),
        statement({
          Effect: 'Deny',
          Resource: ['execute-api:/*'],
          Condition: { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } },
        }),
      ],
    });
    expect(problems).toEqual([]);
    expect(policy!.statements).toHaveLength(2);
    expect(policy!.statements[1]).toMatchObject({
      effect: 'Deny',
      principal: { kind: 'any' },
      resources: ['execute-api:/*'],
      conditions: [{ operator: 'IpAddress', ifExists: false, key: 'aws:SourceIp', values: ['192.0.2.0/24'] }],
    });
  });

  it("takes one statement as well as a list, and a JSON string (the API's `policy` property)", () => {
    expect(read({ Statement: statement({}) }).policy!.statements).toHaveLength(1);
    expect(read(JSON.stringify({ Statement: [statement({})] })).policy!.statements).toHaveLength(1);
  });

  it('reads principals: "*", {"AWS": "*"}, AWS ARNs and accounts, other kinds; NotPrincipal, NotAction, NotResource', () => {
    const { policy } = read({
      Statement: [
        statement({ Principal: { AWS: '*' } }),
        statement({ Principal: { AWS: ['arn:aws:iam::111122223333:root', '444455556666'] } }),
        statement({ Principal: { Service: 'lambda.amazonaws.com' } }),
        {
          Effect: 'Deny',
          NotPrincipal: { AWS: '111122223333' },
          NotAction: 'execute-api:ManageConnections',
          NotResource: 'execute-api:/prod/*',
        },
      ],
    });
    expect(policy!.statements.map((s) => s.principal)).toEqual([
      { kind: 'any' },
      { kind: 'aws', values: ['arn:aws:iam::111122223333:root', '444455556666'] },
      { kind: 'other' },
      { kind: 'aws', values: ['111122223333'] },
    ]);
    expect(policy!.statements[3]).toMatchObject({ notPrincipal: true, notAction: true, notResource: true });
  });

  it('reads IfExists operators and Null', () => {
    const { policy, problems } = read({
      Statement: statement({
        Condition: { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1a2b3c4d' }, Null: { 'aws:SourceVpc': 'true' } },
      }),
    });
    expect(problems).toEqual([]);
    expect(policy!.statements[0]!.conditions.map((c) => [c.operator, c.ifExists])).toEqual([
      ['StringEquals', true],
      ['Null', false],
    ]);
  });

  it('lists every problem: effect, principal, action, resource, unknown operator, bad CIDR', () => {
    const { policy, problems } = read({
      Statement: [
        { Effect: 'Maybe', Principal: '*', Action: 'execute-api:Invoke', Resource: '*' },
        { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' },
        { Effect: 'Allow', Principal: '*', Resource: '*' },
        { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke' },
        statement({ Condition: { DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } } }),
        statement({ Condition: { NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '192.0.2.300'] } } }),
      ],
    });
    expect(policy).toBeNull();
    expect(problems).toEqual([
      'x-amazon-apigateway-policy.Statement[0].Effect must be "Allow" or "Deny" (it is "Maybe")',
      'x-amazon-apigateway-policy.Statement[1] needs a Principal (a resource policy names who it applies to; "*" for everyone)',
      'x-amazon-apigateway-policy.Statement[2].Action must be a string or a list of strings',
      'x-amazon-apigateway-policy.Statement[3].Resource (or NotResource) must be a string or a list of strings',
      expect.stringContaining('Statement[4].Condition.DateGreaterThan: the emulator evaluates StringEquals'),
      'x-amazon-apigateway-policy.Statement[5].Condition.NotIpAddress["aws:SourceIp"]: "192.0.2.300" is not an IPv4 or IPv6 address or CIDR block',
    ]);
  });

  it('refuses what is not a policy document', () => {
    expect(read('not json').problems).toEqual([
      'x-amazon-apigateway-policy is a string that is not a JSON policy document',
    ]);
    expect(read([]).problems[0]).toContain('must be an IAM policy document');
    expect(read({ Statement: [] }).problems[0]).toContain('Statement must be a statement or a non-empty list');
  });
});

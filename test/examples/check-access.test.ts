import { describe, expect, it } from 'vitest';
import { accessProblems, exchangeAccessProblems } from '../../src/examples/check-access.js';
import { loadExample } from '../../src/examples/load-node.js';
import type { ExampleManifest, Exchange } from '../../src/examples/types.js';

const fixture = loadExample('test/fixtures/examples/access-items');
const manifest = fixture.manifest;
const withAccess = (access: unknown) => ({ ...manifest, access }) as ExampleManifest;
const exchange = (extra: Record<string, unknown>) => ({ ...fixture.exchanges[0]!, ...extra }) as unknown as Exchange;

describe('accessProblems', () => {
  it('accepts the fixture and a manifest without access', () => {
    expect(accessProblems(manifest)).toEqual([]);
    expect(accessProblems({ ...manifest, access: undefined } as ExampleManifest)).toEqual([]);
  });

  it.each([
    [{ apiKeys: [{ value: 'short' }] }, /access.apiKeys\[0\]: the value "short" must have 20 to 128 printable characters/],
    [{ apiKeys: [{ value: 'fixture-key-0123456789abcdef', plan: 'gold' }] }, /access.apiKeys\[0\]: no usage plan "gold"/],
    [{ usagePlans: [{ name: 'a' }, { name: 'a' }] }, /usage plan "a" is given twice/],
    [{ usagePlans: [{ name: 'a', quota: { limit: 2, period: 'YEAR' } }] }, /access.usagePlans\[0\].quota: expected/],
    [{ usagePlans: [{ name: 'a', throttle: { rateLimit: 1 } }] }, /access.usagePlans\[0\].throttle: expected/],
    [{ credentials: [{ accessKeyId: 'akia', secretAccessKey: 's' }] }, /access key id "akia" must be 16 to 128/],
    [{ credentials: [{ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 's', arn: 'bob' }] }, /arn must be an ARN/],
    [{ users: [{ user: 'al ice' }] }, /access.users\[0\]: expected \{ user/],
    [{ users: [{ user: 'alice', groups: 'admin' }] }, /access.users\[0\].groups: expected an array of strings/],
    [{ identityPolicies: [{ arn: 'arn:aws:iam::123456789012:user/eve', file: 'eve.json' }] }, /no credential in access.credentials has the arn/],
    [{ identityPolicies: [{ arn: 'arn:aws:iam::123456789012:user/eve' }] }, /access.identityPolicies\[0\]: expected \{ arn, file \}/],
    [{ keys: [] }, /access: unknown field\(s\) keys/],
    [[], /access: expected an object/],
  ])('names the field of a mistake: %j', (access, message) => {
    expect(accessProblems(withAccess(access)).join('; ')).toMatch(message);
  });
});

describe('exchangeAccessProblems', () => {
  it('accepts the fixture\'s exchanges', () => {
    for (const x of fixture.exchanges) expect(exchangeAccessProblems(x, manifest)).toEqual([]);
  });

  it.each([
    [{ auth: { signInAs: 'mallory' } }, /auth.signInAs: no user "mallory"/],
    [{ auth: { signInAs: 'alice', tokenUse: 'refresh' } }, /auth.tokenUse: expected "id" or "access"/],
    [{ auth: { signInAs: 'alice', header: 'Bad Header' } }, /auth.header: "Bad Header" is not a header name/],
    [{ auth: { signWith: 'AKIAUNKNOWN000000000' } }, /auth.signWith: no access key id "AKIAUNKNOWN000000000"/],
    [{ auth: { signInAs: 'alice', signWith: 'AKIAIOSFODNN7EXAMPLE' } }, /auth: expected \{ signInAs/],
    [{ before: [{ method: 'GET', path: '/' }] }, /before\[0\]: expected \{ method, path, headers/],
    [{ authorizer: { type: 'LAMBDA', functionName: 'auth', event: null, result: null, decision: 'allow', cached: false } }, /authorizer.type: expected one of TOKEN/],
    [{ authorizer: { type: 'TOKEN', functionName: 'other', event: null, result: null, decision: 'allow', cached: false } }, /authorizer.functionName: "other" is not among the manifest's functions/],
    [{ authorizer: { type: 'TOKEN', functionName: 'auth', event: null, result: {}, decision: 'yes', cached: 'no' } }, /authorizer.result: expected null or \{ python, typescript \}; authorizer.decision: expected one of allow.*; authorizer.cached: expected true or false/],
  ])('names the field of a mistake: %j', (extra, message) => {
    expect(exchangeAccessProblems(exchange(extra), manifest).join('; ')).toMatch(message);
  });
});

describe('identity policies', () => {
  it("are read by the loader from the example's folder (iam: bob may only GET)", () => {
    const iam = loadExample('examples/iam');
    const [entry] = iam.manifest.access!.identityPolicies!;
    expect(entry).toMatchObject({ arn: 'arn:aws:iam::123456789012:user/bob', file: 'bob-policy.json' });
    expect(entry!.policy).toMatchObject({ Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke' }] });
  });
});

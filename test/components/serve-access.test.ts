import { describe, expect, it } from 'vitest';
import { parseApiKeyFlag, parseUsagePlanFlag } from '../../src/cli/api-keys.js';
import { serveAccessOf, serveSetupOf } from '../../src/components/serve-setup.js';
import { loadExample } from '../../src/examples/load-node.js';
import type { ExampleAccess } from '../../src/examples/types.js';

const ACCESS: ExampleAccess = {
  apiKeys: [{ value: 'fixture-key-0123456789abcdef', plan: 'tiny' }, { value: 'other-key-0123456789abcdef' }],
  usagePlans: [
    { name: 'tiny', throttle: { rateLimit: 10, burstLimit: 5 }, quota: { limit: 2, period: 'DAY' } },
    { name: 'open' },
  ],
  credentials: [
    {
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      arn: 'arn:aws:iam::123456789012:user/bob',
    },
    { accessKeyId: 'AKIAI44QH8DHBEXAMPLE', secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY' },
  ],
  users: [{ user: 'alice' }],
};

describe('serveAccessOf', () => {
  it("renders an example's access as apigw-lab serve's flag values", () => {
    expect(serveAccessOf(ACCESS)).toEqual({
      apiKeys: ['fixture-key-0123456789abcdef=tiny', 'other-key-0123456789abcdef'],
      usagePlans: ['tiny:rate=10,burst=5,quota=2/DAY', 'open'],
      credentials: [
        'AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY:arn:aws:iam::123456789012:user/bob',
        'AKIAI44QH8DHBEXAMPLE:je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
      ],
    });
  });

  it('the CLI reads the keys and plans back as the example has them', () => {
    const flags = serveAccessOf(ACCESS);
    expect(flags.apiKeys.map((v) => parseApiKeyFlag('--api-key', v))).toEqual(ACCESS.apiKeys);
    expect(flags.usagePlans.map((v) => parseUsagePlanFlag('--usage-plan', v))).toEqual(ACCESS.usagePlans);
  });

  it("is in the serve setup of an example with access, and not in others'", () => {
    const apiKey = loadExample('examples/api-key');
    const setup = serveSetupOf('api-key', [{ apiType: 'REST', stage: apiKey.manifest.stage }]);
    expect(setup.access).toEqual(serveAccessOf(apiKey.manifest.access!));
    expect(serveSetupOf('items', [{ apiType: 'REST', stage: 'dev' }]).access).toBeUndefined();
  });
});

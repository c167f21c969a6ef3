import { describe, expect, it } from 'vitest';
import { HttpApiGateway, RestGateway, type LambdaInvoker } from '../../src/emulator/index.js';
import { acceptsApiKeys, DEFAULT_PLAN, putApiKeysAndPlans } from '../../src/runtime/api-key-setup.js';

const invoke: LambdaInvoker = async () => ({ kind: 'result', payload: { statusCode: 200, body: '' }, logs: [] });
const STAGES = [{ apiId: 'abc1234567', stage: 'dev' }];

describe('putApiKeysAndPlans', () => {
  it('creates each plan over the stages and each key, enabled, in its plan; a key without a plan joins the default plan', () => {
    const gateway = new RestGateway({ invoke });
    putApiKeysAndPlans(
      gateway,
      STAGES,
      [{ value: 'key-one-0123456789abcdef', plan: 'tiny' }, { value: 'key-two-0123456789abcdef' }],
      [{ name: 'tiny', quota: { limit: 2, period: 'DAY' } }],
    );
    const range = { startDate: '2026-01-01', endDate: '2026-01-01' };
    // One key in each plan, the tiny plan's with its quota of 2 left, the default plan's without a quota.
    expect(Object.values(gateway.getUsage('tiny', range).items)).toEqual([[[0, 2]]]);
    expect(Object.values(gateway.getUsage(DEFAULT_PLAN, range).items)).toEqual([[[0, 0]]]);
    expect(() => gateway.getUsage('gold', range)).toThrow(/no usage plan "gold"/);
  });

  it('does nothing without keys or plans, on any API type', () => {
    const http = new HttpApiGateway({ invoke });
    expect(() => putApiKeysAndPlans(http, STAGES, [], [])).not.toThrow();
  });

  it('refuses keys on an HTTP API and a key whose plan is not given', () => {
    const http = new HttpApiGateway({ invoke });
    expect(acceptsApiKeys(http)).toBe(false);
    expect(() => putApiKeysAndPlans(http, STAGES, [{ value: 'key-one-0123456789abcdef' }], [])).toThrow(
      /REST API feature/,
    );
    expect(() =>
      putApiKeysAndPlans(
        new RestGateway({ invoke }),
        STAGES,
        [{ value: 'key-one-0123456789abcdef', plan: 'gold' }],
        [],
      ),
    ).toThrow(/usage plan "gold", which is not among the usage plans/);
  });
});

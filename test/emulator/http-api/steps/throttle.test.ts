import { describe, expect, it } from 'vitest';
import { throttle } from '../../../../src/emulator/http-api/steps/throttle.js';
import { advanceTo, contextFor, servicesFor } from './context-helper.js';

describe('throttle (empty slot until the traffic-management issue)', () => {
  it('lets every request through synchronously, however many arrive, leaving the context as it was', async () => {
    const services = servicesFor();
    for (let i = 0; i < 50; i++) {
      const context = contextFor(services, '/items');
      await advanceTo(context, throttle);
      const before = { ...context, trace: { ...context.trace } };
      expect(throttle(context)).toBeUndefined();
      expect({ ...context, trace: { ...context.trace } }).toEqual(before);
    }
  });
});

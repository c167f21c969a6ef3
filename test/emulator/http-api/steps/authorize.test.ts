import { describe, expect, it } from 'vitest';
import { authorize } from '../../../../src/emulator/http-api/steps/authorize.js';
import { advanceTo, contextFor, servicesFor } from './context-helper.js';

describe('authorize: a route without an authorizer', () => {
  it('lets every routed request through synchronously, leaving the context as it was', async () => {
    const context = contextFor(servicesFor(), '/items/7');
    await advanceTo(context, authorize);
    const before = { ...context, trace: { ...context.trace } };
    expect(authorize(context)).toBeUndefined();
    expect({ ...context, trace: { ...context.trace } }).toEqual(before);
    expect(context.result).toBeUndefined();
  });
});

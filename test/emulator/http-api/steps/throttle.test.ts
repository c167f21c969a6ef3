import { describe, expect, it } from 'vitest';
import { HTTP_API_RESPONSES } from '../../../../src/emulator/http-api/responses.js';
import { throttle } from '../../../../src/emulator/http-api/steps/throttle.js';
import { parseRouteSettings } from '../../../../src/emulator/http-api/throttling/route-settings.js';
import { advanceTo, contextFor, servicesFor, stopOf } from './context-helper.js';

// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
describe('throttle: the route bucket, then the account bucket; an empty one stops the request with a 429', () => {
  it('lets every request through synchronously on a stage without throttling, leaving the context as it was', async () => {
    const services = servicesFor();
    for (let i = 0; i < 50; i++) {
      const context = contextFor(services, '/items');
      await advanceTo(context, throttle);
      const before = { ...context, trace: { ...context.trace } };
      expect(throttle(context)).toBeUndefined();
      expect({ ...context, trace: { ...context.trace } }).toEqual(before);
    }
  });

  it("takes from the selected route's bucket (keyed by its route key), and stops with THROTTLED when it is empty", async () => {
    const services = servicesFor({ routeKeys: ['GET /items', 'GET /items/{id}'] });
    services.throttles.putParsed(
      '$default',
      parseRouteSettings(undefined, { 'GET /items/{id}': { throttlingBurstLimit: 1 } }),
    );
    const first = contextFor(services, '/items/1');
    await advanceTo(first, throttle);
    expect(throttle(first)).toBeUndefined();
    const second = contextFor(services, '/items/2');
    await advanceTo(second, throttle);
    const stop = stopOf(() => throttle(second));
    expect(stop.response).toBe(HTTP_API_RESPONSES.THROTTLED);
    expect(stop.detail).toBe("the stage's throttle for route GET /items/{id} is exhausted");
    const other = contextFor(services, '/items');
    await advanceTo(other, throttle);
    expect(throttle(other)).toBeUndefined();
  });

  it("names the account's bucket when it is the one that is empty", async () => {
    const services = servicesFor();
    services.throttles.setAccountLimits({ rateLimit: 0, burstLimit: 0 });
    const context = contextFor(services, '/items');
    await advanceTo(context, throttle);
    expect(stopOf(() => throttle(context)).detail).toBe("the account's throttle is exhausted");
  });
});

import { describe, expect, it } from 'vitest';
import {
  PASCAL_CASE,
  parseRouteSettings,
  routeLimitsFor,
} from '../../../../src/emulator/http-api/throttling/route-settings.js';

// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
// https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages-stagename.html (RouteSettings)
describe('parseRouteSettings: an HTTP API stage default route settings and per-route settings', () => {
  it('no settings, or settings without throttling, throttle nothing', () => {
    expect(parseRouteSettings(undefined, undefined)).toBeNull();
    expect(parseRouteSettings({ detailedMetricsEnabled: true }, { 'GET /items': { loggingLevel: 'OFF' } })).toBeNull();
  });

  it('a route setting overrides the default; other routes get the default', () => {
    const settings = parseRouteSettings(
      { throttlingBurstLimit: 10, throttlingRateLimit: 5 },
      { 'GET /items': { throttlingBurstLimit: 2, throttlingRateLimit: 1 }, $default: { throttlingRateLimit: 0.5 } },
    )!;
    expect(routeLimitsFor(settings, 'GET /items')).toEqual({ burstLimit: 2, rateLimit: 1 });
    expect(routeLimitsFor(settings, '$default')).toEqual({ burstLimit: 10, rateLimit: 0.5 });
    expect(routeLimitsFor(settings, 'POST /items')).toEqual({ burstLimit: 10, rateLimit: 5 });
  });

  it('reads the PascalCase aws apigatewayv2 get-stage prints, and names its fields in errors', () => {
    const settings = parseRouteSettings(
      { ThrottlingBurstLimit: 3, ThrottlingRateLimit: 1, DetailedMetricsEnabled: false },
      { 'ANY /{proxy+}': { ThrottlingBurstLimit: 1 } },
      PASCAL_CASE,
    )!;
    expect(routeLimitsFor(settings, 'ANY /{proxy+}')).toEqual({ burstLimit: 1, rateLimit: 1 });
    expect(() => parseRouteSettings(undefined, { 'GET /x': { ThrottlingRateLimit: '1' } }, PASCAL_CASE)).toThrow(
      'RouteSettings["GET /x"].ThrottlingRateLimit: expected a number (got "1")',
    );
    expect(() => parseRouteSettings({ throttlingRateLimit: 1 }, undefined, PASCAL_CASE)).toThrow(
      'DefaultRouteSettings: unknown field "throttlingRateLimit" (RouteSettings has ThrottlingBurstLimit, ThrottlingRateLimit, DetailedMetricsEnabled, DataTraceEnabled, LoggingLevel)',
    );
  });

  it('refuses keys that are no route key, and a RouteSettings that is no object', () => {
    expect(() => parseRouteSettings(undefined, { 'get /items': {} })).toThrow(
      'routeSettings["get /items"]: expected a route key',
    );
    expect(() => parseRouteSettings(undefined, [])).toThrow('routeSettings: expected an object keyed by route key');
  });
});

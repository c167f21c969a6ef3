import { describe, expect, it } from 'vitest';
import {
  limitsFor,
  parseMethodSettings,
  parseSettingKey,
  unescapeSettingPath,
} from '../../../../src/emulator/rest/throttling/method-settings.js';

/**
 * Stage methodSettings as `aws apigateway get-stage` prints them, reduced to throttling.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_Stage.html
 */
describe('methodSettings keys (https://docs.aws.amazon.com/apigateway/latest/api/API_Stage.html)', () => {
  it('decodes ~1 as / and ~0 as ~ in the resource path', () => {
    expect(unescapeSettingPath('~1pets~1{petId}')).toBe('/pets/{petId}');
    expect(unescapeSettingPath('~1a~0b')).toBe('/a~b');
    expect(parseSettingKey('~1pets~1{petId}/GET')).toEqual({ resourcePath: '/pets/{petId}', httpMethod: 'GET' });
    expect(parseSettingKey('~1/POST')).toEqual({ resourcePath: '/', httpMethod: 'POST' });
  });

  it('refuses a key of another shape, naming it', () => {
    expect(() => parseSettingKey('pets')).toThrow('methodSettings key "pets"');
    expect(() => parseSettingKey('~1pets/get')).toThrow('"~1pets/get"');
    expect(() => parseSettingKey('pets/GET')).toThrow('"pets/GET"');
  });
});

describe('throttling settings resolution (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html)', () => {
  const settings = parseMethodSettings({
    '*/*': { throttlingRateLimit: 100, throttlingBurstLimit: 50, metricsEnabled: false },
    '~1pets~1{petId}/GET': { throttlingRateLimit: 2, throttlingBurstLimit: 1 },
    '~1pets/POST': { throttlingBurstLimit: 5 },
  })!;

  it("a method's own setting overrides */*", () => {
    expect(limitsFor(settings, '/pets/{petId}', 'GET')).toEqual({ rateLimit: 2, burstLimit: 1 });
  });

  it('a method without its own setting takes */*', () => {
    expect(limitsFor(settings, '/pets', 'GET')).toEqual({ rateLimit: 100, burstLimit: 50 });
    expect(limitsFor(settings, '/pets/{petId}', 'DELETE')).toEqual({ rateLimit: 100, burstLimit: 50 });
  });

  it('a setting with one limit takes the other from */*', () => {
    expect(limitsFor(settings, '/pets', 'POST')).toEqual({ rateLimit: 100, burstLimit: 5 });
  });

  it('no settings, or settings without throttling, throttle nothing', () => {
    expect(parseMethodSettings(undefined)).toBeNull();
    expect(parseMethodSettings({})).toBeNull();
    expect(parseMethodSettings({ '*/*': { metricsEnabled: true } })).toBeNull();
    const onlyOne = parseMethodSettings({ '~1pets/GET': { throttlingRateLimit: 1, throttlingBurstLimit: 1 } })!;
    expect(limitsFor(onlyOne, '/pets', 'POST')).toBeNull();
  });

  it('a negative limit (-1) means no limit', () => {
    const s = parseMethodSettings({ '*/*': { throttlingRateLimit: -1, throttlingBurstLimit: 3 } })!;
    expect(limitsFor(s, '/x', 'GET')).toEqual({ rateLimit: Number.POSITIVE_INFINITY, burstLimit: 3 });
  });

  it('a bad value gets an error naming the key and field', () => {
    expect(() => parseMethodSettings({ '*/*': { throttlingRateLimit: '10' } })).toThrow(
      'methodSettings["*/*"].throttlingRateLimit: expected a number (got "10")',
    );
    expect(() => parseMethodSettings({ '~1a/GET': 5 })).toThrow('methodSettings["~1a/GET"]: expected an object');
    expect(() => parseMethodSettings([])).toThrow('methodSettings: expected an object');
  });
});

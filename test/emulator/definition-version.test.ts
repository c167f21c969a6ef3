import { describe, expect, it } from 'vitest';
import { definitionVersion } from '../../src/emulator/index.js';

// ImportRestApi keeps `info.version` as the API's version, and get-export writes it back:
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-export-api.html
describe('definitionVersion: the definition info.version that exportApi writes back', () => {
  it('keeps a string as it is', () =>
    expect(definitionVersion({ info: { version: '2026-12-04' } })).toBe('2026-12-04'));
  it('writes a YAML number as a string', () => expect(definitionVersion({ info: { version: 2 } })).toBe('2'));
  it('is undefined without info, without a version, or for other values', () => {
    expect(definitionVersion({})).toBeUndefined();
    expect(definitionVersion(null)).toBeUndefined();
    expect(definitionVersion({ info: { title: 'x' } })).toBeUndefined();
    expect(definitionVersion({ info: { version: true } })).toBeUndefined();
  });
});

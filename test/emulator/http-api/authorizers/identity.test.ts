import { describe, expect, it } from 'vitest';
import { identityValue } from '../../../../src/emulator/http-api/authorizers/identity.js';

describe('identityValue', () => {
  it('reads a header case-insensitively (the last value) and a query string parameter (decoded)', () => {
    expect(identityValue('$request.header.Authorization', [['AUTHORIZATION', 'Bearer x']], '')).toBe('Bearer x');
    expect(identityValue('$request.header.authorization', [['x', '1']], '')).toBeUndefined();
    expect(identityValue('$request.querystring.token', [], 'a=1&token=t%2By')).toBe('t+y');
    expect(identityValue('$request.querystring.token', [], 'a=1')).toBeUndefined();
  });
});

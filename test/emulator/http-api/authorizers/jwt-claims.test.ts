import { describe, expect, it } from 'vitest';
import { stringifyClaims, tokenScopes } from '../../../../src/emulator/http-api/authorizers/jwt-claims.js';

describe('JWT claims as HTTP APIs pass them', () => {
  it('writes every value as a string: numbers and booleans as text, lists as [a b], objects as JSON', () => {
    expect(
      stringifyClaims({
        sub: 'a',
        exp: 1583352238,
        email_verified: true,
        'cognito:groups': ['admin', 'users'],
        o: { k: 1 },
      }),
    ).toEqual({ sub: 'a', exp: '1583352238', email_verified: 'true', 'cognito:groups': '[admin users]', o: '{"k":1}' });
  });

  it('reads scopes from scope (space-separated) or scp (list or string); null when none', () => {
    expect(tokenScopes({ scope: 'a  b' })).toEqual(['a', 'b']);
    expect(tokenScopes({ scp: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(tokenScopes({ scp: 'c' })).toEqual(['c']);
    expect(tokenScopes({ scope: '' })).toBeNull();
    expect(tokenScopes({})).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { JwksStore } from '../../../../src/emulator/http-api/authorizers/jwks-store.js';

describe('JwksStore', () => {
  it('keeps one JWKS per issuer, the later replacing the earlier', () => {
    const store = new JwksStore();
    const a = { keys: [{ kty: 'RSA', kid: 'a' }] };
    const b = { keys: [{ kty: 'RSA', kid: 'b' }] };
    store.put('https://i', a);
    store.put('https://i', b);
    expect(store.get('https://i')).toBe(b);
    expect(store.get('https://other')).toBeUndefined();
  });

  it.each([[{}], [{ keys: [] }], [{ keys: [{ kid: 'no kty' }] }], [null]])('refuses %j', (doc) => {
    expect(() => new JwksStore().put('https://i', doc as never)).toThrow(/not a JSON Web Key Set/);
  });
});

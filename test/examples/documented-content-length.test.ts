/** Every example's documented responses: the Content-Length each documents is the byte length of its body (none on a 204). */
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadExample } from '../../src/examples/load-node.js';

const NAMES = readdirSync('examples').filter((name) => existsSync(`examples/${name}/example.json`));

describe.each(NAMES)('examples/%s', (name) => {
  it('documents a Content-Length equal to the byte length of each documented body', () => {
    for (const exchange of loadExample(`examples/${name}`).exchanges) {
      for (const [language, response] of Object.entries(exchange.response)) {
        const length = response.headers.find(([n]) => n === 'Content-Length')?.[1];
        // A 204 has no Content-Length ("A server MUST NOT send a Content-Length header field in any response with a
        // status code of 1xx or 204", RFC 9110 §8.6), nor a body.
        if (response.status === 204) {
          expect(length, `${exchange.id} ${language}`).toBeUndefined();
          expect(response.body).toBe('');
          continue;
        }
        expect(Number(length), `${exchange.id} ${language}`).toBe(new TextEncoder().encode(response.body).length);
      }
    }
  });
});

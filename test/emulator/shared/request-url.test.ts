import { describe, expect, it } from 'vitest';
import { splitUrl } from '../../../src/emulator/shared/request-url.js';

const URLS = [
  'http://127.0.0.1:3000/dev/items',
  'https://abc.execute-api.us-east-1.amazonaws.com/dev/items?a=1&b',
  'http://h/dev?',
  'http://[::1]:8080/x',
  'http://[::1]/x?y',
  'https://h:8443/',
  'http://h/a%20b?c=%zz',
  'file:///tmp/x',
  'http://u:p@h:1/x',
  'http://h/x#frag',
];

describe('splitUrl', () => {
  it('matches URL for serialised URLs', () => {
    for (const href of URLS) {
      const url = new URL(href);
      expect(splitUrl(href), href).toEqual({
        scheme: url.protocol.replace(':', ''),
        host: url.host,
        port: url.port,
        pathname: url.pathname,
        query: url.search.slice(1),
      });
    }
  });
});

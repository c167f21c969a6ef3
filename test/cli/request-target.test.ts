import { describe, expect, it } from 'vitest';
import { plainRequestUrl } from '../../src/node/request-target.js';

const HOSTS = [
  '127.0.0.1:3000',
  'localhost',
  'Example.COM',
  'example.com:80',
  'a/b',
  'u@h',
  '[::1]:3000',
  '127.1',
  'xn--bcher-kva.example',
  'bücher.example',
  '',
];
const TARGETS = [
  '/dev/items',
  '/dev/items?a=1&a=2',
  '/dev/items?',
  '/dev/a/../b',
  '/dev/./x',
  '/dev/%2e%2E/x',
  '/dev/.well-known',
  "/dev/it'em?q='x'",
  '/dev/a b',
  '/dev/a"b',
  '/dev/{x}',
  '/dev/a\\b',
  '/dev/é',
  '/dev/items#frag',
  '//dev/items',
  '/dev/%zz?%zz',
  '/dev/items?a=`b`&c=<d>',
  '*',
  'http://other/dev/items',
];

describe('plainRequestUrl', () => {
  it('gives exactly what new Request(...).url gives, or null', () => {
    for (const host of HOSTS) {
      for (const target of TARGETS) {
        const fast = plainRequestUrl(host, target);
        if (fast === null) continue;
        expect(fast, `${host} ${target}`).toBe(new Request(`http://${host}${target}`).url);
      }
    }
  });
  it('takes the common case', () => {
    expect(plainRequestUrl('127.0.0.1:3000', '/dev/items?a=1')).toBe('http://127.0.0.1:3000/dev/items?a=1');
  });
});

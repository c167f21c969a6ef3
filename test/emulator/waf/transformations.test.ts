import { describe, expect, it } from 'vitest';
import { applyTransformations } from '../../../src/emulator/waf/transformations.js';

const T = (...types: string[]) => types.map((Type, Priority) => ({ Type, Priority }));

describe('text transformations (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-transformation.html)', () => {
  it('NONE leaves the value as is', () => {
    expect(applyTransformations('A%20b', T('NONE'))).toBe('A%20b');
  });

  it('LOWERCASE', () => {
    expect(applyTransformations('SeLeCt', T('LOWERCASE'))).toBe('select');
  });

  it('URL_DECODE decodes %XX (UTF-8) and +, and keeps a malformed %', () => {
    expect(applyTransformations('%3Cscript%3E+x%C3%A9%zz', T('URL_DECODE'))).toBe('<script> xé%zz');
    expect(applyTransformations('%3Cscript%3E+x%C3%A9%2B', T('URL_DECODE'))).toBe('<script> xé+');
    expect(applyTransformations('%C3+%41', T('URL_DECODE'))).toBe('\uFFFD A');
    expect(applyTransformations('%', T('URL_DECODE'))).toBe('%');
    expect(applyTransformations('a%4', T('URL_DECODE'))).toBe('a%4');
    expect(applyTransformations('plain text', T('URL_DECODE'))).toBe('plain text');
  });

  it('URL_DECODE keeps a character outside the BMP whole between escapes', () => {
    expect(applyTransformations('%20\u{1F600}+\u{1F600}x', T('URL_DECODE'))).toBe(' \u{1F600} \u{1F600}x');
  });

  it('HTML_ENTITY_DECODE decodes hex, decimal and named entities', () => {
    expect(applyTransformations('&#x3c;a&#62;&quot;&amp;&lt;&nbsp;&unknown;', T('HTML_ENTITY_DECODE'))).toBe(
      '<a>"&<\u00a0&unknown;',
    );
  });

  it('COMPRESS_WHITE_SPACE turns whitespace runs into one space', () => {
    expect(applyTransformations('a \t\n\r\f\vb  c', T('COMPRESS_WHITE_SPACE'))).toBe('a b c');
  });

  it('CMD_LINE deletes \\ " \' ^, spaces before / and (, turns , ; into spaces, lowercases', () => {
    expect(applyTransformations('C^at "/ET"C /pass\\wd;LS', T('CMD_LINE'))).toBe('cat/etc/passwd ls');
  });

  it('applies transformations from the lowest Priority to the highest, whatever their order in the list', () => {
    // URL_DECODE then HTML_ENTITY_DECODE: %26lt%3B -> &lt; -> <
    const ordered = [
      { Type: 'HTML_ENTITY_DECODE', Priority: 5 },
      { Type: 'URL_DECODE', Priority: 1 },
    ];
    expect(applyTransformations('%26lt%3B', ordered)).toBe('<');
    // The reverse order leaves the entity encoded.
    expect(
      applyTransformations('%26lt%3B', [
        { Type: 'HTML_ENTITY_DECODE', Priority: 1 },
        { Type: 'URL_DECODE', Priority: 5 },
      ]),
    ).toBe('&lt;');
  });

  it('an unsupported type is an error naming it', () => {
    expect(() => applyTransformations('x', T('MD5'))).toThrow(/unsupported TextTransformation Type "MD5"/);
  });
});

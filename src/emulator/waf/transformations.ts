/**
 * AWS WAF text transformations, applied in ascending Priority before a statement inspects a request component.
 * https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-transformation.html
 * https://docs.aws.amazon.com/waf/latest/APIReference/API_TextTransformation.html
 */

export interface TextTransformation {
  Priority: number;
  Type: string;
}

/** Named HTML entities decoded by HTML_ENTITY_DECODE (the common ones; numeric forms are decoded in full). */
const NAMED_ENTITIES: Record<string, string> = {
  quot: '"',
  amp: '&',
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
  apos: "'",
};

const ENCODER = new TextEncoder();
const DECODER = new TextDecoder();

/** True for the char code of 0-9, A-F or a-f. */
const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/**
 * URL_DECODE: %XX sequences and `+` as space; a malformed `%` is kept as is (AWS decodes leniently). The text between
 * escapes is encoded run by run (a character outside the BMP stays whole).
 */
function urlDecode(s: string): string {
  if (s.indexOf('%') < 0) return s.indexOf('+') < 0 ? s : s.replace(/\+/g, ' ');
  try {
    // The common case, natively: well-formed escapes of UTF-8.
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return lenientUrlDecode(s);
  }
}

/** URL_DECODE of a value with a malformed `%` or escapes that are not UTF-8 (decoded as U+FFFD). */
function lenientUrlDecode(s: string): string {
  const bytes: number[] = [];
  let plain = 0;
  const flush = (end: number) => {
    if (end > plain) for (const b of ENCODER.encode(s.slice(plain, end))) bytes.push(b);
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 37 /* % */ && isHex(s.charCodeAt(i + 1)) && isHex(s.charCodeAt(i + 2))) {
      flush(i);
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
      plain = i + 1;
    } else if (c === 43 /* + */) {
      flush(i);
      bytes.push(0x20);
      plain = i + 1;
    }
  }
  flush(s.length);
  return DECODER.decode(new Uint8Array(bytes));
}

/** HTML_ENTITY_DECODE: `&#xhh;`, `&#nnn;`, `&quot;`, `&nbsp;`, `&lt;`, `&gt;` and friends (the `;` optional for numeric). */
function htmlEntityDecode(s: string): string {
  return s.replace(/&(?:#[xX]([0-9a-fA-F]+);?|#([0-9]+);?|([a-zA-Z]+);)/g, (whole, hex, dec, name) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(parseInt(dec, 10));
    return NAMED_ENTITIES[(name as string).toLowerCase()] ?? whole;
  });
}

/** COMPRESS_WHITE_SPACE: tab, newline, CR, form feed, vertical tab and non-breaking space become a space; runs of spaces become one. */
function compressWhiteSpace(s: string): string {
  return s.replace(/[\t\n\r\f\v\u00a0 ]+/g, ' ');
}

/** CMD_LINE: delete \ " ' ^, delete spaces before / and (, replace , and ; with a space, compress spaces, lowercase. */
function cmdLine(s: string): string {
  return s
    .replace(/[\\"'^]/g, '')
    .replace(/ +(?=[/(])/g, '')
    .replace(/[,;]/g, ' ')
    .replace(/ +/g, ' ')
    .toLowerCase();
}

const TRANSFORMS: Record<string, (s: string) => string> = {
  NONE: (s) => s,
  LOWERCASE: (s) => s.toLowerCase(),
  UPPERCASE: (s) => s.toUpperCase(),
  URL_DECODE: urlDecode,
  HTML_ENTITY_DECODE: htmlEntityDecode,
  COMPRESS_WHITE_SPACE: compressWhiteSpace,
  CMD_LINE: cmdLine,
  REMOVE_NULLS: (s) => s.replace(/\u0000/g, ''),
  TRIM: (s) => s.trim(),
  BASE64_DECODE: (s) => {
    try {
      return new TextDecoder().decode(Uint8Array.from(atob(s), (c) => c.charCodeAt(0)));
    } catch {
      return s;
    }
  },
};

/** The transformation types this emulator implements (a subset of the ones AWS lists). */
export const SUPPORTED_TRANSFORMATIONS: readonly string[] = Object.keys(TRANSFORMS);

/** Applies the transformations from the lowest Priority to the highest. */
export function applyTransformations(value: string, transformations: readonly TextTransformation[]): string {
  const ordered = [...transformations].sort((a, b) => a.Priority - b.Priority);
  let out = value;
  for (const t of ordered) {
    const fn = TRANSFORMS[t.Type];
    if (!fn) throw new Error(`unsupported TextTransformation Type ${JSON.stringify(t.Type)}`);
    out = fn(out);
  }
  return out;
}

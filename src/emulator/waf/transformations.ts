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

/** URL_DECODE: %XX sequences and `+` as space; a malformed `%` is kept as is (AWS decodes leniently). */
function urlDecode(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '%' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === '+') {
      bytes.push(0x20);
    } else {
      for (const b of new TextEncoder().encode(c)) bytes.push(b);
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
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

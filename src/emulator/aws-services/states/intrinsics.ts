/**
 * The intrinsic functions the lab runs: `States.Format`, `States.StringToJson`, `States.JsonToString`
 * (https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html). Arguments: string literals in
 * single quotes (`\'`, `\{`, `\}`, `\\` escapes), numbers, `true`/`false`/`null`, paths (`$.a`, `$$.Execution.Id`) and
 * nested intrinsics. Others are a States.Runtime error naming them.
 */
import { runtimeError } from './errors.js';

type Arg =
  { kind: 'value'; value: unknown } | { kind: 'path'; path: string } | { kind: 'call'; name: string; args: Arg[] };

/** True when a `….$` field's value is an intrinsic function call. */
export function isIntrinsic(text: string): boolean {
  return /^States\.[A-Za-z]+\(/.test(text.trim());
}

/** Evaluates an intrinsic call; `read` resolves a path argument. */
export function evaluateIntrinsic(text: string, read: (path: string) => unknown): unknown {
  const parser = new Parser(text.trim());
  const call = parser.call();
  parser.skipSpace();
  if (!parser.done()) throw runtimeError(`The intrinsic function '${text}' has unexpected text at ${parser.pos}`);
  return run(call, read, text);
}

function run(arg: Arg, read: (path: string) => unknown, text: string): unknown {
  if (arg.kind === 'value') return arg.value;
  if (arg.kind === 'path') return read(arg.path);
  const values = arg.args.map((a) => run(a, read, text));
  switch (arg.name) {
    case 'States.Format':
      return format(values, text);
    case 'States.StringToJson': {
      if (values.length !== 1 || typeof values[0] !== 'string')
        throw runtimeError(`The function States.StringToJson takes one string argument: '${text}'`);
      try {
        return JSON.parse(values[0]);
      } catch {
        throw runtimeError(`The function States.StringToJson could not parse '${values[0]}' as JSON`);
      }
    }
    case 'States.JsonToString':
      if (values.length !== 1) throw runtimeError(`The function States.JsonToString takes one argument: '${text}'`);
      return JSON.stringify(values[0]);
    default:
      throw runtimeError(
        `The intrinsic function ${arg.name} is not supported by the lab (States.Format, States.StringToJson, States.JsonToString are)`,
      );
  }
}

function format(values: unknown[], text: string): string {
  const [template, ...rest] = values;
  if (typeof template !== 'string')
    throw runtimeError(`The function States.Format needs a string template first: '${text}'`);
  let out = '';
  let next = 0;
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]!;
    if (ch === '\\' && i + 1 < template.length) {
      out += template[++i];
    } else if (ch === '{' && template[i + 1] === '}') {
      if (next >= rest.length) throw runtimeError(`The function States.Format has more {} than arguments: '${text}'`);
      const value = rest[next++];
      if (typeof value === 'object' && value !== null)
        throw runtimeError(
          `The function States.Format takes only strings, numbers, booleans and null as arguments: '${text}'`,
        );
      out += value === null ? 'null' : String(value);
      i++;
    } else out += ch;
  }
  if (next !== rest.length) throw runtimeError(`The function States.Format has more arguments than {}: '${text}'`);
  return out;
}

class Parser {
  pos = 0;
  constructor(readonly text: string) {}
  done(): boolean {
    return this.pos >= this.text.length;
  }
  skipSpace(): void {
    while (/\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }
  fail(why: string): never {
    throw runtimeError(`The intrinsic function '${this.text}' cannot be read: ${why} at ${this.pos}`);
  }
  call(): Arg {
    const match = /^States\.[A-Za-z]+/.exec(this.text.slice(this.pos));
    if (!match) this.fail('expected States.Name(');
    this.pos += match[0].length;
    if (this.text[this.pos] !== '(') this.fail('expected (');
    this.pos++;
    const args: Arg[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ')') {
      this.pos++;
      return { kind: 'call', name: match[0], args };
    }
    for (;;) {
      this.skipSpace();
      args.push(this.arg());
      this.skipSpace();
      const ch = this.text[this.pos];
      this.pos++;
      if (ch === ')') return { kind: 'call', name: match[0], args };
      if (ch !== ',') this.fail('expected , or )');
    }
  }
  arg(): Arg {
    const rest = this.text.slice(this.pos);
    if (rest.startsWith("'")) return { kind: 'value', value: this.string() };
    if (rest.startsWith('States.')) return this.call();
    if (rest.startsWith('$')) {
      let depth = 0;
      let end = this.pos;
      while (end < this.text.length) {
        const ch = this.text[end]!;
        if (ch === '[') depth++;
        else if (ch === ']') depth--;
        else if (depth === 0 && (ch === ',' || ch === ')' || /\s/.test(ch))) break;
        end++;
      }
      const path = this.text.slice(this.pos, end);
      this.pos = end;
      return { kind: 'path', path };
    }
    const literal = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)/.exec(rest);
    if (!literal) this.fail('expected an argument');
    this.pos += literal[0].length;
    return { kind: 'value', value: JSON.parse(literal[0]) };
  }
  string(): string {
    this.pos++;
    let out = '';
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos]!;
      if (ch === '\\') {
        const next = this.text[this.pos + 1] ?? '';
        // Keep \{ and \} escaped for States.Format; unescape \' and \\.
        out += next === "'" || next === '\\' ? next : `\\${next}`;
        this.pos += 2;
      } else if (ch === "'") {
        this.pos++;
        return out;
      } else {
        out += ch;
        this.pos++;
      }
    }
    this.fail('unterminated string');
  }
}

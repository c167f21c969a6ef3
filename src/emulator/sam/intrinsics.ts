import { TemplateError } from './errors.js';

/** What `Ref: AWS::NoValue` evaluates to: the property (or list element) holding it is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** Where intrinsic functions look names up. Pure: a file is read through `readFile` (AWS::Include). */
export interface IntrinsicContext {
  /** Parameters (after Default and overrides) and pseudo parameters, by name. */
  parameters: Record<string, string | string[]>;
  /** The template's `Mappings`. */
  mappings: Record<string, unknown>;
  /** A condition's value, by name (throws for an unknown one). */
  condition(name: string, where: string): boolean;
  /** `Ref` of a resource: its physical id (undefined → no such resource). */
  refOf(logicalId: string): string | undefined;
  /** `Fn::GetAtt` of a resource (undefined → no such resource). */
  getAtt(logicalId: string, attribute: string, where: string): unknown;
  /** AWS::Include's `Location`, a path relative to the template's folder → the file's parsed content. */
  include?(location: string, where: string): unknown;
  /** Region, for Fn::GetAZs. */
  region: string;
}

type Json = unknown;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The one intrinsic function key of a single-key object (`Ref`, `Condition`, `Fn::*`), or undefined. */
function functionKey(value: Record<string, unknown>): string | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = keys[0]!;
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

/**
 * Evaluates every intrinsic function in `value` (deeply). `where` names the resource and property for errors
 * (`Resources.MyApi.Properties.StageName`). `Condition: X` as a value is a condition function only inside the
 * condition functions (`Fn::If`, `Fn::And`…), as CloudFormation reads it.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
export function evaluate(value: Json, ctx: IntrinsicContext, where: string): Json {
  if (Array.isArray(value)) {
    return value.map((v, i) => evaluate(v, ctx, `${where}[${i}]`)).filter((v) => v !== NO_VALUE);
  }
  if (!isObject(value)) return value;
  const fn = functionKey(value);
  if (fn) return evaluateFunction(fn, value[fn], ctx, `${where}.${fn}`);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const evaluated = evaluate(v, ctx, `${where}.${key}`);
    if (evaluated !== NO_VALUE) out[key] = evaluated;
  }
  return out;
}

/** A condition expression (`Fn::Equals`, `Fn::And`, `Condition: Name`, …) → its truth. */
export function evaluateCondition(expr: Json, ctx: IntrinsicContext, where: string): boolean {
  if (isObject(expr) && typeof expr.Condition === 'string' && Object.keys(expr).length === 1)
    return ctx.condition(expr.Condition, where);
  const value = evaluate(expr, ctx, where);
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new TemplateError(`${where}: a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition`);
}

function args(raw: Json, n: number, name: string, where: string): Json[] {
  if (!Array.isArray(raw) || raw.length < n)
    throw new TemplateError(`${where}: ${name} takes a list of ${n} arguments`);
  return raw;
}

const asString = (v: Json, where: string): string => {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new TemplateError(`${where}: expected a string, got ${Array.isArray(v) ? 'a list' : typeof v}`);
};

function evaluateFunction(fn: string, raw: Json, ctx: IntrinsicContext, where: string): Json {
  switch (fn) {
    case 'Ref':
      return ref(asString(raw, where), ctx, where);
    case 'Fn::Sub':
      return sub(raw, ctx, where);
    case 'Fn::GetAtt': {
      const parts = typeof raw === 'string' ? splitFirstDot(raw) : (raw as Json[]);
      if (!Array.isArray(parts) || parts.length !== 2)
        throw new TemplateError(`${where}: expected [LogicalId, Attribute]`);
      const [id, attr] = parts.map((p, i) => asString(evaluate(p, ctx, `${where}[${i}]`), where));
      const value = ctx.getAtt(id!, attr!, where);
      if (value === undefined) throw new TemplateError(`${where}: no resource named "${id}"`);
      return value;
    }
    case 'Fn::Join': {
      const [delim, list] = args(raw, 2, fn, where);
      const items = evaluate(list, ctx, `${where}[1]`);
      if (!Array.isArray(items)) throw new TemplateError(`${where}: the second argument must be a list`);
      return items.map((v) => asString(v, where)).join(asString(delim, where));
    }
    case 'Fn::If': {
      const [name, yes, no] = args(raw, 3, fn, where);
      return ctx.condition(asString(name, where), where)
        ? evaluate(yes, ctx, `${where}[1]`)
        : evaluate(no, ctx, `${where}[2]`);
    }
    case 'Fn::Select': {
      const [index, list] = args(raw, 2, fn, where);
      const i = Number(evaluate(index, ctx, `${where}[0]`));
      const items = evaluate(list, ctx, `${where}[1]`);
      if (!Array.isArray(items) || !Number.isInteger(i) || i < 0 || i >= items.length)
        throw new TemplateError(`${where}: index ${i} is out of the list`);
      return items[i];
    }
    case 'Fn::Split': {
      const [delim, s] = args(raw, 2, fn, where);
      return asString(evaluate(s, ctx, `${where}[1]`), where).split(asString(delim, where));
    }
    case 'Fn::FindInMap': {
      const [map, top, second] = args(raw, 3, fn, where).map((v, i) =>
        asString(evaluate(v, ctx, `${where}[${i}]`), where),
      );
      const found = (ctx.mappings[map!] as Record<string, Record<string, unknown>> | undefined)?.[top!]?.[second!];
      if (found === undefined) throw new TemplateError(`${where}: Mappings has no ${map}.${top}.${second}`);
      return found;
    }
    case 'Fn::Equals': {
      const [a, b] = args(raw, 2, fn, where).map((v, i) => evaluate(v, ctx, `${where}[${i}]`));
      return JSON.stringify(a) === JSON.stringify(b) || String(a) === String(b);
    }
    case 'Fn::And':
      return args(raw, 2, fn, where).every((c, i) => evaluateCondition(c, ctx, `${where}[${i}]`));
    case 'Fn::Or':
      return args(raw, 2, fn, where).some((c, i) => evaluateCondition(c, ctx, `${where}[${i}]`));
    case 'Fn::Not':
      return !evaluateCondition(args(raw, 1, fn, where)[0], ctx, `${where}[0]`);
    case 'Fn::Base64':
      return base64(asString(evaluate(raw, ctx, where), where));
    case 'Fn::GetAZs':
      // L: three Availability Zones, a to c, of the stack's Region (the emulator has no account to ask).
      return ['a', 'b', 'c'].map((z) => `${ctx.region}${z}`);
    case 'Fn::ImportValue':
      // L: no other stack exists locally; the export's name stands for its value.
      return `imported:${asString(evaluate(raw, ctx, where), where)}`;
    case 'Fn::Cidr': {
      const [block, count, bits] = args(raw, 3, fn, where).map((v, i) => evaluate(v, ctx, `${where}[${i}]`));
      return cidr(asString(block, where), Number(count), Number(bits), where);
    }
    case 'Fn::Length': {
      const list = evaluate(raw, ctx, where);
      if (!Array.isArray(list)) throw new TemplateError(`${where}: expected a list`);
      return list.length;
    }
    case 'Fn::ToJsonString':
      return JSON.stringify(evaluate(raw, ctx, where));
    case 'Fn::Transform': {
      const spec = isObject(raw) ? raw : {};
      const location = isObject(spec.Parameters) ? spec.Parameters.Location : undefined;
      if (spec.Name !== 'AWS::Include' || typeof location !== 'string')
        throw new TemplateError(`${where}: only AWS::Include with Parameters.Location is supported`);
      if (!ctx.include) throw new TemplateError(`${where}: cannot read ${location} (no file access)`);
      return evaluate(ctx.include(location, where), ctx, where);
    }
    default:
      throw new TemplateError(`${where}: unknown intrinsic function ${fn}`);
  }
}

function splitFirstDot(s: string): string[] {
  const dot = s.indexOf('.');
  return dot < 0 ? [s] : [s.slice(0, dot), s.slice(dot + 1)];
}

function ref(name: string, ctx: IntrinsicContext, where: string): Json {
  if (name === 'AWS::NoValue') return NO_VALUE;
  if (name in ctx.parameters) return ctx.parameters[name];
  const physical = ctx.refOf(name);
  if (physical !== undefined) return physical;
  throw new TemplateError(`${where}: no parameter or resource named "${name}"`);
}

/** `Fn::Sub`: `${Param}`, `${Resource}`, `${Resource.Attr}`, `${AWS::Region}`, `${!Literal}`, and the variables map. */
function sub(raw: Json, ctx: IntrinsicContext, where: string): string {
  let template: Json = raw;
  let variables: Record<string, unknown> = {};
  if (Array.isArray(raw)) {
    [template] = raw;
    const vars = evaluate(raw[1] ?? {}, ctx, `${where}[1]`);
    if (!isObject(vars)) throw new TemplateError(`${where}: the second argument must be a mapping of variables`);
    variables = vars;
  }
  const text = asString(template, where);
  return text.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    const name = inner.trim();
    if (name in variables) return asString(variables[name], `${where} \${${name}}`);
    if (name in ctx.parameters) {
      const p = ctx.parameters[name]!;
      return Array.isArray(p) ? p.join(',') : p;
    }
    const dot = name.indexOf('.');
    if (dot > 0) {
      const value = ctx.getAtt(name.slice(0, dot), name.slice(dot + 1), where);
      if (value !== undefined) return asString(value, `${where} \${${name}}`);
    } else {
      const physical = ctx.refOf(name);
      if (physical !== undefined) return physical;
    }
    // `${stageVariables.x}`-like text with no matching name is not CloudFormation's: it fails there too.
    throw new TemplateError(
      `${where}: no parameter or resource named "${name}" (in ${whole}; write \${!${name}} for the literal text)`,
    );
  });
}

/** UTF-8 → base64 (web standards only). */
function base64(s: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(s)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** `Fn::Cidr [10.0.0.0/16, 4, 8]` → four /24 blocks (IPv4; cidrBits are the host bits of each subnet). */
function cidr(block: string, count: number, bits: number, where: string): string[] {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(block);
  if (!m || !Number.isInteger(count) || !Number.isInteger(bits) || count < 1 || bits < 1 || bits > 32)
    throw new TemplateError(`${where}: expected [IPv4 block a.b.c.d/n, count, cidrBits]`);
  const base = m.slice(1, 5).reduce((acc, o) => acc * 256 + Number(o), 0);
  const prefix = 32 - bits;
  if (prefix < Number(m[5])) throw new TemplateError(`${where}: ${bits} host bits do not fit in ${block}`);
  const size = 2 ** bits;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = base - (base % size) + i * size;
    out.push(`${[24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.')}/${prefix}`);
  }
  return out;
}

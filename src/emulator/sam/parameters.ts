import { TemplateError } from './errors.js';

/** The account, Region and stack name a template is evaluated in. */
export interface StackEnvironment {
  region: string;
  accountId: string;
  stackName: string;
}

/**
 * The pseudo parameters, as CloudFormation sets them for a stack in `env`.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
 */
export function pseudoParameters(env: StackEnvironment): Record<string, string | string[]> {
  const partition = env.region.startsWith('cn-') ? 'aws-cn' : env.region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return {
    'AWS::Region': env.region,
    'AWS::AccountId': env.accountId,
    'AWS::StackName': env.stackName,
    // L: a stack id of the documented shape, with a fixed UUID (no stack is created).
    'AWS::StackId': `arn:${partition}:cloudformation:${env.region}:${env.accountId}:stack/${env.stackName}/00000000-0000-0000-0000-000000000000`,
    'AWS::Partition': partition,
    'AWS::URLSuffix': partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com',
    'AWS::NotificationARNs': [],
  };
}

/**
 * The template's `Parameters` with their values: the override, else `Default`; a missing value, a value outside
 * `AllowedValues` or not matching `AllowedPattern`, or an override of no parameter is an error naming the parameter.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
 */
export function parameterValues(
  declared: unknown,
  overrides: Record<string, string>,
): Record<string, string | string[]> {
  const params = (typeof declared === 'object' && declared !== null ? declared : {}) as Record<string, unknown>;
  for (const key of Object.keys(overrides)) {
    if (!(key in params))
      throw new TemplateError(
        `--parameter-overrides ${key}=…: the template has no parameter "${key}"${Object.keys(params).length ? ` (it has ${Object.keys(params).join(', ')})` : ''}`,
      );
  }
  const values: Record<string, string | string[]> = {};
  for (const [name, raw] of Object.entries(params)) {
    const spec = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const where = `Parameters.${name}`;
    const given = overrides[name] ?? (spec.Default === undefined ? undefined : String(spec.Default));
    if (given === undefined)
      throw new TemplateError(`${where}: no Default and no value: pass --parameter-overrides ${name}=VALUE`);
    if (Array.isArray(spec.AllowedValues) && !spec.AllowedValues.map(String).includes(given))
      throw new TemplateError(`${where}: "${given}" is not one of AllowedValues (${spec.AllowedValues.join(', ')})`);
    if (typeof spec.AllowedPattern === 'string' && !new RegExp(`^(?:${spec.AllowedPattern})$`).test(given))
      throw new TemplateError(`${where}: "${given}" does not match AllowedPattern ${spec.AllowedPattern}`);
    const type = String(spec.Type ?? 'String');
    values[name] =
      type === 'CommaDelimitedList' || type.startsWith('List<') ? given.split(',').map((s) => s.trim()) : given;
  }
  return values;
}

/**
 * `--parameter-overrides` in the forms the SAM CLI takes: `Key=Value Key2=Value2` and
 * `ParameterKey=K,ParameterValue=V` (values may be quoted). Each argument may hold several, separated by spaces.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-cli-command-reference-sam-deploy.html
 */
export function parseParameterOverrides(texts: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const text of texts) {
    for (const token of tokens(text)) {
      const long = /^ParameterKey=([^,]+),ParameterValue=(.*)$/s.exec(token);
      let key: string;
      let value: string;
      if (long) [key, value] = [long[1]!, long[2]!];
      else {
        const eq = token.indexOf('=');
        if (eq <= 0)
          throw new TemplateError(
            `--parameter-overrides "${token}": expected Key=Value or ParameterKey=Key,ParameterValue=Value`,
          );
        [key, value] = [token.slice(0, eq), token.slice(eq + 1)];
      }
      out[key] = unquote(value);
    }
  }
  return out;
}

/** Splits on spaces outside quotes. */
function tokens(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
      current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      current += ch;
    } else if (/\s/.test(ch)) {
      if (current) out.push(current);
      current = '';
    } else current += ch;
  }
  if (quote) throw new TemplateError(`--parameter-overrides "${text}": a quote is not closed`);
  if (current) out.push(current);
  return out;
}

const unquote = (v: string) => v.replace(/^(["'])(.*)\1$/s, '$2');

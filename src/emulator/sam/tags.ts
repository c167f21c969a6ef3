import { parseDocument, type Tags } from 'yaml';
import { TemplateError } from './errors.js';

/**
 * The CloudFormation short-form functions (`!Ref`, `!Sub`, …), each read into its long JSON form. One tag object per
 * node kind (scalar, sequence, mapping), so every form parses (research §2, run with yaml 2.9.1).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
const FUNCTIONS = [
  'And',
  'Base64',
  'Cidr',
  'Condition',
  'Equals',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Length',
  'Not',
  'Or',
  'Ref',
  'Select',
  'Split',
  'Sub',
  'ToJsonString',
  'Transform',
] as const;

/** `Ref` and `Condition` keep their bare names in the long form; every other function is `Fn::Name`. */
const longName = (name: string) => (name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`);

/** The short-form tags, each accepted on a scalar, a sequence and a mapping. */
export const CFN_TAGS: Tags = FUNCTIONS.flatMap((name) =>
  (['scalar', 'seq', 'map'] as const).map((kind) => ({
    tag: `!${name}`,
    ...(kind === 'scalar' ? {} : { collection: kind }),
    resolve(value: unknown) {
      let v: unknown = kind === 'scalar' ? value : (value as { toJSON(): unknown }).toJSON();
      // `!GetAtt MyFn.Arn` → ["MyFn", "Arn"]; split on the first dot (`!GetAtt Stack.Outputs.Url` → ["Stack", "Outputs.Url"]).
      if (name === 'GetAtt' && typeof v === 'string') {
        const dot = v.indexOf('.');
        v = dot < 0 ? [v] : [v.slice(0, dot), v.slice(dot + 1)];
      }
      return { [longName(name)]: v };
    },
  })),
) as Tags;

/**
 * Reads a template, YAML with short-form tags or JSON (YAML 1.2 reads JSON), into plain data with long-form functions.
 * L: YAML 1.2 core schema (`yes` stays a string); CloudFormation's own parser is not documented on YAML 1.1-isms.
 */
export function parseTemplateText(text: string, file = 'template'): Record<string, unknown> {
  const doc = parseDocument(text, { customTags: CFN_TAGS, uniqueKeys: true, prettyErrors: true });
  const error = doc.errors[0];
  if (error)
    throw new TemplateError(`${file} is not valid YAML or JSON: ${error.message.split('\n')[0]!.replace(/:$/, '')}`);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    throw new TemplateError(`${file} is not valid YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new TemplateError(`${file} is not a CloudFormation template: its top level is not a mapping`);
  return value as Record<string, unknown>;
}

/** Whether a parsed document is a CloudFormation/SAM template: `Resources` plus `AWSTemplateFormatVersion` or `Transform`. */
export function isTemplateDocument(doc: unknown): boolean {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return false;
  const d = doc as Record<string, unknown>;
  return (
    typeof d.Resources === 'object' && d.Resources !== null && ('AWSTemplateFormatVersion' in d || 'Transform' in d)
  );
}

import { readFileSync } from 'node:fs';
import { parse, type Tags, type YAMLSeq } from 'yaml';
import { exportApi, importApi } from '../../src/emulator/index.js';
import type { BundleFunction } from '../../src/emulator/sam-bundle/index.js';

/** The short-form tags the bundle writes, read back into their long form (research §2). */
export const CFN_TAGS: Tags = [
  ...['Sub', 'Ref', 'GetAtt'].map((name) => ({
    tag: `!${name}`,
    resolve: (value: string) => ({ [name === 'Ref' ? 'Ref' : `Fn::${name}`]: value }),
  })),
  { tag: '!Join', collection: 'seq' as const, resolve: (seq: YAMLSeq) => ({ 'Fn::Join': seq.toJSON() }) },
];

/** A template's YAML read with the CloudFormation tags. */
export const readTemplate = (text: string) => parse(text, { customTags: CFN_TAGS }) as Record<string, any>;

/** An example's definition as `exportApi` prints it. */
export function exported(definitionPath: string): Record<string, unknown> {
  return exportApi(importApi(parse(readFileSync(definitionPath, 'utf8'))), { version: '1.0' });
}

/** A handler file of the repository as a bundle function. */
export function fileFunction(name: string, path: string, exportName: string): BundleFunction {
  return { name, fileName: path.split('/').pop()!, source: readFileSync(path, 'utf8'), exportName };
}

import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { samProjectZip, type SamProjectFiles } from '../../src/components/sam-download.js';
import { readTemplate } from './helpers.js';

const project = (over: Partial<SamProjectFiles> = {}): SamProjectFiles => ({
  example: 'items',
  title: 'The items API',
  definition: readFileSync('examples/items/openapi.yaml', 'utf8'),
  definitionFile: 'openapi.yaml',
  apiType: 'REST',
  endpointType: 'REGIONAL',
  stage: { name: 'dev', variables: {} },
  functions: [
    {
      name: 'items_handler',
      fileName: 'items_handler.py',
      source: 'def lambda_handler(e, c):\n  return 1 # edited\n',
      exportName: 'lambda_handler',
    },
  ],
  ...over,
});

// The page's "Download SAM project" (sam-download.ts): what the zip holds.
describe('samProjectZip', () => {
  it('<example>-sam.zip with a folder of that name: the template, samconfig, README and the edited handler', () => {
    const { fileName, bytes } = samProjectZip(project());
    expect(fileName).toBe('items-sam.zip');
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual([
      'items-sam/README.md',
      'items-sam/samconfig.toml',
      'items-sam/src/items_handler/items_handler.py',
      'items-sam/src/items_handler/requirements.txt',
      'items-sam/template.yaml',
    ]);
    expect(strFromU8(files['items-sam/src/items_handler/items_handler.py']!)).toContain('# edited');
    const template = readTemplate(strFromU8(files['items-sam/template.yaml']!));
    expect(template.Description).toBe('The items API');
    expect(template.Resources.ItemsApi.Properties.EndpointConfiguration).toEqual({ Type: 'REGIONAL' });
  });

  it('the edited definition: a renamed path is in the template', () => {
    const definition = project().definition.replace('/items/{id}:', '/things/{id}:');
    const template = readTemplate(
      strFromU8(unzipSync(samProjectZip(project({ definition })).bytes)['items-sam/template.yaml']!),
    );
    expect(Object.keys(template.Resources.ItemsApi.Properties.DefinitionBody.paths)).toEqual([
      '/items',
      '/things/{id}',
    ]);
  });

  it('a definition that does not parse or import: a one-line error naming the file', () => {
    expect(() => samProjectZip(project({ definition: 'openapi: [' }))).toThrow(/^openapi\.yaml is not valid YAML: /);
    expect(() => samProjectZip(project({ definition: 'openapi: 3.0.1\n' }))).toThrow(
      /^openapi\.yaml does not import: /,
    );
  });
});

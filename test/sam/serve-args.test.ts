/** serve's template flags: --parameter-overrides in SAM's spellings, --api, and --stage given or not. */
import { describe, expect, it } from 'vitest';
import { parseCommandLine, type ServeOptions } from '../../src/cli/args.js';

const serveOptions = (argv: string[]): ServeOptions => {
  const command = parseCommandLine(['serve', ...argv]);
  if (command.kind !== 'serve') throw new Error(`not serve: ${command.kind}`);
  return command.options;
};

describe('apigw-lab serve template.yaml flags', () => {
  it('--parameter-overrides takes the following K=V words (sam deploy --parameter-overrides A=1 B=2), and repeats', () => {
    const o = serveOptions([
      't.yaml',
      '--parameter-overrides',
      'A=1',
      'ParameterKey=B,ParameterValue=2',
      '--port',
      '0',
      '--parameter-overrides=C=3',
    ]);
    expect(o.parameterOverrides).toEqual(['A=1', 'ParameterKey=B,ParameterValue=2', 'C=3']);
    expect(o.definition).toBe('t.yaml');
  });
  it('the template positional after the overrides is not taken as one', () => {
    expect(serveOptions(['--parameter-overrides', 'A=1', 't.yaml']).definition).toBe('t.yaml');
  });
  it('--api takes a logical id; --stage marks the stages as given', () => {
    expect(serveOptions(['t.yaml', '--api', 'MyApi']).api).toBe('MyApi');
    expect(() => serveOptions(['t.yaml', '--api', 'my-api'])).toThrow(
      /--api "my-api": expected a template resource's logical id/,
    );
    expect(serveOptions(['t.yaml']).stageGiven).toBeUndefined();
    expect(serveOptions(['t.yaml', '--stage', 'v1']).stageGiven).toBe(true);
  });
});

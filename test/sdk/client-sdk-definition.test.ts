import { describe, expect, it } from 'vitest';
import { methodNames } from '../../src/components/client-sdk-config.js';
import { doneText, megabytes, progressText, seconds } from '../../src/components/client-sdk-definition.js';

describe("the definition panel's status lines", () => {
  it('says how big the generator is while it loads, then that it generates', () => {
    expect(progressText({ type: 'loading', loaded: 9_384_000, total: 37_540_009 })).toBe(
      'Loading the generator (37.5 MB)… 24%',
    );
    expect(progressText({ type: 'loading', loaded: 1_250_000, total: 0 })).toBe(
      'Loading the generator… (1.3 MB received)',
    );
    expect(progressText({ type: 'generating' })).toBe('Generating the client…');
  });

  it('gives the methods, lines and timings once generated (the load time only when it loaded)', () => {
    const client = 'export class Api {\n  itemsGet = (\n  itemsIdDelete = (\n}\n';
    expect(methodNames(client)).toEqual(['itemsGet', 'itemsIdDelete']);
    const generated = { fileName: 'api.ts', client, document: '{}', loadMs: 8_420, generateMs: 1_234 };
    expect(doneText(generated, 2)).toBe(
      'Generated api.ts from your definition: 2 methods, 4 lines, in 1.2 s (the generator loaded in 8.4 s). Run the client uses it now.',
    );
    expect(doneText({ ...generated, loadMs: 0 }, 1)).toBe(
      'Generated api.ts from your definition: 1 method, 4 lines, in 1.2 s. Run the client uses it now.',
    );
    expect([megabytes(37_540_009), seconds(250)]).toEqual(['37.5 MB', '0.3 s']);
  });
});

import { describe, expect, it } from 'vitest';
import { splitBundleInputs } from '../split-bundle.js';

/**
 * The core loads the template engine (velocityjs), the JSON Schema validator (ajv) and AWS's SigV4 signer (smithy)
 * only when an API uses them: bundled with code splitting, none may sit in a chunk the entry loads statically.
 */
describe('the core keeps its heavy modules lazy', () => {
  it('velocityjs and ajv are only in dynamically imported chunks', async () => {
    const { eager: eagerInputs, all: allInputs } = await splitBundleInputs('src/emulator/index.ts');
    // The check can fail: both packages are in the bundle, just not in the eager part.
    expect(allInputs.some((input) => input.includes('node_modules/velocityjs/'))).toBe(true);
    expect(allInputs.some((input) => input.includes('node_modules/ajv/'))).toBe(true);
    expect(allInputs.some((input) => input.includes('node_modules/@smithy/signature-v4/'))).toBe(true);
    expect(eagerInputs.filter((input) => /node_modules\/(velocityjs|ajv|@smithy|@aws-crypto)\//.test(input))).toEqual(
      [],
    );
    expect(eagerInputs.filter((input) => /rest\/(mapping-template|request-validation)\.ts$/.test(input))).toEqual([]);
  });
});

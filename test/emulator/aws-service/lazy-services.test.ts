import { describe, expect, it } from 'vitest';
import { splitBundleInputs } from '../../split-bundle.js';

/**
 * The embedded AWS services (SQS, Kinesis, Step Functions, EventBridge, DynamoDB) and the service integrations' code
 * load on the first service call: bundled with code splitting, none may sit in a chunk the core's entry loads statically.
 */
describe('the core keeps the AWS services lazy', () => {
  it('aws-services/ and the service integration modules are only in dynamically imported chunks', async () => {
    const { eager, all } = await splitBundleInputs('src/emulator/index.ts');
    // The check can fail: the modules are in the bundle, just not in the eager part.
    expect(all.some((input) => input.includes('aws-services/embedded-services.ts'))).toBe(true);
    expect(all.some((input) => input.includes('rest/integrations/aws-service.ts'))).toBe(true);
    expect(
      eager.filter((input) => /aws-services\/(?!types\.ts)|rest\/integrations\/aws-service\.ts|md5-js/.test(input)),
    ).toEqual([]);
  });
});

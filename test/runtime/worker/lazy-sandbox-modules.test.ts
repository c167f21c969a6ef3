import { describe, expect, it } from 'vitest';
import { splitBundleInputs } from '../../split-bundle.js';

/**
 * The gateway worker's first run of a plain sandbox carries none of issue #11's sandbox setup: access, sessions,
 * requests sent first, sign in and sign with (sandbox-session-run.ts and what it imports) and the user pool (jose's
 * signing) load with the first run that needs them. Bundled with code splitting as a Worker bundle is, none may sit
 * in a chunk the entry loads statically.
 */
describe('the gateway worker keeps the sandbox setup lazy', () => {
  it('sandbox-session-run, access-setup, request-auth and the local user pool are only in dynamic chunks', async () => {
    const { eager: eagerInputs, all: allInputs } = await splitBundleInputs('src/runtime/worker/gateway-worker.ts');
    const setup =
      /src\/runtime\/(sandbox-session-run|access-setup|request-auth|api-key-setup|sigv4-signer)\.ts$|local-user-pool\.ts$/;
    // The check can fail: the modules are in the bundle, just not in the eager part.
    expect(allInputs.filter((input) => setup.test(input)).length).toBe(6);
    expect(eagerInputs.filter((input) => setup.test(input))).toEqual([]);
    expect(eagerInputs.some((input) => input.endsWith('src/runtime/run-sandbox.ts'))).toBe(true);
  });
});

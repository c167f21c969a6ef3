/**
 * The SigV4 signer "sign this request" uses: the emulator's `signRequest` (the IAM work of issue #11), loaded on the
 * first `auth.signWith` only, so runs that do not sign carry none of it.
 */
import type { Signer } from './request-auth.js';

let loaded: Promise<Signer> | null = null;

/** The emulator's signer, adapted to request-auth's Signer. */
export function loadSigner(): Promise<Signer> {
  loaded ??= import('../emulator/index.js').then((emulator) => {
    const signRequest = (emulator as Record<string, unknown>)['signRequest'];
    if (typeof signRequest !== 'function')
      throw new Error("signing a request needs the emulator's signRequest (IAM authorization), which is not here yet");
    return signRequest as Signer;
  });
  loaded.catch(() => {
    loaded = null;
  });
  return loaded;
}

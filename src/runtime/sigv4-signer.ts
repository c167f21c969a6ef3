/**
 * The SigV4 signer "sign this request" uses: the emulator's `signRequest` (shared/iam/sign-request.ts, AWS's signer
 * loaded on its first call), adapted to request-auth's Signer.
 */
import { signRequest } from '../emulator/index.js';
import type { Signer } from './request-auth.js';

/** The emulator's signer as a Signer: the request's headers, then `X-Amz-Date` and `Authorization`. */
export const emulatorSigner: Signer = async (input) => {
  const signed = await signRequest({
    method: input.method,
    url: input.url,
    headers: input.headers,
    body: input.body,
    accessKeyId: input.credentials.accessKeyId,
    secretAccessKey: input.credentials.secretAccessKey,
    region: input.region,
    service: input.service,
    now: input.now,
  });
  return {
    headers: signed.headers,
    canonicalRequest: signed.canonicalRequest,
    stringToSign: signed.stringToSign,
    credentialScope: signed.credentialScope,
    signature: signed.signature,
  };
};

/** Loads the signer (the emulator loads AWS's signer itself, on the first signature). */
export function loadSigner(): Promise<Signer> {
  return Promise.resolve(emulatorSigner);
}

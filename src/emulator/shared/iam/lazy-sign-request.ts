import type { SignedRequest, SignRequestInput } from './sign-request.js';

let signer: Promise<typeof import('./sign-request.js')> | undefined;

/**
 * Signs a request with Signature Version 4 (shared/iam/sign-request.ts): the headers to send (with `X-Amz-Date` and
 * `Authorization`), the canonical request, the string to sign, the credential scope and the signature. AWS's signer
 * (smithy) loads on the first call, so the core's first load does not carry it.
 */
export async function signRequest(input: SignRequestInput): Promise<SignedRequest> {
  const { signRequest: sign } = await (signer ??= import('./sign-request.js'));
  return sign(input);
}

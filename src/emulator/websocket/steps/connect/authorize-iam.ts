import type { HeaderList } from '../../../shared/headers.js';
import { identityDecision } from '../../../shared/iam/identity-policy.js';
import type { IamPrincipal, IamRegistry } from '../../../shared/iam/principals.js';
import { verifySignature } from '../../../shared/iam/verify-request.js';
import type { WebSocketTrace } from '../../trace.js';
import { REFUSALS, type Refusal } from './refusal.js';

/** The upgrade request as its signature covers it. */
export interface SignedUpgrade {
  path: string;
  rawQuery: string;
  headers: HeaderList;
  host: string;
  epochMs: number;
  region: string;
  /** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/$connect`. */
  routeArn: string;
}

/**
 * IAM authorization on `$connect` (AWS_IAM): the upgrade request's SigV4 signature (header or presigned query
 * string) verified with the shared verifier, then the caller's identity policy evaluated against `execute-api:Invoke`
 * on the `$connect` ARN. "If authorization fails on $connect, the connection will not be established, and the client
 * will receive a 401 or 403 response": every IAM refusal is a 403 here, with SigV4's message (assumed, as REST).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-control-access-iam.html
 */
export async function authorizeWithIam(
  iam: IamRegistry,
  upgrade: SignedUpgrade,
  trace: WebSocketTrace,
): Promise<{ principal: IamPrincipal } | Refusal> {
  const verdict = await verifySignature(
    {
      method: 'GET',
      path: upgrade.path,
      rawQuery: upgrade.rawQuery,
      headers: upgrade.headers,
      host: upgrade.host,
      body: null,
      epochMs: upgrade.epochMs,
      region: upgrade.region,
    },
    iam,
  );
  const refuse = (body: string, reason: string, errorType: string): Refusal => {
    trace.error = reason;
    return { status: 403, body, errorType, reason };
  };
  switch (verdict.kind) {
    case 'missing':
      return refuse(
        '{"message":"Missing Authentication Token"}',
        'the upgrade request is not signed',
        'MissingAuthenticationTokenException',
      );
    case 'incomplete':
      return refuse(JSON.stringify({ message: verdict.message }), verdict.message, 'IncompleteSignatureException');
    case 'unrecognized':
      return refuse(
        '{"message":"The security token included in the request is invalid."}',
        `the access key ${verdict.accessKeyId} is not one the gateway was given`,
        'UnrecognizedClientException',
      );
    case 'invalid':
      return refuse(JSON.stringify({ message: verdict.message }), verdict.detail, 'InvalidSignatureException');
  }
  const decision = identityDecision(iam, verdict.principal, upgrade.routeArn);
  if (decision === 'EXPLICIT_DENY' || decision === 'IMPLICIT_DENY')
    return REFUSALS.forbidden(
      `${verdict.principal.arn}'s identity policy does not allow execute-api:Invoke on ${upgrade.routeArn}`,
    );
  return { principal: verdict.principal };
}

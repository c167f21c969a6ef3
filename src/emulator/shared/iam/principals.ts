import { readPolicy, type PolicyStatement } from '../../rest/authorizers/policy.js';
import { stableId } from '../ids.js';

/**
 * The IAM side of IAM authorization (AWS_IAM): the access keys a gateway accepts, the principal each belongs to, and
 * each principal's identity policy. The emulator has no IAM service; this registry stands in for it (control plane).
 */

/** An access key as `putCredentials` takes it; `arn` defaults to the account's `user/apigw-lab`. */
export interface CredentialsInput {
  accessKeyId: string;
  secretAccessKey: string;
  arn?: string;
}

/** The principal an access key belongs to, with the ids API Gateway reports for it. */
export interface IamPrincipal {
  accessKeyId: string;
  secretAccessKey: string;
  /** `arn:aws:iam::{account}:user/{name}` or `arn:aws:sts::{account}:assumed-role/{role}/{session}`. */
  arn: string;
  /** The account the ARN names. */
  accountId: string;
  /**
   * The unique id of the user (`AIDA…`) or role (`AROA…`), as IAM gives one to every user and role; derived from the
   * ARN here, so it is stable across runs.
   */
  userId: string;
  /**
   * The caller's principal id: the user id for a user, `{roleId}:{session}` for an assumed role
   * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#principaltable).
   */
  callerId: string;
}

/** The user an access key without an ARN belongs to (one IAM user may hold several keys). */
export const DEFAULT_USER_NAME = 'apigw-lab';

/** IAM's access key id: 16 to 128 word characters (https://docs.aws.amazon.com/IAM/latest/APIReference/API_AccessKey.html). */
const ACCESS_KEY_ID = /^\w{16,128}$/;
/** The principals an access key can sign as: an IAM user, or an assumed role's session. */
const PRINCIPAL_ARN =
  /^arn:aws[\w-]*:(iam::(\d{12}):user\/[\w+=,.@/-]+|sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/([\w+=,.@-]+))$/;

/** The access keys and identity policies a gateway knows. */
export class IamRegistry {
  readonly #byKey = new Map<string, IamPrincipal>();
  readonly #policies = new Map<string, PolicyStatement[]>();

  /** @param accountId The gateway's account: a key without an ARN belongs to its user `apigw-lab`. */
  constructor(private readonly accountId: string) {}

  /** Accepts an access key (replacing one with the same id). Throws on a malformed key id, empty secret or bad ARN. */
  putCredentials(input: CredentialsInput): IamPrincipal {
    const { accessKeyId, secretAccessKey } = input;
    if (!ACCESS_KEY_ID.test(accessKeyId))
      throw new Error(`access key id "${accessKeyId}" must be 16 to 128 letters, digits or underscores`);
    if (!secretAccessKey) throw new Error(`the secret access key of ${accessKeyId} is empty`);
    const arn = input.arn ?? `arn:aws:iam::${this.accountId}:user/${DEFAULT_USER_NAME}`;
    const parts = PRINCIPAL_ARN.exec(arn);
    if (!parts)
      throw new Error(
        `"${arn}" is not an IAM user ARN (arn:aws:iam::ACCOUNT:user/NAME) or an assumed role's (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION)`,
      );
    const role = parts[4];
    const userId = `${role === undefined ? 'AIDA' : 'AROA'}${stableId(role === undefined ? arn : `role:${role}`, 17).toUpperCase()}`;
    const principal: IamPrincipal = {
      accessKeyId,
      secretAccessKey,
      arn,
      accountId: (parts[2] ?? parts[3])!,
      userId,
      callerId: role === undefined ? userId : `${userId}:${parts[5]}`,
    };
    this.#byKey.set(accessKeyId, principal);
    return principal;
  }

  /** The principal an access key id belongs to, if the gateway knows the key. */
  forAccessKey(accessKeyId: string): IamPrincipal | undefined {
    return this.#byKey.get(accessKeyId);
  }

  /**
   * Sets the identity policy of the principal `arn` (a user's attached policies, as one document). Throws with the
   * reason when the document is not a policy (Effect, Action and Resource in every statement).
   */
  putIdentityPolicy(arn: string, policyDocument: unknown): void {
    if (!PRINCIPAL_ARN.test(arn))
      throw new Error(
        `"${arn}" is not an IAM user ARN or an assumed role's (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION)`,
      );
    const statements = readPolicy(policyDocument);
    if (typeof statements === 'string') throw new Error(`the identity policy of ${arn}: ${statements}`);
    this.#policies.set(arn, statements);
  }

  /** The identity policy of a principal; undefined when none was set. */
  identityPolicy(arn: string): readonly PolicyStatement[] | undefined {
    return this.#policies.get(arn);
  }
}

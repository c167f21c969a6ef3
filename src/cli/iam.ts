import { readFile } from 'node:fs/promises';
import type { AnyGateway, HttpApiModel, RestApiModel } from '../emulator/index.js';
import { IamRegistry } from '../emulator/shared/iam/principals.js';
import { CliError, errorCode } from './errors.js';

/** A `--credentials ACCESS_KEY:SECRET[:ARN]` flag: an access key IAM authorization (AWS_IAM) accepts. */
export interface CredentialsFlag {
  accessKeyId: string;
  secretAccessKey: string;
  arn?: string;
  /** The flag as given, for messages (the secret masked). */
  flag: string;
}

/** An `--identity-policy ARN=FILE` flag: the identity policy (a JSON policy document) of the principal ARN. */
export interface IdentityPolicyFlag {
  arn: string;
  file: string;
  flag: string;
}

/**
 * Parses `--credentials ACCESS_KEY:SECRET[:ARN]`. A secret access key has no colon (it is base64-like), so the first
 * two colons separate the parts and the ARN keeps its own. The key, secret and ARN are checked as the gateway checks
 * them.
 */
export function parseCredentialsFlag(
  spelled: string,
  value: string,
  given: readonly CredentialsFlag[],
): CredentialsFlag {
  const [accessKeyId = '', secretAccessKey = '', ...rest] = value.split(':');
  const arn = rest.length ? rest.join(':') : undefined;
  const shown = `${spelled} ${accessKeyId}:…${arn === undefined ? '' : `:${arn}`}`;
  if (!accessKeyId || !secretAccessKey)
    throw new CliError(
      `${spelled} "${value}": expected ACCESS_KEY:SECRET[:ARN], e.g. AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`,
    );
  try {
    new IamRegistry('123456789012').putCredentials({ accessKeyId, secretAccessKey, ...(arn ? { arn } : {}) });
  } catch (error) {
    throw new CliError(`${shown}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (given.some((f) => f.accessKeyId === accessKeyId))
    throw new CliError(`${spelled}: access key ${accessKeyId} is given twice`);
  return { accessKeyId, secretAccessKey, ...(arn ? { arn } : {}), flag: shown };
}

/** Parses `--identity-policy ARN=FILE` (the last `=` separates them). */
export function parseIdentityPolicyFlag(
  spelled: string,
  value: string,
  given: readonly IdentityPolicyFlag[],
): IdentityPolicyFlag {
  const eq = value.lastIndexOf('=');
  const arn = eq < 0 ? '' : value.slice(0, eq);
  const file = eq < 0 ? '' : value.slice(eq + 1);
  if (!arn || !file)
    throw new CliError(
      `${spelled} "${value}": expected ARN=FILE, e.g. arn:aws:iam::123456789012:user/alice=policy.json`,
    );
  if (given.some((f) => f.arn === arn))
    throw new CliError(`${spelled}: ${arn} is given twice (one policy per principal)`);
  return { arn, file, flag: `${spelled} ${value}` };
}

/** Reads each `--identity-policy` file as JSON; one-line errors. */
export async function loadIdentityPolicies(
  flags: readonly IdentityPolicyFlag[],
): Promise<{ flag: IdentityPolicyFlag; document: unknown }[]> {
  const out: { flag: IdentityPolicyFlag; document: unknown }[] = [];
  for (const flag of flags) {
    let text: string;
    try {
      text = await readFile(flag.file, 'utf8');
    } catch (error) {
      const why =
        errorCode(error) === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
      throw new CliError(`${flag.flag}: cannot read ${flag.file} (${why})`);
    }
    try {
      out.push({ flag, document: JSON.parse(text) });
    } catch {
      throw new CliError(
        `${flag.flag}: ${flag.file} is not JSON (expected an IAM policy document, {"Statement": [...]})`,
      );
    }
  }
  return out;
}

/**
 * Gives the gateway the access keys and identity policies; returns warnings: keys or policies for an API without an
 * AWS_IAM method, a policy for a principal no key belongs to, and AWS_IAM methods without any key (every request to
 * them is refused).
 */
export function applyIamFlags(
  gateway: AnyGateway,
  apis: readonly (RestApiModel | HttpApiModel)[],
  credentials: readonly CredentialsFlag[],
  policies: readonly { flag: IdentityPolicyFlag; document: unknown }[],
): string[] {
  const principals = new Set<string>();
  for (const c of credentials)
    principals.add(
      gateway.putCredentials({
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        ...(c.arn ? { arn: c.arn } : {}),
      }).arn,
    );
  for (const { flag, document } of policies) {
    try {
      gateway.putIdentityPolicy(flag.arn, document);
    } catch (error) {
      throw new CliError(`${flag.flag}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const warnings: string[] = [];
  const usesIam = apis.some((api) =>
    api.kind === 'REST'
      ? api.resources.some((r) => Object.values(r.methods).some((m) => m?.iam !== undefined))
      : api.routes.some((r) => r.iam),
  );
  if (!usesIam && (credentials.length || policies.length))
    warnings.push('--credentials/--identity-policy: the API has no AWS_IAM method; they are unused');
  if (usesIam && !credentials.length)
    warnings.push(
      'the API has AWS_IAM methods but no --credentials ACCESS_KEY:SECRET: every request to them is refused (403)',
    );
  for (const { flag } of policies)
    if (!principals.has(flag.arn))
      warnings.push(`${flag.flag}: no --credentials key belongs to ${flag.arn}; the policy is unused`);
  return warnings;
}

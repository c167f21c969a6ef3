/**
 * An example's access (issue #11: API keys, usage plans, IAM credentials, user pool users) put on a deployed sandbox
 * gateway, as `apigw-lab serve --api-key … --usage-plan … --credentials …` puts them, and the runtime's local user pool
 * registered for the APIs' Cognito (REST) and JWT (HTTP API) authorizers. Shared by the Worker runtime, the
 * WebContainer's server and the Node tests. Pure (the emulator and jose only).
 */
import { HttpApiGateway, RestGateway, type AnyGateway, type ApiModel } from '../emulator/index.js';
import type { ExampleAccess } from '../examples/types.js';
import { putApiKeysAndPlans } from './api-key-setup.js';
import { poolIssuersOf, sandboxUserPool } from './sandbox-user-pool.js';

/** An IAM access key as the IAM authorizer takes it (`putCredentials`, from the IAM work of issue #11). */
export interface SandboxCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  arn?: string;
}

type WithCredentials = {
  putCredentials(credentials: SandboxCredentials): void;
  putIdentityPolicy(arn: string, policyDocument: unknown): void;
};

/**
 * Puts `access` on the gateway (the keys and plans cover `stages`), and, for APIs with Cognito or JWT authorizers
 * only, registers the runtime's user pool for them (creating it on first use). Throws a readable error for access the
 * API cannot take (API keys on an HTTP API, a key's unknown plan, credentials without IAM support).
 */
export async function applyAccess(
  gateway: AnyGateway,
  apis: readonly ApiModel[],
  access: ExampleAccess | undefined,
  stages: readonly { apiId: string; stage: string }[],
): Promise<void> {
  if (access) {
    putApiKeysAndPlans(gateway, stages, access.apiKeys ?? [], access.usagePlans ?? []);
    if (access.credentials?.length) {
      const target = gateway as Partial<WithCredentials>;
      if (typeof target.putCredentials !== 'function')
        throw new RangeError('access.credentials: this emulator has no IAM authorization (putCredentials) yet');
      for (const c of access.credentials)
        target.putCredentials({
          accessKeyId: c.accessKeyId,
          secretAccessKey: c.secretAccessKey,
          ...(c.arn !== undefined ? { arn: c.arn } : {}),
        });
    }
    for (const { arn, file, policy } of access.identityPolicies ?? []) {
      const target = gateway as Partial<WithCredentials>;
      if (policy === undefined)
        throw new RangeError(`access.identityPolicies: ${file} was not read (loadExample reads it)`);
      target.putIdentityPolicy?.(arn, policy);
    }
  }
  await registerSandboxPool(gateway, apis);
}

/** Makes the APIs' Cognito and JWT authorizers trust the runtime's pool; nothing (no pool created) for other APIs. */
export async function registerSandboxPool(gateway: AnyGateway, apis: readonly ApiModel[]): Promise<void> {
  const issuers = poolIssuersOf(apis);
  if (!issuers.length) return;
  const jwks = (await sandboxUserPool()).jwks();
  for (const entry of issuers) {
    if (gateway instanceof RestGateway && entry.providerArn)
      gateway.putUserPool({ issuer: entry.issuer, jwks }, entry.providerArn);
    else if (gateway instanceof HttpApiGateway) gateway.putJwks(entry.issuer, jwks);
  }
}

/**
 * The sandbox's local Cognito user pool (one per runtime: the gateway worker, the WebContainer's server, a test
 * process), created on first use: APIs with Cognito user pool (REST) or JWT (HTTP API) authorizers trust it, and "sign
 * in as" gets its tokens. One key pair; each issuer an API names gets a view of the pool with that issuer and app
 * client, so a token's `iss` and `aud` are the API's own (the REST providerARN's pool, the JWT authorizer's issuer and
 * first audience). Pure (jose, web crypto).
 */
import type { ApiModel } from '../emulator/index.js';
import type { LocalUserPool } from '../emulator/shared/local-user-pool.js';

/** The pool the sandboxes' tokens come from when no API names one (as `apigw-lab token`'s). */
export const SANDBOX_POOL_CONFIG = {
  region: 'us-east-1',
  userPoolId: 'us-east-1_apigwLab',
  clientId: 'apigwlabclient',
};

let pool: Promise<LocalUserPool> | null = null;

/** The runtime's pool, created (a fresh RS256 key pair) at the first call. */
export function sandboxUserPool(): Promise<LocalUserPool> {
  pool ??= import('../emulator/shared/local-user-pool.js').then(({ LocalUserPool }) =>
    LocalUserPool.create(SANDBOX_POOL_CONFIG),
  );
  pool.catch(() => {
    pool = null;
  });
  return pool;
}

/** An issuer the sandbox's pool signs for: the tokens' `iss`, and the app client (`aud`/`client_id`). */
export interface PoolIssuer {
  issuer: string;
  clientId: string;
  /** REST: the Cognito authorizer's provider ARN the pool is registered for. */
  providerArn?: string;
}

const USER_POOL_ARN = /^arn:aws[\w-]*:cognito-idp:([a-z0-9-]+):[^:]*:userpool\/([\w-]+)$/;

/**
 * The issuers the APIs' token authorizers trust, in the definition's order: each REST Cognito authorizer's provider
 * ARNs (`https://cognito-idp.{region}.amazonaws.com/{userPoolId}`) and each HTTP API JWT authorizer's issuer (its first
 * audience as the app client). Empty for an API without them: the pool is not created.
 */
export function poolIssuersOf(apis: readonly ApiModel[]): PoolIssuer[] {
  const out: PoolIssuer[] = [];
  const seen = new Set<string>();
  const add = (entry: PoolIssuer) => {
    const key = `${entry.issuer}\u0000${entry.providerArn ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(entry);
  };
  for (const api of apis) {
    if (api.kind === 'REST') {
      for (const authorizer of Object.values(api.cognitoAuthorizers ?? {}))
        for (const arn of authorizer.providerArns) {
          const m = USER_POOL_ARN.exec(arn);
          if (m)
            add({
              issuer: `https://cognito-idp.${m[1]}.amazonaws.com/${m[2]}`,
              clientId: SANDBOX_POOL_CONFIG.clientId,
              providerArn: arn,
            });
        }
    } else {
      for (const authorizer of Object.values(api.authorizers ?? {}))
        if (authorizer.type === 'JWT')
          add({ issuer: authorizer.issuer, clientId: authorizer.audience[0] ?? SANDBOX_POOL_CONFIG.clientId });
    }
  }
  return out;
}

/**
 * The pool seen as `issuer` with app client `clientId`: the same keys, tokens whose `iss` is that issuer (a Cognito
 * issuer's region and pool id, or any other issuer URL a JWT authorizer names).
 */
export function poolAs(base: LocalUserPool, { issuer, clientId }: PoolIssuer): LocalUserPool {
  const m = /^https:\/\/cognito-idp\.([a-z0-9-]+)\.amazonaws\.com\/([\w-]+)$/.exec(issuer);
  const config = m ? { region: m[1]!, userPoolId: m[2]!, clientId } : { ...base.config, clientId };
  // `issue` reads `this.config` and `this.issuer`: a view over the base pool that overrides both.
  return Object.create(base, {
    config: { value: config },
    issuer: { value: issuer },
  }) as LocalUserPool;
}

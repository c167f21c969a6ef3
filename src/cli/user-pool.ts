import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { RestGateway, type AnyGateway, type ApiModel } from '../emulator/index.js';
import { LocalUserPool } from '../emulator/shared/local-user-pool.js';
import { CliError, errorCode, firstLine } from './errors.js';

/**
 * The CLI's local Cognito user pool: `apigw-lab token` prints its tokens, and `apigw-lab serve` trusts it for every
 * `cognito_user_pools` authorizer (any providerARN), unless `--jwks ISSUER=FILE` names the pools to trust instead.
 * The pool (settings and key pair) is kept in a file, so tokens stay valid across runs.
 */

/** Where the pool is kept unless `--pool FILE` says otherwise (relative to the current directory). */
export const DEFAULT_POOL_FILE = '.apigw-lab/user-pool.json';
const POOL_CONFIG = { region: 'us-east-1', userPoolId: 'us-east-1_apigwLab', clientId: 'apigwlabclient' };

export interface TokenOptions {
  user: string;
  groups: string[];
  scopes: string[];
  tokenUse: 'id' | 'access';
  email: string | undefined;
  expiresInSeconds: number;
  pool: string;
}

export const TOKEN_USAGE = `Usage: apigw-lab token --user NAME [options]

Prints a token of the local Cognito user pool, for methods with a cognito_user_pools authorizer
(apigw-lab serve trusts the same pool): curl -H "Authorization: $(apigw-lab token --user alice)" ...

Options:
      --user NAME                    the user (cognito:username / username)
      --group NAME                   a group of the user (repeatable; cognito:groups)
      --scope SCOPE                  an OAuth scope of an access token (repeatable), e.g. items/read;
                                     implies --token-use access
      --token-use id|access          an ID token (default; for methods without authorization scopes) or an
                                     access token (for methods with them)
      --email ADDRESS                the ID token's email claim
      --expires-in SECONDS           lifetime (default 3600)
      --pool FILE                    the pool's file (default ${DEFAULT_POOL_FILE}; created on first use)
  -h, --help                         show this help
`;

const HINT = 'run "apigw-lab token --help" for usage';
const fail = (message: string) => new CliError(message, { hint: HINT });
const NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u;

/** Parses `apigw-lab token`'s arguments; null for --help. Throws CliError (exit 2) on bad input. */
export function parseTokenArgs(argv: readonly string[]): TokenOptions | null {
  const options: TokenOptions = {
    user: '',
    groups: [],
    scopes: [],
    tokenUse: 'id',
    email: undefined,
    expiresInSeconds: 3600,
    pool: DEFAULT_POOL_FILE,
  };
  let tokenUse: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return null;
    if (!arg.startsWith('--')) throw fail(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const known = ['--user', '--group', '--scope', '--token-use', '--email', '--expires-in', '--pool'];
    if (!known.includes(flag)) throw fail(`unknown option "${flag}"`);
    let value: string;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw fail(`${flag} needs a value`);
      value = next;
      i++;
    }
    switch (flag) {
      case '--user':
        if (!NAME.test(value)) throw fail(`--user "${value}": a user name has 1 to 128 characters, no spaces`);
        options.user = value;
        break;
      case '--group':
        if (!NAME.test(value)) throw fail(`--group "${value}": a group name has 1 to 128 characters, no spaces`);
        options.groups.push(value);
        break;
      case '--scope':
        if (!/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(value))
          throw fail(`--scope "${value}": a scope is printable characters without spaces or quotes`);
        options.scopes.push(value);
        break;
      case '--token-use':
        if (value !== 'id' && value !== 'access') throw fail(`--token-use "${value}": expected id or access`);
        tokenUse = value;
        break;
      case '--email':
        options.email = value;
        break;
      case '--expires-in': {
        const n = /^\d+$/.test(value) ? Number(value) : NaN;
        if (!(n >= 1 && n <= 86400)) throw fail(`--expires-in "${value}": expected seconds from 1 to 86400 (a day)`);
        options.expiresInSeconds = n;
        break;
      }
      case '--pool':
        options.pool = value;
        break;
    }
  }
  if (!options.user) throw fail('missing --user NAME');
  if (tokenUse === 'id' && options.scopes.length)
    throw fail('--scope goes in access tokens: use --token-use access (or leave --token-use out)');
  options.tokenUse = tokenUse === 'id' ? 'id' : tokenUse === 'access' || options.scopes.length ? 'access' : 'id';
  return options;
}

/** The pool kept in `file`, created (and written) when the file does not exist yet. */
export async function loadOrCreatePool(file: string): Promise<LocalUserPool> {
  const path = resolve(file);
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw new CliError(`cannot read the user pool ${file}: ${firstLine(error)}`);
  }
  if (text !== undefined) {
    try {
      return await LocalUserPool.import(JSON.parse(text));
    } catch (error) {
      throw new CliError(`${file} is not a local user pool: ${firstLine(error)} (delete it to start a new pool)`);
    }
  }
  const pool = await LocalUserPool.create(POOL_CONFIG);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(pool.export(), null, 2)}\n`, { mode: 0o600 });
  return pool;
}

/** `apigw-lab token`: prints one token and a newline. */
export async function runToken(options: TokenOptions, output: { out(text: string): void }): Promise<void> {
  const pool = await loadOrCreatePool(options.pool);
  const token = await pool.issue({
    user: options.user,
    groups: options.groups,
    scopes: options.scopes,
    tokenUse: options.tokenUse,
    expiresInSeconds: options.expiresInSeconds,
    ...(options.email !== undefined ? { email: options.email } : {}),
  });
  output.out(`${token}\n`);
}

/**
 * Makes the REST API's Cognito authorizers trust a pool: the `--jwks` pools when given, else the local pool (for every
 * providerARN the APIs name, its file created on first use). Nothing happens for an API without Cognito authorizers.
 */
/** A Cognito user pool's issuer. */
const COGNITO_ISSUER = /^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/[\w-]+$/;

export async function registerUserPools(
  gateway: AnyGateway,
  apis: readonly ApiModel[],
  jwks: readonly { issuer: string; jwks: unknown }[],
  poolFile: string,
): Promise<void> {
  if (!(gateway instanceof RestGateway)) return;
  const arns = new Set<string>();
  for (const api of apis) {
    if (api.kind !== 'REST') continue;
    for (const authorizer of Object.values(api.cognitoAuthorizers ?? {}))
      authorizer.providerArns.forEach((a) => arns.add(a));
  }
  if (!arns.size) return;
  if (jwks.length) {
    for (const { issuer, jwks: keys } of jwks) {
      if (!COGNITO_ISSUER.test(issuer))
        throw new CliError(
          `--jwks ${issuer}=…: a REST API's Cognito authorizers trust user pools, whose issuer is https://cognito-idp.{region}.amazonaws.com/{userPoolId}`,
        );
      if (!keys || typeof keys !== 'object' || !Array.isArray((keys as { keys?: unknown }).keys))
        throw new CliError(`--jwks ${issuer}=…: not a JWKS (expected {"keys": [...]})`);
      gateway.putUserPool({ issuer, jwks: keys as { keys: [] } });
    }
    return;
  }
  const pool = await loadOrCreatePool(poolFile);
  for (const arn of arns) gateway.putUserPool({ issuer: pool.issuer, jwks: pool.jwks() }, arn);
}

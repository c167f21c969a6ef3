/**
 * "Copy as curl": the two shell commands that replay a sandbox's request on the reader's machine, the `apigw-lab
 * serve` command that serves the sandbox's example (README, "The CLI") and the curl command that sends the request as
 * the sandbox has it now (method, path and query, headers, body: the reader's edits included). Pure: used in the page
 * and by the tests that run both commands.
 */
import type { EndpointType } from '../emulator/rest/model.js';
import type { ExampleAccess, ExampleRequest, Language, RequestAuth } from '../examples/types.js';

/** One API a sandbox can run on, as `apigw-lab serve` takes it. Paths are relative to the repository root. */
export interface ServeApi {
  /** `examples/items/openapi.yaml` */
  definition: string;
  apiType: 'REST' | 'HTTP';
  /** A REST API's endpoint type (import-rest-api's parameter); EDGE, the CLI's default, when absent. */
  endpointType?: EndpointType;
  /** The stage its documented exchanges use (`dev`, or `$default` for an HTTP API). */
  stage: string;
}

/** What `apigw-lab serve` needs to serve a sandbox's example: built from the example's manifest at build time. */
export interface ServeSetup {
  /** The documented API first, then the others the sandbox can switch to (manifest `alsoRunsOn`). */
  apis: ServeApi[];
  /** The Lambda functions, each with its handler file per language. */
  functions: Array<{ name: string; files: Record<Language, string> }>;
  /** Stages with their variables (manifest `stages`), served together by repeated --stage flags. */
  stages?: Record<string, Record<string, string>>;
  /** A custom domain name with its base path mappings (manifest `customDomain`). */
  customDomain?: { domainName: string; basePathMappings: Array<{ basePath: string; stage: string }> };
  /** The command that starts the example's HTTP service first (manifest `upstream`), e.g. `node …/upstream-server.mjs`. */
  upstreamServer?: string;
  /**
   * The example's access (manifest `access`) as the values of repeated `apigw-lab serve` flags: `--api-key VALUE[=PLAN]`,
   * `--usage-plan NAME[:rate=R,burst=B,quota=N/PERIOD]`, `--credentials ACCESS_KEY:SECRET[:ARN]` (serve-setup.ts).
   */
  access?: { apiKeys: string[]; usagePlans: string[]; credentials: string[]; identityPolicies?: string[] };
  /** The user pool's users (manifest `access.users`): their groups and scopes, for `apigw-lab token`. */
  users?: ExampleAccess['users'];
  /** The stage's get-stage JSON file (manifest `stageConfig`), for `--stage-config FILE` (issue #12). */
  stageConfig?: string;
  /** The web ACL's get-web-acl JSON file (manifest `webAcl`), for `--web-acl FILE` (issue #12). */
  webAcl?: string;
  /** The embedded AWS services' resources (manifest `services`), for `--services FILE` (issue #14). */
  services?: string;
}

/** The sandbox's state when the reader copies: the request, and which API, language, stage and URL it runs on. */
export interface CurlInput {
  setup: ServeSetup;
  request: ExampleRequest;
  /** Index into `setup.apis`. */
  api: number;
  language: Language;
  /** The URL the request's path follows on AWS (the stage's invoke URL, or the custom domain's). */
  invokeUrl: string;
  /** Whether the request goes through the custom domain name (its Host header is sent). */
  viaDomain: boolean;
  /** How the sandbox signs in or signs the request (its "Sign in as" / "Sign this request" controls); none: sent as is. */
  auth?: RequestAuth;
  /** Where `apigw-lab serve` listens (its defaults: 127.0.0.1:3000). */
  host?: string;
  port?: number;
}

export interface CurlCommands {
  serve: string;
  curl: string;
}

/** A word for a POSIX shell: as is when it has only safe characters, else in single quotes (' written '\''). */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

const has = (headers: ExampleRequest['headers'], name: string) =>
  headers.some(([k]) => k.toLowerCase() === name.toLowerCase());

/** The `apigw-lab serve` command that serves the example's API as the sandbox runs it, with the handlers of `language`. */
export function serveCommand(input: Pick<CurlInput, 'setup' | 'api' | 'language' | 'port' | 'host'>): string {
  const { setup } = input;
  const api = setup.apis[input.api];
  if (!api) throw new RangeError(`no API ${input.api} in this sandbox (it has ${setup.apis.length})`);
  const args = ['npx', 'apigw-lab', 'serve', api.definition];
  if (api.apiType === 'HTTP') args.push('--api-type', 'http');
  else if (api.endpointType && api.endpointType !== 'EDGE')
    args.push('--endpoint-type', api.endpointType.toLowerCase());
  for (const fn of setup.functions) args.push('--function', `${fn.name}=${fn.files[input.language]}`);
  // The documented API's stages (with their variables), or the one stage the API's exchanges use.
  const stages = input.api === 0 && setup.stages ? setup.stages : { [api.stage]: {} };
  const names = Object.keys(stages);
  if (!(names.length === 1 && names[0] === 'dev')) for (const name of names) args.push('--stage', name);
  for (const [name, variables] of Object.entries(stages)) {
    for (const [key, value] of Object.entries(variables))
      args.push('--stage-variable', names.length === 1 ? `${key}=${value}` : `${name}:${key}=${value}`);
  }
  if (input.api === 0 && setup.customDomain) {
    args.push('--domain-name', setup.customDomain.domainName);
    for (const m of setup.customDomain.basePathMappings) args.push('--base-path-mapping', `${m.basePath}=${m.stage}`);
  }
  args.push(...accessFlags(setup.access));
  // The documented API's stage settings and web ACL (the files; the reader's edits stay in the page).
  if (input.api === 0 && setup.stageConfig) args.push('--stage-config', setup.stageConfig);
  if (input.api === 0 && setup.webAcl) args.push('--web-acl', setup.webAcl);
  if (setup.services) args.push('--services', setup.services);
  if (input.port !== undefined && input.port !== 3000) args.push('--port', String(input.port));
  if (input.host !== undefined && input.host !== '127.0.0.1') args.push('--host', input.host);
  const serve = args.map(shellQuote).join(' ');
  return setup.upstreamServer ? `${setup.upstreamServer} & ${serve}` : serve;
}

/** `--usage-plan`, `--api-key`, `--credentials` and `--identity-policy` flags of an example's access setup (README, "The CLI"). */
export function accessFlags(access: ServeSetup['access']): string[] {
  if (!access) return [];
  return [
    ...access.usagePlans.flatMap((plan) => ['--usage-plan', plan]),
    ...access.apiKeys.flatMap((key) => ['--api-key', key]),
    ...access.credentials.flatMap((credential) => ['--credentials', credential]),
    ...(access.identityPolicies ?? []).flatMap((policy) => ['--identity-policy', policy]),
  ];
}

/**
 * The `apigw-lab token` command that prints the token the sandbox signs in with (`auth.signInAs`): the user's groups,
 * and for an access token (`tokenUse: 'access'`) its scopes (`--scope` implies an access token; `--token-use access`
 * without scopes); an ID token otherwise, as the sandboxes sign in by default.
 */
export function tokenCommand(
  auth: { signInAs: string; tokenUse?: 'id' | 'access' },
  users: ExampleAccess['users'] = [],
): string {
  const user = users.find((u) => u.user === auth.signInAs);
  const args = ['npx', 'apigw-lab', 'token', '--user', auth.signInAs];
  for (const group of user?.groups ?? []) args.push('--group', group);
  // An ID token unless the auth asks for an access token (the sandboxes' default, as `apigw-lab token`'s).
  const scopes = auth.tokenUse === 'access' ? (user?.scopes ?? []) : [];
  for (const scope of scopes) args.push('--scope', scope);
  if (auth.tokenUse === 'access' && scopes.length === 0) args.push('--token-use', 'access');
  if (user?.email) args.push('--email', user.email);
  return args.map(shellQuote).join(' ');
}

/** A word for a POSIX shell in double quotes, with `$(command)` spliced in unquoted so the shell runs it. */
const withCommand = (before: string, command: string): string => `"${before.replace(/["\\$`]/g, '\\$&')}$(${command})"`;

/**
 * The curl command that sends the request to `apigw-lab serve`: the invoke URL's path (stage, or the custom domain's
 * base path) and the request's path and query on http://HOST:PORT, its headers in order, its body byte for byte.
 * Headers curl would add on its own (Accept, User-Agent, and a form Content-Type with a body) are removed unless the
 * request sets them, so the API receives the request the sandbox sends.
 */
export function curlCommand(input: CurlInput): string {
  const { request } = input;
  const base = new URL(input.invokeUrl).pathname.replace(/\/+$/, '');
  const url = `http://${input.host ?? '127.0.0.1'}:${input.port ?? 3000}${base}${request.path}`;
  const args = ['curl', '-i'];
  // curl's URL globbing would read [] and {} in a path or query.
  if (/[[\]{}]/.test(url)) args.push('-g');
  // -X HEAD would wait for a body that never comes: -I sends a HEAD.
  if (request.method === 'HEAD') args.push('-I');
  else if (request.method !== 'GET' || request.body) args.push('-X', request.method);
  args.push(url);
  const domain = input.viaDomain && input.api === 0 ? input.setup.customDomain : undefined;
  if (domain && !has(request.headers, 'Host')) args.push('-H', `Host: ${domain.domainName}`);
  const auth = input.auth;
  // Signed in: the token goes in its header (`Authorization` by default), in place of one the form has.
  const tokenHeader = auth && 'signInAs' in auth ? (auth.header ?? 'Authorization') : null;
  const headers = tokenHeader
    ? request.headers.filter(([k]) => k.toLowerCase() !== tokenHeader.toLowerCase())
    : request.headers;
  // `-H 'Name;'` sends a header with an empty value (`-H 'Name:'` would remove it).
  for (const [name, value] of headers) args.push('-H', value === '' ? `${name};` : `${name}: ${value}`);
  for (const name of ['Accept', 'User-Agent']) if (!has(request.headers, name)) args.push('-H', `${name}:`);
  const body = request.body ?? '';
  if (body !== '') {
    if (!has(request.headers, 'Content-Type')) args.push('-H', 'Content-Type:');
    // --data-raw: the text as is (no @file, no newline stripping).
    args.push('--data-raw', body);
  }
  const words = args.map(shellQuote);
  if (auth && 'signWith' in auth) {
    // curl signs the request itself with Signature Version 4 (curl 7.75 and later).
    // `ACCESS_KEY:SECRET[:ARN]` (an ARN has colons of its own; a key and a secret have none).
    const credential = input.setup.access?.credentials.find((c) => c.startsWith(`${auth.signWith}:`));
    if (!credential) throw new RangeError(`no credentials with the access key ${auth.signWith} in this example`);
    const [accessKeyId, secretAccessKey] = credential.split(':') as [string, string];
    words.push('--aws-sigv4', shellQuote('aws:amz:us-east-1:execute-api'));
    words.push('--user', shellQuote(`${accessKeyId}:${secretAccessKey}`));
  } else if (auth && tokenHeader) {
    words.push(
      '-H',
      withCommand(`${tokenHeader}: ${auth.scheme ? `${auth.scheme} ` : ''}`, tokenCommand(auth, input.setup.users)),
    );
  }
  return words.join(' ');
}

/** Both commands for the sandbox's current request. */
export function curlCommands(input: CurlInput): CurlCommands {
  return { serve: serveCommand(input), curl: curlCommand(input) };
}

/**
 * run-sandbox.ts through the Worker runtime's core path (gateway-core with a JSON definition, as the gateway worker
 * runs it; the invoker dispatching by function name as the gateway worker's does): a handler and a Lambda authorizer,
 * the example's access, sessions (an authorizer cache hit, a quota), requests sent first, sign in as, sign with.
 */
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import type { InvokeOutcome, LambdaInvoker } from '../../src/emulator/index.js';
import { loadExample } from '../../src/examples/load-node.js';
import { invokeJsHandler, type JsHandler } from '../../src/lambda/js-handler.js';
import { parseDefinition } from '../../src/runtime/run-in-gateway.js';
import { runSandboxWith } from '../../src/runtime/run-sandbox.js';
import { sandboxSessions } from '../../src/runtime/sandbox-session-run.js';
import { SessionCache } from '../../src/runtime/run-session.js';
import type { RunRequest, SandboxRun } from '../../src/runtime/types.js';
import { parseJsonDefinition } from '../../src/runtime/worker/gateway-core.js';
import { dispatchingInvoker } from '../../src/runtime/worker/function-specs.js';
import { handler as authHandler } from '../fixtures/examples/access-items/auth.js';
import { handler as itemsHandler } from '../fixtures/examples/access-items/items_handler.js';
import { runOf } from '../examples/example-runner.js';

const example = loadExample('test/fixtures/examples/access-items');
const JSON_DEFINITION = JSON.stringify(parseDefinition(example.definition));
const modules: Record<string, JsHandler> = {
  items_handler: itemsHandler as unknown as JsHandler,
  auth: authHandler as unknown as JsHandler,
  /** Echoes an HTTP API's JWT claims (payload 2.0). */
  jwt_echo: (async (event: { requestContext: { authorizer?: { jwt?: unknown } } }) => ({
    statusCode: 200,
    body: JSON.stringify(event.requestContext.authorizer?.jwt ?? null),
  })) as unknown as JsHandler,
};

/** An HTTP API whose route takes JWTs of issuer https://auth.example.com for audience my-client, with a scope. */
const JWT_API = JSON.stringify({
  openapi: '3.0.1',
  info: { title: 'jwt', version: '1' },
  components: {
    securitySchemes: {
      jwt: {
        type: 'oauth2',
        flows: {},
        'x-amazon-apigateway-authorizer': {
          type: 'jwt',
          identitySource: '$request.header.Authorization',
          jwtConfiguration: { issuer: 'https://auth.example.com', audience: ['my-client'] },
        },
      },
    },
  },
  paths: {
    '/me': {
      get: {
        security: [{ jwt: ['items/read'] }],
        'x-amazon-apigateway-integration': {
          type: 'aws_proxy',
          payloadFormatVersion: '2.0',
          httpMethod: 'POST',
          uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:jwt_echo/invocations',
        },
      },
    },
  },
});
/** Which function ran, by name and source, in order. */
let calls: string[] = [];
const invoke = (run: SandboxRun): LambdaInvoker =>
  dispatchingInvoker(run, (spec, inv): Promise<InvokeOutcome> => {
    calls.push(`${spec.moduleName}:${spec.source.length}`);
    return invokeJsHandler(modules[spec.moduleName]!, inv.event, inv.context);
  });

const get = (path: string, headers: Array<[string, string]> = []): RunRequest => ({
  method: 'GET',
  path,
  headers,
  body: null,
});
/** The fixture's run in TypeScript, its definition as JSON (what the page sends the gateway worker). */
const runFor = (request: RunRequest, extra: Partial<SandboxRun> = {}): SandboxRun => ({
  ...runOf(example, 'typescript', request),
  definition: JSON_DEFINITION,
  ...extra,
});
const serve = (run: SandboxRun, options: { now?: () => number } = {}) =>
  runSandboxWith(parseJsonDefinition, run, invoke(run), { runtime: 'worker', ...options });

describe("runSandboxWith on the Worker runtime's core path", () => {
  it('runs the authorizer and the handler, two functions of one run', async () => {
    calls = [];
    const outcome = await serve(runFor(get('/items', [['Authorization', 'allow-alice']])));
    expect(outcome.response.status).toBe(200);
    expect(JSON.parse(outcome.response.body)).toEqual({ path: '/items', caller: 'alice', keyed: false });
    expect(calls.map((c) => c.split(':')[0])).toEqual(['auth', 'items_handler']);
    expect(outcome.authorizer).toMatchObject({ type: 'TOKEN', functionName: 'auth', decision: 'allow', cached: false });
    expect(outcome.sentRequest).toBeUndefined();
  });

  it('a session keeps the authorizer cache and the quota between runs; without one, every run starts afresh', async () => {
    const allow = get('/items', [['Authorization', 'allow-alice']]);
    const cached = async (extra: Partial<SandboxRun>) => (await serve(runFor(allow, extra))).authorizer?.cached;
    expect([await cached({ session: 'a' }), await cached({ session: 'a' }), await cached({})]).toEqual([
      false,
      true,
      false,
    ]);
    expect(await cached({ session: 'b' })).toBe(false);
    // An edit (here: the authorizer's source) deploys afresh.
    const edited = runFor(allow, { session: 'a' });
    edited.functions = edited.functions!.map((f) => ({ ...f, source: `${f.source}\n// edited` }));
    expect((await serve(edited)).authorizer?.cached).toBe(false);

    const keyed = get('/quota', [['x-api-key', 'fixture-key-0123456789abcdef']]);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await serve(runFor(keyed, { session: 'q' }))).response.status);
    expect(statuses).toEqual([200, 200, 429]);
    expect((await serve(runFor(keyed))).response.status).toBe(200);
    expect(sandboxSessions.keys.length).toBeLessThanOrEqual(sandboxSessions.size);
  });

  it("a session's gateway runs the current run's handler source (the invoker is the run's)", async () => {
    const sessions = new SessionCache<never>(4) as never;
    calls = [];
    const run = runFor(get('/items', [['Authorization', 'allow-alice']]), { session: 's' });
    await runSandboxWith(parseJsonDefinition, run, invoke(run), { runtime: 'worker', sessions });
    const other = { ...run };
    const otherInvoke = dispatchingInvoker(other, async (spec, inv) => {
      calls.push(`second:${spec.moduleName}`);
      return invokeJsHandler(modules[spec.moduleName]!, inv.event, inv.context);
    });
    const second = await runSandboxWith(parseJsonDefinition, other, otherInvoke, { runtime: 'worker', sessions });
    expect(second.authorizer?.cached).toBe(true);
    expect(calls).toEqual([
      expect.stringMatching(/^auth:/),
      expect.stringMatching(/^items_handler:/),
      'second:items_handler',
    ]);
  });

  it('sends the requests sent first on the same gateway, their outcomes discarded', async () => {
    const keyed = get('/quota', [['x-api-key', 'fixture-key-0123456789abcdef']]);
    const outcome = await serve(runFor(keyed, { before: [keyed, keyed] }));
    expect([outcome.response.status, outcome.response.body]).toEqual([429, '{"message":"Limit Exceeded"}']);
  });

  it("signs in as a user: an ID token of the API's pool, with the run's clock; the request as sent in the outcome", async () => {
    const now = Date.UTC(2026, 11, 3, 12, 0, 0);
    const outcome = await serve(runFor(get('/me', [['Accept', '*/*']]), { auth: { signInAs: 'alice' } }), {
      now: () => now,
    });
    expect(outcome.response.status).toBe(200);
    expect(outcome.authorizer).toMatchObject({ type: 'COGNITO_USER_POOLS', decision: 'allow' });
    const [name, token] = outcome.sentRequest!.headers[1]!;
    expect(name).toBe('Authorization');
    const claims = decodeJwt(token);
    expect([claims.iss, claims.iat, claims['cognito:groups']]).toEqual([
      'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example',
      now / 1000,
      ['admin'],
    ]);
    const refused = await serve(runFor(get('/me')));
    expect(refused.response.status).toBe(401);
  });

  it("signs with an access key: SigV4 headers after the request's, and how it was signed", async () => {
    const outcome = await serve(
      runFor(get('/signed', [['Accept', 'application/json']]), { auth: { signWith: 'AKIAIOSFODNN7EXAMPLE' } }),
    );
    expect(outcome.response.status).toBe(200);
    expect(JSON.parse(outcome.response.body).caller).toBe('arn:aws:iam::123456789012:user/bob');
    expect(outcome.sentRequest!.headers.map(([n]) => n)).toEqual(['Accept', 'X-Amz-Date', 'Authorization']);
    expect(outcome.signing!.stringToSign.split('\n')[0]).toBe('AWS4-HMAC-SHA256');
    expect(outcome.authorizer).toMatchObject({ type: 'AWS_IAM', decision: 'allow' });
  });

  it("signs in to an HTTP API's JWT authorizer: the sandbox pool as its issuer, an access token with the user's scopes", async () => {
    const run: SandboxRun = {
      ...runFor(get('/me')),
      apiType: 'HTTP',
      definition: JWT_API,
      stage: '$default',
      invokeUrl: 'https://abc1234567.execute-api.us-east-1.amazonaws.com',
      functionName: 'jwt_echo',
      moduleName: 'jwt_echo',
      functions: [],
      access: { users: [{ user: 'carol', scopes: ['items/read'] }] },
    };
    const ok = await serve({ ...run, auth: { signInAs: 'carol', tokenUse: 'access', scheme: 'Bearer' } });
    expect(ok.response.status).toBe(200);
    const jwt = JSON.parse(ok.response.body) as { claims: Record<string, string>; scopes: string[] };
    expect([jwt.claims.iss, jwt.claims.client_id, jwt.claims.username, jwt.scopes]).toEqual([
      'https://auth.example.com',
      'my-client',
      'carol',
      ['items/read'],
    ]);
    // An ID token carries no scope: the route's scope is missing (403).
    expect((await serve({ ...run, auth: { signInAs: 'carol' } })).response.status).toBe(403);
  });

  it('refuses an unknown user or access key with a clear error', async () => {
    await expect(serve(runFor(get('/me'), { auth: { signInAs: 'mallory' } }))).rejects.toThrow(
      /sign in as "mallory": no such user/,
    );
    await expect(serve(runFor(get('/signed'), { auth: { signWith: 'AKIAUNKNOWN000000000' } }))).rejects.toThrow(
      /sign with "AKIAUNKNOWN000000000": no such access key id/,
    );
  });

  it('refuses API keys on an HTTP API', async () => {
    const http = runOf(loadExample('examples/items-http-api'), 'typescript', get('/items'));
    await expect(
      runSandboxWith(
        parseDefinition,
        { ...http, access: { apiKeys: [{ value: 'fixture-key-0123456789abcdef' }] } },
        invoke(http),
        { runtime: 'worker' },
      ),
    ).rejects.toThrow(/REST API feature/);
  });
});

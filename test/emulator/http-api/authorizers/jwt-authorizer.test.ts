import { describe, expect, it } from 'vitest';
import { httpGatewayFor, ok, req } from '../helpers.js';
import { AUDIENCE, ISSUER, jwtApiDoc, keyPair, NOW_S } from './jwt-fixture.js';

type Event = { requestContext: Record<string, unknown> & { authorizer?: unknown } };

async function setup(format: '1.0' | '2.0' = '2.0', identitySource?: string) {
  const keys = await keyPair();
  const served = httpGatewayFor(jwtApiDoc(format, identitySource), () => ok({ statusCode: 200, body: 'ok' }));
  served.gateway.putJwks(ISSUER, keys.jwks);
  const get = async (path: string, token?: string) =>
    (await served.gateway.handle(req(path, token === undefined ? {} : { headers: { authorization: token } }))).response;
  return { ...keys, ...served, get };
}

const UNAUTHORIZED = (description: string) =>
  `Bearer scope="" error="invalid_token" error_description="${description}"`;

describe('HTTP API JWT authorizer (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html)', () => {
  it('lets a valid token with one of the route scopes through, claims as strings and scopes in requestContext.authorizer.jwt (payload 2.0)', async () => {
    const { get, sign, invocations } = await setup();
    const token = await sign({ scope: 'items/read items/write', 'cognito:groups': ['admin', 'users'] });
    const res = await get('/items', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
    const event = invocations[0]!.event as Event;
    expect(Object.keys(event.requestContext).slice(0, 3)).toEqual(['accountId', 'apiId', 'authorizer']);
    expect(event.requestContext.authorizer).toEqual({
      jwt: {
        claims: {
          iss: ISSUER,
          aud: AUDIENCE,
          iat: String(NOW_S - 60),
          exp: String(NOW_S + 3600),
          sub: 'alice',
          scope: 'items/read items/write',
          'cognito:groups': '[admin users]',
        },
        scopes: ['items/read', 'items/write'],
      },
    });
  });

  it('accepts the token without the Bearer prefix ("only the token, or the token prefixed with Bearer")', async () => {
    const { get, sign } = await setup();
    expect((await get('/open', await sign())).status).toBe(200);
  });

  it('gives scopes null when the token has none, on a route that lists none', async () => {
    const { get, sign, invocations } = await setup();
    expect((await get('/open', `Bearer ${await sign()}`)).status).toBe(200);
    expect((invocations[0]!.event as Event).requestContext.authorizer).toMatchObject({ jwt: { scopes: null } });
  });

  it('payload 1.0: requestContext.authorizer.claims and .scopes', async () => {
    const { get, sign, invocations } = await setup('1.0');
    expect((await get('/items', `Bearer ${await sign({ scp: ['items/read'] })}`)).status).toBe(200);
    expect((invocations[0]!.event as Event).requestContext.authorizer).toEqual({
      claims: expect.objectContaining({ sub: 'alice', scp: '[items/read]' }),
      scopes: ['items/read'],
    });
  });

  it('leaves routes without security alone: no authorizer in the event', async () => {
    const { get, invocations } = await setup();
    expect((await get('/public')).status).toBe(200);
    expect((invocations[0]!.event as Event).requestContext.authorizer).toBeUndefined();
  });

  it('a missing token → 401 {"message":"Unauthorized"}, the function not called', async () => {
    const { get, invocations } = await setup();
    const res = await get('/items');
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('{"message":"Unauthorized"}');
    expect(invocations).toHaveLength(0);
  });

  it("a wrong audience → 401 with AWS's captured www-authenticate (http-api-troubleshooting-jwt.html)", async () => {
    const { get, sign } = await setup();
    const res = await get('/items', `Bearer ${await sign({ aud: 'someone-else', scope: 'items/read' })}`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(
      'Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"',
    );
    expect(await res.text()).toBe('{"message":"Unauthorized"}');
  });

  it('checks client_id only when aud is absent ("When both aud and client_id are present, API Gateway evaluates aud")', async () => {
    const { get, sign } = await setup();
    expect((await get('/open', `Bearer ${await sign({ aud: undefined, client_id: AUDIENCE })}`)).status).toBe(200);
    expect((await get('/open', `Bearer ${await sign({ aud: 'nope', client_id: AUDIENCE })}`)).status).toBe(401);
    expect((await get('/open', `Bearer ${await sign({ aud: ['x', 'other-client'] })}`)).status).toBe(200);
  });

  it.each([
    ['an expired token', { exp: NOW_S - 1 }, 'the token has expired'],
    ['a token not valid yet (nbf)', { nbf: NOW_S + 60 }, 'the token is not valid yet'],
    ['a token issued in the future (iat)', { iat: NOW_S + 60 }, 'the token was issued in the future'],
    ['another issuer', { iss: 'https://evil.example.com' }, 'the token does not have a valid issuer'],
  ])('%s → 401 (description assumed)', async (_name, claims, description) => {
    const { get, sign } = await setup();
    const res = await get('/open', `Bearer ${await sign(claims)}`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(UNAUTHORIZED(description));
  });

  it('verifies the signature for real: a token signed by another key, or tampered with, is refused', async () => {
    const { get } = await setup();
    const other = await keyPair(); // same kid, different key
    expect((await get('/open', `Bearer ${await other.sign()}`)).headers.get('www-authenticate')).toBe(
      UNAUTHORIZED('the token signature is invalid'),
    );
    const mine = await setup();
    const [h, , s] = (await mine.sign()).split('.');
    const forged = Buffer.from(JSON.stringify({ iss: ISSUER, aud: AUDIENCE, exp: NOW_S + 60, sub: 'root' })).toString(
      'base64url',
    );
    expect((await mine.get('/open', `Bearer ${h}.${forged}.${s}`)).status).toBe(401);
    expect((await mine.get('/open', 'Bearer not-a-jwt')).headers.get('www-authenticate')).toBe(
      UNAUTHORIZED('the token is malformed'),
    );
  });

  it('refuses a token without kid, or whose kid is not in the JWKS ("kid – The token must have a header claim that matches the key")', async () => {
    const { get, sign } = await setup();
    expect((await get('/open', `Bearer ${await sign({}, { kid: null })}`)).status).toBe(401);
    expect((await get('/open', `Bearer ${await sign({}, { kid: 'k9' })}`)).headers.get('www-authenticate')).toBe(
      UNAUTHORIZED('the token was signed by an unknown key'),
    );
  });

  it('a valid token without any of the route scopes → 403 {"message":"Forbidden"} with www-authenticate (assumed)', async () => {
    const { get, sign, invocations } = await setup();
    const res = await get('/items', `Bearer ${await sign({ scope: 'items/write' })}`);
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('{"message":"Forbidden"}');
    expect(res.headers.get('www-authenticate')).toBe(
      'Bearer scope="items/read" error="insufficient_scope" error_description="expected scopes: items/read"',
    );
    expect(invocations).toHaveLength(0);
  });

  it('without a JWKS for the issuer every token is refused with 401', async () => {
    const keys = await keyPair();
    const { gateway } = httpGatewayFor(jwtApiDoc(), () => ok('x'));
    const res = (await gateway.handle(req('/open', { headers: { authorization: `Bearer ${await keys.sign()}` } })))
      .response;
    expect(res.status).toBe(401);
  });

  it('reads the token from a query string identity source', async () => {
    const { gateway, sign } = await setup('2.0', '$request.querystring.token');
    expect((await gateway.handle(req(`/open?token=${await sign()}`))).response.status).toBe(200);
    expect((await gateway.handle(req('/open'))).response.status).toBe(401);
  });

  it('putJwks refuses a document that is not a JWKS', async () => {
    const { gateway } = await setup();
    expect(() => gateway.putJwks(ISSUER, { keys: 'x' } as never)).toThrow(/not a JSON Web Key Set/);
  });
});

describe("the JWT authorizer's trace record (the sandbox's Authorizer panel)", () => {
  const traceOf = async (setupDone: Awaited<ReturnType<typeof setup>>, token?: string) =>
    (await setupDone.gateway.handle(req('/items', token === undefined ? {} : { headers: { authorization: token } })))
      .trace.authorizer;

  it('records the verified claims and scopes on an allow, why it refused otherwise', async () => {
    const served = await setup();
    const allowed = await traceOf(served, `Bearer ${await served.sign({ scope: 'items/read' })}`);
    expect(allowed).toMatchObject({ type: 'JWT', functionName: '', event: null, decision: 'allow', cached: false });
    expect(allowed?.outcome).toEqual({
      kind: 'result',
      payload: { claims: expect.objectContaining({ sub: 'alice', scope: 'items/read' }), scopes: ['items/read'] },
    });
    const denied = await traceOf(served, `Bearer ${await served.sign({ scope: 'other/scope' })}`);
    expect(denied).toMatchObject({ decision: 'deny', outcome: { kind: 'skipped' } });
    const missing = await traceOf(served);
    expect(missing).toMatchObject({
      decision: 'unauthorized',
      outcome: { kind: 'skipped', reason: expect.stringContaining('no token') },
    });
  });
});

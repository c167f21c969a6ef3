import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import {
  exportHttpApiOpenApi,
  HttpApiGateway,
  importHttpApi,
  type LambdaInvocation,
} from '../../../../src/emulator/index.js';
import { URL_BASE } from '../helpers.js';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const ROLE_ARN = 'arn:aws:sts::111122223333:assumed-role/Reader/alice-session';
const FN =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:items/invocations';

const route = (format: string, extra: Record<string, unknown> = {}) => ({
  ...extra,
  'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: FN, payloadFormatVersion: format },
});

/** `x-amazon-apigateway-auth: {type: AWS_IAM}` on GET /items, as AWS's extension page writes it; GET /open without. */
const iamDoc = (format = '2.0') => ({
  openapi: '3.0.1',
  info: { title: 'HttpIam', version: '1' },
  paths: {
    '/items': { get: route(format, { 'x-amazon-apigateway-auth': { type: 'AWS_IAM' } }) },
    '/open': { get: route(format) },
  },
});

function setUp(doc: unknown = iamDoc()) {
  const calls: LambdaInvocation[] = [];
  const gateway = new HttpApiGateway({
    now: () => NOW,
    invoke: async (inv) => {
      calls.push(inv);
      return { kind: 'result', payload: { statusCode: 200, body: 'ok' }, logs: [] };
    },
  });
  const deployment = gateway.deploy(importHttpApi(doc, { apiId: 'abc123defg' }));
  gateway.putStage({ name: '$default', deploymentId: deployment.id });
  gateway.putCredentials({ accessKeyId: KEY, secretAccessKey: SECRET, arn: ROLE_ARN });
  const send = async (path: string, headers: Array<[string, string]>) => {
    const { response, trace } = await gateway.handle(new Request(`${URL_BASE}${path}`), { rawHeaders: headers });
    return { status: response.status, headers: response.headers, body: await response.text(), trace };
  };
  const event = () => calls[0]!.event as { requestContext: Record<string, unknown> };
  return { gateway, calls, send, event };
}

async function sdkSign(path: string, { secret = SECRET, at = NOW } = {}): Promise<Array<[string, string]>> {
  const url = new URL(`${URL_BASE}${path}`);
  const signer = new SignatureV4({
    service: 'execute-api',
    region: 'us-east-1',
    credentials: { accessKeyId: KEY, secretAccessKey: secret },
    sha256: Sha256,
  });
  const signed = await signer.sign(
    { method: 'GET', protocol: 'https:', hostname: url.hostname, path: url.pathname, headers: { host: url.host } },
    { signingDate: new Date(at) },
  );
  return Object.entries(signed.headers);
}

// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control-iam.html
describe('IAM authorization (AWS_IAM) of an HTTP API route', () => {
  it('admits a signed request and passes the caller as requestContext.authorizer.iam (payload 2.0, aws-lambda-go apigw-v2-request-iam.json)', async () => {
    const g = setUp();
    const r = await g.send('/items', await sdkSign('/items'));
    expect(r.status).toBe(200);
    const { authorizer } = g.event().requestContext as { authorizer: { iam: Record<string, unknown> } };
    expect(Object.keys(authorizer.iam)).toEqual([
      'accessKey',
      'accountId',
      'callerId',
      'cognitoIdentity',
      'principalOrgId',
      'userArn',
      'userId',
    ]);
    expect(authorizer.iam).toMatchObject({
      accessKey: KEY,
      accountId: '111122223333',
      cognitoIdentity: null,
      principalOrgId: null,
      userArn: ROLE_ARN,
    });
    expect(authorizer.iam.userId).toMatch(/^AROA[A-Z0-9]{17}$/);
    expect(authorizer.iam.callerId).toBe(`${authorizer.iam.userId as string}:alice-session`);
    expect(r.trace.authorizer).toMatchObject({ type: 'AWS_IAM', decision: 'allow', event: null });
  });

  it('fills payload 1.0 requestContext.identity instead', async () => {
    const g = setUp(iamDoc('1.0'));
    expect((await g.send('/items', await sdkSign('/items'))).status).toBe(200);
    const { identity, authorizer } = g.event().requestContext as {
      identity: Record<string, unknown>;
      authorizer?: unknown;
    };
    expect(identity).toMatchObject({ accessKey: KEY, accountId: '111122223333', userArn: ROLE_ARN });
    expect(identity.caller).toMatch(/^AROA[A-Z0-9]{17}:alice-session$/);
    expect(authorizer).toBeUndefined();
  });

  it('answers an unsigned request 403 {"message":"Forbidden"} without calling the function (assumed)', async () => {
    const g = setUp();
    const r = await g.send('/items', []);
    expect(r.status).toBe(403);
    expect(r.body).toBe('{"message":"Forbidden"}');
    expect(g.calls).toEqual([]);
    expect((await g.send('/open', [])).status).toBe(200);
  });

  it('answers a wrong secret and an expired signature with SigV4 messages', async () => {
    const g = setUp();
    const wrong = await g.send('/items', await sdkSign('/items', { secret: 'nope' }));
    expect(wrong.status).toBe(403);
    expect(JSON.parse(wrong.body).message).toMatch(
      /^The request signature we calculated does not match the signature you provided\..*\n\nThe Canonical String for this request should have been\n'GET\n\/items\n/s,
    );
    const old = await g.send('/items', await sdkSign('/items', { at: NOW - 6 * 60_000 }));
    expect(old.body).toBe(
      '{"message":"Signature expired: 20261126T115400Z is now earlier than 20261126T115500Z (20261126T120000Z - 5 min.)"}',
    );
  });

  it('answers a caller its identity policy does not allow 403 {"message":"Forbidden"}, evaluated on the route ARN', async () => {
    const g = setUp();
    g.gateway.putIdentityPolicy(ROLE_ARN, {
      Statement: [
        {
          Effect: 'Allow',
          Action: 'execute-api:Invoke',
          Resource: 'arn:aws:execute-api:us-east-1:*:abc123defg/$default/POST/*',
        },
      ],
    });
    const denied = await g.send('/items', await sdkSign('/items'));
    expect(denied.status).toBe(403);
    expect(denied.body).toBe('{"message":"Forbidden"}');
    g.gateway.putIdentityPolicy(ROLE_ARN, {
      Statement: [
        {
          Effect: 'Allow',
          Action: 'execute-api:Invoke',
          Resource: 'arn:aws:execute-api:us-east-1:*:abc123defg/$default/GET/items',
        },
      ],
    });
    expect((await g.send('/items', await sdkSign('/items'))).status).toBe(200);
  });

  it('exports the route with x-amazon-apigateway-auth, which imports back', () => {
    const api = importHttpApi(iamDoc(), { apiId: 'abc123defg' });
    const doc = exportHttpApiOpenApi(api) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    expect(doc.paths['/items']!.get!['x-amazon-apigateway-auth']).toEqual({ type: 'AWS_IAM' });
    expect(doc.paths['/open']!.get!['x-amazon-apigateway-auth']).toBeUndefined();
    expect(importHttpApi(doc, { apiId: 'abc123defg' }).routes).toEqual(api.routes);
  });

  it('reads a route whose security names an awsSigv4 scheme as AWS_IAM', () => {
    const doc = {
      openapi: '3.0.1',
      info: { title: 'HttpIam', version: '1' },
      components: {
        securitySchemes: {
          sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' },
        },
      },
      paths: { '/items': { get: route('2.0', { security: [{ sigv4: [] }] }) } },
    };
    expect(importHttpApi(doc).routes[0]!.iam).toBe(true);
  });
});

import { createHash } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { RestGateway, importOpenApi, type LambdaInvocation } from '../../../../src/emulator/index.js';
import { fnUri, ORIGIN } from './fixtures.js';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const HOST = 'abc123defg.execute-api.us-east-1.amazonaws.com';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const USER_ARN = 'arn:aws:iam::123456789012:user/apigw-lab';

const proxy = (security?: unknown) => ({
  ...(security === undefined ? {} : { security }),
  'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: fnUri('backend') },
});

/** What API Gateway exports for AWS_IAM methods: a `sigv4` scheme named by each method's `security`. */
const iamDoc = (gatewayResponses?: unknown) => ({
  openapi: '3.0.1',
  info: { title: 'IamTests', version: '1' },
  components: {
    securitySchemes: {
      sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' },
    },
  },
  paths: {
    '/items': { get: proxy([{ sigv4: [] }]), post: proxy([{ sigv4: [] }]) },
    '/open': { get: proxy() },
  },
  ...(gatewayResponses ? { 'x-amazon-apigateway-gateway-responses': gatewayResponses } : {}),
});

function setUp(doc: unknown = iamDoc()) {
  const calls: LambdaInvocation[] = [];
  const gateway = new RestGateway({
    now: () => NOW,
    invoke: async (inv) => {
      calls.push(inv);
      const event = inv.event as { requestContext: Record<string, unknown> };
      return { kind: 'result', payload: { statusCode: 200, body: JSON.stringify(event.requestContext) }, logs: [] };
    },
  });
  const deployment = gateway.deploy(importOpenApi(doc, { apiId: 'abc123defg' }));
  gateway.putStage({ name: 'dev', deploymentId: deployment.id });
  gateway.putCredentials({ accessKeyId: KEY, secretAccessKey: SECRET });
  const send = async (path: string, headers: Array<[string, string]>, method = 'GET', body?: string) => {
    const { response, trace } = await gateway.handle(new Request(`${ORIGIN}${path}`, { method, body }), {
      rawHeaders: headers,
    });
    return { status: response.status, headers: response.headers, body: await response.text(), trace };
  };
  return { gateway, calls, send };
}

/** Signs as the AWS SDK for JavaScript does (smithy's SignatureV4, with x-amz-content-sha256). */
async function sdkSign(
  path: string,
  options: {
    method?: string;
    body?: string;
    key?: string;
    secret?: string;
    at?: number;
    headers?: Record<string, string>;
  } = {},
): Promise<Array<[string, string]>> {
  const { method = 'GET', body, key = KEY, secret = SECRET, at = NOW, headers = {} } = options;
  const url = new URL(`${ORIGIN}${path}`);
  const signer = new SignatureV4({
    service: 'execute-api',
    region: 'us-east-1',
    credentials: { accessKeyId: key, secretAccessKey: secret },
    sha256: Sha256,
  });
  const signed = await signer.sign(
    {
      method,
      protocol: 'https:',
      hostname: url.hostname,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { host: url.host, ...headers },
      body,
    },
    { signingDate: new Date(at) },
  );
  return Object.entries(signed.headers);
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

// https://docs.aws.amazon.com/apigateway/latest/developerguide/permissions.html
describe('IAM authorization (AWS_IAM) of a REST API method', () => {
  it('admits a request signed with a known key and puts the caller in requestContext.identity', async () => {
    const g = setUp();
    const r = await g.send('/dev/items', await sdkSign('/dev/items'));
    expect(r.status).toBe(200);
    const identity = (JSON.parse(r.body) as { identity: Record<string, unknown> }).identity;
    expect(identity).toMatchObject({ accessKey: KEY, accountId: '123456789012', userArn: USER_ARN });
    expect(identity.caller).toMatch(/^AIDA[A-Z0-9]{17}$/);
    expect(identity.user).toBe(identity.caller);
    expect(Object.keys(identity)).toEqual([...Object.keys(identity)].sort());
    expect(JSON.parse(r.body)).not.toHaveProperty('authorizer');
    expect(r.trace.authorizer).toMatchObject({ type: 'AWS_IAM', name: 'sigv4', decision: 'allow', event: null });
  });

  it('signs the query string and the body: a signed POST with both is admitted', async () => {
    const g = setUp();
    const body = '{"name":"pen & ink"}';
    const headers = await sdkSign('/dev/items?b=2&a=x%20y', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    const r = await g.send('/dev/items?b=2&a=x%20y', headers, 'POST', body);
    expect(r.status).toBe(200);
  });

  it('answers an unsigned request 403 {"message":"Missing Authentication Token"} (repost.aws api-gateway-iam-sigv4-mismatch)', async () => {
    const g = setUp();
    const r = await g.send('/dev/items', []);
    expect(r.status).toBe(403);
    expect(r.body).toBe('{"message":"Missing Authentication Token"}');
    expect(r.headers.get('x-amzn-ErrorType')).toBe('MissingAuthenticationTokenException');
    expect(r.trace.gatewayResponseType).toBe('MISSING_AUTHENTICATION_TOKEN');
    expect(g.calls).toEqual([]);
    expect(r.trace.authorizer).toMatchObject({ type: 'AWS_IAM', decision: 'deny', event: null });
  });

  it('leaves a method without AWS_IAM open', async () => {
    const g = setUp();
    const r = await g.send('/dev/open', []);
    expect(r.status).toBe(200);
    expect((JSON.parse(r.body) as { identity: Record<string, unknown> }).identity).toMatchObject({
      accessKey: null,
      caller: null,
      user: null,
      userArn: null,
    });
    expect(r.trace.authorizer).toBeUndefined();
  });

  it('answers a wrong secret with INVALID_SIGNATURE and the canonical string and string to sign it computed (captured: mhart/aws4#33)', async () => {
    const g = setUp();
    const r = await g.send('/dev/items', await sdkSign('/dev/items', { secret: 'not-the-secret' }));
    const canonical = [
      'GET',
      '/dev/items',
      '',
      `host:${HOST}`,
      `x-amz-content-sha256:${EMPTY_SHA256}`,
      'x-amz-date:20261126T120000Z',
      '',
      'host;x-amz-content-sha256;x-amz-date',
      EMPTY_SHA256,
    ].join('\n');
    const stringToSign = [
      'AWS4-HMAC-SHA256',
      '20261126T120000Z',
      '20261126/us-east-1/execute-api/aws4_request',
      sha256Hex(canonical),
    ].join('\n');
    expect(r.status).toBe(403);
    expect(r.body).toBe(
      JSON.stringify({
        message: `The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'${canonical}'\n\nThe String-to-Sign should have been\n'${stringToSign}'\n`,
      }),
    );
    expect(r.headers.get('x-amzn-ErrorType')).toBe('InvalidSignatureException');
    expect(r.trace.gatewayResponseType).toBe('INVALID_SIGNATURE');
    expect(g.calls).toEqual([]);
  });

  it('refuses a request changed after signing (another path, a changed body)', async () => {
    const g = setUp();
    expect((await g.send('/dev/items?x=1', await sdkSign('/dev/items'))).status).toBe(403);
    const headers = await sdkSign('/dev/items', { method: 'POST', body: '{"a":1}' });
    const tampered = headers.filter(([name]) => name !== 'x-amz-content-sha256');
    const r = await g.send('/dev/items', tampered, 'POST', '{"a":2}');
    expect(r.status).toBe(403);
    expect(r.trace.gatewayResponseType).toBe('INVALID_SIGNATURE');
  });

  it('answers a signature more than 5 minutes old "Signature expired: …" (captured: mhart/aws4#118)', async () => {
    const g = setUp();
    const r = await g.send('/dev/items', await sdkSign('/dev/items', { at: NOW - 10 * 60_000 }));
    expect(r.status).toBe(403);
    expect(r.body).toBe(
      '{"message":"Signature expired: 20261126T115000Z is now earlier than 20261126T115500Z (20261126T120000Z - 5 min.)"}',
    );
    expect(r.headers.get('x-amzn-ErrorType')).toBe('InvalidSignatureException');
    // Exactly 5 minutes old is still within the window.
    expect((await g.send('/dev/items', await sdkSign('/dev/items', { at: NOW - 5 * 60_000 }))).status).toBe(200);
  });

  it('answers a signature dated more than 5 minutes ahead "Signature not yet current: …" (captured: Roomba980-Python#118)', async () => {
    const g = setUp();
    const r = await g.send('/dev/items', await sdkSign('/dev/items', { at: NOW + 6 * 60_000 }));
    expect(r.status).toBe(403);
    expect(r.body).toBe(
      '{"message":"Signature not yet current: 20261126T120600Z is still later than 20261126T120500Z (20261126T120000Z + 5 min.)"}',
    );
  });

  it("answers a signature without X-Amz-Date or Date with AWS's IncompleteSignature message", async () => {
    const g = setUp();
    const headers = (await sdkSign('/dev/items')).filter(([name]) => name !== 'x-amz-date');
    const authorization = headers.find(([name]) => name === 'authorization')![1];
    const r = await g.send('/dev/items', headers);
    expect(r.status).toBe(403);
    expect(r.body).toBe(
      JSON.stringify({
        message: `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${authorization}`,
      }),
    );
    expect(r.headers.get('x-amzn-ErrorType')).toBe('IncompleteSignatureException');
  });

  it('answers a bearer token sent to an AWS_IAM method with every missing part named', async () => {
    const g = setUp();
    const r = await g.send('/dev/items', [['Authorization', 'Bearer abc.def.ghi']]);
    expect(r.status).toBe(403);
    expect(r.body).toBe(
      JSON.stringify({
        message:
          "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=Bearer abc.def.ghi",
      }),
    );
  });

  it('answers an unknown access key 403 "The security token included in the request is invalid." (captured, 68 bytes: Paw-AWSSignature4DynamicValue#5)', async () => {
    const g = setUp();
    const r = await g.send('/dev/items', await sdkSign('/dev/items', { key: 'AKIAUNKNOWNKEY000000' }));
    expect(r.status).toBe(403);
    expect(r.body).toBe('{"message":"The security token included in the request is invalid."}');
    expect(r.trace.responseHeaders).toContainEqual(['Content-Length', '68']);
    expect(r.headers.get('x-amzn-ErrorType')).toBe('UnrecognizedClientException');
  });

  it('answers a credential scoped to another Region or service', async () => {
    const g = setUp();
    const headers = (await sdkSign('/dev/items')).map(([n, v]): [string, string] => [
      n,
      n === 'authorization' ? v.replace('/us-east-1/', '/eu-west-1/') : v,
    ]);
    const r = await g.send('/dev/items', headers);
    expect(r.body).toBe(`{"message":"Credential should be scoped to a valid region, not 'eu-west-1'."}`);
  });

  it('denies a caller its identity policy does not allow, naming the method ARN with the account masked (repost.aws api-gateway-iam-sigv4-mismatch)', async () => {
    const g = setUp();
    g.gateway.putIdentityPolicy(USER_ARN, {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'execute-api:Invoke',
          Resource: 'arn:aws:execute-api:us-east-1:123456789012:abc123defg/dev/POST/*',
        },
      ],
    });
    const r = await g.send('/dev/items', await sdkSign('/dev/items'));
    expect(r.status).toBe(403);
    expect(r.body).toBe(
      `{"Message":"User: ${USER_ARN} is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********9012:abc123defg/dev/GET/items because no identity-based policy allows the execute-api:Invoke action"}`,
    );
    expect(r.headers.get('x-amzn-ErrorType')).toBe('AccessDeniedException');
    expect(r.trace.gatewayResponseType).toBe('ACCESS_DENIED');
    expect(g.calls).toEqual([]);
    const post = await g.send('/dev/items', await sdkSign('/dev/items', { method: 'POST' }), 'POST');
    expect(post.status).toBe(200);
  });

  it('lets an explicit Deny win over an Allow', async () => {
    const g = setUp();
    g.gateway.putIdentityPolicy(USER_ARN, {
      Statement: [
        { Effect: 'Allow', Action: 'execute-api:*', Resource: '*' },
        { Effect: 'Deny', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:*:*:abc123defg/*/GET/items' },
      ],
    });
    const r = await g.send('/dev/items', await sdkSign('/dev/items'));
    expect(r.status).toBe(403);
    expect(r.body).toContain(' with an explicit deny in an identity-based policy"}');
  });

  it('applies a customised INVALID_SIGNATURE gateway response', async () => {
    const g = setUp(
      iamDoc({
        INVALID_SIGNATURE: {
          statusCode: '401',
          responseTemplates: { 'application/json': '{"error":"bad signature"}' },
        },
      }),
    );
    const r = await g.send('/dev/items', await sdkSign('/dev/items', { secret: 'wrong' }));
    expect(r.status).toBe(401);
    expect(r.body).toBe('{"error":"bad signature"}');
  });

  it('reads x-amazon-apigateway-auth: {type: AWS_IAM} on an operation the same way', async () => {
    const doc = iamDoc();
    doc.paths['/items'].get = { ...proxy(), 'x-amazon-apigateway-auth': { type: 'aws_iam' } } as never;
    const g = setUp(doc);
    expect((await g.send('/dev/items', [])).status).toBe(403);
    expect((await g.send('/dev/items', await sdkSign('/dev/items'))).status).toBe(200);
  });

  it('$context.identity.accessKey, caller, user and userArn in a mapping template (api-gateway-mapping-template-reference.html)', async () => {
    const doc = iamDoc();
    (doc.paths as Record<string, unknown>)['/whoami'] = {
      get: {
        security: [{ sigv4: [] }],
        responses: { '200': { description: 'ok' } },
        'x-amazon-apigateway-integration': {
          type: 'mock',
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
          responses: {
            default: {
              statusCode: '200',
              responseTemplates: {
                'application/json':
                  '{"key":"$context.identity.accessKey","account":"$context.identity.accountId","caller":"$context.identity.caller","user":"$context.identity.user","arn":"$context.identity.userArn"}',
              },
            },
          },
        },
      },
    };
    const g = setUp(doc);
    const r = await g.send('/dev/whoami', await sdkSign('/dev/whoami'));
    expect(r.status).toBe(200);
    const who = JSON.parse(r.body) as Record<string, string>;
    expect(who).toMatchObject({ key: KEY, account: '123456789012', arn: USER_ARN });
    expect(who.caller).toMatch(/^AIDA[A-Z0-9]{17}$/);
    expect(who.user).toBe(who.caller);
  });
});

describe('IAM authorization under a resource policy (apigateway-authorization-flow.html, Tables A and B)', () => {
  const withPolicy = (statements: unknown[]) => ({
    ...iamDoc(),
    'x-amazon-apigateway-policy': { Version: '2012-10-17', Statement: statements },
  });
  const signedKeyArn = 'arn:aws:iam::123456789012:user/alice';

  it("answers the resource policy's explicit deny of the signed caller with its 403, naming the caller", async () => {
    const { gateway, send, calls } = setUp(
      withPolicy([
        { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
        {
          Effect: 'Deny',
          Principal: { AWS: signedKeyArn },
          Action: 'execute-api:Invoke',
          Resource: 'execute-api:/*/POST/*',
        },
      ]),
    );
    gateway.putCredentials({ accessKeyId: 'AKIAALICEALICEALICE1', secretAccessKey: SECRET, arn: signedKeyArn });
    const allowed = await send('/dev/items', await sdkSign('/dev/items', { key: 'AKIAALICEALICEALICE1' }));
    expect(allowed.status).toBe(200);
    const denied = await send(
      '/dev/items',
      await sdkSign('/dev/items', { method: 'POST', body: '{}', key: 'AKIAALICEALICEALICE1' }),
      'POST',
      '{}',
    );
    expect(denied.status).toBe(403);
    expect(JSON.parse(denied.body)).toEqual({
      // The caller's account masked too, as API Gateway's captured resource-policy denials show it (verdict.ts).
      Message: `User: arn:aws:iam::********9012:user/alice is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********9012:abc123defg/dev/POST/items with an explicit deny`,
    });
    expect(denied.trace.authorizer).toMatchObject({ type: 'AWS_IAM', decision: 'deny' });
    expect(calls).toHaveLength(1);
  });

  it("lets the resource policy's Allow admit a same-account caller whose identity policy is silent (Table A)", async () => {
    const { gateway, send } = setUp(
      withPolicy([
        { Effect: 'Allow', Principal: { AWS: USER_ARN }, Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
      ]),
    );
    gateway.putIdentityPolicy(USER_ARN, {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
    });
    gateway.putCredentials({ accessKeyId: 'AKIAUSERUSERUSERUSE1', secretAccessKey: SECRET, arn: USER_ARN });
    const response = await send('/dev/items', await sdkSign('/dev/items', { key: 'AKIAUSERUSERUSERUSE1' }));
    expect(response.status, response.body).toBe(200);
  });
});

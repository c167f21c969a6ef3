import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { signRequest } from '../../../../src/emulator/index.js';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const URL_ = 'https://abc123defg.execute-api.us-east-1.amazonaws.com/dev/items?b=2&a=1';

describe('signRequest (the page\'s "sign this request" and the sandboxes)', () => {
  it('signs as the AWS SDK does: the same Authorization as smithy signing the same request', async () => {
    const body = '{"name":"pen"}';
    const signed = await signRequest({
      method: 'POST',
      url: URL_,
      headers: [['Content-Type', 'application/json']],
      body,
      accessKeyId: KEY,
      secretAccessKey: SECRET,
      now: NOW,
    });
    const sdk = await new SignatureV4({
      service: 'execute-api',
      region: 'us-east-1',
      credentials: { accessKeyId: KEY, secretAccessKey: SECRET },
      sha256: Sha256,
      applyChecksum: false,
    }).sign(
      {
        method: 'POST',
        protocol: 'https:',
        hostname: 'abc123defg.execute-api.us-east-1.amazonaws.com',
        path: '/dev/items',
        query: { b: '2', a: '1' },
        headers: { host: 'abc123defg.execute-api.us-east-1.amazonaws.com', 'content-type': 'application/json' },
        body,
      },
      { signingDate: new Date(NOW) },
    );
    expect(signed.headers).toEqual([
      ['Content-Type', 'application/json'],
      ['X-Amz-Date', '20261126T120000Z'],
      ['Authorization', sdk.headers.authorization],
    ]);
    expect(signed.credentialScope).toBe('20261126/us-east-1/execute-api/aws4_request');
    expect(signed.canonicalRequest.split('\n').slice(0, 3)).toEqual(['POST', '/dev/items', 'a=1&b=2']);
    expect(signed.stringToSign.split('\n').slice(0, 3)).toEqual([
      'AWS4-HMAC-SHA256',
      '20261126T120000Z',
      '20261126/us-east-1/execute-api/aws4_request',
    ]);
    expect(sdk.headers.authorization).toContain(`Signature=${signed.signature}`);
  });

  it('replaces an Authorization or X-Amz-Date already there, and leaves User-Agent unsigned', async () => {
    const signed = await signRequest({
      method: 'get',
      url: URL_,
      headers: [
        ['Authorization', 'old'],
        ['User-Agent', 'curl/8'],
      ],
      accessKeyId: KEY,
      secretAccessKey: SECRET,
      region: 'eu-west-1',
      now: NOW,
    });
    expect(signed.headers.map(([n]) => n)).toEqual(['User-Agent', 'X-Amz-Date', 'Authorization']);
    expect(signed.headers[2]![1]).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/20261126\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=host;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
  });
});

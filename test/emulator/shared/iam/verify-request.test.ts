import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { IamRegistry } from '../../../../src/emulator/shared/iam/principals.js';
import { signRequest } from '../../../../src/emulator/shared/iam/sign-request.js';
import { sigv4 } from '../../../../src/emulator/shared/iam/sigv4.js';
import { verifySignature, type ReceivedRequest } from '../../../../src/emulator/shared/iam/verify-request.js';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const HOST = '127.0.0.1:3000';

const registry = new IamRegistry('123456789012');
registry.putCredentials({ accessKeyId: KEY, secretAccessKey: SECRET });

async function signed(at = NOW, secret = SECRET, body: string | null = null) {
  const s = await signRequest({
    method: 'PUT',
    url: `http://${HOST}/dev/items/7?x=1`,
    body,
    accessKeyId: KEY,
    secretAccessKey: secret,
    now: at,
  });
  return s.headers;
}

const received = (headers: Array<[string, string]>, body: string | null = null): ReceivedRequest => ({
  method: 'PUT',
  path: '/dev/items/7',
  rawQuery: 'x=1',
  headers,
  host: HOST,
  body: body === null ? null : new TextEncoder().encode(body),
  epochMs: NOW + 999,
  region: 'us-east-1',
});

describe('verifySignature', () => {
  it("accepts a request signed with a known key, the host taken from the request when a runtime's fetch left it out", async () => {
    const verdict = await verifySignature(received(await signed(NOW, SECRET, 'x'), 'x'), registry);
    expect(verdict).toMatchObject({ kind: 'signed', principal: { accessKeyId: KEY } });
  });

  it('names each verdict', async () => {
    expect(await verifySignature(received([]), registry)).toEqual({ kind: 'missing' });
    expect(await verifySignature(received(await signed(NOW, 'other')), registry)).toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/^The request signature we calculated does not match/),
    });
    expect(await verifySignature(received(await signed()), undefined)).toEqual({
      kind: 'unrecognized',
      accessKeyId: KEY,
    });
    expect(await verifySignature(received(await signed(NOW - 301_000)), registry)).toMatchObject({
      kind: 'invalid',
      message: 'Signature expired: 20261126T115459Z is now earlier than 20261126T115500Z (20261126T120000Z - 5 min.)',
    });
    const noHost = (await signed()).map(([n, v]): [string, string] => [
      n,
      v.replace('SignedHeaders=host;', 'SignedHeaders='),
    ]);
    expect(await verifySignature(received(noHost), registry)).toMatchObject({ kind: 'incomplete' });
    expect(await verifySignature(received([['Authorization', 'AWS4-HMAC-SHA256 Credential']]), registry)).toEqual({
      kind: 'incomplete',
      message:
        "'Credential' not a valid key=value pair (missing equal-sign) in Authorization header: 'AWS4-HMAC-SHA256 Credential'.",
    });
  });

  it('takes the HTTP Date header, when signed, where X-Amz-Date is absent', async () => {
    const httpDate = new Date(NOW).toUTCString();
    const r = await sigv4({
      method: 'PUT',
      path: '/dev/items/7',
      rawQuery: 'x=1',
      headers: { date: httpDate, host: HOST },
      body: null,
      longDate: '20261126T120000Z',
      region: 'us-east-1',
      service: 'execute-api',
      accessKeyId: KEY,
      secretAccessKey: SECRET,
    });
    const authorization = `AWS4-HMAC-SHA256 Credential=${KEY}/${r.credentialScope}, SignedHeaders=${r.signedHeaders}, Signature=${r.signature}`;
    const headers: Array<[string, string]> = [
      ['Date', httpDate],
      ['Authorization', authorization],
    ];
    expect(r.signedHeaders).toBe('date;host');
    expect((await verifySignature(received(headers), registry)).kind).toBe('signed');
  });

  it('accepts a presigned URL (query-string authentication) until X-Amz-Expires, and refuses one changed or expired', async () => {
    const presigned = await new SignatureV4({
      service: 'execute-api',
      region: 'us-east-1',
      credentials: { accessKeyId: KEY, secretAccessKey: SECRET },
      sha256: Sha256,
    }).presign(
      {
        method: 'PUT',
        protocol: 'http:',
        hostname: '127.0.0.1',
        path: '/dev/items/7',
        query: { x: '1' },
        headers: { host: HOST },
      },
      { signingDate: new Date(NOW), expiresIn: 600 },
    );
    const rawQuery = Object.entries(presigned.query!)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v as string)}`)
      .join('&');
    const at = (epochMs: number, query = rawQuery) => ({ ...received([]), rawQuery: query, epochMs });
    expect(await verifySignature(at(NOW + 599_000), registry)).toMatchObject({ kind: 'signed' });
    expect(await verifySignature(at(NOW + 601_000), registry)).toMatchObject({
      kind: 'invalid',
      message: 'Signature expired: 20261126T120000Z is now earlier than 20261126T120001Z (20261126T121001Z - 600 sec.)',
    });
    expect((await verifySignature(at(NOW, rawQuery.replace('x=1', 'x=2')), registry)).kind).toBe('invalid');
    expect(await verifySignature(at(NOW, 'X-Amz-Algorithm=AWS4-HMAC-SHA256&x=1'), registry)).toMatchObject({
      kind: 'incomplete',
      message: expect.stringMatching(/^AWS query-string parameters must include 'X-Amz-Algorithm'/),
    });
  });
});

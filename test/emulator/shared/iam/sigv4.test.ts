import { describe, expect, it } from 'vitest';
import { dateOfLongDate, longDateOf, sigv4 } from '../../../../src/emulator/shared/iam/sigv4.js';

// AWS's published examples: the Signature Version 4 test suite's get-vanilla request, and the IAM ListUsers request
// of the "Examples of the complete Signature Version 4 signing process" page, with AWS's example key.
const AWS_EXAMPLE = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

describe('sigv4 (smithy): canonical request, string to sign and signature', () => {
  it("reproduces the SigV4 test suite's get-vanilla signature", async () => {
    const r = await sigv4({
      method: 'GET',
      path: '/',
      rawQuery: '',
      headers: { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z' },
      body: null,
      longDate: '20150830T123600Z',
      region: 'us-east-1',
      service: 'service',
      ...AWS_EXAMPLE,
    });
    expect(r.canonicalRequest).toBe(
      'GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(r.credentialScope).toBe('20150830/us-east-1/service/aws4_request');
    expect(r.signedHeaders).toBe('host;x-amz-date');
    expect(r.signature).toBe('5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
  });

  it("reproduces the IAM ListUsers example's signature (query string and a header with spaces)", async () => {
    const r = await sigv4({
      method: 'GET',
      path: '/',
      rawQuery: 'Action=ListUsers&Version=2010-05-08',
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        host: 'iam.amazonaws.com',
        'x-amz-date': '20150830T123600Z',
      },
      body: null,
      longDate: '20150830T123600Z',
      region: 'us-east-1',
      service: 'iam',
      ...AWS_EXAMPLE,
    });
    expect(r.stringToSign).toBe(
      'AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\nf536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59',
    );
    expect(r.signature).toBe('5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
  });

  it('encodes the path once more (every service but S3) and sorts the decoded query', async () => {
    const r = await sigv4({
      method: 'GET',
      path: '/dev/a%20b',
      rawQuery: 'z=1&a=x+y&a=%2F',
      headers: { host: 'h' },
      body: null,
      longDate: '20261126T120000Z',
      region: 'us-east-1',
      service: 'execute-api',
      ...AWS_EXAMPLE,
    });
    expect(r.canonicalRequest.split('\n').slice(1, 3)).toEqual(['/dev/a%2520b', 'a=%2F&a=x%2By&z=1']);
  });

  it('converts dates both ways', () => {
    expect(longDateOf(Date.UTC(2026, 10, 26, 12, 0, 5, 999))).toBe('20261126T120005Z');
    expect(dateOfLongDate('20261126T120005Z')?.getTime()).toBe(Date.UTC(2026, 10, 26, 12, 0, 5));
    expect(dateOfLongDate('2026-11-26T12:00:05Z')).toBeNull();
  });
});

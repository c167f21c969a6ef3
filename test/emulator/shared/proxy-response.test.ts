import { describe, expect, it } from 'vitest';
import { parseProxyResult } from '../../../src/emulator/index.js';

// Cases follow AWS's output format page and the responses LocalStack recorded against AWS
// (test_aws_proxy_response_payload_format_validation).
describe('Lambda proxy result validation (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format)', () => {
  it.each([
    ['a bare string', 'justAString', /a string, not an object/],
    ['null', null, /null/],
    ['an extra top-level field', { statusCode: 200, cookies: [] }, /unexpected field "cookies"/],
    ['a non-numeric statusCode', { statusCode: 'test' }, /statusCode "test"/],
    ['a body that is not a string', { statusCode: 200, body: { a: 1 } }, /"body" is a object/],
    ['multiValueHeaders values that are not lists', { statusCode: 200, multiValueHeaders: { h: 'v' } }, /not a list/],
    ['an object header value', { statusCode: 200, headers: { h: { a: 1 } } }, /header "h"/],
  ])('rejects %s as a malformed proxy response', (_name, payload, reason) => {
    const parsed = parseProxyResult(payload);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
  it('accepts a numeric-string statusCode, a missing statusCode (200), {} (test_lambda_aws_proxy_response_format), null headers and boolean header values', () => {
    expect(parseProxyResult({ statusCode: '201' })).toMatchObject({ ok: true, result: { statusCode: 201, body: '' } });
    expect(parseProxyResult({})).toEqual({
      ok: true,
      result: { statusCode: 200, headers: [], body: '', isBase64Encoded: false },
    });
    expect(parseProxyResult({ headers: { x: 'v' } })).toMatchObject({
      ok: true,
      result: { statusCode: 200, headers: [['x', 'v']] },
    });
    expect(parseProxyResult({ statusCode: 200, headers: null })).toMatchObject({ ok: true, result: { headers: [] } });
    expect(parseProxyResult({ statusCode: 200, headers: { b: true, n: 5 } })).toMatchObject({
      ok: true,
      result: {
        headers: [
          ['b', 'true'],
          ['n', '5'],
        ],
      },
    });
  });
  it('merges headers and multiValueHeaders: a name in both sends its multi values, then the single one unless it repeats one of them (invoke-api-multi-headers-overwrite)', () => {
    const parsed = parseProxyResult({
      statusCode: 200,
      headers: { 'Set-Cookie': 'a=1', 'X-One': '1', 'x-two': '2' },
      multiValueHeaders: { 'set-cookie': ['b=2', 'c=3'], 'X-Two': ['2'] },
    });
    expect(parsed).toMatchObject({
      ok: true,
      result: {
        headers: [
          ['X-One', '1'],
          ['set-cookie', 'b=2'],
          ['set-cookie', 'c=3'],
          ['set-cookie', 'a=1'],
          ['X-Two', '2'],
        ],
      },
    });
  });
});

import { describe, expect, it } from 'vitest';
import { parseAwsEndpointFlag } from '../../src/cli/aws-endpoint-flag.js';
import { AWS_SERVICE_NAMES, type AwsServices, type ServiceRequest } from '../../src/emulator/aws-services/types.js';
import { RemoteAwsServices } from '../../src/node/remote-aws-services.js';

/** `--aws-endpoint`: the exact wire request signed (SigV4, the service's name in the scope) and sent; others embedded. */
const ENC = new TextEncoder();
const credentials = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token-1' });

describe('RemoteAwsServices', () => {
  it('signs for the service and Region, keeps path, query, headers and body, and returns the wire answer', async () => {
    const seen: Array<{ url: string; headers: Headers; body: string }> = [];
    const fetchFn = (async (url: string, init: RequestInit) => {
      seen.push({ url, headers: new Headers(init.headers), body: new TextDecoder().decode(init.body as Uint8Array) });
      return new Response('{"executionArn":"a","startDate":1.5E9}', {
        status: 200,
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'r-1' },
      });
    }) as typeof fetch;
    const fallback: AwsServices = { call: () => Promise.reject(new Error('not here')) };
    const remote = new RemoteAwsServices({ states: 'http://127.0.0.1:8083/base' }, fallback, {
      credentials,
      fetch: fetchFn,
    });
    const request: ServiceRequest = {
      service: 'states',
      region: 'eu-west-1',
      method: 'POST',
      path: '/?Action=StartExecution',
      headers: [
        ['Content-Type', 'application/x-amz-json-1.0'],
        ['X-Amz-Target', 'AWSStepFunctions.StartExecution'],
      ],
      body: ENC.encode('{"stateMachineArn":"arn"}'),
    };
    const response = await remote.call(request);
    expect(response).toEqual({
      status: 200,
      headers: [
        ['content-type', 'application/x-amz-json-1.0'],
        ['x-amzn-requestid', 'r-1'],
      ],
      body: '{"executionArn":"a","startDate":1.5E9}',
    });
    const [sent] = seen;
    expect(sent!.url).toBe('http://127.0.0.1:8083/base/?Action=StartExecution');
    expect(sent!.body).toBe('{"stateMachineArn":"arn"}');
    expect(sent!.headers.get('x-amz-target')).toBe('AWSStepFunctions.StartExecution');
    expect(sent!.headers.get('x-amz-security-token')).toBe('token-1');
    expect(sent!.headers.get('authorization')).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/states\/aws4_request, SignedHeaders=[^,]*x-amz-target[^,]*, Signature=[0-9a-f]{64}$/,
    );
    expect(remote.endpointOf('states')).toBe('http://127.0.0.1:8083/base');
    expect(remote.endpointOf('sqs')).toBe('embedded');
  });

  it('services not named go to the fallback; a network failure rejects', async () => {
    const calls: string[] = [];
    const fallback: AwsServices = {
      call: async (r) => {
        calls.push(r.service);
        return { status: 200, headers: [], body: '{}' };
      },
    };
    const failing = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const remote = new RemoteAwsServices({ kinesis: 'http://127.0.0.1:1' }, fallback, { credentials, fetch: failing });
    const base = { region: 'us-east-1', method: 'POST', path: '/', headers: [], body: new Uint8Array() };
    await remote.call({ ...base, service: 'sqs' });
    expect(calls).toEqual(['sqs']);
    await expect(remote.call({ ...base, service: 'kinesis' })).rejects.toThrow('fetch failed');
  });
});

describe('--aws-endpoint values', () => {
  it('one URL for all services, or SERVICE=URL pairs', () => {
    expect(parseAwsEndpointFlag('http://localhost:4566', AWS_SERVICE_NAMES)).toEqual(
      Object.fromEntries(AWS_SERVICE_NAMES.map((s) => [s, 'http://localhost:4566'])),
    );
    expect(parseAwsEndpointFlag('sqs=http://a:1,dynamodb=http://b:2', AWS_SERVICE_NAMES)).toEqual({
      sqs: 'http://a:1',
      dynamodb: 'http://b:2',
    });
  });

  it.each([
    ['localhost:4566', 'is not an http(s) URL'],
    ['s3=http://a:1', 'SERVICE one of sqs, kinesis, states, events, dynamodb'],
    ['sqs=ftp://a', 'is not an http(s) URL'],
    ['sqs=http://a:1,sqs=http://b:2', 'sqs is given twice'],
  ])('%s → %s', (value, message) => {
    const parsed = parseAwsEndpointFlag(value, AWS_SERVICE_NAMES);
    expect('error' in parsed && parsed.error).toContain(message);
  });
});

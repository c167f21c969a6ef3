import { describe, expect, it } from 'vitest';
import { parseServiceUri } from '../../../src/emulator/shared/aws-service/service-uri.js';
import {
  actionOfRequest,
  buildServiceRequest,
  serviceUrlOf,
} from '../../../src/emulator/shared/aws-service/wire-request.js';

/** Service URIs and wire requests (research §1.1; https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-request-basic-setup.html). */
const ENC = new TextEncoder();

describe('parseServiceUri', () => {
  it('reads path and action URIs', () => {
    expect(parseServiceUri('arn:aws:apigateway:eu-west-1:sqs:path/123456789012/orders')).toEqual({
      service: 'sqs',
      region: 'eu-west-1',
      kind: 'path',
      path: '/123456789012/orders',
    });
    expect(parseServiceUri('arn:aws:apigateway:us-east-1:states:action/StartExecution')).toEqual({
      service: 'states',
      region: 'us-east-1',
      kind: 'action',
      action: 'StartExecution',
    });
  });

  it.each([
    ['arn:aws:apigateway:us-east-1:s3:path/bucket', 'names the service "s3"'],
    ['arn:aws:apigateway:us-east-1:sqs:path/', 'names no path'],
    ['arn:aws:apigateway:nowhere:sqs:path/1/q', 'names no valid Region'],
    ['https://sqs.us-east-1.amazonaws.com/1/q', 'is not an AWS service URI'],
    ['arn:aws:apigateway:us-east-1:kinesis:action/Put-Record', 'names no action'],
  ])('%s → %s', (uri, message) => {
    const parsed = parseServiceUri(uri);
    expect('error' in parsed && parsed.error).toContain(message);
  });
});

describe('buildServiceRequest', () => {
  const base = {
    mappedHeaders: {},
    mappedQuery: {},
    mappedPath: {},
    requestContentType: 'application/json',
    body: ENC.encode('{}'),
  };

  it('an SQS action URI stays in the query protocol: no target is added', () => {
    const request = buildServiceRequest({
      ...base,
      uri: { service: 'sqs', region: 'us-east-1', kind: 'action', action: 'SendMessage' },
      method: 'POST',
    });
    expect(request.path).toBe('/?Action=SendMessage');
    expect(request.headers).toEqual([
      ['Content-Type', 'application/json'],
      ['Accept', 'application/json'],
    ]);
  });

  it('a mapped Content-Type is kept when the target is added (the Kinesis tutorial sets application/x-amz-json-1.1 itself)', () => {
    const request = buildServiceRequest({
      ...base,
      uri: { service: 'kinesis', region: 'us-east-1', kind: 'action', action: 'PutRecord' },
      method: 'POST',
      mappedHeaders: { 'Content-Type': 'x-amz-json-1.1' },
    });
    expect(request.headers).toEqual([
      ['Content-Type', 'x-amz-json-1.1'],
      ['X-Amz-Target', 'Kinesis_20131202.PutRecord'],
      ['Accept', 'application/json'],
    ]);
  });

  it('a GET sends no body; a mapped Accept wins', () => {
    const request = buildServiceRequest({
      ...base,
      uri: { service: 'sqs', region: 'us-east-1', kind: 'path', path: '/1/q' },
      method: 'get',
      mappedHeaders: { Accept: 'application/xml' },
      mappedQuery: { Action: 'ReceiveMessage' },
    });
    expect(request.method).toBe('GET');
    expect(request.body.length).toBe(0);
    expect(request.headers).toEqual([['Accept', 'application/xml']]);
    expect(serviceUrlOf(request)).toBe('https://sqs.us-east-1.amazonaws.com/1/q?Action=ReceiveMessage');
  });
});

describe('actionOfRequest', () => {
  it('reads the target, the query string, then the form body', () => {
    expect(
      actionOfRequest({ path: '/', headers: [['x-amz-target', 'AmazonSQS.SendMessage']], body: new Uint8Array() }),
    ).toBe('SendMessage');
    expect(actionOfRequest({ path: '/?Action=PutRecord', headers: [], body: new Uint8Array() })).toBe('PutRecord');
    expect(
      actionOfRequest({
        path: '/1/q',
        headers: [['Content-Type', 'application/x-www-form-urlencoded']],
        body: ENC.encode('MessageBody=x&Action=SendMessage'),
      }),
    ).toBe('SendMessage');
    expect(actionOfRequest({ path: '/1/q', headers: [], body: ENC.encode('{"a":1}') })).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { DefinitionError } from '../../../src/emulator/index.js';
import { httpFunctionNameFromUri, importHttpApi } from '../../../src/emulator/http-api/index.js';
import { FN_URI } from './helpers.js';

const ANY_METHOD_PAGE =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-any-method.html';
const INTEGRATION_PAGE =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html';

const op = (integration: Record<string, unknown>) => ({ 'x-amazon-apigateway-integration': integration });
const doc = (paths: Record<string, unknown>) => ({ openapi: '3.0.1', info: { title: 'T', version: '1' }, paths });

describe('importHttpApi', () => {
  it(`reads AWS's own $default route example verbatim (${ANY_METHOD_PAGE})`, () => {
    const api = importHttpApi(
      doc({
        '/$default': {
          'x-amazon-apigateway-any-method': {
            isDefaultRoute: true,
            'x-amazon-apigateway-integration': {
              type: 'AWS_PROXY',
              httpMethod: 'POST',
              uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:HelloWorld/invocations',
              timeoutInMillis: 1000,
              connectionType: 'INTERNET',
              payloadFormatVersion: 1.0,
            },
          },
        },
      }),
      { apiId: 'a1' },
    );
    expect(api).toEqual({
      kind: 'HTTP',
      id: 'a1',
      name: 'T',
      routes: [
        {
          routeKey: '$default',
          integration: {
            type: 'AWS_PROXY',
            functionName: 'HelloWorld',
            uri: expect.any(String),
            payloadFormatVersion: '1.0',
            timeoutMs: 1000,
          },
        },
      ],
    });
  });

  it('turns methods and x-amazon-apigateway-any-method into route keys, with the 30 s HTTP API default timeout', () => {
    const integration = { type: 'aws_proxy', uri: FN_URI, payloadFormatVersion: '2.0' };
    const api = importHttpApi(
      doc({
        '/items/{id}': { get: op(integration), parameters: [] },
        '/{proxy+}': { 'x-amazon-apigateway-any-method': op(integration) },
      }),
    );
    expect(api.routes.map((r) => r.routeKey)).toEqual(['GET /items/{id}', 'ANY /{proxy+}']);
    expect(api.routes[0]!.integration).toEqual({
      type: 'AWS_PROXY',
      functionName: 'fn',
      uri: FN_URI,
      payloadFormatVersion: '2.0',
      timeoutMs: 30_000,
    });
  });

  it('accepts a function ARN as the uri, and drops a qualifier', () => {
    expect(httpFunctionNameFromUri('arn:aws:lambda:us-east-1:123456789012:function:items_handler')).toBe(
      'items_handler',
    );
    expect(httpFunctionNameFromUri('arn:aws:lambda:us-east-1:123456789012:function:items_handler:live')).toBe(
      'items_handler',
    );
    expect(httpFunctionNameFromUri(FN_URI)).toBe('fn');
    expect(httpFunctionNameFromUri('https://example.com')).toBeNull();
  });

  it(`lists every problem in one DefinitionError: payloadFormatVersion is "Required for HTTP APIs", timeouts are 50–30,000 ms (${INTEGRATION_PAGE})`, () => {
    const bad = doc({
      '/a': { get: op({ type: 'aws_proxy', uri: FN_URI }) },
      '/b': { get: op({ type: 'aws_proxy', uri: FN_URI, payloadFormatVersion: '3.0' }) },
      '/c': { get: op({ type: 'aws_proxy', uri: FN_URI, payloadFormatVersion: '2.0', timeoutInMillis: 30_001 }) },
      '/d': { get: op({ type: 'http_proxy', uri: 'https://example.com', payloadFormatVersion: '1.0' }) },
      '/e/{proxy+}/f': { get: op({ type: 'aws_proxy', uri: FN_URI, payloadFormatVersion: '2.0' }) },
      '/g': { get: {} },
    });
    let error: unknown;
    try {
      importHttpApi(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DefinitionError);
    const problems = (error as DefinitionError).problems;
    expect(problems).toHaveLength(6);
    expect(problems.join('\n')).toMatch(/payloadFormatVersion is required for HTTP APIs/);
    expect(problems.join('\n')).toMatch(/"3\.0" is not "1\.0" or "2\.0"/);
    expect(problems.join('\n')).toMatch(/from 50 to 30000/);
    expect(problems.join('\n')).toMatch(/not supported yet/);
    expect(problems.join('\n')).toMatch(/greedy path variable must be at the end/);
    expect(problems.join('\n')).toMatch(/has no x-amazon-apigateway-integration/);
  });

  it('rejects what is not an OpenAPI 3 document', () => {
    expect(() => importHttpApi({ swagger: '2.0', info: { title: 'x' }, paths: {} })).toThrow(/openapi: 3/);
    expect(() => importHttpApi(null)).toThrow(DefinitionError);
  });
});

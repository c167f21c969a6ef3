import { describe, expect, it } from 'vitest';
import {
  allowedOrigin,
  corsHeadersFor,
  exportCors,
  readCors,
  withoutCorsHeaders,
} from '../../../src/emulator/http-api/cors.js';
import type { HttpApiCors } from '../../../src/emulator/http-api/model.js';
import { exportHttpApiOpenApi } from '../../../src/emulator/http-api/openapi-export.js';
import { importHttpApi } from '../../../src/emulator/http-api/openapi-import.js';
import { apiTypeOf } from '../../../src/emulator/api-type.js';
import { DefinitionError } from '../../../src/emulator/shared/errors.js';
import { httpApiDoc } from './helpers.js';

// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-cors-configuration.html

/** The extension's example on AWS's x-amazon-apigateway-cors page. */
const AWS_EXAMPLE = {
  allowOrigins: ['https://www.example.com'],
  allowCredentials: true,
  exposeHeaders: ['x-apigateway-header', 'x-amz-date', 'content-type'],
  maxAge: 3600,
  allowMethods: ['GET', 'OPTIONS', 'POST'],
  allowHeaders: ['x-apigateway-header', 'x-amz-date', 'content-type'],
};

function problemsOf(raw: unknown): string[] {
  const problems: string[] = [];
  expect(readCors(raw, problems)).toBeNull();
  return problems;
}

describe('readCors (x-amazon-apigateway-cors)', () => {
  it("reads AWS's example of the extension as it is written", () => {
    const problems: string[] = [];
    expect(readCors(AWS_EXAMPLE, problems)).toEqual(AWS_EXAMPLE);
    expect(problems).toEqual([]);
  });

  it('leaves out what is not configured', () => {
    expect(readCors({ allowOrigins: ['*'] }, [])).toEqual({ allowOrigins: ['*'] });
    expect(readCors({}, [])).toEqual({});
  });

  it('refuses allowCredentials with a * origin, in the words API Gateway refuses it with (aws-cdk#9076)', () => {
    const problems = problemsOf({ allowOrigins: ['*'], allowCredentials: true });
    expect(problems).toEqual([expect.stringContaining("allow-credentials is not supported if 'allow-origin' is *")]);
    // allowCredentials false with * is fine
    expect(readCors({ allowOrigins: ['*'], allowCredentials: false }, [])).toEqual({
      allowOrigins: ['*'],
      allowCredentials: false,
    });
  });

  it('refuses a maxAge outside -1..86400 (Cors.MaxAge in the API Gateway V2 API model) or not an integer', () => {
    expect(problemsOf({ maxAge: 86_401 })).toEqual([
      expect.stringMatching(/maxAge must be an integer from -1 to 86400/),
    ]);
    expect(problemsOf({ maxAge: -2 })).toHaveLength(1);
    expect(problemsOf({ maxAge: 1.5 })).toHaveLength(1);
    expect(problemsOf({ maxAge: '300' })).toHaveLength(1);
    expect(readCors({ maxAge: -1 }, [])).toEqual({ maxAge: -1 });
    expect(readCors({ maxAge: 86_400 }, [])).toEqual({ maxAge: 86_400 });
  });

  it('refuses lists that are not lists of strings, a non-boolean allowCredentials and unknown properties', () => {
    expect(problemsOf({ allowOrigins: 'https://a.example' })).toEqual([
      expect.stringMatching(/allowOrigins must be a list of non-empty strings/),
    ]);
    expect(problemsOf({ allowHeaders: ['x-a', 3] })).toHaveLength(1);
    expect(problemsOf({ exposeHeaders: [''] })).toHaveLength(1);
    expect(problemsOf({ allowCredentials: 'true' })).toEqual([
      expect.stringMatching(/allowCredentials must be true or false/),
    ]);
    expect(problemsOf({ allowOrigin: ['*'] })).toEqual([expect.stringMatching(/allowOrigin is not a CORS property/)]);
    expect(problemsOf({ allowMethods: ['X'.repeat(65)] })).toEqual([expect.stringMatching(/longer than 64/)]);
    expect(problemsOf(['*'])).toEqual(['x-amazon-apigateway-cors is not an object']);
  });

  it('reports every problem at once', () => {
    expect(problemsOf({ allowOrigins: 1, maxAge: 'x', allowCredentials: 1 })).toHaveLength(3);
  });
});

describe('importHttpApi and exportHttpApiOpenApi with x-amazon-apigateway-cors', () => {
  it('puts the configuration on the model, and an API without one has no cors field', () => {
    const api = importHttpApi({ ...httpApiDoc(['GET /items']), 'x-amazon-apigateway-cors': AWS_EXAMPLE });
    expect(api.cors).toEqual(AWS_EXAMPLE);
    expect('cors' in importHttpApi(httpApiDoc(['GET /items']))).toBe(false);
  });

  it('throws a DefinitionError naming the fault', () => {
    const doc = {
      ...httpApiDoc(['GET /items']),
      'x-amazon-apigateway-cors': { allowOrigins: ['*'], allowCredentials: true },
    };
    expect(() => importHttpApi(doc)).toThrow(DefinitionError);
    expect(() => importHttpApi(doc)).toThrow(/allow-credentials is not supported if 'allow-origin' is \*/);
  });

  it('exports it after paths and imports back as the same configuration', () => {
    const api = importHttpApi({ ...httpApiDoc(['GET /items']), 'x-amazon-apigateway-cors': AWS_EXAMPLE });
    const doc = exportHttpApiOpenApi(api, { version: 'v' });
    expect(doc['x-amazon-apigateway-cors']).toEqual(AWS_EXAMPLE);
    expect(Object.keys(doc)).toEqual([
      'openapi',
      'info',
      'paths',
      'x-amazon-apigateway-cors',
      'x-amazon-apigateway-importexport-version',
    ]);
    expect(importHttpApi(doc).cors).toEqual(AWS_EXAMPLE);
    expect(exportHttpApiOpenApi(importHttpApi(httpApiDoc(['GET /items'])))['x-amazon-apigateway-cors']).toBeUndefined();
  });

  it('makes a definition an HTTP API: the extension configures CORS "for an HTTP API" only', () => {
    const rest = { openapi: '3.0.1', info: { title: 't', version: '1' }, paths: {} };
    expect(apiTypeOf(rest)).toBe('REST');
    expect(apiTypeOf({ ...rest, 'x-amazon-apigateway-cors': { allowOrigins: ['*'] } })).toBe('HTTP');
  });

  it("exportCors writes the fields in the order of AWS's example", () => {
    const shuffled: HttpApiCors = {
      allowHeaders: ['a'],
      maxAge: 1,
      allowMethods: ['GET'],
      allowOrigins: ['*'],
      exposeHeaders: ['b'],
    };
    expect(Object.keys(exportCors(shuffled))).toEqual([
      'allowOrigins',
      'exposeHeaders',
      'maxAge',
      'allowMethods',
      'allowHeaders',
    ]);
  });
});

describe('allowedOrigin', () => {
  it('answers * for a * configuration, the origin when listed, null otherwise (assumed: exact comparison)', () => {
    expect(allowedOrigin({ allowOrigins: ['*'] }, 'https://a.example')).toBe('*');
    expect(allowedOrigin({ allowOrigins: ['https://a.example', 'https://b.example'] }, 'https://b.example')).toBe(
      'https://b.example',
    );
    expect(allowedOrigin({ allowOrigins: ['https://a.example'] }, 'https://evil.example')).toBeNull();
    expect(allowedOrigin({ allowOrigins: ['https://a.example'] }, 'https://A.example')).toBeNull();
    expect(allowedOrigin({ allowOrigins: ['https://a.example'] }, null)).toBeNull();
    expect(allowedOrigin({ allowMethods: ['GET'] }, 'https://a.example')).toBeNull();
  });
});

describe('corsHeadersFor', () => {
  const preflight: [string, string][] = [
    ['Origin', 'https://www.example.com'],
    ['Access-Control-Request-Method', 'POST'],
  ];
  it('gives a preflight Allow-Origin, Allow-Credentials, Allow-Methods, Allow-Headers and Max-Age', () => {
    expect(corsHeadersFor(AWS_EXAMPLE, 'OPTIONS', preflight)).toEqual([
      ['Access-Control-Allow-Origin', 'https://www.example.com'],
      ['Access-Control-Allow-Credentials', 'true'],
      ['Access-Control-Allow-Methods', 'GET,OPTIONS,POST'],
      ['Access-Control-Allow-Headers', 'x-apigateway-header,x-amz-date,content-type'],
      ['Access-Control-Max-Age', '3600'],
    ]);
  });
  it("gives an integration's answer Allow-Origin, Allow-Credentials and Expose-Headers", () => {
    expect(corsHeadersFor(AWS_EXAMPLE, 'GET', [['Origin', 'https://www.example.com']])).toEqual([
      ['Access-Control-Allow-Origin', 'https://www.example.com'],
      ['Access-Control-Allow-Credentials', 'true'],
      ['Access-Control-Expose-Headers', 'x-apigateway-header,x-amz-date,content-type'],
    ]);
  });
  it('gives nothing without an Origin, for an origin not allowed, or for OPTIONS without Access-Control-Request-Method', () => {
    expect(corsHeadersFor(AWS_EXAMPLE, 'GET', [])).toEqual([]);
    expect(corsHeadersFor(AWS_EXAMPLE, 'GET', [['Origin', 'https://other.example']])).toEqual([]);
    expect(corsHeadersFor(AWS_EXAMPLE, 'OPTIONS', [['Origin', 'https://www.example.com']])).toEqual([]);
  });
  it('leaves out what is not configured (maxAge 0 is configured)', () => {
    expect(corsHeadersFor({ allowOrigins: ['*'], maxAge: 0 }, 'OPTIONS', preflight)).toEqual([
      ['Access-Control-Allow-Origin', '*'],
      ['Access-Control-Max-Age', '0'],
    ]);
    expect(corsHeadersFor({ allowOrigins: ['*'] }, 'GET', [['Origin', 'https://x.example']])).toEqual([
      ['Access-Control-Allow-Origin', '*'],
    ]);
  });
});

describe('withoutCorsHeaders', () => {
  it("drops the backend's six CORS headers whatever their case, and keeps the list itself when there are none", () => {
    const headers: [string, string][] = [
      ['access-control-allow-origin', '*'],
      ['X-Custom', '1'],
      ['Access-Control-Allow-Methods', 'GET'],
      ['ACCESS-CONTROL-EXPOSE-HEADERS', 'x'],
      ['Access-Control-Allow-Credentials', 'true'],
      ['access-control-max-age', '5'],
      ['access-control-allow-headers', 'x'],
      ['Access-Control-Request-Method', 'kept: not a response header API Gateway configures'],
    ];
    expect(withoutCorsHeaders(headers)).toEqual([
      ['X-Custom', '1'],
      ['Access-Control-Request-Method', 'kept: not a response header API Gateway configures'],
    ]);
    const none: [string, string][] = [['X-Custom', '1']];
    expect(withoutCorsHeaders(none)).toBe(none);
  });
});

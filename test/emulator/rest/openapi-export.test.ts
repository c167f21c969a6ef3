import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import type { RestApiModel } from '../../../src/emulator/index.js';
import { apiTypeOf, exportHttpApiOpenApi, exportOpenApi, importHttpApi } from '../../../src/emulator/index.js';
import { httpApiDoc } from '../http-api/helpers.js';
import { itemsHttpApi } from '../http-api/items-fixture.js';

/**
 * OpenAPI export round trips: for every definition in the repository, importing the export of the imported API
 * gives the same model, and the export is valid OpenAPI 3.
 */

// The definitions the REST pipeline tests serve: recorded as they import them (their tests run here too).
const recorded = vi.hoisted(
  () => [] as Array<{ doc: unknown; apiId?: string; endpointType?: 'EDGE' | 'REGIONAL' | 'PRIVATE' }>,
);
vi.mock('../../../src/emulator/index.js', async (original) => {
  const mod = await original<typeof import('../../../src/emulator/index.js')>();
  return {
    ...mod,
    importOpenApi: (doc: unknown, options: { apiId?: string; endpointType?: 'EDGE' | 'REGIONAL' | 'PRIVATE' } = {}) => {
      const api = mod.importOpenApi(doc, options);
      recorded.push({
        doc: structuredClone(doc),
        ...(options.apiId ? { apiId: options.apiId } : {}),
        ...(options.endpointType ? { endpointType: options.endpointType } : {}),
      });
      return api;
    },
  };
});

// This file's own imports go to the real importer, so that only the pipeline tests' definitions are recorded.
const { importOpenApi } = await vi.importActual<typeof import('../../../src/emulator/index.js')>(
  '../../../src/emulator/index.js',
);

const VERSION = '2016-09-12T17:50:37Z';

/** Every definition file: examples/*\/openapi.yaml and test/fixtures/** (the deliberately invalid ones excepted). */
function definitionFiles(): string[] {
  const out: string[] = [];
  for (const name of readdirSync('examples')) {
    const file = join('examples', name, 'openapi.yaml');
    if (statSync(file, { throwIfNoEntry: false })?.isFile()) out.push(file);
  }
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      // An example fixture's example.json and exchanges are not definitions; nor are the SAM/CloudFormation templates
      // under test/fixtures/sam (and the definitions they hold with intrinsics, imported only through a template).
      if (statSync(path).isDirectory()) {
        if (name !== 'exchanges' && path !== join('test/fixtures', 'sam')) walk(path);
      } else if (/\.(ya?ml|json)$/.test(name) && !/^invalid-/.test(name) && name !== 'example.json') out.push(path);
    }
  };
  walk('test/fixtures');
  return out.sort();
}

/**
 * The imported model with every `{param}` of a resource path as a required method request parameter: the export
 * declares them all (OpenAPI requires it), and a path parameter is always present, so this changes no behaviour.
 */
function withPathParameters(api: RestApiModel): RestApiModel {
  const copy = structuredClone(api);
  for (const resource of copy.resources) {
    const names = resource.path
      .split('/')
      .flatMap((s) => (/^\{.+\}$/.test(s) ? [s.slice(1, -1).replace(/\+$/, '')] : []));
    for (const method of Object.values(resource.methods)) {
      if (!method || !names.length) continue;
      const params = { ...(method.requestParameters ?? {}) };
      for (const name of names) params[`method.request.path.${name}`] = true;
      method.requestParameters = params;
    }
  }
  return copy;
}

async function expectValidOpenApi3(doc: Record<string, unknown>): Promise<void> {
  const checked = (await SwaggerParser.validate(structuredClone(doc) as never)) as { openapi?: string };
  expect(checked.openapi).toBe('3.0.1');
}

/**
 * Imports, exports and imports again. The endpoint type is no part of the document (AWS's export names none):
 * it goes alongside, as import-rest-api's endpointConfigurationTypes parameter.
 */
async function expectRestRoundTrip(
  doc: unknown,
  options: { apiId?: string; endpointType?: 'EDGE' | 'REGIONAL' | 'PRIVATE' } = {},
): Promise<void> {
  const api = importOpenApi(doc, options);
  const exported = exportOpenApi(api, { stage: { name: 'dev', deploymentId: 'd1', variables: {} }, version: VERSION });
  const again = { apiId: api.id, endpointType: api.endpointType };
  expect(importOpenApi(structuredClone(exported), again)).toEqual(withPathParameters(api));
  // Exporting the re-imported API gives the same document (a fixed point).
  expect(
    exportOpenApi(importOpenApi(structuredClone(exported), again), {
      stage: { name: 'dev', deploymentId: 'd1', variables: {} },
      version: VERSION,
    }),
  ).toEqual(exported);
  await expectValidOpenApi3(exported);
}

async function expectHttpRoundTrip(doc: unknown): Promise<void> {
  const api = importHttpApi(doc);
  const exported = exportHttpApiOpenApi(api, { stage: { name: '$default' }, version: '2025-06-20 17:22:45UTC' });
  expect(importHttpApi(structuredClone(exported), { apiId: api.id })).toEqual(api);
  await expectValidOpenApi3(exported);
}

describe('round trip of every definition file', () => {
  const files = definitionFiles();
  it('finds the examples and fixtures', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'examples/items/openapi.yaml',
        'examples/items-http-api/openapi.yaml',
        'test/fixtures/cli/api.yaml',
      ]),
    );
  });
  it.each(files)('%s', async (file) => {
    const doc = parse(readFileSync(file, 'utf8')) as unknown;
    if (apiTypeOf(doc) === 'HTTP') await expectHttpRoundTrip(doc);
    else await expectRestRoundTrip(doc);
  });
});

describe('round trip of the HTTP API test definitions', () => {
  it.each([
    ['items (2.0)', itemsHttpApi('2.0')],
    ['items (1.0)', itemsHttpApi('1.0')],
    [
      '$default, greedy path, ANY, timeout',
      httpApiDoc(['$default', 'ANY /{proxy+}', 'GET /pets/{petId}', 'POST /pets'], '2.0', 5000),
    ],
  ])('%s', async (_name, doc) => {
    await expectHttpRoundTrip(doc);
  });
});

describe('definitions of the REST pipeline tests (test/emulator/rest/gateway-rest.test.ts, run here to record them)', async () => {
  await import('./gateway-rest.test.js');
});

describe("round trip of the REST pipeline tests' definitions", () => {
  it('every definition they served', async () => {
    expect(recorded.length).toBeGreaterThan(5);
    const seen = new Set<string>();
    for (const { doc, ...options } of recorded) {
      const key = JSON.stringify(doc);
      if (seen.has(key)) continue;
      seen.add(key);
      await expectRestRoundTrip(doc, options);
    }
  });
  it('covers MOCK, AWS, HTTP and HTTP_PROXY integrations, validators, gateway responses and models', () => {
    const text = JSON.stringify(recorded.map((r) => r.doc)).toLowerCase();
    for (const needle of [
      '"mock"',
      '"aws"',
      '"http"',
      '"http_proxy"',
      'x-amazon-apigateway-request-validators',
      'x-amazon-apigateway-gateway-responses',
      'responsetemplates',
      'contenthandling',
    ]) {
      expect(text).toContain(needle);
    }
  });
});

describe('a REST API using every extension the model holds', () => {
  const lambda =
    'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:calc/invocations';
  const doc = {
    swagger: '2.0',
    info: { title: 'Everything', version: '1' },
    basePath: '/v1',
    'x-amazon-apigateway-binary-media-types': ['image~1png', 'application/octet-stream'],
    // Swagger 2: at the top level (OpenAPI 3: under a Server object); the endpoint type is the import's parameter.
    'x-amazon-apigateway-endpoint-configuration': {
      vpcEndpointIds: ['vpce-0123456789abcdef0'],
      disableExecuteApiEndpoint: true,
    },
    'x-amazon-apigateway-request-validators': {
      all: { validateRequestBody: true, validateRequestParameters: true },
      params: { validateRequestParameters: true },
    },
    'x-amazon-apigateway-request-validator': 'params',
    'x-amazon-apigateway-gateway-responses': {
      DEFAULT_4XX: { responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" } },
      INVALID_API_KEY: { statusCode: '429', responseTemplates: { 'application/json': '{"message": test forbidden }' } },
    },
    definitions: { Input: { type: 'object', required: ['a'], properties: { a: { type: 'number' } } } },
    paths: {
      '/calc/{op}': {
        post: {
          operationId: 'calc',
          'x-amazon-apigateway-request-validator': 'all',
          parameters: [
            { name: 'op', in: 'path', required: true, type: 'string' },
            { name: 'X-Trace', in: 'header', required: true, type: 'string' },
            { name: 'verbose', in: 'query', type: 'string' },
            { name: 'body', in: 'body', schema: { $ref: '#/definitions/Input' } },
          ],
          responses: {
            '200': { description: 'ok', headers: { 'X-Result': { type: 'string' } } },
            '400': { description: 'invalid' },
            '504': { description: 'timed out' },
          },
          'x-amazon-apigateway-integration': {
            type: 'aws',
            uri: lambda,
            httpMethod: 'POST',
            passthroughBehavior: 'never',
            contentHandling: 'CONVERT_TO_TEXT',
            timeoutInMillis: 5000,
            requestTemplates: { 'application/json': '{"a": $input.json(\'$.a\'), "op": "$input.params(\'op\')"}' },
            requestParameters: { 'integration.request.header.X-Op': 'method.request.path.op' },
            responses: {
              default: {
                statusCode: '200',
                responseParameters: { 'method.response.header.X-Result': 'integration.response.body.result' },
              },
              'Invalid.*': {
                statusCode: '400',
                responseTemplates: { 'application/json': '{"error": "$input.path(\'$.errorMessage\')"}' },
              },
              '.*timed out.*': { statusCode: '504', contentHandling: 'CONVERT_TO_TEXT' },
            },
          },
        },
        'x-amazon-apigateway-any-method': {
          'x-amazon-apigateway-integration': {
            type: 'http_proxy',
            uri: 'https://example.com/{op}',
            httpMethod: 'ANY',
            requestParameters: { 'integration.request.path.op': 'method.request.path.op' },
          },
        },
      },
      '/empty': {},
    },
  };
  it('round-trips and validates', async () => {
    await expectRestRoundTrip(doc, { endpointType: 'PRIVATE' });
  });
  it('writes the extensions as AWS exports them', () => {
    const api = importOpenApi(doc, { endpointType: 'PRIVATE' });
    expect(api).toMatchObject({
      endpointType: 'PRIVATE',
      vpcEndpointIds: ['vpce-0123456789abcdef0'],
      disableExecuteApiEndpoint: true,
    });
    const exported = exportOpenApi(api, { version: VERSION });
    expect(exported['x-amazon-apigateway-binary-media-types']).toEqual(['image/png', 'application/octet-stream']);
    // No endpoint type in the document; the endpoint configuration under the (only) Server object, as OpenAPI 3 has it.
    expect(exported['x-amazon-apigateway-endpoint-configuration']).toBeUndefined();
    expect(exported.servers).toEqual([
      {
        url: '/',
        'x-amazon-apigateway-endpoint-configuration': {
          disableExecuteApiEndpoint: true,
          vpcEndpointIds: ['vpce-0123456789abcdef0'],
        },
      },
    ]);
    expect(exported['x-amazon-apigateway-request-validators']).toEqual({
      all: { validateRequestParameters: true, validateRequestBody: true },
      params: { validateRequestParameters: true, validateRequestBody: false },
    });
    expect(exported.components).toEqual({ schemas: { Input: doc.definitions.Input } });

    const paths = exported.paths as Record<string, Record<string, Record<string, unknown>>>;
    expect(Object.keys(paths)).toEqual(['/v1/calc/{op}', '/v1/empty']);
    const post = paths['/v1/calc/{op}']!.post!;
    expect(post.parameters).toEqual([
      { name: 'op', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'X-Trace', in: 'header', required: true, schema: { type: 'string' } },
      { name: 'verbose', in: 'query', schema: { type: 'string' } },
    ]);
    expect(post.requestBody).toEqual({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Input' } } },
    });
    expect(post.responses).toEqual({
      '200': { description: '200 response', headers: { 'X-Result': { schema: { type: 'string' } } } },
      '400': { description: '400 response' },
      '504': { description: '504 response' },
    });
    expect(post['x-amazon-apigateway-request-validator']).toBe('all');
    expect(post['x-amazon-apigateway-integration']).toEqual({
      responses: {
        default: {
          statusCode: '200',
          responseParameters: { 'method.response.header.X-Result': 'integration.response.body.result' },
        },
        'Invalid.*': {
          statusCode: '400',
          responseTemplates: { 'application/json': '{"error": "$input.path(\'$.errorMessage\')"}' },
        },
        '.*timed out.*': { statusCode: '504', contentHandling: 'CONVERT_TO_TEXT' },
      },
      uri: doc.paths['/calc/{op}'].post['x-amazon-apigateway-integration'].uri,
      requestParameters: { 'integration.request.header.X-Op': 'method.request.path.op' },
      requestTemplates: doc.paths['/calc/{op}'].post['x-amazon-apigateway-integration'].requestTemplates,
      passthroughBehavior: 'never',
      contentHandling: 'CONVERT_TO_TEXT',
      httpMethod: 'POST',
      timeoutInMillis: 5000,
      type: 'aws',
    });
    const any = paths['/v1/calc/{op}']!['x-amazon-apigateway-any-method']!;
    // The API-level default validator applies to the methods without one of their own.
    expect(any['x-amazon-apigateway-request-validator']).toBe('params');
    expect(any['x-amazon-apigateway-integration']).toEqual({
      uri: 'https://example.com/{op}',
      requestParameters: { 'integration.request.path.op': 'method.request.path.op' },
      passthroughBehavior: 'when_no_match',
      httpMethod: 'ANY',
      type: 'http_proxy',
    });
  });
});

describe("golden fragments from AWS's documented exports", () => {
  it('Lambda proxy on a proxy resource (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-set-up-lambda-proxy-integration-on-proxy-resource.html, OpenAPI 3.0)', () => {
    // AWS's document, as it is on that page (an export of the API on stage testStage).
    const aws = {
      openapi: '3.0.0',
      info: { version: '2016-09-12T17:50:37Z', title: 'ProxyIntegrationWithLambda' },
      paths: {
        '/{proxy+}': {
          'x-amazon-apigateway-any-method': {
            parameters: [{ name: 'proxy', in: 'path', required: true, schema: { type: 'string' } }],
            responses: {},
            'x-amazon-apigateway-integration': {
              responses: { default: { statusCode: '200' } },
              uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:SimpleLambda4ProxyResource/invocations',
              passthroughBehavior: 'when_no_match',
              httpMethod: 'POST',
              cacheNamespace: 'roq9wj',
              cacheKeyParameters: ['method.request.path.proxy'],
              type: 'aws_proxy',
            },
          },
        },
      },
      servers: [
        {
          url: 'https://gy415nuibc.execute-api.us-east-1.amazonaws.com/{basePath}',
          variables: { basePath: { default: '/testStage' } },
        },
      ],
    };
    const exported = exportOpenApi(importOpenApi(aws, { apiId: 'gy415nuibc' }), {
      stage: { name: 'testStage', deploymentId: 'd', variables: {} },
      version: aws.info.version,
    });
    expect(exported.info).toEqual(aws.info);
    expect(exported.servers).toEqual(aws.servers);
    const method = (exported.paths as Record<string, Record<string, Record<string, unknown>>>)['/{proxy+}']![
      'x-amazon-apigateway-any-method'
    ]!;
    expect(method.parameters).toEqual(aws.paths['/{proxy+}']['x-amazon-apigateway-any-method'].parameters);
    // The fields the model holds, with AWS's values (cacheKeyParameters included: the stage cache's keys); the cache
    // namespace and the proxy's integration response are not modelled.
    const {
      responses: _r,
      cacheNamespace: _c,
      ...modelled
    } = aws.paths['/{proxy+}']['x-amazon-apigateway-any-method']['x-amazon-apigateway-integration'];
    expect(method['x-amazon-apigateway-integration']).toEqual(modelled);
    expect(Object.keys(exported.paths as object)).toEqual(['/{proxy+}']); // the root resource, without methods, is not exported
    expect(exported['x-amazon-apigateway-endpoint-configuration']).toBeUndefined(); // an EDGE API: AWS's export names no endpoint type
  });

  it('gateway responses (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-gateway-responses.html)', () => {
    const responses = {
      DEFAULT_4XX: {
        responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'domain.com'" },
        responseTemplates: { 'application/json': '{"message": test 4xx b }' },
      },
      INVALID_API_KEY: { statusCode: '429', responseTemplates: { 'application/json': '{"message": test forbidden }' } },
    };
    const doc = {
      openapi: '3.0.1',
      info: { title: 'G', version: '1' },
      paths: {},
      'x-amazon-apigateway-gateway-responses': responses,
    };
    expect(exportOpenApi(importOpenApi(doc), { version: VERSION })['x-amazon-apigateway-gateway-responses']).toEqual(
      responses,
    );
  });

  it('HTTP API $default route (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-any-method.html) and export shape', () => {
    // The page's HTTP API example: the $default route is /$default with x-amazon-apigateway-any-method and isDefaultRoute.
    const doc = {
      openapi: '3.0.1',
      info: { title: 'HTTP API', version: '1' },
      paths: {
        '/$default': {
          'x-amazon-apigateway-any-method': {
            isDefaultRoute: true,
            'x-amazon-apigateway-integration': {
              type: 'AWS_PROXY',
              httpMethod: 'POST',
              uri: 'arn:aws:lambda:us-east-2:123456789012:function:my-default-service',
              payloadFormatVersion: '1.0',
            },
          },
        },
      },
    };
    const exported = exportHttpApiOpenApi(importHttpApi(doc, { apiId: 'abc123' }), {
      stage: { name: '$default' },
      region: 'us-east-2',
      version: '2025-06-20 17:22:45UTC',
    });
    expect(exported).toEqual({
      openapi: '3.0.1',
      info: { title: 'HTTP API', version: '2025-06-20 17:22:45UTC' },
      servers: [
        {
          url: 'https://abc123.execute-api.us-east-2.amazonaws.com/{basePath}',
          variables: { basePath: { default: '' } },
        },
      ],
      paths: {
        '/$default': {
          'x-amazon-apigateway-any-method': {
            isDefaultRoute: true,
            responses: { default: { description: 'Default response for $default' } },
            'x-amazon-apigateway-integration': {
              payloadFormatVersion: '1.0',
              type: 'aws_proxy',
              httpMethod: 'POST',
              uri: 'arn:aws:lambda:us-east-2:123456789012:function:my-default-service',
              connectionType: 'INTERNET',
            },
          },
        },
      },
      'x-amazon-apigateway-importexport-version': '1.0',
    });
  });

  it('HTTP API routes with path parameters, as export-api writes them', () => {
    const exported = exportHttpApiOpenApi(importHttpApi(httpApiDoc(['OPTIONS /auth/{proxy+}'])), { version: 'v' });
    expect((exported.paths as Record<string, unknown>)['/auth/{proxy+}']).toEqual({
      options: {
        responses: { default: { description: 'Default response for OPTIONS /auth/{proxy+}' } },
        'x-amazon-apigateway-integration': expect.objectContaining({
          payloadFormatVersion: '2.0',
          type: 'aws_proxy',
          httpMethod: 'POST',
          connectionType: 'INTERNET',
        }),
      },
      parameters: [
        {
          name: 'proxy+',
          in: 'path',
          description: 'Generated path parameter for proxy+',
          required: true,
          schema: { type: 'string' },
        },
      ],
    });
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DefinitionError, functionNamesOf, importOpenApi } from '../../../src/emulator/index.js';
import { openApi } from '../helpers.js';

/** The problems importOpenApi reports for a document. */
function problemsOf(doc: unknown, options: Parameters<typeof importOpenApi>[1] = {}): string[] {
  try {
    importOpenApi(doc, options);
  } catch (e) {
    if (e instanceof DefinitionError) return e.problems;
    throw e;
  }
  return [];
}

describe('OpenAPI import with x-amazon-apigateway-integration (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html)', () => {
  it('reads the items API: resources, methods, the Lambda function, timeout and endpoint type', () => {
    const api = importOpenApi(parse(readFileSync('examples/items/openapi.yaml', 'utf8')), { endpointType: 'REGIONAL' });
    expect(api.name).toBe('ItemsAPI');
    expect(api.endpointType).toBe('REGIONAL');
    expect(api.resources.map((r) => r.path)).toEqual(['/', '/items', '/items/{id}']);
    const get = api.resources.find((r) => r.path === '/items')!.methods.GET!;
    expect(get.integration).toMatchObject({ type: 'AWS_PROXY', functionName: 'items_handler', timeoutMs: 29000 });
    expect(functionNamesOf(api)).toEqual(['items_handler']);
    expect(api.id).toMatch(/^[a-z0-9]{10}$/);
  });
  it('defaults to an edge-optimized endpoint, as import-rest-api does', () => {
    expect(importOpenApi(openApi({ '/a': ['GET'] })).endpointType).toBe('EDGE');
  });
  it('takes the endpoint type as an import parameter (endpointConfigurationTypes), never from the definition', () => {
    expect(importOpenApi(openApi({ '/a': ['GET'] }), { endpointType: 'PRIVATE' }).endpointType).toBe('PRIVATE');
    // AWS's x-amazon-apigateway-endpoint-configuration has no `types`: a definition that carries one is told to pass the parameter.
    const oas3 = problemsOf(
      openApi(
        { '/a': ['GET'] },
        { servers: [{ url: '/', 'x-amazon-apigateway-endpoint-configuration': { types: ['REGIONAL'] } }] },
      ),
    );
    expect(oas3).toEqual([
      expect.stringMatching(
        /^servers\[0\]\.x-amazon-apigateway-endpoint-configuration\.types: .*endpointConfigurationTypes=REGIONAL.*--endpoint-type regional/,
      ),
    ]);
    const swagger = problemsOf({
      swagger: '2.0',
      info: { title: 'T', version: '1' },
      'x-amazon-apigateway-endpoint-configuration': { types: ['REGIONAL'] },
      paths: {},
    });
    expect(swagger).toEqual([expect.stringMatching(/^x-amazon-apigateway-endpoint-configuration\.types: /)]);
    expect(problemsOf(openApi({ '/a': ['GET'] }), { endpointType: 'CLOUD' as never })).toEqual([
      'unknown endpoint type "CLOUD" (EDGE, REGIONAL or PRIVATE)',
    ]);
  });
  it('reads vpcEndpointIds and disableExecuteApiEndpoint: under servers[] in OpenAPI 3, at the top level in Swagger 2 (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-endpoint-configuration.html)', () => {
    const config = { vpcEndpointIds: ['vpce-0212a4ababd5b8c3e'], disableExecuteApiEndpoint: true };
    const oas3 = importOpenApi(
      openApi(
        { '/a': ['GET'] },
        { servers: [{ url: 'https://example.com/{basePath}', 'x-amazon-apigateway-endpoint-configuration': config }] },
      ),
      { endpointType: 'PRIVATE' },
    );
    expect(oas3).toMatchObject({ endpointType: 'PRIVATE', ...config });
    const swagger = importOpenApi({
      swagger: '2.0',
      info: { title: 'T', version: '1' },
      'x-amazon-apigateway-endpoint-configuration': config,
      paths: {},
    });
    expect(swagger).toMatchObject({ endpointType: 'EDGE', ...config });
    expect(problemsOf(openApi({ '/a': ['GET'] }, { 'x-amazon-apigateway-endpoint-configuration': config }))).toEqual([
      'x-amazon-apigateway-endpoint-configuration belongs under a Server object (servers[]) in OpenAPI 3, not at the top level',
    ]);
  });
  it('accepts a function ARN with a qualifier and a bare function name', () => {
    const doc = openApi({ '/a': ['GET'] });
    const op = (doc.paths['/a'] as any).get['x-amazon-apigateway-integration'];
    op.uri =
      'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111122223333:function:my-fn:live/invocations';
    expect(functionNamesOf(importOpenApi(doc))).toEqual(['my-fn']);
  });
  it('reports every problem of an unusable definition', () => {
    expect(problemsOf('just text')[0]).toMatch(/not an object/);
    expect(problemsOf({ info: { title: 'x' }, paths: {} })[0]).toMatch(/not an OpenAPI document/);
    const problems = problemsOf({
      openapi: '3.0.1',
      info: { title: 'x' },
      paths: { '/a': { get: {} }, b: { get: {} }, '/c/{p+}/d': { get: {} } },
    });
    expect(problems).toEqual([
      expect.stringMatching(/paths\["\/a"\]\.get has no x-amazon-apigateway-integration/),
      expect.stringMatching(/paths\["b"\]: a resource path must start with "\/"/),
      expect.stringMatching(/greedy parameter .* must be the last segment/),
    ]);
  });
  it('rejects a non-Lambda URI, an HTTP integration without an http(s) URI, and an unknown integration type', () => {
    const bad = openApi({ '/a': ['GET'], '/b': ['GET'], '/c': ['GET'] });
    (bad.paths['/a'] as any).get['x-amazon-apigateway-integration'].uri = 'https://example.com';
    (bad.paths['/b'] as any).get['x-amazon-apigateway-integration'].type = 'http';
    (bad.paths['/c'] as any).get['x-amazon-apigateway-integration'].type = 'vpc_link';
    const problems = problemsOf(bad);
    expect(problems[0]).toMatch(/is not a Lambda invocation URI/);
    expect(problems[1]).toMatch(/an HTTP integration needs an http\(s\) uri/);
    expect(problems[2]).toMatch(/integration type "vpc_link" is not supported/);
  });
});

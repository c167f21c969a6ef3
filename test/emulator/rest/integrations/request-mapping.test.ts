import { describe, expect, it } from 'vitest';
import { BUILT_IN } from '../../../../src/emulator/rest/gateway-response-config.js';
import { GATEWAY_RESPONSES } from '../../../../src/emulator/rest/gateway-responses.js';
import { mapIntegrationRequest } from '../../../../src/emulator/rest/integrations/request-mapping.js';
import type { TemplatedIntegration } from '../../../../src/emulator/rest/model.js';
import { integrationRequest } from '../../../../src/emulator/rest/steps/integration-request.js';
import { contextBefore, gatewayErrorOfSync, smallDoc, type ContextOptions } from '../steps/context-helper.js';
import { text } from './integration-helper.js';

/**
 * A POST /things/{id} request (to an HTTP integration with `spec`'s templates and mappings) about to have its
 * integration request mapped; `binaryMediaTypes` are the API's.
 */
async function mapping(spec: Record<string, unknown>, options: ContextOptions = {}, binaryMediaTypes?: string[]) {
  const doc = smallDoc(
    {
      '/things/{id}': {
        post: {
          responses: { '200': { description: 'ok' } },
          'x-amazon-apigateway-integration': {
            type: 'http',
            httpMethod: 'POST',
            uri: 'http://backend.local/',
            responses: { default: { statusCode: '200' } },
            ...spec,
          },
        },
      },
    },
    binaryMediaTypes ? { 'x-amazon-apigateway-binary-media-types': binaryMediaTypes } : {},
  );
  const { context } = await contextBefore(integrationRequest, {
    doc,
    method: 'POST',
    url: '/dev/things/7',
    ...options,
  });
  const integration = context.integration as TemplatedIntegration;
  return { context, map: () => mapIntegrationRequest(context, integration) };
}

const JSON_TYPE: [string, string] = ['Content-Type', 'application/json'];

describe('mapIntegrationRequest: templates', () => {
  it("chooses the template of the request's media type, whatever its case and parameters", async () => {
    const requestTemplates = { 'application/json': 'json', 'application/xml': 'xml' };
    const { context, map } = await mapping(
      { requestTemplates },
      { headers: [['Content-Type', 'Application/XML; charset=utf-8']], body: '<a/>' },
    );
    map();
    expect(context.mappedRequest!.payload).toBe('xml');
    expect(text(context.mappedRequest!.bytes)).toBe('xml');
  });

  it('takes a request without Content-Type as application/json', async () => {
    const { context, map } = await mapping({ requestTemplates: { 'application/json': 'json' } }, { body: 'x' });
    map();
    expect(context.mappedRequest!.payload).toBe('json');
  });

  it('renders the template with $input, $context and $stageVariables', async () => {
    const template = [
      '{"id": "$input.params(\'id\')", "q": "$input.params(\'q\')", "h": "$input.params(\'X-H\')",',
      ' "n": $input.json(\'$.n\'), "stage": "$context.stage", "path": "$context.path",',
      ' "resource": "$context.resourcePath", "env": "$stageVariables.env"}',
    ].join('');
    const { context, map } = await mapping(
      { requestTemplates: { 'application/json': template } },
      {
        url: '/dev/things/7?q=red',
        headers: [JSON_TYPE, ['X-H', 'hv']],
        body: '{"n": [1, 2]}',
        stageVariables: { env: 'test' },
      },
    );
    map();
    expect(JSON.parse(context.mappedRequest!.payload)).toEqual({
      id: '7',
      q: 'red',
      h: 'hv',
      n: [1, 2],
      stage: 'dev',
      path: '/dev/things/7',
      resource: '/things/{id}',
      env: 'test',
    });
    expect(context.mappedRequest!.params).toEqual({
      path: { id: '7' },
      querystring: { q: 'red' },
      header: { 'Content-Type': 'application/json', 'X-H': 'hv' },
    });
  });

  it('stops the request with 500 API_CONFIGURATION_ERROR when the template fails', async () => {
    const { context, map } = await mapping({ requestTemplates: { 'application/json': '#if(' } }, { body: '{}' });
    const error = gatewayErrorOfSync(map);
    expect(error.response).toEqual(GATEWAY_RESPONSES.API_CONFIGURATION_ERROR);
    expect(error.detail).toMatch(/^Execution failed due to configuration error: the mapping template does not parse: /);
    expect(context.mappedRequest).toBeUndefined();
  });

  it('stops the request with 400 BAD_REQUEST_BODY, its message in the body, when $input.json reads a body that is not JSON', async () => {
    const { context, map } = await mapping(
      { requestTemplates: { 'application/json': "$input.json('$.n')" } },
      { headers: [JSON_TYPE], body: '{"n": ' },
    );
    const error = gatewayErrorOfSync(map);
    expect({ ...error.response, body: '' }).toEqual({ ...BUILT_IN.badRequestBody(), body: '' });
    expect(error.response.status).toBe(400);
    expect(error.detail).toMatch(/^Could not parse request body into json: /);
    expect(error.response.body).toBe(`{"message": ${JSON.stringify(error.detail)}}`);
    expect(context.mappedRequest).toBeUndefined();
  });

  // velocityjs appends its location of the call to the message of an error thrown inside a method call; the 400
  // names the parse error only.
  it("names only the parse error in the 400, not the template engine's location of the call", async () => {
    const body = '{"n": ';
    let parseError = '';
    try {
      JSON.parse(body);
    } catch (error) {
      parseError = (error as Error).message;
    }
    const { map } = await mapping(
      { requestTemplates: { 'application/json': "$input.json('$.n')" } },
      { headers: [JSON_TYPE], body },
    );
    expect(gatewayErrorOfSync(map).detail).toBe(`Could not parse request body into json: ${parseError}`);
  });
});

describe('mapIntegrationRequest: passthrough', () => {
  it('passes the body through as it came when no template matches and passthroughBehavior is WHEN_NO_MATCH', async () => {
    const { context, map } = await mapping(
      { requestTemplates: { 'application/json': 'json' } },
      { headers: [['Content-Type', 'text/plain']], body: 'plain body' },
    );
    map();
    expect(context.mappedRequest).toMatchObject({ payload: 'plain body', overrides: null });
    expect(text(context.mappedRequest!.bytes)).toBe('plain body');
  });

  it.each([
    ['NEVER', {}],
    ['NEVER', { 'application/json': 'json' }],
    ['WHEN_NO_TEMPLATES', { 'application/json': 'json' }],
  ])('stops the request with 415 UNSUPPORTED_MEDIA_TYPE for %s with templates %j', async (behavior, templates) => {
    const { context, map } = await mapping(
      { requestTemplates: templates, passthroughBehavior: behavior },
      { headers: [['Content-Type', 'text/plain; charset=utf-8']], body: 'x' },
    );
    const error = gatewayErrorOfSync(map);
    expect(error.response).toEqual(BUILT_IN.unsupportedMediaType());
    expect(error.detail).toBe(
      `Request body does not match any mapping template (Content-Type text/plain, passthroughBehavior ${behavior})`,
    );
    expect(context.mappedRequest).toBeUndefined();
  });

  it('passes the body through with WHEN_NO_TEMPLATES when the integration has no templates', async () => {
    const { context, map } = await mapping(
      { passthroughBehavior: 'WHEN_NO_TEMPLATES' },
      { headers: [['Content-Type', 'text/plain']], body: 'x' },
    );
    map();
    expect(context.mappedRequest!.payload).toBe('x');
  });
});

describe('mapIntegrationRequest: requestParameters and overrides', () => {
  it("maps requestParameters, a template's $context.requestOverride set on top", async () => {
    const template = [
      '#set($context.requestOverride.header.XOver = "from template")',
      '#set($context.requestOverride.querystring.page = "2")',
      '#set($context.requestOverride.path.itemId = "99")',
      'body',
    ].join('\n');
    const { context, map } = await mapping(
      {
        requestTemplates: { 'application/json': template },
        requestParameters: {
          'integration.request.header.XOver': "'from mapping'",
          'integration.request.header.XKept': 'method.request.header.X-Client',
          'integration.request.querystring.page': "'1'",
          'integration.request.path.itemId': 'method.request.path.id',
        },
      },
      { headers: [JSON_TYPE, ['X-Client', 'web']], body: '{}' },
    );
    map();
    const mapped = context.mappedRequest!;
    expect(mapped.parameters).toEqual({
      header: { XOver: 'from template', XKept: 'web' },
      querystring: { page: '2' },
      path: { itemId: '99' },
    });
    expect(mapped.payload).toBe('body');
    expect(mapped.overrides!.requestOverride).toMatchObject({ header: { XOver: 'from template' } });
  });

  it('maps requestParameters for a body passed through too', async () => {
    const { context, map } = await mapping(
      { requestParameters: { 'integration.request.querystring.id': 'method.request.path.id' } },
      { headers: [['Content-Type', 'text/plain']], body: 'x' },
    );
    map();
    expect(context.mappedRequest!.parameters).toEqual({ header: {}, querystring: { id: '7' }, path: {} });
  });
});

describe('mapIntegrationRequest: binary payloads', () => {
  const BYTES = new Uint8Array([0xff, 0x00, 0x89, 0x50]);
  const binary = { headers: [['Content-Type', 'application/octet-stream']] as [string, string][], body: BYTES };

  it('passes a binary body through as its bytes', async () => {
    const { context, map } = await mapping({}, binary, ['application/octet-stream']);
    map();
    expect(context.mappedRequest!.bytes).toEqual(BYTES);
  });

  it('passes a binary body as base64 text with CONVERT_TO_TEXT', async () => {
    const { context, map } = await mapping({ contentHandling: 'CONVERT_TO_TEXT' }, binary, [
      'application/octet-stream',
    ]);
    map();
    expect(context.mappedRequest!.payload).toBe('/wCJUA==');
  });

  it('gives a template the base64 of a binary body with CONVERT_TO_TEXT, and refuses to without it (500)', async () => {
    const requestTemplates = { 'application/octet-stream': '{"data": "$input.body"}' };
    const converted = await mapping({ requestTemplates, contentHandling: 'CONVERT_TO_TEXT' }, binary, [
      'application/octet-stream',
    ]);
    converted.map();
    expect(converted.context.mappedRequest!.payload).toBe('{"data": "/wCJUA=="}');
    const raw = await mapping({ requestTemplates }, binary, ['application/octet-stream']);
    const error = gatewayErrorOfSync(raw.map);
    expect(error.response).toEqual(GATEWAY_RESPONSES.API_CONFIGURATION_ERROR);
    expect(error.detail).toMatch(/^Execution failed due to configuration error: Unable to transform request/);
  });

  it('stops the request with 500 when CONVERT_TO_BINARY meets a text body that is not base64', async () => {
    const { map } = await mapping(
      { contentHandling: 'CONVERT_TO_BINARY' },
      { headers: [['Content-Type', 'text/plain']], body: 'not base64!' },
    );
    const error = gatewayErrorOfSync(map);
    expect(error.response).toEqual(GATEWAY_RESPONSES.API_CONFIGURATION_ERROR);
    expect(error.detail).toBe(
      'Execution failed due to configuration error: Unable to base64-decode the request body (contentHandling CONVERT_TO_BINARY)',
    );
  });
});

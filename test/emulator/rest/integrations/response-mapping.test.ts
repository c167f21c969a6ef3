import { describe, expect, it } from 'vitest';
import type { InvokeOutcome } from '../../../../src/emulator/index.js';
import { GATEWAY_RESPONSES } from '../../../../src/emulator/rest/gateway-responses.js';
import { mapIntegrationResponse } from '../../../../src/emulator/rest/integrations/response-mapping.js';
import type { TemplatedIntegration } from '../../../../src/emulator/rest/model.js';
import { integration } from '../../../../src/emulator/rest/steps/integration.js';
import { contextBefore, FN_URI, gatewayErrorOfSync, smallDoc, type ContextOptions } from '../steps/context-helper.js';
import { text } from './integration-helper.js';

const HEADER = { schema: { type: 'string' } };

/** Method responses 200 and 404 of GET /things/{id}, with the headers the tests map. */
const METHOD_RESPONSES = {
  '200': {
    description: 'ok',
    headers: { 'X-Mapped': HEADER, 'X-Lit': HEADER, 'X-Id': HEADER, 'Content-Type': HEADER },
  },
  '404': { description: 'not found' },
};

/** An HTTP endpoint's answer. */
interface Endpoint {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * GET /things/{id} through an integration with `responses` (HTTP by default, answering `endpoint`), the integration
 * called: its backend response is there to map.
 */
async function answered(
  responses: Record<string, unknown>,
  endpoint: Endpoint = {},
  options: ContextOptions & { spec?: Record<string, unknown> } = {},
) {
  const { spec, ...rest } = options;
  const doc = smallDoc({
    '/things/{id}': {
      get: {
        responses: METHOD_RESPONSES,
        'x-amazon-apigateway-integration': {
          type: 'http',
          httpMethod: 'GET',
          uri: 'http://backend.local/',
          responses,
          ...spec,
        },
      },
    },
  });
  const fetch = (async () =>
    new Response(endpoint.body ?? '{"id": 7}', {
      status: endpoint.status ?? 200,
      headers: endpoint.headers ?? { 'Content-Type': 'application/json' },
    })) as typeof globalThis.fetch;
  const { context } = await contextBefore(integration, { doc, url: '/dev/things/7', fetch, ...rest });
  await integration(context);
  const answer = () => {
    const a = context.answer!;
    if (a.kind !== 'mapped') throw new Error(`expected a mapped answer, got ${a.kind}`);
    return a;
  };
  return { context, map: () => mapIntegrationResponse(context, context.integration as TemplatedIntegration), answer };
}

describe('mapIntegrationResponse: selection', () => {
  const responses = {
    default: { statusCode: '200', responseTemplates: { 'application/json': 'ok' } },
    '4\\d{2}': { statusCode: '404', responseTemplates: { 'application/json': 'missing' } },
  };

  it("selects the integration response whose selectionPattern matches the endpoint's status, else the default", async () => {
    const missing = await answered(responses, { status: 410 });
    missing.map();
    expect([missing.answer().status, text(missing.answer().body)]).toEqual([404, 'missing']);
    const ok = await answered(responses, { status: 302 });
    ok.map();
    expect([ok.answer().status, text(ok.answer().body)]).toEqual([200, 'ok']);
  });

  it("selects a Lambda custom integration's response by the function's errorMessage", async () => {
    const lambda = { spec: { type: 'aws', httpMethod: 'POST', uri: FN_URI } };
    const fails = (): InvokeOutcome => ({
      kind: 'error',
      error: { errorType: 'Error', errorMessage: 'Not found: 7' },
      logs: [],
    });
    const lambdaResponses = {
      default: { statusCode: '200' },
      'Not found.*': {
        statusCode: '404',
        responseTemplates: { 'application/json': '{"error": "$input.path(\'$.errorMessage\')"}' },
      },
    };
    const failed = await answered(lambdaResponses, {}, { ...lambda, fn: fails });
    failed.map();
    expect([failed.answer().status, text(failed.answer().body)]).toEqual([404, '{"error": "Not found: 7"}']);
    const succeeded = await answered(lambdaResponses, {}, lambda);
    succeeded.map();
    expect(succeeded.answer().status).toBe(200);
  });

  it('stops the request with 500 when no response matches and there is no default, naming the endpoint status', async () => {
    const { context, map } = await answered({ '2\\d{2}': { statusCode: '200' } }, { status: 503 });
    const error = gatewayErrorOfSync(map);
    expect(error.response).toEqual(GATEWAY_RESPONSES.API_CONFIGURATION_ERROR);
    expect(error.detail).toBe(
      'Execution failed due to configuration error: No match for output mapping and no default output mapping configured. Endpoint Response Status Code: 503',
    );
    expect(context.answer).toBeUndefined();
  });

  it('stops the request with 500 when the selected status has no method response', async () => {
    const { map } = await answered({ default: { statusCode: '418' } });
    const error = gatewayErrorOfSync(map);
    expect(error.response).toEqual(GATEWAY_RESPONSES.API_CONFIGURATION_ERROR);
    expect(error.detail).toBe(
      'Execution failed due to configuration error: Output mapping refers to an invalid method response: 418',
    );
  });
});

describe('mapIntegrationResponse: headers and body', () => {
  it("maps only responseParameters to headers, the endpoint's own headers being sources, no more", async () => {
    const { map, answer } = await answered(
      {
        default: {
          statusCode: '200',
          responseParameters: {
            'method.response.header.X-Mapped': 'integration.response.header.X-Back',
            'method.response.header.X-Lit': "'literal'",
            'method.response.header.X-Id': 'integration.response.body.id',
          },
        },
      },
      { headers: { 'Content-Type': 'text/plain', 'X-Back': 'from backend', 'X-Other': 'dropped' }, body: '{"id": 7}' },
    );
    map();
    expect(answer().headers).toEqual([
      ['Content-Type', 'application/json'],
      ['X-Mapped', 'from backend'],
      ['X-Lit', 'literal'],
      ['X-Id', '7'],
    ]);
    // Without a template the endpoint's body passes through.
    expect(text(answer().body)).toBe('{"id": 7}');
  });

  it('takes the Content-Type from a mapped header, once, in front', async () => {
    const { map, answer } = await answered({
      default: {
        statusCode: '200',
        responseParameters: {
          'method.response.header.X-Lit': "'a'",
          'method.response.header.Content-Type': "'text/csv'",
        },
        responseTemplates: { 'application/json': 'a,b' },
      },
    });
    map();
    expect(answer().headers).toEqual([
      ['Content-Type', 'text/csv'],
      ['X-Lit', 'a'],
    ]);
    const only = await answered({
      default: { statusCode: '200', responseParameters: { 'method.response.header.Content-Type': "'text/csv'" } },
    });
    only.map();
    expect(only.answer().headers).toEqual([['Content-Type', 'text/csv']]);
  });

  it("renders the response template of the client's Accept, falling back to application/json's", async () => {
    const responses = {
      default: {
        statusCode: '200',
        responseTemplates: {
          'application/xml': "<id>$input.path('$.id')</id>",
          'application/json': '{"id": $input.json(\'$.id\')}',
        },
      },
    };
    const xml = await answered(responses, {}, { headers: [['Accept', 'text/html, application/xml;q=0.9']] });
    xml.map();
    expect([xml.answer().headers[0], text(xml.answer().body)]).toEqual([
      ['Content-Type', 'application/xml'],
      '<id>7</id>',
    ]);
    const other = await answered(responses, {}, { headers: [['Accept', 'image/png']] });
    other.map();
    expect([other.answer().headers[0], text(other.answer().body)]).toEqual([
      ['Content-Type', 'application/json'],
      '{"id": 7}',
    ]);
  });

  it("changes the status and headers as the template's $context.responseOverride says", async () => {
    const { map, answer } = await answered({
      default: {
        statusCode: '200',
        responseParameters: { 'method.response.header.X-Lit': "'mapped'" },
        responseTemplates: {
          'application/json': [
            '#set($context.responseOverride.status = 201)',
            '#set($context.responseOverride.header.X-Lit = "overridden")',
            'created',
          ].join('\n'),
        },
      },
    });
    map();
    expect(answer().status).toBe(201);
    expect(answer().headers).toEqual([
      ['Content-Type', 'application/json'],
      ['X-Lit', 'overridden'],
    ]);
    expect(text(answer().body)).toBe('created');
  });

  it('stops the request with 500 when the response template fails', async () => {
    const { map } = await answered(
      {
        default: { statusCode: '200', responseTemplates: { 'application/json': "$input.json('$.id')" } },
      },
      { body: 'not json' },
    );
    const error = gatewayErrorOfSync(map);
    expect(error.response).toEqual(GATEWAY_RESPONSES.API_CONFIGURATION_ERROR);
    expect(error.detail).toMatch(
      /^Execution failed due to configuration error: Could not parse request body into json: /,
    );
  });
});

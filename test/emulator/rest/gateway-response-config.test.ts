import { describe, expect, it } from 'vitest';
import {
  BUILT_IN,
  readGatewayResponses,
  renderGatewayResponse,
  substitute,
  type GatewayResponseVariables,
} from '../../../src/emulator/rest/gateway-response-config.js';

const vars: GatewayResponseVariables = {
  context: { requestId: 'req-1', stage: 'dev', resourcePath: '/pets/{petId}' },
  stageVariables: { a: 'A' },
  request: { path: { petId: '7' }, querystring: { qname: 'q' }, headers: [['Accept', 'application/json']] },
};
const missingToken = {
  type: 'MISSING_AUTHENTICATION_TOKEN',
  status: 403,
  body: '{"message":"Missing Authentication Token"}',
  contentType: 'application/json',
  errorType: 'MissingAuthenticationTokenException',
};

describe('gateway responses (https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html)', () => {
  it('sends the built-in response when nothing is customised', () => {
    const r = renderGatewayResponse(BUILT_IN.badRequestBody(), {}, vars);
    expect(r).toMatchObject({
      status: 400,
      body: '{"message": "Invalid request body"}',
      customised: false,
      headers: [],
    });
    expect(BUILT_IN.badRequestParameters('Missing required request parameters: [q1]').body).toBe(
      '{"message": "Missing required request parameters: [q1]"}',
    );
    expect(BUILT_IN.unsupportedMediaType()).toMatchObject({
      status: 415,
      body: '{"message": "Unsupported Media Type"}',
    });
  });

  it('renders the documented customisation example (MISSING_AUTHENTICATION_TOKEN as 404 with headers and a template)', () => {
    // The MISSING_AUTHENTICATION_TOKEN example of the GatewayResponse resource (https://docs.aws.amazon.com/apigateway/latest/api/API_GatewayResponse.html).
    const config = readGatewayResponses(
      {
        MISSING_AUTHENTICATION_TOKEN: {
          statusCode: 404,
          responseParameters: {
            'gatewayresponse.header.x-request-path': 'method.request.path.petId',
            'gatewayresponse.header.x-request-query': 'method.request.querystring.qname',
            'gatewayresponse.header.x-request-header': 'method.request.header.Accept',
            'gatewayresponse.header.Access-Control-Allow-Origin': "'a.b.c'",
          },
          responseTemplates: {
            'application/json':
              '{\n     "message": $context.error.messageString,\n     "type":  "$context.error.responseType",\n     "stage":  "$context.stage",\n     "resourcePath":  "$context.resourcePath",\n     "stageVariables.a":  "$stageVariables.a",\n     "statusCode": "\'404\'"\n}',
          },
        },
      },
      [],
    );
    const r = renderGatewayResponse(missingToken, config, vars);
    expect(r.status).toBe(404);
    expect(r.headers).toEqual([
      ['x-request-path', '7'],
      ['x-request-query', 'q'],
      ['x-request-header', 'application/json'],
      ['Access-Control-Allow-Origin', 'a.b.c'],
    ]);
    expect(JSON.parse(r.body)).toEqual({
      message: 'Missing Authentication Token',
      type: 'MISSING_AUTHENTICATION_TOKEN',
      stage: 'dev',
      resourcePath: '/pets/{petId}',
      'stageVariables.a': 'A',
      statusCode: "'404'",
    });
  });

  it("falls back to DEFAULT_4XX / DEFAULT_5XX, whose status code replaces the family's", () => {
    const config = readGatewayResponses(
      {
        DEFAULT_4XX: { responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" } },
        DEFAULT_5XX: { statusCode: 503 },
      },
      [],
    );
    const r = renderGatewayResponse(missingToken, config, vars);
    expect(r).toMatchObject({
      status: 403,
      body: '{"message":"Missing Authentication Token"}',
      headers: [['Access-Control-Allow-Origin', '*']],
      customised: true,
    });
    const five = renderGatewayResponse(
      {
        type: 'DEFAULT_5XX',
        status: 502,
        body: '{"message": "Internal server error"}',
        contentType: 'application/json',
        errorType: 'InternalServerErrorException',
      },
      config,
      vars,
    );
    // A status-only customisation keeps the built-in body bytes.
    expect(five).toMatchObject({ status: 503, body: '{"message": "Internal server error"}' });
    const templated = renderGatewayResponse(
      BUILT_IN.badRequestBody(),
      readGatewayResponses(
        { DEFAULT_4XX: { responseTemplates: { 'application/json': '{"message":$context.error.messageString}' } } },
        [],
      ),
      vars,
    );
    expect(templated.body).toBe('{"message":"Invalid request body"}');
  });

  it('substitutes only simple variables', () => {
    expect(
      substitute(
        '$context.requestId/${context.stage}/$stageVariables.a/$context.nope/#if(x)',
        { requestId: 'r', stage: 's' },
        { a: 'A' },
      ),
    ).toBe('r/s/A//#if(x)');
  });

  it('reports unknown types and bad status codes', () => {
    const problems: string[] = [];
    readGatewayResponses({ NOT_A_TYPE: {}, THROTTLED: { statusCode: '99' } }, problems);
    expect(problems).toHaveLength(2);
  });
});

/**
 * Behaviours recorded against real AWS, from LocalStack's AWS-validated tests (localstack/localstack,
 * tests/aws/services/apigateway/, commit 8b9a79f0): each test names the test file, test and snapshot key it reproduces,
 * and expects what the snapshot (or the validated test's assertions) recorded.
 */
import { describe, expect, it } from 'vitest';
import { RestGateway, importOpenApi, type InvokeOutcome } from '../../../src/emulator/index.js';
import { renderMappingTemplate } from '../../../src/emulator/rest/mapping-template.js';
import { gatewayFor, ok, openApi, URL_BASE } from '../helpers.js';

const LS = 'localstack/localstack tests/aws/services/apigateway';
const api = (paths: Record<string, unknown>) => ({ openapi: '3.0.1', info: { title: 'T', version: '1' }, paths });

/** An API whose `GET /{testPath}` has `integration` (the resource LocalStack's MOCK tests create). */
const onPathParam = (integration: Record<string, unknown>) =>
  api({
    '/{testPath}': {
      get: {
        parameters: [{ name: 'testPath', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok' } },
        'x-amazon-apigateway-integration': integration,
      },
    },
  });

/** A gateway on stage `dev` serving `doc`, with an injected fetch. */
function serve(doc: unknown, fetchFn?: typeof fetch) {
  const gateway = new RestGateway({
    invoke: async () => ({ kind: 'result', payload: null, logs: [] }),
    ...(fetchFn ? { fetch: fetchFn } : {}),
  });
  const deployment = gateway.deploy(importOpenApi(doc, { apiId: 'abc123defg' }));
  gateway.putStage({ name: 'dev', deploymentId: deployment.id });
  return gateway;
}

/** A MOCK method whose 200 integration response renders `body` (LocalStack's `_create_mock_integration_with_200_response_template`). */
const mockMethod = (body: unknown) => ({
  responses: { '200': { description: 'ok' } },
  'x-amazon-apigateway-integration': {
    type: 'mock',
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
    responses: { default: { statusCode: '200', responseTemplates: { 'application/json': JSON.stringify(body) } } },
  },
});

describe(`${LS}/test_apigateway_lambda.py::test_lambda_aws_proxy_integration (recorded 2024-08-02)`, () => {
  const proxyAndHardcoded = () => {
    const echo = (inv: { event: unknown }): InvokeOutcome => ok({ statusCode: 200, body: JSON.stringify(inv.event) });
    return gatewayFor(openApi({ '/{proxy+}': ['ANY'], '/hardcoded': ['ANY'] }), echo).gateway;
  };
  const eventOf = async (gateway: RestGateway, url: string) => {
    const { response } = await gateway.handle(new Request(url));
    expect(response.status).toBe(200);
    const e = (await response.json()) as {
      path: string;
      resource: string;
      pathParameters: unknown;
      requestContext: { path: string; resourcePath: string };
    };
    return {
      path: e.path,
      resource: e.resource,
      pathParameters: e.pathParameters,
      contextPath: e.requestContext.path,
      resourcePath: e.requestContext.resourcePath,
    };
  };

  it('snapshot key "invocation-hardcoded": GET /dev//hardcoded is served by /hardcoded, not by /{proxy+}; requestContext.path keeps the //', async () => {
    expect(await eventOf(proxyAndHardcoded(), `${URL_BASE}/dev//hardcoded`)).toEqual({
      path: '/hardcoded',
      resource: '/hardcoded',
      pathParameters: null,
      contextPath: '/dev//hardcoded',
      resourcePath: '/hardcoded',
    });
  });

  it('snapshot keys "invocation-payload-with-prepended-slash", "-with-prepended-slash-to-stage", "-with-double-slash", "-with-trailing-slash"', async () => {
    const gateway = proxyAndHardcoded();
    const proxy = (path: string, value: string, contextPath: string) => ({
      path,
      resource: '/{proxy+}',
      pathParameters: { proxy: value },
      contextPath,
      resourcePath: '/{proxy+}',
    });
    expect(await eventOf(gateway, `${URL_BASE}/dev//proxy-value`)).toEqual(
      proxy('/proxy-value', 'proxy-value', '/dev//proxy-value'),
    );
    expect(await eventOf(gateway, `${URL_BASE}//dev/proxy-value`)).toEqual(
      proxy('/proxy-value', 'proxy-value', '/dev/proxy-value'),
    );
    expect(await eventOf(gateway, `${URL_BASE}/dev/proxy-value//double-slash`)).toEqual(
      proxy('/proxy-value//double-slash', 'proxy-value//double-slash', '/dev/proxy-value//double-slash'),
    );
    expect(await eventOf(gateway, `${URL_BASE}/dev/proxy-value/`)).toEqual(
      proxy('/proxy-value/', 'proxy-value', '/dev/proxy-value/'),
    );
  });
});

describe(`${LS}/test_apigateway_lambda.py::test_aws_proxy_response_payload_format_validation (recorded 2024-11-15)`, () => {
  const result = async (payload: unknown) => {
    const { gateway } = gatewayFor(openApi({ '/{proxy+}': ['ANY'] }), () => ok(payload));
    const { response, trace } = await gateway.handle(new Request(`${URL_BASE}/dev/test`, { method: 'POST' }));
    return { status: response.status, body: await response.text(), headers: trace.responseHeaders };
  };
  /** The header as a client reading it case-insensitively sees it (Python requests joins repeated lines with ", "). */
  const seen = (headers: Array<[string, string]>, name: string) => {
    const lines = headers.filter(([n]) => n.toLowerCase() === name.toLowerCase());
    return lines.length ? [lines[0]![0], lines.map(([, v]) => v).join(', ')] : null;
  };

  it('snapshot key "invoke-api-multi-headers-overwrite": a name in both headers and multiValueHeaders sends both values, multi-value first', async () => {
    const r = await result({
      statusCode: 200,
      multiValueHeaders: { 'test-multi': ['value-multi'] },
      headers: { 'test-multi': 'value-solo' },
    });
    expect([r.status, r.body]).toEqual([200, '']);
    expect(seen(r.headers, 'test-multi')).toEqual(['test-multi', 'value-multi, value-solo']);
  });

  it('snapshot key "invoke-api-multi-headers-overwrite-casing": names in different case are one header, spelt as in multiValueHeaders', async () => {
    const r = await result({
      statusCode: 200,
      multiValueHeaders: { 'tesT-Multi': ['value-multi'] },
      headers: { 'test-multi': 'value-solo' },
    });
    expect(seen(r.headers, 'test-multi')).toEqual(['tesT-Multi', 'value-multi, value-solo']);
  });

  it('snapshot key "invoke-api-multi-headers-valid": multiValueHeaders alone', async () => {
    const r = await result({ statusCode: 200, multiValueHeaders: { 'test-multi': ['value1', 'value2'] } });
    expect(seen(r.headers, 'test-multi')).toEqual(['test-multi', 'value1, value2']);
  });

  it('snapshot key "invoke-api-empty-response" is a crash, not `{}`: the function json.loads(None) and API Gateway answers 502', async () => {
    const { gateway } = gatewayFor(openApi({ '/{proxy+}': ['ANY'] }), () => ({
      kind: 'error',
      error: { errorType: 'TypeError', errorMessage: 'the JSON object must be str, bytes or bytearray, not NoneType' },
      logs: [],
    }));
    const { response } = await gateway.handle(new Request(`${URL_BASE}/dev/test`, { method: 'POST' }));
    expect([response.status, await response.text()]).toEqual([502, '{"message": "Internal server error"}']);
  });
});

describe(`${LS}/test_apigateway_lambda.py::test_lambda_aws_proxy_response_format (validated 2024-02-23; asserts, no snapshot)`, () => {
  it('"empty-response": a proxy result of {} is a 200 with an empty body, as "no-body" ({"statusCode": 200}) is', async () => {
    for (const payload of [{}, { statusCode: 200 }]) {
      const { gateway } = gatewayFor(openApi({ '/{proxy+}': ['ANY'] }), () => ok(payload));
      const { response } = await gateway.handle(new Request(`${URL_BASE}/dev/empty-response`));
      expect([response.status, await response.text()]).toEqual([200, '']);
    }
  });
});

describe(`${LS}/test_apigateway_common.py::TestApigatewayRouting::test_proxy_routing_with_hardcoded_resource_sibling (validated 2024-07-23)`, () => {
  const gateway = serve(
    api({
      '/test': { post: mockMethod({ statusCode: 200, message: 'POST request' }) },
      '/test/any': { 'x-amazon-apigateway-any-method': mockMethod({ statusCode: 200, message: 'ANY request' }) },
      '/{proxy+}': { options: mockMethod({ statusCode: 200, message: 'OPTIONS request' }) },
    }),
  );
  it.each([
    ['OPTIONS', '/test', 'OPTIONS request'],
    ['POST', '/test', 'POST request'],
    ['OPTIONS', '/test/any', 'ANY request'],
    ['GET', '/test/any', 'ANY request'],
  ])('%s %s answers "%s" (resource and method are chosen together)', async (method, path, message) => {
    const { response } = await gateway.handle(new Request(`${URL_BASE}/dev${path}`, { method }));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { message: string }).message).toBe(message);
  });
});

describe(`${LS}/test_apigateway_common.py::TestApiGatewayCommon::test_input_path_template_formatting (recorded 2025-06-18)`, () => {
  const template = (path: string) =>
    `#set($result = $input.path("${path}")){"body": $result, "nested": $result.nested, "isNull": #if( $result == $null )"true"#else"false"#end, "isEmptyString": #if( $result == "" )"true"#else"false"#end}`;
  const render = (t: string, body: string) =>
    renderMappingTemplate(t, {
      body,
      params: { path: {}, querystring: {}, header: {} },
      context: {},
      stageVariables: {},
    }).output;
  // The integration is an HTTP echo whose answer holds the request's JSON under "json" (null without a body).
  it.each([
    [
      'empty-body',
      '$.nonExisting',
      '{"json": null}',
      '{"body": , "nested": , "isNull": "true", "isEmptyString": "true"}',
    ],
    [
      'nested-empty-list',
      '$.json.listValue',
      '{"json": {"listValue": []}}',
      '{"body": [], "nested": , "isNull": "false", "isEmptyString": "false"}',
    ],
    [
      'nested-null-list',
      '$.json.listValue',
      '{"json": {"listValue": null}}',
      '{"body": , "nested": , "isNull": "true", "isEmptyString": "true"}',
    ],
  ])('snapshot key "%s"', (_key, path, body, expected) => {
    expect(render(template(path), body)).toBe(expected);
  });
});

describe(`${LS}/test_apigateway_common.py::TestApiGatewayCommon::test_input_body_formatting (recorded 2025-03-19)`, () => {
  const rawBody = '#set($result = $input.body)$result';
  const bodyInStr = 'Action=SendMessage&MessageBody=$input.body';
  const attrAccess = '#set($result = $input.body.testAccess)$result';
  const urlEncode =
    'EncodedBody=$util.urlEncode($input.body)&EncodedBodyAccess=$util.urlEncode($input.body.testAccess)';
  const routes: Record<string, [request: string, response: string]> = {
    'raw-body': [rawBody, rawBody],
    'str-body-input': [bodyInStr, rawBody],
    'str-body-output': [rawBody, bodyInStr],
    'str-body-all': [bodyInStr, bodyInStr],
    'body-attr-access': [attrAccess, rawBody],
    'url-encode': [urlEncode, rawBody],
  };
  // The integration is a Lambda function URL echoing the body it receives.
  const echo: typeof fetch = async (_input, init) =>
    new Response((init?.body as BodyInit | null | undefined) ?? null, { status: 200 });
  const gateway = serve(
    api(
      Object.fromEntries(
        Object.entries(routes).map(([name, [request, response]]) => [
          `/${name}`,
          {
            post: {
              responses: { '200': { description: 'ok' } },
              'x-amazon-apigateway-integration': {
                type: 'http',
                httpMethod: 'POST',
                uri: 'https://echo.lambda-url.us-east-1.on.aws/',
                requestTemplates: { 'application/json': request },
                responses: { default: { statusCode: '200', responseTemplates: { 'application/json': response } } },
              },
            },
          },
        ]),
      ),
    ),
    echo,
  );
  const recorded: Record<string, { 'empty-body': string; 'json-body': string; 'str-body': string }> = {
    'response-raw-body': { 'empty-body': '{}', 'json-body': '{"some": "value"}', 'str-body': 'some raw data' },
    'response-str-body-input': {
      'empty-body': 'Action=SendMessage&MessageBody={}',
      'json-body': 'Action=SendMessage&MessageBody={"some": "value"}',
      'str-body': 'Action=SendMessage&MessageBody=some raw data',
    },
    'response-str-body-output': {
      'empty-body': 'Action=SendMessage&MessageBody={}',
      'json-body': 'Action=SendMessage&MessageBody={"some": "value"}',
      'str-body': 'Action=SendMessage&MessageBody=some raw data',
    },
    'response-str-body-all': {
      'empty-body': 'Action=SendMessage&MessageBody=Action=SendMessage&MessageBody={}',
      'json-body': 'Action=SendMessage&MessageBody=Action=SendMessage&MessageBody={"some": "value"}',
      'str-body': 'Action=SendMessage&MessageBody=Action=SendMessage&MessageBody=some raw data',
    },
    'response-body-attr-access': { 'empty-body': '{}', 'json-body': '{}', 'str-body': '{}' },
    'response-url-encode': {
      'empty-body': 'EncodedBody=%7B%7D&EncodedBodyAccess=',
      'json-body': 'EncodedBody=%7B%22some%22%3A+%22value%22%7D&EncodedBodyAccess=',
      'str-body': 'EncodedBody=some+raw+data&EncodedBodyAccess=',
    },
  };
  it.each(Object.keys(routes))('snapshot key "response-%s"', async (name) => {
    const post = async (body: string | undefined) => {
      const { response } = await gateway.handle(
        new Request(`${URL_BASE}/dev/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          ...(body === undefined ? {} : { body }),
        }),
      );
      expect(response.status).toBe(200);
      return response.text();
    };
    // Python requests' json= writes {"some": "value"}, with a space.
    expect({
      'empty-body': await post(undefined),
      'json-body': await post('{"some": "value"}'),
      'str-body': await post('some raw data'),
    }).toEqual(recorded[`response-${name}`]);
  });
});

describe(`${LS}/test_apigateway_integrations.py: MOCK overrides set in the request template`, () => {
  const responseTemplate = [
    '#set($statusOverride = $context.responseOverride.status)',
    '#set($fooHeader = $context.responseOverride.header.foo)',
    '#set($custom = $context.responseOverride.custom)',
    '{',
    '    "statusOverride": "$statusOverride",',
    '    "fooHeader": "$fooHeader",',
    '    "custom": "$custom"',
    '}',
  ].join('\n');
  const overridingMock = (withTemplate: boolean) =>
    serve(
      api({
        '/': {
          get: {
            responses: { '200': { description: 'ok' } },
            'x-amazon-apigateway-integration': {
              type: 'mock',
              requestTemplates: {
                'application/json':
                  '#set($context.responseOverride.status = 444)\n#set($context.responseOverride.header.foo = "bar")\n#set($context.responseOverride.custom = "is also passed around")\n{\n  "statusCode": 200\n}\n',
              },
              responses: {
                '2\\d{2}': {
                  statusCode: '200',
                  ...(withTemplate ? { responseTemplates: { 'application/json': responseTemplate } } : {}),
                },
              },
            },
          },
        },
      }),
    );

  it('::test_integration_mock_with_response_override_in_request_template[True] (recorded 2025-05-16), key "response": status 444, header foo, values readable in the response template', async () => {
    const { response } = await overridingMock(true).handle(new Request(`${URL_BASE}/dev/`));
    expect(response.status).toBe(444);
    expect(response.headers.get('foo')).toBe('bar');
    expect(await response.json()).toEqual({ custom: 'is also passed around', fooHeader: 'bar', statusOverride: '444' });
  });

  it('::test_integration_mock_with_response_override_in_request_template[False] (recorded 2025-05-16), key "response": status 444 and header foo with no response template, empty body', async () => {
    const { response } = await overridingMock(false).handle(new Request(`${URL_BASE}/dev/`));
    expect([response.status, response.headers.get('foo'), await response.text()]).toEqual([444, 'bar', '']);
  });

  it('::test_integration_mock_with_request_overrides_in_response_template (recorded 2024-11-06), keys "invoke-path1", "invoke-path2", "invoke-path-else"', async () => {
    const gateway = serve(
      onPathParam({
        type: 'mock',
        requestTemplates: {
          'application/json':
            '#set($body = $util.base64Decode($input.params(\'testPath\')))\n#set($context.requestOverride.path.body = $body)\n{\n  "statusCode": 200\n}\n',
        },
        responses: {
          '2\\d{2}': {
            statusCode: '200',
            responseTemplates: {
              'application/json':
                '\n#set($body = $util.parseJson($context.requestOverride.path.body))\n#set($inputBody = $body.message)\n#if($inputBody == "path1")\n{\n   "response": "path was path one"\n}\n#elseif($inputBody == "path2")\n{\n   "response": "path was path two"\n}\n#else\n{\n  "response": "this is the else clause"\n}\n#end\n',
            },
          },
        },
      }),
    );
    const call = async (message: string) => {
      // Python's json.dumps({"message": m}), base64-encoded, as the path.
      const { response } = await gateway.handle(
        new Request(`${URL_BASE}/dev/${btoa(JSON.stringify({ message }).replace(':', ': '))}`),
      );
      expect(response.status).toBe(200);
      return response.json();
    };
    expect(await call('path1')).toEqual({ response: 'path was path one' });
    expect(await call('path2')).toEqual({ response: 'path was path two' });
    expect(await call('whatever')).toEqual({ response: 'this is the else clause' });
  });
});

describe(`${LS}/test_apigateway_integrations.py::test_integration_mock_with_path_param (validated 2024-11-29; asserts)`, () => {
  it('a MOCK request template of {statusCode: 200} (unquoted, as CDK writes it) answers 200 with an empty body', async () => {
    const gateway = serve(
      onPathParam({
        type: 'mock',
        requestParameters: { 'integration.request.path.integrationPath': 'method.request.path.testPath' },
        requestTemplates: { 'application/json': '{statusCode: 200}' },
        responses: { '2\\d{2}': { statusCode: '200' } },
      }),
    );
    const { response } = await gateway.handle(new Request(`${URL_BASE}/dev/test-path`));
    expect([response.status, await response.text()]).toEqual([200, '']);
  });
});

import { describe, expect, it } from 'vitest';
import {
  ACCESS_LOG_PRESETS,
  HTTP_API_ACCESS_LOG_PRESETS,
  accessLogPreset,
  formatAccessLog,
  formatClfLine,
  unknownAccessLogVariables,
} from '../../../src/emulator/observability/index.js';
import { parseWebAcl } from '../../../src/emulator/index.js';
import { gatewayFor, ok, openApi, URL_BASE } from '../helpers.js';
import { httpApiDoc, httpGatewayFor, req } from '../http-api/helpers.js';

/**
 * Access logs: `$context` templates and the console's presets.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html
 */

async function restTrace(path = '/dev/items/7?x=1', init: RequestInit = {}, status = 200) {
  const { gateway } = gatewayFor(openApi({ '/items/{id}': ['GET', 'POST'] }), () =>
    ok({ statusCode: status, body: 'hello' }),
  );
  const result = await gateway.handle(new Request(`${URL_BASE}${path}`, init), { sourceIp: '203.0.113.9' });
  await result.response.text();
  return result.trace;
}

describe('access log presets (set-up-access-logging.html, http-api-logging.html)', () => {
  it('has the four console presets for REST APIs, each naming requestId and extendedRequestId', () => {
    expect(Object.keys(ACCESS_LOG_PRESETS)).toEqual(['clf', 'json', 'xml', 'csv']);
    for (const format of Object.values(ACCESS_LOG_PRESETS)) {
      expect(format).toContain('$context.requestId');
      expect(format).toContain('$context.extendedRequestId');
    }
    expect(ACCESS_LOG_PRESETS.clf).toBe(
      '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime]"$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId $context.extendedRequestId',
    );
  });

  it('HTTP API presets log the route key, and accessLogPreset picks by API type', () => {
    expect(HTTP_API_ACCESS_LOG_PRESETS.clf).toContain('$context.routeKey');
    expect(accessLogPreset('csv', 'HTTP')).toBe(HTTP_API_ACCESS_LOG_PRESETS.csv);
    expect(accessLogPreset('json')).toBe(ACCESS_LOG_PRESETS.json);
    expect(accessLogPreset('$context.requestId')).toBeUndefined();
    expect(accessLogPreset('toString')).toBeUndefined();
  });
});

describe('formatAccessLog', () => {
  it('fills the CLF preset from a REST request; caller and user are unset, so they print "-"', async () => {
    const trace = await restTrace();
    expect(formatAccessLog(ACCESS_LOG_PRESETS.clf, trace)).toBe(
      `203.0.113.9 - - [${trace.requestTime}]"GET /items/{id} HTTP/1.1" 200 5 ${trace.requestId} ${trace.extendedRequestId}`,
    );
  });

  it('the JSON preset is valid JSON with the request fields', async () => {
    const trace = await restTrace('/dev/items/9', { method: 'POST', body: 'abc' }, 201);
    const record = JSON.parse(formatAccessLog(ACCESS_LOG_PRESETS.json, trace)) as Record<string, string>;
    expect(record).toEqual({
      requestId: trace.requestId,
      extendedRequestId: trace.extendedRequestId,
      ip: '203.0.113.9',
      caller: '-',
      user: '-',
      requestTime: trace.requestTime,
      httpMethod: 'POST',
      resourcePath: '/items/{id}',
      status: '201',
      protocol: 'HTTP/1.1',
      responseLength: '5',
    });
  });

  it('gives path, stage, apiId, domainName, user agent, latencies and integration status', async () => {
    const trace = await restTrace('/dev/items/7?x=1', { headers: { 'user-agent': 'curl/8.5.0' } });
    const line = formatAccessLog(
      '$context.path $context.stage $context.apiId $context.domainName $context.domainPrefix $context.identity.userAgent $context.integrationStatus $context.integration.status $context.requestTimeEpoch',
      trace,
    );
    expect(line).toBe(
      `/dev/items/7 dev abc123defg abc123defg.execute-api.us-east-1.amazonaws.com abc123defg curl/8.5.0 200 200 ${trace.requestTimeEpoch}`,
    );
    const latencies = formatAccessLog('$context.responseLatency $context.integrationLatency', trace).split(' ');
    expect(latencies.map(Number)).toEqual([
      Math.round(trace.timings.totalMs),
      Math.round(trace.timings.integrationMs!),
    ]);
  });

  it('a request the gateway answered itself: error.message, error.responseType, no integration values', async () => {
    const trace = await restTrace('/dev/nowhere');
    expect(
      formatAccessLog(
        '$context.status $context.error.responseType "$context.error.message" $context.error.messageString $context.resourcePath $context.integrationLatency',
        trace,
      ),
    ).toBe('403 MISSING_AUTHENTICATION_TOKEN "Missing Authentication Token" "Missing Authentication Token" - -');
  });

  it('unknown variables print "-", text around variables is kept, and extra values are used', async () => {
    const trace = await restTrace();
    expect(formatAccessLog('a=$context.noSuchThing b=$context.accountId c=$context.status.', trace)).toBe(
      'a=- b=- c=200.',
    );
    expect(formatAccessLog('$context.accountId', trace, { accountId: '123456789012' })).toBe('123456789012');
    expect(unknownAccessLogVariables('$context.noSuchThing $context.status $context.authorizer.claims.sub')).toEqual([
      '$context.noSuchThing',
      '$context.authorizer.claims.sub',
    ]);
  });

  it('an HTTP API request: routeKey, dataProcessed, and the HTTP CLF preset', async () => {
    const { gateway } = httpGatewayFor(httpApiDoc(['POST /items']), () => ok({ statusCode: 200, body: 'done' }));
    const result = await gateway.handle(req('/items', { method: 'POST', body: '123456' }), {
      sourceIp: '198.51.100.1',
    });
    const trace = result.trace;
    expect(formatAccessLog(HTTP_API_ACCESS_LOG_PRESETS.clf, trace)).toBe(
      `198.51.100.1 - - [${trace.requestTime}] "POST POST /items HTTP/1.1" 200 4 ${trace.requestId}`,
    );
    expect(formatAccessLog('$context.routeKey|$context.dataProcessed|$context.apiId', trace)).toBe(
      'POST /items|10|abc123defg',
    );
  });

  it('$context.wafResponseCode and waf.status on a stage with a web ACL; "-" without one', async () => {
    const { gateway } = gatewayFor(openApi({ '/items': ['GET'] }), () => ok({ statusCode: 200, body: 'x' }));
    const format = '$context.status $context.wafResponseCode $context.waf.status $context.webaclArn';
    const before = (await gateway.handle(new Request(`${URL_BASE}/dev/items`))).trace;
    expect(formatAccessLog(format, before)).toBe('200 - - -');
    gateway.associateWebAcl(
      'dev',
      parseWebAcl({
        Name: 'lab-acl',
        ARN: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/lab-acl/1a2b3c',
        DefaultAction: { Allow: {} },
        Rules: [
          {
            Name: 'no-drop',
            Priority: 1,
            Statement: {
              ByteMatchStatement: {
                SearchString: 'drop',
                FieldToMatch: { QueryString: {} },
                PositionalConstraint: 'CONTAINS',
                TextTransformations: [{ Priority: 0, Type: 'NONE' }],
              },
            },
            Action: { Block: {} },
            VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'NoDrop' },
          },
        ],
        VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'lab' },
      }),
    );
    const allowed = (await gateway.handle(new Request(`${URL_BASE}/dev/items?q=books`))).trace;
    const arn = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/lab-acl/1a2b3c';
    expect(formatAccessLog(format, allowed)).toBe(`200 WAF_ALLOW 200 ${arn}`);
    const blocked = (await gateway.handle(new Request(`${URL_BASE}/dev/items?q=drop`))).trace;
    expect(formatAccessLog(format, blocked)).toBe(`403 WAF_BLOCK 403 ${arn}`);
  });

  it('formatClfLine (the CLI default) prints the raw path when no resource matched', async () => {
    const trace = await restTrace('/dev/nowhere');
    expect(formatClfLine(trace, '/dev/nowhere')).toBe(
      `203.0.113.9 - - [${trace.requestTime}] "GET /dev/nowhere HTTP/1.1" 403 42 ${trace.requestId}`,
    );
  });
});

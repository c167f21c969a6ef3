import { httpDate } from '../../shared/clf-time.js';
import { lastHeader, type HeaderList } from '../../shared/headers.js';
import type { GatewayError, GatewayErrorResponse } from '../../shared/pipeline/gateway-error.js';
import { finishBuffered } from '../../shared/pipeline/gateway-result.js';
import type { RestRequestContext } from '../context.js';
import { renderGatewayResponse } from '../gateway-response-config.js';
import { contextPath, requestParamsOf } from '../request-params.js';
import { REST_OMITTED_HEADERS } from './method-response.js';
import { CACHE_HIT, renderCacheHit } from '../stage-cache/cache-step.js';
import { renderWafCustomResponse, WAF_CUSTOM_RESPONSE } from './waf.js';

const UTF8 = new TextEncoder();

/**
 * Answers a request a step stopped: the gateway response the step threw, under the API's customisations
 * (`x-amazon-apigateway-gateway-responses`: status, headers, templates) once the request has reached an API, with
 * API Gateway's headers (x-amzn-RequestId, x-amzn-ErrorType, x-amz-apigw-id, and X-Amzn-Trace-Id once routed).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-gatewayResponse-definition.html
 */
export function gatewayResponse(context: RestRequestContext, error: GatewayError): void {
  if (error.response === CACHE_HIT) return renderCacheHit(context);
  const { trace, api } = context;
  if (error.response === WAF_CUSTOM_RESPONSE) {
    trace.errorDetail = error.detail;
    return renderWafCustomResponse(context);
  }
  trace.gatewayResponseType = error.response.type;
  trace.errorDetail = error.detail;
  if (!api?.gatewayResponses) {
    context.result = answer(context, error.response, []);
    return;
  }
  const { stage } = context;
  const request = {
    path: context.path,
    rawQuery: context.url.query,
    headers: context.rawHeaders,
    pathParameters: context.pathParameters,
  };
  const params = requestParamsOf(request);
  const rendered = renderGatewayResponse(
    error.response,
    api.gatewayResponses,
    {
      context: context.templateRequest?.context ?? {
        requestId: trace.requestId,
        extendedRequestId: trace.extendedRequestId,
        stage: stage.name,
        httpMethod: trace.httpMethod,
        apiId: api.id,
        path: contextPath(context),
      },
      stageVariables: stage.variables,
      request: { path: params.path, querystring: params.querystring, headers: context.rawHeaders },
      validationErrorString: error.validationErrorString,
    },
    lastHeader(context.rawHeaders, 'accept'),
  );
  if (!rendered.customised) {
    context.result = answer(context, error.response, []);
    return;
  }
  trace.gatewayResponseType = rendered.type;
  context.result = answer(context, rendered, rendered.headers);
}

/** The gateway's own answer, with `extraHeaders` (a customised response's) before its error headers. */
function answer(context: RestRequestContext, response: GatewayErrorResponse, extraHeaders: HeaderList) {
  const { trace, started, epochMs } = context;
  const body = UTF8.encode(response.body);
  const date: [string, string] = ['Date', httpDate(epochMs)];
  if (response.type === 'REQUEST_TOO_LARGE') {
    // Refused before API Gateway assigns a request id: none of its x-amzn-* headers (see GATEWAY_RESPONSES).
    const headers: HeaderList = [
      date,
      ['Content-Type', response.contentType],
      ['Content-Length', String(body.length)],
      ['Connection', 'keep-alive'],
    ];
    return finishBuffered(trace, started, response.status, headers, body, REST_OMITTED_HEADERS);
  }
  const headers: HeaderList = [
    date,
    ['Content-Type', response.contentType],
    ['Content-Length', String(body.length)],
    ['Connection', 'keep-alive'],
    ['x-amzn-RequestId', trace.requestId],
    ...extraHeaders,
    ['x-amzn-ErrorType', response.errorType],
    ['x-amz-apigw-id', trace.extendedRequestId],
  ];
  if (context.traceId) headers.push(['X-Amzn-Trace-Id', context.traceId]);
  return finishBuffered(trace, started, response.status, headers, body, REST_OMITTED_HEADERS);
}

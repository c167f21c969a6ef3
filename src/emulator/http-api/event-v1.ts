import type { HttpAuthorizerResult } from './authorizers/model.js';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { clfTime } from '../shared/clf-time.js';
import { parseQuery } from '../shared/query-string.js';
import { payloadV1Identity } from '../shared/payload-v1-identity.js';
import { withIamIdentity } from '../shared/iam/caller-identity.js';
import { domainOf, eventBody, httpEventHeaders, userAgentOf, type HttpEventInput } from './event-common.js';

/**
 * Payload format 1.0 as HTTP APIs send it
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
 * Where it differs from a REST API's event: a leading `"version": "1.0"`; header names lower-cased ("All
 * headernames are lowercased"); no CloudFront headers; requestContext without deploymentId and with
 * `"resourceId": null`; requestId and extendedRequestId are the same short id (`apigw-requestid`); for the
 * `$default` route, resource and resourcePath are the request path (AWS's example: routeKey `$default`,
 * `"resource": "/my/path"`). The example's `authorizer` is there on a route with a JWT authorizer only; its
 * `identity.clientCert` belongs to mutual TLS, which this emulator does not configure.
 */
export function buildHttpEventV1(input: HttpEventInput): APIGatewayProxyEvent & { version: '1.0' } {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of httpEventHeaders(input)) {
    headers[name] = value;
    (multiValueHeaders[name] ??= []).push(value);
  }
  let single: Record<string, string> | null = null;
  let multi: Record<string, string[]> | null = null;
  for (const [name, value] of input.rawQuery ? parseQuery(input.rawQuery) : []) {
    (single ??= {})[name] = value;
    ((multi ??= {})[name] ??= []).push(value);
  }
  const resource = input.routePath ?? input.pathInStage;
  const { body, isBase64Encoded } = eventBody(input);
  return {
    version: '1.0',
    resource,
    // "To access the API mapping of a custom domain name, use the path parameter of format version 1.0."
    path: input.requestPath,
    httpMethod: input.method,
    headers,
    multiValueHeaders,
    queryStringParameters: single,
    multiValueQueryStringParameters: multi,
    requestContext: {
      accountId: input.accountId,
      apiId: input.apiId,
      // A JWT authorizer's claims and scopes: AWS's 1.0 example has `"authorizer": {"claims": null, "scopes": null}`.
      // IAM authorization fills `identity` instead (as a REST API's event; assumed for HTTP APIs' 1.0).
      ...(input.authorizer && input.authorizer.type !== 'IAM'
        ? { authorizer: eventAuthorizerV1(input.authorizer) }
        : {}),
      ...domainOf(input.host),
      extendedRequestId: input.requestId,
      httpMethod: input.method,
      identity:
        input.authorizer?.type === 'IAM'
          ? withIamIdentity(payloadV1Identity(input.sourceIp, userAgentOf(input)), input.authorizer.principal)
          : payloadV1Identity(input.sourceIp, userAgentOf(input)),
      path: input.requestPath,
      protocol: input.protocol,
      requestId: input.requestId,
      requestTime: clfTime(input.epochMs),
      requestTimeEpoch: input.epochMs,
      resourceId: null,
      resourcePath: resource,
      stage: input.stage,
    } as unknown as APIGatewayProxyEvent['requestContext'],
    pathParameters: input.pathParameters ? { ...input.pathParameters } : null,
    stageVariables: Object.keys(input.stageVariables).length ? { ...input.stageVariables } : null,
    body,
    isBase64Encoded,
  };
}

/**
 * `requestContext.authorizer` of payload 1.0: a JWT authorizer's `{claims, scopes}` (AWS's example shows
 * `"authorizer": {"claims": null, "scopes": null}`); a Lambda authorizer's `{lambda: context}`, as in 2.0 (assumed).
 */
function eventAuthorizerV1(result: Exclude<HttpAuthorizerResult, { type: 'IAM' }>): Record<string, unknown> {
  return result.type === 'JWT' ? { claims: result.claims, scopes: result.scopes } : { lambda: result.context };
}

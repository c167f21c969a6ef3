import type { HttpAuthorizerResult } from './authorizers/model.js';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { clfTime } from '../shared/clf-time.js';
import { iamAuthorizerV2 } from '../shared/iam/caller-identity.js';
import { parseQuery } from '../shared/query-string.js';
import { domainOf, eventBody, httpEventHeaders, userAgentOf, type HttpEventInput } from './event-common.js';

/**
 * The payload format 2.0 event, with AWS's fields in AWS's order
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html):
 * version, routeKey, rawPath, rawQueryString, cookies, headers, queryStringParameters, requestContext, body,
 * pathParameters, isBase64Encoded, stageVariables. Optional fields are absent (not null) when empty.
 * - "Duplicate headers are combined with commas"; "Duplicate query strings are combined with commas".
 * - "All cookie headers in the request are combined ... and added to the cookies field": each cookie is an
 *   entry, and the `cookie` header itself is not repeated in `headers`.
 * - rawPath keeps a named stage's prefix (`/dev/items`); the `$default` stage has none.
 */
export function buildHttpEventV2(input: HttpEventInput): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of httpEventHeaders(input)) {
    if (name === 'cookie') {
      for (const c of value.split(';')) if (c.trim()) cookies.push(c.trim());
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  let queryStringParameters: Record<string, string> | undefined;
  for (const [name, value] of input.rawQuery ? parseQuery(input.rawQuery) : []) {
    queryStringParameters ??= {};
    queryStringParameters[name] = name in queryStringParameters ? `${queryStringParameters[name]},${value}` : value;
  }
  const { body, isBase64Encoded } = eventBody(input);
  const event: Record<string, unknown> = {
    version: '2.0',
    routeKey: input.routeKey,
    rawPath: input.rawPath,
    rawQueryString: input.rawQuery,
  };
  if (cookies.length) event.cookies = cookies;
  event.headers = headers;
  if (queryStringParameters) event.queryStringParameters = queryStringParameters;
  event.requestContext = {
    accountId: input.accountId,
    apiId: input.apiId,
    // A JWT authorizer's claims and scopes, after apiId as in AWS's example event.
    ...(input.authorizer ? { authorizer: eventAuthorizerV2(input.authorizer) } : {}),
    ...domainOf(input.host),
    http: {
      method: input.method,
      path: input.rawPath,
      protocol: input.protocol,
      sourceIp: input.sourceIp,
      userAgent: userAgentOf(input),
    },
    requestId: input.requestId,
    routeKey: input.routeKey,
    stage: input.stage,
    time: clfTime(input.epochMs),
    timeEpoch: input.epochMs,
  } satisfies APIGatewayProxyEventV2['requestContext'];
  if (body !== null) event.body = body;
  if (input.pathParameters) event.pathParameters = { ...input.pathParameters };
  event.isBase64Encoded = isBase64Encoded;
  if (Object.keys(input.stageVariables).length) event.stageVariables = { ...input.stageVariables };
  return event as unknown as APIGatewayProxyEventV2;
}

/**
 * `requestContext.authorizer` of payload 2.0: `{jwt: {claims, scopes}}` (AWS's example event) or, after a Lambda
 * authorizer, `{lambda: context}` (the name `requestContext.authorizer.lambda` is AWS's, e.g. the aws-lambda types'
 * APIGatewayProxyEventV2WithLambdaAuthorizer; its exact neighbours are assumed).
 */
function eventAuthorizerV2(result: HttpAuthorizerResult): Record<string, unknown> {
  if (result.type === 'IAM') return iamAuthorizerV2(result.principal);
  return result.type === 'JWT' ? { jwt: { claims: result.claims, scopes: result.scopes } } : { lambda: result.context };
}

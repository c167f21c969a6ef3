import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/** Features only REST APIs have (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html). */
export const REST_ONLY = new Set(['caching', 'usage-plans', 'waf', 'request-validation', 'sdk-generation', 'private-endpoint']);

/**
 * Exercise: GET /api-type?features=caching,jwt answers which API type to create: WEBSOCKET for two-way,
 * REST for a REST-only feature, HTTP otherwise.
 */
export async function handler(_event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  // Today: REST, whatever the features.
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ apiType: 'REST' }),
  };
}

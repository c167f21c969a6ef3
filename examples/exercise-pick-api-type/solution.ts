import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/** Features only REST APIs have (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html). */
export const REST_ONLY = new Set(['caching', 'usage-plans', 'waf', 'request-validation', 'sdk-generation', 'private-endpoint']);

/** Which API type to create for the features asked for: WEBSOCKET, REST, or the cheaper HTTP. */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const text = event.queryStringParameters?.features ?? '';
  const features = text
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const apiType = features.includes('two-way')
    ? 'WEBSOCKET'
    : features.some((f) => REST_ONLY.has(f))
      ? 'REST'
      : 'HTTP';
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ apiType }),
  };
}

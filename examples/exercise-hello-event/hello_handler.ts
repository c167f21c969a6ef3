import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/**
 * Exercise: API Gateway passes GET /hello?name=alice to this function as an event (Lambda proxy integration).
 * Answer {"message": "Hello, alice!"} in JSON, or {"message": "Hello, world!"} without a name.
 */
export async function handler(_event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  // Today everyone gets the same plain-text greeting.
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'text/plain' },
    body: 'Hello!',
  };
}

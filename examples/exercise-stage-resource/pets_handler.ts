import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/**
 * Exercise: GET /pets/{petId} on the stage dev. Answer the resource, the path parameter and the stage,
 * and 400 when petId is not a number.
 */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  // Today: only the path the request was sent to.
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ path: event.path }),
  };
}

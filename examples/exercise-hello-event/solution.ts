import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/** Greets the name in the query string (?name=alice), or the world, in JSON. */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const name = event.queryStringParameters?.name || 'world';
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ message: `Hello, ${name}!` }),
  };
}

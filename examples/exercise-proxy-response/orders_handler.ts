import type { APIGatewayProxyEvent } from 'aws-lambda';

/**
 * Exercise: POST /orders through a Lambda proxy integration. Answer 201 with a Location header and the order,
 * in the proxy's output format, and 400 when the body is not JSON.
 */
export async function handler(event: APIGatewayProxyEvent): Promise<unknown> {
  const order = JSON.parse(event.body ?? '') as { item?: unknown };
  // Today: the order itself, which is not the proxy integration's output format.
  return { id: '1001', item: order.item };
}

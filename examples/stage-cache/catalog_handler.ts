import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/**
 * The catalog the function serves. Every answer says which caller it was made for (the X-Caller header of the request
 * that reached the function), so a response that API Gateway serves from its stage cache shows itself: it names the
 * caller whose request filled the cache, not the one who asked. catalog_handler.py's twin.
 */
const ITEMS: Record<string, { id: string; name: string; description: string }> = {
  '1': { id: '1', name: 'Laptop', description: 'Powerful computing device' },
  '2': { id: '2', name: 'Mouse', description: 'Ergonomic computer mouse' },
};

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const caller = event.headers?.['X-Caller'] ?? 'anonymous';
  if (event.httpMethod === 'POST') {
    const item = { ...(JSON.parse(event.body ?? '{}') as Record<string, unknown>), id: '3' };
    return respond(201, { item, madeFor: caller });
  }
  const item = ITEMS[event.pathParameters?.id ?? ''];
  if (!item) return respond(404, { message: 'Item not found', madeFor: caller });
  return respond(200, { item, madeFor: caller });
};

function respond(statusCode: number, body: unknown): APIGatewayProxyResult {
  return { statusCode, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

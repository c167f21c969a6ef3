import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';

/**
 * The items walkthrough's handler, with the exercise's DELETE /items/{id}: 204 for an item that exists, 404 otherwise.
 */

interface Item {
  id: string;
  name: string;
  description: string;
}

const ITEMS: Item[] = [
  { id: '1', name: 'Laptop', description: 'Powerful computing device' },
  { id: '2', name: 'Mouse', description: 'Ergonomic computer mouse' },
];

const CORS_HEADERS = {
  'Content-Type': 'application/json',
  'Access-Control-Allow-Origin': '*', // Important for CORS if clients are on different domains
  'Access-Control-Allow-Headers': 'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token',
  'Access-Control-Allow-Methods': 'OPTIONS,POST,GET,PUT,DELETE',
};

/** Parses a JSON object body; anything else (no body, bad JSON, an array, a number…) is rejected. */
function parseItem(body: string | null): Record<string, unknown> | null {
  try {
    const data: unknown = JSON.parse(body ?? '');
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function handler(event: APIGatewayProxyEvent, _context: Context): Promise<APIGatewayProxyResult> {
  const { httpMethod, path, body } = event;
  console.log(`Received event: ${JSON.stringify(event, null, 2)}`);

  let responseBody: object = {};
  let statusCode = 200;

  if (path === '/items') {
    if (httpMethod === 'GET') {
      responseBody = { items: ITEMS };
    } else if (httpMethod === 'POST') {
      const itemData = parseItem(body);
      if (itemData) {
        responseBody = { message: 'Item created successfully', item: { ...itemData, id: '3' } };
        statusCode = 201; // Created
      } else {
        responseBody = { message: 'Invalid JSON in request body' };
        statusCode = 400; // Bad Request
      }
    } else {
      statusCode = 405; // Method Not Allowed
    }
  } else if (path.startsWith('/items/')) {
    // As in the guide, pathParameters is null on /items/ (no {id}), so this throws there: API Gateway answers 502.
    const itemId = event.pathParameters!.id;
    if (httpMethod === 'GET') {
      const item = ITEMS.find((i) => i.id === itemId);
      if (item) {
        responseBody = item;
      } else {
        responseBody = { message: `Item with ID '${itemId}' not found` };
        statusCode = 404; // Not Found
      }
    } else if (httpMethod === 'DELETE') {
      // Simulate deleting the item from a DB: 204 No Content, an empty body.
      if (ITEMS.some((i) => i.id === itemId)) {
        return { statusCode: 204, headers: { 'Access-Control-Allow-Origin': '*' }, body: '' };
      }
      responseBody = { message: `Item with ID '${itemId}' not found` };
      statusCode = 404; // Not Found
    } else {
      statusCode = 405; // Method Not Allowed
    }
  } else {
    statusCode = 404; // Not Found
    responseBody = { message: 'Resource not found' };
  }

  return { statusCode, headers: CORS_HEADERS, body: JSON.stringify(responseBody) };
}

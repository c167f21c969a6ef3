import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';

/**
 * examples/items/openapi.yaml adapted as an HTTP API: the same three routes, each a Lambda proxy integration with
 * the payload format version given (HTTP APIs require one), no endpoint configuration (HTTP APIs are Regional).
 */
export function itemsHttpApi(payloadFormatVersion: '1.0' | '2.0') {
  const integration = {
    type: 'aws_proxy',
    httpMethod: 'POST',
    uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:items_handler/invocations',
    payloadFormatVersion,
    timeoutInMillis: 29000,
  };
  return {
    openapi: '3.0.1',
    info: {
      title: 'ItemsAPI',
      description: "The items API of the guide's walkthrough, as an HTTP API.",
      version: '1.0',
    },
    paths: {
      '/items': {
        get: {
          summary: 'Retrieve all items',
          responses: { '200': { description: 'The items' } },
          'x-amazon-apigateway-integration': { ...integration },
        },
        post: {
          summary: 'Create a new item',
          responses: { '201': { description: 'The created item' } },
          'x-amazon-apigateway-integration': { ...integration },
        },
      },
      '/items/{id}': {
        get: {
          summary: 'Retrieve a specific item by ID',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The item' }, '404': { description: 'No item with this ID' } },
          'x-amazon-apigateway-integration': { ...integration },
        },
      },
    },
  };
}

const ITEMS = [
  { id: '1', name: 'Laptop', description: 'Powerful computing device' },
  { id: '2', name: 'Mouse', description: 'Ergonomic computer mouse' },
];

const CORS_HEADERS = {
  'Content-Type': 'application/json',
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token',
  'Access-Control-Allow-Methods': 'OPTIONS,POST,GET,PUT,DELETE',
};

/**
 * examples/items/items_handler.ts's logic for payload format 2.0: the method is requestContext.http.method and
 * the path is rawPath (2.0 has neither httpMethod nor path).
 */
export async function itemsHandlerV2(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  const method = event.requestContext.http.method;
  const path = event.rawPath;
  let responseBody: object = {};
  let statusCode = 200;
  if (path === '/items') {
    if (method === 'GET') responseBody = { items: ITEMS };
    else if (method === 'POST') {
      try {
        const data: unknown = JSON.parse(event.body ?? '');
        if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('not an object');
        responseBody = { message: 'Item created successfully', item: { ...data, id: '3' } };
        statusCode = 201;
      } catch {
        responseBody = { message: 'Invalid JSON in request body' };
        statusCode = 400;
      }
    } else statusCode = 405;
  } else if (path.startsWith('/items/')) {
    const item = ITEMS.find((i) => i.id === event.pathParameters?.id);
    if (method !== 'GET') statusCode = 405;
    else if (item) responseBody = item;
    else {
      responseBody = { message: `Item with ID '${event.pathParameters?.id}' not found` };
      statusCode = 404;
    }
  } else {
    statusCode = 404;
    responseBody = { message: 'Resource not found' };
  }
  return { statusCode, headers: CORS_HEADERS, body: JSON.stringify(responseBody) };
}

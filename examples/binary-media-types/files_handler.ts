import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/** POST /files counts the bytes it was sent; GET /files/{name} returns a file's bytes, base64-encoded. */
export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  if (event.httpMethod === 'POST') {
    const body = event.body ?? '';
    // API Gateway base64-encodes a request body whose Content-Type is one of the API's binary media types.
    const data = event.isBase64Encoded ? Uint8Array.from(atob(body), (c) => c.charCodeAt(0)) : new TextEncoder().encode(body);
    return {
      statusCode: 201,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ bytes: data.length, isBase64Encoded: event.isBase64Encoded }),
    };
  }

  const name = event.pathParameters?.name ?? '';
  const data = new TextEncoder().encode(`Contents of ${name}\n`);
  // A binary response is returned base64-encoded, with isBase64Encoded; API Gateway decodes it for the client.
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/octet-stream' },
    body: btoa(String.fromCharCode(...data)),
    isBase64Encoded: true,
  };
};

import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

const ALLOWED_ORIGIN = 'https://app.example.com';

/**
 * Exercise: the web app at https://app.example.com calls GET /profile from the browser. With a Lambda proxy
 * integration, the CORS headers of this answer are the function's to write.
 */
export async function handler(_event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  // Today no CORS header: the browser hides the answer from the app (ALLOWED_ORIGIN is not used yet).
  void ALLOWED_ORIGIN;
  return { statusCode: 200, headers, body: JSON.stringify({ name: 'alice', plan: 'free' }) };
}

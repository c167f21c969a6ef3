import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

const ALLOWED_ORIGIN = 'https://app.example.com';

/** Answers the profile, with CORS headers for the one allowed origin only. */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const origin = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'origin')?.[1];
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (origin === ALLOWED_ORIGIN) {
    headers['Access-Control-Allow-Origin'] = ALLOWED_ORIGIN;
    headers['Vary'] = 'Origin';
  }
  return { statusCode: 200, headers, body: JSON.stringify({ name: 'alice', plan: 'free' }) };
}

import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/**
 * REST API requests, US East (N. Virginia): [requests in the tier, dollars per million], Infinity: no end.
 * https://aws.amazon.com/api-gateway/pricing/ (read 2026-12-04).
 * L: the free tier, caching and data transfer are left out, as in the chapter's worked example.
 */
const TIERS: Array<[number, number]> = [
  [333_000_000, 3.5],
  [667_000_000, 2.8],
  [19_000_000_000, 2.38],
  [Infinity, 1.51],
];

/** GET /cost?requests=N: the monthly charge of N REST API requests, tier by tier; 400 without a whole number. */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const headers = { 'Content-Type': 'application/json' };
  const text = event.queryStringParameters?.requests ?? '';
  if (!/^\d+$/.test(text)) {
    return { statusCode: 400, headers, body: JSON.stringify({ message: 'requests must be a whole number' }) };
  }
  const requests = Number(text);
  let left = requests;
  let usd = 0;
  for (const [size, rate] of TIERS) {
    const taken = Math.min(left, size);
    usd += (taken / 1_000_000) * rate;
    left -= taken;
    if (left === 0) break;
  }
  return { statusCode: 200, headers, body: JSON.stringify({ requests, usd: usd.toFixed(2) }) };
}

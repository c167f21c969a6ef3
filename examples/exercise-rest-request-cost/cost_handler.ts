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

/** Exercise: GET /cost?requests=N answers what N REST API requests in a month cost, tier by tier. */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const requests = Number(event.queryStringParameters?.requests ?? '0');
  // Today every request is charged at the first tier's rate.
  const usd = (requests / 1_000_000) * TIERS[0]![1];
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ requests, usd: usd.toFixed(2) }),
  };
}

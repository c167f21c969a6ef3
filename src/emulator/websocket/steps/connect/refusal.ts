/**
 * A refused upgrade: the HTTP response the client gets instead of a WebSocket. AWS documents the statuses (401 or 403
 * when authorization fails; the `$connect` integration's status when it refuses); the bodies are assumed to be REST
 * APIs' default gateway responses (`{"message":"Unauthorized"}`, `{"message":"Forbidden"}`,
 * `{"message": "Internal server error"}`), which wscat does not show ("error: Unexpected server response: 401").
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-keys-connect-disconnect.html
 */
export interface Refusal {
  status: number;
  body: string;
  /** `x-amzn-ErrorType`, when API Gateway names one. */
  errorType?: string;
  /** Why, for the trace. */
  reason: string;
}

export const REFUSALS = {
  unauthorized: (reason: string): Refusal => ({
    status: 401,
    body: '{"message":"Unauthorized"}',
    errorType: 'UnauthorizedException',
    reason,
  }),
  forbidden: (reason: string): Refusal => ({
    status: 403,
    body: '{"message":"Forbidden"}',
    errorType: 'ForbiddenException',
    reason,
  }),
  internal: (reason: string): Refusal => ({ status: 500, body: '{"message": "Internal server error"}', reason }),
} as const;

/** The refusal as a Fetch response. */
export function refusalResponse(refusal: Refusal, requestId: string): Response {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId };
  if (refusal.errorType) headers['x-amzn-ErrorType'] = refusal.errorType;
  return new Response(refusal.body, { status: refusal.status, headers });
}

/**
 * The `disconnectReason` of a client's close: its close frame's reason; for a close frame without a status code
 * (1005, as `ws` and browsers report it) the text API Gateway puts there, "Client-side close frame status not set"
 * (recalled from captured $disconnect events; not in AWS's pages: assumed).
 */
export function disconnectReasonOf(code: number, reason: string): string {
  if (code === 1005 && reason === '') return 'Client-side close frame status not set';
  return reason;
}

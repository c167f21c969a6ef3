import type { AuthorizerTrace } from '../emulator/index.js';

/**
 * The lines `apigw-lab serve` writes to stderr for a Lambda authorizer's part in a request: its function's log lines
 * (`[auth] …`, as an integration's), then one line with its verdict (`authorizer token-auth (TOKEN, auth): allow`,
 * `(cached)` on a cache hit, and why for a 401 or a 500).
 */
export function writeAuthorizerLines(authorizer: AuthorizerTrace, out: { write(line: string): void }): void {
  for (const line of authorizer.logs) out.write(`[${authorizer.functionName}] ${line.replace(/\n$/, '')}`);
  const { outcome } = authorizer;
  if (authorizer.type === 'COGNITO_USER_POOLS' || authorizer.type === 'AWS_IAM') {
    // No function: the gateway verified the token or signature itself (`…: unauthorized (the token does not verify (…))`).
    const reason = outcome.kind === 'skipped' ? ` (${outcome.reason})` : '';
    out.write(`apigw-lab: authorizer ${authorizer.name} (${authorizer.type}): ${authorizer.decision}${reason}`);
    return;
  }
  const why =
    outcome.kind === 'cached'
      ? ' (cached)'
      : outcome.kind === 'skipped'
        ? ` (not called: ${outcome.reason})`
        : outcome.kind === 'timeout'
          ? ' (timed out)'
          : outcome.kind === 'error'
            ? ` (${outcome.error.errorType}: ${outcome.error.errorMessage})`
            : '';
  out.write(
    `apigw-lab: authorizer ${authorizer.name} (${authorizer.type}, ${authorizer.functionName}): ${authorizer.decision}${why}`,
  );
}

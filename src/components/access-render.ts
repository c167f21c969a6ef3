/**
 * The sandbox's access-control panels as HTML text (issue #11): the Authorizer panel (its type, the event, the
 * function's answer, the decision, a cache hit) and the Signature panel (SigV4's canonical request, string to sign and
 * signature). Pure: used in the browser by sandbox-access.ts, and by the unit tests.
 */
import type { RunOutcome } from '../runtime/types.js';
import type { RequestAuth } from '../examples/types.js';
import { escapeHtml, jsonHtml, NO_MARKS, type FieldMarks } from './render.js';

type AuthorizerTrace = NonNullable<RunOutcome['authorizer']>;
type Signing = NonNullable<RunOutcome['signing']>;

const TYPES: Record<string, string> = {
  TOKEN: 'Lambda authorizer, TOKEN',
  REQUEST: 'Lambda authorizer, REQUEST',
  COGNITO_USER_POOLS: 'Cognito user pool authorizer',
  JWT: 'JWT authorizer',
  AWS_IAM: 'IAM authorization',
};

/** What each decision means for the request, as the gateway answers it. */
export const DECISIONS: Record<AuthorizerTrace['decision'], string> = {
  allow: 'Allow: the request goes on to the integration',
  deny: 'Deny: the gateway answers 403 (ACCESS_DENIED)',
  unauthorized: 'Unauthorized: the gateway answers 401 (UNAUTHORIZED)',
  error: 'Error: the gateway answers 500 (AUTHORIZER_CONFIGURATION_ERROR)',
};

const muted = (text: string) => `<span class="sb-muted">${escapeHtml(text)}</span>`;

/** The Authorizer panel's content: what was called, the decision, the event and the function's answer. */
export function authorizerHtml(trace: AuthorizerTrace, marks: FieldMarks = NO_MARKS): string {
  const what = [
    TYPES[trace.type] ?? trace.type,
    trace.name ? `"${trace.name}"` : '',
    trace.functionName ? `function ${trace.functionName}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const lines = [`<span class="apigw-muted"># ${escapeHtml(what)}</span>`];
  const decisionClass = trace.decision === 'allow' ? 'sb-ok' : 'sb-error-text';
  lines.push(
    `<span class="${decisionClass}" data-decision="${trace.decision}">${escapeHtml(DECISIONS[trace.decision])}</span>`,
  );
  if (trace.cached)
    lines.push(
      `<mark class="sb-cache-hit" data-cache-hit>Cache hit</mark> ${muted('the answer cached for these identity values (authorizerResultTtlInSeconds): the function was not called')}`,
    );
  lines.push('', '<span class="apigw-start">Event</span>');
  lines.push(
    trace.event === null
      ? muted('None: the function was not called.')
      : jsonHtml(trace.event, 'authorizer.event', marks),
  );
  lines.push('', `<span class="apigw-start">${trace.functionName ? "The function's answer" : 'Result'}</span>`);
  const outcome = trace.outcome;
  if (outcome.kind === 'result') lines.push(jsonHtml(outcome.payload, 'authorizer.result', marks));
  else if (outcome.kind === 'error')
    lines.push(
      `<span class="sb-error-text">Function error:</span>\n${jsonHtml(outcome.error, 'authorizer.result', marks)}`,
    );
  else if (outcome.kind === 'timeout') lines.push(`<span class="sb-error-text">The function timed out.</span>`);
  else if (outcome.kind === 'cached') lines.push(muted('None this time: the cached answer was used.'));
  else lines.push(muted(`Not called${outcome.reason ? `: ${outcome.reason}` : ''}.`));
  if (trace.logs.length) lines.push('', '<span class="apigw-start">Logs</span>', escapeHtml(trace.logs.join('\n')));
  return lines.join('\n');
}

/** The Signature panel's content: SigV4's canonical request, credential scope, string to sign and signature. */
export function signingHtml(signing: Signing): string {
  return [
    '<span class="apigw-start">Canonical request</span>',
    escapeHtml(signing.canonicalRequest),
    '',
    '<span class="apigw-start">Credential scope</span>',
    escapeHtml(signing.credentialScope),
    '',
    '<span class="apigw-start">String to sign</span>',
    escapeHtml(signing.stringToSign),
    '',
    '<span class="apigw-start">Signature</span>',
    escapeHtml(signing.signature),
  ].join('\n');
}

/** A comment above the request as sent: how it was signed in or signed, and the requests sent before it. */
export function sentRequestNote(auth: RequestAuth | undefined, before: number): string {
  const parts: string[] = [];
  if (auth && 'signInAs' in auth)
    parts.push(`signed in as ${auth.signInAs}: the token is in ${auth.header ?? 'Authorization'}`);
  else if (auth) parts.push(`signed with ${auth.signWith}: the signature is in Authorization`);
  if (before > 0)
    parts.push(`sent after ${before} earlier request${before === 1 ? '' : 's'} (the documented exchange's)`);
  return parts.length ? `<span class="apigw-muted"># As sent, ${escapeHtml(parts.join('; '))}</span>\n` : '';
}

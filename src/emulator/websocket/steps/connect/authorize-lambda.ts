import { readAuthorizerOutput } from '../../../rest/authorizers/output.js';
import { evaluatePolicy } from '../../../rest/authorizers/policy.js';
import type { HeaderList } from '../../../shared/headers.js';
import type { WebSocketAuthorizer } from '../../model.js';
import type { WebSocketTrace } from '../../trace.js';
import { headerMaps } from '../../event.js';
import { invokeFunction, type FunctionRunner } from '../invoke-function.js';
import { identitySourceValues } from './identity-sources.js';
import { REFUSALS, type Refusal } from './refusal.js';
import { parseQuery } from '../../../shared/query-string.js';
import { monotonic } from '../../../shared/pipeline/monotonic.js';

/** The REST API authorizers' timeout (API Gateway's 29 s integration limit; assumed the same here). */
const AUTHORIZER_TIMEOUT_MS = 29_000;

/** What the `$connect` request gives the authorizer. */
export interface AuthorizerRequest {
  headers: HeaderList;
  rawQuery: string;
  stageVariables: Record<string, string>;
  /** The `$connect` event's request context (the authorizer's input carries it). */
  requestContext: Record<string, unknown>;
  /** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/$connect`. */
  methodArn: string;
  epochMs: number;
}

/**
 * A REQUEST Lambda authorizer on `$connect`: identity sources checked first (one missing → 401, no call), the input
 * built as AWS's sample shows it, then the function's output read and its policy evaluated against the `$connect`
 * ARN with REST's evaluation (an Allow → connect; otherwise 403). A function error `Unauthorized` → 401 (as REST's
 * `callback("Unauthorized")`); any other error or an unusable output → 500. Returns the `requestContext.authorizer`
 * the integration's events carry (`principalId`, `integrationLatency` and the context map, stringified, as REST APIs'
 * Lambda proxy events carry it: assumed the same), or the refusal.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html
 */
export async function authorizeWithLambda(
  runner: FunctionRunner,
  authorizer: WebSocketAuthorizer,
  request: AuthorizerRequest,
  trace: WebSocketTrace,
): Promise<{ authorizer: Record<string, unknown> } | Refusal> {
  const context = flatContext(request.requestContext);
  const values = identitySourceValues(authorizer.identitySource, { ...request, context });
  if (values === null) {
    return REFUSALS.unauthorized(
      `an identity source of authorizer ${authorizer.name} is missing (${authorizer.identitySource.join(', ')})`,
    );
  }
  const query = request.rawQuery ? parseQuery(request.rawQuery) : [];
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [k, v] of query) {
    single[k] = v;
    (multi[k] ??= []).push(v);
  }
  const event = {
    type: 'REQUEST',
    methodArn: request.methodArn,
    ...headerMaps(request.headers),
    queryStringParameters: single,
    multiValueQueryStringParameters: multi,
    stageVariables: { ...request.stageVariables },
    requestContext: request.requestContext,
  };
  const started = monotonic();
  const call = await invokeFunction(runner, authorizer.functionName, event, AUTHORIZER_TIMEOUT_MS, request.epochMs);
  const integrationLatency = Math.round(monotonic() - started);
  const record = { ...call.record, decision: 'error' as 'allow' | 'deny' | 'error' };
  trace.authorizer = record;
  const { outcome } = call;
  if (outcome.kind === 'timeout') return REFUSALS.internal('the authorizer timed out');
  if (outcome.kind === 'error') {
    if (outcome.error.errorMessage === 'Unauthorized') {
      record.decision = 'deny';
      return REFUSALS.unauthorized('the authorizer failed with "Unauthorized"');
    }
    return REFUSALS.internal(`the authorizer failed: ${outcome.error.errorType}: ${outcome.error.errorMessage}`);
  }
  const output = readAuthorizerOutput(outcome.payload);
  if (typeof output === 'string') return REFUSALS.internal(`the authorizer's output is unusable: ${output}`);
  const decision = evaluatePolicy(output.statements, request.methodArn);
  if (decision !== 'ALLOW') {
    record.decision = 'deny';
    return REFUSALS.forbidden(
      `the authorizer's policy ${decision === 'EXPLICIT_DENY' ? 'denies' : 'does not allow'} execute-api:Invoke on ${request.methodArn}`,
    );
  }
  record.decision = 'allow';
  return { authorizer: { principalId: output.principalId, integrationLatency, ...output.context } };
}

/** `$context` variable values of a request context, flattened (`identity.sourceIp`). */
function flatContext(requestContext: Record<string, unknown>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(requestContext)) {
    if (value !== null && typeof value === 'object')
      Object.assign(out, flatContext(value as Record<string, unknown>, `${prefix}${key}.`));
    else if (value !== undefined) out[`${prefix}${key}`] = String(value);
  }
  return out;
}

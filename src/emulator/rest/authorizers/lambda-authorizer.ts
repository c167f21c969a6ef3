import { newRequestId } from '../../shared/ids.js';
import type { InvokeOutcome } from '../../shared/invoker.js';
import { lambdaContextInit } from '../../shared/lambda-context.js';
import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import { invokeWithTimeout, TIMED_OUT } from '../../shared/pipeline/invoke-with-timeout.js';
import { monotonic } from '../../shared/pipeline/monotonic.js';
import { startAuthorizerTrace, type AuthorizerTrace } from '../../shared/trace.js';
import type { RestRequestContext } from '../context.js';
import { substituteStageVariables } from '../request-params.js';
import { GATEWAY_RESPONSES } from '../gateway-responses.js';
import { DEFAULT_TIMEOUT_MS } from '../openapi-import.js';
import { AuthorizerCache, authorizerCacheOf } from './cache.js';
import { methodArnOf, requestAuthorizerEvent, tokenAuthorizerEvent } from './event.js';
import { identitySourceValues } from './identity-sources.js';
import type { LambdaAuthorizerModel } from './model.js';
import { readAuthorizerOutput, type AuthorizerOutput } from './output.js';
import { evaluatePolicy } from './policy.js';

/**
 * How long the gateway waits for an authorizer function. AWS documents no timeout of its own for Lambda authorizers;
 * the integration's default (29 s) is assumed.
 */
export const AUTHORIZER_TIMEOUT_MS = DEFAULT_TIMEOUT_MS;

/** What a Lambda authorizer leaves for the steps after it, once it has allowed the request. */
export interface AuthorizedCaller {
  principalId: string;
  /**
   * The Lambda proxy event's `requestContext.authorizer`: `principalId`, `integrationLatency` (ms; 0 on a cache hit,
   * assumed) and the context map's keys with their values as strings (key order assumed).
   */
  proxy: Record<string, string | number | Record<string, string>>;
  /**
   * `$context.authorizer.*` for mapping templates: `principalId` and the context keys, as strings (a Cognito
   * authorizer: `claims`, a map of strings).
   */
  templateVariables: Record<string, string | Record<string, string>>;
  /**
   * The output's `usageIdentifierKey`, for the API-key step when the API's key source is AUTHORIZER
   * (`x-amazon-apigateway-api-key-source: AUTHORIZER`); undefined when the authorizer returned none.
   */
  usageIdentifierKey: string | undefined;
}

/**
 * Runs the method's Lambda authorizer: the identity sources (401 when one is missing or empty, or a TOKEN fails
 * `identityValidationExpression`), the cached result for them or the function's answer (401 for the error
 * `Unauthorized`, 500 for any other failure or an unusable output), then the policy against the method's ARN (403 on
 * an explicit or implicit deny; an implicit one admits the caller when the API's resource policy allows it,
 * `resourcePolicyAllows`). On success the caller is in `context.authorizer`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
 */
export async function runLambdaAuthorizer(
  context: RestRequestContext,
  authorizer: LambdaAuthorizerModel,
  resourcePolicyAllows = false,
): Promise<void> {
  const record = startAuthorizerTrace(context.trace, authorizer.type, authorizer.name, authorizer.functionName);
  const identity = identitySourceValues(context, authorizer.identitySources);
  if (!identity) {
    const reason = `identity source missing or empty (${authorizer.identitySources.join(', ')})`;
    record.outcome = { kind: 'skipped', reason };
    throw new GatewayError(GATEWAY_RESPONSES.UNAUTHORIZED, `Unauthorized request: ${reason}`);
  }
  if (
    authorizer.type === 'TOKEN' &&
    authorizer.identityValidationExpression !== undefined &&
    !new RegExp(`^(?:${authorizer.identityValidationExpression})$`).test(identity[0]!)
  ) {
    // AWS documents the expression as a regular expression the token must match; matching the whole token is assumed.
    const reason = `the token does not match identityValidationExpression ${authorizer.identityValidationExpression}`;
    record.outcome = { kind: 'skipped', reason };
    throw new GatewayError(GATEWAY_RESPONSES.UNAUTHORIZED, `Unauthorized request: ${reason}`);
  }
  const methodArn = methodArnOf(context);
  const cache = authorizer.resultTtlSeconds > 0 ? authorizerCacheOf(context.deployment) : null;
  const key = cache ? AuthorizerCache.keyOf(context.stage.name, authorizer.name, identity) : '';
  let output = cache?.get(key, context.epochMs);
  let latency = 0;
  if (output) {
    record.cached = true;
    record.outcome = { kind: 'cached' };
  } else {
    const event =
      authorizer.type === 'TOKEN'
        ? tokenAuthorizerEvent(identity[0]!, methodArn)
        : requestAuthorizerEvent(context, methodArn);
    record.event = event;
    // A function named by a stage variable (`function:${stageVariables.authFn}`) is resolved per stage.
    const functionName = authorizer.functionName.includes('${')
      ? substituteStageVariables(authorizer.functionName, context.stage.variables)
      : authorizer.functionName;
    record.functionName = functionName;
    const started = monotonic();
    const outcome = await invokeWithTimeout(
      context.services.invoke,
      functionName,
      event,
      lambdaContextInit(context.services.home, functionName, newRequestId(), context.epochMs),
      AUTHORIZER_TIMEOUT_MS,
    );
    record.durationMs = monotonic() - started;
    latency = Math.round(record.durationMs);
    output = judge(record, outcome);
    if (cache) cache.set(key, output, context.epochMs, authorizer.resultTtlSeconds);
  }
  const decision = evaluatePolicy(output.statements, methodArn);
  // With a resource policy that allows the call, an authorizer's policy that is silent about it admits it (Table A of
  // apigateway-authorization-flow.html: "Neither Allow nor Deny / Allow → Allow"); its explicit Deny still wins.
  if (decision === 'EXPLICIT_DENY' || (decision === 'IMPLICIT_DENY' && !resourcePolicyAllows)) {
    record.decision = 'deny';
    throw new GatewayError(
      decision === 'EXPLICIT_DENY'
        ? GATEWAY_RESPONSES.ACCESS_DENIED_EXPLICIT
        : GATEWAY_RESPONSES.ACCESS_DENIED_IMPLICIT,
      `The authorizer's policy ${decision === 'EXPLICIT_DENY' ? 'explicitly denies' : 'does not allow'} ${methodArn}`,
    );
  }
  record.decision = 'allow';
  context.authorizer = {
    principalId: output.principalId,
    proxy: { principalId: output.principalId, integrationLatency: latency, ...output.context },
    templateVariables: { principalId: output.principalId, ...output.context },
    usageIdentifierKey: output.usageIdentifierKey,
  };
}

/** The function's outcome in the trace, and its output checked; throws the 401 or 500 a failure earns. */
function judge(record: AuthorizerTrace, outcome: InvokeOutcome | typeof TIMED_OUT): AuthorizerOutput {
  if (outcome.kind === 'timeout') {
    record.outcome = { kind: 'timeout' };
    record.decision = 'error';
    throw new GatewayError(
      GATEWAY_RESPONSES.AUTHORIZER_CONFIGURATION_ERROR,
      `Execution failed due to configuration error: the authorizer did not answer within ${AUTHORIZER_TIMEOUT_MS} ms`,
    );
  }
  record.logs = outcome.logs;
  if (outcome.kind === 'error') {
    record.outcome = { kind: 'error', error: outcome.error };
    // "raise Exception('Unauthorized')" / callback('Unauthorized'): the one error message API Gateway answers with 401
    // (AWS's authorizer blueprints; any other message is a 500).
    if (outcome.error.errorMessage === 'Unauthorized') {
      record.decision = 'unauthorized';
      throw new GatewayError(GATEWAY_RESPONSES.UNAUTHORIZED, 'Unauthorized: the authorizer failed with "Unauthorized"');
    }
    record.decision = 'error';
    throw new GatewayError(
      GATEWAY_RESPONSES.AUTHORIZER_CONFIGURATION_ERROR,
      `Execution failed due to configuration error: Authorizer error (${outcome.error.errorType}: ${outcome.error.errorMessage})`,
    );
  }
  record.outcome = { kind: 'result', payload: outcome.payload };
  const output = readAuthorizerOutput(outcome.payload);
  if (typeof output === 'string') {
    record.decision = 'error';
    throw new GatewayError(
      GATEWAY_RESPONSES.AUTHORIZER_CONFIGURATION_ERROR,
      `Execution failed due to configuration error: ${output}`,
    );
  }
  return output;
}

import { evaluatePolicy, readPolicy, type PolicyStatement } from '../../rest/authorizers/policy.js';
import { newRequestId } from '../../shared/ids.js';
import type { InvokeOutcome } from '../../shared/invoker.js';
import { lambdaContextInit } from '../../shared/lambda-context.js';
import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import { invokeWithTimeout, TIMED_OUT } from '../../shared/pipeline/invoke-with-timeout.js';
import { monotonic } from '../../shared/pipeline/monotonic.js';
import { startAuthorizerTrace, type AuthorizerTrace } from '../../shared/trace.js';
import type { HttpApiRequestContext } from '../context.js';
import { buildHttpEventV1 } from '../event-v1.js';
import { buildHttpEventV2 } from '../event-v2.js';
import { HTTP_API_DEFAULT_TIMEOUT_MS } from '../model.js';
import { HTTP_API_RESPONSES } from '../responses.js';
import { httpEventInputOf } from '../steps/integration-request.js';
import { lambdaIdentityValues } from './identity.js';
import type { HttpLambdaAuthorizer } from './model.js';

/**
 * An HTTP API Lambda authorizer (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html):
 * - identity sources missing from the request → 401 `{"message":"Unauthorized"}`, the function not called ("If the
 *   client's request doesn't include the identity sources, API Gateway doesn't invoke your Lambda authorizer, and the
 *   client receives a 401 error");
 * - with `authorizerResultTtlInSeconds` and at least one identity source, the result is cached by the identity
 *   values (per deployment, stage and authorizer; "To cache responses per route, add $context.routeKey");
 * - the event in `authorizerPayloadFormatVersion` 2.0 or 1.0, as AWS's examples show it;
 * - the answer: `{isAuthorized, context}` with simple responses (2.0), otherwise an IAM policy evaluated against the
 *   route ARN (REST's policy evaluation, rest/authorizers/policy.ts); not authorized → 403 `{"message":"Forbidden"}`;
 * - a function error, a timeout or an answer in the wrong format → 500 `{"message":"Internal Server Error"}` ("If API
 *   Gateway can't invoke your Lambda authorizer, or your Lambda authorizer returns a response in an invalid format,
 *   clients receive a 500 Internal Server Error"). An error `Unauthorized` is a 500 too: only REST documents it as 401
 *   (assumed).
 * The `context` reaches the integration as `requestContext.authorizer.lambda`, values as returned.
 */
export async function runHttpLambdaAuthorizer(
  context: HttpApiRequestContext,
  authorizer: HttpLambdaAuthorizer,
): Promise<void> {
  const record = startAuthorizerTrace(context.trace, 'REQUEST', authorizer.name, authorizer.functionName);
  const identity = lambdaIdentityValues(authorizer.identitySources, context);
  if (!identity) {
    const reason = `identity source missing or empty (${authorizer.identitySources.join(', ')})`;
    record.outcome = { kind: 'skipped', reason };
    throw new GatewayError(HTTP_API_RESPONSES.UNAUTHORIZED, `Unauthorized request: ${reason}`);
  }
  const routeArn = routeArnOf(context);
  const caching = authorizer.resultTtlSeconds > 0 && identity.length > 0;
  const cache = caching ? cacheOf(context.deployment) : null;
  const key = cache ? JSON.stringify([context.stage.name, authorizer.name, ...identity]) : '';
  let verdict = cache ? cachedVerdict(cache, key, context.epochMs) : undefined;
  if (verdict) {
    record.cached = true;
    record.outcome = { kind: 'cached' };
  } else {
    const input = httpEventInputOf(context);
    const event =
      authorizer.payloadFormatVersion === '2.0'
        ? authorizerEventV2(buildHttpEventV2(input) as unknown as Record<string, unknown>, routeArn, identity)
        : authorizerEventV1(buildHttpEventV1(input) as unknown as Record<string, unknown>, routeArn, identity);
    record.event = event;
    const started = monotonic();
    const outcome = await invokeWithTimeout(
      context.services.invoke,
      authorizer.functionName,
      event,
      lambdaContextInit(context.services.home, authorizer.functionName, newRequestId(), context.epochMs),
      HTTP_API_DEFAULT_TIMEOUT_MS,
    );
    record.durationMs = monotonic() - started;
    verdict = judge(record, outcome, authorizer);
    if (cache) cache.set(key, { verdict, expires: context.epochMs + authorizer.resultTtlSeconds * 1000 });
  }
  // A cached policy is evaluated again for the route it now serves; a simple response allows every route.
  const allowed =
    verdict.kind === 'simple' ? verdict.isAuthorized : evaluatePolicy(verdict.statements, routeArn) === 'ALLOW';
  if (!allowed) {
    record.decision = 'deny';
    throw new GatewayError(HTTP_API_RESPONSES.FORBIDDEN, `the Lambda authorizer ${authorizer.name} denied ${routeArn}`);
  }
  record.decision = 'allow';
  context.authorizer = { type: 'LAMBDA', context: verdict.context };
}

/** A usable answer of the function. */
type Verdict =
  | { kind: 'simple'; isAuthorized: boolean; context: Record<string, unknown> }
  | { kind: 'policy'; statements: PolicyStatement[]; context: Record<string, unknown> };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The function's outcome in the trace and its answer checked; throws the 500 of a failure. */
function judge(
  record: AuthorizerTrace,
  outcome: InvokeOutcome | typeof TIMED_OUT,
  authorizer: HttpLambdaAuthorizer,
): Verdict {
  const fail = (detail: string) => {
    record.decision = 'error';
    return new GatewayError(HTTP_API_RESPONSES.AUTHORIZER_FAILURE, `Lambda authorizer ${authorizer.name}: ${detail}`);
  };
  if (outcome.kind === 'timeout') {
    record.outcome = { kind: 'timeout' };
    throw fail(`no answer within ${HTTP_API_DEFAULT_TIMEOUT_MS} ms`);
  }
  record.logs = outcome.logs;
  if (outcome.kind === 'error') {
    record.outcome = { kind: 'error', error: outcome.error };
    throw fail(`the function failed (${outcome.error.errorType}: ${outcome.error.errorMessage})`);
  }
  record.outcome = { kind: 'result', payload: outcome.payload };
  const payload = outcome.payload;
  if (!isObject(payload)) throw fail('the answer is not an object');
  if (payload.context !== undefined && payload.context !== null && !isObject(payload.context))
    throw fail("the answer's context is not a map");
  const ctx = isObject(payload.context) ? { ...payload.context } : {};
  if (authorizer.enableSimpleResponses) {
    if (typeof payload.isAuthorized !== 'boolean') throw fail('a simple response needs isAuthorized, true or false');
    return { kind: 'simple', isAuthorized: payload.isAuthorized, context: ctx };
  }
  const statements = readPolicy(payload.policyDocument);
  if (typeof statements === 'string') throw fail(`invalid policy: ${statements}`);
  return { kind: 'policy', statements, context: ctx };
}

/**
 * The route ARN the policy is evaluated against, as the 2.0 example's `routeArn`
 * (`arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/GET/request`): stage, method, then the request path
 * without its leading slash (the path in the stage, assumed).
 */
function routeArnOf(context: HttpApiRequestContext): string {
  const { home } = context.services;
  return `arn:aws:execute-api:${home.region}:${home.accountId}:${context.api!.id}/${context.stage.name}/${context.method}/${context.pathInStage.replace(/^\//, '')}`;
}

/** The 2.0 authorizer event: the integration's 2.0 event without body and isBase64Encoded, in AWS's example order. */
function authorizerEventV2(event: Json, routeArn: string, identity: string[]): Json {
  const out: Json = { version: '2.0', type: 'REQUEST', routeArn, identitySource: identity };
  for (const field of [
    'routeKey',
    'rawPath',
    'rawQueryString',
    'cookies',
    'headers',
    'queryStringParameters',
    'requestContext',
    'pathParameters',
    'stageVariables',
  ])
    if (event[field] !== undefined) out[field] = event[field];
  return out;
}

/** The 1.0 authorizer event: AWS's example's fields, taken from the integration's 1.0 event. */
function authorizerEventV1(event: Json, routeArn: string, identity: string[]): Json {
  const joined = identity.join(',');
  return {
    version: '1.0',
    type: 'REQUEST',
    methodArn: routeArn,
    identitySource: joined,
    authorizationToken: joined,
    resource: event.resource,
    path: event.path,
    httpMethod: event.httpMethod,
    headers: event.headers,
    queryStringParameters: event.queryStringParameters,
    pathParameters: event.pathParameters,
    stageVariables: event.stageVariables,
    requestContext: event.requestContext,
  };
}

interface CacheEntry {
  verdict: Verdict;
  expires: number;
}
/** One cache per deployment (a new deployment starts empty). */
const caches = new WeakMap<object, Map<string, CacheEntry>>();
const MAX_ENTRIES = 1000;
function cacheOf(deployment: object): Map<string, CacheEntry> {
  let cache = caches.get(deployment);
  if (!cache) caches.set(deployment, (cache = new Map()));
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return cache;
}
function cachedVerdict(cache: Map<string, CacheEntry>, key: string, now: number): Verdict | undefined {
  const entry = cache.get(key);
  if (!entry) return undefined;
  if (entry.expires > now) return entry.verdict;
  cache.delete(key);
  return undefined;
}

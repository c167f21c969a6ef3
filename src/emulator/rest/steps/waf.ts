import { httpDate } from '../../shared/clf-time.js';
import type { HeaderList } from '../../shared/headers.js';
import { GatewayError, type GatewayErrorResponse } from '../../shared/pipeline/gateway-error.js';
import { finishBuffered } from '../../shared/pipeline/gateway-result.js';
import type { WafTrace } from '../../shared/trace.js';
import type { WebAclEvaluator, WafVerdict } from '../../waf/evaluate.js';
import { BODY_INSPECTION_LIMIT, type WafRequest } from '../../waf/request-view.js';
import type { RestRequestContext } from '../context.js';
import { GATEWAY_RESPONSES } from '../gateway-responses.js';
import { REST_OMITTED_HEADERS } from './method-response.js';

/**
 * A Block with the rule's CustomResponse: thrown to stop the request, and answered by {@link renderWafCustomResponse}
 * instead of a gateway response ("AWS WAF custom responses take precedence over custom gateway responses",
 * supported-gateway-response-types.html).
 */
export const WAF_CUSTOM_RESPONSE: GatewayErrorResponse = {
  type: 'WAF_CUSTOM_RESPONSE',
  status: 0,
  body: '',
  contentType: '',
  errorType: '',
};

const UTF8 = new TextDecoder('utf-8');

/**
 * AWS WAF, when a web ACL is associated with the stage (`RestGateway.associateWebAcl`): it runs before everything
 * else API Gateway does with the request — routing, the resource policy, authorizers, API keys, throttling. "AWS WAF is
 * your first line of defense against web exploits. When AWS WAF is enabled on an API, AWS WAF rules are evaluated
 * before other access control features, such as resource policies, IAM policies, Lambda authorizers, and Amazon
 * Cognito authorizers." (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html)
 * A web ACL is associated with a stage (the resource ARN names `/restapis/{id}/stages/{stage}`), so the stage must be
 * known first: the step comes right after resolveStage, before route (a blocked request to an unknown path is
 * WAF's 403, not Missing Authentication Token).
 *
 * Allow (or Count then the default Allow): the request goes on, with the headers Allow/Count custom request handling
 * inserts (`x-amzn-waf-{name}`, https://docs.aws.amazon.com/waf/latest/developerguide/customizing-the-incoming-request.html).
 * Block: 403 WAF_FILTERED `{"message":"Forbidden"}` (customisable as a gateway response), or the rule's
 * CustomResponse as WAF defines it (https://docs.aws.amazon.com/waf/latest/developerguide/customizing-the-response-for-blocked-requests.html).
 * The request WAF inspects: the client's source IP, the URI path as sent (stage segment included), the raw query
 * string, the headers, and the body's first 16 KB. A stage without a web ACL costs one Map lookup.
 */
export function waf(context: RestRequestContext): void {
  const evaluator = context.services.webAcls.get(context.stage.name);
  if (evaluator === undefined) return;
  const verdict = evaluator.evaluate(wafRequestOf(context));
  const record = traceOf(evaluator, verdict);
  context.trace.waf = record;
  if (verdict.action === 'ALLOW') {
    insertHeaders(context, verdict.insertedHeaders);
    return;
  }
  const why = `blocked by AWS WAF (web ACL ${record.webAcl}, ${verdict.terminatingRuleId === 'Default_Action' ? 'its default action' : `rule ${verdict.terminatingRuleId}`})`;
  if (verdict.customResponse) throw new GatewayError(WAF_CUSTOM_RESPONSE, `${why}: custom response`);
  throw new GatewayError(GATEWAY_RESPONSES.WAF_FILTERED, why);
}

/** The request as WAF inspects it. Repeated headers are joined with `, ` (one field, as HTTP reads them). */
function wafRequestOf(context: RestRequestContext): WafRequest {
  const headers: Record<string, string> = {};
  const names = new Map<string, string>();
  const { rawHeaders, lowerNames } = context;
  for (let i = 0; i < rawHeaders.length; i++) {
    const [name, value] = rawHeaders[i]!;
    const first = names.get(lowerNames[i]!);
    if (first === undefined) {
      names.set(lowerNames[i]!, name);
      headers[name] = value;
    } else headers[first] += `, ${value}`;
  }
  const body = context.body;
  return {
    method: context.method,
    path: context.url.pathname,
    query: context.url.query,
    headers,
    body: body && body.length ? UTF8.decode(body.subarray(0, BODY_INSPECTION_LIMIT)) : '',
    sourceIp: context.trace.sourceIp,
  };
}

function traceOf(evaluator: WebAclEvaluator, verdict: WafVerdict): WafTrace {
  const record: WafTrace = {
    webAcl: evaluator.webAcl.Name,
    action: verdict.action,
    terminatingRule: verdict.terminatingRuleId,
    labels: verdict.labels,
    matchedRules: verdict.matchedRules.map((r) => ({ name: r.name, action: r.action })),
    insertedHeaders: verdict.insertedHeaders,
  };
  const arn = (evaluator.webAcl as { ARN?: unknown }).ARN;
  if (typeof arn === 'string') record.webAclArn = arn;
  if (verdict.customResponse && verdict.response) record.customResponse = verdict.response;
  return record;
}

/** The inserted headers reach the integration as request headers (a later step reads `rawHeaders`). */
function insertHeaders(context: RestRequestContext, inserted: Record<string, string>): void {
  const entries = Object.entries(inserted);
  if (entries.length === 0) return;
  context.rawHeaders = [...context.rawHeaders, ...entries];
  context.lowerNames = [...context.lowerNames, ...entries.map(([name]) => name)];
}

/**
 * Answers a Block with a CustomResponse: its status, its headers as named, and its body with the Content-Type of its
 * CustomResponseBodies entry. API Gateway's Date, Content-Length, Connection and x-amzn-RequestId frame it (ASSUMED:
 * AWS documents the custom parts only).
 */
export function renderWafCustomResponse(context: RestRequestContext): void {
  const { trace, started } = context;
  const custom = trace.waf!.customResponse!;
  const body = new TextEncoder().encode(custom.body);
  const headers: HeaderList = [['Date', httpDate(context.epochMs)]];
  const { 'content-type': contentType, ...rest } = custom.headers;
  if (contentType !== undefined) headers.push(['Content-Type', contentType]);
  headers.push(['Content-Length', String(body.length)], ['Connection', 'keep-alive']);
  headers.push(['x-amzn-RequestId', trace.requestId]);
  for (const [name, value] of Object.entries(rest)) headers.push([name, value]);
  context.result = finishBuffered(trace, started, custom.status, headers, body, REST_OMITTED_HEADERS);
}

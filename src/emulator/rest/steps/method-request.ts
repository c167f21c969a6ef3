import { lastHeaderOf } from '../../shared/headers.js';
import { iamIdentityFields } from '../../shared/iam/caller-identity.js';
import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import type { RestRequestContext, TemplateRequest } from '../context.js';
import { BUILT_IN } from '../gateway-response-config.js';
import { contextPath, requestParamsOf } from '../request-params.js';
import type { RequestValidatorModel } from '../request-validation.js';

// The JSON Schema validator (ajv) loads only when an API validates requests.
let validationModule: Promise<typeof import('../request-validation.js')> | undefined;
const loadValidation = () => (validationModule ??= import('../request-validation.js'));

/**
 * The method request: gives the request its `$context` when a mapping template, a request validator or a customised
 * gateway response will read it (not on the Lambda proxy fast path), then applies the method's request validator:
 * 400 BAD_REQUEST_PARAMETERS or BAD_REQUEST_BODY when the request fails it.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html
 */
export function methodRequest(context: RestRequestContext): void | Promise<void> {
  const api = context.api!;
  const method = context.methodModel;
  if (context.integration.type === 'AWS_PROXY' && method.requestValidator === undefined && !api.gatewayResponses)
    return;
  const request = templateRequestOf(context);
  context.templateRequest = request;
  if (method.requestValidator === undefined) return;
  const validator = api.requestValidators?.[method.requestValidator];
  if (!validator) return;
  return validate(context, request, validator);
}

/** Applies a request validator (ajv loaded on first use); throws the 400 the request earns. */
async function validate(
  context: RestRequestContext,
  request: TemplateRequest,
  validator: RequestValidatorModel,
): Promise<void> {
  const api = context.api!;
  const method = context.methodModel;
  const { validateRequest } = await loadValidation();
  const params = requestParamsOf(request);
  const outcome = validateRequest(
    validator,
    { requestParameters: method.requestParameters ?? {}, requestModels: method.requestModels ?? {} },
    api.models ?? {},
    {
      path: params.path,
      querystring: params.querystring,
      headers: request.headers,
      contentType:
        params.header['Content-Type'] ??
        Object.entries(params.header).find(([n]) => n.toLowerCase() === 'content-type')?.[1] ??
        null,
      body: request.body ? new TextDecoder().decode(request.body) : '',
    },
  );
  if (outcome.ok) return;
  throw new GatewayError(
    outcome.type === 'BAD_REQUEST_PARAMETERS'
      ? BUILT_IN.badRequestParameters(outcome.message)
      : BUILT_IN.badRequestBody(),
    `Request validation failed: ${outcome.detail}`,
    outcome.validationErrorString,
  );
}

/** The request as mapping templates see it, with the `$context` variables API Gateway gives them. */
function templateRequestOf(context: RestRequestContext): TemplateRequest {
  const { api, stage, deployment, trace, host } = context;
  const domainName = host.replace(/:\d+$/, '');
  return {
    method: context.method,
    path: context.path,
    rawQuery: context.url.query,
    headers: context.rawHeaders,
    body: context.body && context.body.length ? context.body : null,
    pathParameters: context.pathParameters,
    stageVariables: stage.variables,
    traceId: context.traceId!,
    binaryMediaTypes: api!.binaryMediaTypes,
    context: {
      accountId: context.services.home.accountId,
      apiId: api!.id,
      deploymentId: deployment.id,
      domainName,
      domainPrefix: domainName.split('.')[0]!,
      extendedRequestId: trace.extendedRequestId,
      httpMethod: context.method,
      identity: {
        sourceIp: trace.sourceIp,
        userAgent: lastHeaderOf(context.rawHeaders, context.lowerNames, 'user-agent'),
        accountId: null,
        apiKey: context.usedApiKey?.value ?? null,
        apiKeyId: context.usedApiKey?.id ?? null,
        caller: null,
        user: null,
        userArn: null,
        ...(context.iamCaller ? iamIdentityFields(context.iamCaller) : {}),
      },
      path: contextPath(context),
      protocol: trace.protocol,
      requestId: trace.requestId,
      requestTime: trace.requestTime,
      requestTimeEpoch: context.epochMs,
      resourceId: context.resource.id,
      resourcePath: context.resource.path,
      stage: stage.name,
      // $context.authorizer.principalId and .{key}: the Lambda authorizer's output, values as strings.
      ...(context.authorizer ? { authorizer: context.authorizer.templateVariables } : {}),
    },
  };
}

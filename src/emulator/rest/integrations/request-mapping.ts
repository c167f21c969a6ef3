import { lastHeader } from '../../shared/headers.js';
import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import type { RestRequestContext } from '../context.js';
import {
  convertRequestPayload,
  convertTemplateOutput,
  requestPayloadOf,
  templateInputOf,
  type Payload,
} from '../content-handling.js';
import { BUILT_IN } from '../gateway-response-config.js';
import { GATEWAY_RESPONSES } from '../gateway-responses.js';
import {
  InvalidJsonBodyError,
  renderMappingTemplate,
  type OverrideState,
  type TemplateVariables,
} from '../mapping-template.js';
import type { TemplatedIntegration } from '../model.js';
import { chooseRequestTemplate } from '../passthrough.js';
import { mapRequestParameters, requestParamsOf } from '../request-params.js';

const UTF8_DECODER = new TextDecoder();

/**
 * The integration request of the integrations API Gateway maps (Lambda custom, HTTP, MOCK): the request template
 * chosen by Content-Type (or the body passed through, as `passthroughBehavior` allows: else 415), rendered in Velocity,
 * the payload converted by `contentHandling`, and `requestParameters` mapped, a template's `requestOverride`s on top.
 * Loaded with the template engine, only when an API has such an integration.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-integration-settings.html
 */
export function mapIntegrationRequest(context: RestRequestContext, integration: TemplatedIntegration): void {
  const request = context.templateRequest!;
  const params = requestParamsOf(request);
  const binaryMediaTypes = request.binaryMediaTypes ?? [];
  const contentType = lastHeader(request.headers, 'content-type');
  // The method request payload is binary when its Content-Type is one of the binaryMediaTypes.
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html
  const methodPayload = requestPayloadOf(request.body, contentType, binaryMediaTypes);
  const choice = chooseRequestTemplate(integration.requestTemplates, contentType, integration.passthroughBehavior);
  if (choice.kind === 'unsupported') {
    throw new GatewayError(
      BUILT_IN.unsupportedMediaType(),
      `Request body does not match any mapping template (Content-Type ${choice.contentType}, passthroughBehavior ${integration.passthroughBehavior})`,
    );
  }
  let integrationPayload: Payload | null;
  let requestOverride = {
    header: {} as Record<string, string>,
    querystring: {} as Record<string, string>,
    path: {} as Record<string, string>,
  };
  let overrides: OverrideState | null = null;
  if (choice.kind === 'template') {
    const body = templateInputOf(methodPayload, integration.contentHandling);
    if (body === null)
      throw new GatewayError(
        GATEWAY_RESPONSES.API_CONFIGURATION_ERROR,
        'Execution failed due to configuration error: Unable to transform request (a binary payload and a mapping template: the template needs contentHandling CONVERT_TO_TEXT)',
      );
    const variables: TemplateVariables = {
      body,
      params,
      context: request.context,
      stageVariables: request.stageVariables,
    };
    try {
      const rendered = renderMappingTemplate(choice.template, variables);
      integrationPayload = convertTemplateOutput(rendered.output, integration.contentHandling);
      requestOverride = rendered.requestOverride;
      overrides = rendered.overrides;
    } catch (error) {
      if (error instanceof InvalidJsonBodyError) {
        throw new GatewayError(
          { ...BUILT_IN.badRequestBody(), body: `{"message": ${JSON.stringify(error.message)}}` },
          error.message,
        );
      }
      throw new GatewayError(
        GATEWAY_RESPONSES.API_CONFIGURATION_ERROR,
        `Execution failed due to configuration error: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  } else {
    integrationPayload = convertRequestPayload(methodPayload, integration.contentHandling);
  }
  if (!integrationPayload) {
    throw new GatewayError(
      GATEWAY_RESPONSES.API_CONFIGURATION_ERROR,
      'Execution failed due to configuration error: Unable to base64-decode the request body (contentHandling CONVERT_TO_BINARY)',
    );
  }
  const parameters = mapRequestParameters(integration.requestParameters, params, request);
  Object.assign(parameters.header, requestOverride.header);
  Object.assign(parameters.querystring, requestOverride.querystring);
  Object.assign(parameters.path, requestOverride.path);
  context.mappedRequest = {
    params,
    payload: UTF8_DECODER.decode(integrationPayload.bytes),
    bytes: integrationPayload.bytes,
    parameters,
    overrides,
  };
}

import { lastHeader } from '../../shared/headers.js';
import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import {
  convertResponsePayload,
  convertTemplateOutput,
  isBinaryType,
  payloadOf,
  templateInputOf,
  type Payload,
} from '../content-handling.js';
import type { RestRequestContext } from '../context.js';
import { GATEWAY_RESPONSES } from '../gateway-responses.js';
import { chooseResponseTemplate, mapResponseParameters, selectIntegrationResponse } from '../integration-response.js';
import {
  InvalidJsonBodyError,
  MappingTemplateError,
  renderMappingTemplate,
  responseOverrideOf,
  type TemplateVariables,
} from '../mapping-template.js';
import type { TemplatedIntegration } from '../model.js';

const UTF8 = new TextEncoder();
const UTF8_DECODER = new TextDecoder();

/**
 * The integration response of a templated integration (Lambda custom, HTTP, MOCK): the response selected by the
 * backend's status or the Lambda error message (`selectionPattern`), its `responseParameters` and response template
 * (chosen by the client's Accept) rendered into the method response, `contentHandling` applied. No matching response,
 * or one whose status has no method response, is a configuration error (500). Loaded with the template engine.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-integration-settings-integration-response.html
 */
export function mapIntegrationResponse(context: RestRequestContext, integration: TemplatedIntegration): void {
  const {
    selection,
    body: endpointBody,
    bytes: endpointBytes,
    headers: endpointHeaders,
    lambdaError,
    carried,
  } = context.backendResponse!;
  const { params } = context.mappedRequest!;
  const request = context.templateRequest!;
  const methodResponses = context.methodModel.methodResponses;
  const chosen = selectIntegrationResponse(integration.responses, selection);
  if (!chosen) {
    const endpointStatus = selection.kind === 'status' ? selection.statusCode : 200;
    throw new GatewayError(
      GATEWAY_RESPONSES.API_CONFIGURATION_ERROR,
      `Execution failed due to configuration error: No match for output mapping and no default output mapping configured. Endpoint Response Status Code: ${endpointStatus}`,
    );
  }
  if (methodResponses && !(chosen.statusCode in methodResponses)) {
    // Accepted at import (no header mappings), refused when selected. See method-responses.ts.
    throw new GatewayError(
      GATEWAY_RESPONSES.API_CONFIGURATION_ERROR,
      `Execution failed due to configuration error: Output mapping refers to an invalid method response: ${chosen.statusCode}`,
    );
  }
  // Only mapped headers reach the client: the integration response's headers are sources for mappings, no more.
  const headers = mapResponseParameters(chosen.responseParameters, {
    headers: endpointHeaders,
    body: endpointBody,
    lambdaError,
    stageVariables: request.stageVariables,
    context: request.context,
  });
  let status = Number(chosen.statusCode);
  // The integration response payload is binary when its Content-Type (a Lambda result's is application/json)
  // is one of the binaryMediaTypes; the client's Accept and contentHandling decide what the method response holds.
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html
  const binaryMediaTypes = request.binaryMediaTypes ?? [];
  const endpointContentType =
    lastHeader(endpointHeaders, 'content-type') ?? (endpointBytes ? null : 'application/json');
  const endpointPayload = payloadOf(endpointBytes ?? UTF8.encode(endpointBody), endpointContentType, binaryMediaTypes);
  const accept = lastHeader(request.headers, 'accept');
  let methodPayload: Payload | null;
  let contentType = 'application/json';
  const template = chooseResponseTemplate(chosen.responseTemplates, accept);
  if (!template) {
    methodPayload = convertResponsePayload(
      endpointPayload,
      chosen.contentHandling,
      isBinaryType(accept, binaryMediaTypes),
    );
    if (carried) {
      const override = responseOverrideOf(carried.responseOverride);
      if (override.status !== null) status = override.status;
      for (const [name, value] of Object.entries(override.header)) setHeader(headers, name, value);
    }
  } else {
    contentType = template.contentType;
    // A binary payload reaches a response template as base64 with CONVERT_TO_TEXT, and as its bytes read as UTF-8
    // otherwise. AWS documents no failure here (its "Unable to transform request" is the request side's), and the
    // known fix for a MOCK CORS preflight under binaryMediaTypes */* (CONVERT_TO_TEXT on the integration request
    // only) leaves the preflight's response template to render.
    const body = templateInputOf(endpointPayload, chosen.contentHandling) ?? UTF8_DECODER.decode(endpointPayload.bytes);
    try {
      const variables: TemplateVariables = {
        body,
        params,
        context: request.context,
        stageVariables: request.stageVariables,
      };
      if (carried) variables.overrides = carried;
      const rendered = renderMappingTemplate(template.template, variables);
      methodPayload = convertTemplateOutput(rendered.output, chosen.contentHandling);
      if (rendered.responseOverride.status !== null) status = rendered.responseOverride.status;
      for (const [name, value] of Object.entries(rendered.responseOverride.header)) setHeader(headers, name, value);
    } catch (error) {
      if (error instanceof InvalidJsonBodyError || error instanceof MappingTemplateError) {
        throw new GatewayError(
          GATEWAY_RESPONSES.API_CONFIGURATION_ERROR,
          `Execution failed due to configuration error: ${error.message}`,
        );
      }
      throw error;
    }
  }
  if (!methodPayload)
    throw new GatewayError(
      GATEWAY_RESPONSES.API_CONFIGURATION_ERROR,
      `Execution failed due to configuration error: Unable to base64-decode the integration response (${chosen.contentHandling ?? 'a binary Accept type'})`,
    );
  const bytes = methodPayload.bytes;
  const mappedType = headers.findIndex(([n]) => n.toLowerCase() === 'content-type');
  if (mappedType >= 0) contentType = headers.splice(mappedType, 1)[0]![1];
  context.answer = {
    kind: 'mapped',
    status,
    headers: [['Content-Type', contentType], ...headers],
    body: bytes,
    held: null,
  };
}

function setHeader(headers: Array<[string, string]>, name: string, value: string): void {
  const i = headers.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
  if (i >= 0) headers[i] = [name, value];
  else headers.push([name, value]);
}

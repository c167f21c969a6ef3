/** REST API request/response transformation (imported on its own, so that the core does not load the template engine and the JSON Schema validator): mapping templates, passthrough, integration responses, validation, gateway responses. */
export {
  renderMappingTemplate,
  InvalidJsonBodyError,
  MappingTemplateError,
  escapeJavaScript,
  urlEncode,
  urlDecode,
  base64Encode,
  base64Decode,
} from './mapping-template.js';
export type {
  TemplateVariables,
  RenderedTemplate,
  RequestParams,
  RequestOverride,
  ResponseOverride,
} from './mapping-template.js';
export { evaluateJsonPath, parseJsonPath, JsonPathError } from './json-path.js';
export {
  chooseRequestTemplate,
  parsePassthroughBehavior,
  requestMediaType,
  DEFAULT_PASSTHROUGH_BEHAVIOR,
  type PassthroughBehavior,
  type RequestTemplateChoice,
} from './passthrough.js';
export {
  selectIntegrationResponse,
  selectionPatternMatches,
  mapResponseParameters,
  chooseResponseTemplate,
  type IntegrationResponseModel,
  type SelectionValue,
} from './integration-response.js';
export {
  validateRequest,
  missingParameters,
  type RequestValidatorModel,
  type MethodRequestModel,
  type ValidationOutcome,
} from './request-validation.js';
export {
  renderGatewayResponse,
  readGatewayResponses,
  substitute as substituteGatewayTemplate,
  BUILT_IN as BUILT_IN_GATEWAY_RESPONSES,
  GATEWAY_RESPONSE_TYPES,
  DEFAULT_GATEWAY_RESPONSE_TEMPLATE,
  type GatewayResponsesConfig,
  type GatewayResponseConfig,
  type GatewayResponseType,
} from './gateway-response-config.js';
export { mapIntegrationRequest } from './integrations/request-mapping.js';
export { mapIntegrationResponse } from './integrations/response-mapping.js';
export {
  requestParamsOf,
  substituteStageVariables,
  mapRequestParameters,
  type MappedParameters,
} from './request-params.js';
export type { TemplateRequest } from './context.js';

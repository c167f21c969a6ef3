/** The emulator's public API: a pure core on web-standard Request/Response. */
export {
  RestGateway,
  DEFAULT_WAF_COUNTRY_HEADER,
  type RequestParts,
  type BasePathMapping,
  type DomainNameConfig,
  type WebAclAssociationOptions,
} from './rest/gateway.js';
export type { GatewayOptions, GatewayResult, HandleOptions } from './shared/gateway-types.js';
export { importOpenApi, functionNamesOf, functionNameFromUri, DEFAULT_TIMEOUT_MS } from './rest/openapi-import.js';
export { DefinitionError } from './shared/errors.js';
export { GATEWAY_RESPONSES, MAX_PAYLOAD_BYTES } from './rest/gateway-responses.js';
export { statusText } from './shared/http-status.js';
export { parseProxyResult } from './shared/proxy-response.js';
export type {
  LambdaInvoker,
  LambdaInvocation,
  InvokeOutcome,
  LambdaContextInit,
  LambdaErrorPayload,
  LambdaStreamInvoker,
  StreamedInvocation,
} from './shared/invoker.js';
export type {
  RestApiModel,
  ResourceModel,
  MethodModel,
  Deployment,
  Stage,
  EndpointType,
  ResponseTransferMode,
} from './rest/model.js';
export type { AuthorizerTrace, GatewayTrace, IntegrationTrace, StreamTrace, WafTrace } from './shared/trace.js';
export type { HeaderList } from './shared/headers.js';
export * from './http-api/index.js';
export * from './waf/index.js';
export * from './observability/index.js';
export { applyStageConfig, parseStageConfig, StageConfigError, type StageConfig } from './stage-config.js';
export {
  API_TYPES,
  apiTypeEntryOf,
  apiTypeOf,
  importApi,
  routesOfApi,
  functionNamesOfApi,
  type AnyGateway,
  type ApiModel,
  type ApiType,
  type ApiRoute,
  type ApiTypeEntry,
} from './api-type.js';
export type {
  LambdaProxyIntegration,
  LambdaCustomIntegration,
  MockIntegration,
  HttpIntegration,
  IntegrationModel,
} from './rest/model.js';
export type { IntegrationRequestTrace } from './shared/trace.js';
export type { TemplateVariables, RenderedTemplate } from './rest/mapping-template.js';
export type { PassthroughBehavior } from './rest/passthrough.js';
export type { IntegrationResponseModel } from './rest/integration-response.js';
export type { RequestValidatorModel } from './rest/request-validation.js';
export type { GatewayResponsesConfig, GatewayResponseType } from './rest/gateway-response-config.js';
// The transformation functions themselves (template rendering, validation, ...) are exported by ./rest/transformations.js,
// so that importing the core does not load the template engine and the JSON Schema validator.
export { exportOpenApi, type ExportOptions } from './rest/openapi-export.js';
export type {
  ApiKey,
  QuotaPeriod,
  QuotaSettings,
  ThrottleSettings,
  Usage,
  UsagePlan,
} from './rest/api-keys/registry.js';
export type { ApiKeySource } from './rest/api-keys/openapi.js';
export { exportHttpApiOpenApi, type HttpExportOptions } from './http-api/openapi-export.js';
export { definitionVersion, exportApi } from './api-export.js';
export { signRequest } from './shared/iam/lazy-sign-request.js';
export type { SignedRequest, SignRequestInput } from './shared/iam/sign-request.js';
export type { CredentialsInput, IamPrincipal } from './shared/iam/principals.js';
// WebSocket APIs (issue #13).
export * from './websocket/index.js';
export type {
  AwsServiceName,
  AwsServices,
  ServiceBackend,
  ServiceRequest,
  ServiceResponse,
  ServicesFile,
  ServicesState,
} from './aws-services/types.js';
export type { ServiceCallTrace } from './shared/trace.js';

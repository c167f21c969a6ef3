/** HTTP APIs (API Gateway v2): a pure core on web-standard Request/Response, alongside the REST API's RestGateway. */
export { HttpApiGateway, HTTP_API_WAF_UNSUPPORTED, type HttpApiGatewayOptions } from './gateway.js';
export { importHttpApi, httpFunctionNameFromUri, httpFunctionNamesOf } from './openapi-import.js';
export { selectRoute, parseRouteKey, HTTP_API_METHODS, type HttpRouteMatch, type ParsedRouteKey } from './router.js';
export { buildHttpEventV2 } from './event-v2.js';
export { buildHttpEventV1 } from './event-v1.js';
export { isTextMediaType, type HttpEventInput } from './event-common.js';
export {
  parseV2Result,
  HTTP_API_RESPONSES,
  HTTP_API_MAX_PAYLOAD_BYTES,
  type V2Result,
  type HttpErrorResponse,
} from './responses.js';
export {
  DEFAULT_STAGE,
  HTTP_API_DEFAULT_TIMEOUT_MS,
  HTTP_API_MAX_TIMEOUT_MS,
  HTTP_API_MIN_TIMEOUT_MS,
  type HttpApiModel,
  type HttpRoute,
  type HttpLambdaIntegration,
  type HttpServiceIntegration,
  type HttpRouteIntegration,
  type HttpDeployment,
  type PayloadFormatVersion,
} from './model.js';
export type { HttpAuthorizer, HttpJwtAuthorizer, HttpRouteAuthorization } from './authorizers/model.js';
export {
  parseRouteSettings,
  routeLimitsFor,
  type RouteSettingInput,
  type RouteThrottleSettings,
} from './throttling/route-settings.js';

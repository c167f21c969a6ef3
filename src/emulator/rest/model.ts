import type { ServiceUri } from '../shared/aws-service/service-uri.js';
import type { ApiKeySource } from './api-keys/openapi.js';
import type { CognitoAuthorizerModel } from './authorizers/cognito-openapi.js';
import type { LambdaAuthorizerModel } from './authorizers/model.js';
import type { GatewayResponsesConfig } from './gateway-response-config.js';
import type { ContentHandling } from './content-handling.js';
import type { IntegrationResponseModel } from './integration-response.js';
import type { MethodResponseModel } from './method-responses.js';
import type { PassthroughBehavior } from './passthrough.js';
import type { RequestValidatorModel } from './request-validation.js';
import type { ResourcePolicyModel } from './resource-policy/document.js';

/**
 * The API model the gateway serves: what API Gateway stores for a REST API
 * (resources, methods, integrations), independent of how it was written (OpenAPI, code).
 */

/** REST API endpoint types. https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-endpoint-types.html */
export type EndpointType = 'EDGE' | 'REGIONAL' | 'PRIVATE';

/** HTTP methods API Gateway accepts on a resource (`ANY` matches all of them). */
export const HTTP_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
export type MethodKey = HttpMethod | 'ANY';

/**
 * How API Gateway returns a proxy integration's response (`responseTransferMode`): `BUFFERED` (the default) waits for
 * the whole response, `STREAM` sends it on as it arrives (HTTP_PROXY and AWS_PROXY only).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html
 */
export type ResponseTransferMode = 'BUFFERED' | 'STREAM';

/** Lambda proxy integration (`AWS_PROXY`). */
export interface LambdaProxyIntegration {
  type: 'AWS_PROXY';
  /**
   * The integration URI as written (`arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{fnArn}/invocations`;
   * with `STREAM`, `…/2021-11-15/functions/{fnArn}/response-streaming-invocations`).
   */
  uri: string;
  /** The function name the URI names (the last segment of the function ARN, without a qualifier). */
  functionName: string;
  /** Integration timeout in milliseconds (`timeoutInMillis`, default 29,000). */
  timeoutMs: number;
  /** `responseTransferMode` when the definition names one (absent: BUFFERED). */
  responseTransferMode?: ResponseTransferMode;
}

/** What non-proxy integrations share: request templates, passthrough, parameter mappings, integration responses. */
export interface NonProxyIntegrationFields {
  /** Content type → request mapping template (`requestTemplates`). */
  requestTemplates: Record<string, string>;
  passthroughBehavior: PassthroughBehavior;
  /** `integration.request.{header|querystring|path}.x` → `method.request.…` | `'literal'` | `stageVariables.x` | `context.x`. */
  requestParameters: Record<string, string>;
  /** Integration responses in definition order (`responses`; the `default` key is the one without selectionPattern). */
  responses: IntegrationResponseModel[];
  /**
   * The integration request's payload conversion (`contentHandling`); absent passes the payload through.
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html
   */
  contentHandling?: ContentHandling;
}

/**
 * Lambda custom (non-proxy) integration (`AWS` with a Lambda URI): the request template's output is the
 * function's event; its result (or function error) goes through the integration responses.
 */
export interface LambdaCustomIntegration extends NonProxyIntegrationFields {
  type: 'AWS';
  uri: string;
  functionName: string;
  timeoutMs: number;
}

/**
 * An `AWS` integration with another service (SQS, Kinesis, Step Functions, EventBridge, DynamoDB): the request
 * template's output goes to the service by its path or action URI (rest/integrations/aws-service.ts); the service's
 * status selects the integration response, as an HTTP endpoint's does.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-request-basic-setup.html
 */
export interface AwsServiceIntegration extends NonProxyIntegrationFields {
  type: 'AWS';
  /** The URI as written (`arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders`). */
  uri: string;
  /** The URI, parsed. */
  service: ServiceUri;
  /** `httpMethod` (integrationHttpMethod): the method of the service request (POST in every AWS-validated case). */
  httpMethod: string;
  /** `credentials`: the IAM role API Gateway assumes (recorded in the trace; the lab checks no IAM). */
  credentials?: string;
  functionName?: undefined;
  timeoutMs: number;
}

/** `MOCK`: the request template's `{"statusCode": 200}` selects the integration response; no backend is called. */
export interface MockIntegration extends NonProxyIntegrationFields {
  type: 'MOCK';
  functionName?: undefined;
  timeoutMs: number;
}

/** `HTTP` (custom, with templates) and `HTTP_PROXY` (pass-through) integrations to an HTTP endpoint. */
export interface HttpIntegration extends NonProxyIntegrationFields {
  type: 'HTTP' | 'HTTP_PROXY';
  functionName?: undefined;
  /** The endpoint URL, with `{param}` and `${stageVariables.x}` placeholders as written. */
  uri: string;
  /** The integration's HTTP method (`ANY` sends the method request's). */
  httpMethod: string;
  timeoutMs: number;
  /** `responseTransferMode` when the definition names one (absent: BUFFERED); `STREAM` for HTTP_PROXY only. */
  responseTransferMode?: ResponseTransferMode;
}

export type IntegrationModel =
  LambdaProxyIntegration | LambdaCustomIntegration | AwsServiceIntegration | MockIntegration | HttpIntegration;

/** The integrations whose request and response API Gateway maps with templates: Lambda custom, AWS service, MOCK and HTTP. */
export type TemplatedIntegration =
  LambdaCustomIntegration | AwsServiceIntegration | MockIntegration | (HttpIntegration & { type: 'HTTP' });

export interface MethodModel {
  httpMethod: MethodKey;
  integration: IntegrationModel;
  /** Whether a request needs an API key of a usage plan (`apiKeyRequired`; OpenAPI: an `api_key` security requirement). */
  apiKeyRequired?: boolean;
  /** The request validator's name (`x-amazon-apigateway-request-validator`), when requests are validated. */
  requestValidator?: string;
  /** `method.request.{querystring|header|path}.x` → required. */
  requestParameters?: Record<string, boolean>;
  /** Content type → model name, for body validation. */
  requestModels?: Record<string, string>;
  /**
   * Method responses by status code (OpenAPI `responses`), with the headers integration responses may map.
   * Absent for a model not read from a definition: then nothing is checked against them.
   */
  methodResponses?: Record<string, MethodResponseModel>;
  /** The Lambda authorizer (its security scheme's name in `authorizers`) the method's `security` names. */
  authorizer?: string;
  /** The Cognito user pool authorizer (its scheme's name in `cognitoAuthorizers`) the method's `security` names. */
  cognitoAuthorizer?: string;
  /** `authorizationScopes`: the scopes the method's security requirement lists (an access token must carry one). */
  authorizationScopes?: string[];
  /** `authorizationType: AWS_IAM`: the SigV4 scheme (`x-amazon-apigateway-authtype: awsSigv4`) the method's `security` names. */
  iam?: string;
  /**
   * The integration's `cacheKeyParameters` (`method.request.querystring.id`, `method.request.header.x`,
   * `method.request.path.id`): what separates the stage cache's entries besides method and resource.
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
   */
  cacheKeyParameters?: string[];
}

export interface ResourceModel {
  /** API Gateway's resource id (10 lower-case alphanumerics for real APIs; derived from the path here). */
  id: string;
  /** The resource path with parameters, e.g. `/items/{id}` or `/{proxy+}`. */
  path: string;
  methods: Partial<Record<MethodKey, MethodModel>>;
}

export interface RestApiModel {
  kind: 'REST';
  id: string;
  name: string;
  endpointType: EndpointType;
  /** `disableExecuteApiEndpoint` of x-amazon-apigateway-endpoint-configuration (the default execute-api URL is off). */
  disableExecuteApiEndpoint?: boolean;
  /** `vpcEndpointIds` of x-amazon-apigateway-endpoint-configuration (a PRIVATE API's VPC endpoints). */
  vpcEndpointIds?: string[];
  /** Media types treated as binary (`x-amazon-apigateway-binary-media-types`). */
  binaryMediaTypes: string[];
  resources: ResourceModel[];
  /** Models (JSON Schema draft 4) by name. */
  models?: Record<string, unknown>;
  /** `x-amazon-apigateway-request-validators`. */
  requestValidators?: Record<string, RequestValidatorModel>;
  /** `x-amazon-apigateway-gateway-responses`. */
  gatewayResponses?: GatewayResponsesConfig;
  /** `x-amazon-apigateway-api-key-source` (absent: HEADER, the `X-API-Key` header). */
  apiKeySource?: ApiKeySource;
  /** Lambda authorizers (TOKEN, REQUEST) by security scheme name (rest/authorizers/openapi.ts). */
  authorizers?: Record<string, LambdaAuthorizerModel>;
  /** Cognito user pool authorizers (COGNITO_USER_POOLS) by security scheme name (rest/authorizers/cognito-openapi.ts). */
  cognitoAuthorizers?: Record<string, CognitoAuthorizerModel>;
  /** The resource policy (`x-amazon-apigateway-policy`, rest/resource-policy/); absent: none, and no cost per request. */
  resourcePolicy?: ResourcePolicyModel;
}

/** Where the API lives in AWS terms. */
export interface AwsEnvironment {
  region: string;
  accountId: string;
}

/** An immutable snapshot of an API, as created by CreateDeployment. */
export interface Deployment {
  id: string;
  createdDate: Date;
  description: string;
  api: Readonly<RestApiModel>;
}

/** A named stage pointing at one deployment, with its stage variables (both API types have them). */
export type { Stage } from '../shared/stage-registry.js';

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

/** Lambda proxy integration (`AWS_PROXY`). */
export interface LambdaProxyIntegration {
  type: 'AWS_PROXY';
  /** The integration URI as written (`arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{fnArn}/invocations`). */
  uri: string;
  /** The function name the URI names (the last segment of the function ARN, without a qualifier). */
  functionName: string;
  /** Integration timeout in milliseconds (`timeoutInMillis`, default 29,000). */
  timeoutMs: number;
}

export type IntegrationModel = LambdaProxyIntegration;

export interface MethodModel {
  httpMethod: MethodKey;
  integration: IntegrationModel;
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
  /** Media types treated as binary (`x-amazon-apigateway-binary-media-types`). */
  binaryMediaTypes: string[];
  resources: ResourceModel[];
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

/** A named stage pointing at one deployment, with its stage variables. */
export interface Stage {
  name: string;
  deploymentId: string;
  variables: Record<string, string>;
}

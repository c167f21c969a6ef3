import type { HttpAuthorizer, HttpRouteAuthorization } from './authorizers/model.js';

/**
 * The HTTP API (API Gateway v2) model: routes keyed `METHOD /path` or `$default`, each with a
 * Lambda proxy integration.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
 */

/** `1.0` (REST-like event) or `2.0`. https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html */
export type PayloadFormatVersion = '1.0' | '2.0';

/** Default and maximum integration timeout of HTTP APIs: 30 seconds (minimum 50 ms).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html ("Maximum integration timeout | 30 seconds");
 * AWS::ApiGatewayV2::Integration TimeoutInMillis: "between 50 and 30,000 milliseconds for HTTP APIs. The default timeout is ... 30 seconds for HTTP APIs." */
export const HTTP_API_DEFAULT_TIMEOUT_MS = 30_000;
export const HTTP_API_MAX_TIMEOUT_MS = 30_000;
export const HTTP_API_MIN_TIMEOUT_MS = 50;

export interface HttpLambdaIntegration {
  type: 'AWS_PROXY';
  /** The function the URI names (no qualifier). */
  functionName: string;
  /** The integration URI as written: a Lambda invocation ARN or a function ARN. */
  uri: string;
  payloadFormatVersion: PayloadFormatVersion;
  timeoutMs: number;
}

/**
 * A first-class integration with an AWS service (`type: aws_proxy` + `integrationSubtype`, payload format 1.0): the
 * `requestParameters` map the request onto the subtype's action parameters, and the service's answer passes through.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services.html
 */
export interface HttpServiceIntegration {
  type: 'AWS_PROXY';
  /** `SQS-SendMessage`, `Kinesis-PutRecord`, … (a key of service-subtypes.ts INTEGRATION_SUBTYPES). */
  subtype: string;
  /** `credentials`: the IAM role API Gateway assumes (recorded in the trace; the lab checks no IAM). */
  credentials?: string;
  /** Action parameter → its source (`$request.body.message`, `$request.header.x`, a static value). */
  requestParameters: Record<string, string>;
  payloadFormatVersion: '1.0';
  timeoutMs: number;
  functionName?: undefined;
}

/** What a route integrates with: a Lambda function, or an AWS service by an integration subtype. */
export type HttpRouteIntegration = HttpLambdaIntegration | HttpServiceIntegration;

export interface HttpRoute {
  /** `GET /items/{id}`, `ANY /{proxy+}` or `$default`. */
  routeKey: string;
  integration: HttpRouteIntegration;
  /** The route's authorizer and scopes (its OpenAPI `security`); absent: `authorizationType: NONE`. */
  authorization?: HttpRouteAuthorization;
  /** `authorizationType: AWS_IAM` (`x-amazon-apigateway-auth: {type: AWS_IAM}`): requests must be signed (SigV4). */
  iam?: true;
}

/**
 * The API's CORS configuration (`x-amazon-apigateway-cors`, CreateApi's CorsConfiguration): lists as written, absent
 * fields undefined. https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
 */
export interface HttpApiCors {
  allowOrigins?: string[];
  allowCredentials?: boolean;
  exposeHeaders?: string[];
  /** Seconds a browser may cache a preflight result (-1 to 86400). */
  maxAge?: number;
  allowMethods?: string[];
  allowHeaders?: string[];
}

export interface HttpApiModel {
  kind: 'HTTP';
  id: string;
  name: string;
  routes: HttpRoute[];
  /** CORS, when configured: API Gateway then answers preflights and sets the CORS headers (http-api/cors.ts). */
  cors?: HttpApiCors;
  /** Authorizers by name (`components.securitySchemes`), when the API has any (authorizers/openapi.ts). */
  authorizers?: Record<string, HttpAuthorizer>;
}

/** An immutable snapshot of an HTTP API (CreateDeployment). */
export interface HttpDeployment {
  id: string;
  createdDate: Date;
  description: string;
  api: Readonly<HttpApiModel>;
}

/** The stage served without a path prefix. https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.html */
export const DEFAULT_STAGE = '$default';

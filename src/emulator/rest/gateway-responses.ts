import type { GatewayErrorResponse } from '../shared/pipeline/gateway-error.js';

export type { GatewayErrorResponse };

const json = 'application/json';

/**
 * Responses API Gateway generates itself, with the status, body bytes and `x-amzn-ErrorType` it sends.
 * Types and default statuses: https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 * The default template `{"message":$context.error.messageString}` renders without a space; the Lambda
 * 502/504 bodies do have one (captured responses with `Content-Length: 36` and `41`).
 */
export const GATEWAY_RESPONSES = {
  /** No resource or method matches (also: a path without a stage). */
  MISSING_AUTHENTICATION_TOKEN: {
    type: 'MISSING_AUTHENTICATION_TOKEN',
    status: 403,
    body: '{"message":"Missing Authentication Token"}',
    contentType: json,
    errorType: 'MissingAuthenticationTokenException',
  },
  /** The function failed (threw, or returned a function error). */
  LAMBDA_FUNCTION_ERROR: {
    type: 'DEFAULT_5XX',
    status: 502,
    body: '{"message": "Internal server error"}',
    contentType: json,
    errorType: 'InternalServerErrorException',
  },
  /** The function's result is not a valid proxy response ("Malformed Lambda proxy response"). */
  MALFORMED_PROXY_RESPONSE: {
    type: 'DEFAULT_5XX',
    status: 502,
    body: '{"message": "Internal server error"}',
    contentType: json,
    errorType: 'InternalServerErrorException',
  },
  /** The integration did not answer within timeoutInMillis. */
  INTEGRATION_TIMEOUT: {
    type: 'INTEGRATION_TIMEOUT',
    status: 504,
    body: '{"message": "Endpoint request timed out"}',
    contentType: json,
    errorType: 'InternalServerErrorException',
  },
  /** An HTTP integration's endpoint could not be reached (connection refused, DNS, TLS). */
  INTEGRATION_FAILURE: {
    type: 'INTEGRATION_FAILURE',
    status: 504,
    body: '{"message": "Internal server error"}',
    contentType: json,
    errorType: 'InternalServerErrorException',
  },
  /** Configuration faults: a function that does not exist, base64 that does not decode. */
  API_CONFIGURATION_ERROR: {
    type: 'API_CONFIGURATION_ERROR',
    status: 500,
    body: '{"message": "Internal server error"}',
    contentType: json,
    errorType: 'InternalServerErrorException',
  },
  /**
   * A method with `apiKeyRequired` got no key, an unknown or disabled one, or one in no usage plan of the API stage.
   * Captured bodies: `{"message":"Forbidden"}` (e.g. https://github.com/pmuens/serverless-secured-api/issues/2); the
   * x-amzn-ErrorType is LocalStack's for INVALID_API_KEY (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html:
   * "the caller receives a 403 Forbidden response").
   */
  INVALID_API_KEY: {
    type: 'INVALID_API_KEY',
    status: 403,
    body: '{"message":"Forbidden"}',
    contentType: json,
    errorType: 'ForbiddenException',
  },
  /**
   * The key's usage-plan quota is spent. A captured answer: `429`, `content-length: 28`,
   * `x-amzn-errortype: LimitExceededException`, `{"message":"Limit Exceeded"}`
   * (https://stackoverflow.com/questions/49849358; https://repost.aws/knowledge-center/api-gateway-429-limit).
   */
  QUOTA_EXCEEDED: {
    type: 'QUOTA_EXCEEDED',
    status: 429,
    body: '{"message":"Limit Exceeded"}',
    contentType: json,
    errorType: 'LimitExceededException',
  },
  /**
   * A token bucket (here: the key's usage-plan throttle) is empty: "429 Too Many Requests"
   * (https://repost.aws/knowledge-center/api-gateway-429-limit); the body is the default template's rendering of that
   * message and the x-amzn-ErrorType LocalStack's for THROTTLED (assumed: no capture found).
   */
  THROTTLED: {
    type: 'THROTTLED',
    status: 429,
    body: '{"message":"Too Many Requests"}',
    contentType: json,
    errorType: 'TooManyRequestsException',
  },
  /**
   * A Lambda authorizer's identity source is missing or empty, the token fails `identityValidationExpression`, or the
   * function failed with the error message `Unauthorized`. Captured from execute-api: `HTTP/2 401`,
   * `content-length: 26`, `{"message":"Unauthorized"}` (a TOKEN authorizer called without its header).
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-lambda-authorizer-input.html
   */
  UNAUTHORIZED: {
    type: 'UNAUTHORIZED',
    status: 401,
    body: '{"message":"Unauthorized"}',
    contentType: json,
    errorType: 'UnauthorizedException',
  },
  /**
   * The authorizer's policy denies the method explicitly. The key is `Message`, capitalised: captured from execute-api
   * (`HTTP/2 403`, `content-length: 82`), and LocalStack's gateway responses write ACCESS_DENIED's body with `Message`
   * for the same reason ("in reality the message field is capitalized").
   */
  ACCESS_DENIED_EXPLICIT: {
    type: 'ACCESS_DENIED',
    status: 403,
    body: '{"Message":"User is not authorized to access this resource with an explicit deny"}',
    contentType: json,
    errorType: 'AccessDeniedException',
  },
  /**
   * The authorizer's policy allows nothing that matches the method (an implicit deny). Body as captured in AWS's
   * Cognito + Lambda authorizer sample (`{"Message":"User is not authorized to access this resource"}`).
   */
  ACCESS_DENIED_IMPLICIT: {
    type: 'ACCESS_DENIED',
    status: 403,
    body: '{"Message":"User is not authorized to access this resource"}',
    contentType: json,
    errorType: 'AccessDeniedException',
  },
  /**
   * The authorizer could not be used: its function failed (other than `Unauthorized`), timed out or does not exist, or
   * returned no valid policy (no principalId, a malformed policyDocument, a context value that is an object or array).
   * `x-amzn-ErrorType: AuthorizerConfigurationException` as captured (serverless/examples#305); the body is the default
   * template `{"message":$context.error.messageString}` with no message, which AWS leaves null (as LocalStack's
   * gateway responses do); its exact bytes are assumed.
   */
  AUTHORIZER_CONFIGURATION_ERROR: {
    type: 'AUTHORIZER_CONFIGURATION_ERROR',
    status: 500,
    body: '{"message":null}',
    contentType: json,
    errorType: 'AuthorizerConfigurationException',
  },
  /**
   * "A custom or Amazon Cognito authorizer failed to authenticate the caller" (supported-gateway-response-types.html).
   * Lambda authorizers answer their faults with AUTHORIZER_CONFIGURATION_ERROR, as captured; this one is here for
   * the authorizers that use it, and customisable like every type. Error type as LocalStack names it (assumed).
   */
  AUTHORIZER_FAILURE: {
    type: 'AUTHORIZER_FAILURE',
    status: 500,
    body: '{"message":null}',
    contentType: json,
    errorType: 'AuthorizerFailureException',
  },
  /**
   * AWS WAF blocked the request (a Block rule or default action without a CustomResponse): WAF_FILTERED, "403 — The
   * gateway response when a request is blocked by AWS WAF" (supported-gateway-response-types.html), customisable like
   * every type. "AWS WAF returns a 403 Forbidden error by default"
   * (https://repost.aws/knowledge-center/waf-block-respond-403-forbidden-error); the body `{"message":"Forbidden"}` is
   * the default template's rendering of that message. x-amzn-ErrorType ForbiddenException is ASSUMED (API Gateway's
   * error type for its other `Forbidden` answers; no capture of a WAF block found).
   */
  WAF_FILTERED: {
    type: 'WAF_FILTERED',
    status: 403,
    body: '{"message":"Forbidden"}',
    contentType: json,
    errorType: 'ForbiddenException',
  },
  /**
   * A request body over 10 MB (10,485,760 bytes): answered before any routing, in text, without API Gateway's
   * x-amzn-* headers (a captured response: `content-type: text; charset=utf-8`, `content-length: 44`, no request id,
   * https://github.com/koki-develop/lgtm-generator/issues/10; AWS documents only the limit). Not customisable
   * ("Customizing the default gateway response for 413 REQUEST_TOO_LARGE isn't currently supported",
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html).
   */
  REQUEST_TOO_LARGE: {
    type: 'REQUEST_TOO_LARGE',
    status: 413,
    body: 'HTTP content length exceeded 10485760 bytes.',
    contentType: 'text; charset=utf-8',
    errorType: 'RequestTooLargeException',
  },
} as const satisfies Record<string, GatewayErrorResponse>;

/** The payload limit of REST APIs. https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

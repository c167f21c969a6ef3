import type { IamPrincipal } from '../../shared/iam/principals.js';

/**
 * HTTP API authorizers (API Gateway v2), as `import-api` reads them from `components.securitySchemes`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
 */

/** A JWT authorizer: `x-amazon-apigateway-authorizer` with `type: jwt`. */
export interface HttpJwtAuthorizer {
  type: 'JWT';
  /** The security scheme's name. */
  name: string;
  /** `jwtConfiguration.issuer`: must equal the token's `iss`. */
  issuer: string;
  /** `jwtConfiguration.audience`: the token's `aud` (or `client_id` when `aud` is absent) must be one of these. */
  audience: string[];
  /** `identitySource`, e.g. `$request.header.Authorization`. */
  identitySource: string;
}

/**
 * A Lambda authorizer: `x-amazon-apigateway-authorizer` with `type: request`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
 */
export interface HttpLambdaAuthorizer {
  type: 'REQUEST';
  name: string;
  /** The function `authorizerUri` names. */
  functionName: string;
  /** `authorizerUri` as written. */
  uri: string;
  /** `authorizerPayloadFormatVersion`: the event's format, and (1.0) an IAM policy answer. */
  payloadFormatVersion: '1.0' | '2.0';
  /** `enableSimpleResponses` (2.0 only): the function answers `{isAuthorized, context}`. */
  enableSimpleResponses: boolean;
  /** `identitySource`: `$request.header.X`, `$request.querystring.X`, `$context.X`, `$stageVariables.X`; may be empty. */
  identitySources: string[];
  /** `authorizerResultTtlInSeconds` (0: no caching). */
  resultTtlSeconds: number;
}

export type HttpAuthorizer = HttpJwtAuthorizer | HttpLambdaAuthorizer;

/** A route's `security` requirement: the authorizer it names and the scopes listed with it. */
export interface HttpRouteAuthorization {
  authorizer: string;
  /** The route's authorizationScopes; the token needs at least one of them (none listed: no scope check). */
  scopes: string[];
}

/** What a JWT authorizer leaves for the integration: the token's claims and scopes. */
export interface HttpJwtAuthorizerResult {
  type: 'JWT';
  /** The claims as API Gateway passes them: each value a string (jwt-claims.ts). */
  claims: Record<string, string>;
  /** The token's scopes, or null when it has none. */
  scopes: string[] | null;
}

/** What a Lambda authorizer leaves for the integration: the `context` it returned (values as returned). */
export interface HttpLambdaAuthorizerResult {
  type: 'LAMBDA';
  context: Record<string, unknown>;
}

/** What IAM authorization leaves for the integration: the principal of the key that signed the request. */
export interface HttpIamAuthorizerResult {
  type: 'IAM';
  principal: IamPrincipal;
}

export type HttpAuthorizerResult = HttpJwtAuthorizerResult | HttpLambdaAuthorizerResult | HttpIamAuthorizerResult;

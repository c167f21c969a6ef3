/**
 * Lambda authorizers of a REST API (TOKEN and REQUEST), as API Gateway stores them (CreateAuthorizer) and OpenAPI
 * declares them (`x-amazon-apigateway-authorizer` under a security scheme with `x-amazon-apigateway-authtype: custom`).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html
 */

/** A Lambda authorizer's type: TOKEN (a bearer token in one header) or REQUEST (identity sources of the request). */
export type LambdaAuthorizerType = 'TOKEN' | 'REQUEST';

export interface LambdaAuthorizerModel {
  /** The security scheme's name, which methods' `security` requirements name. */
  name: string;
  type: LambdaAuthorizerType;
  /** `authorizerUri` as written (`arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{fnArn}/invocations`). */
  uri: string;
  /** The function the URI names (`…:function:auth/invocations` → `auth`). */
  functionName: string;
  /**
   * The identity sources, in order: `method.request.header.X`, `method.request.querystring.X`, `stageVariables.X`,
   * `context.X`. A TOKEN authorizer has exactly one header.
   */
  identitySources: string[];
  /** `identitySource` as the definition wrote it (a TOKEN scheme may leave it to the scheme's `name`); null when absent. */
  identitySourceAsWritten: string | null;
  /** `identityValidationExpression` (TOKEN only): a token that does not match is refused with 401, unseen by the function. */
  identityValidationExpression?: string;
  /** `authorizerResultTtlInSeconds`: 0 disables caching; 300 by default, 3600 at most. */
  resultTtlSeconds: number;
  /** Whether the definition wrote `authorizerResultTtlInSeconds` (the export writes it back only then). */
  ttlAsWritten: boolean;
  /** `authorizerCredentials`, kept for the export (the emulator invokes the function directly). */
  credentials?: string;
  /** The security scheme's `name` and `in` (OpenAPI `type: apiKey`), kept for the export. */
  schemeName: string;
  schemeIn: string;
}

import type { HttpApiModel } from '../model.js';
import type { HttpRouteAuthorization } from './model.js';

type Json = Record<string, unknown>;

/**
 * The API's authorizers as `export-api` writes them under `components.securitySchemes`: a JWT authorizer as an
 * `oauth2` scheme, a Lambda authorizer as an `apiKey` scheme, each with its `x-amazon-apigateway-authorizer`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html; the keys' order is assumed).
 * Reads back as the same authorizers (authorizers/openapi.ts).
 */
export function exportHttpSecuritySchemes(api: HttpApiModel): Json | undefined {
  const entries = Object.values(api.authorizers ?? {});
  if (!entries.length) return undefined;
  const schemes: Json = {};
  for (const a of entries) {
    if (a.type === 'JWT') {
      schemes[a.name] = {
        type: 'oauth2',
        flows: {},
        'x-amazon-apigateway-authorizer': {
          identitySource: a.identitySource,
          jwtConfiguration: { audience: [...a.audience], issuer: a.issuer },
          type: 'jwt',
        },
      };
      continue;
    }
    const header = a.identitySources.find((s) => s.startsWith('$request.header.'));
    const authorizer: Json = {};
    if (a.identitySources.length) authorizer.identitySource = a.identitySources.join(', ');
    authorizer.authorizerUri = a.uri;
    authorizer.authorizerPayloadFormatVersion = a.payloadFormatVersion;
    authorizer.authorizerResultTtlInSeconds = a.resultTtlSeconds;
    authorizer.type = 'request';
    if (a.enableSimpleResponses) authorizer.enableSimpleResponses = true;
    schemes[a.name] = {
      type: 'apiKey',
      name: header ? header.slice('$request.header.'.length) : 'Unused',
      in: 'header',
      'x-amazon-apigateway-authorizer': authorizer,
    };
  }
  return schemes;
}

/** A route's `security`: `[{name: [scopes]}]`. */
export function exportRouteSecurity(authorization: HttpRouteAuthorization): Json[] {
  return [{ [authorization.authorizer]: [...authorization.scopes] }];
}

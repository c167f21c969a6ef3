import { exportHttpSecuritySchemes, exportRouteSecurity } from './authorizers/openapi-export.js';
import { IAM_AUTH_EXTENSION } from './authorizers/iam-openapi.js';
import { exportCors } from './cors.js';
import { DEFAULT_STAGE, HTTP_API_DEFAULT_TIMEOUT_MS, type HttpApiModel } from './model.js';

/**
 * The HTTP API model → OpenAPI 3.0.1, as `aws apigatewayv2 export-api --specification OAS30` writes it
 * (extensions included, the default). https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-export.html
 * - each route is an operation with `responses: {default: {description: "Default response for GET /items"}}` and
 *   an `x-amazon-apigateway-integration` of `payloadFormatVersion`, `type: aws_proxy`, `httpMethod: POST`, `uri`,
 *   `connectionType: INTERNET` (`timeoutInMillis` only when not the default 30,000);
 * - path parameters are declared on the path item, named as in the route (`proxy+`), "Generated path parameter for …";
 * - the `$default` route is path `/$default` with `x-amazon-apigateway-any-method` and `isDefaultRoute: true`
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-any-method.html);
 *   its response description ("Default response for $default") is this emulator's, not one seen in an AWS export;
 * - the CORS configuration as `x-amazon-apigateway-cors` after `paths` (where AWS's HTTP API OpenAPI example has it,
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html);
 * - `x-amazon-apigateway-importexport-version: "1.0"` at the root
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-extensions-importexport-version.html);
 * - `servers` names the stage's invoke URL with a `basePath` variable: empty for the `$default` stage (as in exports
 *   of $default stages), `/{stage}` otherwise (as REST exports write it; not checked against an HTTP API export).
 * The route shapes above are those of exports produced by API Gateway (export-api output kept in public repositories).
 */

export interface HttpExportOptions {
  /** The stage whose invoke URL `servers` names. */
  stage?: { name: string };
  /** The server URL without the stage (default: built from the API id and region). */
  serverUrl?: string;
  region?: string;
  /** `info.version` (AWS writes the creation time, `2025-06-20 17:22:45UTC`); default: now in that form. */
  version?: string;
}

type Json = Record<string, unknown>;

export function exportHttpApiOpenApi(api: HttpApiModel, options: HttpExportOptions = {}): Json {
  const doc: Json = {
    openapi: '3.0.1',
    info: {
      title: api.name,
      version:
        options.version ??
        new Date()
          .toISOString()
          .replace('T', ' ')
          .replace(/\.\d{3}Z$/, 'UTC'),
    },
  };
  const base = (
    options.serverUrl ?? `https://${api.id}.execute-api.${options.region ?? 'us-east-1'}.amazonaws.com`
  ).replace(/\/+$/, '');
  if (options.stage) {
    const basePath = options.stage.name === DEFAULT_STAGE ? '' : `/${options.stage.name}`;
    doc.servers = [{ url: `${base}/{basePath}`, variables: { basePath: { default: basePath } } }];
  } else if (options.serverUrl !== undefined) doc.servers = [{ url: base }];

  const paths: Record<string, Json> = {};
  for (const route of api.routes) {
    const model = route.integration;
    // A first-class integration as CloudFormation/export layouts write it (research §2.1; L: the field order).
    const integration: Json =
      'subtype' in model
        ? {
            ...(model.credentials ? { credentials: model.credentials } : {}),
            requestParameters: { ...model.requestParameters },
            integrationSubtype: model.subtype,
            payloadFormatVersion: '1.0',
            type: 'aws_proxy',
            connectionType: 'INTERNET',
          }
        : {
            payloadFormatVersion: model.payloadFormatVersion,
            type: 'aws_proxy',
            httpMethod: 'POST',
            uri: model.uri,
            connectionType: 'INTERNET',
          };
    if (route.integration.timeoutMs !== HTTP_API_DEFAULT_TIMEOUT_MS)
      integration.timeoutInMillis = route.integration.timeoutMs;
    const operation: Json = {
      responses: { default: { description: `Default response for ${route.routeKey}` } },
      'x-amazon-apigateway-integration': integration,
    };
    if (route.authorization) operation.security = exportRouteSecurity(route.authorization);
    if (route.iam) operation['x-amazon-apigateway-auth'] = { ...IAM_AUTH_EXTENSION };
    if (route.routeKey === '$default') {
      paths['/$default'] = { 'x-amazon-apigateway-any-method': { isDefaultRoute: true, ...operation } };
      continue;
    }
    const space = route.routeKey.indexOf(' ');
    const method = route.routeKey.slice(0, space);
    const path = route.routeKey.slice(space + 1);
    const item = (paths[path] ??= {});
    item[method === 'ANY' ? 'x-amazon-apigateway-any-method' : method.toLowerCase()] = operation;
  }
  for (const [path, item] of Object.entries(paths)) {
    const names = path.split('/').flatMap((s) => (/^\{[^}]+\}$/.test(s) ? [s.slice(1, -1)] : []));
    if (names.length) {
      item.parameters = names.map((name) => ({
        name,
        in: 'path',
        description: `Generated path parameter for ${name}`,
        required: true,
        schema: { type: 'string' },
      }));
    }
  }
  doc.paths = paths;
  const securitySchemes = exportHttpSecuritySchemes(api);
  if (securitySchemes) doc.components = { securitySchemes };
  if (api.cors) doc['x-amazon-apigateway-cors'] = exportCors(api.cors);
  doc['x-amazon-apigateway-importexport-version'] = '1.0';
  return doc;
}

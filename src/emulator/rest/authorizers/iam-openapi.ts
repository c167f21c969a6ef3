import type { MethodModel, RestApiModel } from '../model.js';

/**
 * IAM authorization (`authorizationType: AWS_IAM`) in a REST API's OpenAPI, both ways. API Gateway exports an AWS_IAM
 * method as a `security` requirement naming a scheme `{type: apiKey, name: Authorization, in: header,
 * x-amazon-apigateway-authtype: awsSigv4}`, which it calls `sigv4`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authtype.html), and
 * imports it back; a method's `x-amazon-apigateway-auth: {type: AWS_IAM}` says the same
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-auth.html; "Values are
 * case insensitive") and is exported as the scheme.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The name AWS's export gives the SigV4 scheme. */
export const SIGV4_SCHEME = 'sigv4';

function schemesOf(doc: Json): Json {
  const components = isObject(doc.components) ? doc.components : null;
  if (components && isObject(components.securitySchemes)) return components.securitySchemes;
  return isObject(doc.securityDefinitions) ? doc.securityDefinitions : {};
}

/** The names of the document's SigV4 schemes (`x-amazon-apigateway-authtype: awsSigv4`, no authorizer). */
export function readIamSchemes(doc: Json): Set<string> {
  const names = new Set<string>();
  for (const [name, scheme] of Object.entries(schemesOf(doc))) {
    if (!isObject(scheme) || scheme['x-amazon-apigateway-authorizer'] !== undefined) continue;
    const authtype = scheme['x-amazon-apigateway-authtype'];
    if (typeof authtype === 'string' && authtype.toLowerCase() === 'awssigv4') names.add(name);
  }
  return names;
}

/**
 * The SigV4 scheme an operation's `security` (the document's when it has none) names, `sigv4` for an operation with
 * `x-amazon-apigateway-auth: {type: AWS_IAM}`, or undefined: the method is not AWS_IAM.
 */
export function methodIamScheme(doc: Json, op: Json, schemes: ReadonlySet<string>): string | undefined {
  const auth = op['x-amazon-apigateway-auth'];
  if (isObject(auth) && typeof auth.type === 'string' && auth.type.toUpperCase() === 'AWS_IAM') return SIGV4_SCHEME;
  if (!schemes.size) return undefined;
  const security = op.security !== undefined ? op.security : doc.security;
  if (!Array.isArray(security)) return undefined;
  for (const requirement of security)
    if (isObject(requirement)) for (const name of Object.keys(requirement)) if (schemes.has(name)) return name;
  return undefined;
}

/** Writes the SigV4 schemes the API's methods name as `components.securitySchemes`, as get-export does. */
export function writeIamSchemes(api: Pick<RestApiModel, 'resources'>, doc: Json): void {
  const names = new Set<string>();
  for (const resource of api.resources)
    for (const method of Object.values(resource.methods)) if (method?.iam !== undefined) names.add(method.iam);
  if (!names.size) return;
  const components = (doc.components ??= {}) as Json;
  const schemes = (components.securitySchemes ??= {}) as Json;
  for (const name of names)
    schemes[name] = { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' };
}

/** A method's security requirement naming its SigV4 scheme (undefined: not AWS_IAM). */
export function methodIamSecurityOf(method: Pick<MethodModel, 'iam'>): Json | undefined {
  return method.iam === undefined ? undefined : { [method.iam]: [] };
}

/**
 * IAM authorization of an HTTP API route in OpenAPI: `x-amazon-apigateway-auth: {type: AWS_IAM}` on the operation
 * ("Specify \"AWS_IAM\" to use IAM permissions. Values are case insensitive",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-auth.html), or a
 * `security` requirement naming a scheme with `x-amazon-apigateway-authtype: awsSigv4`, as REST APIs write it (accepted
 * here too; assumed). Exported as the documented extension (what export-api writes is assumed to be the same).
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether an operation asks for IAM authorization. */
export function routeUsesIam(doc: Json, op: Json): boolean {
  const auth = op['x-amazon-apigateway-auth'];
  if (isObject(auth) && typeof auth.type === 'string') return auth.type.toUpperCase() === 'AWS_IAM';
  if (!Array.isArray(op.security)) return false;
  const components = isObject(doc.components) ? doc.components : null;
  const schemes = components && isObject(components.securitySchemes) ? components.securitySchemes : {};
  return op.security.some(
    (requirement) =>
      isObject(requirement) &&
      Object.keys(requirement).some((name) => {
        const scheme = schemes[name];
        const authtype = isObject(scheme) ? scheme['x-amazon-apigateway-authtype'] : undefined;
        return typeof authtype === 'string' && authtype.toLowerCase() === 'awssigv4';
      }),
  );
}

/** The extension an IAM route is exported with. */
export const IAM_AUTH_EXTENSION = { type: 'AWS_IAM' } as const;

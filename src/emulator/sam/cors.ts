type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const OPERATIONS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

/**
 * SAM REST `Cors` (a string origin, or AllowMethods/AllowHeaders/AllowOrigin/MaxAge/AllowCredentials): an `options`
 * MOCK method on every path that has none, answering the preflight with the `Access-Control-Allow-*` headers, whose
 * values are header-mapping expressions written verbatim (`"'*'"`). Without AllowMethods, the path's methods plus
 * OPTIONS, upper-cased and sorted, or all when it has ANY (swagger.py:438-468; research §1.4).
 * `security` is the preflight's (SAM puts the default authorizer on it unless AddDefaultAuthorizerToCorsPreflight: false).
 */
export function addRestCors(doc: Json, cors: unknown, security: unknown[] | undefined): void {
  const spec: Json = typeof cors === 'string' ? { AllowOrigin: cors } : isObject(cors) ? cors : {};
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item) || item.options !== undefined) continue;
    const methods = Object.keys(item)
      .filter((k) => OPERATIONS.includes(k) || k === 'x-amazon-apigateway-any-method')
      .map((k) => (k === 'x-amazon-apigateway-any-method' ? 'ANY' : k.toUpperCase()));
    const allowMethods =
      spec.AllowMethods ??
      `'${(methods.includes('ANY') ? ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'] : [...new Set([...methods, 'OPTIONS'])].sort()).join(',')}'`;
    const headers: Record<string, string> = {};
    const params: Record<string, string> = {};
    const add = (name: string, value: unknown) => {
      if (value === undefined) return;
      headers[name] = String(value);
      params[`method.response.header.${name}`] = String(value);
    };
    add('Access-Control-Allow-Methods', allowMethods);
    add('Access-Control-Allow-Headers', spec.AllowHeaders);
    add('Access-Control-Allow-Origin', spec.AllowOrigin);
    add('Access-Control-Max-Age', spec.MaxAge);
    if (spec.AllowCredentials === true) add('Access-Control-Allow-Credentials', "'true'");
    const swagger2 = typeof doc.swagger === 'string';
    item.options = {
      ...(swagger2 ? { consumes: ['application/json'], produces: ['application/json'] } : {}),
      summary: 'CORS support',
      responses: {
        '200': {
          description: 'Default response for CORS method',
          headers: Object.fromEntries(
            Object.keys(headers).map((h) => [h, swagger2 ? { type: 'string' } : { schema: { type: 'string' } }]),
          ),
        },
      },
      ...(security ? { security } : {}),
      'x-amazon-apigateway-integration': {
        type: 'mock',
        requestTemplates: { 'application/json': '{\n  "statusCode" : 200\n}\n' },
        responses: {
          default: { statusCode: '200', responseParameters: params, responseTemplates: { 'application/json': '{}\n' } },
        },
      },
    };
  }
}

/** SAM HTTP `CorsConfiguration` (true, or AllowOrigins/AllowHeaders/…) → `x-amazon-apigateway-cors` (camel-cased). */
export function httpCors(config: unknown): Json | undefined {
  if (config === true) return { allowOrigins: ['*'], allowHeaders: ['*'], allowMethods: ['*'] };
  if (!isObject(config)) return undefined;
  const out: Json = {};
  for (const [k, v] of Object.entries(config)) out[k.charAt(0).toLowerCase() + k.slice(1)] = v;
  return out;
}

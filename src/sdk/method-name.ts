/**
 * Method names for operations without an operationId (API Gateway's exports have none), named as API Gateway's own
 * JavaScript SDK names them: the resource path's segments camel-cased, path parameters' braces dropped, then the HTTP
 * method (`GET /items` → `itemsGet`, `GET /items/{id}` → `itemsIdGet`, `GET /` → `rootGet`). L: the generated
 * apigClient's README shows `apigClient.userGet` / `apigClient.userPost`; the `{id}` and `/` spellings follow the same
 * rule. Derived from the path and method alone, so a name does not change when other routes are added.
 */
export function apiGatewayMethodName(path: string, method: string): string {
  const words = path
    .split('/')
    .flatMap((segment) => segment.replace(/[{}+]/g, '').split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  const verb = method.toLowerCase() === 'x-amazon-apigateway-any-method' ? 'any' : method.toLowerCase();
  const parts = words.length ? [...words, verb] : ['root', verb];
  const name = parts
    .map((word, i) =>
      i === 0 ? word.charAt(0).toLowerCase() + word.slice(1) : word.charAt(0).toUpperCase() + word.slice(1),
    )
    .join('');
  // An identifier cannot start with a digit (`/2024/report`).
  return /^[0-9]/.test(name) ? `v${name}` : name;
}

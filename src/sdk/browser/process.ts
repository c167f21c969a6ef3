/**
 * The one `process` call swagger-typescript-api makes at run time (`process.cwd()`, its TypeScript host's directory),
 * for the Worker, which has no `process`. No `nextTick`: TypeScript must not take the page for Node.
 */
const scope = globalThis as { process?: unknown };
if (typeof scope.process === 'undefined') scope.process = { cwd: () => '/', env: {}, argv: [], browser: true };

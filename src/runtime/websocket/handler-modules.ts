/**
 * Packages a handler may import in the page's handler worker, which has no node_modules: a handler's module is a Blob
 * URL, so a bare specifier (`@aws-sdk/client-apigatewaymanagementapi`) cannot resolve. Each package here is a chunk the
 * bundler builds and loads only when a handler imports it; the handler's specifier is rewritten to a small module that
 * re-exports the loaded package from a global registry. Pages without a chat never fetch the chunk.
 */

/**
 * The environment as the handler sees it (`process.env`, which the handler worker sets per invocation). Read through
 * an alias of globalThis: a bundler's define turns `globalThis.process.env` itself into `{}` in browser builds.
 */
function env(): Record<string, string | undefined> {
  const scope: { process?: { env?: Record<string, string | undefined> } } = globalThis;
  return scope.process?.env ?? {};
}

type ClientClass = new (...args: any[]) => object;

/**
 * A client class whose defaults are those of the SDK on Lambda's Node.js runtime, which its browser build lacks: the
 * region from AWS_REGION, the credentials from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN (read when a
 * request is signed), the endpoint from the service's AWS_ENDPOINT_URL_<SERVICE> variable.
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
 */
function withLambdaDefaults<C extends ClientClass>(Base: C, endpointVariable: string): C {
  return class extends Base {
    constructor(...args: any[]) {
      const config = (args[0] ?? {}) as Record<string, unknown>;
      const endpoint = env()[endpointVariable];
      super({
        region: env()['AWS_REGION'],
        credentials: async () => ({
          accessKeyId: env()['AWS_ACCESS_KEY_ID'] ?? '',
          secretAccessKey: env()['AWS_SECRET_ACCESS_KEY'] ?? '',
          ...(env()['AWS_SESSION_TOKEN'] ? { sessionToken: env()['AWS_SESSION_TOKEN'] } : {}),
        }),
        ...(endpoint ? { endpoint } : {}),
        ...config,
      });
    }
  };
}

/** The packages handlers may import, each loaded lazily (the SDK's browser build: it calls `fetch`). */
export const HANDLER_PACKAGES: Record<string, () => Promise<Record<string, unknown>>> = {
  '@aws-sdk/client-apigatewaymanagementapi': async () => {
    const sdk = await import('@aws-sdk/client-apigatewaymanagementapi');
    const variable = 'AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI';
    return {
      ...sdk,
      ApiGatewayManagementApiClient: withLambdaDefaults(sdk.ApiGatewayManagementApiClient as ClientClass, variable),
      ApiGatewayManagementApi: withLambdaDefaults(sdk.ApiGatewayManagementApi as ClientClass, variable),
    };
  },
};

/** Where the loaded packages wait for their re-exporting modules. */
const REGISTRY = '__apigwLabHandlerPackages';

/** The re-exporting module of each package loaded so far (made once: its URL stays valid while the worker lives). */
const moduleUrls = new Map<string, string>();

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The specifier of `name` in static imports/exports (`from '…'`, `import '…'`) and `import('…')`. */
const specifierPattern = (name: string): RegExp =>
  new RegExp(`(\\bfrom\\s*|\\bimport\\s*\\(?\\s*)(['"])${escapeRegExp(name)}\\2`, 'g');

/** The packages of {@link HANDLER_PACKAGES} that `code` imports. */
export function handlerPackagesOf(code: string, packages = HANDLER_PACKAGES): string[] {
  return Object.keys(packages).filter((name) => specifierPattern(name).test(code));
}

/** A module re-exporting every export of the registered package `name` (names that are not identifiers skipped). */
export function reexportModuleOf(name: string, exports: readonly string[]): string {
  const access = `globalThis[${JSON.stringify(REGISTRY)}][${JSON.stringify(name)}]`;
  const lines = [`const m = ${access};`, 'export default m.default ?? m;'];
  for (const key of exports) {
    if (key === 'default' || !/^[A-Za-z_$][\w$]*$/.test(key)) continue;
    lines.push(`export const ${key} = m[${JSON.stringify(key)}];`);
  }
  return lines.join('\n');
}

/**
 * `code` with its imports of known packages pointed at re-exporting modules: each package is loaded (`load`), put in
 * the registry and given a module URL by `urlOf` (a Blob URL in the worker; a file in Node tests). Other code is
 * returned unchanged.
 */
export async function resolveHandlerPackages(
  code: string,
  urlOf: (moduleCode: string) => string | Promise<string>,
  packages = HANDLER_PACKAGES,
): Promise<string> {
  const names = handlerPackagesOf(code, packages);
  if (names.length === 0) return code;
  const registry = ((globalThis as Record<string, unknown>)[REGISTRY] ??= {}) as Record<string, unknown>;
  let out = code;
  for (const name of names) {
    let url = moduleUrls.get(name);
    if (url === undefined) {
      const mod = await packages[name]!();
      registry[name] = mod;
      url = await urlOf(reexportModuleOf(name, Object.keys(mod)));
      moduleUrls.set(name, url);
    }
    const target = url;
    out = out.replace(specifierPattern(name), (_m, lead: string, quote: string) => `${lead}${quote}${target}${quote}`);
  }
  return out;
}

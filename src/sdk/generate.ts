/**
 * A TypeScript client for an API, generated from its definition as API Gateway exports it (`exportApi`), with
 * swagger-typescript-api (fetch client: an `Api` class, one method per operation, and an `HttpClient` whose
 * `customFetch` option replaces `fetch`). Node only (the generator runs its own TypeScript 6 and a formatter); it is
 * imported lazily so that commands other than `sdk` do not load it.
 *
 * The output is deterministic: the same definition gives the same text (no dates, no random names). Method names:
 * an operation's operationId when it has one, else API Gateway's JavaScript SDK naming (method-name.ts); all methods
 * sit on the `Api` class itself, like `apigClient.itemsGet()`, rather than in per-path groups.
 */
import type { ParsedRoute, RawRouteInfo } from 'swagger-typescript-api';
import { apiGatewayMethodName } from './method-name.js';
import { withResolvedServer } from './server-url.js';

export interface GeneratedFile {
  name: string;
  content: string;
}

export interface GeneratedClient {
  files: GeneratedFile[];
}

/** The one file a client is generated as. */
export const CLIENT_FILE_NAME = 'api.ts';

/**
 * Generates the client (one file, `api.ts`). Throws the generator's error for a definition it cannot read. L: only
 * typescript; API Gateway's own get-sdk platforms are listed in languages.ts.
 */
export async function generateTypeScriptClient(exported: Record<string, unknown>): Promise<GeneratedClient> {
  const { generateApi } = await import('swagger-typescript-api');
  const spec = withResolvedServer(structuredClone(exported));
  const result = await generateApi({
    spec,
    fileName: CLIENT_FILE_NAME,
    output: false,
    httpClientType: 'fetch',
    silent: true,
    // Routes keep the definition's order; types are sorted, so the text depends on the definition alone.
    sortTypes: true,
    // API Gateway's exports of proxy integrations declare responses without a body schema: their data is `unknown`.
    defaultResponseType: 'unknown',
    hooks: {
      onFormatRouteName: (routeInfo: RawRouteInfo) =>
        routeInfo.operationId ? undefined : apiGatewayMethodName(routeInfo.route, routeInfo.method),
      // No per-path groups (`api.items.itemsGet`): every method on the Api class, as in API Gateway's own SDKs.
      onCreateRoute: (route: ParsedRoute) => ({ ...route, namespace: '' }),
    },
  });
  const files = result.files.map((file) => ({
    name: `${file.fileName}${file.fileExtension}`,
    content: file.fileContent.endsWith('\n') ? file.fileContent : `${file.fileContent}\n`,
  }));
  if (files.length === 0) throw new Error('the generator produced no file');
  return { files };
}

/**
 * The one pipeline a client is generated with, in Node (the CLI, the build) and in the page's Worker: the generator
 * module is passed in, so both run the same options on the same library and their output cannot drift. Pure.
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

/** swagger-typescript-api's `generateApi` (the Node package, or its browser bundle in the page's Worker). */
export type GenerateApi = (typeof import('swagger-typescript-api'))['generateApi'];

/** The one file a client is generated as. */
export const CLIENT_FILE_NAME = 'api.ts';

/**
 * Generates the client (one file, `api.ts`) with `generateApi`. Throws the generator's error for a definition it
 * cannot read. L: only typescript; API Gateway's own get-sdk platforms are listed in languages.ts.
 */
export async function generateClientWith(
  generateApi: GenerateApi,
  exported: Record<string, unknown>,
): Promise<GeneratedClient> {
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

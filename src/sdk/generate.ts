/**
 * A TypeScript client for an API, generated from its definition as API Gateway exports it (`exportApi`), with
 * swagger-typescript-api (fetch client: an `Api` class, one method per operation, and an `HttpClient` whose
 * `customFetch` option replaces `fetch`). The Node side (the CLI's `sdk`, the build-time <ClientSdk>): the generator
 * is imported lazily so that commands other than `sdk` do not load it. The pipeline itself is generate-core.ts, which
 * the page's Worker runs too (src/components/sdk-worker.ts).
 */
import { CLIENT_FILE_NAME, generateClientWith, type GeneratedClient, type GeneratedFile } from './generate-core.js';

export { CLIENT_FILE_NAME, type GeneratedClient, type GeneratedFile };

/** Generates the client (one file, `api.ts`). Throws the generator's error for a definition it cannot read. */
export async function generateTypeScriptClient(exported: Record<string, unknown>): Promise<GeneratedClient> {
  const { generateApi } = await import('swagger-typescript-api');
  return generateClientWith(generateApi, exported);
}

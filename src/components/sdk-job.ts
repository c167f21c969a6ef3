/**
 * One Generate, as the generator's Worker runs it (sdk-worker.ts), with its generator passed in so that Node tests run
 * the same steps on the browser bundle: parse the reader's definition, export it as the CLI does
 * (export-for-client.ts), load the generator, generate; every outcome is one reply (errors: one line).
 */
import { parseDefinition } from '../runtime/run-in-gateway.js';
import { exportForClient } from '../sdk/export-for-client.js';
import type { SdkGenerateRequest, SdkWorkerReply } from './sdk-protocol.js';

/** What the job needs of the generator's browser entry (src/sdk/browser/generator.ts). */
export interface ClientGenerator {
  generateClient(exported: Record<string, unknown>): Promise<{ files: Array<{ name: string; content: string }> }>;
}

/** The first line of an error's message. */
export const firstLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim() || 'unknown error';

export async function runGenerateJob(
  request: SdkGenerateRequest,
  loadGenerator: (onChunk: (loaded: number, total: number) => void) => Promise<ClientGenerator>,
  post: (reply: SdkWorkerReply) => void,
): Promise<void> {
  const { id } = request;
  let exported: Record<string, unknown>;
  let document: unknown;
  try {
    document = parseDefinition(request.definition);
    exported = exportForClient(document, request);
  } catch (error) {
    return post({ id, type: 'error', failure: 'definition', message: firstLine(error) });
  }
  const started = performance.now();
  let generator: ClientGenerator;
  try {
    generator = await loadGenerator((loaded, total) => post({ id, type: 'loading', loaded, total }));
  } catch (error) {
    return post({ id, type: 'error', failure: 'generator', message: `it could not load: ${firstLine(error)}` });
  }
  const loaded = performance.now();
  post({ id, type: 'generating' });
  try {
    const file = (await generator.generateClient(exported)).files[0]!;
    post({
      id,
      type: 'done',
      fileName: file.name,
      client: file.content,
      document: JSON.stringify(document),
      loadMs: Math.round(loaded - started),
      generateMs: Math.round(performance.now() - loaded),
    });
  } catch (error) {
    post({ id, type: 'error', failure: 'generator', message: firstLine(error) });
  }
}

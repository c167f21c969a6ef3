/**
 * The Worker that generates a client in the page: it exports the reader's definition as the CLI does
 * (export-for-client.ts), then runs swagger-typescript-api's browser bundle (src/sdk/browser) on it. The generator
 * and its formatter's wasm load on the first request (progress reported as bytes of the wasm), then stay.
 */
import wasmUrl from '@biomejs/wasm-nodejs/biome_wasm_bg.wasm?url';
import { parseDefinition } from '../runtime/run-in-gateway.js';
import { exportForClient } from '../sdk/export-for-client.js';
import type { SdkGenerateRequest, SdkWorkerReply } from './sdk-protocol.js';

type Generator = typeof import('../sdk/browser/generator.js');

const post = (reply: SdkWorkerReply): void => (self as unknown as Worker).postMessage(reply);

/** The first line of an error's message. */
const firstLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim() || 'unknown error';

/** The wasm's bytes, reporting each chunk received (total: Content-Length, 0 when the server does not say). */
async function fetchBytes(url: string, onChunk: (loaded: number, total: number) => void): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`${url}: HTTP ${response.status}`);
  const total = Number(response.headers.get('content-length') ?? 0);
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    onChunk(loaded, total);
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

let generator: Promise<Generator> | null = null;

/** The generator, loaded once (a failed load is tried again on the next request). */
function loadGenerator(onChunk: (loaded: number, total: number) => void): Promise<Generator> {
  generator ??= Promise.all([import('../sdk/browser/generator.js'), fetchBytes(wasmUrl, onChunk)]).then(
    ([module, bytes]) => {
      module.provideFormatterWasm(bytes);
      return module;
    },
  );
  generator.catch(() => (generator = null));
  return generator;
}

async function generate(request: SdkGenerateRequest): Promise<void> {
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
  let module: Generator;
  try {
    module = await loadGenerator((loaded, total) => post({ id, type: 'loading', loaded, total }));
  } catch (error) {
    return post({ id, type: 'error', failure: 'generator', message: `it could not load: ${firstLine(error)}` });
  }
  const loaded = performance.now();
  post({ id, type: 'generating' });
  try {
    const file = (await module.generateClient(exported)).files[0]!;
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

self.addEventListener('message', (event: MessageEvent<SdkGenerateRequest>) => void generate(event.data));

/**
 * The Worker that generates a client in the page (sdk-job.ts): swagger-typescript-api's browser bundle
 * (src/sdk/browser) and its formatter's wasm load on the first request, then stay. L: the progress counts the wasm's
 * bytes (9 MB of the 10.5 MB gzip); the generator's 4.2 MB chunk (1.2 MB gzip) loads alongside it, through import().
 */
import wasmUrl from '@biomejs/wasm-nodejs/biome_wasm_bg.wasm?url';
import { runGenerateJob } from './sdk-job.js';
import type { SdkGenerateRequest, SdkWorkerReply } from './sdk-protocol.js';

type Generator = typeof import('../sdk/browser/generator.js');

const post = (reply: SdkWorkerReply): void => (self as unknown as Worker).postMessage(reply);

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

self.addEventListener(
  'message',
  (event: MessageEvent<SdkGenerateRequest>) => void runGenerateJob(event.data, loadGenerator, post),
);

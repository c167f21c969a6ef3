/**
 * The page side of the generator's Worker (sdk-worker.ts): started on the first Generate, one request at a time.
 * Resolves with the generated client, or rejects with a GenerateError saying whether the definition or the generator
 * failed (one line).
 */
import type { SdkFailure, SdkGenerated, SdkGenerateRequest, SdkWorkerReply } from './sdk-protocol.js';

export class GenerateError extends Error {
  constructor(
    readonly failure: SdkFailure,
    message: string,
  ) {
    super(message);
    this.name = 'GenerateError';
  }
}

export type GenerateProgress = { type: 'loading'; loaded: number; total: number } | { type: 'generating' };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<
  number,
  { resolve: (g: SdkGenerated) => void; reject: (e: Error) => void; onProgress: (p: GenerateProgress) => void }
>();

function spawn(): Worker {
  if (worker) return worker;
  const created = new Worker(new URL('./sdk-worker.ts', import.meta.url), { type: 'module', name: 'apigw-sdk' });
  created.addEventListener('message', (event: MessageEvent<SdkWorkerReply>) => {
    const reply = event.data;
    const p = pending.get(reply.id);
    if (!p) return;
    if (reply.type === 'loading') return p.onProgress({ type: 'loading', loaded: reply.loaded, total: reply.total });
    if (reply.type === 'generating') return p.onProgress({ type: 'generating' });
    pending.delete(reply.id);
    if (reply.type === 'done') p.resolve(reply);
    else p.reject(new GenerateError(reply.failure, reply.message));
  });
  created.addEventListener('error', (event) => {
    event.preventDefault();
    worker?.terminate();
    worker = null;
    const all = [...pending.values()];
    pending.clear();
    for (const p of all)
      p.reject(new GenerateError('generator', `its worker failed: ${event.message || 'it could not start'}`));
  });
  worker = created;
  return created;
}

/** Generates the client of a definition in the Worker. */
export function generateInWorker(
  request: Omit<SdkGenerateRequest, 'id'>,
  onProgress: (progress: GenerateProgress) => void,
): Promise<SdkGenerated> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject, onProgress });
    spawn().postMessage({ ...request, id } satisfies SdkGenerateRequest);
  });
}

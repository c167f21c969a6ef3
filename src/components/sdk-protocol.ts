/** The messages between the page and the generator's Worker (sdk-worker.ts). */
import type { EndpointType } from '../emulator/index.js';

export interface SdkGenerateRequest {
  id: number;
  /** The reader's definition (OpenAPI, YAML or JSON). */
  definition: string;
  apiId: string;
  endpointType?: EndpointType | undefined;
  stage: string;
}

/** Why a Generate failed: the definition (it does not parse or import) or the generator (it failed or did not load). */
export type SdkFailure = 'definition' | 'generator';

export interface SdkGenerated {
  fileName: string;
  client: string;
  /** The definition as parsed, JSON: what the emulator serves when the new client runs. */
  document: string;
  /** Milliseconds: loading the generator (0 once loaded) and generating. */
  loadMs: number;
  generateMs: number;
}

export type SdkWorkerReply =
  | { id: number; type: 'loading'; loaded: number; total: number }
  | { id: number; type: 'generating' }
  | ({ id: number; type: 'done' } & SdkGenerated)
  | { id: number; type: 'error'; failure: SdkFailure; message: string };

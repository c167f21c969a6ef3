import { EmbeddedDynamoDb } from './dynamodb/index.js';
import type { EmbeddedServiceBackend, ServiceLinks } from './embedded-backend.js';
import { EmbeddedEventBridge } from './events/index.js';
import { EmbeddedKinesis } from './kinesis/index.js';
import { EmbeddedSqs } from './sqs/index.js';
import { EmbeddedStepFunctions } from './states/index.js';
import {
  ServicesFileError,
  type AwsServiceName,
  type AwsServices,
  type EmbeddedEnv,
  type ServiceRequest,
  type ServiceResponse,
  type ServicesFile,
  type ServicesState,
} from './types.js';

const FILE_KEYS = ['queues', 'streams', 'stateMachines', 'eventBuses', 'tables'] as const;

/**
 * The lab's in-memory SQS, Kinesis, Step Functions, EventBridge and DynamoDB behind one `AwsServices`: each wire
 * request goes to its service's backend; `apply` creates a services file's resources; `state` is what the panel shows.
 */
export class EmbeddedAwsServices implements AwsServices {
  readonly #backends: Map<AwsServiceName, EmbeddedServiceBackend>;

  constructor(env: EmbeddedEnv) {
    const full: Required<EmbeddedEnv> = {
      invoke: async () => ({
        kind: 'error',
        error: { errorMessage: 'No Lambda runner is configured', errorType: 'ResourceNotFoundException' },
        logs: [],
      }),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      uuid: () => crypto.randomUUID(),
      ...env,
    };
    const links: ServiceLinks = { call: (request) => this.call(request) };
    const backends = [EmbeddedSqs, EmbeddedKinesis, EmbeddedStepFunctions, EmbeddedEventBridge, EmbeddedDynamoDb].map(
      (Backend) => new Backend(full, links),
    );
    this.#backends = new Map(backends.map((backend) => [backend.service, backend]));
  }

  call(request: ServiceRequest): Promise<ServiceResponse> {
    return this.#backends.get(request.service)!.call(request);
  }

  /** Creates the resources a services file lists (throws ServicesFileError naming the field). */
  apply(file: ServicesFile): void {
    for (const backend of this.#backends.values()) backend.apply(file);
  }

  /** Every service's state (a copy). */
  state(): ServicesState {
    const state: ServicesState = { queues: [], streams: [], stateMachines: [], eventBuses: [], tables: [] };
    for (const backend of this.#backends.values()) backend.state(state);
    return state;
  }

  /** Resolves when no execution runs in the background, or after `timeoutMs`. */
  async whenIdle(timeoutMs = 5_000): Promise<void> {
    const idle = Promise.all([...this.#backends.values()].map((backend) => backend.whenIdle()));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([idle, timeout]);
    clearTimeout(timer);
  }
}

/**
 * Reads a services file (JSON text or an already parsed value): an object with only the known keys, each an array.
 * The services check their own entries when the file is applied. Throws ServicesFileError.
 */
export function parseServicesFile(input: string | unknown): ServicesFile {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new ServicesFileError(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ServicesFileError('must be a JSON object with queues, streams, stateMachines, eventBuses or tables');
  }
  for (const [key, entries] of Object.entries(value)) {
    if (!(FILE_KEYS as readonly string[]).includes(key)) {
      throw new ServicesFileError(`${key}: unknown key (expected one of ${FILE_KEYS.join(', ')})`);
    }
    if (!Array.isArray(entries)) throw new ServicesFileError(`${key}: must be an array`);
  }
  return value as ServicesFile;
}

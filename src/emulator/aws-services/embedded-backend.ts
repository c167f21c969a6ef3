import type {
  EmbeddedEnv,
  ServiceBackend,
  ServiceRequest,
  ServiceResponse,
  ServicesFile,
  ServicesState,
} from './types.js';

/** What an embedded service lends the others: EventBridge delivers to a queue or a state machine by a wire request. */
export interface ServiceLinks {
  call(request: ServiceRequest): Promise<ServiceResponse>;
}

/** An in-memory service: its wire API, the resources a services file creates, and its state for the panel. */
export interface EmbeddedServiceBackend extends ServiceBackend {
  /** Creates this service's resources from the file (throws ServicesFileError naming the field). */
  apply(file: ServicesFile): void;
  /** Writes this service's part of the state (a deep copy: the caller may keep it). */
  state(into: ServicesState): void;
  /** Resolves when nothing runs in the background (Step Functions executions); others resolve at once. */
  whenIdle(): Promise<void>;
}

/** How an embedded service is made (each service's index.ts exports one class of this shape). */
export type EmbeddedServiceClass = new (env: Required<EmbeddedEnv>, links: ServiceLinks) => EmbeddedServiceBackend;

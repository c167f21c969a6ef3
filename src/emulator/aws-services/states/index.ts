import type { EmbeddedServiceBackend, ServiceLinks } from '../embedded-backend.js';
import type { EmbeddedEnv, ServiceRequest, ServiceResponse, ServicesFile, ServicesState } from '../types.js';

/** The embedded Step Functions (in memory). SKELETON: to be replaced by its implementation. */
export class EmbeddedStepFunctions implements EmbeddedServiceBackend {
  readonly service = 'states' as const;
  constructor(
    readonly env: Required<EmbeddedEnv>,
    readonly links: ServiceLinks,
  ) {}
  async call(_request: ServiceRequest): Promise<ServiceResponse> {
    return {
      status: 400,
      headers: [['Content-Type', 'application/x-amz-json-1.0']],
      body: JSON.stringify({ __type: 'UnknownOperationException', message: 'not implemented yet' }),
    };
  }
  apply(_file: ServicesFile): void {}
  state(_into: ServicesState): void {}
  async whenIdle(): Promise<void> {}
}

/** The parts of a dedicated worker's global scope the workers use (tsconfig's lib is DOM, not WebWorker). */
export interface WorkerScope {
  readonly location: { readonly href: string };
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (event: PromiseRejectionEvent) => void): void;
}

export const workerScope = (): WorkerScope => self as unknown as WorkerScope;

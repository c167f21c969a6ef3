/**
 * The parts of a booted WebContainer the runtime uses. The real `WebContainer` fits; the tests put a
 * Node-backed stand-in in its place (the real one cannot boot without its host).
 */
import type { FileSystemTree } from '@webcontainer/api';

/** A process started in the container. */
export interface ContainerProcess {
  /** Everything the process prints (stdout and stderr, as a terminal shows it). */
  output: ReadableStream<string>;
  exit: Promise<number>;
  kill(): void;
}

/** A booted WebContainer, as far as the runtime needs it. */
export interface Container {
  mount(tree: FileSystemTree): Promise<void>;
  fs: { writeFile(path: string, data: string): Promise<void> };
  spawn(
    command: string,
    args: string[],
    options?: { env?: Record<string, string | number | boolean> },
  ): Promise<ContainerProcess>;
  on(event: 'port', listener: (port: number, type: 'open' | 'close', url: string) => void): () => void;
  teardown(): void;
}

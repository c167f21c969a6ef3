/**
 * Boots the page's one WebContainer, with a time limit: without its host (offline, blocked, a page
 * that is not cross-origin isolated) `WebContainer.boot()` may never settle, and the page must fall
 * back to the Worker quickly. A boot that outlives the limit is kept and reused by the next attempt
 * (only one WebContainer can be booted at a time).
 */
import type { WebContainer } from '@webcontainer/api';

/** The page's Cross-Origin-Embedder-Policy, which WebContainer.boot must be told. */
export type Coep = 'require-corp' | 'credentialless' | 'none';

let booting: Promise<WebContainer> | null = null;

/** Resolves with `promise`, or rejects with `message` after `ms` (the promise itself goes on). */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Boots (or reuses the boot in progress of) the page's WebContainer; rejects if it is not up within `timeoutMs`. */
export async function bootWebContainer(options: { timeoutMs: number; coep: Coep }): Promise<WebContainer> {
  if (typeof globalThis.crossOriginIsolated === 'boolean' && !globalThis.crossOriginIsolated) {
    throw new Error(
      'WebContainer needs a cross-origin isolated page (served with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: ' +
        `${options.coep === 'none' ? 'credentialless' : options.coep})`,
    );
  }
  if (!booting) {
    const { WebContainer } = await import('@webcontainer/api');
    booting = WebContainer.boot({ coep: options.coep, workdirName: 'apigw-lab' });
    booting.catch(() => {
      booting = null;
    });
  }
  return withTimeout(
    booting,
    options.timeoutMs,
    `WebContainer did not boot within ${options.timeoutMs} ms (its host may be unreachable)`,
  );
}

/** Tears the booted WebContainer down, so a later boot starts afresh. */
export function teardownWebContainer(container: WebContainer): void {
  booting = null;
  container.teardown();
}

import type { HeaderList } from '../../shared/headers.js';
import type { StageCacheSettings } from './settings.js';

/** A cached method response: what the client got, without the headers that belong to one request. */
export interface CachedResponse {
  status: number;
  headers: HeaderList;
  body: Uint8Array | null;
  /** Epoch ms after which the entry is stale. */
  expiresAt: number;
}

/** "The maximum size of a response that can be cached is 1048576 bytes." (api-gateway-caching.html) */
export const MAX_CACHED_BYTES = 1_048_576;

/** Each stage's cache settings and entries (the stage's cache cluster). */
export class StageCaches {
  readonly #settings = new Map<string, StageCacheSettings>();
  readonly #entries = new Map<string, Map<string, CachedResponse>>();

  /** Sets a stage's cache settings (settings.ts' readStageCache); a new cluster setting empties its cache. */
  configure(stage: string, settings: StageCacheSettings): void {
    const before = this.#settings.get(stage);
    this.#settings.set(stage, settings);
    // Changing the cache cluster (on, off, or its size) recreates it: "All existing cached data is deleted".
    if (!before || before.enabled !== settings.enabled || before.size !== settings.size) this.flush(stage);
  }

  /** The stage's settings; undefined for a stage without cache fields. */
  settings(stage: string): StageCacheSettings | undefined {
    return this.#settings.get(stage);
  }

  /** The fresh entry for `key` (a stale one is dropped). */
  get(stage: string, key: string, nowMs: number): CachedResponse | undefined {
    const entries = this.#entries.get(stage);
    const entry = entries?.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= nowMs) {
      entries!.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Stores a response (not one larger than MAX_CACHED_BYTES). */
  put(stage: string, key: string, entry: CachedResponse): void {
    if ((entry.body?.length ?? 0) > MAX_CACHED_BYTES) return;
    let entries = this.#entries.get(stage);
    if (!entries) this.#entries.set(stage, (entries = new Map()));
    entries.set(key, entry);
  }

  /** Drops one entry (a client's `Cache-Control: max-age=0`). */
  invalidate(stage: string, key: string): void {
    this.#entries.get(stage)?.delete(key);
  }

  /** FlushStageCache: drops every entry of the stage. */
  flush(stage: string): void {
    this.#entries.delete(stage);
  }

  /** How many entries the stage holds (fresh or not). */
  size(stage: string): number {
    return this.#entries.get(stage)?.size ?? 0;
  }
}

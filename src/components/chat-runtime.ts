/// <reference types="vite/client" />
/**
 * The chat's runtime (`src/runtime/websocket/index.ts`, its `createChatSandbox()`), imported on first use. Found by a
 * glob so the page's eager code never pulls it in, and so a build without it still builds: the chat then says so.
 */
import type { ChatSandbox } from './chat-types.js';

type Progress = { phase: string; loaded?: number; total?: number };
type RuntimeModule = { createChatSandbox(options?: { onProgress?: (p: Progress) => void }): Promise<ChatSandbox> };
const modules = import.meta.glob<RuntimeModule>('../runtime/websocket/index.ts');

let runtime: Promise<RuntimeModule> | null = null;

/** Starts fetching the runtime's module (near the viewport, or on first interaction); idempotent. */
export function preloadChatRuntime(): Promise<RuntimeModule> {
  const load = Object.values(modules)[0];
  if (!load) return Promise.reject(new Error('this build has no chat runtime (src/runtime/websocket/index.ts)'));
  runtime ??= load();
  // A failed import (offline) may succeed next time.
  runtime.catch(() => (runtime = null));
  return runtime;
}

/** A new chat sandbox of the in-page Worker runtime; `onProgress` hears Python's loading (the first Python deploy). */
export async function createChatSandbox(onProgress?: (p: Progress) => void): Promise<ChatSandbox> {
  return (await preloadChatRuntime()).createChatSandbox(onProgress ? { onProgress } : {});
}

/** `Loading Python (12.3 of 20.1 MB)…` from a runtime's progress report. */
export function progressText(p: Progress): string {
  const mb = (n: number) => (n / 1e6).toFixed(1);
  const amount = p.loaded !== undefined && p.total ? ` (${mb(p.loaded)} of ${mb(p.total)} MB)` : '';
  return `${p.phase}${amount}…`;
}

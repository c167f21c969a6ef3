/// <reference types="vite/client" />
/**
 * The chat's runtime (`src/runtime/websocket/index.ts`, its `createChatSandbox()`), imported on first use. Found by a
 * glob so the page's eager code never pulls it in, and so a build without it still builds: the chat then says so.
 */
import type { ChatSandbox } from './chat-types.js';

type RuntimeModule = { createChatSandbox(): Promise<ChatSandbox> };
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

/** A new chat sandbox of the in-page Worker runtime. */
export async function createChatSandbox(): Promise<ChatSandbox> {
  return (await preloadChatRuntime()).createChatSandbox();
}

/**
 * Test support for the chat sandbox: the chat worker and the handler worker bundled as the page's build bundles them
 * (browser conditions), run on Node worker threads (websocket-node-worker.mjs), driven through createChatSandbox, and
 * session.json replayed against it.
 */
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { createChatSandbox } from '../../src/runtime/websocket/index.js';
import type { ChatSandbox, ChatSandboxEvent, ChatSandboxInput } from '../../src/runtime/websocket/types.js';
// @ts-expect-error: plain JavaScript test support
import { nodeWebWorkerClass } from './websocket-node-worker.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const EXAMPLE_DIR = path.join(ROOT, 'examples/websocket-chat');
export const PYODIDE_BASE = `${path.join(ROOT, 'node_modules/pyodide')}/`;

/** Bundles the chat worker and the handler worker into a new folder of `.tmp/` (once per test file; returns it). */
export async function bundleWorkers(): Promise<string> {
  mkdirSync(path.join(ROOT, '.tmp/websocket-workers'), { recursive: true });
  const dir = mkdtempSync(path.join(ROOT, '.tmp/websocket-workers/bundle-'));
  await build({
    entryPoints: {
      'chat-worker': path.join(ROOT, 'src/runtime/websocket/chat-worker.ts'),
      'handler-worker': path.join(ROOT, 'src/runtime/worker/handler-worker.ts'),
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    logLevel: 'silent',
  });
  (globalThis as { Worker?: unknown }).Worker = nodeWebWorkerClass(dir);
  return dir;
}

/** The example's input in `language` (the documented handler), with changes. */
export function chatInput(language: 'python' | 'typescript', extra: Partial<ChatSandboxInput> = {}): ChatSandboxInput {
  const manifest = JSON.parse(readFileSync(path.join(EXAMPLE_DIR, 'example.json'), 'utf8')) as {
    stage: string;
    functions: Record<string, Record<string, { file: string; handler: string }>>;
  };
  const functions: ChatSandboxInput['functions'] = {};
  for (const [name, byLanguage] of Object.entries(manifest.functions)) {
    const fn = byLanguage[language]!;
    functions[name] = {
      file: fn.file,
      handler: fn.handler,
      source: readFileSync(path.join(EXAMPLE_DIR, fn.file), 'utf8'),
    };
  }
  return {
    definition: readFileSync(path.join(EXAMPLE_DIR, 'api.json'), 'utf8'),
    language,
    functions,
    stage: manifest.stage,
    ...extra,
  };
}

/** A chat sandbox with every event it sends recorded. */
export async function recordedSandbox(): Promise<{ sandbox: ChatSandbox; events: ChatSandboxEvent[] }> {
  const sandbox = await createChatSandbox({ pyodideBase: PYODIDE_BASE });
  const events: ChatSandboxEvent[] = [];
  sandbox.subscribe((e) => events.push(e));
  return { sandbox, events };
}

interface SessionStep {
  client: string;
  connect?: { query?: string; expectStatus?: number };
  send?: string;
  disconnect?: { code?: number; reason?: string };
  expect?: Array<{ client: string; data: string }>;
}

/** Replays session.json: each step's frames received are exactly its `expect` (order between clients aside). */
export async function replaySession(sandbox: ChatSandbox, events: ChatSandboxEvent[]): Promise<void> {
  const session = JSON.parse(readFileSync(path.join(EXAMPLE_DIR, 'session.json'), 'utf8')) as { steps: SessionStep[] };
  for (const [index, step] of session.steps.entries()) {
    const from = events.length;
    const label = `step ${index} (${step.client} ${step.connect ? 'connect' : step.send ? `send ${step.send}` : 'disconnect'})`;
    if (step.connect) {
      await sandbox.connect(step.client, step.connect.query !== undefined ? { query: step.connect.query } : {});
      const outcome = events
        .slice(from)
        .find((e) => (e.type === 'open' || e.type === 'refused') && e.client === step.client);
      if (step.connect.expectStatus !== undefined)
        expect(outcome, label).toMatchObject({ type: 'refused', status: step.connect.expectStatus });
      else expect(outcome?.type, label).toBe('open');
    } else if (step.send !== undefined) {
      await sandbox.send(step.client, step.send);
    } else if (step.disconnect) {
      await sandbox.disconnect(step.client, step.disconnect.code, step.disconnect.reason);
    }
    const received = events
      .slice(from)
      .filter(
        (e): e is Extract<ChatSandboxEvent, { type: 'frame' }> => e.type === 'frame' && e.direction === 'received',
      )
      .map((e) => ({ client: e.client, data: e.data }));
    const order = (a: { client: string; data: string }, b: { client: string; data: string }) =>
      `${a.client}\u0000${a.data}`.localeCompare(`${b.client}\u0000${b.data}`);
    expect(received.sort(order), label).toEqual([...(step.expect ?? [])].sort(order));
  }
}

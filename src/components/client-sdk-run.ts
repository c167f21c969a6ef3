/**
 * Runs the reader's usage code with the generated client in the page (loaded on the first "Run the client"): sucrase
 * strips the types of both, the result is imported as a module, and the client's `customFetch` sends every request to
 * the example's API in the in-page emulator (the sandboxes' runtime, one deployment per Run).
 * L: the usage code runs on the page's thread, like code typed into the console: a Run awaits it, and an endless loop
 * would hold the page (the emulator and the handler run in workers).
 */
import { runSandbox } from '../runtime/select-runtime.js';
import type { SandboxRun } from '../runtime/types.js';
import type { ClientSdkConfig } from './client-sdk-config.js';
import { createEmulatorFetch, type ClientExchange } from './client-sdk-fetch.js';
import { clientModule, compileClient } from './client-sdk-module.js';

/** Each client's compiled text, by its TypeScript (the documented one, then each generated one). */
const compiled = new Map<string, string>();

/** Compiles the client and the usage code into one module, and imports it. */
async function load(config: ClientSdkConfig, usage: string): Promise<(customFetch: typeof fetch) => Promise<unknown>> {
  let client = compiled.get(config.client);
  if (client === undefined) {
    client = compileClient(config.client, config.fileName);
    compiled.set(config.client, client);
  }
  const url = URL.createObjectURL(new Blob([clientModule(client, usage)], { type: 'text/javascript' }));
  try {
    const module = (await import(/* @vite-ignore */ url)) as { default: (f: typeof fetch) => Promise<unknown> };
    return module.default;
  } finally {
    URL.revokeObjectURL(url);
  }
}

let runs = 0;

/**
 * Runs the usage code; every request the client sends is reported to `onExchange` as it is answered. Resolves with
 * what the code returned; rejects with what it threw (a response the client threw for a status that is not ok).
 */
export async function runClient(
  config: ClientSdkConfig,
  usage: string,
  onExchange: (exchange: ClientExchange) => void,
): Promise<unknown> {
  const main = await load(config, usage);
  // One deployment per Run: the requests of one Run see each other's effects, a new Run starts afresh.
  const session = `client-sdk:${config.example}:${++runs}`;
  const customFetch = createEmulatorFetch({
    invokeUrl: config.run.invokeUrl,
    send: (request) => runSandbox({ ...config.run, request, session } as SandboxRun),
    onExchange,
  });
  return main(customFetch);
}

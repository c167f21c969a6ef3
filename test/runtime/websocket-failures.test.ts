/**
 * The chat sandbox when things go wrong, through the page's workers (websocket-harness.ts): a handler that throws or
 * never returns meets the integration and the gateway keeps serving; a short idle timeout closes a quiet client; a bad
 * definition or input is a one-line Error from deploy, and the chat deployed before keeps running.
 */
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatSandbox, ChatSandboxEvent } from '../../src/runtime/websocket/types.js';
import { bundleWorkers, chatInput, recordedSandbox } from './websocket-harness.js';

let open: ChatSandbox[] = [];
let bundles = '';
beforeAll(async () => {
  bundles = await bundleWorkers();
}, 120_000);
afterAll(() => rmSync(bundles, { recursive: true, force: true }));
afterEach(() => {
  for (const s of open) s.dispose();
  open = [];
});

async function sandbox(): Promise<{ chat: ChatSandbox; events: ChatSandboxEvent[] }> {
  const { sandbox: chat, events } = await recordedSandbox();
  open.push(chat);
  return { chat, events };
}

const HELP = /to talk to everyone else/;
const received = (events: ChatSandboxEvent[], client: string) =>
  events
    .filter((e) => e.type === 'frame' && e.direction === 'received' && e.client === client)
    .map((e) => (e as { data: string }).data);
const traces = (events: ChatSandboxEvent[]) =>
  events.filter((e): e is Extract<ChatSandboxEvent, { type: 'trace' }> => e.type === 'trace').map((e) => e.trace);

/** chat_handler.ts with `line` run first on the sendmessage route. */
function typescriptWith(line: string, definition?: (api: Record<string, unknown>) => void) {
  const input = chatInput('typescript');
  const fn = input.functions['chat_handler']!;
  const source = fn.source.replace(
    "if (routeKey === 'sendmessage') {",
    `if (routeKey === 'sendmessage') {\n    ${line}`,
  );
  expect(source).not.toBe(fn.source);
  let text = input.definition;
  if (definition) {
    const api = JSON.parse(text) as Record<string, unknown>;
    definition(api);
    text = JSON.stringify(api);
  }
  return { ...input, definition: text, functions: { chat_handler: { ...fn, source } } };
}

describe('a failing handler', () => {
  it('that throws: the MESSAGE trace carries its error, and the gateway serves the next message', async () => {
    const { chat, events } = await sandbox();
    await chat.deploy(typescriptWith("throw new Error('boom');"));
    await chat.connect('alice', { query: 'name=alice' });
    await chat.send('alice', JSON.stringify({ action: 'sendmessage', message: 'hi' }));
    const failed = traces(events).find((t) => t.kind === 'MESSAGE' && t.routeKey === 'sendmessage');
    expect(failed?.lambda?.error).toMatchObject({ errorType: 'Error', errorMessage: 'boom' });
    await chat.send('alice', JSON.stringify({ action: 'help' }));
    expect(received(events, 'alice').some((d) => HELP.test(d))).toBe(true);
  });

  it('that never returns: the integration timeout ends it, and the gateway serves the next message', async () => {
    const { chat, events } = await sandbox();
    const input = typescriptWith('await new Promise(() => undefined);', (api) => {
      for (const i of api['Integrations'] as Array<Record<string, unknown>>) i['TimeoutInMillis'] = 500;
    });
    await chat.deploy(input);
    await chat.connect('alice', { query: 'name=alice' });
    const started = Date.now();
    await chat.send('alice', JSON.stringify({ action: 'sendmessage', message: 'hi' }));
    expect(Date.now() - started).toBeLessThan(10_000);
    const timedOut = traces(events).find((t) => t.kind === 'MESSAGE' && t.routeKey === 'sendmessage');
    expect(timedOut?.lambda?.error ?? timedOut?.error).toBeTruthy();
    await chat.send('alice', JSON.stringify({ action: 'help' }));
    expect(received(events, 'alice').some((d) => HELP.test(d))).toBe(true);
  });
  it('in Python, looping forever: the timeout ends its worker, Pyodide is reloaded before the next message', async () => {
    const { chat, events } = await sandbox();
    const input = chatInput('python');
    const fn = input.functions['chat_handler']!;
    const source = fn.source.replace(
      '    if route_key == "sendmessage":',
      '    if route_key == "sendmessage":\n        while True:\n            pass',
    );
    expect(source).not.toBe(fn.source);
    const api = JSON.parse(input.definition) as { Integrations: Array<Record<string, unknown>> };
    for (const i of api.Integrations) i['TimeoutInMillis'] = 1000;
    await chat.deploy({ ...input, definition: JSON.stringify(api), functions: { chat_handler: { ...fn, source } } });
    await chat.connect('alice', { query: 'name=alice' });
    await chat.send('alice', JSON.stringify({ action: 'sendmessage', message: 'hi' }));
    const timedOut = traces(events).find((t) => t.kind === 'MESSAGE' && t.routeKey === 'sendmessage');
    expect(timedOut?.lambda?.error ?? timedOut?.error).toBeTruthy();
    // Served within its 1 s timeout although the handler worker had to load Pyodide again.
    await chat.send('alice', JSON.stringify({ action: 'help' }));
    expect(received(events, 'alice').some((d) => HELP.test(d))).toBe(true);
  }, 120_000);
});

describe('limits on request', () => {
  it('a 400 ms idle timeout closes a quiet client, with a CLOSE trace', async () => {
    const { chat, events } = await sandbox();
    await chat.deploy(chatInput('typescript', { limits: { idleTimeoutMs: 400 } }));
    await chat.connect('alice', { query: 'name=alice' });
    const deadline = Date.now() + 5000;
    while (!events.some((e) => e.type === 'close') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const close = events.find((e) => e.type === 'close');
    expect(close).toMatchObject({ type: 'close', client: 'alice' });
    expect(traces(events).some((t) => t.kind === 'CLOSE')).toBe(true);
    await expect(chat.send('alice', '{}')).rejects.toThrow('alice is not connected');
  });
});

describe('bad input', () => {
  it.each([
    ['a definition that is not JSON or YAML', { definition: '{"Api": ' }, /^definition: not JSON/],
    [
      'a definition without Routes',
      {
        definition:
          '{"Api": {"Name": "x", "ProtocolType": "WEBSOCKET", "RouteSelectionExpression": "$request.body.action"}}',
      },
      /^definition: /,
    ],
    [
      'a function the definition names but the input lacks',
      { functions: {} },
      /^definition: function "chat_handler" is not among/,
    ],
    [
      'a Python file for TypeScript',
      { functions: { chat_handler: { source: '', file: 'chat_handler.py', handler: 'handler' } } },
      /^functions\.chat_handler\.file: /,
    ],
    ['a negative idle timeout', { limits: { idleTimeoutMs: -1 } }, /^limits\.idleTimeoutMs: /],
  ])('%s: one line, and the chat deployed before keeps serving', async (_name, change, message) => {
    const { chat, events } = await sandbox();
    await chat.deploy(chatInput('typescript'));
    await chat.connect('alice', { query: 'name=alice' });
    const error = await chat.deploy({ ...chatInput('typescript'), ...change }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain('\n');
    await chat.send('alice', JSON.stringify({ action: 'help' }));
    expect(received(events, 'alice').some((d) => HELP.test(d))).toBe(true);
  });
});

/**
 * The whisper exercise (examples/exercise-whisper) can fail and can pass: its checks, replayed by the page's chat
 * runtime (the chat worker and handler workers bundled as the page bundles them, on Node worker threads), fail with
 * the starter code (the websocket-chat example's handler) and pass with the solution, in TypeScript and in Python.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chatSummaryOf,
  definitionWithRoutes,
  runChatChecks,
  type ChatExercise,
} from '../../src/components/chat-exercise.js';
import type { ChatSandbox } from '../../src/components/chat-types.js';
import { createChatSandbox } from '../../src/runtime/websocket/index.js';
import { bundleWorkers, chatInput, PYODIDE_BASE } from '../runtime/websocket-harness.js';

const DIR = path.resolve(import.meta.dirname, '../../examples/exercise-whisper');
const exercise = JSON.parse(readFileSync(path.join(DIR, 'exercise.json'), 'utf8')) as ChatExercise;

let sandbox: ChatSandbox;
beforeAll(async () => {
  await bundleWorkers();
  sandbox = await createChatSandbox({ pyodideBase: PYODIDE_BASE });
}, 120_000);
afterAll(() => sandbox?.dispose());

/** Runs every check with `source` as the chat's function in `language`, each on a fresh deployment. */
async function check(language: 'python' | 'typescript', source: string) {
  const input = chatInput(language);
  const [name, fn] = Object.entries(input.functions)[0]!;
  const deployed = {
    ...input,
    definition: definitionWithRoutes(input.definition, exercise.addRoutes),
    functions: { [name]: { ...fn, source } },
  };
  return runChatChecks(exercise.checks, async () => {
    await sandbox.deploy(deployed);
    return sandbox;
  });
}

it('is a chat-handler exercise on websocket-chat with a solution in both languages and several checks', () => {
  expect(exercise.edit).toBe('chatHandler');
  expect(exercise.example).toBe('websocket-chat');
  expect(Object.keys(exercise.solution).sort()).toEqual(['python', 'typescript']);
  expect(exercise.checks.length).toBeGreaterThan(2);
});

describe.each(['typescript', 'python'] as const)('in %s', (language) => {
  it('the starter code (the chat handler) fails: nobody hears the whisper', async () => {
    const starter = chatInput(language);
    const results = await check(language, Object.values(starter.functions)[0]!.source);
    expect(results.find((r) => r.title === "bob, and only bob, hears alice's whisper")).toMatchObject({ pass: false });
    expect(results.find((r) => r.title === 'sendmessage still reaches everyone else')).toMatchObject({ pass: true });
    expect(chatSummaryOf(results)).not.toMatch(/^All/);
  }, 120_000);

  it('the solution passes every check', async () => {
    const solution = readFileSync(path.join(DIR, exercise.solution[language]), 'utf8');
    const results = await check(language, solution);
    expect(results.filter((r) => !r.pass)).toEqual([]);
  }, 120_000);
});

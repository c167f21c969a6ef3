/**
 * A chat exercise (`examples/<name>/exercise.json` with `edit: "chatHandler"`): the reader edits the chat example's
 * handler; Check deploys their code afresh for each check and replays the check's conversation (chat-steps.ts), and a
 * check passes when every client received exactly the frames it expects.
 */
import type { Language } from '../examples/types.js';
import { runSession, type ChatStep } from './chat-steps.js';
import type { ChatSandbox } from './chat-types.js';

export interface ChatExerciseCheck {
  title: string;
  steps: ChatStep[];
}

export interface ChatExercise {
  id: string;
  title: string;
  edit: 'chatHandler';
  /** The chat example whose definition and handler (the starter code) the exercise starts from. */
  example: string;
  /** Routes the exercise's API has beyond the example's: a new route key, sent to the integration of route `like`. */
  addRoutes?: Array<{ RouteKey: string; like: string }>;
  task: string;
  hint: string;
  solution: Record<Language, string>;
  checks: ChatExerciseCheck[];
}

export interface ChatCheckResult {
  title: string;
  pass: boolean;
  /** What went wrong, one line each (empty when it passed). */
  problems: string[];
}

type Route = { RouteKey: string; RouteId?: string; Target?: string; [k: string]: unknown };

/** The definition (api.json text) with the exercise's extra routes, each a copy of the route it is `like`. */
export function definitionWithRoutes(definition: string, routes: ChatExercise['addRoutes'] = []): string {
  const doc = JSON.parse(definition) as { Routes?: Route[] };
  const existing = doc.Routes ?? [];
  for (const { RouteKey, like } of routes) {
    if (existing.some((r) => r.RouteKey === RouteKey)) continue;
    const model = existing.find((r) => r.RouteKey === like);
    if (!model) throw new Error(`addRoutes: the definition has no route "${like}" to copy for "${RouteKey}"`);
    const { RouteId: _id, ...rest } = model;
    existing.push({ ...rest, RouteId: `${RouteKey.replace(/\W/g, '')}01`, RouteKey });
  }
  return JSON.stringify({ ...doc, Routes: existing }, null, 2);
}

/** Runs each check on a fresh deployment (`fresh`) and says how each went; a failing run is that check's failure. */
export async function runChatChecks(
  checks: readonly ChatExerciseCheck[],
  fresh: () => Promise<ChatSandbox>,
  settleMs?: number,
): Promise<ChatCheckResult[]> {
  const results: ChatCheckResult[] = [];
  for (const check of checks) {
    try {
      const sandbox = await fresh();
      const problems = await runSession(sandbox, check.steps, settleMs);
      results.push({ title: check.title, pass: problems.length === 0, problems });
    } catch (error) {
      results.push({
        title: check.title,
        pass: false,
        problems: [error instanceof Error ? error.message : String(error)],
      });
    }
  }
  return results;
}

/** `2 of 3 checks pass`, or `All 3 checks pass`. */
export function chatSummaryOf(results: readonly ChatCheckResult[]): string {
  const passed = results.filter((r) => r.pass).length;
  return passed === results.length ? `All ${results.length} checks pass` : `${passed} of ${results.length} checks pass`;
}

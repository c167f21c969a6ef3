/**
 * A conversation between the chat's clients, step by step (`examples/websocket-chat/session.json`, and the whisper
 * exercise's checks): each step connects, sends or disconnects one client, and says every frame any client must
 * receive because of it. Runs the steps through a `ChatSandbox` and compares what each client received.
 */
import type { ChatSandbox, ChatSandboxEvent } from './chat-types.js';

/** A frame a step expects: its exact text (`data`), or a JSON object whose fields it must hold (`json`). */
export interface ExpectedFrame {
  client: string;
  data?: string;
  json?: Record<string, unknown>;
}

export interface ChatStep {
  client: string;
  connect?: { query?: string; headers?: Array<[string, string]>; expectStatus?: number };
  send?: string;
  disconnect?: { code?: number; reason?: string };
  /** Every frame any client receives because of this step (none when absent), in any order between clients. */
  expect?: ExpectedFrame[];
}

export interface ChatSession {
  clients: string[];
  steps: ChatStep[];
}

/** What one step did: the frames clients received, and a refused connect's status. */
export interface StepOutcome {
  received: Array<{ client: string; data: string }>;
  refusedStatus?: number;
}

/** How long a step waits after its action for frames still on their way (posted from the handler's worker). */
export const SETTLE_MS = 60;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs one step and collects what the clients received meanwhile. */
export async function runStep(sandbox: ChatSandbox, step: ChatStep, settleMs = SETTLE_MS): Promise<StepOutcome> {
  const outcome: StepOutcome = { received: [] };
  const stop = sandbox.subscribe((e: ChatSandboxEvent) => {
    if (e.type === 'frame' && e.direction === 'received') outcome.received.push({ client: e.client, data: e.data });
    if (e.type === 'refused' && e.client === step.client) outcome.refusedStatus = e.status;
  });
  try {
    if (step.connect) {
      const { expectStatus: _status, ...options } = step.connect;
      await sandbox.connect(step.client, options);
    } else if (step.send !== undefined) {
      await sandbox.send(step.client, step.send);
    } else if (step.disconnect) {
      await sandbox.disconnect(step.client, step.disconnect.code, step.disconnect.reason);
    } else {
      throw new Error(`step of ${step.client}: needs connect, send or disconnect`);
    }
    await sleep(settleMs);
  } finally {
    stop();
  }
  return outcome;
}

/** Whether `actual` (a frame's text) matches an expected frame. */
export function frameMatches(expected: ExpectedFrame, data: string): boolean {
  if (expected.data !== undefined) return expected.data === data;
  if (!expected.json) return true;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return false;
  }
  return holds(parsed, expected.json);
}

/** Whether `value` holds every field of `subset` (deeply, arrays exactly). */
function holds(value: unknown, subset: unknown): boolean {
  if (subset === null || typeof subset !== 'object' || Array.isArray(subset)) {
    return JSON.stringify(value) === JSON.stringify(subset);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries(subset).every(([k, v]) => holds((value as Record<string, unknown>)[k], v));
}

/** What a step got wrong, one line each: frames missing, frames nobody expected, a wrong connect status. */
export function stepMismatches(step: ChatStep, outcome: StepOutcome): string[] {
  const problems: string[] = [];
  const expectedStatus = step.connect?.expectStatus;
  if (expectedStatus !== undefined && outcome.refusedStatus !== expectedStatus) {
    problems.push(
      `${step.client}'s connect: expected status ${expectedStatus}, got ${outcome.refusedStatus ?? 'an open connection'}`,
    );
  } else if (step.connect && expectedStatus === undefined && outcome.refusedStatus !== undefined) {
    problems.push(`${step.client}'s connect was refused with status ${outcome.refusedStatus}`);
  }
  const left = [...outcome.received];
  for (const expected of step.expect ?? []) {
    const i = left.findIndex((r) => r.client === expected.client && frameMatches(expected, r.data));
    if (i >= 0) left.splice(i, 1);
    else problems.push(`${expected.client} did not receive ${expected.data ?? JSON.stringify(expected.json)}`);
  }
  for (const extra of left) problems.push(`${extra.client} received ${extra.data}, which no one expected`);
  return problems;
}

/** A step in a line: `bob sends {"action":…}`. */
export function stepText(step: ChatStep): string {
  if (step.connect) return `${step.client} connects${step.connect.query ? ` with ?${step.connect.query}` : ''}`;
  if (step.send !== undefined) return `${step.client} sends ${step.send}`;
  return `${step.client} disconnects`;
}

/** Runs every step in order; the mismatches of each step, prefixed with the step. */
export async function runSession(
  sandbox: ChatSandbox,
  steps: readonly ChatStep[],
  settleMs = SETTLE_MS,
): Promise<string[]> {
  const problems: string[] = [];
  for (const step of steps) {
    const outcome = await runStep(sandbox, step, settleMs);
    for (const p of stepMismatches(step, outcome)) problems.push(`${stepText(step)}: ${p}`);
  }
  return problems;
}

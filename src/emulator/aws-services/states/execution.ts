/** One execution of a state machine as the service keeps it: status, input/output, and its history events. */
import type { ExecutionEventView, ExecutionView } from '../types.js';

/** A history event: the panel's view plus what GetExecutionHistory's details need. */
export interface HistoryEvent extends ExecutionEventView {
  previousEventId: number;
  /** Task / Lambda events: `arn:aws:lambda:…` or `invoke`. */
  resource?: string;
  /** Task events: `lambda`. */
  resourceType?: string;
  /** TaskScheduled: the Parameters as JSON text. */
  parameters?: string;
  timeoutInSeconds?: number;
}

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionView['status'];
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startMs: number;
  stopMs?: number;
  events: HistoryEvent[];
  /** Aborted by StopExecution. */
  stop: AbortController;
  /** Settles when the run ends (never rejects). */
  done: Promise<void>;
}

/** Appends an event, numbering it and linking it to the one before. */
export function addEvent(
  execution: ExecutionRecord,
  now: number,
  event: Omit<HistoryEvent, 'id' | 'previousEventId' | 'timestampMs'>,
): HistoryEvent {
  const last = execution.events[execution.events.length - 1];
  const full: HistoryEvent = {
    id: execution.events.length + 1,
    previousEventId: last?.id ?? 0,
    timestampMs: now,
    ...event,
  };
  execution.events.push(full);
  return full;
}

/** The panel's copy of an execution. */
export function executionView(execution: ExecutionRecord): ExecutionView {
  return {
    executionArn: execution.executionArn,
    name: execution.name,
    status: execution.status,
    input: execution.input,
    ...(execution.output !== undefined ? { output: execution.output } : {}),
    ...(execution.error !== undefined ? { error: execution.error } : {}),
    ...(execution.cause !== undefined ? { cause: execution.cause } : {}),
    startMs: execution.startMs,
    ...(execution.stopMs !== undefined ? { stopMs: execution.stopMs } : {}),
    events: execution.events.map((e) => {
      const view: ExecutionEventView = { id: e.id, type: e.type, timestampMs: e.timestampMs };
      if (e.stateName !== undefined) view.stateName = e.stateName;
      if (e.input !== undefined) view.input = e.input;
      if (e.output !== undefined) view.output = e.output;
      if (e.error !== undefined) view.error = e.error;
      if (e.cause !== undefined) view.cause = e.cause;
      return view;
    }),
  };
}

/**
 * The Traffic panel (issue #12), imported on its first Start: fires the sandbox's request at its gateway at the
 * reader's rate for the reader's duration (the sandbox's session: the stage's throttle buckets and cache act across
 * the requests, and across Runs), records each request's trace (MetricsRecorder) and shows, live, the charts
 * (traffic-charts.ts, uPlot, imported here on first use), the same numbers as a table, and each request's access log
 * line (the stage's `accessLogSettings.format`, else the console's CLF preset) and execution log lines (INFO), as
 * API Gateway writes them.
 */
import {
  ACCESS_LOG_PRESETS,
  HTTP_API_ACCESS_LOG_PRESETS,
  MetricsRecorder,
  executionLogLines,
  formatAccessLog,
} from '../emulator/observability/index.js';
import type { GatewayTrace } from '../emulator/shared/trace.js';
import type { RunOutcome, SandboxRun } from '../runtime/types.js';
import { TRAFFIC_LIMITS } from './traffic-limits.js';
import {
  TRAFFIC_COLUMNS,
  trafficSeriesOf,
  trafficTableRows,
  trafficTotalsOf,
  type TrafficTotals,
} from './traffic-table.js';

/** What the panel needs from its sandbox. */
export interface TrafficHost {
  /** The `<section data-traffic>` (its controls rendered by Sandbox.astro). */
  section: HTMLElement;
  /** The sandbox's current run, with its session, asking for traces. */
  run(): Promise<SandboxRun>;
  /** Serves one request of the run (the page's runtime). */
  send(run: SandboxRun): Promise<RunOutcome>;
  /** A run that could not be built or served (a bad stage config…): the sandbox shows it. */
  failed(error: unknown): void;
}

export interface TrafficPanel {
  /** Starts a traffic run with the rate and duration the inputs hold (nothing if one is running). */
  start(): Promise<void>;
  /** Stops sending (requests already sent still count). */
  stop(): void;
  /** The last run's totals (e2e and tests). */
  readonly totals: TrafficTotals | null;
}

/** Which runtime's gateway answered, as the status line names it. */
const RUNTIME_NAMES: Record<RunOutcome['runtime'], string> = {
  worker: 'in-page emulator (Web Worker)',
  webcontainer: 'emulator in the WebContainer',
};

/** Redraws at most this often while requests arrive. */
const REDRAW_MS = 200;

type Charts = import('./traffic-charts.js').TrafficCharts;
let chartsModule: Promise<typeof import('./traffic-charts.js')> | null = null;
const loadCharts = () => {
  chartsModule ??= import('./traffic-charts.js');
  chartsModule.catch(() => (chartsModule = null));
  return chartsModule;
};

/** The access log format of a run: its stage config's `accessLogSettings.format`, else the console's CLF preset. */
export function accessLogFormatOf(run: Pick<SandboxRun, 'stageConfig' | 'apiType'>): { format: string; from: string } {
  try {
    const format = (JSON.parse(run.stageConfig ?? '{}') as { accessLogSettings?: { format?: unknown } })
      .accessLogSettings?.format;
    if (typeof format === 'string' && format) return { format, from: "the stage's accessLogSettings.format" };
  } catch {
    // A stage config that is not JSON: the run reports it.
  }
  const presets = run.apiType === 'HTTP' ? HTTP_API_ACCESS_LOG_PRESETS : ACCESS_LOG_PRESETS;
  return { format: presets.clf, from: "the console's CLF preset" };
}

const clampInt = (value: string, min: number, max: number, fallback: number) => {
  const n = Math.round(Number(value));
  return Number.isFinite(n) && value.trim() !== '' ? Math.min(max, Math.max(min, n)) : fallback;
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}) {
  return Object.assign(document.createElement(tag), props);
}

/** A scrollable, labelled log box. */
function logBox(title: string, hint: HTMLElement | null): { box: HTMLElement; pre: HTMLPreElement } {
  const box = el('div', { className: 'sb-traffic-log' });
  const heading = el('h5', { className: 'sb-panel-subtitle', textContent: title });
  const pre = el('pre', { className: 'apigw-pre', tabIndex: 0 });
  pre.setAttribute('role', 'group');
  pre.setAttribute('aria-label', title);
  box.append(heading, ...(hint ? [hint] : []), pre);
  return { box, pre };
}

export function attachTraffic(host: TrafficHost): TrafficPanel {
  const { section } = host;
  const q = <T extends HTMLElement>(selector: string) => section.querySelector<T>(selector)!;
  const rateInput = q<HTMLInputElement>('[data-traffic-rate]');
  const durationInput = q<HTMLInputElement>('[data-traffic-duration]');
  const startButton = q<HTMLButtonElement>('[data-traffic-start]');
  const stopButton = q<HTMLButtonElement>('[data-traffic-stop]');
  const status = q<HTMLElement>('[data-traffic-status]');
  const out = q<HTMLElement>('[data-traffic-out]');

  let running = false;
  let stopped = false;
  let charts: Charts | null = null;
  let totals: TrafficTotals | null = null;

  const setRunning = (on: boolean) => {
    running = on;
    section.dataset.trafficState = on ? 'running' : 'done';
    startButton.disabled = on;
    stopButton.disabled = !on;
  };

  async function start(): Promise<void> {
    if (running) return;
    const rate = clampInt(rateInput.value, 1, TRAFFIC_LIMITS.rate, 10);
    const duration = clampInt(durationInput.value, 1, TRAFFIC_LIMITS.duration, 5);
    rateInput.value = String(rate);
    durationInput.value = String(duration);
    const total = rate * duration;
    setRunning(true);
    stopped = false;
    let run: SandboxRun;
    let chartsApi: typeof import('./traffic-charts.js');
    try {
      [run, chartsApi] = await Promise.all([host.run(), loadCharts()]);
    } catch (error) {
      status.textContent = `Could not start: ${error instanceof Error ? error.message : String(error)}`;
      host.failed(error);
      setRunning(false);
      return;
    }
    const { format, from } = accessLogFormatOf(run);

    // The output, made afresh for each run: charts, table, logs.
    charts?.destroy();
    const chartBox = el('div', { className: 'sb-traffic-charts' });
    const tableWrap = el('div', { className: 'sb-traffic-table-wrap', tabIndex: 0 });
    tableWrap.setAttribute('role', 'region');
    tableWrap.setAttribute('aria-label', 'The charts’ numbers, per second');
    const table = el('table', { className: 'sb-traffic-table' });
    table.createCaption().textContent = 'Traffic per second (the charts’ numbers)';
    const headRow = table.createTHead().insertRow();
    for (const name of TRAFFIC_COLUMNS) headRow.append(el('th', { scope: 'col', textContent: name }));
    const body = table.createTBody();
    tableWrap.append(table);
    const formatHint = el('p', { className: 'sb-hint' });
    formatHint.append(`Format: ${from} `, el('code', { textContent: format }));
    const access = logBox('Access log', formatHint);
    // What the stage writes with logging on at INFO (a stage config's loggingLevel OFF writes none; the panel shows it).
    const executionHint = el('p', {
      className: 'sb-hint',
      textContent:
        'What API Gateway writes to CloudWatch Logs for each request with the method’s loggingLevel at INFO.',
    });
    const execution = logBox('Execution log (INFO)', executionHint);
    out.replaceChildren(chartBox, tableWrap, access.box, execution.box);
    out.hidden = false;
    charts = chartsApi.createTrafficCharts(chartBox);

    const recorder = new MetricsRecorder({ retentionSeconds: TRAFFIC_LIMITS.duration + 120 });
    const latencies: number[] = [];
    let done = 0;
    let sent = 0;
    let failure: unknown = null;
    let runtime: RunOutcome['runtime'] | null = null;
    let pendingAccess: string[] = [];
    let pendingExecution: string[] = [];
    let redrawTimer: ReturnType<typeof setTimeout> | null = null;

    const redraw = () => {
      redrawTimer = null;
      const series = trafficSeriesOf(recorder.perSecond());
      totals = trafficTotalsOf(series, latencies, done);
      charts?.update(series);
      const rows = trafficTableRows(series, totals);
      body.replaceChildren(
        ...rows.map((cells) => {
          const tr = el('tr');
          cells.forEach((text, i) => tr.append(el(i === 0 ? 'th' : 'td', { textContent: text })));
          (tr.firstElementChild as HTMLTableCellElement).scope = 'row';
          return tr;
        }),
      );
      if (pendingAccess.length) access.pre.append(`${pendingAccess.join('\n')}\n`);
      if (pendingExecution.length) execution.pre.append(`${pendingExecution.join('\n')}\n`);
      pendingAccess = [];
      pendingExecution = [];
      const where = runtime ? ` by the ${RUNTIME_NAMES[runtime]}` : '';
      status.textContent = `${running ? 'Sending' : stopped ? 'Stopped' : 'Done'}: ${done} of ${sent} sent answered${where} (${rate} requests/s for ${duration} s), ${totals.throttled} throttled (429).`;
    };
    const scheduleRedraw = () => (redrawTimer ??= setTimeout(redraw, REDRAW_MS));

    const record = (trace: GatewayTrace) => {
      recorder.record(trace);
      latencies.push(trace.timings.totalMs);
      pendingAccess.push(formatAccessLog(format, trace));
      pendingExecution.push(...executionLogLines(trace, 'INFO'));
      done++;
      scheduleRedraw();
    };

    const inFlight = new Set<Promise<void>>();
    const fire = () => {
      sent++;
      const p = host.send(run).then(
        (outcome) => {
          runtime = outcome.runtime;
          if (outcome.trace) record(outcome.trace);
        },
        (error: unknown) => {
          // The run is refused (a bad stage config…): every request would be; stop.
          failure ??= error;
          stopped = true;
        },
      );
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    };

    status.textContent = `Sending ${total} requests (${rate} per second for ${duration} s)…`;
    const interval = 1000 / rate;
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      const tick = () => {
        if (stopped) return resolve();
        const elapsed = performance.now() - t0;
        while (sent < total && sent * interval <= elapsed) fire();
        if (sent >= total) return resolve();
        setTimeout(tick, Math.max(0, Math.min(50, sent * interval - elapsed)));
      };
      tick();
    });
    await Promise.allSettled([...inFlight]);
    setRunning(false);
    if (redrawTimer) clearTimeout(redrawTimer);
    redraw();
    if (failure) {
      status.textContent = `Stopped: ${failure instanceof Error ? failure.message : String(failure)}`;
      host.failed(failure);
    }
    section.dataset.trafficState = 'done';
  }

  return {
    start,
    stop() {
      stopped = true;
    },
    get totals() {
      return totals;
    },
  };
}

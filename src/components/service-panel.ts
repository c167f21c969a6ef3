/**
 * The service panel of a sandbox (issue #14), imported after the first run that reached an AWS service (or had a
 * services file): the integration's call (service-render.ts) and the embedded services' state after the run, with a
 * Consume button per queue (SQS ReceiveMessage, then DeleteMessage with each receipt handle, through the sandbox's
 * session: `SandboxRun.serviceCalls`). Pages without service examples never load it.
 */
import type { ServiceRequest, ServiceResponse, ServicesState } from '../emulator/aws-services/types.js';
import type { RunOutcome } from '../runtime/types.js';
import servicesCss from './services.css?inline';
import { consumedHtml, receivedMessagesOf, serviceCallHtml, servicesStateHtml, sqsCall } from './service-render.js';

/** What the panel needs from its sandbox. */
export interface ServicesHost {
  /**
   * The sandbox, holding a `<section data-services>` (Sandbox.astro: `[data-service-call]` in `[data-service-call-box]`,
   * `[data-services-state]` in `[data-services-state-box]`, `[data-services-status]`), or none: the panel makes one
   * (a run that reached a service without a services file).
   */
  element: HTMLElement;
  /** Sends wire calls to the sandbox's session's services (a run with `serviceCalls`). */
  call(calls: ServiceRequest[]): Promise<RunOutcome>;
  /** A call that could not be made: the sandbox shows it. */
  failed(error: unknown): void;
}

export interface ServicesPanel {
  /** Shows a run's service call and the services' state after it. */
  render(outcome: RunOutcome): void;
  /** Receives (up to 10) and deletes the messages of the queue at `queueUrl`; resolves once the panel shows it. */
  consume(queueUrl: string): Promise<void>;
  /** The last state shown (e2e and tests). */
  readonly state: ServicesState | null;
}

/** Puts the panel's styles in the document, once. */
function addStyles(): void {
  if (document.querySelector('style[data-apigw-services]')) return;
  const style = document.createElement('style');
  style.dataset.apigwServices = '';
  style.textContent = servicesCss;
  document.head.append(style);
}

/** The sandbox's service panel section, made when Sandbox.astro rendered none. */
function sectionOf(element: HTMLElement): HTMLElement {
  const existing = element.querySelector<HTMLElement>('[data-services]');
  if (existing) return existing;
  const section = document.createElement('section');
  section.className = 'sb-services';
  section.dataset.services = '';
  section.setAttribute('aria-label', 'AWS services');
  section.innerHTML =
    '<h4 class="sb-panel-title">AWS services</h4><p class="sb-hint" role="status" aria-live="polite" data-services-status></p><div data-service-call-box hidden><h5 class="sb-panel-subtitle">The call to the service</h5><div data-service-call></div></div><div data-services-state-box hidden><h5 class="sb-panel-subtitle">The services\' state</h5><div data-services-state></div></div>';
  element.append(section);
  return section;
}

export function attachServices(host: ServicesHost): ServicesPanel {
  addStyles();
  const section = sectionOf(host.element);
  const callBox = section.querySelector<HTMLElement>('[data-service-call]')!;
  const stateBox = section.querySelector<HTMLElement>('[data-services-state]')!;
  const callWrap = section.querySelector<HTMLElement>('[data-service-call-box]')!;
  const stateWrap = section.querySelector<HTMLElement>('[data-services-state-box]')!;
  const status = section.querySelector<HTMLElement>('[data-services-status]')!;
  let state: ServicesState | null = null;
  /** What the last Consume of each queue showed, kept across re-renders of the state. */
  const consumed = new Map<string, string>();

  const showState = (next: ServicesState) => {
    state = next;
    stateBox.innerHTML = servicesStateHtml(next);
    stateWrap.hidden = false;
    for (const [url, html] of consumed) {
      const box = [...stateBox.querySelectorAll<HTMLElement>('[data-consumed]')].find(
        (b) => b.dataset.consumed === url,
      );
      if (box) box.innerHTML = html;
    }
    section.dataset.servicesState = 'shown';
  };

  async function consume(queueUrl: string): Promise<void> {
    const name = queueUrl.slice(queueUrl.lastIndexOf('/') + 1);
    const buttons = [...section.querySelectorAll<HTMLButtonElement>('[data-consume]')];
    for (const b of buttons) b.disabled = true;
    status.textContent = `Consuming ${name}…`;
    try {
      const receive = await host.call([sqsCall('ReceiveMessage', queueUrl, { MaxNumberOfMessages: 10 })]);
      const received = receive.serviceResponses?.[0];
      if (!received) throw new Error('the runtime answered no ReceiveMessage');
      const handles = receivedMessagesOf(received).flatMap((m) => (m.ReceiptHandle ? [m.ReceiptHandle] : []));
      const deletes = handles.length
        ? await host.call(handles.map((h) => sqsCall('DeleteMessage', queueUrl, { ReceiptHandle: h })))
        : null;
      const deleted: ServiceResponse[] = deletes?.serviceResponses ?? [];
      consumed.set(queueUrl, consumedHtml(name, received, deleted));
      const after = (deletes ?? receive).services;
      if (after) showState(after);
      const n = handles.length;
      status.textContent =
        n === 0
          ? `Consumed ${name}: no messages to receive.`
          : `Consumed ${name}: received ${n} message${n === 1 ? '' : 's'} and deleted ${deleted.filter((d) => d.status === 200).length}.`;
    } catch (error) {
      status.textContent = `Consume failed: ${error instanceof Error ? error.message : String(error)}`;
      host.failed(error);
    } finally {
      for (const b of section.querySelectorAll<HTMLButtonElement>('[data-consume]')) b.disabled = false;
    }
  }

  stateBox.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('[data-consume]');
    if (button?.dataset.consume) void consume(button.dataset.consume);
  });

  return {
    render(outcome) {
      callBox.innerHTML = outcome.service
        ? serviceCallHtml(outcome.service)
        : '<p class="sb-hint">This run called no AWS service (the gateway answered before the integration, or the integration is not an AWS service).</p>';
      callWrap.hidden = false;
      if (outcome.services) showState(outcome.services);
      const running = outcome.services?.stateMachines.some((m) => m.executions.some((e) => e.status === 'RUNNING'));
      status.textContent = running
        ? 'State after the run (an execution is still running: Run again to see it later).'
        : 'State after the run.';
    },
    consume,
    get state() {
      return state;
    },
  };
}

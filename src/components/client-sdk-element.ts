/**
 * <apigw-client-sdk>: the page side of <ClientSdk>. The reader's usage code is kept in localStorage (Reset brings the
 * original back); "Run the client" loads the runner (sucrase and the in-page emulator, client-sdk-run.ts) and lists each
 * request the generated client sends with the emulator's response, then what the code returned.
 * CodeMirror replaces the textarea on first focus.
 *
 * Contract (e2e): data-status="running"|"done"|"error"; the list "Requests the client sent"; the region "What the code returned".
 */
import { USAGE_LABEL, type ClientSdkConfig } from './client-sdk-config.js';
import type { ClientExchange } from './client-sdk-fetch.js';
import { codeArea, type CodeArea } from './code-area.js';

/** localStorage, or null where the page may not use it. */
function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** A body as shown: JSON indented when it parses, else as sent. */
function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** A value the code returned or threw, as text (a Response the client threw: its status and parsed error body). */
function describe(value: unknown): string {
  if (value instanceof Response) {
    const error = (value as Response & { error?: unknown }).error;
    return (
      `HTTP ${value.status} ${value.statusText}`.trimEnd() +
      (error === undefined ? '' : `\n${JSON.stringify(error, null, 2)}`)
    );
  }
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (value === undefined) return 'undefined (the code returned nothing)';
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

class ClientSdkElement extends HTMLElement {
  #config!: ClientSdkConfig;
  #usage!: CodeArea;

  connectedCallback(): void {
    if (this.#usage) return;
    const data = this.querySelector<HTMLScriptElement>('script[data-config]');
    if (!data) return;
    this.#config = JSON.parse(data.textContent ?? '{}') as ClientSdkConfig;
    const textarea = this.querySelector<HTMLTextAreaElement>('textarea[data-usage]')!;
    const saved = storage()?.getItem(this.#key());
    if (saved !== null && saved !== undefined) textarea.value = saved;
    this.#usage = codeArea(textarea, {
      language: () => 'typescript',
      label: () => USAGE_LABEL,
      onChange: () => this.#save(),
    });
    this.querySelector('[data-action="run"]')!.addEventListener('click', () => void this.#run());
    this.querySelector('[data-action="reset"]')!.addEventListener('click', () => this.#reset());
  }

  #key(): string {
    return `apigw-lab:client-sdk:${this.#config.example}`;
  }

  #code(): string {
    return this.#usage.value();
  }

  #save(): void {
    storage()?.setItem(this.#key(), this.#code());
  }

  #reset(): void {
    storage()?.removeItem(this.#key());
    this.#usage.set(this.#config.usage);
  }

  async #run(): Promise<void> {
    const button = this.querySelector<HTMLButtonElement>('[data-action="run"]')!;
    const status = this.querySelector<HTMLElement>('[data-run-status]')!;
    const list = this.querySelector<HTMLOListElement>('[data-exchanges]')!;
    const returned = this.querySelector<HTMLElement>('[data-returned]')!;
    const returnedPre = returned.querySelector('pre')!;
    const returnedTitle = returned.querySelector('[data-returned-title]')!;
    this.#save();
    this.dataset.status = 'running';
    button.disabled = true;
    list.replaceChildren();
    list.hidden = true;
    returned.hidden = true;
    status.textContent = 'Compiling the client and your code, then running it against the in-page emulator…';
    try {
      const { runClient } = await import('./client-sdk-run.js');
      const value = await runClient(this.#config, this.#code(), (exchange) => {
        list.append(exchangeItem(exchange));
        list.hidden = false;
      });
      returnedTitle.textContent = 'What the code returned';
      returnedPre.textContent = describe(value);
      returned.hidden = false;
      const n = list.children.length;
      status.textContent = `The client sent ${n} request${n === 1 ? '' : 's'}.`;
      this.dataset.status = 'done';
    } catch (error) {
      returnedTitle.textContent = 'What the code threw';
      returnedPre.textContent = describe(error);
      returned.hidden = false;
      status.textContent = 'The code stopped with an error (below).';
      this.dataset.status = 'error';
    } finally {
      button.disabled = false;
    }
  }
}

/** A small visible title over a body. */
function caption(text: string): HTMLElement {
  const p = document.createElement('p');
  p.className = 'apigw-client-sdk-caption';
  p.textContent = text;
  return p;
}

/** One request the client sent and the emulator's response: `GET …/items → 200 OK`, then the body. */
function exchangeItem(exchange: ClientExchange): HTMLLIElement {
  const li = document.createElement('li');
  const line = document.createElement('p');
  const request = document.createElement('code');
  request.textContent = `${exchange.method} ${exchange.url}`;
  const status = document.createElement('strong');
  status.textContent = `${exchange.status} ${exchange.statusText}`.trimEnd();
  status.className = exchange.status < 400 ? 'apigw-client-ok' : 'apigw-client-error';
  line.append(request, ' → ', status);
  li.append(line);
  if (exchange.request.body !== null) {
    li.append(caption('Request body'));
    const sent = document.createElement('pre');
    sent.className = 'apigw-pre';
    sent.dataset.part = 'request-body';
    sent.setAttribute('role', 'group');
    sent.tabIndex = 0;
    sent.setAttribute('aria-label', 'Request body');
    sent.textContent = pretty(exchange.request.body);
    li.append(sent);
  }
  li.append(caption('Response body'));
  const body = document.createElement('pre');
  body.className = 'apigw-pre';
  body.dataset.part = 'response-body';
  body.setAttribute('role', 'group');
  body.tabIndex = 0;
  body.setAttribute('aria-label', 'Response body');
  body.textContent = exchange.body === '' ? '(empty body)' : pretty(exchange.body);
  li.append(body);
  return li;
}

if (!customElements.get('apigw-client-sdk')) customElements.define('apigw-client-sdk', ClientSdkElement);

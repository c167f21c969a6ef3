/**
 * <apigw-client-sdk>: the page side of <ClientSdk>. The reader's usage code is kept in localStorage (Reset brings the
 * original back); "Run the client" loads the runner (sucrase and the in-page emulator, client-sdk-run.ts) and lists each
 * request the generated client sends with the emulator's response, then what the code returned.
 * CodeMirror replaces the textarea on first focus. The definition panel (client-sdk-definition.ts) generates a new
 * client from the reader's definition: it replaces the shown client, and Run then runs it against the emulator
 * serving that definition; Reset of the definition brings the build-time client back.
 *
 * Contract (e2e): data-status="running"|"done"|"error"; the list "Requests the client sent"; the region "What the code
 * returned"; data-generate (client-sdk-definition.ts).
 */
import { methodNames, USAGE_LABEL, type ClientSdkConfig } from './client-sdk-config.js';
import { DefinitionPanel } from './client-sdk-definition.js';
import type { ClientExchange } from './client-sdk-fetch.js';
import { codeArea, type CodeArea } from './code-area.js';
import type { SdkGenerated } from './sdk-protocol.js';

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
  /** The build-time config (the documented definition's client), for Reset. */
  #documented!: ClientSdkConfig;
  /** The build-time client's rendering (Expressive Code), for Reset. */
  #documentedSource: Node[] = [];
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
    this.#documented = structuredClone(this.#config);
    const panel = this.querySelector<HTMLElement>('[data-definition-panel]');
    if (panel) {
      new DefinitionPanel({
        root: panel,
        config: this.#config,
        onGenerated: (generated) => this.#useClient(generated),
        onReset: () => this.#useDocumentedClient(),
        setState: (state) => (this.dataset.generate = state),
      });
      // The panel needs the page's script: without it, the build-time client is all there is.
      panel.hidden = false;
    }
  }

  /** The client generated from the reader's definition, shown and used by Run (against that definition). */
  #useClient(generated: SdkGenerated): void {
    this.#config = {
      ...this.#config,
      fileName: generated.fileName,
      client: generated.client,
      run: { ...this.#config.run, definition: generated.document },
    };
    const details = this.querySelector<HTMLDetailsElement>('.apigw-client-sdk-source')!;
    const summary = details.querySelector('summary')!;
    if (this.#documentedSource.length === 0)
      this.#documentedSource = [...details.childNodes].filter((node) => node !== summary);
    const pre = document.createElement('pre');
    pre.className = 'apigw-pre apigw-client-sdk-generated';
    pre.tabIndex = 0;
    pre.setAttribute('role', 'group');
    pre.setAttribute('aria-label', `${generated.fileName}, generated in this page`);
    const code = document.createElement('code');
    code.textContent = generated.client;
    pre.append(code);
    details.replaceChildren(summary, pre);
    // The new client is what the reader asked for: shown open.
    details.open = true;
    this.#showClientFacts(generated.fileName, generated.client);
  }

  /** Back to the build-time client and the documented definition. */
  #useDocumentedClient(): void {
    this.#config = { ...this.#documented, run: { ...this.#documented.run } };
    if (this.#documentedSource.length === 0) return;
    const details = this.querySelector<HTMLDetailsElement>('.apigw-client-sdk-source')!;
    details.replaceChildren(details.querySelector('summary')!, ...this.#documentedSource);
    this.#documentedSource = [];
    this.#showClientFacts(this.#config.fileName, this.#config.client);
  }

  /** The summary's line count and the list of methods, for the client shown. */
  #showClientFacts(fileName: string, client: string): void {
    const summary = this.querySelector('.apigw-client-sdk-source summary')!;
    summary.textContent = `The generated client: ${fileName} (${client.split('\n').length - 1} lines)`;
    const list = this.querySelector<HTMLElement>('[data-methods]');
    if (!list) return;
    const names = methodNames(client);
    list.replaceChildren(
      ...names.flatMap((name, i) => {
        const code = document.createElement('code');
        code.textContent = name;
        return i < names.length - 1 ? [code, ', '] : [code];
      }),
    );
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

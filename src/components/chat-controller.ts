/**
 * The chat sandbox's controller (loaded by chat-element.ts on first use): three clients connect, send and disconnect
 * through the in-page gateway (the chat runtime, `createChatSandbox()`), each client's frames are listed, each Lambda
 * invocation (route key, event, result, logs) too, and the sequence diagram is redrawn from the events. The handler
 * (Python or TypeScript) and api.json are edited in CodeMirror (loaded on first focus), kept in localStorage; a changed
 * handler, definition, language or limit is deployed afresh on the next Connect.
 */
import type { Language } from '../examples/types.js';
import { arrowsOf, arrowText, diagramSvg } from './chat-diagram.js';
import { CHAT_LANGUAGES, chatCodeLabel, chatFunctionInput, chatStorageKey, type ChatConfig } from './chat-config.js';
import { createChatSandbox, preloadChatRuntime, progressText } from './chat-runtime.js';
import { codeArea, preloadEditor, type CodeArea } from './code-area.js';
import {
  SHORT_LIMITS,
  type ChatSandbox,
  type ChatSandboxEvent,
  type ChatSandboxInput,
  type ChatTrace,
} from './chat-types.js';

type Pane = 'handler' | 'definition';

const RUNS_IN = 'Runs in: in-page Worker (the emulator in a Web Worker)';

/** At most this many arrows are drawn (the oldest go first). */
const MAX_ARROWS = 300;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const json = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2));

export class ChatController {
  /** Every event of the chat since the page loaded (e2e contract). */
  readonly events: ChatSandboxEvent[] = [];
  readonly #el: HTMLElement;
  readonly #config: ChatConfig;
  #language: Language;
  #sandbox: Promise<ChatSandbox> | null = null;
  #deployedKey = '';
  #queue: Promise<unknown> = Promise.resolve();
  readonly #areas: Record<Pane, CodeArea>;
  #drawPending = false;

  constructor(el: HTMLElement) {
    this.#el = el;
    this.#config = JSON.parse(el.querySelector('script[data-config]')!.textContent ?? '{}') as ChatConfig;
    // The language the page was rendered in: the handler text area holds that language's code.
    this.#language = (el.dataset.language as Language | undefined) ?? 'python';
    this.#areas = { handler: this.#codeArea('handler'), definition: this.#codeArea('definition') };
    // The reader's kept edits, unless they already typed into the plain text area.
    const code = this.#textarea('handler');
    const saved = storage()?.getItem(chatStorageKey(this.#config.example, this.#language));
    if (saved != null && code.value === code.defaultValue) code.value = saved;
    const def = this.#textarea('definition');
    const savedDef = storage()?.getItem(chatStorageKey(this.#config.example, 'definition'));
    if (savedDef != null && def.value === def.defaultValue) def.value = savedDef;
    this.#syncLanguage();
    // A language picked before this controller loaded: its change event arrives next and would find the language
    // already set, leaving the other language's code in the text area (and deploying it); switch here instead.
    const checked = el.querySelector<HTMLInputElement>('input[data-language]:checked');
    if (checked && checked.value !== this.#language) this.#switchLanguage(checked.value as Language);
    preloadChatRuntime().catch((error: unknown) => this.#status(`Not available: ${(error as Error).message}`));
  }

  /** Resolves once every action asked for so far is done and its frames had time to arrive (e2e). */
  async idle(settleMs = 100): Promise<void> {
    await this.#queue;
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    await this.#queue;
  }

  /** One interaction inside the chat, handed over by the element. */
  handle(event: Event): void {
    const target = event.target as HTMLElement;
    if (event.type === 'click') {
      const button = target.closest<HTMLButtonElement>('button[data-action], button[data-tab]');
      if (!button || button.disabled) return;
      if (button.dataset.tab) return this.#selectTab(button.dataset.tab as Pane);
      const client = button.closest<HTMLElement>('[data-client]')?.dataset.client ?? '';
      const action = button.dataset.action!;
      if (action === 'connect') this.#run(() => this.#connect(client));
      else if (action === 'disconnect') this.#run(() => this.#disconnect(client));
      else if (action === 'send') this.#run(() => this.#send(client));
      else if (action === 'reset') this.#reset();
      else if (action === 'clear') this.#clear();
      else if (action === 'download-sam') this.#downloadSam();
    } else if (event.type === 'change' && target instanceof HTMLInputElement) {
      if (target.dataset.language !== undefined && target.checked) this.#switchLanguage(target.value as Language);
      if (target.dataset.shortLimits !== undefined)
        this.#note(
          target.checked
            ? 'Short timeouts (idle 20 s, duration 60 s) apply from the next Connect.'
            : "AWS's timeouts (idle 10 min, duration 2 h) apply from the next Connect.",
        );
    } else if (event.type === 'input' && target instanceof HTMLTextAreaElement) {
      this.#save(target.dataset.pane as Pane);
    } else if (event.type === 'focusin' && target instanceof HTMLTextAreaElement && target.dataset.pane) {
      void this.#areas[target.dataset.pane as Pane].upgrade();
    } else if (event.type === 'pointerover' && target instanceof HTMLTextAreaElement) {
      preloadEditor();
    } else if (event.type === 'keydown') {
      const key = (event as KeyboardEvent).key;
      if (key === 'Enter' && target instanceof HTMLInputElement && target.dataset.message !== undefined) {
        event.preventDefault();
        const client = target.closest<HTMLElement>('[data-client]')!.dataset.client!;
        this.#run(() => this.#send(client));
      } else if ((key === 'ArrowLeft' || key === 'ArrowRight') && target.dataset.tab) {
        const next: Pane = target.dataset.tab === 'handler' ? 'definition' : 'handler';
        this.#selectTab(next);
        this.#el.querySelector<HTMLElement>(`[data-tab="${next}"]`)!.focus();
      }
    }
  }

  /** The reader's files now, for "Download SAM project" (sam-download.ts): the handler in the shown language. */
  samProject(): import('./sam-download.js').SamProjectFiles {
    const code = this.#config.languages[this.#language];
    return {
      example: this.#config.example,
      title: this.#config.title,
      definition: this.#value('definition'),
      definitionFile: this.#config.definitionFile,
      apiType: 'WEBSOCKET',
      stage: { name: this.#config.stage, variables: {} },
      functions: [
        {
          name: this.#config.functionName,
          fileName: code.file.split('/').pop()!,
          source: this.#value('handler'),
          exportName: code.handler,
        },
      ],
    };
  }

  /** Loads the exporter on the first click (as the sandbox's button does) and downloads the zip. */
  #downloadSam(): void {
    const status = this.#el.querySelector('[data-sam-status]')!;
    import('./sam-download.js').then(
      (m) => (status.textContent = m.downloadSamProject(this.samProject())),
      () => (status.textContent = 'Could not load the exporter; check the connection and try again'),
    );
  }

  // ---- the runtime

  #run(action: () => Promise<void>): void {
    this.#queue = this.#queue.then(async () => {
      this.#el.dataset.status = 'busy';
      this.#error('');
      try {
        await action();
        this.#el.dataset.status = 'idle';
      } catch (error) {
        this.#el.dataset.status = 'error';
        this.#error(error instanceof Error ? error.message : String(error));
      }
    });
  }

  #sandboxReady(): Promise<ChatSandbox> {
    if (!this.#sandbox) {
      this.#status('Starting the in-page Worker…');
      this.#sandbox = createChatSandbox((p) => this.#status(`Runs in: in-page Worker. ${progressText(p)}`)).then(
        (sandbox) => {
          sandbox.subscribe((e) => this.#onEvent(e));
          this.#el.dataset.runtime = sandbox.runtime;
          this.#status(RUNS_IN);
          return sandbox;
        },
      );
      this.#sandbox.catch((error: unknown) => {
        this.#sandbox = null;
        this.#status(`Could not start: ${(error as Error).message}`);
      });
    }
    return this.#sandbox;
  }

  /** What a deployment of the current edits needs. */
  #input(): ChatSandboxInput {
    const code = this.#config.languages[this.#language];
    const short = this.#el.querySelector<HTMLInputElement>('input[data-short-limits]')?.checked;
    return {
      definition: this.#value('definition'),
      language: this.#language,
      functions: { [this.#config.functionName]: chatFunctionInput(code, this.#value('handler')) },
      stage: this.#config.stage,
      ...(short ? { limits: { ...SHORT_LIMITS } } : {}),
    };
  }

  /** The sandbox with the current edits deployed (afresh, closing every client, when they changed). */
  async #deployed(): Promise<ChatSandbox> {
    const sandbox = await this.#sandboxReady();
    const input = this.#input();
    const key = JSON.stringify(input);
    if (key !== this.#deployedKey) {
      const wasDeployed = this.#deployedKey !== '';
      this.#deployedKey = '';
      await sandbox.deploy(input);
      this.#deployedKey = key;
      this.#status(RUNS_IN);
      for (const client of this.#config.clients) this.#clientState(client, 'disconnected');
      if (wasDeployed) this.#note('Your changes are deployed: a fresh deployment, every client disconnected.');
    }
    return sandbox;
  }

  async #connect(client: string): Promise<void> {
    const sandbox = await this.#deployed();
    const query = this.#clientEl(client).querySelector<HTMLInputElement>('input[data-query]')!.value.replace(/^\?/, '');
    this.#clientState(client, 'connecting');
    await sandbox.connect(client, query ? { query } : {});
  }

  async #disconnect(client: string): Promise<void> {
    const sandbox = await this.#sandboxReady();
    await sandbox.disconnect(client, 1000, 'Bye');
  }

  async #send(client: string): Promise<void> {
    const sandbox = await this.#sandboxReady();
    const data = this.#clientEl(client).querySelector<HTMLInputElement>('input[data-message]')!.value;
    await sandbox.send(client, data);
  }

  // ---- what the chat shows

  #onEvent(e: ChatSandboxEvent): void {
    this.events.push(e);
    if (e.type === 'open') this.#clientState(e.client, `connected (${e.connectionId})`, true);
    if (e.type === 'refused') {
      this.#clientState(e.client, `refused: ${e.status}`);
      this.#frame(e.client, 'refused', `${e.status} ${e.body}`);
    }
    if (e.type === 'close') {
      this.#clientState(e.client, `closed: ${e.code}${e.reason ? ` ${e.reason}` : ''}`);
      this.#frame(e.client, 'closed', `${e.code} ${e.reason}`);
    }
    if (e.type === 'frame') this.#frame(e.client, e.direction, e.data);
    if (e.type === 'trace') this.#invocation(e.trace, e.client);
    this.#scheduleDraw();
  }

  #clientEl(client: string): HTMLElement {
    const el = this.#el.querySelector<HTMLElement>(`[data-client="${CSS.escape(client)}"]`);
    if (!el) throw new Error(`no client "${client}" in this chat`);
    return el;
  }

  #clientState(client: string, text: string, open = false): void {
    const el = this.#clientEl(client);
    el.querySelector('[data-state]')!.textContent = text;
    el.dataset.open = String(open);
    el.querySelector<HTMLButtonElement>('[data-action="connect"]')!.disabled = open;
    el.querySelector<HTMLButtonElement>('[data-action="disconnect"]')!.disabled = !open;
    el.querySelector<HTMLButtonElement>('[data-action="send"]')!.disabled = !open;
  }

  #frame(client: string, direction: string, data: string): void {
    const list = this.#clientEl(client).querySelector<HTMLOListElement>('[data-frames]')!;
    const li = document.createElement('li');
    li.dataset.direction = direction;
    const dir = document.createElement('span');
    dir.className = 'chat-dir';
    dir.textContent = direction;
    const code = document.createElement('code');
    code.textContent = data;
    li.append(dir, ' ', code);
    list.append(li);
    list.hidden = false;
    list.scrollTop = list.scrollHeight;
  }

  #invocation(trace: ChatTrace, client: string | undefined): void {
    const calls = [
      ...(trace.authorizer
        ? [
            {
              title: `authorizer ${trace.authorizer.functionName}: ${trace.authorizer.decision}`,
              call: trace.authorizer,
            },
          ]
        : []),
      ...(trace.lambda
        ? [{ title: `${trace.routeKey ?? trace.kind}: ${resultText(trace.lambda)}`, call: trace.lambda }]
        : []),
    ];
    if (calls.length === 0) return;
    const list = this.#el.querySelector<HTMLOListElement>('[data-invocations]')!;
    for (const { title, call } of calls) {
      const li = document.createElement('li');
      const details = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = `${title} (${client ?? trace.connectionId}, ${Math.round(trace.durationMs)} ms)`;
      details.append(summary);
      const add = (label: string, text: string) => {
        if (!text) return;
        const h = document.createElement('p');
        h.className = 'chat-inv-label';
        h.textContent = label;
        const pre = document.createElement('pre');
        pre.className = 'apigw-pre';
        pre.tabIndex = 0;
        pre.setAttribute('aria-label', `${label} of ${title}`);
        pre.textContent = text;
        details.append(h, pre);
      };
      add('Event', json(call.event));
      add(call.error !== undefined ? 'Error' : 'Result', json(call.error ?? call.result));
      add('Logs', call.logs.join('\n'));
      li.append(details);
      list.append(li);
    }
    list.hidden = false;
    this.#el.querySelector<HTMLElement>('[data-invocations-empty]')!.hidden = true;
  }

  #scheduleDraw(): void {
    if (this.#drawPending) return;
    this.#drawPending = true;
    requestAnimationFrame(() => {
      this.#drawPending = false;
      const arrows = arrowsOf(this.events).slice(-MAX_ARROWS);
      const box = this.#el.querySelector<HTMLElement>('[data-diagram]')!;
      box.innerHTML = diagramSvg(arrows, this.#config.clients);
      box.setAttribute(
        'aria-label',
        `Sequence diagram: ${arrows.length} arrows between the clients, API Gateway and Lambda, newest at the bottom; the list after it says the same`,
      );
      box.scrollTop = box.scrollHeight;
      const list = this.#el.querySelector<HTMLOListElement>('[data-diagram-list]')!;
      list.replaceChildren(
        ...arrows.map((a) => {
          const li = document.createElement('li');
          li.textContent = arrowText(a);
          return li;
        }),
      );
    });
  }

  #clear(): void {
    this.events.length = 0;
    for (const list of this.#el.querySelectorAll<HTMLOListElement>('[data-frames], [data-invocations]'))
      list.replaceChildren();
    this.#el.querySelector<HTMLElement>('[data-invocations-empty]')!.hidden = false;
    this.#scheduleDraw();
  }

  #status(text: string): void {
    this.#el.querySelector('[data-runtime-status]')!.textContent = text;
  }

  #error(text: string): void {
    const el = this.#el.querySelector<HTMLElement>('[data-error]')!;
    el.textContent = text;
    el.hidden = text === '';
  }

  #note(text: string): void {
    this.#el.querySelector('[data-note]')!.textContent = text;
  }

  // ---- the editors

  #textarea(pane: Pane): HTMLTextAreaElement {
    return this.#el.querySelector<HTMLTextAreaElement>(`textarea[data-pane="${pane}"]`)!;
  }

  /** The pane's code area; the element delegates its input and focus events (handle), so the area does not listen. */
  #codeArea(pane: Pane): CodeArea {
    return codeArea(this.#textarea(pane), {
      language: () => (pane === 'handler' ? this.#language : 'yaml'),
      label: () => this.#label(pane),
      onChange: () => this.#save(pane),
      listen: false,
    });
  }

  #value(pane: Pane): string {
    return this.#areas[pane].value();
  }

  #setValue(pane: Pane, text: string): void {
    this.#areas[pane].set(text, pane === 'handler' ? this.#language : 'yaml');
  }

  #save(pane: Pane): void {
    const key = chatStorageKey(this.#config.example, pane === 'handler' ? this.#language : 'definition');
    const value = this.#value(pane);
    const original = pane === 'handler' ? this.#config.languages[this.#language].source : this.#config.definition;
    if (value === original) storage()?.removeItem(key);
    else storage()?.setItem(key, value);
  }

  #label(pane: Pane): string {
    return pane === 'handler'
      ? chatCodeLabel(this.#config.languages[this.#language], this.#language)
      : 'API definition (api.json, apigatewayv2 get-api, get-routes and get-integrations)';
  }

  #syncLanguage(): void {
    const code = this.#config.languages[this.#language];
    this.#el.dataset.language = this.#language;
    this.#areas.handler.setLabel(this.#label('handler'));
    const file = this.#el.querySelector('[data-file]');
    if (file) file.textContent = code.file;
  }

  #switchLanguage(language: Language): void {
    if (language === this.#language) return;
    this.#save('handler');
    this.#language = language;
    const saved = storage()?.getItem(chatStorageKey(this.#config.example, language));
    this.#setValue('handler', saved ?? this.#config.languages[language].source);
    this.#syncLanguage();
    this.#note(`${CHAT_LANGUAGES[language]} from the next Connect (a fresh deployment).`);
  }

  #reset(): void {
    storage()?.removeItem(chatStorageKey(this.#config.example, this.#language));
    storage()?.removeItem(chatStorageKey(this.#config.example, 'definition'));
    this.#setValue('handler', this.#config.languages[this.#language].source);
    this.#setValue('definition', this.#config.definition);
    this.#note('Handler and api.json reset: deployed on the next Connect.');
  }

  #selectTab(pane: Pane): void {
    for (const tab of this.#el.querySelectorAll<HTMLElement>('[data-tab]')) {
      const selected = tab.dataset.tab === pane;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    for (const panel of this.#el.querySelectorAll<HTMLElement>('[data-panel]'))
      panel.hidden = panel.dataset.panel !== pane;
  }
}

/** A Lambda call's outcome in a few words: `statusCode 200`, or `error: …`. */
function resultText(call: { result?: unknown; error?: unknown }): string {
  if (call.error !== undefined) {
    const e = call.error as { errorMessage?: unknown } | string;
    return `error: ${typeof e === 'string' ? e : String(e?.errorMessage ?? JSON.stringify(e))}`.slice(0, 120);
  }
  const r = call.result as { statusCode?: unknown } | null | undefined;
  return r && typeof r === 'object' && r.statusCode !== undefined ? `statusCode ${String(r.statusCode)}` : 'result';
}

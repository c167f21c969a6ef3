/**
 * <apigw-sandbox>: the page side of a sandbox. Small on purpose (the page loads it before any
 * interaction): the runtime selection is a few KB and comes along. The element is defined while the
 * page's body is parsed (the page's head starts this module: starlight/Head.astro), each sandbox set up as soon as
 * its HTML is there; the Worker runtime's workers start as the module runs, off the page's thread, and ready
 * themselves for the page's first sandbox as it is set up (#warmRun), Pyodide loads in the background
 * (python-preload.ts), a WebContainer boots on the first run, and CodeMirror is imported on first use. The handler and the definition are edited in plain <textarea>s until
 * each is first focused or pointed at, when a CodeMirror editor replaces it (the textarea stays if that fails).
 */
import type { Language } from '../examples/types.js';
import type { RunOutcome, RunRequest, RuntimeKind, RuntimeProgress, SandboxRun } from '../runtime/types.js';
import type { ServiceRequest } from '../emulator/aws-services/types.js';
import { compareExchange } from '../examples/compare.js';
import {
  buildMarks,
  escapeHtml,
  integrationRequestHtml,
  jsonHtml,
  requestHtml,
  responseHtml,
  type FieldMarks,
} from './render.js';
import {
  codeLabelOf,
  configFromPage,
  needsAccess,
  type SandboxApi,
  type SandboxCode,
  type SandboxConfig,
  type SandboxConfigInPage,
  type SandboxDocumented,
  type SandboxStage,
} from './sandbox-config.js';
import type { WorkerRun } from '../runtime/worker/protocol.js';
import { onWebContainerState, runSandbox, warmWorker, webContainerState } from '../runtime/select-runtime.js';
import {
  isPythonProgress,
  onPythonState,
  preloadPython,
  preloadPythonAfterLoad,
  preloadPythonWhenIdle,
  pythonState,
  pythonStatusText,
  reportPythonProgress,
} from './python-preload.js';
import { watchViewport } from './viewport-watch.js';
import { whenParsed } from './when-parsed.js';
import { listenForCopyAsCurl, type CurlState } from './copy-curl.js';
import { sessionOf } from './run-session.js';

type Editor = import('./editor.js').CodeEditor;
type AccessControls = import('./sandbox-access.js').AccessControls;
type EditorLanguage = import('./editor.js').EditorLanguage;
type TrafficPanel = import('./traffic-panel.js').TrafficPanel;
type ServicesPanel = import('./service-panel.js').ServicesPanel;

/** The sandbox's tabs: the code, the definition, and (an example with a stage config) the stage's settings. */
export type SandboxTab = 'handler' | 'definition' | 'stage';

/** An error in the stage config or web ACL the runtimes report (stage-settings.ts): shown under the Stage tab. */
const STAGE_ERROR = /^(stage config|web ACL): /;

/** What `element.lastOutcome` holds after a run. */
export type SandboxOutcome = RunOutcome & { language: Language; roundTripMs: number };

const STORAGE_PREFIX = 'apigw-lab:sandbox';
const RUNTIME_LABELS: Record<RuntimeKind, string> = {
  worker: 'Web Worker (in-page emulator)',
  webcontainer: 'WebContainer (Node.js in the browser)',
};

let editorModule: Promise<typeof import('./editor.js')> | null = null;
const loadEditor = () => (editorModule ??= import('./editor.js'));
let yamlModule: Promise<typeof import('yaml')> | null = null;
/** The YAML parser, loaded only when the reader runs an edited definition. */
const loadYaml = () => {
  yamlModule ??= import('yaml');
  // A failed import (offline) may succeed on the next Run.
  yamlModule.catch(() => (yamlModule = null));
  return yamlModule;
};

/** A definition the reader edited that does not parse: shown in the sandbox, the edit is kept. */
class DefinitionSyntaxError extends Error {}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

interface StoredRequest {
  method: string;
  path: string;
  headers: string;
  body: string;
  timeout: string;
}

/** Whether a sandbox of this page already asked the Worker runtime to ready itself for its first run. */
let warmedPage = false;
/** Sandboxes set up in this page (their session keys differ). */
let sandboxCount = 0;

export class ApigwSandbox extends HTMLElement {
  /** The last run's outcome with its language (e2e contract). */
  lastOutcome: SandboxOutcome | null = null;

  #config!: SandboxConfig;
  #documented!: SandboxDocumented;
  #marks!: FieldMarks;
  #language: Language = 'python';
  /** The API the request runs on: an index into `config.apis` (0, the documented API, when there is no choice). */
  #api = 0;
  /** Edited sources by `language` (the handler) or `language:function` (the API's other functions, issue #11). */
  #sources = new Map<string, string>();
  /** The function the code editor shows: '' for the handler, or one of `config.functions` (an authorizer). */
  #fn = '';
  /** Sign in as, sign this request, the authorizer's panel (sandbox-access.ts), loaded for sandboxes that have them. */
  #access: Promise<AccessControls> | null = null;
  #editor: Editor | null = null;
  #editorLoading = false;
  #textarea!: HTMLTextAreaElement;
  /** The Definition tab's text (openapi.yaml as the reader edited it), until its editor replaces it. */
  #definitionArea!: HTMLTextAreaElement;
  /** The Definition tab's code editor (YAML), once mounted: read and written through `definitionSource`. */
  #definitionEditor: Editor | null = null;
  #definitionEditorLoading = false;
  /** The stage the request runs on: an index into `config.stages` (0, the documented stage). */
  #stage = 0;
  /** The Stage tab's text (the example's get-stage JSON as the reader edited it); null without a stage config. */
  #stageArea: HTMLTextAreaElement | null = null;
  /**
   * This sandbox's session key and generation (issue #12): a sandbox with a stage config, a web ACL or a Traffic panel
   * keeps one deployed gateway between runs (its throttle buckets, cache, WAF counters); Reset starts a new generation.
   */
  #sessionId = '';
  #generation = 0;
  /** The Traffic panel (traffic-panel.ts, imported on its first Start). */
  #traffic: Promise<TrafficPanel> | null = null;
  /** The service panel (service-panel.ts, issue #14), imported after the first run that reached an AWS service. */
  #services: Promise<ServicesPanel> | null = null;
  /** With a custom domain name (config `customDomain`): whether the request goes through it (documented) or the stage's invoke URL. */
  #viaDomain = true;
  /** The last edited definition parsed to JSON, by its text (a re-run skips the YAML parser). */
  #parsedDefinition: { text: string; json: string } | null = null;
  #form!: HTMLFormElement;
  #running = false;
  #saveTimer: ReturnType<typeof setTimeout> | null = null;
  #initialised = false;
  #watchingWebContainer = false;
  #ready: Promise<void> | null = null;
  /** Whether the reader can see the sandbox (its status line then says how Python's loading goes). */
  #onScreen = false;
  /** Whether the status line still shows the state before any run (nothing ran yet). */
  #beforeFirstRun = true;

  /**
   * Resolves once the sandbox works (its HTML parsed, its data read, its controls wired). The element may be defined
   * while the page is still parsing: it is set up as soon as its own children are all there.
   */
  get ready(): Promise<void> {
    return (this.#ready ??= whenParsed(this).then(() => this.#init()));
  }

  connectedCallback(): void {
    void this.ready;
  }

  #init(): void {
    if (this.#initialised) return;
    this.#textarea = this.querySelector<HTMLTextAreaElement>('textarea[data-code]')!;
    this.#definitionArea = this.querySelector<HTMLTextAreaElement>('textarea[data-definition]')!;
    this.#stageArea = this.querySelector<HTMLTextAreaElement>('textarea[data-stage-config]');
    // The texts the textareas were rendered with are not repeated in the config (sandbox-config.ts).
    const inPage = JSON.parse(this.querySelector('script[data-config]')!.textContent!) as SandboxConfigInPage;
    const rendered = (this.dataset.language as Language | undefined) ?? 'python';
    this.#config = configFromPage(inPage, rendered, this.#textarea.defaultValue, this.#definitionArea.defaultValue);
    this.#documented = JSON.parse(this.querySelector('script[data-documented]')!.textContent!) as SandboxDocumented;
    this.#marks = buildMarks(this.#documented.volatile);
    this.#form = this.querySelector<HTMLFormElement>('form[data-form]')!;
    this.#sessionId = `${this.#config.example}/${this.#config.exchange}#${++sandboxCount}:${Date.now().toString(36)}`;
    this.#restore();
    this.#wire();
    if (needsAccess(this.#config)) void this.#loadAccess();
    // The emulator's workers load off the page's thread while the reader reads, and ready themselves for the page's
    // first sandbox: the first Run answers sooner. A sandbox whose API reaches embedded AWS services (issue #14) also
    // has the worker load the services' chunk, wherever it sits on the page.
    warmWorker(!warmedPage || this.#config.services !== undefined ? this.#warmRun() : undefined);
    warmedPage = true;
    this.#watchPython();
    this.#initialised = true;
    this.dataset.ready = '';
  }

  // ---- public API -------------------------------------------------------------------------------

  /** The handler source of the selected language, as edited. */
  get handlerSource(): string {
    return this.#editor ? this.#editor.getValue() : this.#textarea.value;
  }

  /** Replaces the code the editor shows (the handler's, or the selected function's) in the selected language. */
  setHandlerSource(source: string): void {
    if (this.#editor) this.#editor.setValue(source, this.#language);
    else this.#textarea.value = source;
    this.#sources.set(this.#srcKey(this.#language), source);
    this.#save();
  }

  /** The reader's files now, for "Download SAM project" (sam-download.ts): every function's code in the shown language. */
  samProject(): import('./sam-download.js').SamProjectFiles {
    const c = this.#config;
    this.#sources.set(this.#srcKey(this.#language), this.handlerSource);
    const names = c.upstream || c.servicesInEditor ? [] : [c.functionName, ...(c.functions ?? []).map((f) => f.name)];
    // The API the sandbox runs on now: the documented one as edited, or the other API type it offers (as it runs:
    // that one's documented definition, on its own stage).
    const api = this.api;
    const documented = this.#api === 0;
    return {
      example: c.example,
      title: this.querySelector<HTMLElement>('[data-sam-download]')?.dataset.title ?? c.example,
      definition: documented ? this.definitionSource : api.definition,
      definitionFile: c.definitionFile,
      apiType: api.apiType === 'HTTP' ? 'HTTP' : 'REST',
      ...(api.endpointType ? { endpointType: api.endpointType } : {}),
      stage: (documented ? this.stage : null) ?? { name: api.stage, variables: {} },
      functions: names.filter(Boolean).map((name) => {
        const fn = name === c.functionName ? '' : name;
        const code = this.#code(this.#language, fn);
        const source = this.#sourceOf(this.#language, fn);
        return { name, fileName: code.fileName, exportName: code.handlerName, source };
      }),
    };
  }

  /** The function the code editor shows: '' for the handler, else its name (`auth`). */
  get editedFunction(): string {
    return this.#fn;
  }

  /** Shows another function's code in the editor (as clicking its radio button does); every edit is kept. */
  setFunction(name: string): void {
    const fn = name === this.#config.functionName ? '' : name;
    if (fn === this.#fn || (fn && !this.#config.functions?.some((f) => f.name === fn))) return;
    this.#sources.set(this.#srcKey(this.#language), this.handlerSource);
    this.#fn = fn;
    for (const radio of this.querySelectorAll<HTMLInputElement>('input[data-function]'))
      radio.checked = radio.value === (fn || this.#config.functionName);
    this.#showCode();
  }

  /** Where the edited source of a function (the shown one by default) in a language is kept. */
  #srcKey(language: Language, fn = this.#fn): string {
    return fn ? `${language}:${fn}` : language;
  }

  /** A function's documented code (the shown one by default) in a language. */
  #code(language: Language, fn = this.#fn): SandboxCode {
    return fn
      ? this.#config.functions!.find((f) => f.name === fn)!.languages[language]
      : this.#config.languages[language];
  }

  /** The source of a function in a language as the reader left it. */
  #sourceOf(language: Language, fn = this.#fn): string {
    return this.#sources.get(this.#srcKey(language, fn)) ?? this.#code(language, fn).source;
  }

  /** Puts the shown function's code, in the shown language, in the editor, with its file name and label. */
  #showCode(): void {
    const source = this.#sourceOf(this.#language);
    if (this.#editor) this.#editor.setValue(source, this.#language);
    else this.#textarea.value = source;
    this.querySelector('[data-file]')!.textContent = this.#code(this.#language).fileName;
    const tab = this.querySelector('[data-code-tab]');
    if (tab) tab.textContent = this.#fnLabel();
    this.#updateCodeLabel();
  }

  /** `Handler`, or the shown function's label without its name (`Authorizer`). */
  #fnLabel(): string {
    return this.#fn
      ? this.#config.functions!.find((f) => f.name === this.#fn)!.label.replace(/ \(.*\)$/, '')
      : 'Handler';
  }

  get language(): Language {
    return this.#language;
  }

  /** Selects the language (as clicking its radio button does). */
  setLanguage(language: Language): void {
    if (!(language in this.#config.languages) || language === this.#language) return;
    this.#sources.set(this.#srcKey(this.#language), this.handlerSource);
    this.#language = language;
    this.dataset.language = language;
    for (const radio of this.#radios()) radio.checked = radio.value === language;
    this.#showCode();
    storage()?.setItem(this.#key('language'), language);
    if (language === 'python') void preloadPython();
    this.#showPython();
  }

  /** The API definition's text as edited in the Definition tab (YAML). */
  get definitionSource(): string {
    return this.#definitionEditor ? this.#definitionEditor.getValue() : this.#definitionArea.value;
  }

  /** Replaces the definition's text (and keeps it, like an edit). The one writer of the definition's text. */
  setDefinitionSource(text: string): void {
    if (this.#definitionEditor) {
      if (this.#definitionEditor.getValue() !== text) this.#definitionEditor.setValue(text);
    } else this.#definitionArea.value = text;
    this.#save();
  }

  /** The stage config's text as edited in the Stage tab (get-stage JSON); undefined for an example without one. */
  get stageConfigSource(): string | undefined {
    return this.#stageArea ? this.#stageArea.value : undefined;
  }

  /** Replaces the stage config's text (and keeps it, like an edit). */
  setStageConfigSource(text: string): void {
    if (!this.#stageArea) return;
    this.#stageArea.value = text;
    this.#save();
  }

  /** Shows the Handler, Definition or Stage tab (as clicking it does). */
  showTab(tab: SandboxTab): void {
    for (const button of this.querySelectorAll<HTMLButtonElement>('[data-tab]')) {
      const selected = button.dataset.tab === tab;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
    }
    for (const pane of this.querySelectorAll<HTMLElement>('[data-pane]')) pane.hidden = pane.dataset.pane !== tab;
  }

  /** The stage the sandbox runs on now (null when the example has one stage). */
  get stage(): SandboxStage | null {
    return this.#config.stages?.[this.#stage] ?? null;
  }

  /** Selects the stage the request runs on, by name (as clicking its radio button does). */
  setStage(name: string): void {
    const index = this.#config.stages?.findIndex((s) => s.name === name) ?? -1;
    if (index < 0 || index === this.#stage) return;
    this.#stage = index;
    this.dataset.stage = name;
    for (const radio of this.querySelectorAll<HTMLInputElement>('input[data-stage]'))
      radio.checked = radio.value === name;
    this.querySelector('[data-invoke-url]')!.textContent = this.#invokeUrl();
    try {
      this.#renderRequest(this.#readRequest());
    } catch {
      // An unreadable header line: the next Run reports it.
    }
  }

  /**
   * How the request reaches the API when it has a custom domain name: `domain` (its URL, documented) or `stage` (the
   * stage's invoke URL); null without one.
   */
  get endpoint(): 'domain' | 'stage' | null {
    return this.#config.customDomain ? (this.#viaDomain ? 'domain' : 'stage') : null;
  }

  /** Sends the request through the custom domain or the stage's invoke URL (as clicking its radio button does). */
  setEndpoint(endpoint: 'domain' | 'stage'): void {
    if (!this.#config.customDomain || endpoint === this.endpoint) return;
    this.#viaDomain = endpoint === 'domain';
    this.dataset.endpoint = endpoint;
    for (const radio of this.querySelectorAll<HTMLInputElement>('input[data-endpoint]'))
      radio.checked = radio.value === endpoint;
    this.querySelector('[data-invoke-url]')!.textContent = this.#invokeUrl();
    try {
      this.#renderRequest(this.#readRequest());
    } catch {
      // An unreadable header line: the next Run reports it.
    }
  }

  /** The invoke URL the request goes to: the API's, on the selected stage, or its custom domain's or stage's. */
  #invokeUrl(): string {
    const domain = this.#config.customDomain;
    if (this.#api === 0 && domain && !this.#viaDomain) return domain.stageInvokeUrl;
    return this.#api === 0 && this.stage ? this.stage.invokeUrl : this.api.invokeUrl;
  }

  /** The API the sandbox runs on now (`REST API` / `HTTP API` when it offers a choice). */
  get api(): SandboxApi {
    const c = this.#config;
    return (
      c.apis?.[this.#api] ?? {
        label: c.apiType === 'HTTP' ? 'HTTP API' : 'REST API',
        apiType: c.apiType,
        ...(c.endpointType ? { endpointType: c.endpointType } : {}),
        definition: c.definition,
        apiId: c.apiId,
        stage: c.stage,
        invokeUrl: c.invokeUrl,
        functionName: c.functionName,
        defaultTimeoutMs: c.defaultTimeoutMs,
        maxTimeoutMs: c.maxTimeoutMs ?? 29_000,
      }
    );
  }

  /** Selects the API the request runs on, by index into the choices (as clicking its radio button does). */
  setApi(index: number): void {
    const apis = this.#config.apis;
    if (!apis || !apis[index] || index === this.#api) return;
    this.#api = index;
    const api = apis[index];
    this.dataset.api = api.apiType;
    for (const radio of this.querySelectorAll<HTMLInputElement>('input[data-api]'))
      radio.checked = radio.value === String(index);
    this.querySelector('[data-invoke-url]')!.textContent = this.#invokeUrl();
    const timeout = this.#field<HTMLInputElement>('timeout');
    timeout.max = String(api.maxTimeoutMs);
    timeout.value = String(api.defaultTimeoutMs);
    try {
      this.#renderRequest(this.#readRequest());
    } catch {
      // An unreadable header line: the next Run reports it.
    }
  }

  /** The request as the form has it now and where it goes: what "Copy as curl" replays (copy-curl.ts). */
  curlState(): CurlState {
    const auth = this.#accessNow ? this.#accessNow.auth() : this.#config.auth;
    return {
      ...(auth ? { auth } : {}),
      request: this.#readRequest(),
      api: this.#api,
      language: this.#language,
      invokeUrl: this.#invokeUrl(),
      viaDomain: this.endpoint === 'domain',
    };
  }

  /** Sends the request through the emulator (Run button, Ctrl/Cmd+Enter). */
  async run(): Promise<SandboxOutcome | null> {
    if (this.#running) return null;
    this.#running = true;
    this.dataset.status = 'running';
    const runButton = this.querySelector<HTMLButtonElement>('[data-run]')!;
    runButton.setAttribute('aria-disabled', 'true');
    const language = this.#language;
    this.#flush();
    let run: SandboxRun;
    try {
      run = await this.#buildRun();
    } catch (error) {
      this.#finishWithError(error, null);
      this.#running = false;
      runButton.removeAttribute('aria-disabled');
      return null;
    }
    this.#beforeFirstRun = false;
    if (language === 'python') void preloadPython();
    const pythonText = language === 'python' ? pythonStatusText(pythonState()) : null;
    this.#setState(pythonText && pythonText !== 'Python ready' ? pythonText : 'Running…');
    this.#renderRequest(run.request);
    const started = performance.now();
    let runtimeKind: RuntimeKind | null = null;
    try {
      if (!this.#watchingWebContainer) {
        this.#watchingWebContainer = true;
        const show = (state: string, detail?: string) => {
          this.dataset.webcontainer = state;
          const label = this.querySelector<HTMLElement>('[data-runtime-label]')!;
          label.title =
            state === 'ready'
              ? 'A WebContainer booted: later TypeScript runs use it (Python stays in the Web Worker).'
              : state === 'booting'
                ? 'A WebContainer (Node.js in the browser) is booting in the background.'
                : `WebContainer: ${detail ?? 'not used'}. The Web Worker runs everything.`;
        };
        show(webContainerState());
        onWebContainerState(show);
      }
      const outcome = await runSandbox(run, {
        onProgress: (p) => this.#progress(p),
        onRuntime: (kind) => {
          runtimeKind = kind;
          this.#setRuntimeLabel(kind);
        },
      });
      const result: SandboxOutcome = { ...outcome, language, roundTripMs: performance.now() - started };
      this.#progress(null);
      this.#render(result, run);
      this.lastOutcome = result;
      this.dataset.runtime = outcome.runtime;
      this.#setRuntimeLabel(outcome.runtime);
      this.#setState(` · ran in ${formatMs(result.roundTripMs)}`);
      this.dataset.status = 'done';
      this.#showStageError(null);
      this.dispatchEvent(new CustomEvent('apigw-run', { detail: result, bubbles: true }));
      return result;
    } catch (error) {
      this.#finishWithError(error, runtimeKind);
      return null;
    } finally {
      this.#running = false;
      runButton.removeAttribute('aria-disabled');
    }
  }

  /**
   * A new deployment on the next run (issue #12: full throttle buckets, an empty stage cache, fresh WAF counters), the
   * reader's edits kept.
   */
  redeploy(): void {
    this.#generation++;
    // A sandbox with access control keeps its session there (its documented requests sent first go again).
    this.#accessNow?.redeploy();
    this.#setState(' · redeployed: the next run starts with full buckets and an empty cache');
  }

  /** Restores the documented handler and request, and forgets this sandbox's stored edits. */
  reset(): void {
    const store = storage();
    for (const lang of Object.keys(this.#config.languages) as Language[]) {
      store?.removeItem(this.#key('handler', lang));
      for (const fn of this.#config.functions ?? []) store?.removeItem(this.#key('function', lang, fn.name));
    }
    store?.removeItem(this.#key('request'));
    store?.removeItem(this.#key('definition'));
    store?.removeItem(this.#key('stage'));
    this.setDefinitionSource(this.#config.definitionSource);
    if (this.#config.stageConfig !== undefined) this.setStageConfigSource(this.#config.stageConfig);
    this.#showStageError(null);
    // A new session: fresh throttle buckets, an empty cache.
    this.#generation++;
    this.#parsedDefinition = null;
    this.#sources.clear();
    this.#showCode();
    this.#form.reset();
    void this.#access?.then((access) => access.reset());
    // form.reset() restores the values the HTML was rendered with: the documented request.
    this.#field<HTMLInputElement>('timeout').value = String(this.api.defaultTimeoutMs);
    this.#renderRequest(this.#readRequest());
  }

  // ---- wiring -----------------------------------------------------------------------------------

  #radios(): HTMLInputElement[] {
    return [...this.querySelectorAll<HTMLInputElement>('.sb-langs input[type="radio"]')];
  }

  #field<T extends HTMLElement>(name: string): T {
    return this.#form.elements.namedItem(name) as T;
  }

  #key(
    kind: 'handler' | 'request' | 'language' | 'definition' | 'function' | 'stage',
    language?: Language,
    fn?: string,
  ): string {
    const base = `${STORAGE_PREFIX}:${this.#config.example}:${this.#config.exchange}`;
    if (fn) return `${base}:${kind}:${fn}:${language}`;
    return language ? `${base}:${kind}:${language}` : `${base}:${kind}`;
  }

  #wire(): void {
    for (const radio of this.#radios()) {
      radio.addEventListener('change', () => radio.checked && this.setLanguage(radio.value as Language));
    }
    for (const radio of this.querySelectorAll<HTMLInputElement>('input[data-function]')) {
      radio.addEventListener('change', () => radio.checked && this.setFunction(radio.value));
    }
    for (const radio of this.querySelectorAll<HTMLInputElement>('input[data-api]')) {
      radio.addEventListener('change', () => radio.checked && this.setApi(Number(radio.value)));
    }
    for (const radio of this.querySelectorAll<HTMLInputElement>('input[data-stage]')) {
      radio.addEventListener('change', () => radio.checked && this.setStage(radio.value));
    }
    for (const radio of this.querySelectorAll<HTMLInputElement>('input[data-endpoint]')) {
      radio.addEventListener(
        'change',
        () => radio.checked && this.setEndpoint(radio.value === 'stage' ? 'stage' : 'domain'),
      );
    }
    this.querySelector('[data-sam-download]')?.addEventListener('click', () => {
      const status = this.querySelector('[data-sam-status]')!;
      import('./sam-download.js').then(
        (m) => (status.textContent = m.downloadSamProject(this.samProject())),
        () => (status.textContent = 'Could not load the exporter; check the connection and try again'),
      );
    });
    const tabs = [...this.querySelectorAll<HTMLButtonElement>('[data-tab]')];
    for (const tab of tabs) {
      tab.addEventListener('click', () => this.showTab(tab.dataset.tab as SandboxTab));
      // Arrow keys move between the tabs (WAI-ARIA tabs pattern).
      tab.addEventListener('keydown', (event) => {
        if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
        event.preventDefault();
        const next = tabs[(tabs.indexOf(tab) + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!;
        this.showTab(next.dataset.tab as SandboxTab);
        next.focus();
      });
    }
    this.#definitionArea.addEventListener('input', () => this.#save());
    this.#stageArea?.addEventListener('input', () => this.#save());
    this.#wireTraffic();
    // Run (and Enter in a field of the form, which clicks it) runs here: the click's default action, submitting the
    // form, is cancelled, as Chromium lays out the whole page before it submits (measured: 150 ms and more while a
    // long page is still being parsed). A submission by other means runs too.
    this.querySelector('[data-run]')!.addEventListener('click', (event) => {
      event.preventDefault();
      void this.run();
    });
    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.run();
    });
    this.querySelector('[data-reset]')!.addEventListener('click', () => this.reset());
    this.querySelector('[data-redeploy]')?.addEventListener('click', () => this.redeploy());
    this.#form.addEventListener('input', () => {
      this.#save();
      if (!this.#running) this.#renderRequest(this.#readRequest());
    });
    this.#textarea.addEventListener('input', () => this.#save());
    // Edits made just before leaving the page are kept too.
    window.addEventListener('pagehide', () => this.#flush());
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && this.#flush());
    // Ctrl/Cmd+Enter runs from anywhere in the sandbox (captured before CodeMirror's own keymap).
    this.addEventListener(
      'keydown',
      (event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey) {
          event.preventDefault();
          event.stopPropagation();
          void this.run();
        }
      },
      { capture: true },
    );
    // CodeMirror replaces a textarea when the reader first reaches for it (again on the next reach if it failed to
    // load; once it replaced the textarea, the hidden textarea gets no more events).
    const upgrade = () => void this.#mountEditor();
    const upgradeDefinition = () => void this.#mountDefinitionEditor();
    for (const type of ['focus', 'pointerdown'] as const) {
      this.#textarea.addEventListener(type, upgrade);
      this.#definitionArea.addEventListener(type, upgradeDefinition);
    }
    // Once the reader interacts with the sandbox, fetch the editor while the browser is idle.
    const warm = () => {
      const idle =
        (window as Window & { requestIdleCallback?: (cb: () => void) => void }).requestIdleCallback ??
        ((cb: () => void) => setTimeout(cb, 200));
      idle(() => void loadEditor().catch(() => undefined));
    };
    this.addEventListener('pointerdown', warm, { once: true });
    this.addEventListener('keydown', warm, { once: true });
    // The reader is about to run: start the emulator's workers now (a no-op once they run).
    const start = () => {
      warmWorker();
      // Its services panel (issue #14) shows after the first Run: its chunk loads now.
      if (this.#config.services !== undefined) void import('./service-panel.js').catch(() => undefined);
    };
    for (const type of ['pointerdown', 'focusin', 'keydown'] as const)
      this.addEventListener(type, start, { once: true, passive: true });
  }

  async #mountEditor(): Promise<void> {
    if (this.#editor || this.#editorLoading) return;
    this.#editorLoading = true;
    try {
      this.#editor = await this.#replaceTextarea(this.#textarea, () => ({
        language: this.#language,
        label: this.#codeLabel(),
      }));
    } finally {
      this.#editorLoading = false;
    }
  }

  async #mountDefinitionEditor(): Promise<void> {
    if (this.#definitionEditor || this.#definitionEditorLoading) return;
    this.#definitionEditorLoading = true;
    try {
      // The editor keeps the textarea's name (Sandbox.astro: "API definition (openapi.yaml, OpenAPI YAML)").
      const label = this.#definitionArea.getAttribute('aria-label')!;
      this.#definitionEditor = await this.#replaceTextarea(this.#definitionArea, () => ({ language: 'yaml', label }));
    } finally {
      this.#definitionEditorLoading = false;
    }
  }

  /**
   * A code editor in the textarea's place (its pane), with its text, selection and focus, and the language and label
   * `current` gives once the editor loaded; null, and the textarea keeps working, if the editor cannot load.
   */
  async #replaceTextarea(
    textarea: HTMLTextAreaElement,
    current: () => { language: EditorLanguage; label: string },
  ): Promise<Editor | null> {
    let editor: Editor;
    try {
      const { createCodeEditor } = await loadEditor();
      // Read after the import: what the reader typed meanwhile comes along.
      const hadFocus = document.activeElement === textarea;
      editor = createCodeEditor({
        parent: textarea.parentElement!,
        doc: textarea.value,
        ...current(),
        selection: { anchor: textarea.selectionStart, head: textarea.selectionEnd },
        onChange: () => this.#save(),
      });
      textarea.hidden = true;
      textarea.tabIndex = -1;
      if (hadFocus) editor.focus();
    } catch (error) {
      // A failed import (offline) may succeed on the next focus; the textarea keeps working meanwhile.
      console.warn('apigw-lab: the code editor could not start; the plain text area stays.', error);
      editorModule = null;
      return null;
    }
    return editor;
  }

  #codeLabel(): string {
    const language = this.#config.languages[this.#language].label;
    return this.#fn ? `${this.#fnLabel()} code (${language})` : codeLabelOf(this.#config, language);
  }

  #updateCodeLabel(): void {
    this.#textarea.setAttribute('aria-label', this.#codeLabel());
    this.#editor?.setLabel(this.#codeLabel());
  }

  // ---- persistence ------------------------------------------------------------------------------

  #restore(): void {
    const store = storage();
    const stored = store?.getItem(this.#key('language')) as Language | null | undefined;
    const initial = (this.dataset.language as Language | undefined) ?? 'python';
    this.#language = stored && stored in this.#config.languages ? stored : initial;
    this.dataset.language = this.#language;
    for (const lang of Object.keys(this.#config.languages) as Language[]) {
      const source = store?.getItem(this.#key('handler', lang));
      if (source !== null && source !== undefined) this.#sources.set(lang, source);
      for (const fn of this.#config.functions ?? []) {
        const stored = store?.getItem(this.#key('function', lang, fn.name));
        if (stored !== null && stored !== undefined) this.#sources.set(this.#srcKey(lang, fn.name), stored);
      }
    }
    for (const radio of this.#radios()) radio.checked = radio.value === this.#language;
    this.#textarea.value = this.#sources.get(this.#language) ?? this.#config.languages[this.#language].source;
    this.querySelector('[data-file]')!.textContent = this.#config.languages[this.#language].fileName;
    this.#updateCodeLabel();
    const definition = store?.getItem(this.#key('definition'));
    if (definition !== null && definition !== undefined) this.setDefinitionSource(definition);
    const stageConfig = store?.getItem(this.#key('stage'));
    if (stageConfig !== null && stageConfig !== undefined && this.#stageArea) this.#stageArea.value = stageConfig;
    const request = store?.getItem(this.#key('request'));
    if (request) {
      try {
        const r = JSON.parse(request) as Partial<StoredRequest>;
        const method = this.#field<HTMLSelectElement>('method');
        if (r.method && [...method.options].some((o) => o.value === r.method)) method.value = r.method;
        if (typeof r.path === 'string') this.#field<HTMLInputElement>('path').value = r.path;
        if (typeof r.headers === 'string') this.#field<HTMLTextAreaElement>('headers').value = r.headers;
        if (typeof r.body === 'string') this.#field<HTMLTextAreaElement>('body').value = r.body;
        if (typeof r.timeout === 'string') this.#field<HTMLInputElement>('timeout').value = r.timeout;
      } catch {
        store?.removeItem(this.#key('request'));
      }
    }
    this.#renderRequest(this.#readRequest());
  }

  #save(): void {
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => this.#saveNow(), 150);
  }

  #flush(): void {
    if (this.#saveTimer) this.#saveNow();
  }

  #saveNow(): void {
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
    const store = storage();
    if (!store) return;
    const source = this.handlerSource;
    this.#sources.set(this.#srcKey(this.#language), source);
    try {
      for (const [key, src] of this.#sources) {
        const [lang, fn = ''] = key.split(':') as [Language, string?];
        const stored = fn ? this.#key('function', lang, fn) : this.#key('handler', lang);
        if (src === this.#code(lang, fn).source) store.removeItem(stored);
        else store.setItem(stored, src);
      }
      const definition = this.definitionSource;
      if (definition === this.#config.definitionSource) store.removeItem(this.#key('definition'));
      else store.setItem(this.#key('definition'), definition);
      const stageConfig = this.stageConfigSource;
      if (stageConfig === undefined || stageConfig === this.#config.stageConfig) store.removeItem(this.#key('stage'));
      else store.setItem(this.#key('stage'), stageConfig);
      const request: StoredRequest = {
        method: this.#field<HTMLSelectElement>('method').value,
        path: this.#field<HTMLInputElement>('path').value,
        headers: this.#field<HTMLTextAreaElement>('headers').value,
        body: this.#field<HTMLTextAreaElement>('body').value,
        timeout: this.#field<HTMLInputElement>('timeout').value,
      };
      const original = this.#originalRequest();
      if (JSON.stringify(request) === JSON.stringify(original)) store.removeItem(this.#key('request'));
      else store.setItem(this.#key('request'), JSON.stringify(request));
    } catch {
      // Storage full or disabled: edits just don't survive a reload.
    }
  }

  #originalRequest(): StoredRequest {
    const r = this.#documented.languages[this.#language].request;
    return {
      method: r.method,
      path: r.path,
      headers: r.headers.map(([k, v]) => `${k}: ${v}`).join('\n'),
      body: r.body ?? '',
      timeout: String(this.#config.defaultTimeoutMs),
    };
  }

  // ---- running ----------------------------------------------------------------------------------

  #readRequest(): RunRequest {
    const headers: Array<[string, string]> = [];
    const lines = this.#field<HTMLTextAreaElement>('headers').value.split(/\r?\n/);
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      const colon = line.indexOf(':');
      if (colon <= 0) throw new SyntaxError(`Headers, line ${i + 1}: expected "Name: value", got "${line}"`);
      headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    });
    const body = this.#field<HTMLTextAreaElement>('body').value;
    let path = this.#field<HTMLInputElement>('path').value.trim() || '/';
    if (!path.startsWith('/')) path = `/${path}`;
    return { method: this.#field<HTMLSelectElement>('method').value, path, headers, body: body === '' ? null : body };
  }

  /**
   * The definition to run, as JSON: the documented one (parsed at build time) unless the reader edited it, then the
   * edit, parsed here (YAML, the parser loaded on first use). Edits apply to the documented API only.
   */
  async #definitionJson(api: SandboxApi): Promise<string> {
    const text = this.definitionSource;
    if (this.#api !== 0 || text === this.#config.definitionSource) return api.definition;
    if (this.#parsedDefinition?.text === text) return this.#parsedDefinition.json;
    let parse: typeof import('yaml').parse;
    try {
      ({ parse } = await loadYaml());
    } catch (error) {
      throw new Error(
        `could not load the YAML parser to read the edited definition (${error instanceof Error ? error.message : String(error)}); check the connection and run again`,
      );
    }
    let doc: unknown;
    try {
      doc = parse(text);
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new DefinitionSyntaxError(`${this.#config.definitionFile} is not valid YAML: ${message}`);
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      throw new DefinitionSyntaxError(
        `${this.#config.definitionFile} must be an OpenAPI document (a mapping with openapi, info and paths)`,
      );
    }
    const json = JSON.stringify(doc);
    this.#parsedDefinition = { text, json };
    return json;
  }

  async #buildRun(): Promise<WorkerRun> {
    const lang = this.#config.languages[this.#language];
    const timeoutField = this.#field<HTMLInputElement>('timeout');
    let timeoutMs = Math.round(Number(timeoutField.value));
    const api = this.api;
    if (!Number.isFinite(timeoutMs) || timeoutField.value.trim() === '') timeoutMs = api.defaultTimeoutMs;
    timeoutMs = Math.min(api.maxTimeoutMs, Math.max(50, timeoutMs));
    timeoutField.value = String(timeoutMs);
    this.#sources.set(this.#srcKey(this.#language), this.handlerSource);
    const source = this.#sourceOf(this.#language, '');
    const request = this.#readRequest();
    const definition = await this.#definitionJson(api);
    const stage = this.#api === 0 ? this.stage : null;
    // An edited definition is a new deployment, on the documented stage (dev) only: the other stages keep
    // serving the original deployment, so switching stage shows the edit against what it replaced.
    const stageDefinition = (name: string) => (name === this.#config.stage ? definition : this.#config.definition);
    const stages =
      stage && this.#config.stages && definition !== this.#config.definition
        ? {
            stages: this.#config.stages.map((s) => ({
              name: s.name,
              definition: stageDefinition(s.name),
              variables: s.variables,
            })),
          }
        : {};
    // Through the custom domain name (CreateDomainName and its base path mappings), or straight to the stage.
    const domain = this.#api === 0 && this.#viaDomain ? this.#config.customDomain : undefined;
    const customDomain = domain
      ? { customDomain: { domainName: domain.domainName, basePathMappings: domain.basePathMappings } }
      : {};
    // The documented handler comes transpiled (at build time): the Worker runtime skips sucrase for it.
    const handlerCode = lang.compiled !== undefined && source === lang.source ? { handlerCode: lang.compiled } : {};
    // Issue #14: an API with no function, whose editor holds the services file: the run has no handler.
    const servicesInEditor = this.#config.servicesInEditor === true;
    const run: WorkerRun = {
      ...handlerCode,
      ...(this.#config.functions ? { functions: this.#functionsOf(this.#language) } : {}),
      language: this.#language,
      handlerSource: servicesInEditor ? '' : source,
      definition: stage ? stageDefinition(stage.name) : definition,
      apiId: api.apiId,
      ...(api.apiType ? { apiType: api.apiType } : {}),
      ...(api.endpointType ? { endpointType: api.endpointType } : {}),
      stage: stage ? stage.name : api.stage,
      ...(stage ? { stageVariables: stage.variables } : {}),
      invokeUrl: stage ? stage.invokeUrl : this.#invokeUrl(),
      ...customDomain,
      functionName: api.functionName,
      handlerName: lang.handlerName,
      moduleName: lang.moduleName,
      ...(this.#config.upstream
        ? {
            upstream: {
              host: this.#config.upstream.host,
              source,
              ...(lang.compiled !== undefined && source === lang.source ? { code: lang.compiled } : {}),
            },
          }
        : {}),
      timeoutMs,
      ...stages,
      // Issue #12: the stage config as the reader edited it, the example's web ACL.
      ...(this.stageConfigSource !== undefined ? { stageConfig: this.stageConfigSource } : {}),
      ...(this.#config.webAcl !== undefined ? { webAcl: this.#config.webAcl } : {}),
      // The trace comes back with the outcome (lastOutcome.trace): the access log line is computed from it.
      ...(this.#config.stageConfig !== undefined ? { withTrace: true } : {}),
      // Issue #14: the embedded AWS services the integrations reach (their state lives on in the session), as the
      // reader edited the services file when the editor holds it.
      ...(this.#config.services !== undefined ? { services: servicesInEditor ? source : this.#config.services } : {}),
      request,
    };
    // Issue #11: the access setup, the reader's sign-in or signature, the session (sandbox-access.ts).
    if (this.#access) Object.assign(run, (await this.#access).runFields(run));
    // Issue #12: the stage's buckets, cache and WAF counters live on between runs (and a Traffic panel's requests),
    // until Redeploy (or Reset) starts a new generation.
    if (run.session === undefined && this.#keepsSession())
      run.session = sessionOf(this.#sessionId, this.#generation, run);
    return run;
  }

  /** The API's other functions in a language, as the reader edited them (or as documented), for a run. */
  #functionsOf(language: Language, documented = false): NonNullable<SandboxRun['functions']> {
    return (this.#config.functions ?? []).map((fn) => {
      const code = fn.languages[language];
      const source = documented ? code.source : this.#sourceOf(language, fn.name);
      return {
        name: fn.name,
        source,
        ...(code.compiled !== undefined && source === code.source ? { code: code.compiled } : {}),
        handlerName: code.handlerName,
        moduleName: code.moduleName,
      };
    });
  }

  /**
   * A run of the documented exchange, in TypeScript when the sandbox has it (its module can be imported ahead: Python
   * has Pyodide's own preload), for the Worker runtime to ready itself with (worker/index.ts `warm`). Made of the
   * config alone: the reader's edits are what a Run sends.
   */
  #warmRun(): WorkerRun {
    const language: Language = 'typescript' in this.#config.languages ? 'typescript' : this.#language;
    const lang = this.#config.languages[language];
    const api = this.api;
    const upstream = this.#config.upstream;
    return {
      ...(lang.compiled !== undefined ? { handlerCode: lang.compiled } : {}),
      ...(this.#config.functions ? { functions: this.#functionsOf(language, true) } : {}),
      ...(this.#config.access ? { access: this.#config.access } : {}),
      ...(this.#config.stageConfig !== undefined ? { stageConfig: this.#config.stageConfig } : {}),
      ...(this.#config.webAcl !== undefined ? { webAcl: this.#config.webAcl } : {}),
      ...(this.#config.services !== undefined ? { services: this.#config.services } : {}),
      language,
      handlerSource: this.#config.servicesInEditor ? '' : lang.source,
      definition: api.definition,
      apiId: api.apiId,
      ...(api.apiType ? { apiType: api.apiType } : {}),
      ...(api.endpointType ? { endpointType: api.endpointType } : {}),
      stage: api.stage,
      invokeUrl: api.invokeUrl,
      functionName: api.functionName,
      handlerName: lang.handlerName,
      moduleName: lang.moduleName,
      ...(upstream
        ? {
            upstream: {
              host: upstream.host,
              source: lang.source,
              ...(lang.compiled !== undefined ? { code: lang.compiled } : {}),
            },
          }
        : {}),
      timeoutMs: api.defaultTimeoutMs,
      request: {
        ...this.#documented.languages[language].request,
        body: this.#documented.languages[language].request.body ?? null,
      },
    };
  }

  /** The access controls, once loaded (their module is imported by sandboxes that have them). */
  #accessNow: AccessControls | null = null;

  /** Loads and starts the access controls (sandbox-access.ts) for this sandbox, once. */
  #loadAccess(): Promise<AccessControls> {
    if (this.#access) return this.#access;
    this.#access = import('./sandbox-access.js').then((m) => {
      this.#accessNow = m.attachAccess({
        element: this,
        config: this.#config,
        documented: this.#documented,
        marks: this.#marks,
        language: () => this.#language,
      });
      return this.#accessNow;
    });
    // A failed import (offline) is tried again on the next Run.
    this.#access.catch(() => (this.#access = null));
    return this.#access;
  }

  /**
   * Whether runs keep a session: for the stage's settings (issue #12: a stage config, a web ACL, a Traffic panel), or
   * for the embedded services' state (issue #14: messages, records, executions and items accumulate across Runs).
   */
  #keepsSession(): boolean {
    return (
      this.#config.stageConfig !== undefined ||
      this.#config.webAcl !== undefined ||
      !!this.#config.traffic ||
      this.#config.services !== undefined
    );
  }

  /** The service panel (its module is imported on first use). */
  #servicesPanel(): Promise<ServicesPanel> {
    this.#services ??= import('./service-panel.js').then((m) =>
      m.attachServices({
        element: this,
        call: (calls) => this.serviceCalls(calls),
        failed: (error) => this.#finishWithError(error, null),
      }),
    );
    // A failed import (offline) is tried again on the next run.
    this.#services.catch(() => (this.#services = null));
    return this.#services;
  }

  /** Sends wire calls to this sandbox's embedded services (its session's), instead of its request (issue #14). */
  async serviceCalls(calls: ServiceRequest[]): Promise<RunOutcome> {
    this.#flush();
    const run = await this.#buildRun();
    delete run.before;
    return runSandbox({ ...run, serviceCalls: calls });
  }

  /** The Consume button of a queue (as clicking it does): receives and deletes its messages; the panel shows them. */
  async consume(queueUrl: string): Promise<void> {
    await (await this.#servicesPanel()).consume(queueUrl);
  }

  /** The one-line error of the stage config (or web ACL) under the Stage tab; null hides it. */
  #showStageError(message: string | null): void {
    const line = this.querySelector<HTMLElement>('[data-stage-error]');
    if (!line) return;
    line.textContent = message ?? '';
    line.hidden = message === null;
    if (message === null) this.#stageArea?.removeAttribute('aria-invalid');
    else this.#stageArea?.setAttribute('aria-invalid', 'true');
  }

  /** The run the Traffic panel repeats: the sandbox's current run (its session included), asking for traces. */
  async trafficRun(): Promise<SandboxRun> {
    this.#flush();
    const run = await this.#buildRun();
    // The panel's requests need no documented requests sent first.
    delete run.before;
    return { ...run, withTrace: true };
  }

  /** Wires the Traffic panel's Start and Stop (its module, with uPlot, is imported on the first Start). */
  #wireTraffic(): void {
    const section = this.querySelector<HTMLElement>('[data-traffic]');
    if (!section) return;
    const panel = () =>
      (this.#traffic ??= import('./traffic-panel.js').then((m) =>
        m.attachTraffic({
          section,
          run: () => this.trafficRun(),
          send: (run) => runSandbox(run),
          failed: (error) => this.#finishWithError(error, null),
        }),
      ));
    section.querySelector('[data-traffic-start]')!.addEventListener('click', () => {
      const status = section.querySelector<HTMLElement>('[data-traffic-status]')!;
      status.textContent = 'Loading the charts…';
      const loading = panel();
      loading.catch((error: unknown) => {
        // A failed import (offline) is tried again on the next Start.
        this.#traffic = null;
        status.textContent = `The Traffic panel could not load: ${error instanceof Error ? error.message : String(error)}`;
      });
      void loading.then((p) => p.start());
    });
    section
      .querySelector('[data-traffic-stop]')!
      .addEventListener('click', () => void this.#traffic?.then((p) => p.stop()));
  }

  #finishWithError(error: unknown, runtime: RuntimeKind | null): void {
    const message = error instanceof Error ? error.message : String(error);
    this.#progress(null);
    if (runtime) this.dataset.runtime = runtime;
    this.dataset.status = 'error';
    this.#setState(` · ${message}`);
    // The stage config (or web ACL) is refused: say so under the Stage tab, where the reader's text stays as it is.
    if (STAGE_ERROR.test(message)) {
      this.#showStageError(message);
      if (this.#stageArea && message.startsWith('stage config')) this.showTab('stage');
      return;
    }
    // A definition that does not parse: say so where the reader edits it.
    if (error instanceof DefinitionSyntaxError || /definition|openapi|x-amazon-apigateway/i.test(message))
      this.showTab('definition');
  }

  #setRuntimeLabel(kind: RuntimeKind): void {
    this.querySelector('[data-runtime-label]')!.textContent = `Runtime: ${RUNTIME_LABELS[kind]}`;
  }

  #setState(text: string): void {
    this.querySelector('[data-status-text]')!.classList.toggle('sb-error', this.dataset.status === 'error');
    const state = this.querySelector('[data-state]')!;
    const next = text.startsWith(' ·') ? text : ` · ${text}`;
    // The same text again is not news (the line is a live region).
    if (state.textContent !== next) state.textContent = next;
  }

  /**
   * Pyodide loads in the background while the reader reads: when this sandbox, showing Python, comes near the
   * viewport, or once the page is idle. The status line of a sandbox on screen says how it goes.
   */
  #watchPython(): void {
    if (!('python' in this.#config.languages)) return;
    watchViewport(this, {
      // The reader is getting close: load Pyodide if the sandbox shows Python (not before the page itself has loaded).
      near: () => this.#language === 'python' && preloadPythonAfterLoad(),
      onScreen: (visible) => {
        this.#onScreen = visible;
        if (visible) this.#showPython();
      },
    });
    if (this.#language === 'python') preloadPythonWhenIdle();
    onPythonState(() => this.#showPython());
    this.#showPython();
  }

  /** Shows the page's Python state (python-preload.ts) in this sandbox, when Python is its language. */
  #showPython(): void {
    if (!('python' in this.#config.languages)) return;
    const state = pythonState();
    const python = this.#language === 'python';
    const loading = python && (state.name === 'downloading' || state.name === 'starting');
    const box = this.querySelector<HTMLElement>('[data-progress]')!;
    if (loading) {
      const bar = box.querySelector('progress')!;
      if (state.name === 'downloading') {
        bar.max = 100;
        bar.value = state.percent;
      } else bar.removeAttribute('value');
      box.querySelector('[data-progress-label]')!.textContent = pythonStatusText(state);
      box.hidden = false;
    } else if (!this.#running || python) box.hidden = true;
    this.dataset.python = python ? state.name : '';
    // The live status line: its text changes in steps of 10 % (each change is announced), in the sandboxes on screen.
    const text = pythonStatusText(
      state.name === 'downloading' ? { ...state, percent: state.percent - (state.percent % 10) } : state,
    );
    if (this.#running && python && text && this.dataset.status === 'running') {
      if (state.name !== 'ready') this.#setState(text);
      else this.#setState('Running…');
    } else if (
      this.#beforeFirstRun &&
      !this.#running &&
      this.dataset.status !== 'error' &&
      (this.#onScreen || !python)
    ) {
      this.#setState(python && text ? text : 'starts on the first Run');
    }
  }

  #progress(p: RuntimeProgress | null): void {
    if (p) this.dispatchEvent(new CustomEvent('apigw-progress', { detail: p, bubbles: true }));
    // Pyodide's progress is the page's (every Python sandbox shows it): see #showPython.
    if (p && isPythonProgress(p)) return reportPythonProgress(p);
    const box = this.querySelector<HTMLElement>('[data-progress]')!;
    if (!p || p.phase === 'Python ready') {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    const bar = box.querySelector('progress')!;
    const label = box.querySelector('[data-progress-label]')!;
    if (p.total && p.loaded !== undefined) {
      bar.max = p.total;
      bar.value = p.loaded;
      label.textContent = `${p.phase}… ${(p.loaded / 1048576).toFixed(1)} of ${(p.total / 1048576).toFixed(1)} MB`;
    } else {
      bar.removeAttribute('value');
      label.textContent = `${p.phase}…`;
    }
    this.#setState(/python/i.test(p.phase) ? 'preparing Python…' : `${p.phase}…`);
  }

  // ---- rendering --------------------------------------------------------------------------------

  #panel(name: string): HTMLElement {
    return this.querySelector<HTMLElement>(`[data-panel="${name}"]`)!;
  }

  #renderRequest(request: RunRequest | null): void {
    if (!request) return;
    this.#panel('request').innerHTML = `<code>${requestHtml(this.#invokeUrl(), request)}</code>`;
  }

  #render(outcome: SandboxOutcome, run: SandboxRun): void {
    const marks = this.#marks;
    // The request as sent, its token or signature included (a run that signed in or signed it).
    if (outcome.sentRequest) this.#renderRequest(outcome.sentRequest);
    // The authorizer's and the signature's panels (issue #11) come with their module.
    if (this.#access || outcome.authorizer || outcome.signing)
      void this.#loadAccess().then((access) => access.render(outcome, run));
    // Issue #14: the call to an AWS service and the services' state, in their own panel (its module loads now).
    if (this.#config.services !== undefined || outcome.service)
      void this.#servicesPanel().then((panel) => panel.render(outcome));
    const integrationBox = this.querySelector<HTMLElement>('[data-integration-box]')!;
    integrationBox.hidden = !outcome.integrationRequest;
    if (outcome.integrationRequest)
      this.#panel('integration').innerHTML =
        `<code>${integrationRequestHtml(outcome.integrationRequest, marks)}</code>`;
    if (outcome.integrationRequest?.type === 'MOCK') {
      // A MOCK integration calls no function: its request template's output chooses the integration response.
      this.#panel('event').innerHTML =
        `<code><span class="sb-muted">No event: a MOCK integration calls no function. The integration request's body (its request template's output, above) chose the integration response: ${escapeHtml(outcome.integrationRequest.body)}</span></code>`;
      this.#panel('result').innerHTML =
        '<code><span class="sb-muted">No result: the MOCK integration answers from its integration response.</span></code>';
      this.querySelector<HTMLElement>('[data-logs-box]')!.hidden = true;
      this.#renderResponse(outcome, run);
      return;
    }
    // An upstream sandbox's integration calls the HTTP service the editor holds, not a function (or an AWS service).
    const service = this.#config.upstream !== undefined || outcome.service !== undefined;
    const callee = service ? 'service' : 'function';
    const notCalled = `<span class="sb-muted">The ${callee} was not called: the gateway answered by itself${outcome.errorDetail ? ` (${escapeHtml(outcome.errorDetail)})` : ''}.</span>`;
    this.#panel('event').innerHTML =
      `<code>${outcome.resultKind === null ? notCalled : jsonHtml(outcome.event, 'event', marks)}</code>`;

    let result: string;
    if (outcome.resultKind === null)
      result = `<span class="sb-muted">No ${service ? 'response' : 'result'}: the ${callee} was not called.</span>`;
    else if (outcome.resultKind === 'timeout') {
      result = `<span class="sb-error-text">No ${service ? 'response' : 'result'}: the integration timed out after ${run.timeoutMs} ms and the ${service ? 'service' : 'handler'} was stopped.</span>`;
    } else if (outcome.resultKind === 'error') {
      const what = service ? 'The call to the service failed' : 'Function error';
      result = `<span class="sb-error-text">${what} (the gateway answers ${outcome.response.status}):</span>\n${jsonHtml(outcome.result, 'result', marks)}`;
    } else result = jsonHtml(outcome.result, 'result', marks);
    this.#panel('result').innerHTML = `<code>${result}</code>`;

    const logsBox = this.querySelector<HTMLElement>('[data-logs-box]')!;
    logsBox.hidden = outcome.logs.length === 0;
    this.#panel('logs').textContent = outcome.logs.join('\n');

    this.#renderResponse(outcome, run);
  }

  #renderResponse(outcome: SandboxOutcome, run: SandboxRun): void {
    this.#panel('response').innerHTML = `<code>${responseHtml(outcome.response, this.#marks)}</code>`;
    const timing = this.querySelector<HTMLElement>('[data-timing]')!;
    const parts = [`gateway ${formatMs(outcome.timings.totalMs)}`];
    if (outcome.timings.integrationMs !== null) parts.push(`integration ${formatMs(outcome.timings.integrationMs)}`);
    parts.push(`round trip ${formatMs(outcome.roundTripMs)}`, RUNTIME_LABELS[outcome.runtime]);
    timing.textContent = `Timing: ${parts.join(' · ')}`;
    if (outcome.errorDetail) timing.textContent += `. Gateway: ${outcome.errorDetail}`;
    timing.hidden = false;
    this.#renderComparison(outcome, run);
  }

  /** Says whether this run reproduced the documented exchange (only when the request is the documented one). */
  #renderComparison(outcome: SandboxOutcome, run: SandboxRun): void {
    const box = this.querySelector<HTMLElement>('[data-compare]')!;
    const doc = this.#documented.languages[outcome.language];
    const sameRequest =
      run.request.method === doc.request.method &&
      run.request.path === doc.request.path &&
      (run.request.body ?? '') === (doc.request.body ?? '') &&
      JSON.stringify(run.request.headers) === JSON.stringify(doc.request.headers);
    if (!sameRequest) {
      box.hidden = true;
      return;
    }
    const note = this.#accessNow?.compareNote(outcome, run);
    if (note) {
      box.hidden = false;
      box.textContent = note;
      return;
    }
    if (run.stages && this.#api === 0) {
      // Two deployments at once: the edited definition on the documented stage, the original on the others.
      const file = this.#config.definitionFile;
      const others = run.stages
        .filter((s) => s.name !== this.#config.stage)
        .map((s) => s.name)
        .join(', ');
      box.hidden = false;
      box.textContent =
        run.stage === this.#config.stage
          ? `You edited ${file}: the ${run.stage} stage now serves a new deployment of it, while ${others} still serve${others.includes(',') ? '' : 's'} the original deployment (switch stage to compare). The data documented above is the original definition's (Reset restores it).`
          : `The ${run.stage} stage still serves the original deployment: your edit of ${file} is deployed to ${this.#config.stage} only. The data documented above is the ${this.#config.stage} stage's.`;
      return;
    }
    if (run.definition !== this.#config.definition && this.#api === 0) {
      box.hidden = false;
      box.textContent = `You edited ${this.#config.definitionFile}: the data documented above is the original definition's (Reset restores it).`;
      return;
    }
    if (this.#config.stages && run.stage !== this.#config.stage) {
      box.hidden = false;
      box.textContent = `The data documented above is the ${this.#config.stage} stage's; this run used the ${run.stage} stage (its stage variables: ${JSON.stringify(run.stageVariables ?? {})}).`;
      return;
    }
    const domain = this.#config.customDomain;
    if (domain && !run.customDomain) {
      box.hidden = false;
      box.textContent = `The data documented above is the custom domain's (${this.#config.invokeUrl}, with Host ${domain.domainName}); this run went to the stage's invoke URL (${run.invokeUrl}).`;
      return;
    }
    if (run.invokeUrl !== this.#config.invokeUrl || run.definition !== this.#config.definition) {
      // The reader switched API: the page documents the other one.
      box.hidden = false;
      box.innerHTML = `The data documented above is the ${escapeHtml(this.#config.apis?.[0]?.label ?? 'documented API')}'s; this run used the ${escapeHtml(this.api.label)}.`;
      return;
    }
    const mismatches = compareExchange(doc, outcome, this.#documented.volatile);
    box.hidden = false;
    if (mismatches.length === 0) {
      box.innerHTML = '<span class="sb-ok">✓ Same as documented above</span> (fields that vary per request aside).';
      return;
    }
    const items = mismatches
      .slice(0, 20)
      .map(
        (m) =>
          `<li><code>${escapeHtml(m.field)}</code>: documented ${escapeHtml(JSON.stringify(m.documented) ?? 'nothing')}, now ${escapeHtml(JSON.stringify(m.actual) ?? 'nothing')}</li>`,
      )
      .join('');
    box.innerHTML = `<details><summary><span class="sb-diff">${mismatches.length} difference${mismatches.length === 1 ? '' : 's'} from the documented exchange</span></summary><ul>${items}</ul></details>`;
  }
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

if (!customElements.get('apigw-sandbox')) {
  customElements.define('apigw-sandbox', ApigwSandbox);
  // Only pages with sandboxes load this module, from their head: the emulator's workers start now, off the page's
  // thread, while the page is parsed (the first sandbox set up sends them its run to ready themselves for).
  warmWorker();
}
listenForCopyAsCurl();

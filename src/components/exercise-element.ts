/**
 * <apigw-exercise>: the page side of an exercise (Exercise.astro). The reader's code is kept per language (localStorage:
 * their edits are never lost, Reset brings the starter code back); Check runs it, beside the example's handler, through
 * the sandbox runtime for each check in turn and lists how each went. CodeMirror replaces the textarea on first focus.
 */
import type { CheckResult } from '../examples/exercise.js';
import { runChecks, summaryOf } from '../examples/exercise.js';
import type { Language } from '../examples/types.js';
import { runSandbox } from '../runtime/select-runtime.js';
import type { SandboxRun } from '../runtime/types.js';
import { wireChanges, type ChangesView } from './exercise-changes.js';
import { EXERCISE_LANGUAGES, editedLabel, type ExerciseConfig } from './exercise-config.js';
import { recordProgress, storage } from './exercise-progress.js';
import { codeArea, type CodeArea } from './code-area.js';

const STORAGE_PREFIX = 'apigw-lab:exercise';

class ExerciseElement extends HTMLElement {
  /** The results of the last Check (e2e contract). */
  lastResults: CheckResult[] | null = null;
  #config!: ExerciseConfig;
  #language: Language = 'python';
  #area!: CodeArea;
  #changes: ChangesView | null = null;

  connectedCallback(): void {
    if (this.#area) return;
    const data = this.querySelector<HTMLScriptElement>('script[data-config]');
    if (!data) return;
    this.#config = JSON.parse(data.textContent ?? '{}') as ExerciseConfig;
    const textarea = this.querySelector<HTMLTextAreaElement>('textarea[data-code]')!;
    this.#language = (this.dataset.language as Language | undefined) ?? 'python';
    const saved = storage()?.getItem(this.#key(this.#language));
    if (saved !== null && saved !== undefined) textarea.value = saved;
    this.#area = codeArea(textarea, {
      language: () => this.#editorLanguage(),
      label: () => this.#label(),
      onChange: () => this.#save(),
    });
    for (const radio of this.querySelectorAll<HTMLInputElement>('input[type="radio"]')) {
      radio.addEventListener('change', () => radio.checked && this.#switchLanguage(radio.value as Language));
    }
    this.querySelector('[data-action="check"]')!.addEventListener('click', () => void this.#check());
    this.querySelector('[data-action="reset"]')!.addEventListener('click', () => this.#reset());
    this.#changes = wireChanges(
      this,
      () => this.#starter(this.#language),
      () => this.#code(),
      () => this.#fileName(),
    );
  }

  /** The edited file's name, for the diff: the function's module file, or stage.json. */
  #fileName(): string {
    const fn = this.#config.exercise?.languages[this.#language];
    if (!fn) return 'stage.json';
    return `${fn.moduleName}.${this.#language === 'python' ? 'py' : 'ts'}`;
  }

  #key(language: Language): string {
    return `${STORAGE_PREFIX}:${this.#config.id}:${this.#config.edit === 'stageConfig' ? 'stageConfig' : language}`;
  }

  /** The starter text: the function's starter code in a language, or the stage config. */
  #starter(language: Language): string {
    return this.#config.exercise ? this.#config.exercise.languages[language].source : (this.#config.stageConfig ?? '');
  }

  /** The editor's highlighting: the language's, or YAML's for the stage config (JSON is YAML). */
  #editorLanguage(): import('./editor.js').EditorLanguage {
    return this.#config.edit === 'stageConfig' ? 'yaml' : this.#language;
  }

  #code(): string {
    return this.#area.value();
  }

  #setCode(source: string): void {
    this.#area.set(source, this.#editorLanguage());
  }

  #save(): void {
    try {
      storage()?.setItem(this.#key(this.#language), this.#code());
    } catch {
      // Storage full or refused: the edit stays in the editor.
    }
    this.#changes?.refresh();
  }

  #label(): string {
    return editedLabel(this.#config.edit, this.#language, this.#config.label);
  }

  #switchLanguage(language: Language): void {
    this.#save();
    this.#language = language;
    this.dataset.language = language;
    const saved = storage()?.getItem(this.#key(language));
    this.#setCode(saved ?? this.#starter(language));
    this.#changes?.refresh();
    this.#area.setLabel(this.#label());
    for (const solution of this.querySelectorAll<HTMLElement>('[data-solution]')) {
      solution.hidden = solution.dataset.solution !== language;
    }
  }

  #reset(): void {
    storage()?.removeItem(this.#key(this.#language));
    this.#setCode(this.#starter(this.#language));
    this.#changes?.refresh();
  }

  /**
   * The run of one check's request (sent `burst` times at once for a burst) with the reader's work: their code as the
   * exercise's function (the handler itself, or another function beside it), or their stage config.
   */
  #runOf(request: SandboxRun['request'], code: string, burst?: number): SandboxRun {
    const { handler } = this.#config;
    const editsHandler = this.#config.exercise?.name === handler.name;
    const exercise = editsHandler ? undefined : this.#config.exercise;
    const language = this.#language;
    const h = handler.languages[language];
    const e = exercise?.languages[language];
    return {
      language,
      handlerSource: editsHandler ? code : h.source,
      ...(h.compiled !== undefined && !editsHandler ? { handlerCode: h.compiled } : {}),
      definition: this.#config.definition,
      apiId: this.#config.apiId,
      apiType: 'REST',
      stage: this.#config.stage,
      invokeUrl: this.#config.invokeUrl,
      functionName: handler.name,
      handlerName: h.handlerName,
      moduleName: h.moduleName,
      ...(exercise && e
        ? { functions: [{ name: exercise.name, source: code, handlerName: e.handlerName, moduleName: e.moduleName }] }
        : editsHandler
          ? {}
          : { stageConfig: code }),
      ...(burst !== undefined ? { burst } : {}),
      request,
    } as SandboxRun;
  }

  async #check(): Promise<void> {
    const summary = this.querySelector<HTMLElement>('[data-summary]')!;
    const list = this.querySelector<HTMLOListElement>('[data-results]')!;
    const button = this.querySelector<HTMLButtonElement>('[data-action="check"]')!;
    this.#save();
    const code = this.#code();
    this.dataset.status = 'checking';
    button.disabled = true;
    const what = this.#config.exercise ? `${EXERCISE_LANGUAGES[this.#language]} code` : 'stage config';
    summary.textContent = `Checking your ${what} against ${this.#config.checks.length} checks…`;
    try {
      const results = await runChecks(this.#config, async (request, burst) => {
        const outcome = await runSandbox(this.#runOf(request, code, burst));
        return {
          status: outcome.response.status,
          body: outcome.response.body,
          headers: outcome.response.headers,
          ...(outcome.burstStatuses ? { statuses: outcome.burstStatuses } : {}),
        };
      });
      this.lastResults = results;
      list.replaceChildren(...results.map((r) => resultItem(r)));
      list.hidden = false;
      const passed = results.every((r) => r.pass);
      summary.textContent = passed ? `${summaryOf(results)}: well done.` : `${summaryOf(results)}.`;
      this.dataset.status = passed ? 'passed' : 'failed';
      recordProgress(this.#config.id, passed);
    } catch (error) {
      summary.textContent = `The check could not run: ${error instanceof Error ? error.message : String(error)}`;
      this.dataset.status = 'error';
    } finally {
      button.disabled = false;
    }
  }
}

/** One check's line: its title, pass or fail, and the status expected and got (the body when it failed). */
function resultItem(result: CheckResult): HTMLLIElement {
  const li = document.createElement('li');
  li.className = result.pass ? 'apigw-check-pass' : 'apigw-check-fail';
  const mark = document.createElement('strong');
  mark.textContent = result.pass ? 'Pass' : 'Fail';
  li.append(mark, `: ${result.title}`);
  const detail = document.createElement('span');
  detail.className = 'apigw-check-detail';
  if (result.kind === 'throttled') {
    detail.textContent = result.pass
      ? ` (${result.actual} throttled: ${result.detail})`
      : ` (expected ${result.expected} throttled, got ${result.actual ?? 'no answer'}: ${result.detail.slice(0, 200)})`;
  } else if (result.why !== undefined) {
    detail.textContent = ` (status ${result.actual}, but ${result.why}: ${result.detail.slice(0, 200)})`;
  } else {
    detail.textContent = result.pass
      ? ` (${result.actual})`
      : ` (expected ${result.expected}, got ${result.actual ?? 'no answer'}: ${result.detail.slice(0, 200)})`;
  }
  li.append(detail);
  return li;
}

if (!customElements.get('apigw-exercise')) customElements.define('apigw-exercise', ExerciseElement);

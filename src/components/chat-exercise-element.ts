/**
 * <apigw-chat-exercise>: the page side of a chat exercise (ChatExercise.astro). The reader's handler is kept per
 * language in localStorage (Reset brings the starter back); Check loads the chat runtime (the in-page Worker), deploys
 * the reader's code afresh for each check and replays its conversation (chat-exercise.ts). CodeMirror replaces the
 * textarea on first focus. The checks' code and the runtime load on the first Check (the page's eager part stays small).
 */
import type { Language } from '../examples/types.js';
import { chatCodeLabel, chatFunctionInput, chatStorageKey, CHAT_LANGUAGES, type ChatConfig } from './chat-config.js';
import type { ChatCheckResult, ChatExerciseCheck } from './chat-exercise.js';
import type { ChatSandbox } from './chat-types.js';
import { wireChanges, type ChangesView } from './exercise-changes.js';
import { recordProgress } from './exercise-progress.js';
import { codeArea, type CodeArea } from './code-area.js';

type Config = ChatConfig & { id: string; checks: ChatExerciseCheck[] };

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

class ChatExerciseElement extends HTMLElement {
  /** The results of the last Check (e2e contract). */
  lastResults: ChatCheckResult[] | null = null;
  #config!: Config;
  #language: Language = 'python';
  #area!: CodeArea;
  #sandbox: Promise<ChatSandbox> | null = null;
  #changes: ChangesView | null = null;

  connectedCallback(): void {
    if (this.#area) return;
    const data = this.querySelector<HTMLScriptElement>('script[data-config]');
    if (!data) return;
    this.#config = JSON.parse(data.textContent ?? '{}') as Config;
    const textarea = this.querySelector<HTMLTextAreaElement>('textarea[data-code]')!;
    this.#language = (this.dataset.language as Language | undefined) ?? 'python';
    const saved = storage()?.getItem(this.#key(this.#language));
    if (saved != null) textarea.value = saved;
    this.#area = codeArea(textarea, {
      language: () => this.#language,
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
      () => this.#config.languages[this.#language].file,
    );
  }

  #key = (language: Language) => chatStorageKey(this.#config.example, language);
  #starter = (language: Language) => this.#config.languages[language].source;
  #label = () => chatCodeLabel(this.#config.languages[this.#language], this.#language);
  #code = () => this.#area.value();

  #setCode(source: string): void {
    this.#area.set(source, this.#language);
  }

  #save(): void {
    const code = this.#code();
    if (code === this.#starter(this.#language)) storage()?.removeItem(this.#key(this.#language));
    else storage()?.setItem(this.#key(this.#language), code);
    this.#changes?.refresh();
  }

  #switchLanguage(language: Language): void {
    this.#save();
    this.#language = language;
    this.dataset.language = language;
    this.#setCode(storage()?.getItem(this.#key(language)) ?? this.#starter(language));
    this.#changes?.refresh();
    this.#area.setLabel(this.#label());
    for (const s of this.querySelectorAll<HTMLElement>('[data-solution]')) s.hidden = s.dataset.solution !== language;
  }

  #reset(): void {
    storage()?.removeItem(this.#key(this.#language));
    this.#setCode(this.#starter(this.#language));
    this.#changes?.refresh();
  }

  async #check(): Promise<void> {
    const summary = this.querySelector<HTMLElement>('[data-summary]')!;
    const list = this.querySelector<HTMLOListElement>('[data-results]')!;
    const button = this.querySelector<HTMLButtonElement>('[data-action="check"]')!;
    this.#save();
    const language = this.#language;
    const code = this.#config.languages[language];
    const source = this.#code();
    this.dataset.status = 'checking';
    button.disabled = true;
    summary.textContent = `Checking your ${CHAT_LANGUAGES[language]} code against ${this.#config.checks.length} checks…`;
    try {
      const [{ chatSummaryOf, runChatChecks }, { createChatSandbox, progressText }] = await Promise.all([
        import('./chat-exercise.js'),
        import('./chat-runtime.js'),
      ]);
      this.#sandbox ??= createChatSandbox(
        (p) => (summary.textContent = `${progressText(p)} Then ${this.#config.checks.length} checks.`),
      );
      this.#sandbox.catch(() => (this.#sandbox = null));
      const sandbox = await this.#sandbox;
      const input = {
        definition: this.#config.definition,
        language,
        functions: { [this.#config.functionName]: chatFunctionInput(code, source) },
        stage: this.#config.stage,
      };
      const results = await runChatChecks(this.#config.checks, async () => {
        await sandbox.deploy(input);
        return sandbox;
      });
      this.lastResults = results;
      list.replaceChildren(...results.map(resultItem));
      list.hidden = false;
      const passed = results.every((r) => r.pass);
      summary.textContent = passed ? `${chatSummaryOf(results)}: well done.` : `${chatSummaryOf(results)}.`;
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

/** One check's line: its title, pass or fail, and what went wrong. */
function resultItem(result: ChatCheckResult): HTMLLIElement {
  const li = document.createElement('li');
  li.className = result.pass ? 'apigw-check-pass' : 'apigw-check-fail';
  const mark = document.createElement('strong');
  mark.textContent = result.pass ? 'Pass' : 'Fail';
  li.append(mark, `: ${result.title}`);
  if (!result.pass) {
    const detail = document.createElement('span');
    detail.className = 'apigw-check-detail';
    detail.textContent = ` (${result.problems.join('; ').slice(0, 400)})`;
    li.append(detail);
  }
  return li;
}

if (!customElements.get('apigw-chat-exercise')) customElements.define('apigw-chat-exercise', ChatExerciseElement);

/**
 * The definition panel of <ClientSdk>: the reader edits the API definition (kept in localStorage; Reset brings the
 * documented one back) and presses "Generate the client"; the generator's Worker (sdk-generate.ts, loaded on that
 * first press) exports the definition as the CLI does and generates the client with the CLI's generator. Progress,
 * timings and one-line errors go to the panel's status; the element swaps the client in (onGenerated).
 *
 * L: a definition kept from an earlier visit is shown, not generated: the client shown (and run) stays the documented
 * one until the reader presses Generate, which downloads the generator.
 *
 * Contract (e2e): the element's data-generate="loading"|"generating"|"done"|"error".
 */
import { DEFINITION_LABEL, methodNames, type ClientSdkConfig } from './client-sdk-config.js';
import { codeArea, type CodeArea } from './code-area.js';
import type { GenerateProgress } from './sdk-generate.js';
import type { SdkGenerated } from './sdk-protocol.js';

/** localStorage, or null where the page may not use it. */
function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Bytes as megabytes with one decimal (`37.5 MB`). */
export const megabytes = (bytes: number): string => `${(bytes / 1_000_000).toFixed(1)} MB`;

/** Milliseconds as seconds with one decimal (`1.2 s`). */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The status line while the generator loads or runs. */
export function progressText(progress: GenerateProgress): string {
  if (progress.type === 'generating') return 'Generating the client…';
  if (progress.total <= 0) return `Loading the generator… (${megabytes(progress.loaded)} received)`;
  return `Loading the generator (${megabytes(progress.total)})… ${Math.floor((100 * progress.loaded) / progress.total)}%`;
}

/** The status line once a client is generated. */
export function doneText(generated: SdkGenerated, methods: number): string {
  const lines = generated.client.split('\n').length - 1;
  const loaded = generated.loadMs > 0 ? ` (the generator loaded in ${seconds(generated.loadMs)})` : '';
  return `Generated ${generated.fileName} from your definition: ${methods} method${methods === 1 ? '' : 's'}, ${lines} lines, in ${seconds(generated.generateMs)}${loaded}. Run the client uses it now.`;
}

export interface DefinitionPanelOptions {
  root: HTMLElement;
  config: ClientSdkConfig;
  /** A client was generated from the reader's definition. */
  onGenerated: (generated: SdkGenerated) => void;
  /** Reset: the documented definition, and its client, are back. */
  onReset: () => void;
  /** The element's data-generate. */
  setState: (state: 'loading' | 'generating' | 'done' | 'error' | 'reset') => void;
}

export class DefinitionPanel {
  readonly #options: DefinitionPanelOptions;
  readonly #definition: CodeArea;
  readonly #status: HTMLElement;
  readonly #button: HTMLButtonElement;
  /** Counts Generates and Resets: a Generate whose count moved on (Reset pressed meanwhile) is dropped. */
  #generation = 0;

  constructor(options: DefinitionPanelOptions) {
    this.#options = options;
    const { root } = options;
    const textarea = root.querySelector<HTMLTextAreaElement>('textarea[data-definition]')!;
    this.#status = root.querySelector<HTMLElement>('[data-generate-status]')!;
    this.#button = root.querySelector<HTMLButtonElement>('[data-action="generate"]')!;
    const saved = storage()?.getItem(this.#key());
    if (saved !== null && saved !== undefined && saved !== options.config.definition) {
      textarea.value = saved;
      this.#status.textContent =
        'Your edited definition is back (kept in this browser); the client shown is the documented one until you generate.';
    }
    this.#definition = codeArea(textarea, {
      language: () => 'yaml',
      label: () => DEFINITION_LABEL,
      onChange: () => this.#save(),
    });
    this.#button.addEventListener('click', () => void this.#generate());
    root.querySelector('[data-action="reset-definition"]')!.addEventListener('click', () => this.#reset());
  }

  #key(): string {
    return `apigw-lab:client-sdk:${this.#options.config.example}:definition`;
  }

  #text(): string {
    return this.#definition.value();
  }

  #save(): void {
    const text = this.#text();
    if (text === this.#options.config.definition) storage()?.removeItem(this.#key());
    else storage()?.setItem(this.#key(), text);
  }

  #reset(): void {
    // A Generate still loading belongs to the definition being replaced: its client must not come back after this.
    this.#generation++;
    storage()?.removeItem(this.#key());
    const { definition } = this.#options.config;
    this.#definition.set(definition, 'yaml');
    this.#status.textContent = 'The documented definition and its client are back.';
    this.#button.disabled = false;
    this.#options.setState('reset');
    this.#options.onReset();
  }

  async #generate(): Promise<void> {
    const { config, setState } = this.#options;
    const generation = ++this.#generation;
    const current = () => generation === this.#generation;
    this.#save();
    this.#button.disabled = true;
    setState('loading');
    this.#status.textContent = 'Loading the generator…';
    try {
      const { generateInWorker } = await import('./sdk-generate.js');
      const generated = await generateInWorker(
        {
          definition: this.#text(),
          apiId: config.run.apiId,
          endpointType: config.run.endpointType,
          stage: config.run.stage,
        },
        (progress) => {
          if (!current()) return;
          setState(progress.type === 'generating' ? 'generating' : 'loading');
          this.#status.textContent = progressText(progress);
        },
      );
      if (!current()) return;
      this.#options.onGenerated(generated);
      this.#status.textContent = doneText(generated, methodNames(generated.client).length);
      setState('done');
    } catch (error) {
      if (!current()) return;
      const failure = (error as { failure?: string }).failure;
      const message = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
      this.#status.textContent =
        failure === 'definition'
          ? `Your definition was not used: ${message}. The previous client is kept.`
          : `The generator failed: ${message}. The previous client is kept.`;
      setState('error');
    } finally {
      if (current()) this.#button.disabled = false;
    }
  }
}

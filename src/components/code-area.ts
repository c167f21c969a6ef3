/**
 * A code text area that becomes a CodeMirror editor (editor.ts, loaded lazily) on the reader's first focus: the text
 * and the selection carry over, the text area is hidden, and when the editor cannot load (offline) the plain text area
 * keeps working. One place for what the sandbox's neighbours (exercises, the chat, the client SDK) each need.
 */
import type { CodeEditor, EditorLanguage } from './editor.js';

export interface CodeAreaOptions {
  /** The highlighting language, read when the editor loads. */
  language: () => EditorLanguage;
  /** The accessible name, read when the editor loads. */
  label: () => string;
  /** Called after each edit, in the text area or the editor. */
  onChange: () => void;
  /**
   * Whether the area listens to its text area itself (`input` → onChange, `focus` → upgrade). False when the
   * owner delegates events (the chat) and calls `upgrade()` and its own onChange.
   */
  listen?: boolean;
}

export interface CodeArea {
  readonly textarea: HTMLTextAreaElement;
  /** The text, from the editor once it is loaded. */
  value(): string;
  /** Replaces the text in both the text area and the editor; with a language, switches the highlighting too. */
  set(text: string, language?: EditorLanguage): void;
  setLabel(label: string): void;
  /** Loads the editor in place of the text area; a no-op once loaded or while loading. */
  upgrade(): Promise<void>;
}

/** Warms the editor's chunk (on hover), so that the first focus upgrades at once; failures are ignored. */
export const preloadEditor = (): void => void import('./editor.js').catch(() => undefined);

/** Wraps `textarea` as a code area (see the module comment). */
export function codeArea(textarea: HTMLTextAreaElement, options: CodeAreaOptions): CodeArea {
  let editor: CodeEditor | null = null;
  let loading = false;
  const area: CodeArea = {
    textarea,
    value: () => (editor ? editor.getValue() : textarea.value),
    set(text, language) {
      textarea.value = text;
      editor?.setValue(text, language);
    },
    setLabel(label) {
      textarea.setAttribute('aria-label', label);
      editor?.setLabel(label);
    },
    async upgrade() {
      if (editor || loading) return;
      loading = true;
      try {
        const { createCodeEditor } = await import('./editor.js');
        const hadFocus = document.activeElement === textarea;
        editor = createCodeEditor({
          parent: textarea.parentElement!,
          doc: textarea.value,
          language: options.language(),
          label: options.label(),
          selection: { anchor: textarea.selectionStart, head: textarea.selectionEnd },
          onChange: options.onChange,
        });
        textarea.hidden = true;
        textarea.tabIndex = -1;
        if (hadFocus) editor.focus();
      } catch (error) {
        // Offline: the plain text area keeps working.
        console.warn('apigw-lab: the code editor could not start; the plain text area stays.', error);
      } finally {
        loading = false;
      }
    },
  };
  if (options.listen !== false) {
    textarea.addEventListener('input', options.onChange);
    // Not once: after a failed load (offline), the next focus tries again.
    textarea.addEventListener('focus', () => void area.upgrade());
  }
  return area;
}

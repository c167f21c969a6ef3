/**
 * The sandbox's code editors (CodeMirror 6): the handler (or HTTP service) and the API definition (openapi.yaml).
 * Loaded on the reader's first move towards the code; one factory for every language.
 * Colours follow Starlight's theme (light/dark, switched live through `data-theme` on <html>).
 * Keyboard: Tab indents; Escape then Tab (or Ctrl+M / Shift+Alt+M on macOS) lets Tab leave the editor (CodeMirror's
 * tab focus mode).
 */
import { EditorView, basicSetup } from 'codemirror';
import { Compartment, EditorSelection, EditorState } from '@codemirror/state';
import { indentUnit, syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { keymap } from '@codemirror/view';
import { indentWithTab } from '@codemirror/commands';
import { python } from '@codemirror/lang-python';
import { javascript } from '@codemirror/lang-javascript';
import { yaml } from '@codemirror/lang-yaml';
import { oneDarkHighlightStyle } from '@codemirror/theme-one-dark';
import type { Language } from '../examples/types.js';

/** The languages a code editor highlights: a handler's (Python, TypeScript) or the API definition's (YAML). */
export type EditorLanguage = Language | 'yaml';

export interface CodeEditor {
  getValue(): string;
  /** Replaces the text (the cursor goes to the start); with a language, switches to it too. */
  setValue(source: string, language?: EditorLanguage): void;
  setLabel(label: string): void;
  focus(): void;
  destroy(): void;
}

const languageExtension = (language: EditorLanguage) =>
  language === 'python'
    ? [python(), indentUnit.of('    ')]
    : language === 'yaml'
      ? [yaml(), indentUnit.of('  ')]
      : [javascript({ typescript: true }), indentUnit.of('  ')];

const isDark = () => document.documentElement.dataset.theme !== 'light';
// Not a fallback: basicSetup's fallback (defaultHighlightStyle) comes first and would win, in dark mode too.
const highlight = () => syntaxHighlighting(isDark() ? oneDarkHighlightStyle : defaultHighlightStyle);

const chrome = EditorView.theme({
  '&': { backgroundColor: 'var(--sl-color-black)', color: 'var(--sl-color-white)' },
  '.cm-content': { caretColor: 'var(--sl-color-white)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--sl-color-white)' },
  '.cm-gutters': {
    backgroundColor: 'var(--sl-color-gray-6)',
    color: 'var(--sl-color-gray-3)',
    borderRight: '1px solid var(--sl-color-gray-5)',
  },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--sl-color-gray-5) 25%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--sl-color-gray-5)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
    backgroundColor: 'color-mix(in srgb, var(--sl-color-accent) 35%, transparent) !important',
  },
  '&.cm-focused': { outline: '2px solid var(--sl-color-text-accent)', outlineOffset: '-2px' },
});

/** A code editor in `parent`, holding `doc` (a textarea's text and selection, when it replaces one). */
export function createCodeEditor(options: {
  parent: HTMLElement;
  doc: string;
  language: EditorLanguage;
  label: string;
  selection?: { anchor: number; head: number };
  onChange: () => void;
}): CodeEditor {
  const lang = new Compartment();
  const colours = new Compartment();
  const attrs = new Compartment();
  const view = new EditorView({
    parent: options.parent,
    state: EditorState.create({
      doc: options.doc,
      selection: options.selection
        ? EditorSelection.single(
            Math.min(options.selection.anchor, options.doc.length),
            Math.min(options.selection.head, options.doc.length),
          )
        : undefined,
      extensions: [
        basicSetup,
        keymap.of([indentWithTab]),
        lang.of(languageExtension(options.language)),
        colours.of(highlight()),
        chrome,
        attrs.of(EditorView.contentAttributes.of({ 'aria-label': options.label })),
        EditorView.updateListener.of((update) => update.docChanged && options.onChange()),
      ],
    }),
  });
  const observer = new MutationObserver(() => view.dispatch({ effects: colours.reconfigure(highlight()) }));
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return {
    getValue: () => view.state.doc.toString(),
    setValue(source, language) {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: source },
        selection: EditorSelection.cursor(0),
        ...(language ? { effects: lang.reconfigure(languageExtension(language)) } : {}),
      });
    },
    setLabel(label) {
      view.dispatch({ effects: attrs.reconfigure(EditorView.contentAttributes.of({ 'aria-label': label })) });
    },
    focus: () => view.focus(),
    destroy() {
      observer.disconnect();
      view.destroy();
    },
  };
}

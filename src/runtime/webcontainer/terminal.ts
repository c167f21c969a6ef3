/**
 * An xterm.js terminal in the page that shows the container's server output (its start-up banner,
 * the function's logs and the access log). Loaded only when the page asks for a terminal.
 */
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';

/** A terminal the runtime writes to. */
export interface TerminalSink {
  write(chunk: string): void;
  dispose(): void;
}

/** Opens a read-only terminal in `element`. */
export function openTerminal(element: HTMLElement): TerminalSink {
  const terminal = new Terminal({ convertEol: true, disableStdin: true, rows: 12, fontSize: 13, scrollback: 2000 });
  terminal.open(element);
  return {
    write: (chunk) => terminal.write(chunk),
    dispose: () => terminal.dispose(),
  };
}

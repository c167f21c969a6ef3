/** The default access log line moved to the emulator's observability module; re-exported for the CLI's callers. */
export { formatClfLine as formatAccessLogLine } from '../emulator/observability/access-log.js';

export interface LineWriter {
  write(line: string): void;
  /** Writes what is pending now. */
  flush(): void;
}

/**
 * Collects lines and writes them in one `write` per turn of the event loop, so a busy server
 * makes one system call per batch rather than one per request.
 */
export function batchedLineWriter(stream: { write(chunk: string): unknown }): LineWriter {
  let pending = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!pending) return;
    const out = pending;
    pending = '';
    stream.write(out);
  };
  return {
    write(line) {
      pending += `${line}\n`;
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}

/** Exit codes: 2 for problems with what the user gave us (flags, files, definitions), 1 for failures at run time. */
export const EXIT_USAGE = 2;
export const EXIT_RUNTIME = 1;

/**
 * A problem the CLI reports as one readable message (no stack trace) before exiting.
 * `hint` is printed on a second line when present (e.g. "run apigw-lab serve --help").
 */
export class CliError extends Error {
  readonly exitCode: number;
  readonly hint: string | undefined;
  constructor(message: string, options: { exitCode?: number; hint?: string } = {}) {
    super(message);
    this.name = 'CliError';
    this.exitCode = options.exitCode ?? EXIT_USAGE;
    this.hint = options.hint;
  }
}

/** A Node system error's code (`ENOENT`, `EADDRINUSE`…), if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** The first line of an error's message, for one-line reports. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n', 1)[0]!.trim() || String(error);
}

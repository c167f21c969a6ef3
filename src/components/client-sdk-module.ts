/**
 * The module "Run the client" imports: the generated client and the reader's usage code, types stripped by sucrase,
 * the usage code as the default export, an async function of `customFetch`. Pure (sucrase only).
 */
import { transpileTypeScript } from '../runtime/worker/transpile.js';

/** The usage code as the body of an async function of `customFetch` (line 1 of the code is line 2 here). */
const wrap = (usage: string): string => `export default async function (customFetch) {\n${usage}\n}\n`;

/** A syntax error's `(line:column)` in the usage code's own numbering. */
const unwrapLine = (message: string): string =>
  message.replace(/\((\d+):(\d+)\)/, (_m, line: string, column: string) => `(${Number(line) - 1}:${column})`);

/** The client compiled to JavaScript (throws UserCodeSyntaxError if it does not parse). */
export const compileClient = (client: string, fileName: string): string => transpileTypeScript(client, fileName);

/**
 * The module's text: the compiled client, then the usage code compiled. A syntax error in the usage code throws an
 * Error whose message names its line and column as the reader sees them (`… (3:14) in usage.ts`).
 */
export function clientModule(compiledClient: string, usage: string): string {
  let code: string;
  try {
    code = transpileTypeScript(wrap(usage), 'usage.ts');
  } catch (error) {
    throw new Error(unwrapLine(error instanceof Error ? error.message : String(error)));
  }
  return `${compiledClient}\n${code}`;
}

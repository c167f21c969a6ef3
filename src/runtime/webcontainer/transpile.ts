/**
 * TypeScript handler (and the example's HTTP service, upstream.ts) → plain ESM JavaScript, before it
 * is mounted in the WebContainer (Node there runs JavaScript only). Sucrase: small, synchronous, and it only strips types, so line numbers in
 * the handler's stack traces stay the reader's. Pure: runs in the page.
 */
import { transform } from 'sucrase';

/** Strips the TypeScript from a module's source, keeping its ES module imports and exports; throws a SyntaxError on bad source. */
export function transpileHandler(source: string, filePath = 'handler.ts'): string {
  try {
    return transform(source, {
      transforms: ['typescript'],
      // Node runs modern syntax as written: only the types go.
      disableESTransforms: true,
      filePath,
    }).code;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SyntaxError(message);
  }
}

/**
 * The module to mount: the transpiled source, or, when it does not compile, a module that throws the
 * SyntaxError on import, so a handler's invocation fails as Lambda's does (Runtime.UserCodeSyntaxError)
 * and a request to the HTTP service fails as a network error, with the reason.
 */
export function handlerModule(source: string, filePath = 'handler.ts'): string {
  const key = `${filePath}\u0000${source}`;
  const known = modules.get(key);
  if (known !== undefined) return known;
  let module: string;
  try {
    module = transpileHandler(source, filePath);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    module = `throw new SyntaxError(${JSON.stringify(message)});\n`;
  }
  if (modules.size >= MODULES_KEPT) modules.delete(modules.keys().next().value!);
  modules.set(key, module);
  return module;
}

/**
 * Modules already made, by file and source: every run builds the container's file tree again (a Traffic panel's
 * hundreds of runs a minute with one handler), and the same source makes the same module.
 */
const modules = new Map<string, string>();
const MODULES_KEPT = 8;

/**
 * TypeScript handler → plain ESM JavaScript, before it is mounted in the WebContainer (Node there
 * runs JavaScript only). Sucrase: small, synchronous, and it only strips types, so line numbers in
 * the handler's stack traces stay the reader's. Pure: runs in the page.
 */
import { transform } from 'sucrase';

/** Strips the TypeScript from a handler's source, keeping its ES module imports and exports; throws a SyntaxError on bad source. */
export function transpileHandler(source: string): string {
  try {
    return transform(source, {
      transforms: ['typescript'],
      // Node runs modern syntax as written: only the types go.
      disableESTransforms: true,
      filePath: 'handler.ts',
    }).code;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SyntaxError(message);
  }
}

/**
 * The handler module to mount: the transpiled source, or, when it does not compile, a module that
 * throws the SyntaxError on import, so the invocation fails as Lambda's does (Runtime.UserCodeSyntaxError).
 */
export function handlerModule(source: string): string {
  try {
    return transpileHandler(source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return `throw new SyntaxError(${JSON.stringify(message)});\n`;
  }
}

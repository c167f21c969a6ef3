/** TypeScript → JavaScript in the browser: sucrase strips the types and leaves an ES module. */
import { transform } from 'sucrase';

/** A syntax error in the reader's handler, named as the Lambda Node.js runtime names it. */
export class UserCodeSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Runtime.UserCodeSyntaxError';
  }
}

/** Strips TypeScript syntax; throws UserCodeSyntaxError with line and column for code that does not parse. */
export function transpileTypeScript(source: string, fileName = 'index.ts'): string {
  try {
    return (
      transform(source, {
        transforms: ['typescript'],
        disableESTransforms: true,
        preserveDynamicImport: true,
        keepUnusedImports: false,
        filePath: fileName,
      }).code + `\n//# sourceURL=${fileName}`
    );
  } catch (error) {
    // sucrase: `Error transforming <file>: Unexpected token, expected "," (1:41)`
    const message = (error instanceof Error ? error.message : String(error)).replace(/^Error transforming [^:]*: /, '');
    throw new UserCodeSyntaxError(`SyntaxError: ${message} in ${fileName}`);
  }
}

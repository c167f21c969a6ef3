/**
 * A function's handler file as the bundle holds it: `src/<function>/<module>.<ext>` with the SAM `Handler` and
 * `Runtime` that run it. TypeScript is compiled to an ES module (`.mjs`) with sucrase, as the page's runtime does.
 *
 * L: the choice between compiled `.mjs` and SAM's `Metadata: BuildMethod: esbuild`: esbuild builds need esbuild
 * installed beside the project (npm) and a package.json per function; a compiled `.mjs` deploys with `sam build`
 * alone, runs as is in `apigw-lab serve`, and stays readable (sucrase only strips the types). The TypeScript source
 * is kept beside it (`<module>.ts`, not run) so the reader keeps editing the typed version.
 */
import { transform } from 'sucrase';

/** Lambda runtimes of the exported functions (supported, not deprecated: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html). */
export const PYTHON_RUNTIME = 'python3.13';
export const NODE_RUNTIME = 'nodejs22.x';

export interface BundleFunction {
  /** The Lambda function's name (as the definition's integration URIs name it). */
  name: string;
  /** The handler file's name (`items_handler.py`, `items_handler.ts`). */
  fileName: string;
  source: string;
  /** The export Lambda calls: `lambda_handler` (Python), `handler` (Node.js). */
  exportName: string;
}

export interface BundledHandler {
  /** `src/items_handler/` */
  codeUri: string;
  /** `items_handler.lambda_handler` */
  handler: string;
  runtime: string;
  /** Bundle paths → contents (the file Lambda runs, and the TypeScript source beside its compiled module). */
  files: Record<string, string>;
}

/** A folder name for a function's code: its name, kept to characters safe in a path. */
export function codeFolderOf(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^\.+/, '_') || 'function';
}

/** The file, handler and runtime of one function; throws a one-line Error for a file Lambda cannot run. */
export function bundleHandler(fn: BundleFunction): BundledHandler {
  const dot = fn.fileName.lastIndexOf('.');
  const base = (dot > 0 ? fn.fileName.slice(0, dot) : fn.fileName).replace(/[^A-Za-z0-9_-]+/g, '_') || 'handler';
  const ext = dot > 0 ? fn.fileName.slice(dot).toLowerCase() : '';
  const codeUri = `src/${codeFolderOf(fn.name)}/`;
  const handler = `${base}.${fn.exportName}`;
  if (ext === '.py') {
    if (!/^[A-Za-z_]\w*$/.test(base))
      throw new Error(`function "${fn.name}": ${fn.fileName} is not an importable Python module name`);
    return {
      codeUri,
      handler,
      runtime: PYTHON_RUNTIME,
      files: { [`${codeUri}${base}.py`]: fn.source, [`${codeUri}requirements.txt`]: PYTHON_REQUIREMENTS },
    };
  }
  if (ext === '.js' || ext === '.mjs' || ext === '.cjs')
    return {
      codeUri,
      handler,
      runtime: NODE_RUNTIME,
      files: { [`${codeUri}${base}${ext}`]: fn.source, [`${codeUri}package.json`]: packageJson(fn.name) },
    };
  if (ext === '.ts' || ext === '.mts' || ext === '.cts') {
    const module = ext === '.cts' ? '.cjs' : '.mjs';
    return {
      codeUri,
      handler,
      runtime: NODE_RUNTIME,
      files: {
        [`${codeUri}${base}${module}`]: compileTypeScript(fn.source, fn.fileName, fn.name),
        // Not run by Lambda (Handler names the compiled module); kept for the reader, who edits this one.
        [`${codeUri}${base}${ext}`]: fn.source,
        [`${codeUri}package.json`]: packageJson(fn.name),
      },
    };
  }
  throw new Error(`function "${fn.name}": ${fn.fileName} is not a handler file (expected .py, .js, .mjs, .cjs, .ts)`);
}

/** pip reads comment lines; sam build installs nothing for this file (boto3 is in Lambda's Python runtime). */
const PYTHON_REQUIREMENTS =
  '# No dependencies: the handler uses the standard library (and boto3, which the Lambda runtime has).\n';

/**
 * A Node.js function's manifest: `sam build`'s npm workflow runs `npm pack` in the code folder, which needs one
 * (L: aws/aws-sam-cli#4832 shows the ENOENT without it). No dependencies: the handlers use Node's own modules.
 */
function packageJson(name: string): string {
  const pkg = {
    name:
      name
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'handler',
    version: '1.0.0',
    private: true,
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** TypeScript → JavaScript (types stripped, modules and syntax kept), with a first line saying where it came from. */
function compileTypeScript(source: string, fileName: string, functionName: string): string {
  try {
    const code = transform(source, {
      transforms: ['typescript'],
      disableESTransforms: true,
      preserveDynamicImport: true,
      keepUnusedImports: false,
      filePath: fileName,
    }).code;
    return `// Compiled from ${fileName} by apigw-lab export (types stripped with sucrase); edit ${fileName} and export again.\n${code}`;
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/^Error transforming [^:]*: /, '');
    throw new Error(`function "${functionName}": ${fileName} does not compile: ${message}`);
  }
}

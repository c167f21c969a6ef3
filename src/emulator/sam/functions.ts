import { TemplateError } from './errors.js';
import type { TemplateFunction } from './model.js';
import type { Stack } from './stack.js';

/** The runtimes whose handlers the emulator runs: Node.js (in Node) and Python (in Pyodide). */
const RUNTIMES = /^(nodejs\d+\.x|python3\.\d+)$/;

/**
 * Each `AWS::Serverless::Function` (Globals applied): where its handler is (`CodeUri` + `Handler`), its runtime,
 * environment and timeout. `s3://` code, `InlineCode`, `PackageType: Image` and other runtimes are reported in
 * `unsupported` (the function is not served).
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html
 */
export function templateFunctions(stack: Stack): { functions: TemplateFunction[]; unsupported: string[] } {
  const functions: TemplateFunction[] = [];
  const unsupported: string[] = [];
  for (const { logicalId } of stack.ofType('AWS::Serverless::Function')) {
    const where = `Resources.${logicalId}.Properties`;
    const p = stack.props(logicalId);
    const runtime = typeof p.Runtime === 'string' ? p.Runtime : '';
    if (p.PackageType === 'Image') {
      unsupported.push(`${logicalId} (PackageType Image)`);
      continue;
    }
    if (p.InlineCode !== undefined) {
      unsupported.push(`${logicalId} (InlineCode)`);
      continue;
    }
    if (!RUNTIMES.test(runtime)) {
      unsupported.push(`${logicalId} (Runtime ${runtime || 'missing'})`);
      continue;
    }
    if (typeof p.Handler !== 'string' || !p.Handler.includes('.'))
      throw new TemplateError(`${where}.Handler: expected FILE.EXPORT (e.g. app.lambda_handler)`);
    const codeUri = p.CodeUri === undefined ? '' : p.CodeUri;
    if (typeof codeUri !== 'string') {
      unsupported.push(`${logicalId} (CodeUri in S3)`);
      continue;
    }
    if (/^s3:\/\//i.test(codeUri)) {
      unsupported.push(`${logicalId} (CodeUri ${codeUri})`);
      continue;
    }
    const env = (p.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
    const fn: TemplateFunction = {
      logicalId,
      functionName: stack.functionName(logicalId),
      arn: stack.functionArn(logicalId),
      codeUri,
      handler: p.Handler,
      runtime,
      environment: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])),
    };
    if (typeof p.Timeout === 'number') fn.timeout = p.Timeout;
    functions.push(fn);
  }
  return { functions, unsupported };
}

/**
 * The handler file (without extension) and export of `CodeUri` + `Handler`: split on the last dot; the part before
 * may hold `/` (`src/handlers/get-all-items.getAllItemsHandler`; research §1.5).
 */
export function handlerLocation(fn: Pick<TemplateFunction, 'codeUri' | 'handler'>): {
  file: string;
  exportName: string;
} {
  const dot = fn.handler.lastIndexOf('.');
  const dir = fn.codeUri.replace(/\/+$/, '');
  const module = fn.handler.slice(0, dot);
  return { file: dir && dir !== '.' ? `${dir}/${module}` : module, exportName: fn.handler.slice(dot + 1) };
}

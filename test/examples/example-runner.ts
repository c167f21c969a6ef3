/**
 * Runs an example's exchanges in-process (no browser), as a sandbox does: the run goes through runInGateway with
 * the example's definition, stage and stage variables, and the function runs in Node (TypeScript) or Pyodide (Python).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadPyodide, type PyodideInterface } from 'pyodide';
import type { LambdaInvoker } from '../../src/emulator/index.js';
import { accessLogLineOf } from '../../src/examples/access-log.js';
import { authorizerCallOf, type ActualExchange } from '../../src/examples/compare.js';
import type { Example, Exchange, Language } from '../../src/examples/types.js';
import { invokeJsHandler, type JsHandler } from '../../src/lambda/js-handler.js';
import { createPythonHandler } from '../../src/lambda/python-handler.js';
import { runInGateway } from '../../src/runtime/run-in-gateway.js';
import type { RunOutcome, SandboxRun } from '../../src/runtime/types.js';

let pyodide: Promise<PyodideInterface> | null = null;

/**
 * The invoker of the example's functions in a language: an invocation runs the function it names (a handler, a Lambda
 * authorizer), the example's only function whatever the name when it has one; `fn` restricts it to that function.
 */
export async function invokerOf(example: Example, dir: string, language: Language, fn?: string): Promise<LambdaInvoker> {
  const names = fn === undefined ? Object.keys(example.manifest.functions) : [fn];
  const invokers = new Map<string, LambdaInvoker>();
  for (const name of names) invokers.set(name, await functionInvokerOf(example, dir, language, name));
  const only = invokers.size === 1 ? [...invokers.values()][0]! : undefined;
  return (inv) => {
    const invoke = invokers.get(inv.functionName) ?? only;
    if (!invoke)
      return Promise.resolve({
        kind: 'error',
        error: { errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${inv.functionName}` },
        logs: [],
      });
    return invoke(inv);
  };
}

/** The invoker of one of the example's functions in a language (TypeScript in Node, Python on Pyodide). */
async function functionInvokerOf(example: Example, dir: string, language: Language, fn: string): Promise<LambdaInvoker> {
  const spec = example.manifest.functions[fn]![language];
  const moduleName = spec.file.replace(/^.*\//, '').replace(/\.\w+$/, '');
  if (language === 'typescript') {
    const mod = (await import(pathToFileURL(join(process.cwd(), dir, spec.file)).href)) as Record<string, JsHandler>;
    return (inv) => invokeJsHandler(mod[spec.handler]!, inv.event, inv.context);
  }
  const py = await (pyodide ??= loadPyodide());
  const handler = createPythonHandler(py, example.sources[fn]![language], moduleName, spec.handler);
  return (inv) => handler.invoke(inv.event, inv.context);
}

let sessions = 0;

/**
 * The run a sandbox of the example sends for a request, on a stage (the manifest's by default), through its custom
 * domain if it has one, with its HTTP service if it has one (an example without a function runs no handler), its
 * other functions (a Lambda authorizer), its access and its services file; for an exchange, its auth and requests sent first, on a
 * session of its own.
 */
export function runOf(
  example: Example,
  language: Language,
  request: SandboxRun['request'],
  stage = example.manifest.stage,
  exchange?: Pick<Exchange, 'id' | 'auth' | 'before'>,
): SandboxRun {
  const { manifest } = example;
  const fn = functionOfHandler(example);
  const spec = fn === undefined ? undefined : manifest.functions[fn]![language];
  const variables = manifest.stages?.[stage];
  return {
    language,
    handlerSource: fn === undefined ? '' : example.sources[fn]![language],
    definition: example.definition,
    apiId: manifest.apiId,
    ...(manifest.endpointType ? { endpointType: manifest.endpointType } : {}),
    stage,
    ...(variables ? { stageVariables: variables } : {}),
    invokeUrl: manifest.stages ? manifest.invokeUrl.replace(/\/[^/]+$/, `/${stage}`) : manifest.invokeUrl,
    functionName: fn ?? '',
    handlerName: spec?.handler ?? '',
    moduleName: spec ? spec.file.replace(/^.*\//, '').replace(/\.\w+$/, '') : '',
    ...(manifest.customDomain ? { customDomain: { domainName: manifest.customDomain.domainName, basePathMappings: manifest.customDomain.basePathMappings } } : {}),
    ...(manifest.upstream && example.upstreamSource !== undefined ? { upstream: { host: manifest.upstream.host, source: example.upstreamSource } } : {}),
    ...otherFunctionsOf(example, language, fn),
    ...(manifest.access ? { access: manifest.access } : {}),
    ...(example.stageConfigSource !== undefined ? { stageConfig: example.stageConfigSource } : {}),
    ...(example.webAclSource !== undefined ? { webAcl: example.webAclSource } : {}),
    // Issue #14: the AWS resources its service integrations reach (the sandbox sends the services file with every run).
    ...(example.servicesSource !== undefined ? { services: example.servicesSource } : {}),
    ...(exchange?.auth ? { auth: exchange.auth } : {}),
    ...(exchange?.before ? { before: exchange.before } : {}),
    ...(exchange && (exchange.auth || exchange.before) ? { session: `${manifest.id}/${exchange.id}/${language}/${++sessions}` } : {}),
    request,
  };
}

/** The example's handler: the function its definition's integrations name (the first of `functions` not an authorizer). */
function functionOfHandler(example: Example): string | undefined {
  const names = Object.keys(example.manifest.functions);
  const authorizers = new Set(example.exchanges.map((x) => x.authorizer?.functionName).filter(Boolean));
  return names.find((n) => !authorizers.has(n)) ?? names[0];
}

/** The run's other functions (SandboxRun.functions): every function of the example but its handler. */
function otherFunctionsOf(example: Example, language: Language, handler: string | undefined): Pick<SandboxRun, 'functions'> {
  const others = Object.entries(example.manifest.functions).filter(([name]) => name !== handler);
  if (!others.length) return {};
  return {
    functions: others.map(([name, byLanguage]) => ({
      name,
      source: example.sources[name]![language],
      handlerName: byLanguage[language].handler,
      moduleName: byLanguage[language].file.replace(/^.*\//, '').replace(/\.\w+$/, ''),
    })),
  };
}

/**
 * What ran, in the documented shape (an integration request only when the gateway sent one; the access log line when
 * the example's stage config writes one and the run returned its trace).
 */
export function actualOf(outcome: RunOutcome, example?: Example): ActualExchange {
  const accessLog = accessLogLineOf(example?.stageConfigSource, outcome.trace);
  return {
    ...(accessLog !== undefined ? { accessLog } : {}),
    ...(outcome.authorizer ? { authorizer: outcome.authorizer } : {}),
    event: outcome.event,
    result: outcome.result,
    response: { status: outcome.response.status, headers: outcome.response.headers, body: outcome.response.body },
    ...(outcome.integrationRequest ? { integrationRequest: outcome.integrationRequest } : {}),
  };
}

/** The documented side of an exchange for one language. */
export function documentedOf(exchange: Exchange, language: Language) {
  return {
    event: exchange.event,
    result: exchange.result[language],
    response: exchange.response[language],
    ...(exchange.integrationRequest !== undefined ? { integrationRequest: exchange.integrationRequest } : {}),
    ...(exchange.authorizer !== undefined ? { authorizer: authorizerCallOf(exchange.authorizer, language) } : {}),
    ...(exchange.accessLog !== undefined ? { accessLog: exchange.accessLog[language] } : {}),
  };
}

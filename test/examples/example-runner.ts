/**
 * Runs an example's exchanges in-process (no browser), as a sandbox does: the run goes through runInGateway with
 * the example's definition, stage and stage variables, and the function runs in Node (TypeScript) or Pyodide (Python).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadPyodide, type PyodideInterface } from 'pyodide';
import type { LambdaInvoker } from '../../src/emulator/index.js';
import type { ActualExchange } from '../../src/examples/compare.js';
import type { Example, Exchange, Language } from '../../src/examples/types.js';
import { invokeJsHandler, type JsHandler } from '../../src/lambda/js-handler.js';
import { createPythonHandler } from '../../src/lambda/python-handler.js';
import { runInGateway } from '../../src/runtime/run-in-gateway.js';
import type { RunOutcome, SandboxRun } from '../../src/runtime/types.js';

let pyodide: Promise<PyodideInterface> | null = null;

/** The invoker of the example's (only, or named) function in a language. */
export async function invokerOf(example: Example, dir: string, language: Language, fn = Object.keys(example.manifest.functions)[0]!): Promise<LambdaInvoker> {
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

/**
 * The run a sandbox of the example sends for a request, on a stage (the manifest's by default), through its custom
 * domain if it has one, with its HTTP service if it has one (an example without a function runs no handler).
 */
export function runOf(example: Example, language: Language, request: SandboxRun['request'], stage = example.manifest.stage): SandboxRun {
  const { manifest } = example;
  const fn = Object.keys(manifest.functions)[0];
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
    request,
  };
}

/** What ran, in the documented shape (an integration request only when the gateway sent one). */
export function actualOf(outcome: RunOutcome): ActualExchange {
  return {
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
  };
}

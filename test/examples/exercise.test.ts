/**
 * The exercises' checks can fail and can pass: the starter code fails at least one, the solution passes all, in both
 * languages, run as the page runs them (runInGateway, the reader's authorizer beside the example's handler).
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadPyodide, type PyodideInterface } from 'pyodide';
import { describe, expect, it } from 'vitest';
import type { LambdaInvoker } from '../../src/emulator/index.js';
import { runChecks, summaryOf, type Exercise } from '../../src/examples/exercise.js';
import { loadExample } from '../../src/examples/load-node.js';
import type { Language } from '../../src/examples/types.js';
import { invokeJsHandler, type JsHandler } from '../../src/lambda/js-handler.js';
import { createPythonHandler } from '../../src/lambda/python-handler.js';
import { runInGateway } from '../../src/runtime/run-in-gateway.js';
import { invokerOf, runOf } from './example-runner.js';

const NAMES = readdirSync('examples').filter((name) => existsSync(`examples/${name}/exercise.json`));
let pyodide: Promise<PyodideInterface> | null = null;

/** The invoker of one file as the exercise's function. */
async function invokerOfFile(dir: string, file: string, language: Language, handler: string): Promise<LambdaInvoker> {
  if (language === 'typescript') {
    const mod = (await import(pathToFileURL(join(process.cwd(), dir, file)).href)) as Record<string, JsHandler>;
    return (inv) => invokeJsHandler(mod[handler]!, inv.event, inv.context);
  }
  const py = await (pyodide ??= loadPyodide());
  const fn = createPythonHandler(py, readFileSync(join(dir, file), 'utf8'), file.replace(/\.py$/, ''), handler);
  return (inv) => fn.invoke(inv.event, inv.context);
}

describe.each(NAMES)('exercise %s', (name) => {
  const dir = `examples/${name}`;
  const example = loadExample(dir);
  const exercise = JSON.parse(readFileSync(join(dir, 'exercise.json'), 'utf8')) as Exercise;
  const handlerName = Object.keys(example.manifest.functions).find((fn) => fn !== exercise.function)!;

  const check = async (language: Language, file: string) => {
    const spec = example.manifest.functions[exercise.function]![language];
    const functions: Record<string, LambdaInvoker> = {
      [handlerName]: await invokerOf(example, dir, language, handlerName),
      [exercise.function]: await invokerOfFile(dir, file, language, spec.handler),
    };
    const invoke: LambdaInvoker = (inv) => functions[inv.functionName]!(inv);
    return runChecks(exercise, async (request) => {
      const run = { ...runOf(example, language, request), functionName: handlerName };
      const outcome = await runInGateway(run, invoke, { runtime: 'worker' });
      return { status: outcome.response.status, body: outcome.response.body };
    });
  };

  it('names a function of its example, with a solution per language', () => {
    expect(Object.keys(example.manifest.functions)).toContain(exercise.function);
    expect(Object.keys(exercise.solution).sort()).toEqual(['python', 'typescript']);
    expect(exercise.checks.length).toBeGreaterThan(2);
  });
  it.each(['python', 'typescript'] as const)('the starter code (%s) fails a check', async (language) => {
    const results = await check(language, example.manifest.functions[exercise.function]![language].file);
    expect(results.some((r) => !r.pass), summaryOf(results)).toBe(true);
    // It runs: every check got an answer from the API (no run error).
    expect(results.every((r) => r.actual !== null)).toBe(true);
  }, 60_000);
  it.each(['python', 'typescript'] as const)('the solution (%s) passes every check', async (language) => {
    const results = await check(language, exercise.solution[language]);
    expect(results.filter((r) => !r.pass), summaryOf(results)).toEqual([]);
  }, 60_000);
});

/**
 * The exercises' checks can fail and can pass: the starter code (or stage config) fails at least one, the solution
 * passes all, in both languages, run as the page runs them (runInGateway: the reader's authorizer beside the example's
 * handler, the reader's handler itself, or the reader's stage config applied to the stage, a burst sent at one
 * instant), status, headers and JSON body fields.
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

const exerciseOf = (name: string) =>
  JSON.parse(readFileSync(join('examples', name, 'exercise.json'), 'utf8')) as Exercise;
const FUNCTION_EXERCISES = NAMES.filter((name) => (exerciseOf(name).edit ?? 'function') === 'function');
const STAGE_CONFIG_EXERCISES = NAMES.filter((name) => exerciseOf(name).edit === 'stageConfig');

it('finds the exercises of both kinds, and the exercises on a handler itself', () => {
  expect(FUNCTION_EXERCISES).toContain('exercise-alice-reads');
  for (const name of ['hello-event', 'cors-origin', 'stage-resource', 'proxy-response', 'rest-request-cost'])
    expect(FUNCTION_EXERCISES).toContain(`exercise-${name}`);
  expect(FUNCTION_EXERCISES).toEqual(expect.arrayContaining(['exercise-pick-api-type', 'exercise-items-delete']));
  expect(STAGE_CONFIG_EXERCISES).toContain('exercise-burst-50');
});

describe.each(FUNCTION_EXERCISES)('exercise %s', (name) => {
  const dir = `examples/${name}`;
  const example = loadExample(dir);
  const exercise = exerciseOf(name);
  const fn = exercise.function!;
  // The handler: the example's other function, or (its only function) the one the reader edits, as the page has it.
  const handlerName = Object.keys(example.manifest.functions).find((fn) => fn !== exercise.function) ?? fn;

  const check = async (language: Language, file: string) => {
    const spec = example.manifest.functions[fn]![language];
    const functions: Record<string, LambdaInvoker> = {
      ...(handlerName !== fn ? { [handlerName]: await invokerOf(example, dir, language, handlerName) } : {}),
      [fn]: await invokerOfFile(dir, file, language, spec.handler),
    };
    const invoke: LambdaInvoker = (inv) => functions[inv.functionName]!(inv);
    return runChecks(exercise, async (request) => {
      const run = { ...runOf(example, language, request), functionName: handlerName };
      const outcome = await runInGateway(run, invoke, { runtime: 'worker' });
      return { status: outcome.response.status, body: outcome.response.body, headers: outcome.response.headers };
    });
  };

  it('names a function of its example, with a solution per language, a label and a hint', () => {
    expect(Object.keys(example.manifest.functions)).toContain(fn);
    expect(exercise.label).toMatch(/^[A-Z][a-z]+ code$/);
    expect(exercise.hint.length).toBeGreaterThan(40);
    expect(Object.keys(exercise.solution).sort()).toEqual(['python', 'typescript']);
    expect(exercise.checks.length).toBeGreaterThan(2);
  });
  it.each(['python', 'typescript'] as const)('the starter code (%s) fails a check', async (language) => {
    const results = await check(language, example.manifest.functions[fn]![language].file);
    expect(results.some((r) => !r.pass), summaryOf(results)).toBe(true);
    // It runs: every check got an answer from the API (no run error).
    expect(results.every((r) => r.actual !== null)).toBe(true);
  }, 60_000);
  it.each(['python', 'typescript'] as const)('the solution (%s) passes every check', async (language) => {
    const results = await check(language, exercise.solution[language]!);
    expect(results.filter((r) => !r.pass), summaryOf(results)).toEqual([]);
  }, 60_000);
});

describe.each(STAGE_CONFIG_EXERCISES)('stage-config exercise %s', (name) => {
  const dir = `examples/${name}`;
  const example = loadExample(dir);
  const exercise = exerciseOf(name);
  /** The checks run against a stage config (get-stage JSON text), as the page runs them. */
  const check = async (language: Language, stageConfig: string) => {
    const invoke = await invokerOf(example, dir, language);
    return runChecks(exercise, async (request, burst) => {
      const run = { ...runOf(example, language, request), stageConfig, ...(burst !== undefined ? { burst } : {}) };
      const outcome = await runInGateway(run, invoke, { runtime: 'worker' });
      return {
        status: outcome.response.status,
        body: outcome.response.body,
        ...(outcome.burstStatuses ? { statuses: outcome.burstStatuses } : {}),
      };
    });
  };
  const starter = example.stageConfigSource!;
  const solution = readFileSync(join(dir, exercise.solution.stageConfig!), 'utf8');

  it('edits the example\'s stage config, with a solution, and has a burst check', () => {
    expect(example.stageConfigSource).toBeDefined();
    expect(exercise.checks.some((c) => c.burst !== undefined && 'throttled' in c.expect)).toBe(true);
  });
  it.each(['python', 'typescript'] as const)('the starter config fails a check (%s)', async (language) => {
    const results = await check(language, starter);
    expect(results.some((r) => !r.pass), summaryOf(results)).toBe(true);
    expect(results.every((r) => r.actual !== null)).toBe(true);
  }, 60_000);
  it.each(['python', 'typescript'] as const)('the solution passes every check (%s)', async (language) => {
    const results = await check(language, solution);
    expect(results.filter((r) => !r.pass), summaryOf(results)).toEqual([]);
  }, 60_000);
});

describe('the burst exercise (exercise-burst-50): the token bucket arithmetic, N at once against a burst B', () => {
  const dir = 'examples/exercise-burst-50';
  const example = loadExample(dir);
  const exercise = exerciseOf('exercise-burst-50');
  const withLimits = (rate: number, burst: number) => {
    const config = JSON.parse(example.stageConfigSource!) as { methodSettings: Record<string, Record<string, unknown>> };
    Object.assign(config.methodSettings['~1items/GET']!, { throttlingRateLimit: rate, throttlingBurstLimit: burst });
    return JSON.stringify(config);
  };
  const fifty = exercise.checks.find((c) => c.burst === 50)!;
  const throttledOf = async (stageConfig: string) => {
    const invoke = await invokerOf(example, dir, 'typescript');
    const outcome = await runInGateway(
      { ...runOf(example, 'typescript', fifty.request), stageConfig, burst: 50 },
      invoke,
      { runtime: 'worker' },
    );
    expect(outcome.burstStatuses).toHaveLength(50);
    return outcome.burstStatuses!.filter((s) => s === 429).length;
  };

  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html: the burst is the
  // bucket's capacity, the rate how many tokens come back per second; at one instant nothing comes back.
  it.each([
    [40, 100, 10],
    [40, 10_000, 10],
    [45, 1, 5],
    [50, 1, 0],
    [10, 1, 40],
  ])('burst %i, rate %i: 50 requests at once get %i throttled (50 − B)', async (burst, rate, throttled) => {
    expect(await throttledOf(withLimits(rate, burst))).toBe(throttled);
  });

  it('a wrong stage config fails the check and says how the burst went; the right one passes', async () => {
    const send = async (stageConfig: string) => {
      const invoke = await invokerOf(example, dir, 'typescript');
      return runChecks({ checks: [fifty] }, async (request, burst) => {
        const outcome = await runInGateway(
          { ...runOf(example, 'typescript', request), stageConfig, ...(burst !== undefined ? { burst } : {}) },
          invoke,
          { runtime: 'worker' },
        );
        return { status: outcome.response.status, body: outcome.response.body, statuses: outcome.burstStatuses! };
      });
    };
    const [wrong] = await send(withLimits(100, 45));
    expect(wrong).toMatchObject({ pass: false, kind: 'throttled', expected: 10, actual: 5, detail: '45 × 200, 5 × 429' });
    const [right] = await send(withLimits(100, 40));
    expect(right).toMatchObject({ pass: true, kind: 'throttled', expected: 10, actual: 10, detail: '40 × 200, 10 × 429' });
  });
});

import { lambdaTarget } from './states/lambda-task.js';
import type { ServicesFile } from './types.js';

const LAMBDA_FUNCTION_ARN = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:([^:]+)/;

/**
 * The Lambda functions a services file's resources run: state machines' Lambda Tasks (either resource form) and event
 * rules' Lambda targets, each name once, in file order. A definition that is not an object (or JSON text of one) is
 * skipped: applying the file reports it.
 */
export function functionNamesOfServicesFile(file: ServicesFile): string[] {
  const names = new Set<string>();
  for (const machine of file.stateMachines ?? []) {
    let definition = machine.definition;
    if (typeof definition === 'string') {
      try {
        definition = JSON.parse(definition);
      } catch {
        continue;
      }
    }
    collectTasks(definition, names);
  }
  for (const bus of file.eventBuses ?? []) {
    for (const rule of bus.Rules ?? []) {
      for (const target of rule.Targets ?? []) {
        const name = LAMBDA_FUNCTION_ARN.exec(target.Arn)?.[1];
        if (name) names.add(name);
      }
    }
  }
  return [...names];
}

/** Adds the functions of every Task under a definition's `States` (nested branches included). */
function collectTasks(value: unknown, names: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectTasks(item, names);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const state = value as Record<string, unknown>;
  if (state.Type === 'Task' && typeof state.Resource === 'string') {
    try {
      const target = lambdaTarget(state.Resource, state.Parameters);
      if (target) names.add(target.functionName);
    } catch {
      // A lambda:invoke Task without FunctionName: the execution reports it when it reaches the state.
    }
  }
  for (const child of Object.values(state)) if (typeof child === 'object') collectTasks(child, names);
}

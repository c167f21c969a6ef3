/** The data an exercise element is rendered with (`<script type="application/json" data-exercise>`), built at build time. */
import type { ExerciseCheck } from '../examples/exercise.js';
import type { Language } from '../examples/types.js';

/** A function in one language as a run needs it. */
export interface ExerciseFunction {
  source: string;
  moduleName: string;
  handlerName: string;
  /** The TypeScript source compiled at build time (TypeScript only). */
  compiled?: string;
}

export interface ExerciseConfig {
  id: string;
  /** What the reader edits: a function (`exercise`) or the stage config (`stageConfig`). */
  edit: 'function' | 'stageConfig';
  /** The API: JSON definition, id, stage and invoke URL (a REST API). */
  definition: string;
  apiId: string;
  stage: string;
  invokeUrl: string;
  /** The example's handler, which the reader does not edit unless it is `exercise` (the same name). */
  handler: { name: string; languages: Record<Language, ExerciseFunction> };
  /** The function the reader writes: its starter code per language (function exercises); maybe the handler itself. */
  exercise?: { name: string; languages: Record<Language, ExerciseFunction> };
  /** What the edited code is called (exercise.json's `label`): `Handler code`, `Authorizer code`. */
  label?: string;
  /** The starter stage config, as `aws apigateway get-stage` prints it (stage-config exercises). */
  stageConfig?: string;
  checks: ExerciseCheck[];
}

export const EXERCISE_LANGUAGES: Record<Language, string> = { python: 'Python', typescript: 'TypeScript' };

/**
 * The accessible name of what the reader edits: `Handler code (Python)` (the exercise's label, `Function code` by
 * default), or `Stage config (stage.json)`.
 */
export const editedLabel = (edit: ExerciseConfig['edit'], language: Language, label = 'Function code'): string =>
  edit === 'stageConfig' ? 'Stage config (stage.json)' : `${label} (${EXERCISE_LANGUAGES[language]})`;

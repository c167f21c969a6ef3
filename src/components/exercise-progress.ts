/**
 * The reader's progress through the exercises, kept in localStorage: `apigw-lab:exercise:<id>` is `passed` once a
 * Check passed every check, `attempted` after a Check that did not (a pass is never taken back). Every change is
 * announced on window as `apigw-lab:exercise-progress` (the sidebar's marks listen; other tabs get a storage event).
 */
export type ExerciseProgress = 'passed' | 'attempted';

export const PROGRESS_EVENT = 'apigw-lab:exercise-progress';

/** The storage key of an exercise's progress. */
export const progressKey = (id: string): string => `apigw-lab:exercise:${id}`;

/** localStorage, or null where the page may not use it. */
export function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** An exercise's progress, or null before its first Check. */
export function progressOf(id: string): ExerciseProgress | null {
  const value = storage()?.getItem(progressKey(id));
  return value === 'passed' || value === 'attempted' ? value : null;
}

/**
 * Records how a Check went and announces it. L: a pass stays a pass (the sidebar's mark says the reader solved it
 * once; editing the code afterwards and failing does not take it back).
 */
export function recordProgress(id: string, passed: boolean): void {
  const status: ExerciseProgress = passed || progressOf(id) === 'passed' ? 'passed' : 'attempted';
  try {
    storage()?.setItem(progressKey(id), status);
  } catch {
    // Storage full or refused: the mark just won't survive a reload.
  }
  window.dispatchEvent(new CustomEvent(PROGRESS_EVENT, { detail: { id, status } }));
}

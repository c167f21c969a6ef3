/**
 * Where a run's definitions go in the WebContainer: one file per distinct definition (stages with the
 * same definition share a file, as they share a deployment), and the stages of sandbox.json pointing
 * at them. Pure (no Node, no DOM).
 */
import type { SandboxRun } from '../types.js';
import { definitionFile, type SandboxStageConfig } from './protocol.js';

/** The definition files (name → text) and, for a run with several stages, the stages as sandbox.json holds them. */
export interface StageFiles {
  files: Record<string, string>;
  stages?: SandboxStageConfig[];
}

/** One stage → openapi.yaml with `definition`; several → openapi.yaml, openapi-2.yaml… in the order the stages first use them. */
export function stageFiles(run: Pick<SandboxRun, 'definition' | 'stages'>): StageFiles {
  if (!run.stages) return { files: { [definitionFile(0)]: run.definition } };
  const fileOf = new Map<string, string>();
  const stages = run.stages.map(({ name, definition, variables }): SandboxStageConfig => {
    let file = fileOf.get(definition);
    if (file === undefined) {
      file = definitionFile(fileOf.size);
      fileOf.set(definition, file);
    }
    return { name, definitionFile: file, ...(variables ? { variables } : {}) };
  });
  return { files: Object.fromEntries([...fileOf].map(([definition, file]) => [file, definition])), stages };
}

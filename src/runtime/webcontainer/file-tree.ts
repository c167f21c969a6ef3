/**
 * The files mounted in the WebContainer for a sandbox run. Pure (no Node, no DOM imports): the page
 * builds the tree, and the Node test writes the same tree to a folder and runs it with real Node.
 */
import type { FileSystemTree } from '@webcontainer/api';
import type { SandboxRun } from '../types.js';
import { FILES, functionFile, UPSTREAM_FILE, type SandboxConfig } from './protocol.js';
import { stageFiles } from './stage-files.js';
import { handlerModule } from './transpile.js';

/** What the tree is made of: the prebuilt server bundle and the run's settings, handler, definitions and HTTP service. */
export interface WebContainerFilesInput extends Pick<
  SandboxRun,
  | 'language'
  | 'handlerSource'
  | 'definition'
  | 'apiId'
  | 'apiType'
  | 'endpointType'
  | 'stage'
  | 'stageVariables'
  | 'invokeUrl'
  | 'functionName'
  | 'handlerName'
  | 'timeoutMs'
  | 'stages'
  | 'upstream'
  | 'customDomain'
  | 'functions'
  | 'access'
  | 'stageConfig'
  | 'webAcl'
  | 'services'
> {
  /** The text of public/webcontainer/emulator.mjs. */
  emulatorBundle: string;
}

/** No dependencies: nothing is installed in the container, the bundle holds everything. */
const PACKAGE_JSON = `${JSON.stringify({ name: 'apigw-lab-sandbox', private: true, type: 'module', scripts: { start: `node ${FILES.server}` } }, null, 2)}\n`;

/** Starts the bundle's server in this folder, on $PORT (default 3000). */
const SERVER_MJS = `import { startServer } from './${FILES.bundle}';\n\nstartServer(new URL('./', import.meta.url));\n`;

/**
 * The container's files: package.json, emulator.mjs, server.mjs, openapi.yaml (and, for several stages
 * with different definitions, openapi-2.yaml…), sandbox.json, the handler as handler.mjs and the HTTP
 * service, if any, as upstream.mjs (transpiled from its source, as the handler is). Python handlers are
 * refused: the container has no Python, so the page runs them in the Worker (Pyodide).
 */
export function webContainerFiles(input: WebContainerFilesInput): FileSystemTree {
  if (input.language !== 'typescript') {
    throw new Error(`the WebContainer runs TypeScript handlers only; ${input.language} handlers run in the Worker`);
  }
  const definitions = stageFiles(input);
  const config: SandboxConfig = {
    apiId: input.apiId,
    ...(input.apiType !== undefined ? { apiType: input.apiType } : {}),
    ...(input.endpointType !== undefined ? { endpointType: input.endpointType } : {}),
    stage: input.stage,
    // With several stages, each has its own variables (SandboxRun.stageVariables is ignored).
    ...(definitions.stages
      ? { stages: definitions.stages }
      : input.stageVariables
        ? { stageVariables: input.stageVariables }
        : {}),
    invokeUrl: input.invokeUrl,
    functionName: input.functionName,
    handlerName: input.handlerName,
    ...(input.timeoutMs !== undefined ? { timeoutMs: input.timeoutMs } : {}),
    ...(input.upstream ? { upstream: { host: input.upstream.host } } : {}),
    ...(input.customDomain ? { customDomain: input.customDomain } : {}),
    ...(input.functions?.length
      ? {
          functions: input.functions.map((f) => ({
            name: f.name,
            file: functionFile(f.name),
            handlerName: f.handlerName,
            moduleName: f.moduleName,
          })),
        }
      : {}),
    ...(input.access ? { access: input.access } : {}),
    // Issue #12: the stage config and web ACL as texts (the server applies them as the Worker does: stage-settings.ts).
    ...(input.stageConfig !== undefined ? { stageConfig: input.stageConfig } : {}),
    ...(input.webAcl !== undefined ? { webAcl: input.webAcl } : {}),
    // Issue #14: the services file as text; the server makes the embedded services from it (run-services.ts), so an
    // edit restarts the server with fresh services.
    ...(input.services !== undefined ? { services: input.services } : {}),
  };
  const file = (contents: string) => ({ file: { contents } });
  return {
    [FILES.packageJson]: file(PACKAGE_JSON),
    [FILES.bundle]: file(input.emulatorBundle),
    [FILES.server]: file(SERVER_MJS),
    ...Object.fromEntries(Object.entries(definitions.files).map(([name, text]) => [name, file(text)])),
    [FILES.config]: file(`${JSON.stringify(config, null, 2)}\n`),
    [FILES.handler]: file(handlerModule(input.handlerSource)),
    // The other functions (a Lambda authorizer) from their sources, as the handler.
    ...Object.fromEntries(
      (input.functions ?? []).map((f) => [functionFile(f.name), file(handlerModule(f.source, `${f.moduleName}.ts`))]),
    ),
    // Its source, not the run's prebuilt `code`: the file changes (and the server restarts) only when the source does.
    ...(input.upstream ? { [UPSTREAM_FILE]: file(handlerModule(input.upstream.source, 'upstream.ts')) } : {}),
  };
}

/** The names of the top-level files whose contents differ between two trees (all of `next` when `previous` is null). */
export function changedFiles(previous: FileSystemTree | null, next: FileSystemTree): string[] {
  return Object.keys(next).filter((name) => {
    const a = previous?.[name];
    const b = next[name];
    return (
      !a ||
      !b ||
      !('file' in a) ||
      !('file' in b) ||
      !('contents' in a.file) ||
      !('contents' in b.file) ||
      a.file.contents !== b.file.contents
    );
  });
}

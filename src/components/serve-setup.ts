/** Build time (Node): what `apigw-lab serve` needs to serve a sandbox's example, from the examples' manifests. */
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { getExample } from './example-data.js';
import type { ServeApi, ServeSetup } from './curl-command.js';
import type { Language } from '../examples/types.js';

/** `examples/<name>/<file>`, normalised (`../items/openapi.yaml` → `examples/items/openapi.yaml`). */
const examplePath = (name: string, file: string) => posix.normalize(posix.join('examples', name, file));

/**
 * The serve setup of example `name`, whose sandbox runs on `apis` (its own API, then those of `alsoRunsOn`, in order,
 * with the API type, endpoint type and stage the sandbox gives each).
 */
export function serveSetupOf(name: string, apis: ReadonlyArray<Omit<ServeApi, 'definition'>>): ServeSetup {
  const { manifest } = getExample(name);
  const apiExamples = [name, ...(manifest.alsoRunsOn ?? [])];
  const upstreamServer = join(process.cwd(), 'examples', name, 'upstream-server.mjs');
  return {
    apis: apis.map((api, i) => ({
      definition: examplePath(apiExamples[i]!, getExample(apiExamples[i]!).manifest.definition),
      apiType: api.apiType,
      ...(api.endpointType ? { endpointType: api.endpointType } : {}),
      stage: api.stage,
    })),
    functions: Object.entries(manifest.functions).map(([fn, byLanguage]) => ({
      name: fn,
      files: Object.fromEntries(
        Object.entries(byLanguage).map(([lang, spec]) => [lang, examplePath(name, spec.file)]),
      ) as Record<Language, string>,
    })),
    ...(manifest.stages ? { stages: manifest.stages } : {}),
    ...(manifest.customDomain
      ? {
          customDomain: {
            domainName: manifest.customDomain.domainName,
            basePathMappings: manifest.customDomain.basePathMappings,
          },
        }
      : {}),
    ...(manifest.access ? { access: manifest.access } : {}),
    ...(manifest.upstream && existsSync(upstreamServer)
      ? { upstreamServer: `node ${examplePath(name, 'upstream-server.mjs')}` }
      : {}),
  };
}

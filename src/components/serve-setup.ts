/** Build time (Node): what `apigw-lab serve` needs to serve a sandbox's example, from the examples' manifests. */
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { getExample } from './example-data.js';
import type { ServeApi, ServeSetup } from './curl-command.js';
import type { ExampleAccess, Language } from '../examples/types.js';

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
    ...(manifest.upstream && existsSync(upstreamServer)
      ? { upstreamServer: `node ${examplePath(name, 'upstream-server.mjs')}` }
      : {}),
    ...(manifest.access ? { access: serveAccessOf(manifest.access, examplePath(name, '.')) } : {}),
    ...(manifest.access?.users ? { users: manifest.access.users } : {}),
    ...(manifest.stageConfig ? { stageConfig: examplePath(name, manifest.stageConfig) } : {}),
    ...(manifest.webAcl ? { webAcl: examplePath(name, manifest.webAcl) } : {}),
    ...(manifest.services ? { services: examplePath(name, manifest.services) } : {}),
  };
}

/**
 * An example's access as `apigw-lab serve` flags' values: each key `VALUE[=PLAN]`, each plan
 * `NAME[:rate=R,burst=B,quota=N/PERIOD]`, each credential `ACCESS_KEY:SECRET[:ARN]` (users need no flag: `apigw-lab
 * token --user NAME` signs them in), each identity policy `ARN=FILE` (the file under `dir`, the example's folder).
 */
export function serveAccessOf(access: ExampleAccess, dir = '.'): NonNullable<ServeSetup['access']> {
  return {
    ...(access.identityPolicies?.length
      ? { identityPolicies: access.identityPolicies.map((p) => `${p.arn}=${posix.join(dir, p.file)}`) }
      : {}),
    apiKeys: (access.apiKeys ?? []).map((k) => (k.plan === undefined ? k.value : `${k.value}=${k.plan}`)),
    usagePlans: (access.usagePlans ?? []).map((p) => {
      const limits = [
        ...(p.throttle ? [`rate=${p.throttle.rateLimit}`, `burst=${p.throttle.burstLimit}`] : []),
        ...(p.quota ? [`quota=${p.quota.limit}/${p.quota.period}`] : []),
      ];
      return limits.length ? `${p.name}:${limits.join(',')}` : p.name;
    }),
    credentials: (access.credentials ?? []).map((c) =>
      [c.accessKeyId, c.secretAccessKey, ...(c.arn !== undefined ? [c.arn] : [])].join(':'),
    ),
  };
}

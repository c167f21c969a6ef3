import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseServicesFile } from '../emulator/aws-services/embedded-services.js';
import { accessProblems, exchangeAccessProblems } from './check-access.js';
import type { Example, ExampleManifest, Exchange, Language } from './types.js';

/** Reads `examples/<name>/example.json` and every file it names (Node only: tests, CLI, bench). */
export function loadExample(dir: string): Example {
  const manifestPath = join(dir, 'example.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ExampleManifest;
  const base = dirname(manifestPath);
  const sources: Example['sources'] = {};
  for (const [fn, byLang] of Object.entries(manifest.functions)) {
    sources[fn] = Object.fromEntries(
      Object.entries(byLang).map(([lang, spec]) => [lang, readFileSync(join(base, spec.file), 'utf8')]),
    ) as Record<Language, string>;
  }
  const problems = accessProblems(manifest);
  if (problems.length) throw new Error(`${manifestPath}: ${problems.join('; ')}`);
  // Identity policies are files beside the manifest (as `--identity-policy ARN=FILE` takes them): read them now, for
  // the sandboxes, which get the documents.
  for (const entry of manifest.access?.identityPolicies ?? []) {
    try {
      entry.policy = JSON.parse(readFileSync(join(base, entry.file), 'utf8')) as unknown;
    } catch (error) {
      throw new Error(`${manifestPath}: access.identityPolicies: ${entry.file}: ${(error as Error).message}`);
    }
  }
  const exchanges = manifest.exchanges.map((f) => {
    const exchange = JSON.parse(readFileSync(join(base, f), 'utf8')) as Exchange;
    const wrong = exchangeAccessProblems(exchange, manifest);
    if (wrong.length) throw new Error(`${join(base, f)}: ${wrong.join('; ')}`);
    return exchange;
  });
  let servicesSource: string | undefined;
  if (manifest.services !== undefined) {
    try {
      servicesSource = readFileSync(join(base, manifest.services), 'utf8');
      parseServicesFile(servicesSource);
    } catch (error) {
      throw new Error(`${manifestPath}: services: ${manifest.services}: ${(error as Error).message}`);
    }
  }
  return {
    manifest,
    definition: readFileSync(join(base, manifest.definition), 'utf8'),
    sources,
    exchanges,
    ...(manifest.upstream ? { upstreamSource: readFileSync(join(base, manifest.upstream.file), 'utf8') } : {}),
    ...(manifest.stageConfig ? { stageConfigSource: readFileSync(join(base, manifest.stageConfig), 'utf8') } : {}),
    ...(manifest.webAcl ? { webAclSource: readFileSync(join(base, manifest.webAcl), 'utf8') } : {}),
    ...(servicesSource !== undefined ? { servicesSource } : {}),
  };
}

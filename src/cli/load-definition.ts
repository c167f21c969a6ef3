import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { parseDocument } from 'yaml';
import { DefinitionError, importApi, type ApiModel, type ApiType, type EndpointType } from '../emulator/index.js';
import { CliError, errorCode, firstLine } from './errors.js';

/** At most this many validation problems are listed; the rest are counted. */
const MAX_PROBLEMS = 5;

export interface LoadedDefinition {
  /** Absolute path of the definition file. */
  path: string;
  /** The parsed document, as written (not dereferenced). */
  document: Record<string, unknown>;
  api: ApiModel;
}

/**
 * Reads an OpenAPI definition (YAML or JSON), validates it as OpenAPI with swagger-parser,
 * and imports it as API Gateway would. Every problem becomes one CliError (exit 2) naming the file.
 */
export async function loadDefinition(
  file: string,
  apiType?: ApiType,
  endpointType?: EndpointType,
): Promise<LoadedDefinition> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') throw new CliError(`definition file not found: ${file}`);
    if (code === 'EISDIR') throw new CliError(`${file} is a directory, not an OpenAPI definition file`);
    if (code === 'EACCES' || code === 'EPERM') throw new CliError(`cannot read ${file}: permission denied`);
    throw new CliError(`cannot read ${file}: ${firstLine(error)}`);
  }

  const document = parseYamlOrJson(text, file);
  await validateOpenApi(document, path, file);

  let api: ApiModel;
  try {
    api = importApi(document, {
      ...(apiType === undefined ? {} : { apiType }),
      ...(endpointType === undefined ? {} : { endpointType }),
    });
  } catch (error) {
    if (error instanceof DefinitionError) {
      throw new CliError(`${file}: API Gateway cannot import this definition: ${listProblems(error.problems)}`);
    }
    throw error;
  }
  return { path, document, api };
}

/** YAML 1.2 is a superset of JSON, so one parser reads both, with line and column in its errors. */
function parseYamlOrJson(text: string, file: string): Record<string, unknown> {
  const kind = /\.json$/i.test(file) ? 'JSON' : 'YAML';
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const message = firstLine(error).replace(/:$/, '');
    throw new CliError(`${file} is not valid ${kind}: ${message}`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    throw new CliError(`${file} is not valid ${kind}: ${firstLine(e)}`);
  }
  if (value === null || value === undefined) throw new CliError(`${file} is empty (expected an OpenAPI definition)`);
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new CliError(
      `${file} is not an OpenAPI definition: its top level is ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}, not a mapping`,
    );
  }
  return value as Record<string, unknown>;
}

async function validateOpenApi(document: Record<string, unknown>, path: string, file: string): Promise<void> {
  if (typeof document.openapi !== 'string' && typeof document.swagger !== 'string') {
    throw new CliError(`${file} is not an OpenAPI definition: it has no "openapi: 3.x.y" (or "swagger: 2.0") field`);
  }
  try {
    // validate() dereferences in place: give it a copy. The path is the base for relative $refs;
    // no network look-ups.
    await SwaggerParser.validate(path, structuredClone(document) as never, { resolve: { http: false } } as never);
  } catch (error) {
    throw new CliError(`${file} is not a valid OpenAPI definition: ${listProblems(validationProblems(error))}`);
  }
}

/** swagger-parser's message ("Swagger schema validation failed.\n  #/info must have …") → one problem per line, readable. */
function validationProblems(error: unknown): string[] {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const details = /schema validation failed/i.test(lines[0] ?? '') && lines.length > 1 ? lines.slice(1) : lines;
  const problems = details.map((line) =>
    line
      .replace(/^(Validation failed\.\s*)/i, '')
      .replace(/^#(\/\S*)?\s+/, (_m, ptr?: string) => `${pointerToPath(ptr ?? '')} `),
  );
  return [...new Set(problems)];
}

/** `/paths/~1items/get/responses` → `paths["/items"].get.responses`; `` → `(document root)`. */
export function pointerToPath(pointer: string): string {
  if (!pointer || pointer === '/') return '(document root)';
  let out = '';
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(segment)) out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

function listProblems(problems: string[]): string {
  const shown = problems.slice(0, MAX_PROBLEMS);
  const more = problems.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

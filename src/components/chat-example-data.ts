/**
 * Build-time reading of a chat example (`examples/<name>/`: api.json, the handler in both languages, example.json):
 * Node only, for ChatSandbox.astro and ChatExercise.astro.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Language } from '../examples/types.js';
import { transpileTypeScript } from '../runtime/worker/transpile.js';
import type { ChatConfig, ChatFunctionCode } from './chat-config.js';

const LANGS: Language[] = ['python', 'typescript'];
/** Handler names when example.json names none: AWS's defaults for each runtime's blueprint. */
const DEFAULT_HANDLER: Record<Language, string> = { python: 'lambda_handler', typescript: 'handler' };
const EXT: Record<Language, string> = { python: 'py', typescript: 'ts' };

type Manifest = {
  title?: string;
  stage?: string;
  definition?: string;
  functions?: Record<string, Partial<Record<Language, { file: string; handler: string }>>>;
};

/** The function an integration URI names: `arn:…:function:chat_handler/invocations` → `chat_handler`. */
export function functionNameOfUri(uri: string): string | undefined {
  return /:function:([^/:]+)/.exec(uri)?.[1];
}

/** The chat example's config; a clear error naming the file for anything missing. */
export function chatConfigOf(name: string, clients: string[] = ['alice', 'bob', 'carol']): ChatConfig {
  const dir = join(process.cwd(), 'examples', name);
  const read = (file: string) => {
    const path = join(dir, file);
    if (!existsSync(path)) throw new Error(`<ChatSandbox example="${name}">: examples/${name}/${file} is missing`);
    return readFileSync(path, 'utf8');
  };
  const manifest: Manifest = existsSync(join(dir, 'example.json'))
    ? (JSON.parse(read('example.json')) as Manifest)
    : {};
  const definitionFile = manifest.definition ?? 'api.json';
  const definition = read(definitionFile);
  const doc = JSON.parse(definition) as { Integrations?: Array<{ IntegrationUri?: string }> };
  const functionName =
    Object.keys(manifest.functions ?? {})[0] ??
    doc.Integrations?.map((i) => functionNameOfUri(i.IntegrationUri ?? '')).find(Boolean);
  if (!functionName) throw new Error(`examples/${name}/${definitionFile}: no integration names a Lambda function`);
  const languages = Object.fromEntries(
    LANGS.map((lang): [Language, ChatFunctionCode] => {
      const spec = manifest.functions?.[functionName]?.[lang];
      const file = spec?.file ?? `${functionName}.${EXT[lang]}`;
      const source = read(file);
      const name = basename(file);
      // What the handler worker would make of it (same transpiler, same file name), done once here.
      const compiled = lang === 'typescript' ? { compiled: transpileTypeScript(source, `/var/task/${name}`) } : {};
      return [lang, { source, file: name, handler: spec?.handler ?? DEFAULT_HANDLER[lang], ...compiled }];
    }),
  ) as Record<Language, ChatFunctionCode>;
  return {
    example: name,
    title: manifest.title ?? name,
    definition,
    definitionFile,
    stage: manifest.stage ?? 'production',
    clients,
    functionName,
    languages,
  };
}

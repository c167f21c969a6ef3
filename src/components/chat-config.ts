/** The data a chat sandbox or chat exercise is rendered with (`<script type="application/json" data-config>`). */
import type { Language } from '../examples/types.js';

/** The chat's function in one language: its source, file name and handler (as ChatSandboxInput.functions wants). */
export interface ChatFunctionCode {
  source: string;
  file: string;
  handler: string;
  /** TypeScript only: the source transpiled at build time (the first message needs no compiler in the page). */
  compiled?: string;
}

export interface ChatConfig {
  /** The example (`websocket-chat`): the key of the reader's edits in localStorage. */
  example: string;
  /** The example's title (example.json): the Description of its Download SAM project's template. */
  title: string;
  /** api.json as the example has it (the reader may edit it). */
  definition: string;
  /** The definition's file name (`api.json`). */
  definitionFile: string;
  stage: string;
  /** The simulated clients, in lane order, each connecting with `?name=<client>` at first. */
  clients: string[];
  /** The function every route calls. */
  functionName: string;
  languages: Record<Language, ChatFunctionCode>;
}

/** A function as ChatSandboxInput wants it: the build's compiled code goes along while `source` is the original. */
export function chatFunctionInput(
  code: ChatFunctionCode,
  source: string,
): { source: string; file: string; handler: string; code?: string } {
  return {
    source,
    file: code.file,
    handler: code.handler,
    ...(code.compiled !== undefined && source === code.source ? { code: code.compiled } : {}),
  };
}

export const CHAT_LANGUAGES: Record<Language, string> = { python: 'Python', typescript: 'TypeScript' };

/** The accessible name of the handler's editor: `Handler code (chat_handler.py, Python)`. */
export const chatCodeLabel = (code: ChatFunctionCode, language: Language) =>
  `Handler code (${code.file}, ${CHAT_LANGUAGES[language]})`;

/** The key under which the reader's edit of one file is kept: `apigw-lab:chat:websocket-chat:python`. */
export const chatStorageKey = (example: string, what: Language | 'definition') => `apigw-lab:chat:${example}:${what}`;

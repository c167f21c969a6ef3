/** The data a <ClientSdk> element is rendered with (`<script type="application/json" data-config>`), built at build time. */
import type { SandboxRun } from '../runtime/types.js';

export interface ClientSdkConfig {
  /** The example's name (`items`): the key the reader's usage code is kept under. */
  example: string;
  /** The generated client's file name and TypeScript text. */
  fileName: string;
  client: string;
  /** The example's documented definition (its file's text and name): what the definition editor starts from. */
  definition: string;
  definitionFile: string;
  /** The usage code shown first. */
  usage: string;
  /** The run every request of the client becomes (its `request` and `session` set per call): the example's API and handler. */
  run: Omit<SandboxRun, 'request'> & { handlerCode?: string };
}

/** The usage code's accessible name. */
export const USAGE_LABEL = 'Code that uses the client (TypeScript)';

/** The definition editor's accessible name. */
export const DEFINITION_LABEL = 'The API definition (OpenAPI)';

/** The usage code of an example whose client has these methods: the items API's documented exchanges, in order. */
export function defaultUsage(): string {
  return `// Api is the generated client above; customFetch sends its requests
// to the items API running in this page. The export's responses name no
// content type, so the client does not parse bodies unless asked: JSON.
const api = new Api({ customFetch, baseApiParams: { format: 'json' } });

const list = await api.itemsGet();
const created = await api.itemsPost({
  name: 'Keyboard',
  description: 'Mechanical keyboard for fast typing.',
});
const one = await api.itemsIdGet('1');
// For a status that is not 2xx, the client throws the response
// (its parsed body in \`error\`).
const missing = await api.itemsIdGet('999').catch((response) => response);

return {
  items: list.data,
  created: created.data,
  one: one.data,
  missing: [missing.status, missing.error],
};
`;
}

/** A generated client's method names, in order (the `Api` class's arrow-function members). */
export function methodNames(client: string): string[] {
  return [...client.matchAll(/^ {2}(\w+) = \(/gm)].map((m) => m[1]!);
}

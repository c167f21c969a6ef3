/** Build-time access to `examples/<name>/` for the components (Node only: runs in Astro's server render). */
import { join } from 'node:path';
import { loadExample } from '../examples/load-node.js';
import type { Example, Exchange } from '../examples/types.js';

const cache = new Map<string, Example>();

/** The example in `examples/<name>/` (read once per build). */
export function getExample(name: string): Example {
  let example = cache.get(name);
  if (!example) {
    example = loadExample(join(process.cwd(), 'examples', name));
    cache.set(name, example);
  }
  return example;
}

/** One exchange of an example, by id (`get-items`); throws a clear error for a typo in a page. */
export function getExchange(name: string, id: string): { example: Example; exchange: Exchange } {
  const example = getExample(name);
  const exchange = example.exchanges.find((x) => x.id === id);
  if (!exchange) {
    throw new Error(
      `Exchange "${id}" not found in examples/${name} (known: ${example.exchanges.map((x) => x.id).join(', ')})`,
    );
  }
  return { example, exchange };
}

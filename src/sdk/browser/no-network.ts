/**
 * `node:dns/promises` and `node:net` for the generator's browser bundle: swagger-typescript-api uses them only to vet
 * the host of a remote `$ref` before fetching it. The page's definitions are one document: a remote one is refused.
 */
const refuse = (): never => {
  throw new Error('remote $ref: the page generates from one document (no network lookups)');
};
export const lookup = refuse;
/** Not an IP address (0), so a host would be looked up, which is refused. */
export const isIP = (_input: string): number => 0;
export default { lookup, isIP };

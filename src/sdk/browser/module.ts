/**
 * `node:module` for the generator's browser bundle: swagger-typescript-api's `require` loads custom templates' helper
 * modules, which the page does not use (the default templates only).
 */
export function createRequire(_from: string | URL): (id: string) => never {
  return (id: string) => {
    throw new Error(`require("${id}"): the generator in the page runs its default templates only`);
  };
}
export default { createRequire };

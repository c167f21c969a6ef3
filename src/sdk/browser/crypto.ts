/** `node:crypto` for the generator's browser bundle: `randomUUID`, from the Web Crypto API. */
export const randomUUID = (): string => globalThis.crypto.randomUUID();
export default { randomUUID };

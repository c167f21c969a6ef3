/**
 * `node:util` for the generator's browser bundle: the two names @apidevtools/swagger-parser reads when it loads
 * (`format` for its error messages, `inherits`).
 */
export function format(message: unknown, ...args: unknown[]): string {
  let rest = args;
  const text = String(message).replace(/%[sdifjoO%]/g, (token) => {
    if (token === '%%') return '%';
    if (rest.length === 0) return token;
    const [value, ...others] = rest;
    rest = others;
    return token === '%j' || token === '%o' || token === '%O' ? JSON.stringify(value) : String(value);
  });
  return [text, ...rest.map(String)].join(' ');
}

export function inherits(child: { prototype: object }, parent: { prototype: object }): void {
  Object.setPrototypeOf(child.prototype, parent.prototype);
  Object.setPrototypeOf(child, parent);
}

export default { format, inherits };

/**
 * SAM `Globals`: a resource's properties merged over its section's (Function, Api, HttpApi). A local primitive
 * overrides the global, maps merge, lists concatenate (samtranslator/plugins/globals/globals.py:324,368; research §1.4).
 * `StageName` is not a global of Api, and `FunctionName`, `Events`, `Role`, `Policies` are not of Function.
 */
const NOT_GLOBAL: Record<string, readonly string[]> = {
  Function: ['FunctionName', 'Events', 'Role', 'Policies'],
  Api: ['StageName'],
  HttpApi: [],
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function merge(global: unknown, local: unknown): unknown {
  if (local === undefined) return global;
  if (isObject(global) && isObject(local)) {
    // An intrinsic function is a value, not a map to merge.
    if (Object.keys(local).some((k) => k === 'Ref' || k.startsWith('Fn::'))) return local;
    const out: Record<string, unknown> = { ...global };
    for (const [k, v] of Object.entries(local)) out[k] = merge(global[k], v);
    return out;
  }
  if (Array.isArray(global) && Array.isArray(local)) return [...global, ...local];
  return local;
}

/** `properties` with the template's `Globals[section]` applied (none when the resource says `IgnoreGlobals: '*'`). */
export function withGlobals(
  globals: unknown,
  section: 'Function' | 'Api' | 'HttpApi',
  properties: Record<string, unknown>,
  ignore?: unknown,
): Record<string, unknown> {
  const block = isObject(globals) ? globals[section] : undefined;
  if (!isObject(block) || ignore === '*') return properties;
  const ignored = Array.isArray(ignore) ? ignore.map(String) : [];
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(block)) if (!NOT_GLOBAL[section]!.includes(k) && !ignored.includes(k)) out[k] = v;
  return merge(out, properties) as Record<string, unknown>;
}

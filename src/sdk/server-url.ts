/**
 * The base URL a generated client calls: the exported definition's first server URL with its variables set to their
 * defaults (`https://{id}.execute-api.{region}.amazonaws.com/{basePath}` with `basePath` `/dev` → `…/dev`), or '' when
 * the export names no stage (no servers). Pure.
 */
export function baseUrlOf(exported: Record<string, unknown>): string {
  const servers = exported.servers;
  if (!Array.isArray(servers) || servers.length === 0) return '';
  const server = servers[0] as { url?: unknown; variables?: Record<string, { default?: unknown }> };
  if (typeof server.url !== 'string') return '';
  const variables = server.variables ?? {};
  const url = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const value = variables[name]?.default;
    return typeof value === 'string' ? value : whole;
  });
  // AWS writes `…amazonaws.com/{basePath}` with basePath `/dev`: one slash between host and stage; none at the end
  // (an HTTP API's `$default` stage: `…amazonaws.com/`), as the client appends paths that start with `/`.
  return url.replace(/([^:/])\/{2,}/g, '$1/').replace(/\/+$/, '');
}

/** The exported definition with its server URL's variables resolved (a copy; the generator reads `servers[0].url`). */
export function withResolvedServer(exported: Record<string, unknown>): Record<string, unknown> {
  const url = baseUrlOf(exported);
  return url ? { ...exported, servers: [{ url }] } : exported;
}

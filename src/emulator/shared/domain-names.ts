/**
 * Custom domain names and their base path (API) mappings, as REST and HTTP API gateways route them: a request
 * whose Host is the domain goes, by the longest base path its path starts with, to the mapped stage, with no stage
 * segment in the URL.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mappings.html
 */

/**
 * A base path (API) mapping of a custom domain name: requests to `https://{domain}/{basePath}/...` go to `stage`.
 * `basePath` '' or '(none)' is the root mapping.
 */
export interface BasePathMapping {
  basePath: string;
  stage: string;
}

/** CreateDomainName plus its CreateBasePathMapping (or CreateApiMapping) calls. */
export interface DomainNameConfig {
  domainName: string;
  basePathMappings: BasePathMapping[];
}

/** Where a request to a custom domain goes: a mapped stage, or nowhere (no mapping matches its path). */
export type DomainRoute =
  | {
      kind: 'mapped';
      stage: string;
      /** The mapping's part of the path: `/v1`, or '' for the root mapping. */
      basePath: string;
      /** The path after the base path (`/items`; `/` at least). */
      path: string;
    }
  | { kind: 'unmapped' };

/** The custom domain names of one gateway. */
export class DomainNames {
  /** Lower-cased domain names to their mappings, longest base path first. */
  readonly #domains = new Map<string, BasePathMapping[]>();

  /** CreateDomainName with its mappings (replacing the domain's earlier ones); returns them as stored. */
  put(config: DomainNameConfig): DomainNameConfig {
    const mappings = config.basePathMappings.map((m) => ({ basePath: normaliseBasePath(m.basePath), stage: m.stage }));
    mappings.sort((a, b) => b.basePath.length - a.basePath.length);
    this.#domains.set(config.domainName.toLowerCase(), mappings);
    return { domainName: config.domainName, basePathMappings: mappings.map((m) => ({ ...m })) };
  }

  /** Where a request for `host` (a port is ignored) and `pathname` goes; null when the host is no custom domain. */
  route(host: string, pathname: string): DomainRoute | null {
    if (this.#domains.size === 0) return null;
    const mappings = this.#domains.get(host.replace(/:\d+$/, '').toLowerCase());
    if (!mappings) return null;
    const mapping = mappings.find(
      (m) => m.basePath === '' || pathname === `/${m.basePath}` || pathname.startsWith(`/${m.basePath}/`),
    );
    if (!mapping) return { kind: 'unmapped' };
    const basePath = mapping.basePath ? `/${mapping.basePath}` : '';
    return { kind: 'mapped', stage: mapping.stage, basePath, path: pathname.slice(basePath.length) || '/' };
  }
}

/** A base path as API Gateway stores it: no surrounding slashes; '(none)' is the root mapping, ''. */
function normaliseBasePath(basePath: string): string {
  const trimmed = basePath.replace(/^\/+|\/+$/g, '');
  return trimmed === '(none)' ? '' : trimmed;
}

import type { AwsServiceName } from '../emulator/aws-services/types.js';
import type { RemoteEndpoints } from '../node/remote-aws-services.js';

/**
 * `--aws-endpoint` → endpoints: one URL for every service, or `sqs=URL,kinesis=URL,…`; returns `error` naming the
 * fault (an unknown service, a value that is not an http(s) URL).
 */
export function parseAwsEndpointFlag(
  value: string,
  services: readonly AwsServiceName[],
): RemoteEndpoints | { error: string } {
  const isUrl = (text: string) => {
    try {
      const url = new URL(text);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  };
  if (!/^[A-Za-z0-9-]+=/.test(value)) {
    if (!isUrl(value)) return { error: `"${value}" is not an http(s) URL (or sqs=URL,kinesis=URL,…)` };
    return Object.fromEntries(services.map((s) => [s, value]));
  }
  const endpoints: RemoteEndpoints = {};
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    const name = part.slice(0, eq).trim();
    const url = part.slice(eq + 1).trim();
    if (eq < 0 || !(services as readonly string[]).includes(name))
      return { error: `"${part}": expected SERVICE=URL with SERVICE one of ${services.join(', ')}` };
    if (!isUrl(url)) return { error: `"${part}": "${url}" is not an http(s) URL` };
    if (endpoints[name as AwsServiceName] !== undefined) return { error: `${name} is given twice` };
    endpoints[name as AwsServiceName] = url;
  }
  return endpoints;
}

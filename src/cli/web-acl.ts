import { readFile } from 'node:fs/promises';
import {
  HTTP_API_WAF_UNSUPPORTED,
  RestGateway,
  WebAclError,
  ipSetAddresses,
  parseIpSet,
  parseWebAcl,
  wafReport,
  type AnyGateway,
  type IpSet,
  type WebAcl,
  type WebAclEvaluator,
  type WafTrace,
} from '../emulator/index.js';
import type { ServeOptions } from './args.js';
import { CliError } from './errors.js';

/** The route that reports the web ACL's sampled requests and per-rule counts (`GET`, JSON). */
export const WAF_REPORT_PATH = '/__apigw-lab/waf';

/**
 * Reads `--web-acl FILE` (the JSON `aws wafv2 get-web-acl` prints, SearchString base64 as it prints it) with its
 * `--ip-set FILE`s (`aws wafv2 get-ip-set` output); undefined without `--web-acl`. Throws a one-line CliError naming
 * the file and the field.
 */
export async function loadWebAcl(options: Pick<ServeOptions, 'webAcl' | 'ipSets'>): Promise<WebAcl | undefined> {
  if (options.webAcl === undefined) return undefined;
  const sets: IpSet[] = [];
  for (const file of options.ipSets) {
    const flag = `--ip-set ${file}`;
    const document = await readJsonFile(flag, file, 'aws wafv2 get-ip-set');
    sets.push(checked(flag, () => parseIpSet(document)));
  }
  const flag = `--web-acl ${options.webAcl}`;
  const document = await readJsonFile(flag, options.webAcl, 'aws wafv2 get-web-acl');
  const addresses = checked('--ip-set', () => ipSetAddresses(sets));
  try {
    return parseWebAcl(document, addresses, { searchStringEncoding: 'base64' });
  } catch (error) {
    if (!(error instanceof WebAclError)) throw error;
    const hint = /: no IP set given for /.test(error.message) ? ' (pass it with --ip-set FILE)' : '';
    throw new CliError(`${flag}: ${error.message}${hint}`);
  }
}

/**
 * Associates the web ACL with every served stage (one web ACL: shared counters and rate counts); an HTTP API gets a
 * one-line error. Returns the evaluator the report route reads.
 */
export function associateWebAcl(
  gateway: AnyGateway,
  acl: WebAcl,
  stages: readonly string[],
  options: Pick<ServeOptions, 'webAcl' | 'wafCountryHeader'>,
): WebAclEvaluator {
  if (!(gateway instanceof RestGateway)) throw new CliError(`--web-acl ${options.webAcl}: ${HTTP_API_WAF_UNSUPPORTED}`);
  let evaluator: WebAclEvaluator | null = null;
  for (const stage of stages)
    evaluator = gateway.associateWebAcl(stage, acl, { countryHeader: options.wafCountryHeader });
  return evaluator!;
}

/** The body of `GET /__apigw-lab/waf`: samples per rule metric name (get-sampled-requests' shape) and counters. */
export function wafReportBody(evaluator: WebAclEvaluator): unknown {
  const { webAcl, sampledRequests, counters } = wafReport(evaluator, Date.now());
  return { webAcl, sampledRequests, counters };
}

function checked<T>(flag: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof WebAclError) throw new CliError(`${flag}: ${error.message}`);
    throw error;
  }
}

async function readJsonFile(flag: string, file: string, command: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new CliError(
      `${flag}: cannot read ${file} (${code === 'ENOENT' ? 'no such file' : (error as Error).message})`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CliError(`${flag}: ${file} is not JSON (expected the output of ${command})`);
  }
}

/** A stderr line for a request WAF blocked or a rule matched: `[waf lab-acl] BLOCK by rule-name (counted: a; labels: x)`. */
export function wafLine(waf: WafTrace): string {
  const counted = waf.matchedRules.filter((r) => r.action === 'COUNT').map((r) => r.name);
  const extra = [
    ...(counted.length ? [`counted: ${counted.join(', ')}`] : []),
    ...(waf.labels.length ? [`labels: ${waf.labels.join(', ')}`] : []),
  ];
  return `[waf ${waf.webAcl}] ${waf.action} by ${waf.terminatingRule}${extra.length ? ` (${extra.join('; ')})` : ''}`;
}

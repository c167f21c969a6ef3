import { signRequest } from '../emulator/index.js';
import { CliError } from './errors.js';
import { parseCredentialsFlag, type CredentialsFlag } from './iam.js';
import type { Output } from './serve.js';

export const SIGN_USAGE = `Usage: apigw-lab sign --credentials ACCESS_KEY:SECRET [options] URL

Signs a request with Signature Version 4 (service execute-api) and prints it as a curl command, for
AWS_IAM methods (apigw-lab serve --credentials accepts the same key):
  eval "$(apigw-lab sign --credentials AKIAIOSFODNN7EXAMPLE:SECRET http://127.0.0.1:3000/dev/items)"

Options:
      --credentials ACCESS_KEY:SECRET[:ARN]
                                     the access key to sign with
  -X, --request METHOD               the HTTP method (default GET, or POST with --data)
  -H, --header "NAME: VALUE"         a header to send and sign (repeatable)
  -d, --data BODY                    the request body (sent as curl --data-raw)
      --region REGION                the API's Region (default us-east-1)
  -h, --help                         show this help
`;

const HINT = 'run "apigw-lab sign --help" for usage';
const fail = (message: string) => new CliError(message, { hint: HINT });

export interface SignOptions {
  credentials: CredentialsFlag;
  method: string | undefined;
  headers: Array<[string, string]>;
  body: string | undefined;
  region: string;
  url: string;
}

/** Parses `apigw-lab sign`'s arguments; null for --help. */
export function parseSignArgs(argv: readonly string[]): SignOptions | null {
  let credentials: CredentialsFlag | undefined;
  const options: Omit<SignOptions, 'credentials' | 'url'> = {
    method: undefined,
    headers: [],
    body: undefined,
    region: 'us-east-1',
  };
  let url: string | undefined;
  const names: Record<string, string> = {
    '--credentials': '--credentials',
    '-X': '--request',
    '--request': '--request',
    '-H': '--header',
    '--header': '--header',
    '-d': '--data',
    '--data': '--data',
    '--region': '--region',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return null;
    if (!arg.startsWith('-')) {
      if (url !== undefined) throw fail(`one URL expected, got "${url}" and "${arg}"`);
      url = arg;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const spelled = eq > 0 ? arg.slice(0, eq) : arg;
    const flag = names[spelled];
    if (!flag) throw fail(`unknown option "${spelled}"`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw fail(`${spelled} needs a value`);
    switch (flag) {
      case '--credentials':
        credentials = parseCredentialsFlag(spelled, value, []);
        break;
      case '--request':
        if (!/^[A-Za-z]+$/.test(value)) throw fail(`${spelled} "${value}": expected an HTTP method such as GET`);
        options.method = value.toUpperCase();
        break;
      case '--header': {
        const colon = value.indexOf(':');
        if (colon <= 0) throw fail(`${spelled} "${value}": expected "NAME: VALUE"`);
        options.headers.push([value.slice(0, colon).trim(), value.slice(colon + 1).trim()]);
        break;
      }
      case '--data':
        options.body = value;
        break;
      case '--region':
        if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(value))
          throw fail(`${spelled} "${value}": expected a Region such as us-east-1`);
        options.region = value;
        break;
    }
  }
  if (!credentials) throw fail('--credentials ACCESS_KEY:SECRET is required');
  if (url === undefined) throw fail('missing the URL to sign (e.g. http://127.0.0.1:3000/dev/items)');
  if (!/^https?:\/\/[^\s]+$/.test(url)) throw fail(`"${url}" is not an http(s) URL`);
  return { credentials, url, ...options };
}

/** Single-quotes a word for a POSIX shell. */
const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/** Prints the signed request as a curl command. */
export async function runSign(options: SignOptions, output: Output): Promise<void> {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  const signed = await signRequest({
    method,
    url: options.url,
    headers: options.headers,
    body: options.body ?? null,
    accessKeyId: options.credentials.accessKeyId,
    secretAccessKey: options.credentials.secretAccessKey,
    region: options.region,
  });
  const words = ['curl', '-X', method];
  for (const [name, value] of signed.headers) words.push('-H', quote(`${name}: ${value}`));
  if (options.body !== undefined) words.push('--data-raw', quote(options.body));
  words.push(quote(options.url));
  output.out(`${words.join(' ')}\n`);
}

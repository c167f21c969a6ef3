import {
  checkApiKeyFlags,
  parseApiKeyFlag,
  parseUsagePlanFlag,
  type ApiKeyFlag,
  type UsagePlanFlag,
} from './api-keys.js';
import { DEFAULT_POOL_FILE, parseTokenArgs, type TokenOptions } from './user-pool.js';
import { CliError } from './errors.js';
import { DEFAULT_WAF_COUNTRY_HEADER } from '../emulator/index.js';
import { AWS_SERVICE_NAMES } from '../emulator/aws-services/types.js';
import { parseAwsEndpointFlag } from './aws-endpoint-flag.js';
import type { RemoteEndpoints } from '../node/remote-aws-services.js';
import { parseJwksFlag, type JwksFlag } from './jwks.js';
import { parseLoadArgs, type LoadOptions } from './load.js';
import { parseSignArgs, type SignOptions } from './sign.js';
import { parseSdkArgs, type SdkOptions } from './sdk.js';
import { parseCredentialsFlag, parseIdentityPolicyFlag, type CredentialsFlag, type IdentityPolicyFlag } from './iam.js';

/** A `--function NAME=PATH[#export]` flag. */
export interface FunctionFlag {
  name: string;
  /** As written (relative to the current directory unless absolute). */
  path: string;
  exportName?: string;
  /** The flag as given, for messages. */
  flag: string;
}

/** A `--stage NAME[=DEFINITION]` flag: a stage, and the definition its own deployment is made from. */
export interface StageFlag {
  name: string;
  /** As written; undefined → the main definition (the positional argument). */
  definition?: string;
}

export interface ServeOptions {
  definition: string;
  /** The stages to serve, each pointing at a deployment of its definition; never empty. */
  stages: StageFlag[];
  /** `--stage-variable STAGE:K=V`: variables of one stage, on top of `stageVariables` (every stage's). */
  stageVariablesByStage: Record<string, Record<string, string>>;
  functions: FunctionFlag[];
  port: number;
  host: string;
  /** The first stage's name. */
  stage: string;
  stageVariables: Record<string, string>;
  /** `--timeout MS`: the Lambda functions' timeout; undefined → the function host's default. */
  timeoutMs: number | undefined;
  /** `--concurrency N`: execution environments (worker threads) per function; undefined → the host's default. */
  concurrency: number | undefined;
  /** `--api-type rest|http|websocket`: how to read the definition; undefined → guessed from the document. */
  apiType: 'REST' | 'HTTP' | 'WEBSOCKET' | undefined;
  /**
   * `--endpoint-type edge|regional|private`: a REST API's endpoint type, as import-rest-api's
   * `--parameters endpointConfigurationTypes=…` sets it (OpenAPI definitions carry none). Default EDGE.
   */
  endpointType: 'EDGE' | 'REGIONAL' | 'PRIVATE';
  /** `--domain-name NAME`: a custom domain name; requests whose Host is NAME go through `basePathMappings`. */
  domainName: string | undefined;
  /** `--base-path-mapping BASEPATH=STAGE` (repeatable); BASEPATH '' or '(none)' is the root mapping. */
  basePathMappings: { basePath: string; stage: string }[];
  /** `--api-key VALUE[=PLAN]` (repeatable): keys for methods with apiKeyRequired. */
  apiKeys: ApiKeyFlag[];
  /** `--usage-plan NAME:rate=R,burst=B,quota=N/PERIOD` (repeatable). */
  usagePlans: UsagePlanFlag[];
  /** `--jwks ISSUER=FILE_OR_URL` (repeatable): the keys of an issuer: an HTTP API's JWT authorizers verify its tokens with them, and a REST API's Cognito authorizers trust it (a user pool) instead of the local pool. */
  jwks: JwksFlag[];
  /** `--pool FILE`: the local user pool's file (default .apigw-lab/user-pool.json). */
  userPool: string;
  /** `--credentials ACCESS_KEY:SECRET[:ARN]` (repeatable): access keys AWS_IAM methods accept (SigV4). */
  credentials: CredentialsFlag[];
  /** `--identity-policy ARN=FILE` (repeatable): a principal's identity policy (a JSON policy document). */
  identityPolicies: IdentityPolicyFlag[];
  /** `--stage-config FILE` (repeatable): a stage's settings as `aws apigateway get-stage` prints them. */
  stageConfigs: string[];
  /** `--access-log-format FORMAT`: a `$context` template or clf/json/xml/csv; undefined → the stage config's, or the default line. */
  accessLogFormat: string | undefined;
  /** `--execution-log INFO|ERROR|OFF`: REST execution log lines on stdout (default OFF). */
  executionLog: 'INFO' | 'ERROR' | 'OFF';
  /** Whether --execution-log was given (else a stage config's `loggingLevel` decides). */
  executionLogGiven: boolean;
  /** `--web-acl FILE`: an AWS WAF web ACL (`aws wafv2 get-web-acl` output) associated with every stage (REST APIs). */
  webAcl: string | undefined;
  /** `--ip-set FILE` (repeatable): IP sets the web ACL references (`aws wafv2 get-ip-set` output). */
  ipSets: string[];
  /** `--waf-country-header NAME`: the header GeoMatchStatement reads the country from; undefined → the default. */
  wafCountryHeader: string | undefined;
  /** `--services FILE`: the embedded AWS services' resources (a ServicesFile: queues, streams, stateMachines, …). */
  services: string | undefined;
  /** `--aws-endpoint URL` or `sqs=URL,kinesis=URL,…`: services sent to real endpoints (SigV4-signed); others embedded. */
  awsEndpoints: RemoteEndpoints;
  /** `--parameter-overrides` (repeatable) of a SAM/CloudFormation template, as written (`K=V K2=V2`, `ParameterKey=K,ParameterValue=V`). */
  parameterOverrides?: string[];
  /** `--api LOGICAL_ID`: which of a template's APIs to serve (default: the first). */
  api?: string;
  /** Whether `--stage` was given (else a template's stages are served). */
  stageGiven?: boolean;
}

export interface ExportOptions {
  definition: string;
  /** `--api-type rest|http|websocket`; undefined → guessed from the document. */
  apiType: 'REST' | 'HTTP' | 'WEBSOCKET' | undefined;
  /** `--format yaml|json|sam` (default yaml); sam writes a SAM project (template.yaml, handlers, samconfig.toml). */
  format: 'yaml' | 'json' | 'sam';
  /** `--stage NAME`: the stage `servers` names (yaml, json; undefined → no servers), or the SAM stage (default dev). */
  stage: string | undefined;
  /** `--out DIR` (sam): where the project is written; undefined → `./<api-name>-sam`. */
  out?: string;
  /** `--function NAME=PATH[#export]` (sam): handler files, as `serve` takes them. */
  functions: FunctionFlag[];
  /** `--stage-variable K=V` (sam): the stage's variables. */
  stageVariables: Record<string, string>;
  /** `--endpoint-type` (sam, REST APIs): the template's EndpointConfiguration. */
  endpointType?: 'EDGE' | 'REGIONAL' | 'PRIVATE';
}

export type Command =
  | { kind: 'help'; topic: 'main' | 'serve' | 'export' | 'token' | 'sign' | 'load' | 'sdk' }
  | { kind: 'version' }
  | { kind: 'serve'; options: ServeOptions }
  | { kind: 'export'; options: ExportOptions }
  | { kind: 'token'; options: TokenOptions }
  | { kind: 'sign'; options: SignOptions }
  | { kind: 'load'; options: LoadOptions }
  | { kind: 'sdk'; options: SdkOptions };

export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_STAGE = 'dev';

export const MAIN_USAGE = `apigw-lab: run an AWS API Gateway REST API locally, from its OpenAPI definition

Usage:
  apigw-lab serve <openapi.yaml|json> [options]   serve the API over HTTP
  apigw-lab export <openapi.yaml|json> [options]  print the API as API Gateway exports it (OpenAPI 3.0.1)
  apigw-lab serve --api-type websocket api.json    serve a WebSocket API (aws apigatewayv2 get-api/get-routes/
                                                   get-integrations output) at ws://127.0.0.1:3000/dev
  apigw-lab token --user NAME [options]            print a token of the local Cognito user pool
  apigw-lab sign --credentials KEY:SECRET URL      print a curl command for a SigV4-signed request
  apigw-lab load URL --rate R --duration S         send R requests per second for S seconds, count statuses
  apigw-lab sdk --lang typescript <openapi.yaml>   generate a TypeScript client SDK from the API's export
  apigw-lab --help                                 show this help
  apigw-lab serve --help                           options of serve
  apigw-lab export --help                          options of export
  apigw-lab token --help                           options of token
  apigw-lab sign --help                            options of sign
  apigw-lab load --help                            options of load
  apigw-lab sdk --help                             options of sdk
  apigw-lab --version                              print the version

Example:
  apigw-lab serve api.yaml
  curl http://127.0.0.1:3000/dev/items
`;

export const SERVE_USAGE = `Usage: apigw-lab serve <openapi.yaml|json> [options]
       apigw-lab serve <template.yaml|json> [--parameter-overrides K=V ...] [--api LOGICAL_ID] [options]

Serves a REST API defined in OpenAPI 3 (or Swagger 2) with x-amazon-apigateway-integration
extensions, at http://HOST:PORT/STAGE/<resource path>, running its Lambda proxy integrations
locally (.ts/.mts/.js/.mjs in Node, .py in Pyodide).

A SAM or CloudFormation template (a file with Resources and AWSTemplateFormatVersion or Transform)
serves one of its APIs (AWS::Serverless::Api/HttpApi, the implicit ServerlessRestApi/ServerlessHttpApi
of functions' Api/HttpApi events, AWS::ApiGateway::RestApi, AWS::ApiGatewayV2::Api; a WebSocket API
as raw AWS::ApiGatewayV2 Api/Route/Integration/Stage resources, on one stage) on its stages, with
its functions' handlers from CodeUri + Handler (nodejs*, python*) beside the template, its API keys
and usage plans, and its stages' variables and MethodSettings; no Docker. Other resources are listed
in one warning line.

Options:
  -f, --function NAME=PATH[#export]  the handler file of Lambda function NAME (repeatable).
                                     PATH is relative to the current directory. Default: the file
                                     NAME.ts|.mts|.js|.mjs|.py beside the definition. The export is
                                     "handler" (JS/TS) or "lambda_handler" (Python) unless #export.
  -p, --port N                       port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
      --host H                       address to listen on (default ${DEFAULT_HOST})
  -s, --stage NAME[=DEFINITION]      stage name, the first path segment of every URL (default ${DEFAULT_STAGE}).
                                     Repeatable: each stage serves its own deployment, of DEFINITION
                                     when given, else of the main definition (e.g. --stage prod=v1.yaml --stage dev)
      --stage-variable [STAGE:]K=V   a stage variable of every stage, or of STAGE only (repeatable)
      --timeout MS                   Lambda function timeout in milliseconds
      --concurrency N                execution environments (worker threads) per function (default 2)
      --api-type rest|http|websocket import as a REST API or an HTTP API (default: guessed from the
                                     document: payloadFormatVersion or x-amazon-apigateway-importexport-version
                                     mean HTTP API). An HTTP API on stage $default has no stage prefix.
                                     websocket: DEF is {"Api", "Routes", "Integrations"} as "aws apigatewayv2
                                     get-api", "get-routes" and "get-integrations" print them (guessed from
                                     Api.ProtocolType WEBSOCKET), served at ws://HOST:PORT/STAGE with its
                                     @connections API at http://HOST:PORT/STAGE/@connections/ID
      --endpoint-type edge|regional|private
                                     a REST API's endpoint type, as "aws apigateway import-rest-api
                                     --parameters endpointConfigurationTypes=REGIONAL" sets it (default
                                     edge: requests arrive through CloudFront, whose headers the event shows)
      --domain-name NAME             a custom domain name: requests whose Host header is NAME are routed
                                     by --base-path-mapping (API mappings), with no stage segment
      --base-path-mapping BASEPATH=STAGE
                                     maps https://NAME/BASEPATH/... to STAGE (repeatable; BASEPATH empty or
                                     "(none)" maps the root), e.g. --base-path-mapping v1=dev --base-path-mapping =prod
      --api-key VALUE[=PLAN]         an API key (20 to 128 characters) for methods that require one (repeatable),
                                     in usage plan PLAN, or in a default plan without limits
      --usage-plan NAME:rate=R,burst=B,quota=N/DAY|WEEK|MONTH
                                     a usage plan on every stage: each key's throttle (R requests per second,
                                     bursts of B) and quota (repeatable; each limit optional)
      --pool FILE                    the local Cognito user pool that cognito_user_pools authorizers trust
                                     (default ${DEFAULT_POOL_FILE}; "apigw-lab token" prints its tokens)
      --jwks ISSUER=FILE_OR_URL      the JSON Web Key Set of ISSUER (a file, or a URL read at start-up): the keys
                                     an HTTP API's JWT authorizers verify its tokens with; for a REST API, a
                                     Cognito user pool (https://cognito-idp.REGION.amazonaws.com/ID) trusted
                                     instead of the local pool (repeatable)
      --credentials ACCESS_KEY:SECRET[:ARN]
                                     an access key AWS_IAM methods accept: requests signed with it (SigV4,
                                     service execute-api) act as ARN (default arn:aws:iam::123456789012:user/
                                     apigw-lab); a request signed with any other key is refused (repeatable)
      --identity-policy ARN=FILE     the identity policy (a JSON policy document) of principal ARN, evaluated
                                     on execute-api:Invoke (without one, a principal is allowed) (repeatable)
      --stage-config FILE            a stage's settings, as "aws apigateway get-stage" prints them: its variables
                                     and methodSettings (throttling: "*/*" or "~1path/METHOD" with
                                     throttlingRateLimit, throttlingBurstLimit), for stage stageName or the first
                                     (repeatable); for an HTTP API, as "aws apigatewayv2 get-stage" prints them:
                                     StageVariables, DefaultRouteSettings and RouteSettings (by route key, e.g.
                                     "GET /items") with ThrottlingBurstLimit, ThrottlingRateLimit, for StageName
      --access-log-format FORMAT     the access log line: a $context template ('$context.requestId $context.status')
                                     or clf, json, xml, csv (the console's presets); default: the stage config's
                                     accessLogSettings.format, else the line below
      --execution-log INFO|ERROR|OFF a REST API's execution log on stdout, before each access log line: every line
                                     API Gateway writes for the request (INFO) or its errors only (ERROR); default:
                                     the stage config's methodSettings loggingLevel, else OFF
      --web-acl FILE                 an AWS WAF web ACL, as "aws wafv2 get-web-acl" prints it (SearchString in
                                     base64), in front of every stage (REST APIs only: AWS WAF cannot protect
                                     HTTP APIs). It sees the client's socket address as the source IP. Its sampled
                                     requests and per-rule counts: GET http://HOST:PORT/__apigw-lab/waf
      --ip-set FILE                  an IP set the web ACL references by ARN, as "aws wafv2 get-ip-set" prints
                                     it (repeatable)
      --waf-country-header NAME      the request header GeoMatchStatement takes the country code (FR, US...)
                                     from, in place of AWS's geolocation of the source IP (default
                                     ${DEFAULT_WAF_COUNTRY_HEADER})
      --services FILE                the embedded AWS services' resources, in the Create* actions' input names:
                                     {"queues": [{"QueueName": "orders"}], "streams": [...], "stateMachines":
                                     [...], "eventBuses": [...], "tables": [...]}; their state: GET
                                     http://HOST:PORT/__apigw-lab/services
      --aws-endpoint URL|SERVICE=URL,...
                                     send AWS service integrations' requests to a real endpoint (LocalStack, AWS,
                                     dynalite...), signed with SigV4 with the usual AWS credentials
                                     (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profiles); one URL for every service,
                                     or per service (sqs, kinesis, states, events, dynamodb); the others stay embedded
      --parameter-overrides K=V ...  a template's parameter values, as sam deploy takes them: "K=V K2=V2" or
                                     "ParameterKey=K,ParameterValue=V" (repeatable; default: each Default)
      --api LOGICAL_ID               the template API to serve (default: the first; the others are listed at
                                     start-up). --stage, --api-key and --usage-plan replace the template's own
  -h, --help                         show this help

Each request is logged to stdout in API Gateway's CLF access-log format (or --access-log-format):
  sourceIp - - [requestTime] "httpMethod resourcePath protocol" status responseLength requestId
CloudWatch metrics (Count, 4XXError, 5XXError, Latency, ... per stage, method and minute) are served as JSON at
GET http://HOST:PORT/__apigw-lab/metrics; a summary table goes to stderr when the server stops.
`;

export const EXPORT_USAGE = `Usage: apigw-lab export <openapi.yaml|json> [options]

Imports the definition as API Gateway would and prints the API to stdout as API Gateway exports it:
a REST API as "aws apigateway get-export --export-type oas30 --parameters extensions='integrations'",
an HTTP API as "aws apigatewayv2 export-api --specification OAS30". The output imports back as the same API.

Options:
      --api-type rest|http|websocket import as a REST API, an HTTP API, or read a WebSocket API's get-api/get-routes/
                                     get-integrations file (default: guessed from the document)
      --format yaml|json|sam         output format (default yaml); sam writes a deployable SAM project instead:
                                     template.yaml, src/<function>/ handler files, samconfig.toml, README.md
  -s, --stage NAME                   name the stage's invoke URL in "servers" (basePath variable); default: no servers.
                                     With --format sam: the template's stage (default ${DEFAULT_STAGE}; $default for HTTP APIs)

With --format sam:
  -o, --out DIR                      the project's folder (default ./<api-name>-sam); an existing one must be empty
                                     or hold an earlier export (its template.yaml)
  -f, --function NAME=PATH[#export]  a function's handler file, as serve takes it (default: NAME.{ts,mts,js,mjs,py}
                                     beside the definition). TypeScript is compiled to .mjs (runtime nodejs22.x),
                                     Python runs on python3.13
      --stage-variable K=V           a stage variable of the template's stage (repeatable)
      --endpoint-type edge|regional|private  a REST API's endpoint type (default: SAM's, edge)

Deploy with "sam build && sam deploy --guided"; run it here with "apigw-lab serve <DIR>/template.yaml".
A WebSocket API is written as AWS::ApiGatewayV2::* resources (Api, Route, Integration, Deployment, Stage…).
`;

const SERVE_HINT = 'run "apigw-lab serve --help" for usage';
const EXPORT_HINT = 'run "apigw-lab export --help" for usage';
const MAIN_HINT = 'run "apigw-lab --help" for usage';

const usage = (message: string, hint = SERVE_HINT) => new CliError(message, { hint });

/** Parses the command line (without `node` and the script). Throws CliError (exit 2) on a bad one. */
export function parseCommandLine(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    if (first === 'help' && rest[0] === 'serve') return { kind: 'help', topic: 'serve' };
    if (first === 'help' && rest[0] === 'export') return { kind: 'help', topic: 'export' };
    if (first === 'help' && rest[0] === 'token') return { kind: 'help', topic: 'token' };
    if (first === 'help' && rest[0] === 'sign') return { kind: 'help', topic: 'sign' };
    if (first === 'help' && rest[0] === 'load') return { kind: 'help', topic: 'load' };
    if (first === 'help' && rest[0] === 'sdk') return { kind: 'help', topic: 'sdk' };
    return { kind: 'help', topic: 'main' };
  }
  if (first === '-v' || first === '--version' || first === 'version') return { kind: 'version' };
  if (first === 'serve') return parseServe(rest);
  if (first === 'export') return parseExport(rest);
  if (first === 'token') {
    const options = parseTokenArgs(rest);
    return options ? { kind: 'token', options } : { kind: 'help', topic: 'token' };
  }
  if (first === 'sign') {
    const options = parseSignArgs(rest);
    return options ? { kind: 'sign', options } : { kind: 'help', topic: 'sign' };
  }
  if (first === 'load') {
    const options = parseLoadArgs(rest);
    return options ? { kind: 'load', options } : { kind: 'help', topic: 'load' };
  }
  if (first === 'sdk') {
    const options = parseSdkArgs(rest);
    return options ? { kind: 'sdk', options } : { kind: 'help', topic: 'sdk' };
  }
  if (first.startsWith('-')) throw usage(`unknown option "${first}"`, MAIN_HINT);
  throw usage(
    `unknown command "${first}" (the commands are "serve", "export", "token", "sign", "load" and "sdk")`,
    MAIN_HINT,
  );
}

/** Value-taking options of `serve`, by every spelling. */
const SERVE_OPTIONS: Record<string, string> = {
  '-f': '--function',
  '--function': '--function',
  '-p': '--port',
  '--port': '--port',
  '--host': '--host',
  '-s': '--stage',
  '--stage': '--stage',
  '--stage-variable': '--stage-variable',
  '--timeout': '--timeout',
  '--concurrency': '--concurrency',
  '--api-type': '--api-type',
  '--endpoint-type': '--endpoint-type',
  '--domain-name': '--domain-name',
  '--base-path-mapping': '--base-path-mapping',
  '--api-key': '--api-key',
  '--usage-plan': '--usage-plan',
  '--jwks': '--jwks',
  '--pool': '--pool',
  '--credentials': '--credentials',
  '--identity-policy': '--identity-policy',
  '--stage-config': '--stage-config',
  '--access-log-format': '--access-log-format',
  '--execution-log': '--execution-log',
  '--web-acl': '--web-acl',
  '--ip-set': '--ip-set',
  '--waf-country-header': '--waf-country-header',
  '--services': '--services',
  '--aws-endpoint': '--aws-endpoint',
  '--parameter-overrides': '--parameter-overrides',
  '--api': '--api',
};

function parseServe(argv: readonly string[]): Command {
  const positional: string[] = [];
  const options: ServeOptions = {
    definition: '',
    stages: [],
    stageVariablesByStage: {},
    functions: [],
    port: DEFAULT_PORT,
    host: DEFAULT_HOST,
    stage: DEFAULT_STAGE,
    stageVariables: {},
    timeoutMs: undefined,
    concurrency: undefined,
    apiType: undefined,
    endpointType: 'EDGE',
    domainName: undefined,
    basePathMappings: [],
    apiKeys: [],
    usagePlans: [],
    jwks: [],
    userPool: DEFAULT_POOL_FILE,
    credentials: [],
    identityPolicies: [],
    stageConfigs: [],
    accessLogFormat: undefined,
    executionLog: 'OFF',
    executionLogGiven: false,
    webAcl: undefined,
    ipSets: [],
    wafCountryHeader: undefined,
    services: undefined,
    awsEndpoints: {},
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') return { kind: 'help', topic: 'serve' };
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const spelled = eq > 0 ? arg.slice(0, eq) : arg;
    const option = SERVE_OPTIONS[spelled];
    if (!option) throw usage(`unknown option "${spelled}"`);
    let value: string;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-' && !/^-\d/.test(next))) {
        throw usage(`${spelled} needs a value (${valueShape(option)})`);
      }
      value = next;
      i++;
    }
    applyOption(options, option, spelled, value);
    // SAM's `--parameter-overrides K=V K2=V2` unquoted: the following K=V words belong to it.
    if (option === '--parameter-overrides' && eq < 0)
      while (/^(ParameterKey=|[A-Za-z0-9]+=)/.test(argv[i + 1] ?? ''))
        applyOption(options, option, spelled, argv[++i]!);
  }
  if (positional.length === 0) throw usage('missing the OpenAPI definition file (apigw-lab serve <openapi.yaml|json>)');
  if (positional.length > 1) {
    throw usage(
      `one definition file expected, got ${positional.length}: ${positional.map((p) => `"${p}"`).join(', ')}`,
    );
  }
  options.definition = positional[0]!;
  if (options.stages.length === 0) options.stages.push({ name: options.stage });
  options.stage = options.stages[0]!.name;
  for (const name of Object.keys(options.stageVariablesByStage)) {
    if (!options.stages.some((s) => s.name === name)) {
      throw usage(
        `--stage-variable ${name}:…: no stage "${name}" (the stages are ${options.stages.map((s) => `"${s.name}"`).join(', ')}; add --stage ${name})`,
      );
    }
  }
  if (options.basePathMappings.length && options.domainName === undefined)
    throw usage('--base-path-mapping needs --domain-name NAME');
  if (options.domainName !== undefined && !options.basePathMappings.length) {
    throw usage(`--domain-name ${options.domainName}: add at least one --base-path-mapping BASEPATH=STAGE`);
  }
  for (const m of options.basePathMappings) {
    if (!options.stages.some((s) => s.name === m.stage)) {
      throw usage(
        `--base-path-mapping ${m.basePath}=${m.stage}: no stage "${m.stage}" (the stages are ${options.stages.map((s) => `"${s.name}"`).join(', ')}; add --stage ${m.stage})`,
      );
    }
  }
  checkApiKeyFlags(options.apiKeys, options.usagePlans);
  if (options.webAcl === undefined && options.ipSets.length) throw usage('--ip-set needs --web-acl FILE');
  if (options.webAcl === undefined && options.wafCountryHeader !== undefined)
    throw usage('--waf-country-header needs --web-acl FILE');
  return { kind: 'serve', options };
}

/** Value-taking options of `export`, by every spelling. */
const EXPORT_OPTIONS: Record<string, string> = {
  '--api-type': '--api-type',
  '--format': '--format',
  '-s': '--stage',
  '--stage': '--stage',
  '-o': '--out',
  '--out': '--out',
  '-f': '--function',
  '--function': '--function',
  '--stage-variable': '--stage-variable',
  '--endpoint-type': '--endpoint-type',
};

/** The `export` options that only `--format sam` reads. */
const SAM_ONLY = ['--out', '--function', '--stage-variable', '--endpoint-type'];

function parseExport(argv: readonly string[]): Command {
  const fail = (message: string) => usage(message, EXPORT_HINT);
  const positional: string[] = [];
  const options: ExportOptions = {
    definition: '',
    apiType: undefined,
    format: 'yaml',
    stage: undefined,
    functions: [],
    stageVariables: {},
  };
  const samOnly = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') return { kind: 'help', topic: 'export' };
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const spelled = eq > 0 ? arg.slice(0, eq) : arg;
    const option = EXPORT_OPTIONS[spelled];
    if (!option) throw fail(`unknown option "${spelled}"`);
    let value: string;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-'))
        throw fail(`${spelled} needs a value (${valueShape(option)})`);
      value = next;
      i++;
    }
    if (SAM_ONLY.includes(option)) samOnly.add(spelled);
    switch (option) {
      case '--api-type': {
        const type = value.toUpperCase();
        if (type !== 'REST' && type !== 'HTTP' && type !== 'WEBSOCKET')
          throw fail(`${spelled} "${value}": expected rest, http or websocket`);
        options.apiType = type;
        break;
      }
      case '--format': {
        const format = value.toLowerCase();
        if (format !== 'yaml' && format !== 'json' && format !== 'sam')
          throw fail(`${spelled} "${value}": expected yaml or json, or sam (a SAM project)`);
        options.format = format;
        break;
      }
      case '--out':
        if (!value.trim()) throw fail(`${spelled}: expected a folder`);
        options.out = value;
        break;
      case '--function': {
        const flag = parseFunctionFlag(spelled, value, fail);
        if (options.functions.some((f) => f.name === flag.name))
          throw fail(`${spelled}: function "${flag.name}" is given twice`);
        options.functions.push(flag);
        break;
      }
      case '--stage-variable': {
        const eq = value.indexOf('=');
        const name = eq > 0 ? value.slice(0, eq) : '';
        if (!STAGE_VARIABLE_NAME.test(name))
          throw fail(`${spelled} "${value}": expected K=V (K: 1 to 64 letters, digits or "_")`);
        const v = value.slice(eq + 1);
        if (!STAGE_VARIABLE_VALUE.test(v))
          throw fail(
            `${spelled} "${value}": API Gateway allows 1 to 512 characters from A-Z a-z 0-9 - . _ ~ : / ? # & = , in a stage variable value`,
          );
        options.stageVariables[name] = v;
        break;
      }
      case '--endpoint-type': {
        const type = value.toUpperCase();
        if (type !== 'EDGE' && type !== 'REGIONAL' && type !== 'PRIVATE')
          throw fail(`${spelled} "${value}": expected edge, regional or private`);
        options.endpointType = type;
        break;
      }
      case '--stage':
        if (value !== '$default' && !STAGE_NAME.test(value))
          throw fail(`${spelled} "${value}": a stage name has 1 to 128 letters, digits, "-" or "_"`);
        options.stage = value;
        break;
    }
  }
  if (positional.length === 0) throw fail('missing the OpenAPI definition file (apigw-lab export <openapi.yaml|json>)');
  if (positional.length > 1)
    throw fail(`one definition file expected, got ${positional.length}: ${positional.map((p) => `"${p}"`).join(', ')}`);
  options.definition = positional[0]!;
  const misplaced = [...samOnly];
  if (options.format !== 'sam' && misplaced.length) throw fail(`${misplaced[0]} needs --format sam`);
  return { kind: 'export', options };
}

/** `--function NAME=PATH[#export]` of `export --format sam` (the same shape as serve's). */
function parseFunctionFlag(spelled: string, value: string, fail: (message: string) => CliError): FunctionFlag {
  const flag = `${spelled} ${value}`;
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1) throw fail(`${spelled} "${value}": expected NAME=PATH[#export]`);
  const name = value.slice(0, eq);
  let path = value.slice(eq + 1);
  if (!FUNCTION_NAME.test(name)) throw fail(`${spelled} "${value}": "${name}" is not a Lambda function name`);
  const hash = path.lastIndexOf('#');
  if (hash < 0) return { name, path, flag };
  const exportName = path.slice(hash + 1);
  if (!EXPORT_NAME.test(exportName)) throw fail(`${spelled} "${value}": "#${exportName}" is not an export name`);
  path = path.slice(0, hash);
  if (!path) throw fail(`${spelled} "${value}": expected NAME=PATH[#export]`);
  return { name, path, exportName, flag };
}

function valueShape(option: string): string {
  switch (option) {
    case '--function':
      return 'NAME=PATH[#export]';
    case '--parameter-overrides':
      return 'K=V ... or ParameterKey=K,ParameterValue=V';
    case '--api':
      return "a template API's logical id";
    case '--port':
      return 'a port number';
    case '--host':
      return 'a host name or address';
    case '--stage':
      return 'a stage name';
    case '--stage-variable':
      return '[STAGE:]K=V';
    case '--timeout':
      return 'milliseconds';
    case '--concurrency':
      return 'a number of worker threads';
    case '--api-type':
      return 'rest, http or websocket';
    case '--endpoint-type':
      return 'edge, regional or private';
    case '--format':
      return 'yaml or json';
    case '--api-key':
      return 'VALUE[=PLAN]';
    case '--usage-plan':
      return 'NAME:rate=R,burst=B,quota=N/DAY|WEEK|MONTH';
    case '--jwks':
      return 'ISSUER=FILE_OR_URL';
    case '--pool':
      return 'a user pool file';
    case '--credentials':
      return 'ACCESS_KEY:SECRET[:ARN]';
    case '--identity-policy':
      return 'ARN=FILE';
    case '--stage-config':
      return 'a JSON file (aws apigateway or apigatewayv2 get-stage output)';
    case '--access-log-format':
      return 'a $context template, or clf, json, xml or csv';
    case '--execution-log':
      return 'INFO, ERROR or OFF';
    case '--web-acl':
      return 'a JSON file (aws wafv2 get-web-acl output)';
    case '--ip-set':
      return 'a JSON file (aws wafv2 get-ip-set output)';
    case '--waf-country-header':
      return 'a header name';
    case '--services':
      return 'a JSON file (queues, streams, stateMachines, eventBuses, tables)';
    case '--aws-endpoint':
      return 'a URL, or sqs=URL,kinesis=URL,...';
    default:
      return 'a value';
  }
}

/** Stage names: https://docs.aws.amazon.com/apigateway/latest/api/API_CreateStage.html */
const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;
/** Stage variables: https://docs.aws.amazon.com/apigateway/latest/developerguide/aws-api-gateway-stage-variables-reference.html */
const STAGE_VARIABLE_NAME = /^[A-Za-z0-9_]{1,64}$/;
const STAGE_VARIABLE_VALUE = /^[A-Za-z0-9\-._~:/?#&=,]{1,512}$/;
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,140}$/;
const EXPORT_NAME = /^[A-Za-z_$][\w$]*$/;
const DOMAIN_NAME = /^[a-z0-9*]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;
/** Base paths: https://docs.aws.amazon.com/apigateway/latest/api/API_CreateBasePathMapping.html */
const BASE_PATH = /^[A-Za-z0-9$\-_.+!*'()]+(\/[A-Za-z0-9$\-_.+!*'()]+)*$/;

function applyOption(options: ServeOptions, option: string, spelled: string, value: string): void {
  switch (option) {
    case '--function': {
      const flag = `${spelled} ${value}`;
      const eq = value.indexOf('=');
      if (eq <= 0 || eq === value.length - 1) throw usage(`${spelled} "${value}": expected NAME=PATH[#export]`);
      const name = value.slice(0, eq);
      let path = value.slice(eq + 1);
      if (!FUNCTION_NAME.test(name)) throw usage(`${spelled} "${value}": "${name}" is not a Lambda function name`);
      let exportName: string | undefined;
      const hash = path.lastIndexOf('#');
      if (hash >= 0) {
        const candidate = path.slice(hash + 1);
        if (!EXPORT_NAME.test(candidate)) throw usage(`${spelled} "${value}": "#${candidate}" is not an export name`);
        exportName = candidate;
        path = path.slice(0, hash);
        if (!path) throw usage(`${spelled} "${value}": expected NAME=PATH[#export]`);
      }
      if (options.functions.some((f) => f.name === name)) throw usage(`${spelled}: function "${name}" is given twice`);
      options.functions.push(exportName ? { name, path, exportName, flag } : { name, path, flag });
      return;
    }
    case '--port': {
      const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
      if (!(port >= 0 && port <= 65535)) throw usage(`${spelled} "${value}": expected a port number from 0 to 65535`);
      options.port = port;
      return;
    }
    case '--host':
      if (!value.trim()) throw usage(`${spelled}: expected a host name or address`);
      options.host = value.trim().replace(/^\[(.*)\]$/, '$1');
      return;
    case '--stage': {
      const eq = value.indexOf('=');
      const name = eq >= 0 ? value.slice(0, eq) : value;
      const definition = eq >= 0 ? value.slice(eq + 1) : undefined;
      if (name !== '$default' && !STAGE_NAME.test(name)) {
        throw usage(`${spelled} "${value}": a stage name has 1 to 128 letters, digits, "-" or "_"`);
      }
      if (definition !== undefined && !definition.trim())
        throw usage(`${spelled} "${value}": expected NAME=DEFINITION (a definition file after "=")`);
      if (options.stages.some((s) => s.name === name)) throw usage(`${spelled}: stage "${name}" is given twice`);
      options.stages.push(definition === undefined ? { name } : { name, definition });
      options.stageGiven = true;
      return;
    }
    case '--parameter-overrides':
      (options.parameterOverrides ??= []).push(value);
      return;
    case '--api': {
      if (!/^[A-Za-z0-9]{1,255}$/.test(value))
        throw usage(`${spelled} "${value}": expected a template resource's logical id`);
      options.api = value;
      return;
    }
    case '--stage-variable': {
      const eq = value.indexOf('=');
      if (eq <= 0) throw usage(`${spelled} "${value}": expected K=V or STAGE:K=V`);
      let name = value.slice(0, eq);
      const v = value.slice(eq + 1);
      let target = options.stageVariables;
      const colon = name.indexOf(':');
      if (colon >= 0) {
        const stage = name.slice(0, colon);
        name = name.slice(colon + 1);
        if (stage !== '$default' && !STAGE_NAME.test(stage)) {
          throw usage(`${spelled} "${value}": "${stage}" is not a stage name (expected STAGE:K=V)`);
        }
        target = options.stageVariablesByStage[stage] ??= {};
      }
      if (!STAGE_VARIABLE_NAME.test(name)) {
        throw usage(`${spelled} "${value}": a stage variable name has 1 to 64 letters, digits or "_"`);
      }
      if (!STAGE_VARIABLE_VALUE.test(v)) {
        throw usage(
          `${spelled} "${value}": API Gateway allows 1 to 512 characters from A-Z a-z 0-9 - . _ ~ : / ? # & = , in a stage variable value`,
        );
      }
      target[name] = v;
      return;
    }
    case '--timeout': {
      const ms = /^\d+$/.test(value) ? Number(value) : NaN;
      if (!(ms >= 1 && ms <= 900_000)) throw usage(`${spelled} "${value}": expected milliseconds, from 1 to 900000`);
      options.timeoutMs = ms;
      return;
    }
    case '--api-type': {
      const type = value.toUpperCase();
      if (type !== 'REST' && type !== 'HTTP' && type !== 'WEBSOCKET')
        throw usage(`${spelled} "${value}": expected rest, http or websocket`);
      options.apiType = type;
      return;
    }
    case '--endpoint-type': {
      const type = value.toUpperCase();
      if (type !== 'EDGE' && type !== 'REGIONAL' && type !== 'PRIVATE')
        throw usage(`${spelled} "${value}": expected edge, regional or private`);
      options.endpointType = type;
      return;
    }
    case '--domain-name': {
      const name = value.trim().toLowerCase();
      if (!DOMAIN_NAME.test(name)) throw usage(`${spelled} "${value}": expected a host name such as api.example.com`);
      if (options.domainName !== undefined) throw usage(`${spelled}: one custom domain name per server`);
      options.domainName = name;
      return;
    }
    case '--base-path-mapping': {
      const eq = value.lastIndexOf('=');
      if (eq < 0 || eq === value.length - 1)
        throw usage(`${spelled} "${value}": expected BASEPATH=STAGE (BASEPATH may be empty or "(none)")`);
      const raw = value.slice(0, eq).replace(/^\/+|\/+$/g, '');
      const basePath = raw === '(none)' ? '' : raw;
      if (basePath && !BASE_PATH.test(basePath))
        throw usage(
          `${spelled} "${value}": "${raw}" is not a base path (letters, digits and $-_.+!*'() in /-separated segments)`,
        );
      if (options.basePathMappings.some((m) => m.basePath === basePath))
        throw usage(`${spelled}: base path "${basePath || '(none)'}" is given twice`);
      options.basePathMappings.push({ basePath, stage: value.slice(eq + 1) });
      return;
    }
    case '--api-key':
      options.apiKeys.push(parseApiKeyFlag(spelled, value));
      return;
    case '--usage-plan':
      options.usagePlans.push(parseUsagePlanFlag(spelled, value));
      return;
    case '--jwks':
      options.jwks.push(parseJwksFlag(spelled, value, options.jwks));
      return;
    case '--pool':
      options.userPool = value;
      return;
    case '--credentials':
      options.credentials.push(parseCredentialsFlag(spelled, value, options.credentials));
      return;
    case '--identity-policy':
      options.identityPolicies.push(parseIdentityPolicyFlag(spelled, value, options.identityPolicies));
      return;
    case '--stage-config':
      options.stageConfigs.push(value);
      return;
    case '--access-log-format':
      if (!value.trim()) throw usage(`${spelled}: expected a $context template, or clf, json, xml or csv`);
      options.accessLogFormat = value;
      return;
    case '--execution-log': {
      const level = value.toUpperCase();
      if (level !== 'INFO' && level !== 'ERROR' && level !== 'OFF')
        throw usage(`${spelled} "${value}": expected INFO, ERROR or OFF`);
      options.executionLog = level;
      options.executionLogGiven = true;
      return;
    }
    case '--web-acl':
      if (options.webAcl !== undefined) throw usage(`${spelled} is given twice (one web ACL per stage)`);
      options.webAcl = value;
      return;
    case '--ip-set':
      options.ipSets.push(value);
      return;
    case '--waf-country-header':
      // RFC 9110 field names: tokens.
      if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(value)) throw usage(`${spelled} "${value}": not a header name`);
      options.wafCountryHeader = value;
      return;
    case '--services':
      if (options.services !== undefined) throw usage(`${spelled} is given twice (one services file)`);
      options.services = value;
      return;
    case '--aws-endpoint': {
      if (Object.keys(options.awsEndpoints).length) throw usage(`${spelled} is given twice`);
      const endpoints = parseAwsEndpointFlag(value, AWS_SERVICE_NAMES);
      if ('error' in endpoints) throw usage(`${spelled}: ${endpoints.error}`);
      options.awsEndpoints = endpoints;
      return;
    }
    case '--concurrency': {
      const n = /^\d+$/.test(value) ? Number(value) : NaN;
      if (!(n >= 1 && n <= 64)) throw usage(`${spelled} "${value}": expected a number of worker threads from 1 to 64`);
      options.concurrency = n;
      return;
    }
  }
}

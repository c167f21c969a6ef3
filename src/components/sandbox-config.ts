/** The data a sandbox element is rendered with: built at build time, read by the element in the browser. */
import type { ApiType } from '../emulator/api-type.js';
import type { BasePathMapping } from '../emulator/rest/gateway.js';
import type { EndpointType } from '../emulator/rest/model.js';
import type {
  DocumentedAuthorizer,
  DocumentedIntegrationRequest,
  ExampleAccess,
  DocumentedResponse,
  ExampleRequest,
  Language,
  RequestAuth,
  VolatileField,
} from '../examples/types.js';

/** `<script type="application/json" data-documented>`: what the page documents (the e2e contract). */
export interface SandboxDocumented {
  volatile: VolatileField[];
  languages: Record<
    Language,
    {
      request: ExampleRequest;
      integrationRequest?: DocumentedIntegrationRequest;
      /** The method's authorizer call, its function's result in this language (issue #11). */
      authorizer?: SandboxDocumentedAuthorizer;
      event: unknown;
      result: unknown;
      response: DocumentedResponse;
      /** The access log line the stage writes for the request (issue #12), when its stage config sets a format. */
      accessLog?: string;
    }
  >;
}

/** A documented authorizer call as one language's sandbox shows it: the function's result in that language. */
export type SandboxDocumentedAuthorizer = Omit<DocumentedAuthorizer, 'result'> & { result: unknown };

/** One stage of the API a sandbox can run on (manifest `stages`), with its stage variables. */
export interface SandboxStage {
  name: string;
  invokeUrl: string;
  variables: Record<string, string>;
}

/**
 * A custom domain name in front of the API (manifest `customDomain`, REST APIs): the reader chooses how the request
 * reaches the API, through the domain (the config's `invokeUrl`, `https://api.example.com/v1`, documented) or the
 * mapped stage's own invoke URL (`stageInvokeUrl`, `https://xxxxxxx.execute-api.us-east-1.amazonaws.com/dev`).
 */
export interface SandboxCustomDomain {
  domainName: string;
  basePathMappings: BasePathMapping[];
  stageInvokeUrl: string;
}

/** One API a sandbox can run its request on. */
export interface SandboxApi {
  /** `REST API` or `HTTP API`, as the switch names it. */
  label: string;
  apiType: ApiType;
  /** A REST API's endpoint type (manifest `endpointType`, import-rest-api's parameter); EDGE when absent. */
  endpointType?: EndpointType;
  /** JSON. */
  definition: string;
  apiId: string;
  stage: string;
  invokeUrl: string;
  functionName: string;
  defaultTimeoutMs: number;
  maxTimeoutMs: number;
}

/** The code of one function in one language, as the sandbox edits and runs it. */
export interface SandboxCode {
  label: string;
  source: string;
  fileName: string;
  moduleName: string;
  handlerName: string;
  /** The documented source transpiled to JavaScript at build time (TypeScript only). */
  compiled?: string;
}

/** One of the API's other functions (a Lambda authorizer, named by its `authorizerUri`), edited beside the handler. */
export interface SandboxFunction {
  name: string;
  /** What the function switch calls it: `Authorizer (auth)`. */
  label: string;
  languages: Record<Language, SandboxCode>;
}

/** `<script type="application/json" data-config>`: what the element needs to run. */
export interface SandboxConfig {
  example: string;
  exchange: string;
  definition: string;
  apiId: string;
  /** `REST` or `HTTP` (HTTP APIs: `$default` stage at the root of the invoke URL, payload format 1.0 or 2.0). */
  apiType: ApiType;
  /** A REST API's endpoint type (manifest `endpointType`, import-rest-api's parameter); EDGE when absent. */
  endpointType?: EndpointType;
  stage: string;
  invokeUrl: string;
  functionName: string;
  /** The integration timeout the definition sets for the documented request's method or route. */
  defaultTimeoutMs: number;
  /** The highest integration timeout the API type allows (29 s for REST APIs here, 30 s for HTTP APIs). */
  maxTimeoutMs: number;
  /**
   * When the sandbox offers a choice of API (manifest `alsoRunsOn`): the documented API first (the fields above),
   * then the others. Absent for a single API.
   */
  apis?: SandboxApi[];
  /** The definition's text as the example stores it (YAML): what the Definition tab shows and the reader edits. */
  definitionSource: string;
  /** The definition's file name (`openapi.yaml`). */
  definitionFile: string;
  /**
   * An API whose HTTP integrations call the example's service (manifest `upstream`) and no function: the editor holds
   * the service's module (`languages.typescript`), and runs send it for requests to `host`.
   */
  upstream?: { host: string };
  /** The stages the reader can switch between (manifest `stages`), the documented one first. Absent for one stage. */
  stages?: SandboxStage[];
  /** A custom domain name the documented request went through (its URL is `invokeUrl`); absent for none. */
  customDomain?: SandboxCustomDomain;
  /** `compiled`: the documented source transpiled to JavaScript at build time (TypeScript only). */
  languages: Record<Language, SandboxCode>;
  /** The API's other functions (issue #11: a Lambda authorizer); every run sends them, as the reader edited them. */
  functions?: SandboxFunction[];
  /** API keys, usage plans, IAM credentials and user pool users the gateway is set up with (manifest `access`). */
  access?: ExampleAccess;
  /** How the documented request is signed in or signed (the exchange's `auth`): the controls' first choice. */
  auth?: RequestAuth;
  /** Requests the documented exchange sends first on a fresh deployment (the exchange's `before`). */
  before?: ExampleRequest[];
  /** The stage's settings as `aws apigateway get-stage` prints them (manifest `stageConfig`): every run applies them. */
  stageConfig?: string;
  /** A web ACL as `aws wafv2 get-web-acl` prints it (manifest `webAcl`): every run associates it with the stage. */
  webAcl?: string;
  /** The Traffic panel is on (the `traffic` prop): runs keep a session (the buckets and cache act across requests). */
  traffic?: boolean;
  /**
   * The embedded AWS services' resources (issue #14: the example's `services.json` text, a ServicesFile): every run
   * carries it and keeps a session, so messages, records, executions and items accumulate across Runs.
   */
  services?: string;
  /**
   * The code editor holds the services file (an example whose integrations reach AWS services and no function): runs
   * send its text as `services` and no handler.
   */
  servicesInEditor?: boolean;
}

/** Whether a sandbox needs the access-control module (sandbox-access.ts): other functions, an access setup, an auth. */
export const needsAccess = (config: Pick<SandboxConfig, 'functions' | 'access' | 'auth' | 'before'>): boolean =>
  config.functions !== undefined ||
  config.access !== undefined ||
  config.auth !== undefined ||
  config.before !== undefined;

export const LANGUAGE_LABELS: Record<Language, string> = { python: 'Python', typescript: 'TypeScript' };

/** The code editor's accessible name: the HTTP service's module or the function's handler, in a language. */
export const codeLabelOf = (
  config: Pick<SandboxConfig, 'upstream' | 'servicesInEditor'>,
  languageLabel: string,
): string =>
  config.servicesInEditor
    ? 'Services file (services.json: the queues, streams, state machines, event buses and tables)'
    : `${config.upstream ? 'HTTP service code' : 'Handler code'} (${languageLabel})`;

/**
 * `<script type="application/json" data-config>` as the page carries it: the texts the sandbox's textareas hold
 * already (the definition, and the handler in the language shown first) are left out, and read back from there.
 */
export type SandboxConfigInPage = Omit<SandboxConfig, 'definitionSource' | 'languages'> & {
  definitionSource?: string;
  languages: Record<Language, Omit<SandboxConfig['languages'][Language], 'source'> & { source?: string }>;
};

/** Whether a textarea gives `text` back as it is (its parser drops a leading newline and turns CR LF into LF). */
const textareaKeeps = (text: string): boolean => !text.startsWith('\n') && !text.includes('\r');

/** The config without the texts the textareas hold (`language`'s handler, the definition): for the page (build side). */
export function configForPage(config: SandboxConfig, language: Language): SandboxConfigInPage {
  const languages = { ...config.languages } as SandboxConfigInPage['languages'];
  const { source, ...rest } = config.languages[language];
  if (textareaKeeps(source)) languages[language] = rest;
  const { definitionSource, ...others } = config;
  return { ...others, ...(textareaKeeps(definitionSource) ? {} : { definitionSource }), languages };
}

/** The whole config again, from the page's and the texts its textareas were rendered with (`defaultValue`). */
export function configFromPage(
  config: SandboxConfigInPage,
  language: Language,
  handlerText: string,
  definitionText: string,
): SandboxConfig {
  const languages = Object.fromEntries(
    Object.entries(config.languages).map(([lang, spec]) => [
      lang,
      { ...spec, source: spec.source ?? (lang === language ? handlerText : '') },
    ]),
  ) as SandboxConfig['languages'];
  return { ...config, definitionSource: config.definitionSource ?? definitionText, languages };
}

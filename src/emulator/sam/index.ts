/**
 * CloudFormation and SAM templates, read as the emulator serves them: short-form tags, intrinsic functions,
 * Parameters/Conditions/Mappings/Globals, the SAM transform of Serverless APIs and functions, and raw
 * AWS::ApiGateway / AWS::ApiGatewayV2 resources, into OpenAPI documents the emulator imports (WebSocket APIs: into
 * the get-api/get-routes/get-integrations definition the WebSocket gateway serves). Pure.
 */
import { TemplateError } from './errors.js';
import { templateFunctions } from './functions.js';
import type { LoadedTemplate } from './model.js';
import { rawHttpApis } from './raw-http.js';
import { rawRestApis } from './raw-rest.js';
import { rawWebSocketApis, WEBSOCKET_RESOURCE_TYPES } from './raw-websocket.js';
import { registerSamGenerated, serverlessApis } from './serverless-api.js';
import { Stack } from './stack.js';
import { parseTemplateText } from './tags.js';
import { rawUsagePlans } from './usage-plans.js';
import { SERVICE_TYPES, templateServices } from './services.js';

export { TemplateError } from './errors.js';
export { CFN_TAGS, isTemplateDocument, parseTemplateText } from './tags.js';
export { parseParameterOverrides } from './parameters.js';
export { handlerLocation } from './functions.js';
export type * from './model.js';

export interface LoadTemplateOptions {
  parameterOverrides?: Record<string, string>;
  /** A file beside the template (path relative to its folder) → its text; undefined when missing. */
  readFile?: (relativePath: string) => string | undefined;
  region?: string;
  accountId?: string;
  stackName?: string;
  /** The template's file name, for messages. */
  file?: string;
}

/** Resource types read into the APIs and functions served, or knowingly without effect locally. */
const HANDLED = new Set([
  'AWS::Serverless::Function',
  'AWS::Serverless::Api',
  'AWS::Serverless::HttpApi',
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGateway::Resource',
  'AWS::ApiGateway::Method',
  'AWS::ApiGateway::Stage',
  'AWS::ApiGateway::Deployment',
  'AWS::ApiGateway::Authorizer',
  'AWS::ApiGateway::ApiKey',
  'AWS::ApiGateway::UsagePlan',
  'AWS::ApiGateway::UsagePlanKey',
  'AWS::ApiGateway::RequestValidator',
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Stage',
  'AWS::ApiGatewayV2::Authorizer',
  'AWS::ApiGatewayV2::Deployment',
  ...WEBSOCKET_RESOURCE_TYPES,
  // L: the local gateway invokes functions without checking resource-based policies.
  'AWS::Lambda::Permission',
]);

/**
 * Reads a SAM or CloudFormation template (YAML with short-form tags, or JSON) into the APIs it defines (OpenAPI
 * documents with x-amazon-apigateway-* extensions, with their stages), its functions (code folder, handler, runtime),
 * usage plans and API keys. Resources it does not serve become one warning line. Throws TemplateError (one line naming
 * the resource and property) on a template it cannot read.
 */
export function loadTemplate(text: string, options: LoadTemplateOptions = {}): LoadedTemplate {
  const file = options.file ?? 'template';
  const template = parseTemplateText(text, file);
  if (typeof template.Resources !== 'object' || template.Resources === null)
    throw new TemplateError(`${file}: a template needs Resources`);
  const transform = template.Transform;
  const transforms = Array.isArray(transform) ? transform : transform === undefined ? [] : [transform];
  for (const t of transforms)
    if (t !== 'AWS::Serverless-2016-10-31')
      throw new TemplateError(`Transform: only AWS::Serverless-2016-10-31 is supported (not ${JSON.stringify(t)})`);
  const stack = new Stack(template, {
    region: options.region ?? 'us-east-1',
    accountId: options.accountId ?? '123456789012',
    stackName: options.stackName ?? 'apigw-lab',
    parameterOverrides: options.parameterOverrides ?? {},
    ...(options.readFile ? { readFile: options.readFile } : {}),
    parse: parseTemplateText,
  });
  registerSamGenerated(stack);
  const warnings: string[] = [];
  const unsupported: string[] = [];
  const { functions, unsupported: unservedFunctions } = templateFunctions(stack);
  unsupported.push(...unservedFunctions);
  const sam = serverlessApis(stack);
  const unread = [...sam.unread];
  const apis = [
    ...sam.apis,
    ...rawRestApis(stack, warnings),
    ...rawHttpApis(stack),
    ...rawWebSocketApis(stack, unread),
  ];
  const raw = rawUsagePlans(stack, warnings);
  // Tables, queues and event buses go to the embedded services.
  const services = templateServices(stack);
  for (const r of stack.resources.values())
    if (!HANDLED.has(r.type) && !SERVICE_TYPES.has(r.type)) unsupported.push(`${r.logicalId} (${r.type})`);
  if (unread.length) warnings.unshift(`the template's API properties not emulated (ignored): ${unread.join(', ')}`);
  if (unsupported.length)
    warnings.unshift(`the template's resources not emulated (ignored): ${unsupported.join(', ')}`);
  const out: LoadedTemplate = {
    apis,
    functions,
    usagePlans: [...sam.usagePlans, ...raw.usagePlans],
    apiKeys: [...sam.apiKeys, ...raw.apiKeys],
    services,
    warnings,
  };
  if (typeof template.Description === 'string') out.description = template.Description;
  return out;
}

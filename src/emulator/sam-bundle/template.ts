/**
 * The SAM template of an exported API (issue #15, contract A↔B): one `AWS::Serverless::Api` (REST) or
 * `AWS::Serverless::HttpApi` whose `DefinitionBody` is the API as `exportApi` prints it, each Lambda integration's
 * URI (and Lambda authorizer's) rewritten to `!Sub …${Fn.Arn}…`; one `AWS::Serverless::Function` per function; one
 * `AWS::Lambda::Permission` per function so API Gateway may invoke it (SAM adds none for a function without
 * `Events`, and `Events` would add routes to a DefinitionBody that already has them: SAM fails with "defined multiple
 * times", research §1.4).
 */
import { Document, Scalar } from 'yaml';
import type { BundledHandler } from './handlers.js';
import { logicalIdOf } from './names.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `arn:aws:apigateway:{region}:lambda:path/{version}/functions/{functionArn}/{action}` (invocations, streaming). */
const LAMBDA_URI =
  /^arn:aws[\w-]*:apigateway:[^:]+:lambda:path\/(2015-03-31|2021-11-15)\/functions\/(.+)\/(invocations|response-streaming-invocations)$/;
const FUNCTION_ARN = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:([^:/]+)$/;

export interface TemplateFunction extends BundledHandler {
  name: string;
  logicalId: string;
}

export interface TemplateInput {
  title: string;
  kind: 'REST' | 'HTTP';
  document: Json;
  stage: { name: string; variables: Record<string, string> };
  endpointType?: string;
  functions: TemplateFunction[];
  /** Lines of the header comment (what the template does not create). */
  notCreated: string[];
}

/** A `!Sub` short-form tag (a YAML scalar with the tag, so it prints as `!Sub text`). */
export function sub(text: string): Scalar {
  const node = new Scalar(text);
  node.tag = '!Sub';
  return node;
}

/** A `!Ref` short-form tag. */
export function ref(name: string): Scalar {
  const node = new Scalar(name);
  node.tag = '!Ref';
  return node;
}

/** The API's logical id: `ItemsApi` from `ItemsAPI`, `Api` for an untitled one. */
export function apiLogicalIdOf(document: Json): string {
  const title = isObject(document.info) && typeof document.info.title === 'string' ? document.info.title : '';
  const id = logicalIdOf(title.replace(/api$/i, ''), 'Api');
  return id === 'Api' || id === '' ? 'Api' : `${id}Api`;
}

/**
 * The definition with each Lambda URI naming one of `functions` as a `!Sub` of that function's `Arn` (a deep copy;
 * URIs naming another function, or a stage variable, stay as they are: `unresolved` lists them).
 */
export function rewriteLambdaUris(document: Json, logicalIds: ReadonlyMap<string, string>, unresolved: string[]): Json {
  const visit = (value: unknown, key: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => visit(v, ''));
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v, k)]));
    if (typeof value === 'string' && (key === 'uri' || key === 'authorizerUri'))
      return rewriteLambdaUri(value, logicalIds, unresolved);
    return value;
  };
  return visit(document, '') as Json;
}

/**
 * One Lambda URI naming one of `functions` as a `!Sub` of that function's `Arn`; any other string is returned as is
 * (a URI naming a function the bundle lacks is also added to `unresolved`).
 */
export function rewriteLambdaUri(
  value: string,
  logicalIds: ReadonlyMap<string, string>,
  unresolved: string[],
): string | Scalar {
  const match = LAMBDA_URI.exec(value);
  if (!match) return value;
  const [, version, fnArn, action] = match;
  const name = FUNCTION_ARN.exec(fnArn!)?.[1] ?? (/^[A-Za-z0-9_-]+$/.test(fnArn!) ? fnArn! : undefined);
  const id = name === undefined ? undefined : logicalIds.get(name);
  if (id === undefined) {
    if (!unresolved.includes(value)) unresolved.push(value);
    return value;
  }
  return sub(`arn:aws:apigateway:\${AWS::Region}:lambda:path/${version}/functions/\${${id}.Arn}/${action}`);
}

/**
 * The permission API Gateway needs to invoke a function
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html): the API's
 * id, any stage, method and path or route (authorizers included).
 */
export function invokePermission(functionLogicalId: string, apiLogicalId: string): Json {
  return {
    Type: 'AWS::Lambda::Permission',
    Properties: {
      Action: 'lambda:InvokeFunction',
      FunctionName: ref(functionLogicalId),
      Principal: 'apigateway.amazonaws.com',
      SourceArn: sub(`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${apiLogicalId}}/*`),
    },
  };
}

/**
 * A template's YAML text: the format version quoted, short-form tags, no anchors, and a header comment (how to
 * deploy and run it, then what it does not create).
 */
export function templateText(
  template: { Description: string; Resources: Json; Outputs: Json },
  notCreated: string[],
): string {
  // Quoted: a YAML 1.1 reader (CloudFormation's, L) would otherwise read the plain 2010-09-09 as a date.
  const formatVersion = new Scalar('2010-09-09');
  formatVersion.type = 'QUOTE_SINGLE';
  const doc = new Document(
    { AWSTemplateFormatVersion: formatVersion, Transform: 'AWS::Serverless-2016-10-31', ...template },
    { aliasDuplicateObjects: false },
  );
  const header = [
    `${template.Description}: exported by apigw-lab export --format sam.`,
    'Deploy: sam build && sam deploy --guided. Run locally: apigw-lab serve template.yaml.',
  ];
  if (notCreated.length) {
    header.push('', 'Not created by this template (a real deployment needs them; create them, then edit the ARNs):');
    for (const line of notCreated) header.push(`  - ${line}`);
  }
  doc.commentBefore = header.map((line) => (line ? ` ${line}` : '')).join('\n');
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** What the header and README list: the external resources, then each Lambda URI the bundle has no handler for. */
export function missingOf(notCreated: string[], unresolved: string[]): string[] {
  return [...notCreated, ...unresolved.map((uri) => `the Lambda function of ${uri} (no handler file)`)];
}

/** A function's `AWS::Serverless::Function` (with `Policies` when given). */
export function functionResource(fn: TemplateFunction, policies?: unknown[]): Json {
  return {
    Type: 'AWS::Serverless::Function',
    Properties: {
      FunctionName: fn.name,
      CodeUri: fn.codeUri,
      Handler: fn.handler,
      Runtime: fn.runtime,
      ...(policies ? { Policies: policies } : {}),
    },
  };
}

/** The template's YAML text. */
export function templateYaml(input: TemplateInput): string {
  const apiId = apiLogicalIdOf(input.document);
  const logicalIds = new Map(input.functions.map((f) => [f.name, f.logicalId]));
  const unresolved: string[] = [];
  const body = rewriteLambdaUris(input.document, logicalIds, unresolved);
  const rest = input.kind === 'REST';
  const variables = Object.keys(input.stage.variables).length > 0 ? input.stage.variables : undefined;
  const apiProperties: Json = rest
    ? {
        StageName: input.stage.name,
        ...(variables ? { Variables: variables } : {}),
        ...(input.endpointType ? { EndpointConfiguration: { Type: input.endpointType } } : {}),
        // Any value removes the extra stage named "Stage" SAM creates otherwise (research §1.1).
        OpenApiVersion: '3.0.1',
        DefinitionBody: body,
      }
    : {
        // No StageName: SAM then deploys the $default stage (AutoDeploy), as the example's.
        ...(input.stage.name === '$default' ? {} : { StageName: input.stage.name }),
        ...(variables ? { StageVariables: variables } : {}),
        DefinitionBody: body,
      };
  const resources: Json = {
    [apiId]: { Type: rest ? 'AWS::Serverless::Api' : 'AWS::Serverless::HttpApi', Properties: apiProperties },
  };
  for (const fn of input.functions) resources[fn.logicalId] = functionResource(fn);
  for (const fn of input.functions) resources[`${fn.logicalId}Permission`] = invokePermission(fn.logicalId, apiId);
  const stagePath = rest ? `/${input.stage.name}` : input.stage.name === '$default' ? '' : `/${input.stage.name}`;
  return templateText(
    {
      Description: input.title,
      Resources: resources,
      Outputs: {
        InvokeUrl: {
          Description: "The stage's invoke URL",
          Value: sub(`https://\${${apiId}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}${stagePath}`),
        },
      },
    },
    missingOf(input.notCreated, unresolved),
  );
}

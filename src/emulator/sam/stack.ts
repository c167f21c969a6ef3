import { TemplateError } from './errors.js';
import { withGlobals } from './globals.js';
import { physicalId } from './ids.js';
import { SERVICE_TYPES, serviceAttribute, serviceRef } from './services.js';
import { evaluate, evaluateCondition, type IntrinsicContext } from './intrinsics.js';
import { parameterValues, pseudoParameters, type StackEnvironment } from './parameters.js';

/** One resource of the template (its condition true), with SAM Globals applied to its raw properties. */
export interface StackResource {
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
}

export interface StackOptions extends StackEnvironment {
  parameterOverrides: Record<string, string>;
  /** A file beside the template (relative path) → its text, or undefined when missing. */
  readFile?: (relativePath: string) => string | undefined;
  /** Parses an included file's text (YAML with CloudFormation tags). */
  parse: (text: string, file: string) => Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Resource types with an attribute `Arn` → the ARN's service (`AWS::DynamoDB::Table` → dynamodb). */
const serviceOf = (type: string) => (type.split('::')[1] ?? 'cloudformation').toLowerCase();

/** V2 resources whose ids API Gateway makes 7 characters long (`get-routes`: "RouteId": "0t5mqr2"). */
const SHORT_ID_TYPES = new Set([
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::RouteResponse',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::IntegrationResponse',
]);

/** The id SAM gives a Serverless::Api's stage resource: `<Api><StageName>Stage` (sam-specification-generated-resources-api). */
export const samStageLogicalId = (apiLogicalId: string, stageName: string) =>
  `${apiLogicalId}${stageName.replace(/[^A-Za-z0-9]/g, '')}Stage`;

/**
 * A template being evaluated: parameters, conditions, mappings, and what `Ref` and `Fn::GetAtt` of each resource give
 * (ids derived from logical ids, ARNs in the stack's Region and account). Pure.
 */
export class Stack {
  readonly env: StackEnvironment;
  readonly resources = new Map<string, StackResource>();
  readonly ctx: IntrinsicContext;
  /** Physical id → logical id, for resources referenced by id (APIs, resources, authorizers, keys, plans). */
  private readonly byPhysical = new Map<string, string>();
  /** Refs of resources SAM generates (implicit APIs, `<Api><Stage>Stage`), by logical id. */
  private readonly generated = new Map<string, string>();
  private readonly conditionValues = new Map<string, boolean | 'evaluating'>();
  private readonly evaluated = new Map<string, Record<string, unknown>>();
  private readonly template: Record<string, unknown>;
  private readonly options: StackOptions;

  constructor(template: Record<string, unknown>, options: StackOptions) {
    this.template = template;
    this.options = options;
    this.env = { region: options.region, accountId: options.accountId, stackName: options.stackName };
    const parameters = {
      ...parameterValues(template.Parameters, options.parameterOverrides),
      ...pseudoParameters(this.env),
    };
    const mappings = isObject(template.Mappings) ? template.Mappings : {};
    this.ctx = {
      parameters,
      mappings,
      region: options.region,
      condition: (name, where) => this.condition(name, where),
      refOf: (id) => this.refOf(id),
      getAtt: (id, attr, where) => this.getAtt(id, attr, where),
      include: (location, where) => this.include(location, where),
    };
    if (!isObject(template.Resources)) throw new TemplateError('Resources: expected a mapping of resources');
    for (const [logicalId, raw] of Object.entries(template.Resources)) {
      if (!isObject(raw) || typeof raw.Type !== 'string')
        throw new TemplateError(`Resources.${logicalId}.Type: every resource needs a Type`);
      if (raw.Condition !== undefined && !this.condition(String(raw.Condition), `Resources.${logicalId}.Condition`))
        continue;
      const section =
        raw.Type === 'AWS::Serverless::Function'
          ? 'Function'
          : raw.Type === 'AWS::Serverless::Api'
            ? 'Api'
            : raw.Type === 'AWS::Serverless::HttpApi'
              ? 'HttpApi'
              : undefined;
      const own = isObject(raw.Properties) ? raw.Properties : {};
      const properties = section ? withGlobals(template.Globals, section, own, own.IgnoreGlobals) : own;
      this.resources.set(logicalId, { logicalId, type: raw.Type, properties });
      this.byPhysical.set(physicalId(logicalId), logicalId);
      if (SHORT_ID_TYPES.has(raw.Type)) this.byPhysical.set(physicalId(logicalId, 7), logicalId);
    }
  }

  /** The template's `Globals[section]`, raw (undefined without). */
  globals(section: string): unknown {
    return isObject(this.template.Globals) ? this.template.Globals[section] : undefined;
  }

  /** The resources of these types, in template order. */
  ofType(...types: string[]): StackResource[] {
    return [...this.resources.values()].filter((r) => types.includes(r.type));
  }

  /** A resource's properties with every intrinsic function evaluated (once). */
  props(logicalId: string): Record<string, unknown> {
    let done = this.evaluated.get(logicalId);
    if (!done) {
      const resource = this.resources.get(logicalId)!;
      done = evaluate(resource.properties, this.ctx, `Resources.${logicalId}.Properties`) as Record<string, unknown>;
      this.evaluated.set(logicalId, done);
    }
    return done;
  }

  /** One property, evaluated on its own (`Resources.X.Properties.Name` in errors). */
  prop(logicalId: string, name: string): unknown {
    const resource = this.resources.get(logicalId);
    if (!resource) return undefined;
    return evaluate(resource.properties[name], this.ctx, `Resources.${logicalId}.Properties.${name}`);
  }

  /** Evaluates a value found at `where`. */
  evaluate(value: unknown, where: string): unknown {
    return evaluate(value, this.ctx, where);
  }

  /** Records a resource SAM generates, so `Ref` of it evaluates to `ref`. */
  addGenerated(logicalId: string, ref: string): void {
    if (!this.resources.has(logicalId)) this.generated.set(logicalId, ref);
  }

  /** The logical id a physical id (from `Ref`) belongs to. */
  logicalIdOf(physical: unknown): string | undefined {
    return typeof physical === 'string' ? this.byPhysical.get(physical) : undefined;
  }

  /** The function name `Ref` gives for a function: FunctionName, else the logical id (shared contract). */
  functionName(logicalId: string): string {
    const name = this.prop(logicalId, 'FunctionName');
    return typeof name === 'string' && name ? name : logicalId;
  }

  functionArn(logicalId: string): string {
    const p = this.ctx.parameters['AWS::Partition'];
    return `arn:${p}:lambda:${this.env.region}:${this.env.accountId}:function:${this.functionName(logicalId)}`;
  }

  /** Reads a file beside the template (DefinitionUri, AWS::Include, BodyS3Location); `where` names the property. */
  readDocument(location: string, where: string): Record<string, unknown> {
    if (/^s3:\/\//i.test(location))
      throw new TemplateError(`${where}: ${location} is in S3; give a local file path (as before sam package)`);
    const text = this.options.readFile?.(location);
    if (text === undefined) throw new TemplateError(`${where}: file not found: ${location}`);
    return this.options.parse(text, location);
  }

  private include(location: string, where: string): unknown {
    return this.readDocument(location, where);
  }

  private condition(name: string, where: string): boolean {
    const known = this.conditionValues.get(name);
    if (known === 'evaluating') throw new TemplateError(`Conditions.${name}: the condition refers to itself`);
    if (known !== undefined) return known;
    const conditions = isObject(this.template.Conditions) ? this.template.Conditions : {};
    if (!(name in conditions)) throw new TemplateError(`${where}: no condition named "${name}" in Conditions`);
    this.conditionValues.set(name, 'evaluating');
    const value = evaluateCondition(conditions[name], this.ctx, `Conditions.${name}`);
    this.conditionValues.set(name, value);
    return value;
  }

  private refOf(logicalId: string): string | undefined {
    const generated = this.generated.get(logicalId);
    if (generated !== undefined) return generated;
    const resource = this.resources.get(logicalId);
    if (!resource) return undefined;
    switch (resource.type) {
      case 'AWS::Serverless::Function':
      case 'AWS::Lambda::Function':
        return this.functionName(logicalId);
      case 'AWS::ApiGateway::Stage':
      case 'AWS::ApiGatewayV2::Stage': {
        const name = this.prop(logicalId, 'StageName');
        return typeof name === 'string' ? name : physicalId(logicalId);
      }
      default:
        if (SHORT_ID_TYPES.has(resource.type)) return physicalId(logicalId, 7);
        if (SERVICE_TYPES.has(resource.type)) return serviceRef(this, logicalId, resource.type);
        return physicalId(logicalId);
    }
  }

  private getAtt(logicalId: string, attribute: string, where: string): unknown {
    const resource = this.resources.get(logicalId);
    const region = this.env.region;
    const partition = this.ctx.parameters['AWS::Partition'];
    if (!resource) {
      if (this.generated.has(logicalId)) return `${logicalId}.${attribute}`;
      return undefined;
    }
    const id = physicalId(logicalId);
    switch (`${resource.type}.${attribute}`) {
      case 'AWS::Serverless::Function.Arn':
      case 'AWS::Lambda::Function.Arn':
        return this.functionArn(logicalId);
      case 'AWS::ApiGateway::RestApi.RootResourceId':
      case 'AWS::Serverless::Api.RootResourceId':
        return rootResourceId(id);
      case 'AWS::ApiGateway::RestApi.RestApiId':
      case 'AWS::ApiGatewayV2::Api.ApiId':
        return id;
      case 'AWS::ApiGatewayV2::Api.ApiEndpoint':
      case 'AWS::Serverless::HttpApi.ApiEndpoint':
        return `https://${id}.execute-api.${region}.amazonaws.com`;
      case 'AWS::ApiGateway::ApiKey.APIKeyId':
      case 'AWS::ApiGateway::UsagePlan.Id':
      case 'AWS::ApiGateway::Authorizer.AuthorizerId':
      case 'AWS::ApiGatewayV2::Authorizer.AuthorizerId':
        return id;
    }
    if (SERVICE_TYPES.has(resource.type)) {
      const value = serviceAttribute(this, logicalId, resource.type, attribute);
      if (value !== undefined) return value;
    }
    if (attribute === 'Arn')
      return `arn:${partition}:${serviceOf(resource.type)}:${region}:${this.env.accountId}:${logicalId}`;
    // L: attributes the emulator cannot know (a nested stack's Outputs, a table's StreamArn…) stand as `Id.Attr`.
    void where;
    return `${logicalId}.${attribute}`;
  }
}

/** The id `Fn::GetAtt Api.RootResourceId` gives: the root resource `/` of that API. */
export const rootResourceId = (apiId: string) => `${apiId}root`;

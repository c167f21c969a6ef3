import { describe, expect, it } from 'vitest';
import { samBundle } from '../../src/emulator/sam-bundle/index.js';
import { logicalIdOf, stackNameOf } from '../../src/emulator/sam-bundle/names.js';
import { samconfigToml, tomlString } from '../../src/emulator/sam-bundle/samconfig.js';
import { exported, fileFunction, readTemplate } from './helpers.js';

const INVOKE = (id: string) =>
  `arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${id}.Arn}/invocations`;

const itemsPython = () =>
  samBundle({
    name: 'items',
    title: 'The items API',
    kind: 'REST',
    document: exported('examples/items/openapi.yaml'),
    stage: { name: 'dev', variables: { table: 'items-dev' } },
    endpointType: 'REGIONAL',
    functions: [fileFunction('items_handler', 'examples/items/items_handler.py', 'lambda_handler')],
  });

describe('samBundle: template.yaml (contract A↔B)', () => {
  it('a REST API: AWS::Serverless::Api with the stage, its variables and the exported definition as DefinitionBody', () => {
    const template = readTemplate(itemsPython().files['template.yaml']!);
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect(template.Transform).toBe('AWS::Serverless-2016-10-31');
    expect(template.Description).toBe('The items API');
    expect(Object.keys(template.Resources)).toEqual(['ItemsApi', 'ItemsHandler', 'ItemsHandlerPermission']);
    const api = template.Resources.ItemsApi;
    expect(api.Type).toBe('AWS::Serverless::Api');
    expect(api.Properties).toMatchObject({
      StageName: 'dev',
      Variables: { table: 'items-dev' },
      EndpointConfiguration: { Type: 'REGIONAL' },
      OpenApiVersion: '3.0.1',
    });
    const body = api.Properties.DefinitionBody;
    expect(body.openapi).toBe('3.0.1');
    expect(Object.keys(body.paths)).toEqual(['/items', '/items/{id}']);
    expect(body.paths['/items'].get['x-amazon-apigateway-integration']).toMatchObject({
      type: 'aws_proxy',
      httpMethod: 'POST',
      uri: { 'Fn::Sub': INVOKE('ItemsHandler') },
    });
    // Non-Lambda integrations are left as exported (the CORS preflight's MOCK).
    expect(body.paths['/items'].options['x-amazon-apigateway-integration'].type).toBe('mock');
  });

  it('one AWS::Serverless::Function per function, named as the page names it, and its invoke permission', () => {
    const { Resources } = readTemplate(itemsPython().files['template.yaml']!);
    expect(Resources.ItemsHandler).toEqual({
      Type: 'AWS::Serverless::Function',
      Properties: {
        FunctionName: 'items_handler',
        CodeUri: 'src/items_handler/',
        Handler: 'items_handler.lambda_handler',
        Runtime: 'python3.13',
      },
    });
    expect(Resources.ItemsHandlerPermission).toEqual({
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: { Ref: 'ItemsHandler' },
        Principal: 'apigateway.amazonaws.com',
        SourceArn: { 'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ItemsApi}/*' },
      },
    });
  });

  it('writes CloudFormation short-form tags (!Sub, !Ref), no long form, no YAML anchors, a quoted format version', () => {
    const text = itemsPython().files['template.yaml']!;
    expect(text).toContain(`uri: !Sub ${INVOKE('ItemsHandler')}\n`);
    expect(text).toContain('FunctionName: !Ref ItemsHandler\n');
    expect(text).toContain("AWSTemplateFormatVersion: '2010-09-09'\n");
    expect(text).not.toContain('Fn::Sub');
    expect(text).not.toMatch(/[&*]a\d+\b/);
    expect(text.startsWith('# The items API: exported by apigw-lab export --format sam.\n')).toBe(true);
  });

  it('an HTTP API: AWS::Serverless::HttpApi, no StageName for $default, StageVariables, Lambda authorizers rewritten', () => {
    const { files } = samBundle({
      name: 'http-api-lambda-authorizer',
      title: 'MeAPI',
      kind: 'HTTP',
      document: exported('examples/http-api-lambda-authorizer/openapi.yaml'),
      stage: { name: '$default', variables: { mode: 'x' } },
      functions: [
        fileFunction('me', 'examples/http-api-lambda-authorizer/me.py', 'lambda_handler'),
        fileFunction('auth_simple', 'examples/http-api-lambda-authorizer/auth_simple.py', 'lambda_handler'),
      ],
    });
    const { Resources, Outputs } = readTemplate(files['template.yaml']!);
    const api = Resources.MeApi;
    expect(api.Type).toBe('AWS::Serverless::HttpApi');
    expect(api.Properties.StageName).toBeUndefined();
    expect(api.Properties.StageVariables).toEqual({ mode: 'x' });
    const schemes = api.Properties.DefinitionBody.components.securitySchemes;
    const authorizer = Object.values(schemes as Record<string, any>)[0]['x-amazon-apigateway-authorizer'];
    expect(authorizer.authorizerUri).toEqual({ 'Fn::Sub': INVOKE('AuthSimple') });
    expect(Resources.AuthSimple.Properties).toMatchObject({
      FunctionName: 'auth_simple',
      Handler: 'auth_simple.lambda_handler',
    });
    expect(Outputs.InvokeUrl.Value).toEqual({
      'Fn::Sub': 'https://${MeApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}',
    });
  });

  it('an HTTP API on a named stage keeps its StageName', () => {
    const { files } = samBundle({
      name: 'items-http-api',
      title: 'ItemsAPI',
      kind: 'HTTP',
      document: exported('examples/items-http-api/openapi.yaml'),
      stage: { name: 'beta', variables: {} },
      functions: [fileFunction('items_handler', 'examples/items/items_handler.py', 'lambda_handler')],
    });
    const api = readTemplate(files['template.yaml']!).Resources.ItemsApi;
    expect(api.Properties.StageName).toBe('beta');
    expect(api.Properties.StageVariables).toBeUndefined();
  });
});

describe('samBundle: handler files', () => {
  it('Python: the file as written, under src/<function>/, with a requirements.txt', () => {
    const { files } = itemsPython();
    expect(files['src/items_handler/items_handler.py']).toBe(
      fileFunction('items_handler', 'examples/items/items_handler.py', 'lambda_handler').source,
    );
    expect(files['src/items_handler/requirements.txt']).toMatch(/^#/);
  });

  it('TypeScript: compiled to .mjs (types stripped, exports kept) for nodejs22.x; the .ts beside it; a package.json', () => {
    const { files } = samBundle({
      name: 'items',
      title: 'ItemsAPI',
      kind: 'REST',
      document: exported('examples/items/openapi.yaml'),
      stage: { name: 'dev', variables: {} },
      functions: [fileFunction('items_handler', 'examples/items/items_handler.ts', 'handler')],
    });
    const compiled = files['src/items_handler/items_handler.mjs']!;
    expect(compiled).toContain('export async function handler(');
    expect(compiled).not.toMatch(/import type|: APIGatewayProxyEvent|interface Item/);
    expect(files['src/items_handler/items_handler.ts']).toContain('interface Item');
    expect(JSON.parse(files['src/items_handler/package.json']!)).toEqual({
      name: 'items-handler',
      version: '1.0.0',
      private: true,
    });
    const fn = readTemplate(files['template.yaml']!).Resources.ItemsHandler.Properties;
    expect(fn).toMatchObject({
      Handler: 'items_handler.handler',
      Runtime: 'nodejs22.x',
      CodeUri: 'src/items_handler/',
    });
  });

  it('refuses, in one line, a file Lambda cannot run and TypeScript that does not compile', () => {
    const base = {
      name: 'x',
      title: 'x',
      kind: 'REST' as const,
      document: exported('examples/items/openapi.yaml'),
      stage: { name: 'dev', variables: {} },
    };
    expect(() =>
      samBundle({ ...base, functions: [{ name: 'items_handler', fileName: 'h.rb', source: '', exportName: 'x' }] }),
    ).toThrow(/^function "items_handler": h\.rb is not a handler file \(expected .py, .js, .mjs, .cjs, .ts\)$/);
    expect(() =>
      samBundle({
        ...base,
        functions: [{ name: 'items_handler', fileName: 'h.ts', source: 'export const = ;', exportName: 'handler' }],
      }),
    ).toThrow(/^function "items_handler": h\.ts does not compile: /);
  });

  it('a function the definition names but the bundle lacks keeps its literal URI, and the header says so', () => {
    const { files } = samBundle({
      name: 'items',
      title: 'ItemsAPI',
      kind: 'REST',
      document: exported('examples/items/openapi.yaml'),
      stage: { name: 'dev', variables: {} },
      functions: [],
    });
    const text = files['template.yaml']!;
    expect(text).toContain(
      'uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:items_handler/invocations',
    );
    expect(text).toMatch(
      /^# {3}- the Lambda function of arn:aws:apigateway:.*items_handler\/invocations \(no handler file\)$/m,
    );
  });
});

describe('samBundle: APIs without functions', () => {
  it('a REST API with SQS integrations: no function, the queue and the role noted once each (template and README)', () => {
    const { files, notCreated } = samBundle({
      name: 'sqs-send-message',
      title: 'Orders',
      kind: 'REST',
      document: exported('examples/sqs-send-message/openapi.yaml'),
      stage: { name: 'dev', variables: {} },
      functions: [],
    });
    expect(notCreated).toEqual([
      'Amazon SQS: what arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders reaches (POST /orders)',
      'the IAM role arn:aws:iam::123456789012:role/apigateway-sqs that API Gateway assumes (POST /orders, POST /returns)',
      'Amazon SQS: what arn:aws:apigateway:us-east-1:sqs:path/123456789012/returns reaches (POST /returns)',
    ]);
    const template = readTemplate(files['template.yaml']!);
    expect(Object.keys(template.Resources)).toEqual(['OrdersQueueApi']);
    for (const line of notCreated) {
      expect(files['template.yaml']).toContain(`#   - ${line}\n`);
      expect(files['README.md']).toContain(`- ${line}\n`);
    }
    expect(Object.keys(files).sort()).toEqual(['README.md', 'samconfig.toml', 'template.yaml']);
  });

  it('an HTTP API with SQS subtypes names the queue URL; an HTTP proxy names its backend', () => {
    const sqs = samBundle({
      name: 'sqs-http-api',
      title: 'Messages',
      kind: 'HTTP',
      document: exported('examples/sqs-http-api/openapi.yaml'),
      stage: { name: '$default', variables: {} },
      functions: [],
    });
    expect(sqs.notCreated[0]).toBe(
      'Amazon SQS: https://sqs.us-east-1.amazonaws.com/123456789012/messages (POST /messages, GET /messages)',
    );
    const proxy = samBundle({
      name: 'http-proxy',
      title: 'Orders proxy',
      kind: 'REST',
      document: exported('examples/http-proxy/openapi.yaml'),
      stage: { name: 'dev', variables: { upstream: '127.0.0.1:8080' } },
      functions: [],
    });
    expect(proxy.notCreated).toContain('the HTTP backend http://${stageVariables.upstream}/orders (POST /orders)');
  });
});

describe('samBundle: what a deployment needs besides the template', () => {
  it('a Cognito user pool (REST authorizer) and a JWT issuer (HTTP API authorizer) are listed with their authorizer', () => {
    const cognito = samBundle({
      name: 'cognito',
      title: 'Cognito',
      kind: 'REST',
      document: exported('examples/cognito/openapi.yaml'),
      stage: { name: 'dev', variables: {} },
      functions: [fileFunction('items_handler', 'examples/items/items_handler.py', 'lambda_handler')],
    });
    expect(cognito.notCreated).toEqual([
      expect.stringMatching(
        /^Amazon Cognito user pool arn:aws:cognito-idp:us-east-1:123456789012:userpool\/us-east-1_apigwLab \(authorizer \S+\)$/,
      ),
    ]);
    const jwt = samBundle({
      name: 'jwt-http-api',
      title: 'JWT',
      kind: 'HTTP',
      document: exported('examples/jwt-http-api/openapi.yaml'),
      stage: { name: '$default', variables: {} },
      functions: [fileFunction('whoami', 'examples/jwt-http-api/whoami.py', 'lambda_handler')],
    });
    expect(jwt.notCreated).toEqual([
      expect.stringMatching(
        /^the JWT issuer https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_apigwLab and its audience \(authorizer \S+\)$/,
      ),
    ]);
  });
});

describe('samconfig.toml and README.md', () => {
  it('samconfig.toml: version 0.1, the stack name, the deploy parameters (research §4)', () => {
    expect(itemsPython().files['samconfig.toml']).toBe(
      [
        'version = 0.1',
        '',
        '[default.global.parameters]',
        'stack_name = "items"',
        '',
        '[default.deploy.parameters]',
        'region = "us-east-1"',
        'capabilities = "CAPABILITY_IAM"',
        'confirm_changeset = true',
        'resolve_s3 = true',
        '',
      ].join('\n'),
    );
    expect(samconfigToml('a', 'eu-west-1')).toContain('region = "eu-west-1"\n');
    expect(tomlString('a"b\\c\n')).toBe('"a\\"b\\\\c\\n"');
  });

  it('README.md: the two commands and the files', () => {
    const readme = itemsPython().files['README.md']!;
    expect(readme).toContain('sam build && sam deploy --guided');
    expect(readme).toContain('apigw-lab serve template.yaml');
    expect(readme).toContain(
      '`src/items_handler/`: the function `items_handler` (`python3.13`, handler `items_handler.lambda_handler`)',
    );
  });

  it('names: PascalCase logical ids, stack names CloudFormation accepts, no two functions with one id', () => {
    expect(logicalIdOf('items_handler')).toBe('ItemsHandler');
    expect(logicalIdOf('2fa-check', 'Function')).toBe('Function2faCheck');
    expect(stackNameOf('items_api v2!')).toBe('items-api-v2');
    expect(stackNameOf('42')).toBe('api-42');
    const { files } = samBundle({
      name: 'x',
      title: 'x',
      kind: 'REST',
      document: exported('examples/items/openapi.yaml'),
      stage: { name: 'dev', variables: {} },
      functions: [
        fileFunction('items_handler', 'examples/items/items_handler.py', 'lambda_handler'),
        {
          name: 'items-handler',
          fileName: 'other.py',
          source: 'def lambda_handler(e, c): pass\n',
          exportName: 'lambda_handler',
        },
      ],
    });
    expect(Object.keys(readTemplate(files['template.yaml']!).Resources)).toEqual([
      'ItemsApi',
      'ItemsHandler',
      'ItemsHandler2',
      'ItemsHandlerPermission',
      'ItemsHandler2Permission',
    ]);
  });
});

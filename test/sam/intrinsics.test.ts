/**
 * Intrinsic functions, parameters, pseudo parameters, conditions and mappings, as CloudFormation evaluates them
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html,
 * pseudo-parameter-reference.html, parameters-section-structure.html).
 */
import { describe, expect, it } from 'vitest';
import { loadTemplate, parseParameterOverrides, TemplateError } from '../../src/emulator/sam/index.js';

/** A template whose one REST API's info.title is `title` (a YAML value), so the evaluated value can be read back. */
function titleOf(title: string, extra = '', options: Parameters<typeof loadTemplate>[1] = {}): unknown {
  const text = `AWSTemplateFormatVersion: '2010-09-09'
${extra}
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body:
        openapi: 3.0.1
        info: { version: '1', title: ${title} }
        paths: {}
`;
  return (loadTemplate(text, options).apis[0]!.document.info as { title: unknown }).title;
}

describe('intrinsic functions', () => {
  it('Ref of a parameter takes its Default, or the --parameter-overrides value', () => {
    const params = 'Parameters:\n  Env: { Type: String, Default: dev }';
    expect(titleOf('!Ref Env', params)).toBe('dev');
    expect(titleOf('!Ref Env', params, { parameterOverrides: { Env: 'prod' } })).toBe('prod');
  });

  it('pseudo parameters: AWS::Region, AccountId, StackName, Partition, URLSuffix (defaults us-east-1, 123456789012)', () => {
    expect(
      titleOf('!Sub "${AWS::Region}/${AWS::AccountId}/${AWS::StackName}/${AWS::Partition}/${AWS::URLSuffix}"', '', {
        stackName: 's',
      }),
    ).toBe('us-east-1/123456789012/s/aws/amazonaws.com');
    expect(titleOf('!Sub "${AWS::Partition}/${AWS::URLSuffix}"', '', { region: 'cn-north-1' })).toBe(
      'aws-cn/amazonaws.com.cn',
    );
  });

  it('Fn::Sub: ${!Literal} stays literal; the variables map of the two-element form wins', () => {
    expect(titleOf('!Sub "${!Literal}-${AWS::Region}"')).toBe('${Literal}-us-east-1');
    expect(titleOf('!Sub ["${AWS::Region}-${X}", { X: !Join ["-", [a, b]] }]')).toBe('us-east-1-a-b');
  });

  it('Fn::GetAtt Fn.Arn (scalar and list forms) names the function by FunctionName, else the logical id', () => {
    const fns = `Resources:
  Named: { Type: AWS::Serverless::Function, Properties: { FunctionName: items_handler, Handler: a.b, Runtime: nodejs22.x } }
  Unnamed: { Type: AWS::Serverless::Function, Properties: { Handler: a.b, Runtime: nodejs22.x } }`;
    const text = `Transform: AWS::Serverless-2016-10-31
${fns}
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body: { openapi: 3.0.1, info: { version: '1', title: !Join [' ', [!GetAtt Named.Arn, !GetAtt [Unnamed, Arn]]] }, paths: {} }
`;
    expect((loadTemplate(text).apis[0]!.document.info as { title: string }).title).toBe(
      'arn:aws:lambda:us-east-1:123456789012:function:items_handler arn:aws:lambda:us-east-1:123456789012:function:Unnamed',
    );
  });

  it('Fn::Select, Fn::Split, Fn::Join, Fn::FindInMap, Fn::Base64, Fn::GetAZs, Fn::Length, Fn::ToJsonString', () => {
    expect(titleOf('!Select [1, !Split [",", "a,b,c"]]')).toBe('b');
    expect(
      titleOf('!FindInMap [Names, !Ref AWS::Region, Title]', 'Mappings:\n  Names:\n    us-east-1: { Title: Virginia }'),
    ).toBe('Virginia');
    expect(titleOf('!Base64 "héllo"')).toBe('aMOpbGxv');
    expect(titleOf('!Join [",", !GetAZs ""]')).toBe('us-east-1a,us-east-1b,us-east-1c');
    expect(titleOf('!Join ["", ["n=", !Length [a, b, c]]]')).toBe('n=3');
    expect(titleOf('!ToJsonString { a: [1] }')).toBe('{"a":[1]}');
  });

  it('Fn::Cidr (AWS docs example: !Cidr ["192.168.0.0/24", 6, 5] → six /27 blocks)', () => {
    expect(titleOf('!Join [" ", !Cidr ["192.168.0.0/24", 6, 5]]')).toBe(
      '192.168.0.0/27 192.168.0.32/27 192.168.0.64/27 192.168.0.96/27 192.168.0.128/27 192.168.0.160/27',
    );
  });

  it('Conditions: Fn::Equals, Fn::And, Fn::Or, Fn::Not, Condition; Fn::If picks a branch; AWS::NoValue removes the key', () => {
    const extra = `Parameters:
  Env: { Type: String, Default: prod, AllowedValues: [dev, prod] }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, !Or [!Condition IsDev, !Equals [a, a]]]`;
    expect(titleOf('!If [Both, yes, no]', extra)).toBe('yes');
    expect(titleOf('!If [IsDev, yes, no]', extra)).toBe('no');
    expect(titleOf('!If [IsDev, yes, !Ref AWS::NoValue]', extra)).toBeUndefined();
  });

  it('a resource whose Condition is false is not in the stack', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Conditions:
  Never: !Equals [a, b]
Resources:
  Api: { Type: AWS::ApiGateway::RestApi, Condition: Never, Properties: { Name: x } }
  Other: { Type: AWS::ApiGateway::RestApi, Properties: { Name: y } }
`;
    expect(loadTemplate(text).apis.map((a) => a.logicalId)).toEqual(['Other']);
  });

  it('errors are one line naming the resource and property', () => {
    expect(() => titleOf('!Ref Missing')).toThrow(
      /^Resources\.Api\.Properties\.Body\.info\.title\.Ref: no parameter or resource named "Missing"$/,
    );
    expect(() => titleOf('!If [Nope, a, b]')).toThrow(/no condition named "Nope" in Conditions/);
    expect(() => titleOf('x', 'Parameters:\n  Env: { Type: String, AllowedValues: [a, b], Default: c }')).toThrow(
      /^Parameters\.Env: "c" is not one of AllowedValues \(a, b\)$/,
    );
    expect(() => titleOf('x', '', { parameterOverrides: { Nope: '1' } })).toThrow(TemplateError);
  });
});

describe('--parameter-overrides, in the SAM CLI forms', () => {
  it('Key=Value Key2=Value2, quoted values, and ParameterKey=K,ParameterValue=V', () => {
    expect(
      parseParameterOverrides(['Env=prod Name="a b"', 'ParameterKey=Client,ParameterValue=https://x.com']),
    ).toEqual({
      Env: 'prod',
      Name: 'a b',
      Client: 'https://x.com',
    });
  });
  it('a word without "=" is a one-line error', () => {
    expect(() => parseParameterOverrides(['Env'])).toThrow(
      /^--parameter-overrides "Env": expected Key=Value or ParameterKey=Key,ParameterValue=Value$/,
    );
  });
});

it('Fn::Sub of ${stageVariables.x} fails as in CloudFormation, naming the ${!…} escape', () => {
  expect(() => titleOf('!Sub "fn:${stageVariables.fn}"')).toThrow(
    /^Resources\.Api\.Properties\.Body\.info\.title\.Fn::Sub: no parameter or resource named "stageVariables\.fn" \(in \$\{stageVariables\.fn\}; write \$\{!stageVariables\.fn\} for the literal text\)$/,
  );
  expect(titleOf('!Sub "fn:${!stageVariables.fn}"')).toBe('fn:${stageVariables.fn}');
});

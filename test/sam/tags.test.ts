/**
 * CloudFormation YAML short-form tags, read into the long JSON form (research §2; the forms are those of the
 * intrinsic function reference, https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html).
 */
import { describe, expect, it } from 'vitest';
import { isTemplateDocument, parseTemplateText, TemplateError } from '../../src/emulator/sam/index.js';

const value = (yaml: string) => parseTemplateText(`v: ${yaml}\n`).v;

describe('CloudFormation short-form tags (yaml customTags, every node kind)', () => {
  it.each([
    ['!Ref MyApi', { Ref: 'MyApi' }],
    [
      "!Sub 'arn:${AWS::Partition}:execute-api:${MyApi}/*'",
      { 'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${MyApi}/*' },
    ],
    ['!Sub [ "${Id}-x", { Id: !Ref MyApi } ]', { 'Fn::Sub': ['${Id}-x', { Id: { Ref: 'MyApi' } }] }],
    ['!GetAtt MyFn.Arn', { 'Fn::GetAtt': ['MyFn', 'Arn'] }],
    ['!GetAtt [MyFn, Arn]', { 'Fn::GetAtt': ['MyFn', 'Arn'] }],
    // The dotted scalar splits on the first dot: a nested stack's output keeps its own dot.
    ['!GetAtt AuthStack.Outputs.Issuer', { 'Fn::GetAtt': ['AuthStack', 'Outputs.Issuer'] }],
    [
      "!Join ['', [a, !Select [0, !GetAZs '']]]",
      { 'Fn::Join': ['', ['a', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }]] },
    ],
    ['!If [IsProd, a, !Ref AWS::NoValue]', { 'Fn::If': ['IsProd', 'a', { Ref: 'AWS::NoValue' }] }],
    ['!Not [!Condition IsProd]', { 'Fn::Not': [{ Condition: 'IsProd' }] }],
    ['!Equals [!Ref Env, prod]', { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }],
    [
      '!And [!Condition A, !Or [!Condition B, !Condition C]]',
      { 'Fn::And': [{ Condition: 'A' }, { 'Fn::Or': [{ Condition: 'B' }, { Condition: 'C' }] }] },
    ],
    ['!Split [",", "a,b"]', { 'Fn::Split': [',', 'a,b'] }],
    ['!FindInMap [M, k1, k2]', { 'Fn::FindInMap': ['M', 'k1', 'k2'] }],
    ['!Base64 hello', { 'Fn::Base64': 'hello' }],
    ['!ImportValue SharedVpc', { 'Fn::ImportValue': 'SharedVpc' }],
    ['!Cidr [10.0.0.0/16, 4, 8]', { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }],
    [
      '!Transform { Name: AWS::Include, Parameters: { Location: ./api.yaml } }',
      { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: './api.yaml' } } },
    ],
    ['!Length [a, b]', { 'Fn::Length': ['a', 'b'] }],
    ['!ToJsonString { a: 1 }', { 'Fn::ToJsonString': { a: 1 } }],
  ])('%s', (yaml, expected) => {
    expect(value(yaml)).toEqual(expected);
  });

  it('reads a JSON template (YAML 1.2 is a superset of JSON)', () => {
    const doc = parseTemplateText(
      '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"A": {"Type": "AWS::S3::Bucket"}}}',
    );
    expect(isTemplateDocument(doc)).toBe(true);
  });

  it('tells a template from an OpenAPI definition: Resources plus AWSTemplateFormatVersion or Transform', () => {
    expect(isTemplateDocument(parseTemplateText('Transform: AWS::Serverless-2016-10-31\nResources: {}\n'))).toBe(true);
    expect(isTemplateDocument(parseTemplateText('openapi: 3.0.1\npaths: {}\n'))).toBe(false);
    expect(isTemplateDocument(parseTemplateText('Resources: {}\n'))).toBe(false);
  });

  it('a YAML error is one line naming the file', () => {
    expect(() => parseTemplateText('a: [1, 2\n', 'template.yaml')).toThrow(TemplateError);
    expect(() => parseTemplateText('a: [1, 2\n', 'template.yaml')).toThrow(
      /^template\.yaml is not valid YAML or JSON: [^\n]+$/,
    );
  });
});

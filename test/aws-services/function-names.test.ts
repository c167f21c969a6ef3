import { describe, expect, it } from 'vitest';
import { functionNamesOfServicesFile } from '../../src/emulator/aws-services/function-names.js';

describe('functionNamesOfServicesFile', () => {
  it('finds Lambda Tasks in both resource forms and Lambda rule targets, each once, in file order', () => {
    const names = functionNamesOfServicesFile({
      stateMachines: [
        {
          name: 'A',
          definition: {
            StartAt: 'One',
            States: {
              One: {
                Type: 'Task',
                Resource: 'arn:aws:lambda:us-east-1:123456789012:function:check_stock',
                Next: 'Two',
              },
              Two: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke',
                Parameters: {
                  FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:ship:$LATEST',
                  'Payload.$': '$',
                },
                Next: 'Three',
              },
              Three: {
                Type: 'Task',
                Resource: 'arn:aws:lambda:us-east-1:123456789012:function:check_stock',
                End: true,
              },
            },
          },
        },
        // JSON text, a Pass-only machine and a non-Lambda Task contribute nothing more.
        { name: 'B', definition: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}' },
        {
          name: 'C',
          definition: {
            StartAt: 'S',
            States: { S: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true } },
          },
        },
        { name: 'D', definition: 'not json' },
      ],
      eventBuses: [
        {
          Name: 'default',
          Rules: [
            {
              Name: 'r',
              EventPattern: { source: ['shop'] },
              Targets: [
                { Id: '1', Arn: 'arn:aws:lambda:us-east-1:123456789012:function:notify' },
                { Id: '2', Arn: 'arn:aws:sqs:us-east-1:123456789012:orders' },
              ],
            },
          ],
        },
      ],
    });
    expect(names).toEqual(['check_stock', 'ship', 'notify']);
  });

  it('an empty file names no function', () => {
    expect(functionNamesOfServicesFile({})).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { LambdaInvoker } from '../../src/emulator/index.js';
import { runInGateway } from '../../src/runtime/run-in-gateway.js';
import type { SandboxRun } from '../../src/runtime/types.js';

const definition = JSON.stringify({
  openapi: '3.0.1',
  info: { title: 'Custom', version: '1' },
  paths: {
    '/greet/{name}': {
      post: {
        'x-amazon-apigateway-integration': {
          type: 'aws',
          httpMethod: 'POST',
          uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:greeter/invocations',
          requestTemplates: {
            'application/json': '{"name": "$input.params(\'name\')", "mood": $input.json(\'$.mood\')}',
          },
          responses: {
            default: { statusCode: '200', responseTemplates: { 'application/json': "$input.path('$.greeting')" } },
          },
        },
      },
    },
  },
});

const run: SandboxRun = {
  language: 'typescript',
  handlerSource: '',
  definition,
  apiId: 'abc123',
  stage: 'dev',
  invokeUrl: 'https://abc123.execute-api.us-east-1.amazonaws.com/dev',
  functionName: 'greeter',
  handlerName: 'handler',
  moduleName: 'greeter',
  request: {
    method: 'POST',
    path: '/greet/ada',
    headers: [['Content-Type', 'application/json']],
    body: '{"mood": "happy"}',
  },
};

describe('a sandbox run through a Lambda custom integration', () => {
  it('reports the integration request the template produced, and the mapped response', async () => {
    const invoke: LambdaInvoker = async (inv) => {
      const event = inv.event as { name: string; mood: string };
      return { kind: 'result', payload: { greeting: `hello ${event.name}, you seem ${event.mood}` }, logs: [] };
    };
    const outcome = await runInGateway(run, invoke, { runtime: 'worker' });
    expect(outcome.event).toEqual({ name: 'ada', mood: 'happy' });
    expect(outcome.integrationRequest).toMatchObject({
      type: 'AWS',
      method: 'POST',
      body: '{"name": "ada", "mood": "happy"}',
    });
    expect([outcome.response.status, outcome.response.body]).toEqual([200, 'hello ada, you seem happy']);
  });
});

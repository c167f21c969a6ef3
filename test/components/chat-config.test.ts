import { describe, expect, it } from 'vitest';
import { chatFunctionInput } from '../../src/components/chat-config.js';
import { chatConfigOf, functionNameOfUri } from '../../src/components/chat-example-data.js';

describe('the chat sandbox config', () => {
  it('reads the websocket-chat example: its function, stage, both handlers and the TypeScript compiled at build time', () => {
    const config = chatConfigOf('websocket-chat');
    expect(config.functionName).toBe('chat_handler');
    expect(config.stage).toBe('production');
    expect(config.clients).toEqual(['alice', 'bob', 'carol']);
    expect(config.languages.python).toMatchObject({ file: 'chat_handler.py', handler: 'lambda_handler' });
    expect(config.languages.typescript).toMatchObject({ file: 'chat_handler.ts', handler: 'handler' });
    expect(config.languages.typescript.compiled).toContain('PostToConnectionCommand');
    expect(config.languages.typescript.compiled).not.toContain('interface WebSocketEvent');
    expect(JSON.parse(config.definition).Api.ProtocolType).toBe('WEBSOCKET');
  });

  it('sends the compiled code only while the reader has not edited the source', () => {
    const code = {
      source: 'export const handler = async (e: unknown) => e;',
      file: 'h.ts',
      handler: 'handler',
      compiled: 'export const handler = async (e) => e;',
    };
    expect(chatFunctionInput(code, code.source)).toEqual({
      source: code.source,
      file: 'h.ts',
      handler: 'handler',
      code: code.compiled,
    });
    expect(chatFunctionInput(code, `${code.source}\n// edited`)).not.toHaveProperty('code');
  });

  it('names the function of an integration URI, and a missing example file', () => {
    expect(
      functionNameOfUri(
        'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:chat_handler/invocations',
      ),
    ).toBe('chat_handler');
    expect(() => chatConfigOf('no-such-example')).toThrow('examples/no-such-example/api.json is missing');
  });
});

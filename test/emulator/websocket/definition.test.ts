import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportWebSocketApi, parseWebSocketApi, websocketFunctionNamesOf } from '../../../src/emulator/index.js';

const chat = JSON.parse(readFileSync('examples/websocket-chat/api.json', 'utf8'));

describe('WebSocket API definition (get-api / get-routes / get-integrations output)', () => {
  it('reads the chat example and writes it back unchanged', () => {
    const model = parseWebSocketApi(chat);
    expect(model.id).toBe('a1b2c3d4e5');
    expect(model.routes.map((r) => r.key)).toEqual(['$connect', '$disconnect', 'sendmessage', '$default']);
    expect(websocketFunctionNamesOf(model)).toEqual(['chat_handler']);
    expect(exportWebSocketApi(model)).toEqual(chat);
  });
});

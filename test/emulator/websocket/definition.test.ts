import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  WebSocketDefinitionError,
  exportWebSocketApi,
  parseWebSocketApi,
  websocketFunctionNamesOf,
} from '../../../src/emulator/index.js';
import { FN_URI, wsDoc } from './helpers.js';

const chat = JSON.parse(readFileSync('examples/websocket-chat/api.json', 'utf8'));

/** The file holds what `aws apigatewayv2 get-api`, `get-routes` and `get-integrations` print (apigatewayv2 CLI reference). */
describe('WebSocket API definition (get-api / get-routes / get-integrations output)', () => {
  it('reads the chat example and writes it back unchanged', () => {
    const model = parseWebSocketApi(chat);
    expect(model.id).toBe('a1b2c3d4e5');
    expect(model.routeSelectionExpression).toBe('$request.body.action');
    expect(model.routes.map((r) => r.key)).toEqual(['$connect', '$disconnect', 'sendmessage', '$default']);
    expect(model.routes.find((r) => r.key === '$default')).toMatchObject({
      routeResponseSelectionExpression: '$default',
      routeResponseKeys: ['$default'],
    });
    expect(websocketFunctionNamesOf(model)).toEqual(['chat_handler']);
    expect(exportWebSocketApi(model)).toEqual(chat);
  });

  it('round-trips a definition with MOCK integrations, integration responses and a REQUEST authorizer', () => {
    const doc = wsDoc(
      [
        { RouteKey: '$connect', AuthorizationType: 'CUSTOM', AuthorizerId: 'auth01' },
        { RouteKey: 'ping', Target: 'integrations/mock01' },
      ],
      {
        Integrations: [
          { IntegrationId: 'fnint01', IntegrationType: 'AWS_PROXY', IntegrationUri: FN_URI('fn') },
          {
            IntegrationId: 'mock01',
            IntegrationType: 'MOCK',
            RequestTemplates: { $default: '{"statusCode": 200}' },
            TemplateSelectionExpression: '\\$default',
            IntegrationResponses: [
              { IntegrationResponseKey: '$default', ResponseTemplates: { $default: '{"pong":true}' } },
            ],
          },
        ],
        Authorizers: [
          {
            AuthorizerId: 'auth01',
            Name: 'auth',
            AuthorizerType: 'REQUEST',
            AuthorizerUri: FN_URI('authfn'),
            IdentitySource: ['route.request.header.Auth'],
          },
        ],
      },
    );
    const model = parseWebSocketApi(doc);
    expect(websocketFunctionNamesOf(model)).toEqual(['fn', 'authfn']);
    expect(exportWebSocketApi(parseWebSocketApi(exportWebSocketApi(model)))).toEqual(doc);
  });

  it.each([
    [
      { ...chat, Api: { ...chat.Api, ProtocolType: 'HTTP' } },
      /^Api\.ProtocolType: must be "WEBSOCKET" \(got "HTTP"\)$/,
    ],
    [
      { ...chat, Api: { ...chat.Api, RouteSelectionExpression: undefined } },
      /^Api\.RouteSelectionExpression: must be a non-empty string$/,
    ],
    [
      { ...chat, Api: { ...chat.Api, RouteSelectionExpression: '$request.header.action' } },
      /^Api\.RouteSelectionExpression: "\$request\.header\.action"/,
    ],
    [
      wsDoc([{ RouteKey: 'a' }, { RouteKey: 'b', Target: 'integrations/nope' }]),
      /^Routes\[1\]\.Target: no integration "nope" in Integrations$/,
    ],
    [
      wsDoc([{ RouteKey: 'a', Target: 'lambda' }]),
      /^Routes\[0\]\.Target: "lambda" must be "integrations\/INTEGRATION_ID"$/,
    ],
    [wsDoc([{ RouteKey: 'a' }, { RouteKey: 'a' }]), /^Routes\[1\]\.RouteKey: "a" appears twice$/],
    [wsDoc([{ RouteKey: '$other' }]), /^Routes\[0\]\.RouteKey: "\$other" is not a predefined route/],
    [
      wsDoc([{ RouteKey: 'send', AuthorizationType: 'AWS_IAM' }]),
      /^Routes\[0\]\.AuthorizationType: WebSocket APIs authorize on the \$connect route only/,
    ],
    [
      wsDoc([{ RouteKey: '$connect', AuthorizationType: 'CUSTOM', AuthorizerId: 'x' }]),
      /^Routes\[0\]\.AuthorizerId: no authorizer "x" in Authorizers$/,
    ],
    [
      wsDoc([{ RouteKey: '$default', RouteResponseSelectionExpression: '$request.body.x' }]),
      /^Routes\[0\]\.RouteResponseSelectionExpression: WebSocket APIs support "\$default" only/,
    ],
    [
      wsDoc([{ RouteKey: 'a' }], {
        Integrations: [{ IntegrationId: 'fnint01', IntegrationType: 'AWS_PROXY', IntegrationUri: 'http://x' }],
      }),
      /^Integrations\[0\]\.IntegrationUri: "http:\/\/x" is not a Lambda invocation URI/,
    ],
    [
      wsDoc([{ RouteKey: 'a' }], {
        Integrations: [{ IntegrationId: 'fnint01', IntegrationType: 'HTTP_PROXY', IntegrationUri: 'http://x' }],
      }),
      /^Integrations\[0\]\.IntegrationType: HTTP_PROXY is not supported by the emulator yet/,
    ],
    [
      wsDoc([{ RouteKey: 'a' }], {
        Integrations: [
          {
            IntegrationId: 'fnint01',
            IntegrationType: 'AWS_PROXY',
            IntegrationUri: FN_URI('fn'),
            TimeoutInMillis: 30000,
          },
        ],
      }),
      /^Integrations\[0\]\.TimeoutInMillis: must be an integer from 50 to 29000 \(got 30000\)$/,
    ],
    [
      wsDoc([{ RouteKey: '$connect', AuthorizationType: 'CUSTOM', AuthorizerId: 'a' }], {
        Authorizers: [
          {
            AuthorizerId: 'a',
            Name: 'a',
            AuthorizerType: 'REQUEST',
            AuthorizerUri: FN_URI('a'),
            IdentitySource: ['$request.header.Auth'],
          },
        ],
      }),
      /^Authorizers\[0\]\.IdentitySource\[0\]: "\$request\.header\.Auth" is not route\.request\.header\.NAME/,
    ],
    [[], /^the definition: must be an object$/],
  ])('refuses a bad definition with one line naming the field (%#)', (doc, message) => {
    let error: unknown;
    try {
      parseWebSocketApi(doc);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WebSocketDefinitionError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});

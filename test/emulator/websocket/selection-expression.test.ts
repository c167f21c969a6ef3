import { describe, expect, it } from 'vitest';
import { evaluateSelectionExpression, parseSelectionExpression } from '../../../src/emulator/index.js';

const evaluate = (expression: string, message: string) =>
  evaluateSelectionExpression(parseSelectionExpression(expression), message);

/** The payload and table of "Route selection expressions" (websocket-api-develop-routes.html). */
const PAYLOAD = JSON.stringify({ service: 'chat', action: 'join', data: { room: 'room1234' } });

describe('route selection expressions (websocket-api-develop-routes.html#apigateway-websocket-api-route-selection-expressions)', () => {
  it.each([
    ['$request.body.action', 'join', 'an unwrapped variable'],
    ['${request.body.action}', 'join', 'a wrapped variable'],
    ['${request.body.service}/${request.body.action}', 'chat/join', 'multiple variables with static values'],
    ['${request.body.action}-${request.body.invalidPath}', 'join-', 'a JSON path not found resolves as ""'],
    ['action', 'action', 'a static value'],
    ['\\$default', '$default', 'an escaped $: a static value'],
    ['$request.body.data.room', 'room1234', 'a nested path'],
    ['${request.body.version}-beta', '-beta', 'curly braces bound the variable ("${request.body.version}-beta")'],
  ])('%s → %s (%s)', (expression, expected) => {
    expect(evaluate(expression, PAYLOAD)).toBe(expected);
  });

  it('cannot be evaluated against a message that is not JSON (the route is then $default)', () => {
    expect(evaluate('$request.body.action', 'hello there')).toBeUndefined();
  });

  it('stringifies an array as "[item1, item2]", as the page warns', () => {
    expect(evaluate('$request.body.a', '{"a":["item1","item2"]}')).toBe('[item1, item2]');
    expect(evaluate('$request.body.n', '{"n":3}')).toBe('3');
  });

  it('rejects a variable it cannot evaluate with a one-line error naming it', () => {
    expect(() => parseSelectionExpression('$request.header.x')).toThrow(
      /"\$request\.header\.x" in "\$request\.header\.x" is not a variable/,
    );
    expect(() => parseSelectionExpression('${context.routeKey}')).toThrow(
      /"context\.routeKey" in .* is not request\.body\.PATH/,
    );
  });
});

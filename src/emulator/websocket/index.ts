/** WebSocket APIs (API Gateway v2): a pure core; adapters (a `ws` server, the page's worker) carry the frames. */
export {
  WebSocketGateway,
  type WebSocketGatewayOptions,
  type WebSocketConnectResult,
  type WebSocketConnectionInfo,
} from './gateway.js';
export { WebSocketDefinitionError, type WebSocketApiDocument } from './document.js';
export {
  parseWebSocketApi,
  exportWebSocketApi,
  websocketFunctionNamesOf,
  WEBSOCKET_MIN_TIMEOUT_MS,
  WEBSOCKET_MAX_TIMEOUT_MS,
} from './definition.js';
export type { WebSocketApiModel, WebSocketRoute, WebSocketIntegration, WebSocketAuthorizer } from './model.js';
export { WEBSOCKET_LIMITS, type WebSocketLimits } from './limits.js';
export type { WebSocketTrace, WebSocketClientTransport } from './trace.js';
export { WEBSOCKET_CLOSE, gatewayErrorFrame } from './frames.js';
export { parseSelectionExpression, evaluateSelectionExpression, type ExpressionPart } from './selection-expression.js';

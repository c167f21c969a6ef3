/**
 * The WebSocket API definition file: what `aws apigatewayv2 get-api`, `get-routes` and `get-integrations` print
 * (API Gateway has no OpenAPI import for WebSocket APIs), optionally with each route's `get-route-responses`, each
 * integration's `get-integration-responses` and `get-authorizers`.
 * https://docs.aws.amazon.com/cli/latest/reference/apigatewayv2/get-routes.html
 */
export interface WebSocketApiDocument {
  Api: {
    ApiId?: string;
    Name: string;
    ProtocolType: 'WEBSOCKET';
    RouteSelectionExpression: string;
    ApiKeySelectionExpression?: string;
    ApiEndpoint?: string;
    [k: string]: unknown;
  };
  Routes: Array<{
    RouteId?: string;
    RouteKey: string;
    Target?: string;
    AuthorizationType?: 'NONE' | 'AWS_IAM' | 'CUSTOM';
    AuthorizerId?: string;
    RouteResponseSelectionExpression?: string;
    ApiKeyRequired?: boolean;
    RouteResponses?: Array<{ RouteResponseKey: string; RouteResponseId?: string; [k: string]: unknown }>;
    [k: string]: unknown;
  }>;
  Integrations: Array<{
    IntegrationId: string;
    IntegrationType: 'AWS_PROXY' | 'MOCK' | 'AWS' | 'HTTP' | 'HTTP_PROXY';
    IntegrationUri?: string;
    TemplateSelectionExpression?: string;
    RequestTemplates?: Record<string, string>;
    IntegrationResponses?: Array<{
      IntegrationResponseKey: string;
      ResponseTemplates?: Record<string, string>;
      TemplateSelectionExpression?: string;
      [k: string]: unknown;
    }>;
    TimeoutInMillis?: number;
    [k: string]: unknown;
  }>;
  Authorizers?: Array<{
    AuthorizerId: string;
    Name: string;
    AuthorizerType: 'REQUEST';
    AuthorizerUri: string;
    IdentitySource?: string[];
    [k: string]: unknown;
  }>;
}

/** A definition the WebSocket gateway cannot serve: one line naming the field (`Routes[2].Target: …`). */
export class WebSocketDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebSocketDefinitionError';
  }
}

import type { WebSocketApiDocument } from './document.js';

/** An integration of a WebSocket API, as the gateway runs it. */
export interface WebSocketIntegration {
  id: string;
  type: 'AWS_PROXY' | 'MOCK' | 'AWS' | 'HTTP' | 'HTTP_PROXY';
  /** The Lambda function an AWS_PROXY / AWS integration calls (null for MOCK and HTTP). */
  functionName: string | null;
  /** The integration timeout (50 ms to 29 s; 29 s by default). */
  timeoutMs: number;
  templateSelectionExpression?: string;
  requestTemplates: Record<string, string>;
  responses: Array<{ key: string; templates: Record<string, string>; templateSelectionExpression?: string }>;
}

/** A REQUEST Lambda authorizer (the only kind WebSocket APIs have), used on `$connect`. */
export interface WebSocketAuthorizer {
  id: string;
  name: string;
  functionName: string;
  /** `route.request.header.X`, `route.request.querystring.X`, `stageVariables.X`, `context.X`. */
  identitySource: string[];
}

/** A route of a WebSocket API. */
export interface WebSocketRoute {
  id: string;
  key: string;
  /** The integration id its `Target` (`integrations/ID`) names; undefined without a target. */
  integrationId?: string;
  authorizationType: 'NONE' | 'AWS_IAM' | 'CUSTOM';
  authorizerId?: string;
  /** Set on two-way routes (`$default`): the integration's result is sent back to the caller. */
  routeResponseSelectionExpression?: string;
  /** The keys of its route responses (only `$default` exists); undefined when the definition lists none (get-routes alone). */
  routeResponseKeys?: string[];
}

/** A parsed WebSocket API: what the gateway serves; `document` is what export writes back. */
export interface WebSocketApiModel {
  id: string;
  name: string;
  routeSelectionExpression: string;
  routes: WebSocketRoute[];
  integrations: WebSocketIntegration[];
  authorizers: WebSocketAuthorizer[];
  /** The definition as given (fields the emulator does not read are kept for export). */
  document: WebSocketApiDocument;
}

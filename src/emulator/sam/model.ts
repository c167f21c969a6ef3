/** One stage a template deploys an API to, as `get-stage` would print its settings. */
export interface TemplateStage {
  name: string;
  variables: Record<string, string>;
  /**
   * The stage's settings as `aws apigateway get-stage` (REST) or `aws apigatewayv2 get-stage` (HTTP) prints them
   * (methodSettings / RouteSettings, cache), for the emulator's stage config; undefined when the template sets none.
   */
  settings?: Record<string, unknown>;
}

interface TemplateApiBase {
  logicalId: string;
  /** The resource type it came from (`AWS::Serverless::Api`, `AWS::ApiGateway::RestApi`, implicit SAM API…). */
  source: string;
  /** The API's id, as `Ref` of it evaluates in the template. */
  apiId: string;
  /** Every stage, in template order; never empty. */
  stages: TemplateStage[];
  /** The first stage's name and variables (the shared contract's shape). */
  stageName: string;
  variables: Record<string, string>;
}

/** A REST or HTTP API the template defines, as the OpenAPI document the emulator imports. */
export interface TemplateOpenApi extends TemplateApiBase {
  kind: 'REST' | 'HTTP';
  /** OpenAPI with x-amazon-apigateway-* extensions, every intrinsic function evaluated. */
  document: Record<string, unknown>;
}

/**
 * A WebSocket API the template defines (raw `AWS::ApiGatewayV2::*` resources: SAM has no WebSocket type), as the
 * definition the WebSocket gateway serves (what `aws apigatewayv2 get-api`, `get-routes`, `get-integrations` print).
 */
export interface TemplateWebSocketApi extends TemplateApiBase {
  kind: 'WEBSOCKET';
  document: WebSocketApiDocument & Record<string, unknown>;
  /** Why the gateway cannot serve it, in one line naming the resource and property (absent: it can). */
  unservable?: string;
}

/** An API the template defines, as the document the emulator imports. */
export type TemplateApi = TemplateOpenApi | TemplateWebSocketApi;

/** A Lambda function a template defines, with where its code is. */
export interface TemplateFunction {
  logicalId: string;
  functionName: string;
  arn: string;
  /** The code's folder, relative to the template's folder (`src/`; '' for the template's own). */
  codeUri: string;
  handler: string;
  runtime: string;
  environment: Record<string, string>;
  timeout?: number;
}

/** A usage plan (AWS::ApiGateway::UsagePlan, or SAM's Auth.UsagePlan). */
export interface TemplateUsagePlan {
  logicalId: string;
  name: string;
  throttle?: { rateLimit: number; burstLimit: number };
  quota?: { limit: number; period: 'DAY' | 'WEEK' | 'MONTH' };
  /** The APIs and stages it covers. */
  apiStages: Array<{ apiLogicalId: string; stage: string }>;
}

/** An API key and the plans it joins. */
export interface TemplateApiKey {
  logicalId: string;
  value: string;
  /** True when the template gives no `Value` (CloudFormation would generate one). */
  generated: boolean;
  enabled: boolean;
  /** Logical ids of the usage plans (UsagePlanKey) it joins. */
  usagePlans: string[];
}

import type { ServicesFile } from '../aws-services/types.js';
import type { WebSocketApiDocument } from '../websocket/document.js';

export interface LoadedTemplate {
  description?: string;
  apis: TemplateApi[];
  functions: TemplateFunction[];
  usagePlans: TemplateUsagePlan[];
  apiKeys: TemplateApiKey[];
  /** The tables, queues and event buses the embedded services create (the `--services` file's shape). */
  services: ServicesFile;
  warnings: string[];
}

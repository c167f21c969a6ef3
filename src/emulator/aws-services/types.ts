/**
 * AWS services as an `AWS` integration (REST) or an `integrationSubtype` (HTTP APIs) reaches them: one wire request in,
 * one wire response out, whether the service is the lab's embedded in-memory one or a real endpoint (`--aws-endpoint`).
 * Research and evidence: docs/research/service-integrations.md.
 */
import type { LambdaInvoker } from '../shared/invoker.js';

/** The endpoint prefixes API Gateway's service URIs name (`arn:aws:apigateway:{region}:{service}:…`). */
export type AwsServiceName = 'sqs' | 'kinesis' | 'states' | 'events' | 'dynamodb';

/** The services the lab embeds, in the order panels list them. */
export const AWS_SERVICE_NAMES: readonly AwsServiceName[] = ['sqs', 'kinesis', 'states', 'events', 'dynamodb'];

/**
 * A request to a service as it goes over the wire: what API Gateway sends `https://{service}.{region}.amazonaws.com`
 * after the request template and parameter mappings (SQS's query form `Action=SendMessage&MessageBody=…` on
 * `POST /{account}/{queue}`, or a JSON-protocol body with `X-Amz-Target` and `Content-Type: application/x-amz-json-1.x`).
 */
export interface ServiceRequest {
  service: AwsServiceName;
  region: string;
  method: string;
  /** The path and query string (`/123456789012/orders`, `/?Action=PutRecord`). */
  path: string;
  /** Headers as sent (Content-Type, X-Amz-Target, Accept, …), without the signature. */
  headers: Array<[string, string]>;
  /** The body's bytes (UTF-8 for the text protocols). */
  body: Uint8Array;
}

/** A service's wire answer: status, headers (`Content-Type`, `x-amzn-RequestId`, …) and the body text. */
export interface ServiceResponse {
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

/** One service, embedded or remote. `call` never throws for the service's own errors: they are wire answers (400 + body). */
export interface ServiceBackend {
  readonly service: AwsServiceName;
  call(request: ServiceRequest): Promise<ServiceResponse>;
}

/**
 * Every service an integration can reach: the gateway's only view of them (GatewayOptions.awsServices). `call`
 * rejects (an Error) only when the service cannot be reached at all (a remote endpoint down): the integration then
 * fails as an unreachable endpoint does.
 */
export interface AwsServices {
  call(request: ServiceRequest): Promise<ServiceResponse>;
  /** Where a service's requests go, for the trace: `embedded` (the default when absent) or the endpoint URL. */
  endpointOf?(service: AwsServiceName): string;
}

/** What embedded backends are made with. */
export interface EmbeddedEnv {
  region: string;
  accountId: string;
  /** Epoch milliseconds (the gateway's clock; tests hold it still or move it). */
  now: () => number;
  /** Runs local Lambda functions (a Step Functions Task state, an EventBridge rule's Lambda target). */
  invoke?: LambdaInvoker;
  /**
   * Waits `ms` of the service's time (a Step Functions Wait state, SQS delay/visibility deadlines are read from `now`).
   * Default: setTimeout. The page may shorten long waits; tests pass one that advances a fake clock.
   */
  sleep?: (ms: number) => Promise<void>;
  /** A new id (`crypto.randomUUID()` by default; tests pass a counter). */
  uuid?: () => string;
}

/**
 * The resources the embedded services start with (an example's `services.json`, the CLI's `--services FILE`), in the
 * Create* actions' own input names so a reader recognises them. A bad file is refused with one line naming the field
 * (ServicesFileError).
 */
export interface ServicesFile {
  /** CreateQueue inputs. `Attributes` as SQS takes them (strings): VisibilityTimeout, DelaySeconds, FifoQueue, … */
  queues?: Array<{ QueueName: string; Attributes?: Record<string, string> }>;
  /** CreateStream inputs. */
  streams?: Array<{ StreamName: string; ShardCount?: number }>;
  /** CreateStateMachine inputs; `definition` as an ASL object or its JSON text; `type` STANDARD (default) or EXPRESS. */
  stateMachines?: Array<{ name: string; definition: unknown; type?: 'STANDARD' | 'EXPRESS'; roleArn?: string }>;
  /** Event buses (the `default` bus always exists) with their rules (PutRule + PutTargets inputs). */
  eventBuses?: Array<{
    Name: string;
    Rules?: Array<{ Name: string; EventPattern: unknown; Targets?: Array<{ Id: string; Arn: string }> }>;
  }>;
  /** CreateTable inputs, plus `Items` (DynamoDB JSON) put first. */
  tables?: Array<{
    TableName: string;
    KeySchema: Array<{ AttributeName: string; KeyType: 'HASH' | 'RANGE' }>;
    AttributeDefinitions: Array<{ AttributeName: string; AttributeType: 'S' | 'N' | 'B' }>;
    Items?: Array<Record<string, unknown>>;
  }>;
}

/** A services file that cannot be used: the message names the field (`queues[0].QueueName: …`). */
export class ServicesFileError extends Error {
  override name = 'ServicesFileError';
}

/** A message in a queue as the state panel shows it. */
export interface QueueMessageView {
  messageId: string;
  body: string;
  md5OfBody: string;
  messageAttributes: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>;
  /** `visible` (receivable), `inflight` (received, invisible until `visibleAtMs`), `delayed` (DelaySeconds). */
  state: 'visible' | 'inflight' | 'delayed';
  receiveCount: number;
  sentAtMs: number;
  visibleAtMs?: number;
}

/** A stream record as the state panel shows it. */
export interface StreamRecordView {
  sequenceNumber: string;
  partitionKey: string;
  /** The record's bytes, base64 (as GetRecords answers `Data`). */
  data: string;
  /** The bytes as UTF-8 text when they are valid UTF-8. */
  text?: string;
  arrivalMs: number;
}

/** One step of an execution, like GetExecutionHistory's events (`TaskStateEntered`, `ExecutionSucceeded`, …). */
export interface ExecutionEventView {
  id: number;
  type: string;
  timestampMs: number;
  stateName?: string;
  input?: string;
  output?: string;
  error?: string;
  cause?: string;
}

export interface ExecutionView {
  executionArn: string;
  name: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startMs: number;
  stopMs?: number;
  events: ExecutionEventView[];
}

/** An event a bus accepted, with the rules it matched. */
export interface BusEventView {
  eventId: string;
  /** The event as rules and targets see it (`version`, `id`, `detail-type`, `source`, `account`, `time`, …, `detail`). */
  event: Record<string, unknown>;
  matchedRules: string[];
}

/** Every embedded service's state, for the page's panel and the CLI's `GET /__apigw-lab/services`. */
export interface ServicesState {
  queues: Array<{ name: string; url: string; arn: string; fifo: boolean; messages: QueueMessageView[] }>;
  streams: Array<{ name: string; arn: string; shards: Array<{ shardId: string; records: StreamRecordView[] }> }>;
  stateMachines: Array<{ name: string; arn: string; type: 'STANDARD' | 'EXPRESS'; executions: ExecutionView[] }>;
  eventBuses: Array<{
    name: string;
    arn: string;
    rules: Array<{ name: string; eventPattern: unknown; targets: string[] }>;
    events: BusEventView[];
  }>;
  tables: Array<{
    name: string;
    arn: string;
    keySchema: Array<{ AttributeName: string; KeyType: string }>;
    items: Array<Record<string, unknown>>;
  }>;
}

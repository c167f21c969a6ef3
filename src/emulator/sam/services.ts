import type { ServicesFile } from '../aws-services/types.js';
import { physicalId } from './ids.js';
import type { Stack } from './stack.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The resource types whose resources the emulator's embedded services create (the `--services` file's). */
export const SERVICE_TYPES = new Set([
  'AWS::DynamoDB::Table',
  'AWS::Serverless::SimpleTable',
  'AWS::SQS::Queue',
  'AWS::Events::EventBus',
]);

/**
 * A generated physical name, as CloudFormation makes one: `<stack>-<LogicalId>-<12 characters>`, the prefix cut so
 * the whole fits in 80 characters (SQS's limit, the smallest of the three).
 */
export const generatedName = (stackName: string, logicalId: string) =>
  `${`${stackName}-${logicalId}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 67)}-${physicalId(logicalId, 12).toUpperCase()}`;

/** The physical name of a table, queue or bus: its name property, else a generated one. */
export function serviceResourceName(stack: Stack, logicalId: string, type: string): string {
  const property = type === 'AWS::SQS::Queue' ? 'QueueName' : type === 'AWS::Events::EventBus' ? 'Name' : 'TableName';
  const name = stack.prop(logicalId, property);
  return typeof name === 'string' && name ? name : generatedName(stack.env.stackName, logicalId);
}

/** `Ref` and `Fn::GetAtt` of the resources the embedded services hold (queue URL, ARNs, names). */
export function serviceRef(stack: Stack, logicalId: string, type: string): string {
  const name = serviceResourceName(stack, logicalId, type);
  // Ref of a queue is its URL; of a table or a bus, its name.
  return type === 'AWS::SQS::Queue'
    ? `https://sqs.${stack.env.region}.amazonaws.com/${stack.env.accountId}/${name}`
    : name;
}

export function serviceAttribute(stack: Stack, logicalId: string, type: string, attribute: string): string | undefined {
  const name = serviceResourceName(stack, logicalId, type);
  const { region, accountId } = stack.env;
  const partition = String(stack.ctx.parameters['AWS::Partition']);
  if (attribute === 'Arn') {
    if (type === 'AWS::SQS::Queue') return `arn:${partition}:sqs:${region}:${accountId}:${name}`;
    if (type === 'AWS::Events::EventBus') return `arn:${partition}:events:${region}:${accountId}:event-bus/${name}`;
    return `arn:${partition}:dynamodb:${region}:${accountId}:table/${name}`;
  }
  if (attribute === 'QueueName' || attribute === 'Name') return name;
  if (attribute === 'QueueUrl') return serviceRef(stack, logicalId, type);
  return undefined;
}

/**
 * The template's DynamoDB tables (AWS::DynamoDB::Table: KeySchema + AttributeDefinitions; AWS::Serverless::SimpleTable:
 * PrimaryKey, default `id` String), SQS queues and EventBridge buses, as the embedded services' `--services` file.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-simpletable.html
 */
export function templateServices(stack: Stack): ServicesFile {
  const out: Required<Pick<ServicesFile, 'tables' | 'queues' | 'eventBuses'>> = {
    tables: [],
    queues: [],
    eventBuses: [],
  };
  for (const r of stack.ofType(...SERVICE_TYPES)) {
    const name = serviceResourceName(stack, r.logicalId, r.type);
    if (r.type === 'AWS::SQS::Queue') {
      const fifo = stack.prop(r.logicalId, 'FifoQueue');
      out.queues.push(
        fifo === true || fifo === 'true' ? { QueueName: name, Attributes: { FifoQueue: 'true' } } : { QueueName: name },
      );
    } else if (r.type === 'AWS::Events::EventBus') out.eventBuses.push({ Name: name });
    else if (r.type === 'AWS::Serverless::SimpleTable') {
      const key = stack.prop(r.logicalId, 'PrimaryKey');
      const attr = isObject(key) && typeof key.Name === 'string' ? key.Name : 'id';
      const kind = isObject(key) ? String(key.Type ?? 'String') : 'String';
      const type = kind === 'Number' ? 'N' : kind === 'Binary' ? 'B' : 'S';
      out.tables.push({
        TableName: name,
        KeySchema: [{ AttributeName: attr, KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: attr, AttributeType: type }],
      });
    } else {
      const keySchema = stack.prop(r.logicalId, 'KeySchema');
      const definitions = stack.prop(r.logicalId, 'AttributeDefinitions');
      out.tables.push({
        TableName: name,
        KeySchema: (Array.isArray(keySchema) ? keySchema : []) as NonNullable<
          ServicesFile['tables']
        >[number]['KeySchema'],
        AttributeDefinitions: (Array.isArray(definitions) ? definitions : []) as NonNullable<
          ServicesFile['tables']
        >[number]['AttributeDefinitions'],
      });
    }
  }
  return out;
}

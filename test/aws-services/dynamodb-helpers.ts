import { EmbeddedDynamoDb } from '../../src/emulator/aws-services/dynamodb/index.js';
import type { EmbeddedEnv, ServiceRequest, ServiceResponse } from '../../src/emulator/aws-services/types.js';

/** The wire request an action URI produces for DynamoDB (research §1.7: target + JSON 1.0). */
export function dynamoRequest(action: string, body: unknown): ServiceRequest {
  return {
    service: 'dynamodb',
    region: 'us-east-1',
    method: 'POST',
    path: '/',
    headers: [
      ['Content-Type', 'application/x-amz-json-1.0'],
      ['X-Amz-Target', `DynamoDB_20120810.${action}`],
    ],
    body: new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)),
  };
}

/** An embedded DynamoDB on a fixed clock and counter ids. */
export function makeDynamo(accountId = '123456789012') {
  let id = 0;
  const env: Required<EmbeddedEnv> = {
    region: 'us-east-1',
    accountId,
    now: () => Date.UTC(2026, 11, 4, 12, 0, 0),
    uuid: () => `00000000-0000-4000-8000-${String(++id).padStart(12, '0')}`,
    sleep: async () => {},
    invoke: async () => ({ kind: 'error', error: { errorType: 'None', errorMessage: 'none' }, logs: [] }),
  };
  const service = new EmbeddedDynamoDb(env, { call: async () => ({ status: 500, headers: [], body: '' }) });
  const send = async (action: string, body: unknown): Promise<ServiceResponse & { json: any }> => {
    const response = await service.call(dynamoRequest(action, body));
    return { ...response, json: JSON.parse(response.body) };
  };
  return { service, send };
}

export const ORDERS_TABLE = {
  TableName: 'orders',
  KeySchema: [
    { AttributeName: 'customer', KeyType: 'HASH' },
    { AttributeName: 'orderId', KeyType: 'RANGE' },
  ],
  AttributeDefinitions: [
    { AttributeName: 'customer', AttributeType: 'S' },
    { AttributeName: 'orderId', AttributeType: 'N' },
  ],
  BillingMode: 'PAY_PER_REQUEST',
};

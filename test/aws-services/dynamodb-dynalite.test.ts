/**
 * The embedded DynamoDB against a second implementation, dynalite 4.0.0 (research §3, §6): the SAME wire requests
 * go to both; status and body must agree, modulo TableId/CreationDateTime, the order of the top-level keys of an
 * answer (dynalite writes `{"ScannedCount","Count","Items"}`, research §1.7's AWS capture `{"Count","Items","ScannedCount"}`)
 * and the order of Scan's items (dynalite orders a scan by a hash of the key, the lab by insertion).
 * Attribute order inside items is compared as written.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoRequest, makeDynamo, ORDERS_TABLE } from './dynamodb-helpers.js';

interface Step {
  action: string;
  body: unknown;
  /** Compare the error's __type only (the message's wording differs: see the test name). */
  typeOnly?: boolean;
  /** The status both must answer (so a case cannot pass by both refusing it). */
  status?: number;
}

const USERS = {
  TableName: 'users',
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  BillingMode: 'PAY_PER_REQUEST',
};

const key = (customer: string, orderId: string) => ({ customer: { S: customer }, orderId: { N: orderId } });

const STEPS: Record<string, Step[]> = {
  'create and describe tables': [
    { action: 'CreateTable', body: ORDERS_TABLE },
    { action: 'CreateTable', body: USERS },
    { action: 'DescribeTable', body: { TableName: 'users' } },
    { action: 'DescribeTable', body: { TableName: 'nothere' } },
    { action: 'CreateTable', body: { ...USERS, TableName: 'ab' } },
  ],
  'put / get with every attribute type, numbers normalised, a miss': [
    { action: 'CreateTable', body: ORDERS_TABLE },
    {
      action: 'PutItem',
      body: {
        TableName: 'orders',
        Item: {
          ...key('ana', '1'),
          total: { N: '0012.50' },
          note: { S: 'first' },
          paid: { BOOL: true },
          gift: { NULL: true },
          lines: { L: [{ S: 'a' }, { N: '2' }, { M: { q: { N: '1e2' } } }] },
          meta: { M: { z: { S: 'z' }, a: { SS: ['x', 'y'] } } },
          sizes: { NS: ['3', '1.0'] },
          blob: { B: 'aGVsbG8=' },
        },
      },
    },
    { action: 'GetItem', body: { TableName: 'orders', Key: key('ana', '1') } },
    { action: 'GetItem', body: { TableName: 'orders', Key: key('ana', '2') } },
    {
      action: 'GetItem',
      body: {
        TableName: 'orders',
        Key: key('ana', '1'),
        ProjectionExpression: 'note, #t',
        ExpressionAttributeNames: { '#t': 'total' },
      },
    },
  ],
  'conditional writes: attribute_not_exists, comparisons, begins_with, AND/OR/NOT, ALL_OLD': [
    { action: 'CreateTable', body: ORDERS_TABLE },
    {
      action: 'PutItem',
      body: { TableName: 'orders', Item: { ...key('ana', '1'), status: { S: 'new' }, total: { N: '10' } } },
    },
    {
      action: 'PutItem',
      body: { TableName: 'orders', Item: key('ana', '1'), ConditionExpression: 'attribute_not_exists(customer)' },
    },
    {
      action: 'PutItem',
      body: {
        TableName: 'orders',
        Item: { ...key('ana', '1'), status: { S: 'paid' } },
        ConditionExpression: '#s = :new AND (#t > :min OR NOT begins_with(#s, :p))',
        ExpressionAttributeNames: { '#s': 'status', '#t': 'total' },
        ExpressionAttributeValues: { ':new': { S: 'new' }, ':min': { N: '9.5' }, ':p': { S: 'n' } },
        ReturnValues: 'ALL_OLD',
      },
      status: 200,
    },
    {
      action: 'PutItem',
      body: {
        TableName: 'orders',
        Item: key('ana', '1'),
        ConditionExpression: '#t BETWEEN :a AND :b',
        ExpressionAttributeNames: { '#t': 'total' },
        ExpressionAttributeValues: { ':a': { N: '1' }, ':b': { N: '100' } },
      },
      status: 400,
    },
    {
      action: 'PutItem',
      body: {
        TableName: 'orders',
        Item: key('ana', '1'),
        ConditionExpression: 'total > :a',
        ExpressionAttributeValues: { ':a': { N: '1' } },
      },
      status: 400,
    },
    {
      action: 'PutItem',
      body: {
        TableName: 'orders',
        Item: key('ana', '1'),
        ConditionExpression: '#s IN (:x, :y)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':x': { S: 'paid' }, ':y': { S: 'other' } },
      },
    },
    {
      action: 'PutItem',
      body: { TableName: 'orders', Item: key('bob', '1'), ConditionExpression: 'attribute_exists(customer)' },
    },
    {
      action: 'DeleteItem',
      body: {
        TableName: 'orders',
        Key: key('ana', '1'),
        ConditionExpression: 'attribute_exists(customer)',
        ReturnValues: 'ALL_OLD',
      },
    },
    {
      action: 'DeleteItem',
      body: { TableName: 'orders', Key: key('ana', '1'), ConditionExpression: 'attribute_exists(customer)' },
    },
  ],
  'query: partition equality, sort key conditions, ScanIndexForward, Limit, FilterExpression; scan': [
    { action: 'CreateTable', body: ORDERS_TABLE },
    ...['1', '2', '10', '3'].map((n) => ({
      action: 'PutItem',
      body: { TableName: 'orders', Item: { ...key('ana', n), kind: { S: Number(n) % 2 ? 'odd' : 'even' } } },
    })),
    { action: 'PutItem', body: { TableName: 'orders', Item: { ...key('bob', '5'), kind: { S: 'odd' } } } },
    {
      action: 'Query',
      body: {
        TableName: 'orders',
        KeyConditionExpression: 'customer = :c',
        ExpressionAttributeValues: { ':c': { S: 'ana' } },
      },
    },
    {
      action: 'Query',
      body: {
        TableName: 'orders',
        KeyConditionExpression: 'customer = :c',
        ExpressionAttributeValues: { ':c': { S: 'nobody' } },
      },
    },
    ...['=', '<', '<=', '>', '>='].map((op) => ({
      action: 'Query',
      body: {
        TableName: 'orders',
        KeyConditionExpression: `customer = :c AND orderId ${op} :n`,
        ExpressionAttributeValues: { ':c': { S: 'ana' }, ':n': { N: '3' } },
      },
    })),
    {
      action: 'Query',
      body: {
        TableName: 'orders',
        KeyConditionExpression: 'customer = :c AND orderId BETWEEN :a AND :b',
        ExpressionAttributeValues: { ':c': { S: 'ana' }, ':a': { N: '2' }, ':b': { N: '3' } },
      },
    },
    {
      action: 'Query',
      body: {
        TableName: 'orders',
        KeyConditionExpression: 'customer = :c',
        ExpressionAttributeValues: { ':c': { S: 'ana' } },
        ScanIndexForward: false,
        Limit: 2,
      },
    },
    {
      action: 'Query',
      body: {
        TableName: 'orders',
        KeyConditionExpression: 'customer = :c',
        FilterExpression: 'kind = :k',
        ExpressionAttributeValues: { ':c': { S: 'ana' }, ':k': { S: 'odd' } },
      },
    },
    { action: 'Scan', body: { TableName: 'orders' } },
    { action: 'Scan', body: { TableName: 'orders', Select: 'COUNT' } },
    {
      action: 'Query',
      body: {
        TableName: 'orders',
        KeyConditionExpression: 'customer = :c',
        ExpressionAttributeValues: { ':c': { S: 'ana' } },
        Limit: 4,
      },
    },
    {
      action: 'PutItem',
      body: { TableName: 'orders', Item: { ...key('zed', '-0.000'), m: { N: '1E+2' }, k: { N: '-12.340e-3' } } },
      status: 200,
    },
    { action: 'GetItem', body: { TableName: 'orders', Key: key('zed', '0') }, status: 200 },
    { action: 'DeleteItem', body: { TableName: 'orders', Key: key('nobody', '1'), ReturnValues: 'ALL_OLD' } },
    {
      action: 'UpdateItem',
      body: { TableName: 'orders', Key: key('new', '1'), UpdateExpression: 'REMOVE q', ReturnValues: 'ALL_OLD' },
    },
    { action: 'GetItem', body: { TableName: 'orders', Key: key('new', '1') } },
    {
      action: 'Scan',
      body: { TableName: 'orders', FilterExpression: 'kind <> :k', ExpressionAttributeValues: { ':k': { S: 'odd' } } },
    },
  ],
  'begins_with on a string sort key': [
    {
      action: 'CreateTable',
      body: {
        ...USERS,
        TableName: 'events',
        KeySchema: [
          { AttributeName: 'id', KeyType: 'HASH' },
          { AttributeName: 'at', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'id', AttributeType: 'S' },
          { AttributeName: 'at', AttributeType: 'S' },
        ],
      },
    },
    ...['2026-01-02', '2026-02-01', '2025-12-31', '2026-01-31'].map((at) => ({
      action: 'PutItem',
      body: { TableName: 'events', Item: { id: { S: 'e' }, at: { S: at } } },
    })),
    {
      action: 'Query',
      body: {
        TableName: 'events',
        KeyConditionExpression: 'id = :i AND begins_with(#at, :p)',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: { ':i': { S: 'e' }, ':p': { S: '2026-01' } },
      },
    },
  ],
  'update: SET / REMOVE and ReturnValues': [
    { action: 'CreateTable', body: USERS },
    {
      action: 'PutItem',
      body: { TableName: 'users', Item: { id: { S: 'u1' }, name: { S: 'Ana' }, visits: { N: '1' }, tmp: { S: 'x' } } },
    },
    {
      action: 'UpdateItem',
      body: {
        TableName: 'users',
        Key: { id: { S: 'u1' } },
        UpdateExpression: 'SET visits = visits + :one, #n = :n REMOVE tmp',
        ExpressionAttributeNames: { '#n': 'nick' },
        ExpressionAttributeValues: { ':one': { N: '1' }, ':n': { S: 'A' } },
        ReturnValues: 'ALL_NEW',
      },
    },
    {
      action: 'UpdateItem',
      body: {
        TableName: 'users',
        Key: { id: { S: 'u2' } },
        UpdateExpression: 'SET visits = :z',
        ExpressionAttributeValues: { ':z': { N: '0' } },
        ReturnValues: 'UPDATED_NEW',
      },
    },
    {
      action: 'UpdateItem',
      body: {
        TableName: 'users',
        Key: { id: { S: 'u2' } },
        UpdateExpression: 'SET visits = :z',
        ExpressionAttributeValues: { ':z': { N: '5' } },
        ReturnValues: 'UPDATED_OLD',
      },
    },
    {
      action: 'UpdateItem',
      body: {
        TableName: 'users',
        Key: { id: { S: 'u2' } },
        UpdateExpression: 'SET id = :z',
        ExpressionAttributeValues: { ':z': { S: 'u3' } },
      },
    },
    {
      action: 'UpdateItem',
      body: {
        TableName: 'users',
        Key: { id: { S: 'u2' } },
        UpdateExpression: 'SET visits = :z',
        ConditionExpression: 'visits > :z',
        ExpressionAttributeValues: { ':z': { N: '9' } },
      },
    },
    { action: 'GetItem', body: { TableName: 'users', Key: { id: { S: 'u1' } } } },
  ],
  'missing table and validation errors with AWS messages': [
    { action: 'CreateTable', body: ORDERS_TABLE },
    { action: 'GetItem', body: { TableName: 'nothere', Key: { id: { S: 'a' } } } },
    { action: 'PutItem', body: { TableName: 'nothere', Item: { id: { S: 'a' } } } },
    {
      action: 'Query',
      body: {
        TableName: 'nothere',
        KeyConditionExpression: 'id = :i',
        ExpressionAttributeValues: { ':i': { S: 'a' } },
      },
    },
    { action: 'Scan', body: { TableName: 'nothere' } },
    { action: 'PutItem', body: { TableName: 't', Item: { id: { S: 'a' } } } },
    { action: 'PutItem', body: { Item: { id: { S: 'a' } } } },
    { action: 'PutItem', body: { TableName: 'orders', Item: { customer: { S: 'a' } } } },
    { action: 'PutItem', body: { TableName: 'orders', Item: { customer: { N: '1' }, orderId: { N: '1' } } } },
    { action: 'PutItem', body: { TableName: 'orders', Item: { customer: { S: '' }, orderId: { N: '1' } } } },
    { action: 'PutItem', body: { TableName: 'orders', Item: { ...key('a', 'x') } } },
    { action: 'PutItem', body: { TableName: 'orders', Item: { ...key('a', '1'), x: { SS: [] } } } },
    { action: 'PutItem', body: { TableName: 'orders', Item: { ...key('a', '1'), x: { SS: ['a', 'a'] } } } },
    { action: 'PutItem', body: { TableName: 'orders', Item: { ...key('a', '1'), x: { S: '1', N: '1' } } } },
    { action: 'PutItem', body: { TableName: 'orders', Item: { ...key('a', '1'), x: { NULL: false } } } },
    { action: 'PutItem', body: { TableName: 'orders', Item: { ...key('a', '1'), x: 'plain' } } },
    { action: 'PutItem', body: { TableName: 'orders', Item: key('a', '1'), ReturnValues: 'ALL_NEW' } },
    { action: 'PutItem', body: { TableName: 'orders', Item: key('a', '1'), ConditionExpression: 'x = :v' } },
    {
      action: 'PutItem',
      body: {
        TableName: 'orders',
        Item: key('a', '1'),
        ConditionExpression: '#x = :v',
        ExpressionAttributeValues: { ':v': { S: 'a' } },
      },
    },
    {
      action: 'PutItem',
      body: {
        TableName: 'orders',
        Item: key('a', '1'),
        ConditionExpression: 'x = :v',
        ExpressionAttributeValues: { ':v': { S: 'a' }, ':w': { S: 'b' } },
      },
    },
    {
      action: 'PutItem',
      body: {
        TableName: 'orders',
        Item: key('a', '1'),
        ConditionExpression: 'x =',
        ExpressionAttributeValues: { ':v': { S: 'a' } },
      },
      typeOnly: true,
    },
    {
      action: 'PutItem',
      body: { TableName: 'orders', Item: key('a', '1'), ExpressionAttributeValues: { ':v': { S: 'x' } } },
    },
    {
      action: 'PutItem',
      body: {
        TableName: 'orders',
        Item: key('a', '1'),
        ConditionExpression: 'attribute_not_exists(customer)',
        ExpressionAttributeValues: {},
      },
    },
    { action: 'PutItem', body: { TableName: 'orders', Item: key('a', '1'), ExpressionAttributeNames: { '#a': 'x' } } },
    { action: 'PutItem', body: { TableName: 'orders', Item: key('a', '1'), ConditionExpression: 'foo(customer)' } },
    { action: 'GetItem', body: { TableName: 'orders', Key: key('a', '1'), ProjectionExpression: 'size' } },
    {
      action: 'UpdateItem',
      body: {
        TableName: 'orders',
        Key: key('a', '7'),
        UpdateExpression: 'SET q = :o, q = :o',
        ExpressionAttributeValues: { ':o': { N: '1' } },
      },
    },
    {
      action: 'UpdateItem',
      body: {
        TableName: 'orders',
        Key: key('a', '7'),
        UpdateExpression: 'SET q = q + :o',
        ExpressionAttributeValues: { ':o': { N: '1' } },
      },
    },
    { action: 'GetItem', body: { TableName: 'orders', Key: { customer: { S: 'a' } } } },
    { action: 'GetItem', body: { TableName: 'orders', Key: { customer: { N: '1' }, orderId: { N: '1' } } } },
    { action: 'GetItem', body: { TableName: 'orders' } },
    { action: 'Query', body: { TableName: 'orders' } },
    {
      action: 'Query',
      body: {
        TableName: 'orders',
        KeyConditionExpression: 'orderId = :n',
        ExpressionAttributeValues: { ':n': { N: '1' } },
      },
    },
    {
      action: 'Query',
      body: {
        TableName: 'orders',
        KeyConditionExpression: 'customer = :c AND customer = :c',
        ExpressionAttributeValues: { ':c': { S: 'a' } },
      },
    },
    {
      action: 'Query',
      body: {
        TableName: 'orders',
        KeyConditionExpression: 'customer > :c',
        ExpressionAttributeValues: { ':c': { S: 'a' } },
      },
    },
    {
      action: 'Query',
      body: {
        TableName: 'orders',
        KeyConditionExpression: 'customer = :c',
        ExpressionAttributeValues: { ':c': { N: '1' } },
      },
    },
    {
      action: 'Query',
      body: {
        TableName: 'orders',
        KeyConditionExpression: 'customer = :c',
        FilterExpression: 'orderId = :n',
        ExpressionAttributeValues: { ':c': { S: 'a' }, ':n': { N: '1' } },
      },
    },
  ],
};

let server: { listen: Function; close: Function; address: () => AddressInfo };
let url = '';

beforeAll(async () => {
  // @ts-expect-error dynalite ships no type declarations
  const { default: dynalite } = await import('dynalite');
  server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${server.address().port}/`;
});

afterAll(() => server?.close());

/** Sends the embedded backend's wire request to dynalite (it checks only that a SigV4 header is there, research §3). */
async function viaDynalite(action: string, body: unknown): Promise<{ status: number; body: string }> {
  const request = dynamoRequest(action, body);
  const response = await fetch(url, {
    method: request.method,
    headers: [
      ...request.headers,
      [
        'Authorization',
        'AWS4-HMAC-SHA256 Credential=AKID/20261204/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      ],
      ['X-Amz-Date', '20261204T120000Z'],
    ],
    body: new TextDecoder().decode(request.body),
  });
  return { status: response.status, body: await response.text() };
}

/** What must agree: top-level keys sorted; table ids/dates dropped; Scan items sorted. */
function comparable(action: string, text: string, typeOnly: boolean): string {
  const value = JSON.parse(text) as Record<string, unknown>;
  if (typeOnly) return String(value.__type);
  for (const k of ['TableDescription', 'Table']) {
    const t = value[k] as Record<string, unknown> | undefined;
    if (t) {
      delete t.TableId;
      delete t.CreationDateTime;
      delete (t.BillingModeSummary as Record<string, unknown> | undefined)?.LastUpdateToPayPerRequestDateTime;
    }
  }
  if (action === 'Scan' && Array.isArray(value.Items))
    value.Items = (value.Items as unknown[]).map((i) => JSON.stringify(i)).sort();
  return JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))));
}

describe('DynamoDB: the embedded backend answers as dynalite 4.0.0 does to the same wire requests', () => {
  for (const [name, steps] of Object.entries(STEPS)) {
    it(name, async () => {
      // dynalite's account is 000000000000; give the embedded one the same, and fresh table names per case.
      const { service } = makeDynamo('000000000000');
      const suffix = `${Math.random().toString(36).slice(2, 8)}`;
      const rename = (body: unknown): unknown => {
        const copy = JSON.parse(JSON.stringify(body));
        if (typeof copy.TableName === 'string' && copy.TableName.length >= 3) copy.TableName += suffix;
        return copy;
      };
      for (const step of steps) {
        const body = rename(step.body);
        const embedded = await service.call(dynamoRequest(step.action, body));
        const remote = await viaDynalite(step.action, body);
        const label = `${step.action} ${JSON.stringify(body)}`;
        expect(embedded.status, `${label}\nembedded: ${embedded.body}\ndynalite: ${remote.body}`).toBe(remote.status);
        if (step.status) expect(embedded.status, label).toBe(step.status);
        expect(comparable(step.action, embedded.body, !!step.typeOnly), label).toBe(
          comparable(step.action, remote.body, !!step.typeOnly),
        );
      }
    });
  }
});

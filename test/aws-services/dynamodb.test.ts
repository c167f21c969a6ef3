import { describe, expect, it } from 'vitest';
import { ServicesFileError } from '../../src/emulator/aws-services/types.js';
import { makeDynamo, ORDERS_TABLE } from './dynamodb-helpers.js';

const ID_TABLE = {
  TableName: 'items',
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' as const }],
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' as const }],
};

describe('DynamoDB: answers as API Gateway passes them through (LS-DDB snapshot, research §1.7)', () => {
  it('PutItem → {}, Query → {"Count","Items","ScannedCount"} in that order, a miss → Count 0', async () => {
    const { send } = makeDynamo();
    await send('CreateTable', ID_TABLE);
    const put = await send('PutItem', { TableName: 'items', Item: { id: { S: 'test' } } });
    expect(put.status).toBe(200);
    expect(put.body).toBe('{}');
    expect(put.headers).toContainEqual(['Content-Type', 'application/x-amz-json-1.0']);
    const query = await send('Query', {
      TableName: 'items',
      KeyConditionExpression: 'id = :id',
      ExpressionAttributeValues: { ':id': { S: 'test' } },
    });
    expect(query.body).toBe('{"Count":1,"Items":[{"id":{"S":"test"}}],"ScannedCount":1}');
    const miss = await send('Query', {
      TableName: 'items',
      KeyConditionExpression: 'id = :id',
      ExpressionAttributeValues: { ':id': { S: 'other' } },
    });
    expect(miss.body).toBe('{"Count":0,"Items":[],"ScannedCount":0}');
  });

  it('GetItem → {"Item":…} or {} on a miss (API_GetItem: Item omitted when nothing matches)', async () => {
    const { send } = makeDynamo();
    await send('CreateTable', ID_TABLE);
    await send('PutItem', { TableName: 'items', Item: { id: { S: 'a' }, n: { N: '007' } } });
    expect((await send('GetItem', { TableName: 'items', Key: { id: { S: 'a' } } })).body).toBe(
      '{"Item":{"id":{"S":"a"},"n":{"N":"7"}}}',
    );
    expect((await send('GetItem', { TableName: 'items', Key: { id: { S: 'b' } } })).body).toBe('{}');
  });

  it('errors: ResourceNotFoundException, ConditionalCheckFailedException, key not matching the schema (research §1.7)', async () => {
    const { send } = makeDynamo();
    await send('CreateTable', ID_TABLE);
    const missing = await send('GetItem', { TableName: 'nothere', Key: { id: { S: 'a' } } });
    expect(missing.status).toBe(400);
    expect(missing.body).toBe(
      '{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}',
    );
    await send('PutItem', { TableName: 'items', Item: { id: { S: 'a' } } });
    const again = await send('PutItem', {
      TableName: 'items',
      Item: { id: { S: 'a' } },
      ConditionExpression: 'attribute_not_exists(id)',
    });
    expect(again.body).toBe(
      '{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}',
    );
    const badKey = await send('GetItem', { TableName: 'items', Key: { id: { N: '1' } } });
    expect(badKey.json).toEqual({
      __type: 'com.amazon.coral.validate#ValidationException',
      message: 'The provided key element does not match the schema',
    });
    const short = await send('PutItem', { TableName: 't', Item: { id: { S: 'a' } } });
    expect(short.json.message).toBe(
      "1 validation error detected: Value 't' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3",
    );
    const reserved = await send('PutItem', {
      TableName: 'items',
      Item: { id: { S: 'a' } },
      ConditionExpression: 'status = :s',
      ExpressionAttributeValues: { ':s': { S: 'x' } },
    });
    expect(reserved.json.message).toBe(
      'Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status',
    );
  });

  it('takes POST /?Action=PutItem without a target (an API Gateway action URI, research §1.1)', async () => {
    const { service, send } = makeDynamo();
    await send('CreateTable', ID_TABLE);
    const response = await service.call({
      service: 'dynamodb',
      region: 'us-east-1',
      method: 'POST',
      path: '/?Action=PutItem',
      headers: [['Content-Type', 'application/json']],
      body: new TextEncoder().encode(JSON.stringify({ TableName: 'items', Item: { id: { S: 'x' } } })),
    });
    expect(response.status).toBe(200);
    expect((await send('Scan', { TableName: 'items' })).json.Count).toBe(1);
  });

  it('Query orders by sort key, backwards with ScanIndexForward false, pages with Limit + ExclusiveStartKey', async () => {
    const { send } = makeDynamo();
    await send('CreateTable', ORDERS_TABLE);
    for (const n of ['10', '2', '1', '3'])
      await send('PutItem', { TableName: 'orders', Item: { customer: { S: 'ana' }, orderId: { N: n } } });
    const ids = (r: { json: { Items: Array<{ orderId: { N: string } }> } }) => r.json.Items.map((i) => i.orderId.N);
    const base = {
      TableName: 'orders',
      KeyConditionExpression: 'customer = :c',
      ExpressionAttributeValues: { ':c': { S: 'ana' } },
    };
    expect(ids(await send('Query', base))).toEqual(['1', '2', '3', '10']);
    expect(ids(await send('Query', { ...base, ScanIndexForward: false }))).toEqual(['10', '3', '2', '1']);
    const page = await send('Query', { ...base, Limit: 2 });
    expect(page.body).toContain('"LastEvaluatedKey":{"customer":{"S":"ana"},"orderId":{"N":"2"}}');
    expect(ids(await send('Query', { ...base, ExclusiveStartKey: page.json.LastEvaluatedKey }))).toEqual(['3', '10']);
  });

  it('UpdateItem SET/REMOVE with ReturnValues ALL_NEW; DeleteItem ALL_OLD', async () => {
    const { send } = makeDynamo();
    await send('CreateTable', ID_TABLE);
    await send('PutItem', { TableName: 'items', Item: { id: { S: 'a' }, n: { N: '1' }, tmp: { S: 'x' } } });
    const updated = await send('UpdateItem', {
      TableName: 'items',
      Key: { id: { S: 'a' } },
      UpdateExpression: 'SET n = n + :one, tags = list_append(if_not_exists(tags, :empty), :t) REMOVE tmp',
      ExpressionAttributeValues: { ':one': { N: '1' }, ':empty': { L: [] }, ':t': { L: [{ S: 'new' }] } },
      ReturnValues: 'ALL_NEW',
    });
    expect(updated.json).toEqual({ Attributes: { id: { S: 'a' }, n: { N: '2' }, tags: { L: [{ S: 'new' }] } } });
    const deleted = await send('DeleteItem', { TableName: 'items', Key: { id: { S: 'a' } }, ReturnValues: 'ALL_OLD' });
    expect(deleted.json.Attributes.n).toEqual({ N: '2' });
    expect((await send('Scan', { TableName: 'items' })).json.Count).toBe(0);
  });
});

describe('DynamoDB: services file and state', () => {
  it('apply() creates tables with their Items; state() lists them', () => {
    const { service } = makeDynamo();
    service.apply({ tables: [{ ...ID_TABLE, Items: [{ id: { S: 'a' }, v: { N: '1' } }] }] });
    const into = { queues: [], streams: [], stateMachines: [], eventBuses: [], tables: [] as any[] };
    service.state(into);
    expect(into.tables).toEqual([
      {
        name: 'items',
        arn: 'arn:aws:dynamodb:us-east-1:123456789012:table/items',
        keySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        items: [{ id: { S: 'a' }, v: { N: '1' } }],
      },
    ]);
  });

  it('apply() names the field of a bad entry', () => {
    const { service } = makeDynamo();
    expect(() => service.apply({ tables: [{ ...ID_TABLE, Items: [{ id: { N: '1' } }] }] })).toThrow(ServicesFileError);
    expect(() => makeDynamo().service.apply({ tables: [{ ...ID_TABLE, Items: [{ id: { N: '1' } }] }] })).toThrow(
      /^tables\[0\]\.Items\[0\]: One or more parameter values were invalid: Type mismatch for key id expected: S actual: N$/,
    );
    expect(() => makeDynamo().service.apply({ tables: [{ ...ID_TABLE, TableName: 'x' }] })).toThrow(
      /^tables\[0\]: TableName must be/,
    );
  });
});

describe("DynamoDB: what the lab leaves out is refused with DynamoDB's message", () => {
  it('Query on an IndexName: "The table does not have the specified index"', async () => {
    const { send } = makeDynamo();
    await send('CreateTable', ID_TABLE);
    const r = await send('Query', {
      TableName: 'items',
      IndexName: 'byDate',
      KeyConditionExpression: 'id = :i',
      ExpressionAttributeValues: { ':i': { S: 'a' } },
    });
    expect(r.status).toBe(400);
    expect(r.json.message).toBe('The table does not have the specified index: byDate');
  });
});

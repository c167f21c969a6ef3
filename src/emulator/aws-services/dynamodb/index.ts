/**
 * The embedded DynamoDB (in memory): CreateTable, DescribeTable, ListTables, DeleteTable, PutItem, GetItem, DeleteItem,
 * UpdateItem, Query, Scan, with condition/filter/key-condition/projection/update expressions. Answers and errors as
 * research §1.7 records them and dynalite answers the same requests (test/aws-services/dynamodb-dynalite.test.ts).
 */
import type { EmbeddedServiceBackend, ServiceLinks } from '../embedded-backend.js';
import {
  ServicesFileError,
  type EmbeddedEnv,
  type ServiceRequest,
  type ServiceResponse,
  type ServicesFile,
  type ServicesState,
} from '../types.js';
import { checkItem, checkValue, itemSize, type AttributeValue, type Item } from './attribute-value.js';
import { evaluateCondition, readPath } from './condition-expression.js';
import { DynamoError, conditionalCheckFailed, resourceNotFound, validation } from './errors.js';
import {
  ExpressionContext,
  parseCondition,
  parseProjection,
  parseUpdate,
  type Condition,
  type PathSegment,
} from './expression.js';
import { readKeyCondition } from './key-condition.js';
import { fail, ok, readRequest } from './protocol.js';
import { Table, type TableDefinition } from './table.js';
import { applyUpdate } from './update-expression.js';

type Body = Record<string, unknown>;

export class EmbeddedDynamoDb implements EmbeddedServiceBackend {
  readonly service = 'dynamodb' as const;
  readonly #tables = new Map<string, Table>();

  constructor(
    readonly env: Required<EmbeddedEnv>,
    readonly links: ServiceLinks,
  ) {}

  async call(request: ServiceRequest): Promise<ServiceResponse> {
    const requestId = this.env.uuid();
    try {
      const { action, body } = readRequest(request);
      return ok(this.#action(action, body), requestId);
    } catch (error) {
      if (error instanceof DynamoError) return fail(error, requestId);
      return fail(
        new DynamoError('com.amazonaws.dynamodb.v20120810#InternalServerError', String(error), 500),
        requestId,
      );
    }
  }

  #action(action: string, body: Body): unknown {
    switch (action) {
      case 'CreateTable':
        return { TableDescription: this.#describe(this.#createTable(body), 'CREATING') };
      case 'DescribeTable': {
        const name = tableName(body);
        const table = this.#tables.get(name);
        if (!table) throw resourceNotFound(`Requested resource not found: Table: ${name} not found`);
        return { Table: this.#describe(table, 'ACTIVE') };
      }
      case 'ListTables':
        return { TableNames: [...this.#tables.keys()].sort() };
      case 'DeleteTable': {
        const table = this.#table(body);
        this.#tables.delete(table.name);
        return { TableDescription: this.#describe(table, 'DELETING') };
      }
      case 'PutItem':
        return this.#putItem(body);
      case 'GetItem':
        return this.#getItem(body);
      case 'DeleteItem':
        return this.#deleteItem(body);
      case 'UpdateItem':
        return this.#updateItem(body);
      case 'Query':
        return this.#query(body);
      case 'Scan':
        return this.#scan(body);
      default:
        throw new DynamoError(
          'com.amazon.coral.service#UnknownOperationException',
          `The action ${action} is not supported by the lab's DynamoDB`,
        );
    }
  }

  #createTable(body: Body): Table {
    const name = body.TableName;
    if (typeof name !== 'string' || name.length < 3 || name.length > 255)
      throw validation('TableName must be at least 3 characters long and at most 255 characters long');
    if (!/^[a-zA-Z0-9_.-]+$/.test(name))
      throw validation(
        `1 validation error detected: Value '${name}' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+`,
      );
    const keySchema = body.KeySchema as TableDefinition['KeySchema'] | undefined;
    const definitions = body.AttributeDefinitions as TableDefinition['AttributeDefinitions'] | undefined;
    if (
      !Array.isArray(keySchema) ||
      keySchema.length < 1 ||
      keySchema.length > 2 ||
      keySchema[0]?.KeyType !== 'HASH' ||
      (keySchema[1] && keySchema[1].KeyType !== 'RANGE')
    )
      throw validation('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
    if (!Array.isArray(definitions))
      throw validation(
        "1 validation error detected: Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null",
      );
    for (const key of keySchema) {
      const def = definitions.find((d) => d.AttributeName === key.AttributeName);
      if (!def)
        throw validation(
          'One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [' +
            key.AttributeName +
            '], AttributeDefinitions: [' +
            definitions.map((d) => d.AttributeName).join(', ') +
            ']',
        );
      if (!['S', 'N', 'B'].includes(def.AttributeType))
        throw validation(
          `1 validation error detected: Value '${def.AttributeType}' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]`,
        );
    }
    // Assumption (L): AWS's message for an existing table; dynalite answers it with an empty message.
    if (this.#tables.has(name))
      throw new DynamoError('com.amazonaws.dynamodb.v20120810#ResourceInUseException', `Table already exists: ${name}`);
    const arn = `arn:aws:dynamodb:${this.env.region}:${this.env.accountId}:table/${name}`;
    const table = new Table(name, arn, this.env.uuid(), this.env.now(), {
      AttributeDefinitions: definitions.map((d) => ({
        AttributeName: d.AttributeName,
        AttributeType: d.AttributeType,
      })),
      KeySchema: keySchema.map((k) => ({ AttributeName: k.AttributeName, KeyType: k.KeyType })),
      ...(body.ProvisionedThroughput
        ? {
            ProvisionedThroughput: body.ProvisionedThroughput as {
              ReadCapacityUnits: number;
              WriteCapacityUnits: number;
            },
          }
        : {}),
      BillingMode: typeof body.BillingMode === 'string' ? body.BillingMode : 'PROVISIONED',
    });
    this.#tables.set(name, table);
    return table;
  }

  /** A TableDescription, keys in dynalite's order. */
  #describe(table: Table, status: string): unknown {
    const d = table.definition;
    const payPerRequest = d.BillingMode === 'PAY_PER_REQUEST';
    return {
      AttributeDefinitions: d.AttributeDefinitions,
      TableName: table.name,
      KeySchema: d.KeySchema,
      TableArn: table.arn,
      TableId: table.tableId,
      CreationDateTime: table.creationMs / 1000,
      ItemCount: table.items.size,
      ProvisionedThroughput: {
        ReadCapacityUnits: payPerRequest ? 0 : (d.ProvisionedThroughput?.ReadCapacityUnits ?? 0),
        WriteCapacityUnits: payPerRequest ? 0 : (d.ProvisionedThroughput?.WriteCapacityUnits ?? 0),
        NumberOfDecreasesToday: 0,
      },
      TableSizeBytes: [...table.items.values()].reduce((sum, item) => sum + itemSize(item), 0),
      TableStatus: status,
      ...(payPerRequest
        ? {
            BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
            TableThroughputModeSummary: { TableThroughputMode: 'PAY_PER_REQUEST' },
          }
        : {}),
    };
  }

  #table(body: Body): Table {
    return this.#existingTable(tableName(body));
  }

  #putItem(body: Body): unknown {
    const name = tableName(body);
    if (body.Item === undefined || body.Item === null)
      throw validation(
        "1 validation error detected: Value null at 'item' failed to satisfy constraint: Member must not be null",
      );
    const item = checkItem(body.Item as Record<string, unknown>);
    const returnValues = noneOrAllOld(body.ReturnValues);
    const context = expressionContext(body, ['ConditionExpression']);
    const condition = optionalCondition(body.ConditionExpression, 'ConditionExpression', context);
    context.checkAllUsed();
    const table = this.#existingTable(name);
    const id = table.itemKey(item);
    const old = table.items.get(id);
    if (condition && !evaluateCondition(condition, old ?? {})) throw conditionalCheckFailed();
    table.items.set(id, item);
    return returnValues === 'ALL_OLD' && old ? { Attributes: old } : {};
  }

  /** The table of that name; ResourceNotFoundException when there is none. */
  #existingTable(name: string): Table {
    const table = this.#tables.get(name);
    if (!table) throw resourceNotFound();
    return table;
  }

  #getItem(body: Body): unknown {
    const name = tableName(body);
    const context = expressionContext(body, ['ProjectionExpression']);
    const projection =
      typeof body.ProjectionExpression === 'string' ? parseProjection(body.ProjectionExpression, context) : undefined;
    context.checkAllUsed();
    const table = this.#existingTable(name);
    const { id } = table.keyOf(body.Key);
    const item = table.items.get(id);
    if (!item) return {};
    return { Item: projection ? project(item, projection) : item };
  }

  #deleteItem(body: Body): unknown {
    const name = tableName(body);
    const returnValues = noneOrAllOld(body.ReturnValues);
    const context = expressionContext(body, ['ConditionExpression']);
    const condition = optionalCondition(body.ConditionExpression, 'ConditionExpression', context);
    context.checkAllUsed();
    const table = this.#existingTable(name);
    const { id } = table.keyOf(body.Key);
    const old = table.items.get(id);
    if (condition && !evaluateCondition(condition, old ?? {})) throw conditionalCheckFailed();
    table.items.delete(id);
    return returnValues === 'ALL_OLD' && old ? { Attributes: old } : {};
  }

  #updateItem(body: Body): unknown {
    const name = tableName(body);
    const returnValues = String(body.ReturnValues ?? 'NONE');
    if (!['NONE', 'ALL_OLD', 'ALL_NEW', 'UPDATED_OLD', 'UPDATED_NEW'].includes(returnValues))
      throw validation(
        `1 validation error detected: Value '${returnValues}' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]`,
      );
    const context = expressionContext(body, ['UpdateExpression', 'ConditionExpression']);
    const actions = typeof body.UpdateExpression === 'string' ? parseUpdate(body.UpdateExpression, context) : [];
    const condition = optionalCondition(body.ConditionExpression, 'ConditionExpression', context);
    context.checkAllUsed();
    const table = this.#existingTable(name);
    const { key, id } = table.keyOf(body.Key);
    const old = table.items.get(id);
    if (condition && !evaluateCondition(condition, old ?? {})) throw conditionalCheckFailed();
    const changed = new Set<string>();
    const updated = applyUpdate(old ?? key, actions, table.keyNames, changed);
    table.items.set(id, updated);
    const pick = (item: Item | undefined): Item | undefined => {
      if (!item) return undefined;
      const out: Item = {};
      for (const [k, v] of Object.entries(item)) if (changed.has(k)) out[k] = v;
      return Object.keys(out).length ? out : undefined;
    };
    const attributes =
      returnValues === 'ALL_OLD'
        ? old
        : returnValues === 'ALL_NEW'
          ? updated
          : returnValues === 'UPDATED_OLD'
            ? pick(old)
            : returnValues === 'UPDATED_NEW'
              ? pick(updated)
              : undefined;
    return attributes ? { Attributes: attributes } : {};
  }

  #query(body: Body): unknown {
    const name = tableName(body);
    const context = expressionContext(body, ['KeyConditionExpression', 'FilterExpression', 'ProjectionExpression']);
    if (typeof body.KeyConditionExpression !== 'string')
      throw validation(
        'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.',
      );
    const keyCondition = parseCondition(body.KeyConditionExpression, 'KeyConditionExpression', context);
    const filter = optionalCondition(body.FilterExpression, 'FilterExpression', context);
    const projection =
      typeof body.ProjectionExpression === 'string' ? parseProjection(body.ProjectionExpression, context) : undefined;
    context.checkAllUsed();
    const table = this.#existingTable(name);
    // The lab's tables have no secondary indexes; the message is DynamoDB's for an unknown index.
    if (typeof body.IndexName === 'string')
      throw validation(`The table does not have the specified index: ${body.IndexName}`);
    const keys = readKeyCondition(keyCondition, table.definition.KeySchema, table.keyTypes);
    if (filter) {
      const onKey = conditionPaths(filter).find((p) => table.keyNames.includes(p));
      if (onKey)
        throw validation(
          `Filter Expression can only contain non-primary key attributes: Primary key attribute: ${onKey}`,
        );
    }
    let candidates = table.partition(keys.partitionValue, body.ScanIndexForward !== false);
    if (keys.sortCondition) candidates = candidates.filter((item) => evaluateCondition(keys.sortCondition!, item));
    return this.#page(table, candidates, body, filter, projection);
  }

  #scan(body: Body): unknown {
    const name = tableName(body);
    const context = expressionContext(body, ['FilterExpression', 'ProjectionExpression']);
    const filter = optionalCondition(body.FilterExpression, 'FilterExpression', context);
    const projection =
      typeof body.ProjectionExpression === 'string' ? parseProjection(body.ProjectionExpression, context) : undefined;
    context.checkAllUsed();
    const table = this.#existingTable(name);
    return this.#page(table, [...table.items.values()], body, filter, projection);
  }

  /**
   * ExclusiveStartKey, Limit (counts items read before the filter), FilterExpression, projection. Answer keys in the
   * order of research §1.7 (`{"Count","Items","ScannedCount"}`; LastEvaluatedKey between them is an assumption, L).
   */
  #page(
    table: Table,
    candidates: Item[],
    body: Body,
    filter: Condition | undefined,
    projection: PathSegment[][] | undefined,
  ): unknown {
    if (body.ExclusiveStartKey !== undefined) {
      const { id } = table.keyOf(body.ExclusiveStartKey);
      const at = candidates.findIndex((item) => table.itemKey(item) === id);
      candidates = at >= 0 ? candidates.slice(at + 1) : candidates;
    }
    const limit = typeof body.Limit === 'number' ? body.Limit : undefined;
    if (limit !== undefined && limit < 1)
      throw validation(
        `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1`,
      );
    const scanned = limit !== undefined ? candidates.slice(0, limit) : candidates;
    const matched = filter ? scanned.filter((item) => evaluateCondition(filter, item)) : scanned;
    const items = projection ? matched.map((item) => project(item, projection)) : matched;
    const last = limit !== undefined && scanned.length === limit ? scanned[scanned.length - 1] : undefined;
    if (body.Select === 'COUNT')
      return {
        Count: items.length,
        ...(last ? { LastEvaluatedKey: table.keyAttributes(last) } : {}),
        ScannedCount: scanned.length,
      };
    return {
      Count: items.length,
      Items: items,
      ...(last ? { LastEvaluatedKey: table.keyAttributes(last) } : {}),
      ScannedCount: scanned.length,
    };
  }

  apply(file: ServicesFile): void {
    (file.tables ?? []).forEach((entry, i) => {
      const at = `tables[${i}]`;
      if (typeof entry !== 'object' || entry === null) throw new ServicesFileError(`${at}: must be an object`);
      let table: Table;
      try {
        table = this.#createTable({ ...entry, BillingMode: 'PAY_PER_REQUEST' });
      } catch (error) {
        if (error instanceof DynamoError) throw new ServicesFileError(`${at}: ${error.message}`);
        throw error;
      }
      (entry.Items ?? []).forEach((raw, j) => {
        try {
          const item = checkItem(raw);
          table.items.set(table.itemKey(item), item);
        } catch (error) {
          if (error instanceof DynamoError) throw new ServicesFileError(`${at}.Items[${j}]: ${error.message}`);
          throw error;
        }
      });
    });
  }

  state(into: ServicesState): void {
    for (const table of this.#tables.values()) {
      into.tables.push({
        name: table.name,
        arn: table.arn,
        keySchema: table.definition.KeySchema.map((k) => ({ ...k })),
        items: structuredClone([...table.items.values()]),
      });
    }
  }

  async whenIdle(): Promise<void> {}
}

/** TableName checked as DynamoDB checks it (messages as dynalite answers them, research §1.7). */
function tableName(body: Body): string {
  const name = body.TableName;
  if (name === undefined || name === null)
    throw validation(
      "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null",
    );
  const text = String(name);
  if (text.length < 3)
    throw validation(
      `1 validation error detected: Value '${text}' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3`,
    );
  if (text.length > 255)
    throw validation(
      `1 validation error detected: Value '${text}' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to 255`,
    );
  return text;
}

/**
 * The request's placeholders. DynamoDB refuses empty maps and maps given without any expression (messages as dynalite
 * answers PutItem/GetItem; the wording for other actions' "… is null" list is an assumption, L).
 */
function expressionContext(body: Body, expressions: string[]): ExpressionContext {
  const given = expressions.filter((name) => typeof body[name] === 'string');
  for (const key of ['ExpressionAttributeNames', 'ExpressionAttributeValues']) {
    const map = body[key];
    if (map === undefined) continue;
    if (typeof map !== 'object' || map === null || Object.keys(map).length === 0)
      throw validation(`${key} must not be empty`);
    if (given.length === 0) {
      if (key === 'ExpressionAttributeNames')
        throw validation('ExpressionAttributeNames can only be specified when using expressions');
      const nulls = expressions.filter((e) => e !== 'ProjectionExpression');
      if (nulls.length === 0)
        throw validation('ExpressionAttributeValues can only be specified when using expressions');
      const list =
        nulls.length === 1
          ? `${nulls[0]} is null`
          : `${nulls.slice(0, -1).join(', ')} and ${nulls[nulls.length - 1]} are null`;
      throw validation(`ExpressionAttributeValues can only be specified when using expressions: ${list}`);
    }
  }
  let values: Record<string, AttributeValue> | undefined;
  if (body.ExpressionAttributeValues !== undefined) {
    values = {};
    for (const [k, v] of Object.entries(body.ExpressionAttributeValues as Record<string, unknown>))
      values[k] = checkValue(v);
  }
  return new ExpressionContext(body.ExpressionAttributeNames as Record<string, string> | undefined, values);
}

function optionalCondition(text: unknown, label: string, context: ExpressionContext): Condition | undefined {
  return typeof text === 'string' ? parseCondition(text, label, context) : undefined;
}

/** The top-level attribute names a condition reads. */
function conditionPaths(c: Condition): string[] {
  const names: string[] = [];
  const operand = (o: { kind: string; path?: PathSegment[] }): void => {
    const first = o.path?.[0];
    if (first && 'key' in first) names.push(first.key);
  };
  const walk = (x: Condition): void => {
    if (x.kind === 'and' || x.kind === 'or') {
      walk(x.left);
      walk(x.right);
    } else if (x.kind === 'not') walk(x.condition);
    else if (x.kind === 'compare') [x.left, x.right].forEach(operand);
    else if (x.kind === 'between') [x.value, x.low, x.high].forEach(operand);
    else if (x.kind === 'in') [x.value, ...x.list].forEach(operand);
    else if (x.kind === 'function') x.args.forEach(operand);
  };
  walk(c);
  return names;
}

/** The item with only the projected paths, in the projection's order (as dynalite answers). */
function project(item: Item, paths: PathSegment[][]): Item {
  const out: Item = {};
  for (const path of paths) {
    const value = readPath(item, path);
    if (!value) continue;
    let node = out;
    path.forEach((segment, i) => {
      const key = 'key' in segment ? segment.key : String(segment.index);
      if (i === path.length - 1) node[key] = value;
      else {
        node[key] ??= { M: {} };
        node = node[key]!.M as Item;
      }
    });
  }
  return out;
}

/** PutItem's and DeleteItem's `ReturnValues`: NONE (the default) or ALL_OLD; anything else is a ValidationException. */
function noneOrAllOld(value: unknown): 'NONE' | 'ALL_OLD' {
  const returnValues = value ?? 'NONE';
  if (returnValues !== 'NONE' && returnValues !== 'ALL_OLD')
    throw validation('ReturnValues can only be ALL_OLD or NONE');
  return returnValues;
}

/**
 * One table: its key schema and its items, keyed by primary key. Items keep the attribute order they were written
 * with (as dynalite answers them); Query reads one partition ordered by sort key; Scan reads in insertion order
 * (assumption, L: DynamoDB and dynalite scan in the order of a hash of the partition key).
 */
import { checkItem, compareScalars, typeOf, type AttributeValue, type Item } from './attribute-value.js';
import { validation } from './errors.js';

export interface KeyElement {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
}

export interface TableDefinition {
  AttributeDefinitions: Array<{ AttributeName: string; AttributeType: string }>;
  KeySchema: KeyElement[];
  ProvisionedThroughput?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
  BillingMode?: string;
}

export class Table {
  readonly items = new Map<string, Item>();
  readonly hashKey: string;
  readonly rangeKey?: string;
  readonly keyTypes: Record<string, string>;

  constructor(
    readonly name: string,
    readonly arn: string,
    readonly tableId: string,
    readonly creationMs: number,
    readonly definition: TableDefinition,
  ) {
    this.hashKey = definition.KeySchema.find((k) => k.KeyType === 'HASH')!.AttributeName;
    const range = definition.KeySchema.find((k) => k.KeyType === 'RANGE');
    if (range) this.rangeKey = range.AttributeName;
    this.keyTypes = Object.fromEntries(definition.AttributeDefinitions.map((d) => [d.AttributeName, d.AttributeType]));
  }

  get keyNames(): string[] {
    return this.rangeKey ? [this.hashKey, this.rangeKey] : [this.hashKey];
  }

  /** The storage key of an item PutItem writes; DynamoDB's messages for missing, mistyped or empty key values. */
  itemKey(item: Item): string {
    for (const name of this.keyNames) {
      const value = item[name];
      if (!value) throw validation(`One or more parameter values were invalid: Missing the key ${name} in the item`);
      const type = typeOf(value);
      if (type !== this.keyTypes[name])
        throw validation(
          `One or more parameter values were invalid: Type mismatch for key ${name} expected: ${this.keyTypes[name]} actual: ${type}`,
        );
      if (value[type] === '')
        throw validation(
          `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ${name}`,
        );
    }
    return this.#keyString(item);
  }

  /** The storage key of a `Key` parameter (GetItem/DeleteItem/UpdateItem): exactly the key attributes, right types. */
  keyOf(rawKey: unknown): { key: Item; id: string } {
    if (rawKey === undefined || rawKey === null)
      throw validation(
        "1 validation error detected: Value null at 'key' failed to satisfy constraint: Member must not be null",
      );
    const key = checkItem(rawKey as Record<string, unknown>);
    const names = Object.keys(key);
    const mismatch = () => validation('The provided key element does not match the schema');
    if (names.length !== this.keyNames.length) throw mismatch();
    for (const name of this.keyNames) {
      const value = key[name];
      if (!value || typeOf(value) !== this.keyTypes[name]) throw mismatch();
      if (value[typeOf(value)] === '')
        throw validation(
          `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ${name}`,
        );
    }
    return { key, id: this.#keyString(key) };
  }

  /** Only the key attributes of an item (LastEvaluatedKey). */
  keyAttributes(item: Item): Item {
    const out: Item = {};
    for (const name of this.keyNames) out[name] = item[name]!;
    return out;
  }

  #keyString(item: Item): string {
    return JSON.stringify(this.keyNames.map((name) => item[name]![this.keyTypes[name]!]));
  }

  /** The items of one partition, ordered by sort key. */
  partition(value: AttributeValue, forward: boolean): Item[] {
    const type = this.keyTypes[this.hashKey]!;
    const wanted = value[type];
    const items = [...this.items.values()].filter((item) => item[this.hashKey]![type] === wanted);
    if (this.rangeKey) {
      const rangeKey = this.rangeKey;
      const rangeType = this.keyTypes[rangeKey]!;
      items.sort((a, b) =>
        compareScalars(rangeType, a[rangeKey]![rangeType] as string, b[rangeKey]![rangeType] as string),
      );
    }
    return forward ? items : items.reverse();
  }
}

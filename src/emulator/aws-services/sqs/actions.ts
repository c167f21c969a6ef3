/**
 * SQS's actions over the in-memory queues, protocol-free: inputs and outputs in the JSON protocol's member names
 * (SQS API Reference); query-protocol.ts and json-protocol.ts translate the wire.
 */
import type { EmbeddedEnv } from '../types.js';
import { SqsError, invalidParameter, missingParameter, queueDoesNotExist } from './errors.js';
import { checkMessageAttributes, selectMessageAttributes, type MessageAttributeValue } from './message-attributes.js';
import { md5Hex, md5OfMessageAttributes } from './md5.js';
import { DEFAULT_QUEUE_ATTRIBUTES, Queue, type StoredMessage } from './queue.js';

/** An action's input: the JSON protocol's request members. */
export type SqsInput = Record<string, unknown>;

export const SQS_ACTIONS = [
  'SendMessage',
  'SendMessageBatch',
  'ReceiveMessage',
  'DeleteMessage',
  'DeleteMessageBatch',
  'ChangeMessageVisibility',
  'PurgeQueue',
  'GetQueueUrl',
  'CreateQueue',
  'GetQueueAttributes',
  'ListQueues',
] as const;
export type SqsAction = (typeof SQS_ACTIONS)[number];

/** A queue name: 1–80 letters, digits, `-`, `_`, and `.fifo` at the end of a FIFO queue's (CreateQueue's QueueName). */
export function checkQueueName(name: unknown, fifo: boolean): string | undefined {
  if (typeof name !== 'string' || name === '') return 'required';
  const base = fifo ? name.replace(/\.fifo$/, '') : name;
  if (fifo && !name.endsWith('.fifo'))
    return 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length';
  if (!/^[A-Za-z0-9_-]+$/.test(base) || name.length > 80) {
    return 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length';
  }
  return undefined;
}

/** A whole number within bounds, from a JSON number or a query string. */
function intParam(input: SqsInput, name: string, min: number, max: number, reason: string): number | undefined {
  const raw = input[name];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw invalidParameter(name, raw, reason);
  return value;
}

function stringParam(input: SqsInput, name: string): string {
  const value = input[name];
  if (typeof value !== 'string') throw missingParameter(name);
  return value;
}

/** The message's characters SQS allows: #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF. */
const INVALID_BODY_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export class SqsQueues {
  readonly queues = new Map<string, Queue>();

  constructor(private readonly env: Required<EmbeddedEnv>) {}

  url(name: string): string {
    return `https://sqs.${this.env.region}.amazonaws.com/${this.env.accountId}/${name}`;
  }

  /** The queue a URL or path (`/{account}/{name}`) names, or QueueDoesNotExist. */
  resolve(reference: string): Queue {
    const path = reference.replace(/^[a-z]+:\/\/[^/]+/i, '').split('?')[0]!;
    const parts = path.split('/').filter(Boolean);
    if (parts.length !== 2 || parts[0] !== this.env.accountId) throw queueDoesNotExist();
    const queue = this.queues.get(decodeURIComponent(parts[1]!));
    if (!queue) throw queueDoesNotExist();
    return queue;
  }

  /** Creates a queue (idempotent when the attributes agree; QueueNameExists when they differ). */
  create(name: unknown, attributes: Record<string, string>): Queue {
    const fifo = attributes.FifoQueue === 'true';
    const nameProblem = checkQueueName(name, fifo);
    if (nameProblem === 'required') throw missingParameter('QueueName');
    if (nameProblem) throw new SqsError('InvalidParameterValue', nameProblem);
    const queueName = name as string;
    if (queueName.endsWith('.fifo') && !fifo) {
      throw new SqsError(
        'InvalidParameterValue',
        'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
      );
    }
    for (const key of ['VisibilityTimeout', 'DelaySeconds'] as const) {
      const limit = key === 'VisibilityTimeout' ? 43200 : 900;
      const value = attributes[key];
      if (value !== undefined && !(Number.isInteger(Number(value)) && Number(value) >= 0 && Number(value) <= limit)) {
        throw new SqsError('InvalidParameterValue', `Invalid value for the parameter ${key}.`);
      }
    }
    const existing = this.queues.get(queueName);
    if (existing) {
      const differs = Object.entries(attributes).some(
        ([key, value]) => (existing.attributes[key] ?? DEFAULT_QUEUE_ATTRIBUTES[key]) !== value,
      );
      if (differs)
        throw new SqsError(
          'QueueNameExists',
          `A queue already exists with the same name and a different value for attribute(s) ${Object.keys(attributes).join(', ')}`,
        );
      return existing;
    }
    const queue = new Queue(
      queueName,
      this.url(queueName),
      `arn:aws:sqs:${this.env.region}:${this.env.accountId}:${queueName}`,
      { ...attributes },
      this.env.now(),
    );
    this.queues.set(queueName, queue);
    return queue;
  }

  /** Runs one action on the queue `reference` names (QueueUrl, else the request path). */
  async run(action: SqsAction, input: SqsInput, pathReference: string): Promise<Record<string, unknown>> {
    const queue = () => this.resolve(typeof input.QueueUrl === 'string' ? input.QueueUrl : pathReference);
    switch (action) {
      case 'SendMessage':
        return this.#send(queue(), input);
      case 'SendMessageBatch':
        return this.#sendBatch(queue(), input);
      case 'ReceiveMessage':
        return this.#receive(queue(), input);
      case 'DeleteMessage':
        this.#delete(queue(), stringParam(input, 'ReceiptHandle'));
        return {};
      case 'DeleteMessageBatch':
        return this.#deleteBatch(queue(), input);
      case 'ChangeMessageVisibility': {
        const q = queue();
        const handle = stringParam(input, 'ReceiptHandle');
        const seconds = intParam(input, 'VisibilityTimeout', 0, 43200, 'must be between 0 and 43200');
        if (seconds === undefined) throw missingParameter('VisibilityTimeout');
        if (!q.changeVisibility(handle, this.env.now() + seconds * 1000)) throw invalidReceiptHandle(handle);
        return {};
      }
      case 'PurgeQueue':
        queue().purge();
        return {};
      case 'GetQueueUrl': {
        const name = stringParam(input, 'QueueName');
        const found = this.queues.get(name);
        if (!found) throw queueDoesNotExist();
        return { QueueUrl: found.url };
      }
      case 'CreateQueue':
        return { QueueUrl: this.create(input.QueueName, (input.Attributes as Record<string, string>) ?? {}).url };
      case 'GetQueueAttributes':
        return this.#attributes(queue(), input);
      case 'ListQueues': {
        const prefix = typeof input.QueueNamePrefix === 'string' ? input.QueueNamePrefix : '';
        const urls = [...this.queues.values()].filter((q) => q.name.startsWith(prefix)).map((q) => q.url);
        return urls.length ? { QueueUrls: urls } : {};
      }
    }
  }

  async #message(queue: Queue, input: SqsInput): Promise<StoredMessage> {
    const body = input.MessageBody;
    if (typeof body !== 'string' || body === '') {
      throw new SqsError('MissingParameter', 'The request must contain the parameter MessageBody.');
    }
    if (INVALID_BODY_CHARACTER.test(body)) {
      throw new SqsError(
        'InvalidParameterValue',
        'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
      );
    }
    // The maximum message size (1 MiB since August 2025; the queue's MaximumMessageSize otherwise). Wording L.
    const maxSize = Number(queue.attributes.MaximumMessageSize ?? DEFAULT_QUEUE_ATTRIBUTES.MaximumMessageSize);
    if (new TextEncoder().encode(body).length > maxSize) {
      throw new SqsError(
        'InvalidParameterValue',
        `One or more parameters are invalid. Reason: Message must be shorter than ${maxSize} bytes.`,
      );
    }
    const delay =
      intParam(input, 'DelaySeconds', 0, 900, 'must be >= 0 and <= 900') ?? queue.secondsAttribute('DelaySeconds');
    const attributes = (input.MessageAttributes ?? {}) as Record<string, MessageAttributeValue>;
    checkMessageAttributes(attributes);
    const now = this.env.now();
    const message: StoredMessage = {
      messageId: this.env.uuid(),
      body,
      md5OfBody: await md5Hex(body),
      messageAttributes: attributes,
      sentAtMs: now,
      visibleAtMs: now + delay * 1000,
      receiveCount: 0,
    };
    if (Object.keys(attributes).length) message.md5OfMessageAttributes = await md5OfMessageAttributes(attributes);
    if (queue.fifo) {
      if (typeof input.MessageGroupId !== 'string' || input.MessageGroupId === '') {
        throw new SqsError('MissingParameter', 'The request must contain the parameter MessageGroupId.');
      }
      if (input.DelaySeconds !== undefined && Number(input.DelaySeconds) !== 0) {
        throw invalidParameter('DelaySeconds', input.DelaySeconds, 'is not valid for this queue type');
      }
      message.messageGroupId = input.MessageGroupId;
      if (typeof input.MessageDeduplicationId === 'string') {
        message.messageDeduplicationId = input.MessageDeduplicationId;
      } else if (queue.attributes.ContentBasedDeduplication === 'true') {
        const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body));
        message.messageDeduplicationId = Array.from(new Uint8Array(digest), (b) =>
          b.toString(16).padStart(2, '0'),
        ).join('');
      } else {
        throw new SqsError(
          'InvalidParameterValue',
          'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
        );
      }
    } else if (input.MessageGroupId !== undefined && input.MessageGroupId !== null) {
      // Standard queues accept MessageGroupId since 2024 (fair queues); it is kept but changes nothing here.
      message.messageGroupId = String(input.MessageGroupId);
    }
    return message;
  }

  async #send(queue: Queue, input: SqsInput): Promise<Record<string, unknown>> {
    const message = await this.#message(queue, input);
    const added = queue.add(message, this.env.now());
    const output: Record<string, unknown> = { MD5OfMessageBody: message.md5OfBody };
    if (message.md5OfMessageAttributes) output.MD5OfMessageAttributes = message.md5OfMessageAttributes;
    output.MessageId = added.messageId;
    if (added.sequenceNumber) output.SequenceNumber = added.sequenceNumber;
    return output;
  }

  #batchEntries(input: SqsInput, max = 10): SqsInput[] {
    const entries = input.Entries;
    if (!Array.isArray(entries) || entries.length === 0) {
      throw new SqsError(
        'EmptyBatchRequest',
        'There should be at least one SendMessageBatchRequestEntry in the request.',
      );
    }
    if (entries.length > max) {
      throw new SqsError(
        'TooManyEntriesInBatchRequest',
        `Maximum number of entries per request are ${max}. You have sent ${entries.length}.`,
      );
    }
    const ids = entries.map((entry: SqsInput) => entry.Id);
    if (new Set(ids).size !== ids.length) {
      throw new SqsError('BatchEntryIdsNotDistinct', 'Two or more batch entries in the request have the same Id.');
    }
    return entries as SqsInput[];
  }

  async #sendBatch(queue: Queue, input: SqsInput): Promise<Record<string, unknown>> {
    const successful: Record<string, unknown>[] = [];
    const failed: Record<string, unknown>[] = [];
    for (const entry of this.#batchEntries(input)) {
      try {
        const sent = await this.#send(queue, entry);
        successful.push({ Id: entry.Id, ...sent });
      } catch (error) {
        if (!(error instanceof SqsError)) throw error;
        failed.push({ Id: entry.Id, SenderFault: true, Code: error.kind, Message: error.message });
      }
    }
    return { Failed: failed, Successful: successful };
  }

  #receive(queue: Queue, input: SqsInput): Record<string, unknown> {
    const max = intParam(input, 'MaxNumberOfMessages', 1, 10, 'must be between 1 and 10') ?? 1;
    const visibility =
      intParam(input, 'VisibilityTimeout', 0, 43200, 'must be between 0 and 43200') ??
      queue.secondsAttribute('VisibilityTimeout');
    intParam(input, 'WaitTimeSeconds', 0, 20, 'must be >= 0 and <= 20'); // no long polling: answers at once
    const now = this.env.now();
    const messages = queue.receive(now, max, visibility * 1000, () => receiptHandle(queue.name, this.env.uuid()));
    const systemNames = [
      ...((input.AttributeNames as string[] | undefined) ?? []),
      ...((input.MessageSystemAttributeNames as string[] | undefined) ?? []),
    ];
    const attributeNames = (input.MessageAttributeNames as string[] | undefined) ?? [];
    return {
      Messages: messages.map((message) => {
        const out: Record<string, unknown> = {
          MessageId: message.messageId,
          ReceiptHandle: message.receiptHandle,
          MD5OfBody: message.md5OfBody,
          Body: message.body,
        };
        const system = systemAttributes(message, this.env.accountId, systemNames);
        if (Object.keys(system).length) out.Attributes = system;
        const selected = selectMessageAttributes(message.messageAttributes, attributeNames);
        if (Object.keys(selected).length) {
          out.MD5OfMessageAttributes = message.md5OfMessageAttributes;
          out.MessageAttributes = selected;
        }
        return out;
      }),
    };
  }

  #delete(queue: Queue, handle: string): void {
    if (!parseReceiptHandle(handle, queue.name)) throw invalidReceiptHandle(handle);
    queue.deleteByHandle(handle);
  }

  #deleteBatch(queue: Queue, input: SqsInput): Record<string, unknown> {
    const successful: Record<string, unknown>[] = [];
    const failed: Record<string, unknown>[] = [];
    for (const entry of this.#batchEntries(input)) {
      try {
        this.#delete(queue, stringParam(entry, 'ReceiptHandle'));
        successful.push({ Id: entry.Id });
      } catch (error) {
        if (!(error instanceof SqsError)) throw error;
        failed.push({ Id: entry.Id, SenderFault: true, Code: error.kind, Message: error.message });
      }
    }
    return { Failed: failed, Successful: successful };
  }

  #attributes(queue: Queue, input: SqsInput): Record<string, unknown> {
    const names = (input.AttributeNames as string[] | undefined) ?? [];
    const all = queue.allAttributes(this.env.now());
    const chosen: Record<string, string> = {};
    for (const [name, value] of Object.entries(all)) {
      if (names.includes('All') || names.includes(name)) chosen[name] = value;
    }
    for (const name of names) {
      if (name !== 'All' && !(name in all) && !KNOWN_QUEUE_ATTRIBUTES.has(name)) {
        throw new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
      }
    }
    return Object.keys(chosen).length ? { Attributes: chosen } : {};
  }
}

const KNOWN_QUEUE_ATTRIBUTES = new Set([
  'Policy',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
]);

/** A receipt handle: opaque to callers; here base64 of the queue name and a fresh id (a new one per receive). */
function receiptHandle(queueName: string, id: string): string {
  return btoa(`${queueName} ${id}`);
}

function parseReceiptHandle(handle: string, queueName: string): boolean {
  try {
    return atob(handle).startsWith(`${queueName} `);
  } catch {
    return false;
  }
}

/** ReceiptHandleIsInvalid (wording L: as AWS SDK users report it). */
function invalidReceiptHandle(handle: string): SqsError {
  return new SqsError('ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not valid.`);
}

/** The system attributes ReceiveMessage's AttributeNames ask for (`All` or names), as strings. */
function systemAttributes(message: StoredMessage, accountId: string, names: string[]): Record<string, string> {
  const all: Record<string, string | undefined> = {
    SenderId: accountId,
    SentTimestamp: String(message.sentAtMs),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceiveMs ?? message.sentAtMs),
    MessageGroupId: message.messageGroupId,
    MessageDeduplicationId: message.messageDeduplicationId,
    SequenceNumber: message.sequenceNumber,
  };
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(all)) {
    if (value !== undefined && (names.includes('All') || names.includes(name))) out[name] = value;
  }
  return out;
}

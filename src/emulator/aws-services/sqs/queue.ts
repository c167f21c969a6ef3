/**
 * One SQS queue in memory: messages with their delay, visibility deadline, receive count and latest receipt handle.
 * Semantics from the SQS Developer Guide: visibility timeout (sqs-visibility-timeout.html), delay
 * (sqs-delay-queues.html), receipt handles (sqs-queue-message-identifiers.html: "you must provide the most recently
 * received receipt handle … otherwise, the request succeeds, but the message might not be deleted"), FIFO groups and
 * deduplication (FIFO-queues-exactly-once-processing.html; the 5-minute interval).
 */
import type { QueueMessageView } from '../types.js';
import type { MessageAttributeValue } from './message-attributes.js';

/** A message as the queue keeps it. */
export interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  md5OfMessageAttributes?: string;
  messageAttributes: Record<string, MessageAttributeValue>;
  sentAtMs: number;
  /** Not receivable before this (DelaySeconds, then each receive's visibility deadline). */
  visibleAtMs: number;
  receiveCount: number;
  firstReceiveMs?: number;
  receiptHandle?: string;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  sequenceNumber?: string;
}

/**
 * The attributes a queue has unless CreateQueue sets them (SQS API Reference, CreateQueue; the 1 MiB maximum message
 * size since August 2025, and SSE-SQS on by default, as local-aws-sqs also reports them).
 */
export const DEFAULT_QUEUE_ATTRIBUTES: Readonly<Record<string, string>> = {
  DelaySeconds: '0',
  MaximumMessageSize: '1048576',
  MessageRetentionPeriod: '345600',
  ReceiveMessageWaitTimeSeconds: '0',
  VisibilityTimeout: '30',
  SqsManagedSseEnabled: 'true',
};

const DEDUPLICATION_INTERVAL_MS = 5 * 60_000;

export class Queue {
  readonly fifo: boolean;
  readonly messages: StoredMessage[] = [];
  #sequence = 0n;
  readonly #deduplication = new Map<string, { messageId: string; sequenceNumber?: string; atMs: number }>();

  constructor(
    readonly name: string,
    readonly url: string,
    readonly arn: string,
    readonly attributes: Record<string, string>,
    readonly createdMs: number,
  ) {
    this.fifo = attributes.FifoQueue === 'true';
  }

  /** The queue's VisibilityTimeout / DelaySeconds attribute in seconds. */
  secondsAttribute(name: 'VisibilityTimeout' | 'DelaySeconds'): number {
    return Number(this.attributes[name] ?? DEFAULT_QUEUE_ATTRIBUTES[name]);
  }

  /**
   * Adds a message, or, on a FIFO queue, returns the earlier message's id when its deduplication id was seen in the
   * last 5 minutes (the message is accepted but not delivered again).
   */
  add(message: StoredMessage, nowMs: number): { messageId: string; sequenceNumber?: string } {
    if (this.fifo && message.messageDeduplicationId !== undefined) {
      const seen = this.#deduplication.get(message.messageDeduplicationId);
      if (seen && nowMs - seen.atMs < DEDUPLICATION_INTERVAL_MS) return seen;
      this.#sequence += 1n;
      message.sequenceNumber = (18_000_000_000_000_000_000n + this.#sequence).toString().padStart(20, '0');
      this.#deduplication.set(message.messageDeduplicationId, {
        messageId: message.messageId,
        sequenceNumber: message.sequenceNumber,
        atMs: nowMs,
      });
    }
    this.messages.push(message);
    return message.sequenceNumber === undefined
      ? { messageId: message.messageId }
      : { messageId: message.messageId, sequenceNumber: message.sequenceNumber };
  }

  /**
   * Receives up to `max` receivable messages: each gets a new receipt handle, one more receive, and stays invisible
   * for `visibilityMs`. On a FIFO queue a group with a message in flight yields nothing, and messages come in order.
   */
  receive(nowMs: number, max: number, visibilityMs: number, newHandle: () => string): StoredMessage[] {
    const received: StoredMessage[] = [];
    const blockedGroups = new Set<string>();
    if (this.fifo) {
      for (const message of this.messages) {
        if (message.receiveCount > 0 && message.visibleAtMs > nowMs && message.messageGroupId !== undefined) {
          blockedGroups.add(message.messageGroupId);
        }
      }
    }
    for (const message of this.messages) {
      if (received.length >= max) break;
      if (message.visibleAtMs > nowMs) continue;
      if (message.messageGroupId !== undefined && blockedGroups.has(message.messageGroupId)) continue;
      message.receiveCount += 1;
      message.firstReceiveMs ??= nowMs;
      message.receiptHandle = newHandle();
      message.visibleAtMs = nowMs + visibilityMs;
      received.push(message);
    }
    return received;
  }

  /** Deletes the message whose latest receipt handle this is; an older handle deletes nothing (still a success). */
  deleteByHandle(receiptHandle: string): void {
    const index = this.messages.findIndex((message) => message.receiptHandle === receiptHandle);
    if (index >= 0) this.messages.splice(index, 1);
  }

  /** Changes an in-flight message's visibility deadline; false when no message has this handle. */
  changeVisibility(receiptHandle: string, deadlineMs: number): boolean {
    const message = this.messages.find((m) => m.receiptHandle === receiptHandle);
    if (!message) return false;
    message.visibleAtMs = deadlineMs;
    return true;
  }

  purge(): void {
    this.messages.length = 0;
  }

  /** Where a message is: delayed (never received, not yet visible), in flight (received, not yet visible), visible. */
  static stateOf(message: StoredMessage, nowMs: number): QueueMessageView['state'] {
    if (message.visibleAtMs <= nowMs) return 'visible';
    return message.receiveCount === 0 ? 'delayed' : 'inflight';
  }

  /** ApproximateNumberOfMessages / …NotVisible / …Delayed. */
  counts(nowMs: number): { visible: number; inflight: number; delayed: number } {
    const counts = { visible: 0, inflight: 0, delayed: 0 };
    for (const message of this.messages) counts[Queue.stateOf(message, nowMs)] += 1;
    return counts;
  }

  /** The queue's attributes as GetQueueAttributes reports them (all of them). */
  allAttributes(nowMs: number): Record<string, string> {
    const counts = this.counts(nowMs);
    const seconds = String(Math.floor(this.createdMs / 1000));
    return {
      QueueArn: this.arn,
      ApproximateNumberOfMessages: String(counts.visible),
      ApproximateNumberOfMessagesNotVisible: String(counts.inflight),
      ApproximateNumberOfMessagesDelayed: String(counts.delayed),
      CreatedTimestamp: seconds,
      LastModifiedTimestamp: seconds,
      ...DEFAULT_QUEUE_ATTRIBUTES,
      ...this.attributes,
    };
  }

  view(nowMs: number): QueueMessageView[] {
    return this.messages.map((message) => {
      const state = Queue.stateOf(message, nowMs);
      const view: QueueMessageView = {
        messageId: message.messageId,
        body: message.body,
        md5OfBody: message.md5OfBody,
        messageAttributes: structuredClone(message.messageAttributes),
        state,
        receiveCount: message.receiveCount,
        sentAtMs: message.sentAtMs,
      };
      if (state !== 'visible') view.visibleAtMs = message.visibleAtMs;
      return view;
    });
  }
}

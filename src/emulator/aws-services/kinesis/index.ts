/**
 * The embedded Kinesis Data Streams: streams in memory behind the AWS JSON 1.1 protocol (`X-Amz-Target:
 * Kinesis_20131202.{Action}`, or `POST /?Action={Action}` as the Kinesis tutorial shows AWS accepting: research §1.4).
 */
import { toBase64 } from '../../shared/base64.js';
import type { EmbeddedServiceBackend, ServiceLinks } from '../embedded-backend.js';
import {
  ServicesFileError,
  type EmbeddedEnv,
  type ServiceRequest,
  type ServiceResponse,
  type ServicesFile,
  type ServicesState,
} from '../types.js';
import { KINESIS_ACTIONS, KinesisStreams, type KinesisAction } from './actions.js';
import { KinesisError } from './errors.js';
import { queryActionOf, targetOf } from '../wire-action.js';

const CONTENT_TYPE = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'Kinesis_20131202.';

/** The action a request names: its X-Amz-Target, else `?Action=`. */
function actionOf(request: ServiceRequest): string {
  const target = targetOf(request);
  if (target !== undefined) return target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  return queryActionOf(request) ?? '';
}

/** Bytes as UTF-8 text, or undefined when they are not valid UTF-8. */
function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export class EmbeddedKinesis implements EmbeddedServiceBackend {
  readonly service = 'kinesis' as const;
  readonly #streams: KinesisStreams;

  constructor(
    readonly env: Required<EmbeddedEnv>,
    readonly links: ServiceLinks,
  ) {
    this.#streams = new KinesisStreams(env);
  }

  async call(request: ServiceRequest): Promise<ServiceResponse> {
    const requestId = this.env.uuid();
    const headers = (): Array<[string, string]> => [
      ['x-amzn-RequestId', requestId],
      ['Content-Type', CONTENT_TYPE],
    ];
    try {
      const action = actionOf(request);
      if (!(KINESIS_ACTIONS as readonly string[]).includes(action))
        throw new KinesisError('UnknownOperationException', undefined);
      const text = new TextDecoder().decode(request.body).trim();
      let input: unknown = {};
      if (text !== '') {
        try {
          input = JSON.parse(text);
        } catch {
          throw new KinesisError('SerializationException', undefined);
        }
      }
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        throw new KinesisError('SerializationException', 'Start of structure or map found where not expected.', true);
      }
      const output = await this.#streams.run(action as KinesisAction, input as Record<string, unknown>);
      return { status: 200, headers: headers(), body: output === undefined ? '' : JSON.stringify(output) };
    } catch (error) {
      if (error instanceof KinesisError) return { status: 400, headers: headers(), body: error.body() };
      throw error;
    }
  }

  /** Creates `file.streams` (CreateStream inputs; ShardCount 1 when absent — L: AWS would make an on-demand stream). */
  apply(file: ServicesFile): void {
    (file.streams ?? []).forEach((entry, index) => {
      const at = `streams[${index}]`;
      if (typeof entry !== 'object' || entry === null) throw new ServicesFileError(`${at}: must be an object`);
      if (typeof entry.StreamName !== 'string' || !/^[a-zA-Z0-9_.-]{1,128}$/.test(entry.StreamName)) {
        throw new ServicesFileError(`${at}.StreamName: 1 to 128 letters, digits, '_', '.' or '-'`);
      }
      const count = entry.ShardCount ?? 1;
      if (!Number.isInteger(count) || count < 1 || count > 1000) {
        throw new ServicesFileError(`${at}.ShardCount: a whole number from 1 to 1000`);
      }
      try {
        this.#streams.create(entry.StreamName, count);
      } catch (error) {
        if (error instanceof KinesisError) throw new ServicesFileError(`${at}.StreamName: ${error.message}`);
        throw error;
      }
    });
  }

  state(into: ServicesState): void {
    for (const stream of this.#streams.streams.values()) {
      into.streams.push({
        name: stream.name,
        arn: stream.arn,
        shards: stream.shards.map((shard) => ({
          shardId: shard.shardId,
          records: shard.records.map((record) => {
            const text = utf8(record.data);
            const view = {
              sequenceNumber: record.sequenceNumber,
              partitionKey: record.partitionKey,
              data: toBase64(record.data),
              arrivalMs: record.arrivalMs,
            };
            return text === undefined ? view : { ...view, text };
          }),
        })),
      });
    }
  }

  async whenIdle(): Promise<void> {}
}

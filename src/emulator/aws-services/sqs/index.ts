/**
 * The embedded SQS: queues in memory behind SQS's two wire protocols (query form and AWS JSON 1.0).
 * Research: docs/research/service-integrations.md §1.3.
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
import { SqsQueues, checkQueueName, type SqsInput } from './actions.js';
import { SqsError } from './errors.js';
import { jsonError, jsonResponse, jsonTarget, parseJsonInput } from './json-protocol.js';
import { isSqsAction, parseQueryRequest, queryError, queryResponse, wantsXml } from './query-protocol.js';

export class EmbeddedSqs implements EmbeddedServiceBackend {
  readonly service = 'sqs' as const;
  readonly #queues: SqsQueues;

  constructor(
    readonly env: Required<EmbeddedEnv>,
    readonly links: ServiceLinks,
  ) {
    this.#queues = new SqsQueues(env);
  }

  async call(request: ServiceRequest): Promise<ServiceResponse> {
    const requestId = this.env.uuid();
    const pathReference = request.path.split('?')[0]!;
    const target = jsonTarget(request);
    if (target !== undefined) {
      try {
        if (!isSqsAction(target))
          throw new SqsError('UnknownOperation', `The action ${target} is not valid for this endpoint.`);
        const output = await this.#queues.run(target, parseJsonInput(request), pathReference);
        return jsonResponse(target, output, requestId);
      } catch (error) {
        if (error instanceof SqsError) return jsonError(error, requestId);
        throw error;
      }
    }
    const xml = wantsXml(request);
    try {
      const { action, input } = parseQueryRequest(request);
      if (action === '')
        throw new SqsError('MissingAction', 'The request is missing an action or a required parameter.');
      if (!isSqsAction(action))
        throw new SqsError('InvalidAction', `The action ${action} is not valid for this endpoint.`);
      const output = await this.#queues.run(action, input, pathReference);
      return queryResponse(action, output, requestId, xml);
    } catch (error) {
      if (error instanceof SqsError) return queryError(error, requestId, xml);
      throw error;
    }
  }

  /** Creates `file.queues` (CreateQueue inputs). */
  apply(file: ServicesFile): void {
    (file.queues ?? []).forEach((entry, index) => {
      const at = `queues[${index}]`;
      if (typeof entry !== 'object' || entry === null) throw new ServicesFileError(`${at}: must be an object`);
      const attributes = (entry as SqsInput).Attributes ?? {};
      if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
        throw new ServicesFileError(`${at}.Attributes: must be an object of strings`);
      }
      for (const [key, value] of Object.entries(attributes)) {
        if (typeof value !== 'string')
          throw new ServicesFileError(`${at}.Attributes.${key}: must be a string (SQS takes attributes as strings)`);
      }
      const fifo = (attributes as Record<string, string>).FifoQueue === 'true';
      const problem = checkQueueName(entry.QueueName, fifo);
      if (problem) throw new ServicesFileError(`${at}.QueueName: ${problem}`);
      try {
        this.#queues.create(entry.QueueName, attributes as Record<string, string>);
      } catch (error) {
        if (error instanceof SqsError) throw new ServicesFileError(`${at}: ${error.message}`);
        throw error;
      }
    });
  }

  state(into: ServicesState): void {
    const now = this.env.now();
    for (const queue of this.#queues.queues.values()) {
      into.queues.push({
        name: queue.name,
        url: queue.url,
        arn: queue.arn,
        fifo: queue.fifo,
        messages: queue.view(now),
      });
    }
  }

  async whenIdle(): Promise<void> {}
}

/**
 * The embedded EventBridge: event buses in memory behind the AWS JSON 1.1 protocol (`X-Amz-Target: AWSEvents.{Action}`,
 * which an API Gateway template must set itself: research §1.6). Matching rules deliver to SQS queues, state machines
 * (through the other embedded services) and Lambda functions (through the Lambda runner).
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
import { EVENTS_ACTIONS, EventBuses, parsePattern, type EventsAction } from './actions.js';
import { EventsError } from './errors.js';
import { targetOf } from '../wire-action.js';

const CONTENT_TYPE = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'AWSEvents.';

export class EmbeddedEventBridge implements EmbeddedServiceBackend {
  readonly service = 'events' as const;
  readonly #buses: EventBuses;

  constructor(
    readonly env: Required<EmbeddedEnv>,
    readonly links: ServiceLinks,
  ) {
    this.#buses = new EventBuses(env, links);
  }

  async call(request: ServiceRequest): Promise<ServiceResponse> {
    const requestId = this.env.uuid();
    const headers = (): Array<[string, string]> => [
      ['x-amzn-RequestId', requestId],
      ['Content-Type', CONTENT_TYPE],
    ];
    try {
      const target = targetOf(request) ?? '';
      const action = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
      // Without the target (a template that did not set it) the call fails; AWS's exact answer is not captured (L).
      if (!(EVENTS_ACTIONS as readonly string[]).includes(action)) throw new EventsError('UnknownOperationException');
      const text = new TextDecoder().decode(request.body).trim();
      let input: unknown = {};
      if (text !== '') {
        try {
          input = JSON.parse(text);
        } catch {
          throw new EventsError('SerializationException');
        }
      }
      if (typeof input !== 'object' || input === null || Array.isArray(input))
        throw new EventsError('SerializationException');
      const output = await this.#buses.run(action as EventsAction, input as Record<string, unknown>);
      return { status: 200, headers: headers(), body: JSON.stringify(output) };
    } catch (error) {
      if (error instanceof EventsError) return { status: 400, headers: headers(), body: error.body() };
      throw error;
    }
  }

  /** Creates `file.eventBuses` with their rules and targets (`default` names the default bus). */
  apply(file: ServicesFile): void {
    (file.eventBuses ?? []).forEach((entry, index) => {
      const at = `eventBuses[${index}]`;
      if (typeof entry !== 'object' || entry === null) throw new ServicesFileError(`${at}: must be an object`);
      if (typeof entry.Name !== 'string' || !/^[/.\-_A-Za-z0-9]{1,256}$/.test(entry.Name)) {
        throw new ServicesFileError(`${at}.Name: 1 to 256 letters, digits, '.', '-', '_' or '/'`);
      }
      const bus = this.#buses.createBus(entry.Name);
      (entry.Rules ?? []).forEach((rule, ruleIndex) => {
        const ruleAt = `${at}.Rules[${ruleIndex}]`;
        if (typeof rule?.Name !== 'string' || !/^[.\-_A-Za-z0-9]{1,64}$/.test(rule.Name)) {
          throw new ServicesFileError(`${ruleAt}.Name: 1 to 64 letters, digits, '.', '-' or '_'`);
        }
        let pattern: unknown;
        try {
          pattern = parsePattern(rule.EventPattern);
        } catch (error) {
          if (error instanceof EventsError) throw new ServicesFileError(`${ruleAt}.EventPattern: ${error.message}`);
          throw error;
        }
        const created = this.#buses.putRule(bus, rule.Name, pattern);
        (rule.Targets ?? []).forEach((target, targetIndex) => {
          if (typeof target?.Id !== 'string' || typeof target.Arn !== 'string' || !target.Arn.startsWith('arn:')) {
            throw new ServicesFileError(`${ruleAt}.Targets[${targetIndex}]: needs an Id and an Arn`);
          }
          created.targets.push({ ...target });
        });
      });
    });
  }

  state(into: ServicesState): void {
    for (const bus of this.#buses.buses.values()) {
      into.eventBuses.push({
        name: bus.name,
        arn: bus.arn,
        rules: [...bus.rules.values()].map((rule) => ({
          name: rule.name,
          eventPattern: structuredClone(rule.eventPattern),
          targets: rule.targets.map((target) => target.Arn),
        })),
        events: structuredClone(bus.events),
      });
    }
  }

  async whenIdle(): Promise<void> {
    while (this.#buses.pending.size) await Promise.all([...this.#buses.pending]);
  }
}

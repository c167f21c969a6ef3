/**
 * EventBridge's actions over in-memory buses (EventBridge API Reference): PutEvents, PutRule, PutTargets, ListRules,
 * ListTargetsByRule, DescribeRule, TestEventPattern. The `default` bus always exists.
 */
import type { ServiceLinks } from '../embedded-backend.js';
import type { EmbeddedEnv } from '../types.js';
import { EventBus, type Rule } from './bus.js';
import { buildEvent, entryError, type EntryError } from './entries.js';
import { EventsError } from './errors.js';
import { InvalidPatternError, checkPattern, matchesPattern } from './pattern.js';
import { deliver, targetPayload, type RuleTarget } from './targets.js';

type Input = Record<string, unknown>;

export const EVENTS_ACTIONS = [
  'PutEvents',
  'PutRule',
  'PutTargets',
  'ListRules',
  'ListTargetsByRule',
  'DescribeRule',
  'TestEventPattern',
] as const;
export type EventsAction = (typeof EVENTS_ACTIONS)[number];

/** A pattern from its JSON text (or an object from a services file); InvalidEventPatternException otherwise. */
export function parsePattern(source: unknown): unknown {
  let pattern = source;
  if (typeof source === 'string') {
    try {
      pattern = JSON.parse(source);
    } catch {
      throw new EventsError(
        'InvalidEventPatternException',
        'Event pattern is not valid. Reason: Filter is not an object',
      );
    }
  }
  try {
    checkPattern(pattern);
  } catch (error) {
    if (error instanceof InvalidPatternError) {
      throw new EventsError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${error.message}`);
    }
    throw error;
  }
  return pattern;
}

export class EventBuses {
  readonly buses = new Map<string, EventBus>();
  /** Deliveries still running (Lambda targets): whenIdle waits for them. */
  readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly env: Required<EmbeddedEnv>,
    private readonly links: ServiceLinks,
  ) {
    this.createBus('default');
  }

  createBus(name: string): EventBus {
    const existing = this.buses.get(name);
    if (existing) return existing;
    const bus = new EventBus(name, `arn:aws:events:${this.env.region}:${this.env.accountId}:event-bus/${name}`);
    this.buses.set(name, bus);
    return bus;
  }

  /** The bus a name or ARN names (`default` when absent). */
  bus(reference: unknown): EventBus {
    const name =
      typeof reference === 'string' && reference !== ''
        ? reference.replace(/^arn:[^:]+:events:[^:]*:[^:]*:event-bus\//, '')
        : 'default';
    const bus = this.buses.get(name);
    if (!bus) throw new EventsError('ResourceNotFoundException', `Event bus ${name} does not exist.`);
    return bus;
  }

  /** Creates or updates a rule (PutRule). */
  putRule(bus: EventBus, name: string, pattern: unknown, state: 'ENABLED' | 'DISABLED' = 'ENABLED'): Rule {
    const arn = `arn:aws:events:${this.env.region}:${this.env.accountId}:rule/${bus.name === 'default' ? '' : `${bus.name}/`}${name}`;
    const rule = bus.rules.get(name) ?? { name, arn, eventPattern: pattern, state, targets: [] };
    rule.eventPattern = pattern;
    rule.state = state;
    bus.rules.set(name, rule);
    return rule;
  }

  async run(action: EventsAction, input: Input): Promise<Input> {
    switch (action) {
      case 'PutEvents':
        return this.#putEvents(input);
      case 'PutRule': {
        const name = input.Name;
        if (typeof name !== 'string' || !/^[.\-_A-Za-z0-9]{1,64}$/.test(name)) {
          throw new EventsError(
            'ValidationException',
            `1 validation error detected: Value '${String(name ?? 'null')}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`,
          );
        }
        if (input.ScheduleExpression !== undefined) {
          throw new EventsError(
            'ValidationException',
            "ScheduleExpression is not supported by the lab's embedded EventBridge.",
          );
        }
        if (input.EventPattern === undefined) {
          throw new EventsError(
            'ValidationException',
            'Parameter(s) EventPattern or ScheduleExpression must be specified.',
          );
        }
        const rule = this.putRule(
          this.bus(input.EventBusName),
          name,
          parsePattern(input.EventPattern),
          input.State === 'DISABLED' ? 'DISABLED' : 'ENABLED',
        );
        if (typeof input.Description === 'string') rule.description = input.Description;
        return { RuleArn: rule.arn };
      }
      case 'PutTargets': {
        const bus = this.bus(input.EventBusName);
        const rule = this.#rule(bus, input.Rule);
        const targets = Array.isArray(input.Targets) ? (input.Targets as RuleTarget[]) : [];
        for (const target of targets) {
          if (typeof target?.Id !== 'string' || typeof target.Arn !== 'string') {
            throw new EventsError('ValidationException', 'A target needs an Id and an Arn.');
          }
          rule.targets = rule.targets.filter((existing) => existing.Id !== target.Id);
          rule.targets.push({ ...target });
        }
        return { FailedEntryCount: 0, FailedEntries: [] };
      }
      case 'ListRules': {
        const bus = this.bus(input.EventBusName);
        const prefix = typeof input.NamePrefix === 'string' ? input.NamePrefix : '';
        return {
          Rules: [...bus.rules.values()]
            .filter((rule) => rule.name.startsWith(prefix))
            .map((rule) => this.#ruleView(bus, rule)),
        };
      }
      case 'DescribeRule': {
        const bus = this.bus(input.EventBusName);
        return this.#ruleView(bus, this.#rule(bus, input.Name));
      }
      case 'ListTargetsByRule': {
        const bus = this.bus(input.EventBusName);
        return { Targets: this.#rule(bus, input.Rule).targets.map((target) => ({ ...target })) };
      }
      case 'TestEventPattern': {
        const pattern = parsePattern(input.EventPattern);
        let event: unknown;
        try {
          event = JSON.parse(String(input.Event));
        } catch {
          throw new EventsError('InvalidEventPatternException', 'Event is not valid JSON.');
        }
        return { Result: matchesPattern(pattern, event) };
      }
    }
  }

  #rule(bus: EventBus, name: unknown): Rule {
    const rule = bus.rules.get(String(name));
    if (!rule)
      throw new EventsError(
        'ResourceNotFoundException',
        `Rule ${String(name)} does not exist on EventBus ${bus.name}.`,
      );
    return rule;
  }

  #ruleView(bus: EventBus, rule: Rule): Input {
    const view: Input = {
      Name: rule.name,
      Arn: rule.arn,
      EventPattern: JSON.stringify(rule.eventPattern),
      State: rule.state,
    };
    if (rule.description !== undefined) view.Description = rule.description;
    view.EventBusName = bus.name;
    return view;
  }

  async #putEvents(input: Input): Promise<Input> {
    const entries = input.Entries;
    if (!Array.isArray(entries) || entries.length === 0 || entries.length > 10) {
      // L: the framework's wording for the list's length constraint (1 to 10 entries).
      throw new EventsError(
        'ValidationException',
        `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length ${Array.isArray(entries) && entries.length > 10 ? 'less than or equal to 10' : 'greater than or equal to 1'}`,
      );
    }
    const results: Array<{ EventId: string } | EntryError> = [];
    const deliveries: Array<Promise<void>> = [];
    for (const entry of entries as Input[]) {
      const problem = entryError(entry ?? {});
      if (problem) {
        results.push(problem);
        continue;
      }
      let bus: EventBus;
      try {
        bus = this.bus(entry.EventBusName);
      } catch (error) {
        if (!(error instanceof EventsError)) throw error;
        results.push({ ErrorCode: 'ResourceNotFoundException', ErrorMessage: error.message }); // L: wording
        continue;
      }
      const id = this.env.uuid();
      const event = buildEvent(entry, id, this.env.now(), this.env.accountId, this.env.region);
      const matched = bus.matchingRules(event);
      bus.events.push({ eventId: id, event, matchedRules: matched.map((rule) => rule.name) });
      for (const rule of matched) {
        for (const target of rule.targets) {
          const delivery = this.#deliver(target, targetPayload(target, event), id);
          if (!target.Arn.startsWith('arn:aws:lambda:')) deliveries.push(delivery);
        }
      }
      results.push({ EventId: id });
    }
    // Queue and state-machine deliveries are in memory and quick: wait for them so that the state shows them at once.
    // Lambda invocations keep running (tracked for whenIdle).
    await Promise.all(deliveries);
    const failed = results.filter((result) => 'ErrorCode' in result).length;
    return { Entries: results, FailedEntryCount: failed };
  }

  #deliver(target: RuleTarget, payload: string, eventId: string): Promise<void> {
    const delivery = deliver(target, payload, this.links, this.env.invoke, this.env, eventId)
      .catch(() => undefined) // a failed delivery is EventBridge's to retry; the lab drops it
      .finally(() => this.pending.delete(delivery));
    this.pending.add(delivery);
    return delivery;
  }
}

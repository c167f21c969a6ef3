/** An event bus in memory: its rules (pattern + targets) and the events it accepted with the rules they matched. */
import type { BusEventView } from '../types.js';
import { matchesPattern } from './pattern.js';
import type { RuleTarget } from './targets.js';

export interface Rule {
  name: string;
  arn: string;
  eventPattern: unknown;
  state: 'ENABLED' | 'DISABLED';
  description?: string;
  targets: RuleTarget[];
}

export class EventBus {
  readonly rules = new Map<string, Rule>();
  readonly events: BusEventView[] = [];

  constructor(
    readonly name: string,
    readonly arn: string,
  ) {}

  /** The enabled rules whose pattern matches the event. */
  matchingRules(event: Record<string, unknown>): Rule[] {
    return [...this.rules.values()].filter(
      (rule) => rule.state === 'ENABLED' && matchesPattern(rule.eventPattern, event),
    );
  }
}

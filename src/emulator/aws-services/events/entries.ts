/**
 * PutEvents entries: the per-entry checks (a failed entry is an entry error, not an HTTP error) and the event a bus
 * builds from an accepted entry. Wording AWS-validated: LocalStack's events tests `test_put_events_without_source`,
 * `test_put_event_without_detail[_type]`, `test_put_event_malformed_detail[…]` (research §1.6).
 */

export interface EntryError {
  ErrorCode: string;
  ErrorMessage: string;
}

/** The first problem of an entry, or undefined (L: the order in which AWS checks several missing members). */
export function entryError(entry: Record<string, unknown>): EntryError | undefined {
  for (const member of ['Source', 'DetailType', 'Detail']) {
    const value = entry[member];
    if (value === undefined || value === null || value === '') {
      return {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: `Parameter ${member} is not valid. Reason: ${member} is a required argument.`,
      };
    }
  }
  if (parseDetail(entry.Detail) === undefined)
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  return undefined;
}

/** Detail must be a JSON object's text (a string, an array or bad JSON is MalformedDetail). */
export function parseDetail(detail: unknown): Record<string, unknown> | undefined {
  if (typeof detail !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(detail);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `2015-11-11T21:29:54Z` (events carry whole seconds). */
export function eventTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * The event rules and targets see (eb-events.html: version, id, detail-type, source, account, time, region,
 * resources, detail).
 */
export function buildEvent(
  entry: Record<string, unknown>,
  id: string,
  nowMs: number,
  accountId: string,
  region: string,
): Record<string, unknown> {
  const time =
    typeof entry.Time === 'number' ? entry.Time * 1000 : typeof entry.Time === 'string' ? Date.parse(entry.Time) : NaN;
  return {
    version: '0',
    id,
    'detail-type': entry.DetailType,
    source: entry.Source,
    account: accountId,
    time: eventTime(Number.isNaN(time) ? nowMs : time),
    region,
    resources: Array.isArray(entry.Resources) ? entry.Resources : [],
    detail: parseDetail(entry.Detail),
  };
}

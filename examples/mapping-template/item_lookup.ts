// The items of the guide's walkthrough, per table (a stage variable names the table).
const TABLES: Record<string, Record<string, { id: string; name: string; description: string }>> = {
  'items-dev': {
    '1': { id: '1', name: 'Laptop', description: 'Powerful computing device' },
    '2': { id: '2', name: 'Mouse', description: 'Ergonomic computer mouse' },
  },
  'items-prod': {
    '1': { id: '1', name: 'Laptop', description: 'Powerful computing device' },
  },
};

interface LookupEvent {
  id: string;
  body: unknown;
  requestId: string;
  stage: string;
  table: string;
}

/**
 * A Lambda custom integration: the event is whatever the request template built,
 * and the return value goes through the integration response, not straight to the client.
 */
export const handler = async (event: LookupEvent) => {
  console.log(`Received event: ${JSON.stringify(event)}`);
  const table = TABLES[event.table] ?? {};
  const item = table[event.id];
  if (item === undefined) {
    // The error message is what the integration response's selectionPattern matches.
    throw new Error(`Not found: no item ${event.id} in ${event.table}`);
  }
  return { item, table: event.table };
};

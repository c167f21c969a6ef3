/**
 * The service panel's HTML (issue #14), as text: the integration's call to an AWS service (service, action, endpoint,
 * role, the service's wire answer) and the embedded services' state (queues, streams, executions, event buses, tables)
 * as accessible tables with headings and captions. Pure: the panel (service-panel.ts) puts it in the page, tests read it.
 */
import type { ServiceCallTrace } from '../emulator/shared/trace.js';
import type {
  ExecutionView,
  QueueMessageView,
  ServiceRequest,
  ServiceResponse,
  ServicesState,
} from '../emulator/aws-services/types.js';
import { escapeHtml, responseHtml } from './render.js';

/** How the panel names each service (the endpoint prefix API Gateway's URIs use, then the product). */
export const SERVICE_LABELS: Record<string, string> = {
  sqs: 'Amazon SQS',
  kinesis: 'Amazon Kinesis Data Streams',
  states: 'AWS Step Functions',
  events: 'Amazon EventBridge',
  dynamodb: 'Amazon DynamoDB',
};

/** How a queue message's state reads in the table. */
export const MESSAGE_STATES: Record<QueueMessageView['state'], string> = {
  visible: 'visible',
  inflight: 'in flight',
  delayed: 'delayed',
};

const h = escapeHtml;
const code = (text: string) => `<code>${h(text)}</code>`;
/** An identifier that stays on one line (its table scrolls instead). */
const token = (text: string) => `<code class="sb-nowrap">${h(text)}</code>`;

/** A table with a caption, column headers and rows of cells (already HTML); the first cell of a row is its header. */
function tableHtml(caption: string, columns: readonly string[], rows: readonly string[][], rowHeader = true): string {
  const head = columns.map((c) => `<th scope="col">${h(c)}</th>`).join('');
  const body = rows
    .map(
      (cells) =>
        `<tr>${cells.map((c, i) => (i === 0 && rowHeader ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`,
    )
    .join('');
  return `<div class="sb-svc-table-wrap" tabindex="0" role="group" aria-label="${h(caption)}"><table class="sb-svc-table"><caption>${h(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** A JSON text pretty-printed when it parses, else as it is (for a message body the reader wants to read). */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** `12:00:01.234` (UTC) of epoch milliseconds. */
export function clockOf(ms: number): string {
  return new Date(ms).toISOString().slice(11, 23);
}

/**
 * The call the integration made: service, action, endpoint (`embedded` or the URL), the role API Gateway assumes, and
 * the service's answer as it came over the wire (before the integration response).
 */
export function serviceCallHtml(call: ServiceCallTrace): string {
  const rows: Array<[string, string]> = [
    ['Service', `${h(SERVICE_LABELS[call.name] ?? call.name)} (${code(call.name)})`],
    ['Action', code(call.action)],
    [
      'Endpoint',
      call.endpoint === 'embedded'
        ? `${code('embedded')}: the lab's in-memory service, in this page`
        : code(call.endpoint),
    ],
    ['Role', call.credentials ? code(call.credentials) : 'none (the integration names no credentials)'],
  ];
  const list = rows.map(([k, v]) => `<dt>${h(k)}</dt><dd>${v}</dd>`).join('');
  return `<dl class="sb-svc-call">${list}</dl>${wireAnswerHtml("The service's answer (on the wire, before the integration response)", call.response)}`;
}

/**
 * A service's wire answer: status line, headers, blank line, the body exactly as sent (not re-serialised: Step
 * Functions' `startDate` stays `1.796388220552E9`, SQS's key order and nulls stay).
 */
export function wireAnswerHtml(title: string, response: ServiceResponse): string {
  return `<pre class="apigw-pre" tabindex="0" role="group" aria-label="${h(title)}"><code>${responseHtml(response)}</code></pre>`;
}

function queuesHtml(state: ServicesState): string {
  return state.queues
    .map((q) => {
      const rows = q.messages.map((m) => [
        token(m.messageId),
        h(MESSAGE_STATES[m.state]) +
          (m.state !== 'visible' && m.visibleAtMs !== undefined ? ` until ${h(clockOf(m.visibleAtMs))}` : ''),
        String(m.receiveCount),
        code(m.body),
        code(m.md5OfBody),
      ]);
      const count = `${q.messages.length} message${q.messages.length === 1 ? '' : 's'}`;
      const table =
        q.messages.length === 0
          ? `<p class="sb-hint" data-queue-empty>No messages: the queue is empty.</p>`
          : tableHtml(
              `Messages in ${q.name} (${count})`,
              ['Message ID', 'State', 'Receives', 'Body', 'MD5 of body'],
              rows,
            );
      return `<section class="sb-svc-resource" data-queue="${h(q.name)}" aria-label="Queue ${h(q.name)}"><h6 class="sb-svc-name">Queue ${code(q.name)} <small class="sb-hint">${h(count)}${q.fifo ? ', FIFO' : ''} · ${h(q.url)}</small></h6>${table}<p class="sb-line"><button type="button" class="sb-reset" data-consume="${h(q.url)}" aria-label="Consume ${h(q.name)}">Consume</button><small class="sb-hint">ReceiveMessage (up to 10), then DeleteMessage with each receipt handle</small></p><div data-consumed="${h(q.url)}"></div></section>`;
    })
    .join('');
}

function streamsHtml(state: ServicesState): string {
  return state.streams
    .map((s) => {
      const shards = s.shards
        .map((shard) => {
          const n = shard.records.length;
          if (n === 0) return `<p class="sb-hint">${code(shard.shardId)}: no records.</p>`;
          return tableHtml(
            `Shard ${shard.shardId} of ${s.name} (${n} record${n === 1 ? '' : 's'})`,
            ['Sequence number', 'Partition key', 'Data (decoded)', 'Arrived'],
            shard.records.map((r) => [
              code(r.sequenceNumber),
              code(r.partitionKey),
              r.text !== undefined
                ? code(r.text)
                : `${code(r.data)} <small class="sb-hint">(base64: not UTF-8 text)</small>`,
              h(clockOf(r.arrivalMs)),
            ]),
          );
        })
        .join('');
      return `<section class="sb-svc-resource" data-stream="${h(s.name)}" aria-label="Stream ${h(s.name)}"><h6 class="sb-svc-name">Stream ${code(s.name)} <small class="sb-hint">${s.shards.length} shard${s.shards.length === 1 ? '' : 's'}</small></h6>${shards}</section>`;
    })
    .join('');
}

/** An execution's steps, like GetExecutionHistory's events: what each state was entered and exited with. */
export function executionHtml(machine: string, e: ExecutionView): string {
  const rows = e.events.map((ev) => [
    String(ev.id),
    token(ev.type),
    ev.stateName ? token(ev.stateName) : '',
    ev.input !== undefined ? code(ev.input) : '',
    ev.output !== undefined ? code(ev.output) : ev.error ? code(`${ev.error}${ev.cause ? `: ${ev.cause}` : ''}`) : '',
  ]);
  const result =
    e.output !== undefined
      ? ` · output ${code(e.output)}`
      : e.error
        ? ` · ${code(e.error)}${e.cause ? ` ${h(e.cause)}` : ''}`
        : '';
  return `<div class="sb-svc-execution" data-execution="${h(e.name)}" data-execution-status="${h(e.status)}"><p><strong>${h(e.name)}</strong>: <span class="sb-svc-status">${h(e.status)}</span>${result}</p>${tableHtml(`Steps of execution ${e.name} (${machine})`, ['#', 'Event', 'State', 'Input', 'Output'], rows)}</div>`;
}

function machinesHtml(state: ServicesState): string {
  return state.stateMachines
    .map((m) => {
      const n = m.executions.length;
      // The newest execution first and open; earlier ones folded.
      const newestFirst = [...m.executions].reverse();
      const executions =
        n === 0
          ? '<p class="sb-hint">No executions yet.</p>'
          : executionHtml(m.name, newestFirst[0]!) +
            newestFirst
              .slice(1)
              .map(
                (e) =>
                  `<details class="sb-svc-earlier"><summary>Earlier execution ${h(e.name)}: ${h(e.status)}</summary>${executionHtml(m.name, e)}</details>`,
              )
              .join('');
      return `<section class="sb-svc-resource" data-state-machine="${h(m.name)}" aria-label="State machine ${h(m.name)}"><h6 class="sb-svc-name">State machine ${code(m.name)} <small class="sb-hint">${h(m.type)} · ${n} execution${n === 1 ? '' : 's'}</small></h6>${executions}</section>`;
    })
    .join('');
}

function busesHtml(state: ServicesState): string {
  return state.eventBuses
    .filter((b) => b.events.length > 0 || b.rules.length > 0)
    .map((b) => {
      const rules = b.rules.length
        ? `<p class="sb-hint">Rules: ${b.rules.map((r) => `${code(r.name)}${r.targets.length ? ` → ${r.targets.map(code).join(', ')}` : ''}`).join('; ')}</p>`
        : '';
      const table =
        b.events.length === 0
          ? '<p class="sb-hint">No events yet.</p>'
          : tableHtml(
              `Events on ${b.name} (${b.events.length})`,
              ['Event ID', 'Source', 'Detail type', 'Detail', 'Rules matched'],
              b.events.map((e) => [
                code(e.eventId),
                h(String(e.event.source ?? '')),
                h(String(e.event['detail-type'] ?? '')),
                code(JSON.stringify(e.event.detail ?? null)),
                e.matchedRules.length ? e.matchedRules.map(code).join(', ') : 'none',
              ]),
            );
      return `<section class="sb-svc-resource" data-bus="${h(b.name)}" aria-label="Event bus ${h(b.name)}"><h6 class="sb-svc-name">Event bus ${code(b.name)}</h6>${rules}${table}</section>`;
    })
    .join('');
}

/** A DynamoDB attribute value as a cell shows it: `S` and `N` as their text, others as DynamoDB JSON. */
export function attributeText(value: unknown): string {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1) {
      const [type, v] = entries[0]!;
      if ((type === 'S' || type === 'N') && typeof v === 'string') return v;
      if (type === 'BOOL' && typeof v === 'boolean') return String(v);
      if (type === 'NULL') return 'null';
    }
  }
  return JSON.stringify(value);
}

function tablesHtml(state: ServicesState): string {
  return state.tables
    .map((t) => {
      const keys = t.keySchema.map((k) => k.AttributeName);
      const columns = [...keys];
      for (const item of t.items) for (const name of Object.keys(item)) if (!columns.includes(name)) columns.push(name);
      const n = t.items.length;
      const table =
        n === 0
          ? '<p class="sb-hint">No items.</p>'
          : tableHtml(
              `Items in ${t.name} (${n})`,
              columns.map((c) => (keys.includes(c) ? `${c} (key)` : c)),
              t.items.map((item) => columns.map((c) => (c in item ? code(attributeText(item[c])) : ''))),
            );
      return `<section class="sb-svc-resource" data-table="${h(t.name)}" aria-label="Table ${h(t.name)}"><h6 class="sb-svc-name">Table ${code(t.name)} <small class="sb-hint">${n} item${n === 1 ? '' : 's'}</small></h6>${table}</section>`;
    })
    .join('');
}

/** Every embedded service's state that has resources, queues first (AWS_SERVICE_NAMES' order). */
export function servicesStateHtml(state: ServicesState): string {
  const parts = [queuesHtml(state), streamsHtml(state), machinesHtml(state), busesHtml(state), tablesHtml(state)];
  const html = parts.join('');
  return html || '<p class="sb-hint">The services hold no resources.</p>';
}

/** A JSON-protocol ReceiveMessage answer's messages (none for an error or an empty queue). */
export function receivedMessagesOf(
  response: ServiceResponse,
): Array<{ MessageId?: string; Body?: string; MD5OfBody?: string; ReceiptHandle?: string }> {
  if (response.status !== 200) return [];
  try {
    const body = JSON.parse(response.body) as { Messages?: Array<Record<string, string>> };
    return Array.isArray(body.Messages) ? body.Messages : [];
  } catch {
    return [];
  }
}

/** What a Consume received and deleted, with the wire answers. */
export function consumedHtml(queue: string, received: ServiceResponse, deleted: readonly ServiceResponse[]): string {
  const messages = receivedMessagesOf(received);
  const failed = deleted.filter((d) => d.status !== 200).length;
  const summary =
    received.status !== 200
      ? `ReceiveMessage failed (${received.status}).`
      : messages.length === 0
        ? 'ReceiveMessage: no messages to receive.'
        : `Received ${messages.length} message${messages.length === 1 ? '' : 's'} and deleted ${deleted.length - failed}${failed ? ` (${failed} DeleteMessage failed)` : ''}.`;
  const table = messages.length
    ? tableHtml(
        `Received from ${queue}`,
        ['Message ID', 'Body', 'MD5 of body'],
        messages.map((m) => [code(m.MessageId ?? ''), code(m.Body ?? ''), code(m.MD5OfBody ?? '')]),
      )
    : '';
  return `<div class="sb-svc-consumed"><p data-consume-summary>${h(summary)}</p>${table}<details><summary>The ReceiveMessage answer</summary>${wireAnswerHtml(`ReceiveMessage answer from ${queue}`, received)}</details></div>`;
}

/** What a services file creates, as one line (`Queue orders; stream clicks (1 shard)`), for the panel before a run. */
export function servicesSummary(text: string): string {
  let file: {
    queues?: Array<{ QueueName?: string }>;
    streams?: Array<{ StreamName?: string; ShardCount?: number }>;
    stateMachines?: Array<{ name?: string }>;
    eventBuses?: Array<{ Name?: string; Rules?: unknown[] }>;
    tables?: Array<{ TableName?: string }>;
  };
  try {
    file = JSON.parse(text) as typeof file;
  } catch {
    return '';
  }
  const parts = [
    ...(file.queues ?? []).map((q) => `queue ${q.QueueName}`),
    ...(file.streams ?? []).map(
      (s) => `stream ${s.StreamName} (${s.ShardCount ?? 1} shard${(s.ShardCount ?? 1) === 1 ? '' : 's'})`,
    ),
    ...(file.stateMachines ?? []).map((m) => `state machine ${m.name}`),
    ...(file.eventBuses ?? []).map(
      (b) => `event bus ${b.Name} (${b.Rules?.length ?? 0} rule${b.Rules?.length === 1 ? '' : 's'})`,
    ),
    ...(file.tables ?? []).map((t) => `table ${t.TableName}`),
  ];
  return parts.join('; ');
}

/**
 * An SQS JSON-protocol call for the panel's Consume (`POST /`, `X-Amz-Target: AmazonSQS.<action>`, QueueUrl in the
 * body; the region is the queue URL's).
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-making-api-requests-json.html
 */
export function sqsCall(action: string, queueUrl: string, input: Record<string, unknown>): ServiceRequest {
  const region = /^https?:\/\/sqs\.([a-z0-9-]+)\./.exec(queueUrl)?.[1] ?? 'us-east-1';
  return {
    service: 'sqs',
    region,
    method: 'POST',
    path: '/',
    headers: [
      ['X-Amz-Target', `AmazonSQS.${action}`],
      ['Content-Type', 'application/x-amz-json-1.0'],
    ],
    body: new TextEncoder().encode(JSON.stringify({ QueueUrl: queueUrl, ...input })),
  };
}

/**
 * SQS's query protocol: a form body (`Action=SendMessage&MessageBody=…`, URL-decoded, `+` as a space) posted to the
 * queue's path `/{account}/{queue}` (what API Gateway's `path/{account}/{queue}` URI sends) or with `QueueUrl` in the
 * form; parameters may also come in the URL's query string. The answer is JSON unless `Accept` asks for XML.
 * Shapes: docs/research/service-integrations.md §1.3.
 */
import type { ServiceRequest, ServiceResponse } from '../types.js';
import { SQS_ACTIONS, type SqsAction, type SqsInput } from './actions.js';
import { SQS_ERRORS, SqsError } from './errors.js';
import type { MessageAttributeValue } from './message-attributes.js';
import { header, respond } from './wire.js';

const XMLNS = 'http://queue.amazonaws.com/doc/2012-11-05/';

/** The form's and the URL query's parameters (the form's win). */
export function queryParameters(request: ServiceRequest): Map<string, string> {
  const params = new Map<string, string>();
  const query = request.path.indexOf('?');
  if (query >= 0) for (const [key, value] of new URLSearchParams(request.path.slice(query + 1))) params.set(key, value);
  for (const [key, value] of new URLSearchParams(new TextDecoder().decode(request.body))) params.set(key, value);
  return params;
}

/** `Prefix.N.rest` parameters grouped by N (in numeric order), each a map of `rest` → value. */
function indexed(params: Map<string, string>, prefix: string): Array<Map<string, string>> {
  const groups = new Map<number, Map<string, string>>();
  for (const [key, value] of params) {
    if (!key.startsWith(`${prefix}.`)) continue;
    const [n, ...rest] = key.slice(prefix.length + 1).split('.');
    const index = Number(n);
    if (!Number.isInteger(index)) continue;
    if (!groups.has(index)) groups.set(index, new Map());
    groups.get(index)!.set(rest.join('.'), value);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([, group]) => group);
}

/** `MessageAttribute.N.Name` + `.Value.DataType/StringValue/BinaryValue` (also `MessageAttributes.N`, as AWS accepts: §1.3). */
function messageAttributes(params: Map<string, string>): Record<string, MessageAttributeValue> | undefined {
  const groups = [...indexed(params, 'MessageAttribute'), ...indexed(params, 'MessageAttributes')];
  if (!groups.length) return undefined;
  const attributes: Record<string, MessageAttributeValue> = {};
  for (const group of groups) {
    const name = group.get('Name');
    if (name === undefined) continue;
    const value: MessageAttributeValue = { DataType: group.get('Value.DataType') ?? '' };
    const string = group.get('Value.StringValue');
    const binary = group.get('Value.BinaryValue');
    if (string !== undefined) value.StringValue = string;
    if (binary !== undefined) value.BinaryValue = binary;
    attributes[name] = value;
  }
  return attributes;
}

const SCALARS = [
  'QueueUrl',
  'MessageBody',
  'DelaySeconds',
  'MaxNumberOfMessages',
  'VisibilityTimeout',
  'WaitTimeSeconds',
  'ReceiptHandle',
  'QueueName',
  'QueueNamePrefix',
  'MessageGroupId',
  'MessageDeduplicationId',
];

/** One entry's or the request's own members from flat parameters. */
function members(params: Map<string, string>): SqsInput {
  const input: SqsInput = {};
  for (const name of SCALARS) if (params.has(name)) input[name] = params.get(name);
  const attributes = messageAttributes(params);
  if (attributes) input.MessageAttributes = attributes;
  const flatNames = [...params.keys()].filter((key) => /^AttributeName\.\d+$/.test(key));
  if (flatNames.length) input.AttributeNames = flatNames.map((key) => params.get(key)!);
  const messageAttributeNames = [...params.keys()].filter((key) => /^MessageAttributeName\.\d+$/.test(key));
  if (messageAttributeNames.length) input.MessageAttributeNames = messageAttributeNames.map((key) => params.get(key)!);
  const systemNames = [...params.keys()].filter((key) => /^MessageSystemAttributeName\.\d+$/.test(key));
  if (systemNames.length) input.MessageSystemAttributeNames = systemNames.map((key) => params.get(key)!);
  const queueAttributes = indexed(params, 'Attribute');
  if (queueAttributes.length) {
    input.Attributes = Object.fromEntries(
      queueAttributes.map((group) => [group.get('Name') ?? '', group.get('Value') ?? '']),
    );
  }
  return input;
}

/** The action and its input from a query-protocol request. */
export function parseQueryRequest(request: ServiceRequest): { action: string; input: SqsInput } {
  const params = queryParameters(request);
  const input = members(params);
  for (const prefix of ['SendMessageBatchRequestEntry', 'DeleteMessageBatchRequestEntry']) {
    const entries = indexed(params, prefix);
    if (entries.length) {
      input.Entries = entries.map((group) => {
        const entry = members(group);
        if (group.has('Id')) entry.Id = group.get('Id');
        return entry;
      });
    }
  }
  return { action: params.get('Action') ?? '', input };
}

/** Whether the client asked for XML (`Accept` naming xml); JSON otherwise (research §1.3: L, JSON by default). */
export function wantsXml(request: ServiceRequest): boolean {
  return /xml/i.test(header(request, 'Accept') ?? '');
}

export function isSqsAction(action: string): action is SqsAction {
  return (SQS_ACTIONS as readonly string[]).includes(action);
}

/** XML text escaping. */
function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#xD;');
}

function el(name: string, value: unknown): string {
  return value === undefined || value === null ? '' : `<${name}>${esc(String(value))}</${name}>`;
}

type Output = Record<string, unknown>;

function xmlMessageAttributes(attributes: Record<string, MessageAttributeValue>): string {
  return Object.entries(attributes)
    .map(
      ([name, value]) =>
        `<MessageAttribute>${el('Name', name)}<Value>${el('StringValue', value.StringValue)}${el('BinaryValue', value.BinaryValue)}${el('DataType', value.DataType)}</Value></MessageAttribute>`,
    )
    .join('');
}

/** The `…Result` element's content in SQS's XML (element order as SQS's API reference examples show it). */
function xmlResult(action: SqsAction, output: Output): string | undefined {
  switch (action) {
    case 'SendMessage':
      return ['MessageId', 'MD5OfMessageBody', 'MD5OfMessageAttributes', 'SequenceNumber']
        .map((k) => el(k, output[k]))
        .join('');
    case 'ReceiveMessage':
      return ((output.Messages as Output[]) ?? [])
        .map((m) => {
          const attributes = Object.entries((m.Attributes as Record<string, string>) ?? {})
            .map(([name, value]) => `<Attribute>${el('Name', name)}${el('Value', value)}</Attribute>`)
            .join('');
          return `<Message>${el('MessageId', m.MessageId)}${el('ReceiptHandle', m.ReceiptHandle)}${el('MD5OfBody', m.MD5OfBody)}${el('Body', m.Body)}${attributes}${el('MD5OfMessageAttributes', m.MD5OfMessageAttributes)}${xmlMessageAttributes((m.MessageAttributes as Record<string, MessageAttributeValue>) ?? {})}</Message>`;
        })
        .join('');
    case 'SendMessageBatch':
    case 'DeleteMessageBatch': {
      const tag = action === 'SendMessageBatch' ? 'SendMessageBatchResultEntry' : 'DeleteMessageBatchResultEntry';
      const ok = (output.Successful as Output[])
        .map(
          (e) =>
            `<${tag}>${['Id', 'MessageId', 'MD5OfMessageBody', 'MD5OfMessageAttributes', 'SequenceNumber'].map((k) => el(k, e[k])).join('')}</${tag}>`,
        )
        .join('');
      const failed = (output.Failed as Output[])
        .map(
          (e) =>
            `<BatchResultErrorEntry>${['Id', 'SenderFault', 'Code', 'Message'].map((k) => el(k, e[k])).join('')}</BatchResultErrorEntry>`,
        )
        .join('');
      return ok + failed;
    }
    case 'GetQueueUrl':
    case 'CreateQueue':
      return el('QueueUrl', output.QueueUrl);
    case 'GetQueueAttributes':
      return Object.entries((output.Attributes as Record<string, string>) ?? {})
        .map(([name, value]) => `<Attribute>${el('Name', name)}${el('Value', value)}</Attribute>`)
        .join('');
    case 'ListQueues':
      return ((output.QueueUrls as string[]) ?? []).map((url) => el('QueueUrl', url)).join('');
    default:
      return undefined; // DeleteMessage, PurgeQueue, ChangeMessageVisibility: no Result element
  }
}

/** A value as the query protocol's JSON writes it: every member present, `null` when absent (research §1.3 [CAP-SQS]). */
function nullable(value: unknown): unknown {
  return value === undefined ? null : value;
}

/** A message attribute value in query JSON: all five members, null when absent (L: by the null rule; not captured). */
function jsonAttributeValue(value: MessageAttributeValue): Output {
  return {
    BinaryListValues: null,
    BinaryValue: nullable(value.BinaryValue),
    DataType: value.DataType,
    StringListValues: null,
    StringValue: nullable(value.StringValue),
  };
}

/**
 * The `…Result` object in query JSON. Captured: SendMessage (alphabetical keys, nulls) and ReceiveMessage (lower-case
 * `messages`, null when empty) [CAP-SQS, serverless-patterns]. L for the rest: alphabetical keys with nulls, and
 * lists (flattened in XML) named lower-case as ReceiveMessage's `messages` is.
 */
function jsonResult(action: SqsAction, output: Output): Output | undefined {
  const entryKeys = [
    'Id',
    'MD5OfMessageAttributes',
    'MD5OfMessageBody',
    'MD5OfMessageSystemAttributes',
    'MessageId',
    'SequenceNumber',
  ];
  const pick = (from: Output, keys: string[]) => Object.fromEntries(keys.map((k) => [k, nullable(from[k])]));
  switch (action) {
    case 'SendMessage':
      return pick(output, entryKeys.slice(1));
    case 'ReceiveMessage': {
      const messages = (output.Messages as Output[]) ?? [];
      return {
        messages: messages.length
          ? messages.map((m) => ({
              Attributes: nullable(m.Attributes),
              Body: m.Body,
              MD5OfBody: m.MD5OfBody,
              MD5OfMessageAttributes: nullable(m.MD5OfMessageAttributes),
              MessageAttributes: m.MessageAttributes
                ? Object.fromEntries(
                    Object.entries(m.MessageAttributes as Record<string, MessageAttributeValue>).map(([k, v]) => [
                      k,
                      jsonAttributeValue(v),
                    ]),
                  )
                : null,
              MessageId: m.MessageId,
              ReceiptHandle: m.ReceiptHandle,
            }))
          : null,
      };
    }
    case 'SendMessageBatch':
    case 'DeleteMessageBatch': {
      const failed = (output.Failed as Output[]).map((e) => pick(e, ['Code', 'Id', 'Message', 'SenderFault']));
      const keys = action === 'SendMessageBatch' ? entryKeys : ['Id'];
      const successful = (output.Successful as Output[]).map((e) => pick(e, keys));
      return { failed: failed.length ? failed : null, successful: successful.length ? successful : null };
    }
    case 'GetQueueUrl':
    case 'CreateQueue':
      return { QueueUrl: output.QueueUrl };
    case 'GetQueueAttributes':
      return { Attributes: nullable(output.Attributes) };
    case 'ListQueues':
      return { NextToken: null, queueUrls: nullable(output.QueueUrls) };
    default:
      return undefined;
  }
}

/** Sorts an object's keys (the query JSON's order: alphabetical, research §1.3). */
function sorted(object: Output): Output {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** An action's answer in the query protocol: XML or JSON by `Accept`. */
export function queryResponse(action: SqsAction, output: Output, requestId: string, xml: boolean): ServiceResponse {
  if (xml) {
    const result = xmlResult(action, output);
    const resultXml =
      result === undefined ? '' : result === '' ? `<${action}Result/>` : `<${action}Result>${result}</${action}Result>`;
    return respond(
      200,
      'text/xml',
      `<?xml version="1.0"?><${action}Response xmlns="${XMLNS}">${resultXml}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
      requestId,
    );
  }
  const result = jsonResult(action, output);
  const body: Output = { ResponseMetadata: { RequestId: requestId } };
  if (result) body[`${action}Result`] = result;
  return respond(200, 'application/json', JSON.stringify({ [`${action}Response`]: sorted(body) }), requestId);
}

/**
 * An error in the query protocol. XML: SQS's ErrorResponse (research §1.3, M). JSON: NOT captured for SQS (L): the
 * layout a query-protocol service's JSON error was seen in, `{"Error":{"Type","Code","Message"},"RequestId"}`.
 */
export function queryError(error: SqsError, requestId: string, xml: boolean): ServiceResponse {
  const kind = SQS_ERRORS[error.kind];
  if (xml) {
    return respond(
      kind.status,
      'text/xml',
      `<?xml version="1.0"?><ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${esc(kind.query)}</Code><Message>${esc(error.queryMessage)}</Message><Detail/></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      requestId,
    );
  }
  return respond(
    kind.status,
    'application/json',
    JSON.stringify({ Error: { Type: 'Sender', Code: kind.query, Message: error.queryMessage }, RequestId: requestId }),
    requestId,
  );
}

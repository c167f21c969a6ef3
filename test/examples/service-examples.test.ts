/**
 * The AWS service integration examples (issue #14), run in-process as their sandboxes run them (runInGateway with the
 * example's services file, the Step Functions example's check_stock Task in both languages): every documented stage —
 * the integration request as the service received it, the mapped body (`event`), the service's answer (`result`) and
 * the client's response — must match, ids by pattern (`volatile`). The documented shapes are AWS's, from
 * docs/research/service-integrations.md (§1.3 SQS, §1.4 Kinesis, §1.5 Step Functions, §1.6 EventBridge, §1.7
 * DynamoDB, §2 HTTP API subtypes). Then what each example is there to show, read from the services' state.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import type { LambdaInvoker } from '../../src/emulator/index.js';
import { compareExchange, formatMismatches } from '../../src/examples/compare.js';
import { loadExample } from '../../src/examples/load-node.js';
import type { Example, Exchange, Language } from '../../src/examples/types.js';
import { runInGateway } from '../../src/runtime/run-in-gateway.js';
import type { RunOutcome } from '../../src/runtime/types.js';
import { actualOf, documentedOf, invokerOf, runOf } from './example-runner.js';

const SERVICE_EXAMPLES = [
  'sqs-send-message',
  'kinesis-put-record',
  'stepfunctions-start-execution',
  'eventbridge-put-events',
  'dynamodb-items',
  'sqs-http-api',
] as const;

const examples = SERVICE_EXAMPLES.map((id) => [`examples/${id}`, loadExample(`examples/${id}`)] as const);

let sessions = 0;

/** One exchange as its sandbox runs it: the example's services file, on a session when it sends requests first. */
function runExchange(example: Example, exchange: Exchange, language: Language, invoke: LambdaInvoker) {
  const run = {
    ...runOf(example, language, exchange.request, undefined, exchange),
    services: example.servicesSource!,
    session: `${example.manifest.id}/${exchange.id}/${language}/${++sessions}`,
  };
  return runInGateway(run, invoke, { runtime: 'worker' });
}

it('every service example has a services file and exchanges', () => {
  for (const [, example] of examples) {
    expect(example.manifest.services).toBe('services.json');
    expect(example.servicesSource).toBeTypeOf('string');
    expect(example.exchanges.length).toBeGreaterThan(1);
  }
});

describe.each(examples)('%s', (dir, example) => {
  const languages: Language[] = Object.keys(example.manifest.functions).length ? ['typescript', 'python'] : ['typescript'];
  describe.each(languages)('in %s', (language) => {
    const outcomes = new Map<string, RunOutcome>();
    beforeAll(async () => {
      const invoke = await invokerOf(example, dir, language);
      for (const x of example.exchanges) outcomes.set(x.id, await runExchange(example, x, language, invoke));
    }, 60_000);

    it.each(example.exchanges.map((x) => [x.id, x] as const))('%s matches its documented exchange', (id, exchange) => {
      const mismatches = compareExchange(
        documentedOf(exchange, language),
        actualOf(outcomes.get(id)!),
        example.manifest.volatile,
      );
      expect(mismatches, formatMismatches(mismatches)).toEqual([]);
    });

    it('every run reports the service call and the services state', () => {
      for (const x of example.exchanges) {
        const outcome = outcomes.get(x.id)!;
        expect(outcome.service?.endpoint).toBe('embedded');
        expect(outcome.services).toBeDefined();
      }
    });

    if (example.manifest.id === 'sqs-send-message') {
      it('the queue holds the body as the client sent it (urlEncode keeps the "&"); the missing queue holds nothing', () => {
        const sent = outcomes.get('send-message')!;
        expect(sent.service).toMatchObject({
          name: 'sqs',
          action: 'SendMessage',
          credentials: 'arn:aws:iam::123456789012:role/apigateway-sqs',
        });
        const orders = sent.services!.queues.find((q) => q.name === 'orders')!;
        expect(orders.messages.map((m) => m.body)).toEqual([example.exchanges[0]!.request.body]);
        const failed = outcomes.get('queue-does-not-exist')!;
        expect(failed.service?.response.status).toBe(400);
        expect(failed.services!.queues.find((q) => q.name === 'orders')!.messages).toEqual([]);
      });
    }
    if (example.manifest.id === 'kinesis-put-record') {
      it('the stream holds the decoded record; the record without base64 was refused', () => {
        const put = outcomes.get('put-record')!;
        const records = put.services!.streams[0]!.shards.flatMap((s) => s.records);
        expect(records.map((r) => [r.partitionKey, r.text])).toEqual([['u-7', '{"page":"/home","user":"u-7"}']]);
        const refused = outcomes.get('forgot-base64')!;
        expect(refused.service?.response.status).toBe(400);
        expect(refused.response.status).toBe(200);
        expect(refused.services!.streams[0]!.shards.flatMap((s) => s.records)).toEqual([]);
      });
    }
    if (example.manifest.id === 'stepfunctions-start-execution') {
      it(`the execution runs check_stock (${language}) and succeeds after its Wait, or fails in OutOfStock`, () => {
        const [ok] = outcomes.get('start-in-stock')!.services!.stateMachines[0]!.executions;
        expect(ok).toMatchObject({ status: 'SUCCEEDED' });
        expect(JSON.parse(ok!.output!)).toEqual({
          sku: 'widget',
          quantity: 2,
          stock: { sku: 'widget', inStock: 5, available: true },
        });
        expect(ok!.events.map((e) => e.stateName).filter(Boolean)).toEqual(
          expect.arrayContaining(['ReadOrder', 'CheckStock', 'InStock?', 'WaitForPacking', 'Shipped']),
        );
        expect(ok!.stopMs! - ok!.startMs).toBeGreaterThanOrEqual(1000);
        const [failed] = outcomes.get('start-out-of-stock')!.services!.stateMachines[0]!.executions;
        expect(failed).toMatchObject({ status: 'FAILED', error: 'OutOfStock' });
      });
    }
    if (example.manifest.id === 'eventbridge-put-events') {
      it('the rule puts the OrderPlaced event in the order-events queue; OrderCancelled matches no rule', () => {
        const placed = outcomes.get('order-placed')!.services!;
        const bus = placed.eventBuses.find((b) => b.name === 'default')!;
        expect(bus.events.map((e) => e.matchedRules)).toEqual([['order-placed']]);
        const queue = placed.queues.find((q) => q.name === 'order-events')!;
        expect(queue.messages).toHaveLength(1);
        expect(JSON.parse(queue.messages[0]!.body)).toMatchObject({
          'detail-type': 'OrderPlaced',
          source: 'shop.orders',
          detail: { orderId: 'o-1001', total: 42.5 },
        });
        const cancelled = outcomes.get('order-cancelled')!.services!;
        expect(cancelled.eventBuses.find((b) => b.name === 'default')!.events.map((e) => e.matchedRules)).toEqual([[]]);
        expect(cancelled.queues.find((q) => q.name === 'order-events')!.messages).toEqual([]);
      });
    }
    if (example.manifest.id === 'dynamodb-items') {
      it('PutItem adds item 2 to the table', () => {
        const table = outcomes.get('put-item')!.services!.tables.find((t) => t.name === 'items')!;
        expect(table.items).toEqual(
          expect.arrayContaining([{ id: { S: '2' }, name: { S: 'Gadget' }, price: { N: '12' } }]),
        );
      });
    }
    if (example.manifest.id === 'sqs-http-api') {
      it('the received message is in flight (invisible until its visibility timeout)', () => {
        const queue = outcomes.get('receive-message')!.services!.queues.find((q) => q.name === 'messages')!;
        expect(queue.messages.map((m) => [m.state, m.receiveCount])).toEqual([['inflight', 1]]);
      });
    }
  });
});

/**
 * Sandbox runs with embedded AWS services (issue #14, SandboxRun.services / serviceCalls) on the runtimes' shared path
 * (runInGateway, as the Worker's gateway worker runs it): the services live with a session's deployment, so messages
 * accumulate across runs until an edit deploys afresh; the state panel's "consume" (SQS JSON-protocol ReceiveMessage,
 * then DeleteMessage with the receipt handle) empties the queue; a bad services file fails the run with one line
 * starting `services:`; the embedded services stay out of the gateway worker's eager code.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadExample } from '../../src/examples/load-node.js';
import type { Example } from '../../src/examples/types.js';
import { runInGateway } from '../../src/runtime/run-in-gateway.js';
import { deleteMessageCall, receiptHandlesOf, receiveMessageCall } from '../../src/runtime/sqs-consume.js';
import type { RunOutcome, SandboxRun } from '../../src/runtime/types.js';
import { invokerOf, runOf } from '../examples/example-runner.js';
import { splitBundleInputs } from '../split-bundle.js';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/orders';
const noFunction = async () => ({ kind: 'result' as const, payload: null, logs: [] });

let example: Example;
let sessions = 0;

beforeAll(() => {
  example = loadExample('examples/sqs-send-message');
});

/** A run of the sqs-send-message example's POST /orders with `body`, on `session`. */
function orderRun(session: string, body: string, extra: Partial<SandboxRun> = {}): SandboxRun {
  const request = {
    method: 'POST',
    path: '/orders',
    headers: [['Content-Type', 'application/json']] as Array<[string, string]>,
    body,
  };
  return { ...runOf(example, 'typescript', request), services: example.servicesSource!, session, ...extra };
}

const run = (r: SandboxRun) => runInGateway(r, noFunction, { runtime: 'worker' });
const ordersOf = (outcome: RunOutcome) => outcome.services!.queues.find((q) => q.name === 'orders')!.messages;

describe('a session keeps its services', () => {
  it('messages accumulate across runs of one session', async () => {
    const session = `orders-${++sessions}`;
    await run(orderRun(session, '{"n": 1}'));
    const second = await run(orderRun(session, '{"n": 2}'));
    expect(ordersOf(second).map((m) => m.body)).toEqual(['{"n": 1}', '{"n": 2}']);
    expect(second.service).toMatchObject({ name: 'sqs', action: 'SendMessage', endpoint: 'embedded' });
  });

  it('an edit (the services file, the definition) deploys afresh with fresh services', async () => {
    const session = `orders-${++sessions}`;
    await run(orderRun(session, '{"n": 1}'));
    const edited = example.servicesSource!.replace('"orders" }', '"orders", "Attributes": { "DelaySeconds": "0" } }');
    expect(edited).not.toBe(example.servicesSource);
    const afterServicesEdit = await run(orderRun(session, '{"n": 2}', { services: edited }));
    expect(ordersOf(afterServicesEdit).map((m) => m.body)).toEqual(['{"n": 2}']);
    const afterDefinitionEdit = await run(
      orderRun(session, '{"n": 3}', { services: edited, definition: `${example.definition}\n# edited\n` }),
    );
    expect(ordersOf(afterDefinitionEdit).map((m) => m.body)).toEqual(['{"n": 3}']);
  });

  it('without a session every run starts from the services file', async () => {
    const { session: _session, ...fresh } = orderRun('unused', '{"n": 1}');
    await run(fresh);
    expect(ordersOf(await run(fresh)).map((m) => m.body)).toEqual(['{"n": 1}']);
  });
});

describe('consume: serviceCalls instead of the request', () => {
  it('ReceiveMessage then DeleteMessage with the receipt handles empties the queue', async () => {
    const session = `orders-${++sessions}`;
    await run(orderRun(session, '{"n": 1}'));
    await run(orderRun(session, '{"n": 2}'));
    const received = await run(orderRun(session, '', { serviceCalls: [receiveMessageCall(QUEUE_URL)] }));
    expect(received.event).toBeNull();
    expect(received.serviceResponses).toHaveLength(1);
    const [answer] = received.serviceResponses!;
    expect(answer!.status).toBe(200);
    const messages = (JSON.parse(answer!.body) as { Messages: Array<{ Body: string }> }).Messages;
    expect(messages.map((m) => m.Body).sort()).toEqual(['{"n": 1}', '{"n": 2}']);
    expect(ordersOf(received).map((m) => m.state)).toEqual(['inflight', 'inflight']);

    const handles = receiptHandlesOf(answer!);
    expect(handles).toHaveLength(2);
    const deleted = await run(
      orderRun(session, '', { serviceCalls: handles.map((h) => deleteMessageCall(QUEUE_URL, h)) }),
    );
    expect(deleted.serviceResponses!.map((r) => r.status)).toEqual([200, 200]);
    expect(ordersOf(deleted)).toEqual([]);
    // The next request's message goes to the same (now empty) queue.
    expect(ordersOf(await run(orderRun(session, '{"n": 3}'))).map((m) => m.body)).toEqual(['{"n": 3}']);
  });

  it('serviceCalls without services is refused', async () => {
    const { services: _services, ...plain } = orderRun(`orders-${++sessions}`, '');
    await expect(run({ ...plain, serviceCalls: [receiveMessageCall(QUEUE_URL)] })).rejects.toThrow(/^serviceCalls:/);
  });
});

describe('a bad services file', () => {
  it.each([
    ['not JSON', '{"queues": ['],
    ['an unknown key', '{"topics": []}'],
    ['a queue without a name', '{"queues": [{}]}'],
  ])('%s fails the run with one line starting "services:"', async (_what, text) => {
    const outcome = run(orderRun(`bad-${++sessions}`, '{}', { services: text }));
    await expect(outcome).rejects.toThrow(/^services: [^\n]+$/);
  });
});

describe("Step Functions Tasks run the run's functions", () => {
  it("check_stock runs in the run's language through the session's invoker", async () => {
    const flow = loadExample('examples/stepfunctions-start-execution');
    const invoke = await invokerOf(flow, 'examples/stepfunctions-start-execution', 'typescript');
    const request = {
      method: 'POST',
      path: '/orders',
      headers: [['Content-Type', 'application/json']] as Array<[string, string]>,
      body: '{"sku": "widget", "quantity": 9}',
    };
    const outcome = await runInGateway(
      { ...runOf(flow, 'typescript', request), services: flow.servicesSource!, session: `flow-${++sessions}` },
      invoke,
      { runtime: 'worker' },
    );
    const [execution] = outcome.services!.stateMachines[0]!.executions;
    expect(execution).toMatchObject({ status: 'FAILED', error: 'OutOfStock' });
    expect(
      execution!.events.some((e) => e.type === 'LambdaFunctionSucceeded' && e.output?.includes('"inStock":5')),
    ).toBe(true);
  });
});

describe('the gateway worker keeps the embedded services lazy', () => {
  it('embedded-services and the five backends are only in dynamic chunks', async () => {
    const { eager, all } = await splitBundleInputs('src/runtime/worker/gateway-worker.ts');
    const services =
      /src\/emulator\/aws-services\/(embedded-services|(sqs|kinesis|states|events|dynamodb)\/index)\.ts$/;
    // The check can fail: the modules are in the bundle, just not in the eager part.
    expect(all.filter((input) => services.test(input)).length).toBe(6);
    expect(eager.filter((input) => services.test(input))).toEqual([]);
    expect(eager.some((input) => input.endsWith('src/runtime/run-services.ts'))).toBe(false);
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import { EmbeddedAwsServices } from '../../src/emulator/aws-services/embedded-services.js';
import { EmbeddedEventBridge } from '../../src/emulator/aws-services/events/index.js';
import type { LambdaInvocation } from '../../src/emulator/shared/invoker.js';
import {
  ServicesFileError,
  type ServiceRequest,
  type ServicesFile,
  type ServicesState,
} from '../../src/emulator/aws-services/types.js';
import { ACCOUNT, headerOf, testEnv } from './sqs-helpers.js';

function eventsRequest(action: string, body: unknown, target: string | null = `AWSEvents.${action}`): ServiceRequest {
  const headers: Array<[string, string]> = [['Content-Type', 'application/x-amz-json-1.1']];
  if (target) headers.push(['X-Amz-Target', target]);
  return {
    service: 'events',
    region: 'us-east-1',
    method: 'POST',
    path: '/?Action=PutEvents',
    headers,
    body: new TextEncoder().encode(JSON.stringify(body)),
  };
}

function emptyState(): ServicesState {
  return { queues: [], streams: [], stateMachines: [], eventBuses: [], tables: [] };
}

function eventBridge(file: ServicesFile = {}) {
  const calls: ServiceRequest[] = [];
  const invocations: LambdaInvocation[] = [];
  const env = {
    ...testEnv(),
    invoke: async (invocation: LambdaInvocation) => {
      invocations.push(invocation);
      return { kind: 'result' as const, payload: null, logs: [] };
    },
  };
  const backend = new EmbeddedEventBridge(env, {
    call: async (request) => {
      calls.push(request);
      return { status: 200, headers: [], body: '{}' };
    },
  });
  backend.apply(file);
  const state = () => {
    const into = emptyState();
    backend.state(into);
    return into;
  };
  return { backend, calls, invocations, state };
}

const ORDER = { Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{"total": 42, "currency": "EUR"}' };

describe('embedded EventBridge, PutEvents (research §1.6)', () => {
  it('answers {"Entries":[{"EventId"}],"FailedEntryCount":0} ([LS-EVB] snapshot)', async () => {
    const { backend, state } = eventBridge();
    const res = await backend.call(eventsRequest('PutEvents', { Entries: [ORDER] }));
    expect(res.status).toBe(200);
    expect(headerOf(res.headers, 'Content-Type')).toBe('application/x-amz-json-1.1');
    const body = JSON.parse(res.body);
    expect(Object.keys(body)).toEqual(['Entries', 'FailedEntryCount']);
    expect(body).toEqual({ Entries: [{ EventId: expect.stringMatching(/^[0-9a-f-]{36}$/) }], FailedEntryCount: 0 });
    const [bus] = state().eventBuses;
    expect(bus!.name).toBe('default');
    expect(bus!.events[0]!.event).toEqual({
      version: '0',
      id: body.Entries[0].EventId,
      'detail-type': 'OrderPlaced',
      source: 'shop.orders',
      account: ACCOUNT,
      time: '2023-11-14T22:13:20Z',
      region: 'us-east-1',
      resources: [],
      detail: { total: 42, currency: 'EUR' },
    });
  });

  it('a failed entry is still HTTP 200, with ErrorCode/ErrorMessage and FailedEntryCount (LS test_put_events_without_source, …without_detail[_type])', async () => {
    const { backend } = eventBridge();
    const res = await backend.call(
      eventsRequest('PutEvents', {
        Entries: [
          { DetailType: 'x', Detail: '{}' },
          { Source: 's', DetailType: 'x' },
          { Source: 's', Detail: '{}' },
          ORDER,
        ],
      }),
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      Entries: [
        {
          ErrorCode: 'InvalidArgument',
          ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.',
        },
        {
          ErrorCode: 'InvalidArgument',
          ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.',
        },
        {
          ErrorCode: 'InvalidArgument',
          ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.',
        },
        { EventId: expect.any(String) },
      ],
      FailedEntryCount: 3,
    });
  });

  it('a Detail that is a string, an array, bad JSON or serialised twice is MalformedDetail (LS test_put_event_malformed_detail[…])', async () => {
    const { backend } = eventBridge();
    for (const detail of ['"text"', '[1,2]', '{"a":', JSON.stringify(JSON.stringify({ a: 1 }))]) {
      const body = JSON.parse(
        (await backend.call(eventsRequest('PutEvents', { Entries: [{ ...ORDER, Detail: detail }] }))).body,
      );
      expect(body).toEqual({
        Entries: [{ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' }],
        FailedEntryCount: 1,
      });
    }
  });

  it('without X-Amz-Target the call fails (the template must set it: research §1.6)', async () => {
    const { backend } = eventBridge();
    const res = await backend.call(eventsRequest('PutEvents', { Entries: [ORDER] }, null));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).__type).toBe('UnknownOperationException');
  });
});

describe('embedded EventBridge, rules and targets', () => {
  const file: ServicesFile = {
    eventBuses: [
      {
        Name: 'orders',
        Rules: [
          {
            Name: 'big-orders',
            EventPattern: { source: ['shop.orders'], detail: { total: [{ numeric: ['>=', 40] }] } },
            Targets: [
              { Id: 'q', Arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:orders` },
              { Id: 'sfn', Arn: `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:fulfil` },
              { Id: 'fn', Arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:notify` },
            ],
          },
          { Name: 'refunds', EventPattern: { 'detail-type': ['Refund'] } },
        ],
      },
    ],
  };

  it('a matching rule sends SendMessage (JSON protocol), StartExecution and a Lambda invocation with the event', async () => {
    const { backend, calls, invocations, state } = eventBridge(file);
    await backend.call(eventsRequest('PutEvents', { Entries: [{ ...ORDER, EventBusName: 'orders' }] }));
    await backend.whenIdle();
    const event = state().eventBuses.find((bus) => bus.name === 'orders')!.events[0]!;
    expect(event.matchedRules).toEqual(['big-orders']);
    const [sqs, sfn] = calls;
    expect(sqs!.service).toBe('sqs');
    expect(sqs!.headers).toContainEqual(['X-Amz-Target', 'AmazonSQS.SendMessage']);
    expect(JSON.parse(new TextDecoder().decode(sqs!.body))).toEqual({
      QueueUrl: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/orders`,
      MessageBody: JSON.stringify(event.event),
    });
    expect(sfn!.headers).toContainEqual(['X-Amz-Target', 'AWSStepFunctions.StartExecution']);
    expect(JSON.parse(new TextDecoder().decode(sfn!.body))).toEqual({
      stateMachineArn: `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:fulfil`,
      input: JSON.stringify(event.event),
    });
    expect(invocations.map((i) => [i.functionName, i.event])).toEqual([['notify', event.event]]);
  });

  it('a FIFO queue target gets its SqsParameters.MessageGroupId and the event id as deduplication id (L)', async () => {
    const { backend, calls, state } = eventBridge({
      eventBuses: [
        {
          Name: 'default',
          Rules: [
            {
              Name: 'to-fifo',
              EventPattern: { source: ['shop.orders'] },
              Targets: [
                {
                  Id: 'f',
                  Arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs.fifo`,
                  SqsParameters: { MessageGroupId: 'orders' },
                } as { Id: string; Arn: string },
              ],
            },
          ],
        },
      ],
    });
    await backend.call(eventsRequest('PutEvents', { Entries: [ORDER] }));
    const sent = JSON.parse(new TextDecoder().decode(calls[0]!.body));
    expect(sent).toMatchObject({
      MessageGroupId: 'orders',
      MessageDeduplicationId: state().eventBuses[0]!.events[0]!.eventId,
    });
  });

  it('a non-matching event is kept with no matched rule and delivered nowhere', async () => {
    const { backend, calls, state } = eventBridge(file);
    await backend.call(
      eventsRequest('PutEvents', { Entries: [{ ...ORDER, Detail: '{"total": 5}', EventBusName: 'orders' }] }),
    );
    expect(state().eventBuses.find((bus) => bus.name === 'orders')!.events[0]!.matchedRules).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('through EmbeddedAwsServices the event lands in the embedded queue', async () => {
    const env = testEnv();
    const services = new EmbeddedAwsServices(env);
    services.apply({
      queues: [{ QueueName: 'orders' }],
      eventBuses: [
        {
          Name: 'default',
          Rules: [
            {
              Name: 'all-orders',
              EventPattern: { source: ['shop.orders'] },
              Targets: [{ Id: 'q', Arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:orders` }],
            },
          ],
        },
      ],
    });
    await services.call(eventsRequest('PutEvents', { Entries: [ORDER] }));
    const state = services.state();
    const [message] = state.queues[0]!.messages;
    expect(JSON.parse(message!.body)).toEqual(state.eventBuses[0]!.events[0]!.event);
  });

  it('PutRule, PutTargets and ListRules; an invalid pattern is InvalidEventPatternException', async () => {
    const { backend } = eventBridge();
    const put = await backend.call(
      eventsRequest('PutRule', { Name: 'r1', EventPattern: JSON.stringify({ source: [{ prefix: 'shop.' }] }) }),
    );
    expect(JSON.parse(put.body)).toEqual({ RuleArn: `arn:aws:events:us-east-1:${ACCOUNT}:rule/r1` });
    const targets = await backend.call(
      eventsRequest('PutTargets', { Rule: 'r1', Targets: [{ Id: 't', Arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:q` }] }),
    );
    expect(JSON.parse(targets.body)).toEqual({ FailedEntryCount: 0, FailedEntries: [] });
    const rules = JSON.parse((await backend.call(eventsRequest('ListRules', {}))).body);
    expect(rules.Rules).toEqual([
      {
        Name: 'r1',
        Arn: `arn:aws:events:us-east-1:${ACCOUNT}:rule/r1`,
        EventPattern: '{"source":[{"prefix":"shop."}]}',
        State: 'ENABLED',
        EventBusName: 'default',
      },
    ]);
    const bad = await backend.call(eventsRequest('PutRule', { Name: 'r2', EventPattern: '{"source": "x"}' }));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).__type).toBe('InvalidEventPatternException');
    const missing = await backend.call(eventsRequest('PutTargets', { Rule: 'nope', Targets: [] }));
    expect(JSON.parse(missing.body)).toEqual({
      __type: 'ResourceNotFoundException',
      message: 'Rule nope does not exist on EventBus default.',
    });
  });

  it('a bad services-file pattern names the field', () => {
    expect(() =>
      eventBridge({ eventBuses: [{ Name: 'b', Rules: [{ Name: 'r', EventPattern: { source: 'x' } }] }] }),
    ).toThrow(ServicesFileError);
    expect(() =>
      eventBridge({ eventBuses: [{ Name: 'b', Rules: [{ Name: 'r', EventPattern: { source: 'x' } }] }] }),
    ).toThrow(/^eventBuses\[0\]\.Rules\[0\]\.EventPattern: Event pattern is not valid/);
  });
});

/**
 * Event-pattern matching, tested against the examples of AWS's content-filtering page
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html) and the
 * arrays / null-values pages. Each case: the page's pattern, an event it shows (or describes) matching, one it does not.
 */
import { describe, expect, it } from 'vitest';
import { checkPattern, matchesPattern } from '../../src/emulator/aws-services/events/pattern.js';

/** The event the page's exists example matches (an EC2 state-change notification). */
const EC2_EVENT = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-abcd1111', state: 'pending' },
};

const cases: Array<[string, unknown, unknown, unknown]> = [
  // [name, pattern, matching event, non-matching event]
  [
    'prefix: "time" starting with 2017-10-02',
    { time: [{ prefix: '2017-10-02' }] },
    { time: '2017-10-02T18:43:48Z' },
    { time: '2017-10-03T18:43:48Z' },
  ],
  [
    'prefix with equals-ignore-case: service starting with EventB in any case',
    { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } },
    { detail: { service: 'eventbridge' } },
    { detail: { service: 'lambda' } },
  ],
  [
    'suffix: FileName ending in .png',
    { FileName: [{ suffix: '.png' }] },
    { FileName: 'image.png' },
    { FileName: 'image.PNG' },
  ],
  [
    'suffix with equals-ignore-case: .png in any case',
    { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } },
    { detail: { FileName: 'IMAGE.PNG' } },
    { detail: { FileName: 'image.jpg' } },
  ],
  [
    'anything-but a string',
    { detail: { state: [{ 'anything-but': 'initializing' }] } },
    { detail: { state: 'running' } },
    { detail: { state: 'initializing' } },
  ],
  [
    'anything-but a number',
    { detail: { 'x-limit': [{ 'anything-but': 123 }] } },
    { detail: { 'x-limit': 124 } },
    { detail: { 'x-limit': 123 } },
  ],
  [
    'anything-but a list of strings',
    { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
    { detail: { state: 'running' } },
    { detail: { state: 'overloaded' } },
  ],
  [
    'anything-but a list of numbers',
    { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } },
    { detail: { 'x-limit': 400 } },
    { detail: { 'x-limit': 200 } },
  ],
  [
    'anything-but a prefix',
    { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
    { detail: { state: 'running' } },
    { detail: { state: 'initializing' } },
  ],
  [
    'anything-but a suffix',
    { detail: { FileName: [{ 'anything-but': { suffix: '.txt' } }] } },
    { detail: { FileName: 'notes.md' } },
    { detail: { FileName: 'notes.txt' } },
  ],
  [
    'anything-but equals-ignore-case (a list)',
    { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'OverLoaded'] } }] } },
    { detail: { state: 'running' } },
    { detail: { state: 'STOPPED' } },
  ],
  [
    'anything-but a wildcard',
    { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } },
    { detail: { FilePath: 'dir/bin/tool' } },
    { detail: { FilePath: 'dir/lib/tool' } },
  ],
  [
    'numeric ranges on several fields (c-count, d-count, x-limit = 3.018e2)',
    {
      detail: {
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ numeric: ['=', 3.018e2] }],
      },
    },
    { detail: { 'c-count': 5, 'd-count': 9, 'x-limit': 301.8 } },
    { detail: { 'c-count': 0, 'd-count': 9, 'x-limit': 301.8 } },
  ],
  [
    'IP address matching: 10.0.0.0/24',
    { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } },
    { detail: { sourceIPAddress: '10.0.0.255' } },
    { detail: { sourceIPAddress: '10.0.1.0' } },
  ],
  [
    'IP address matching: IPv6 prefix',
    { detail: { sourceIPAddress: [{ cidr: '2001:db8::/32' }] } },
    { detail: { sourceIPAddress: '2001:db8:1::1' } },
    { detail: { sourceIPAddress: '2001:db9::1' } },
  ],
  [
    "exists true: the page's EC2 event has detail.state; its second example does not",
    { detail: { state: [{ exists: true }] } },
    EC2_EVENT,
    {
      'detail-type': ['EC2 Instance State-change Notification'],
      resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-02ebd4584a2ebd341'],
      detail: { 'c-count': { c1: 100 } },
    },
  ],
  ['exists false', { detail: { state: [{ exists: false }] } }, { detail: { other: 1 } }, EC2_EVENT],
  [
    'equals-ignore-case on detail-type',
    { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] },
    EC2_EVENT,
    { 'detail-type': 'EC2 Spot Instance Interruption Warning' },
  ],
  [
    'wildcard on an event bus ARN',
    { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] },
    { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/orders' },
    { EventBusArn: 'arn:aws:events:us-west-2:123456789012:event-bus/orders' },
  ],
  [
    'wildcard: dir/*.png',
    { FileName: [{ wildcard: 'dir/*.png' }] },
    { FileName: 'dir/sub/image.png' },
    { FileName: 'xdir/image.png' },
  ],
  [
    'wildcard: an escaped star is literal',
    { FileName: [{ wildcard: 'a\\*b' }] },
    { FileName: 'a*b' },
    { FileName: 'aXb' },
  ],
  [
    'the complex example: prefix + anything-but + numeric',
    {
      time: [{ prefix: '2017-10-02' }],
      detail: {
        state: [{ 'anything-but': 'initializing' }],
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ 'anything-but': [100, 200, 300] }],
      },
    },
    { time: '2017-10-02T00:00:00Z', detail: { state: 'terminating', 'c-count': 5, 'd-count': 5, 'x-limit': 400 } },
    { time: '2017-10-02T00:00:00Z', detail: { state: 'terminating', 'c-count': 5, 'd-count': 5, 'x-limit': 200 } },
  ],
  [
    '$or across fields in detail',
    {
      detail: {
        $or: [
          { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
          { 'd-count': [{ numeric: ['<', 10] }] },
          { 'x-limit': [{ numeric: ['=', 3.018e2] }] },
        ],
      },
    },
    { detail: { 'c-count': 100, 'd-count': 100, 'x-limit': 301.8 } },
    { detail: { 'c-count': 100, 'd-count': 100, 'x-limit': 1 } },
  ],
  [
    '$or with a top-level field (source aws.cloudwatch, metricName or namespace)',
    {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
    },
    { source: 'aws.cloudwatch', namespace: 'AWS/EC2', metricName: 'NetworkIn' },
    { source: 'aws.cloudwatch', namespace: 'AWS/RDS', metricName: 'NetworkIn' },
  ],
  [
    'exact values: an event array matches when any element is listed (eb-event-patterns-arrays.html)',
    {
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
      ],
    },
    {
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
      ],
    },
    { resources: ['arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f'] },
  ],
  [
    'null and empty string values (eb-event-patterns-null-values.html)',
    { detail: { responseElements: [null], eventVersion: [''] } },
    { detail: { responseElements: null, eventVersion: '' } },
    { detail: { eventVersion: '' } },
  ],
];

describe('EventBridge event patterns (content-filtering page examples)', () => {
  for (const [name, pattern, yes, no] of cases) {
    it(name, () => {
      expect(() => checkPattern(pattern)).not.toThrow();
      expect(matchesPattern(pattern, yes)).toBe(true);
      expect(matchesPattern(pattern, no)).toBe(false);
    });
  }

  it('refuses malformed patterns (a leaf that is not an array, an unknown filter, a bad numeric operator)', () => {
    expect(() => checkPattern({ source: 'aws.ec2' })).toThrow();
    expect(() => checkPattern({ source: [{ regex: 'a' }] })).toThrow();
    expect(() => checkPattern({ detail: { n: [{ numeric: ['~', 1] }] } })).toThrow();
    expect(() => checkPattern([])).toThrow();
  });
});

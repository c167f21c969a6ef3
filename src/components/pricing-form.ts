/**
 * The pricing calculator's form (PricingCalculator.astro) as `estimate()` input, and its figures as text: pure, so
 * it is tested without a page (test/pricing/form.test.ts). Field names are the form controls' `name`s.
 */
import {
  API_TYPES,
  CACHE_SIZES,
  DATA_TRANSFER_FLAT_RATE,
  DATA_TRANSFER_TIERS,
  HTTP_REQUEST_TIERS,
  PRIVATE_ENDPOINT_RATE,
  PRIVATE_PROCESSING_RATE,
  REST_REQUEST_TIERS,
  tierLabel,
  WEBSOCKET_MESSAGE_TIERS,
  WEBSOCKET_MINUTE_RATE,
  formatFixed,
  formatUsd,
  PricingInputError,
  type ApiType,
  type EstimateInput,
  type Exact,
  type Line,
  type Rate,
  type Tier,
} from '../pricing/index.js';

/** The form's values by control name (text as typed; checkboxes "on" when checked). */
export type PricingFields = Partial<Record<PricingField, string>>;

export const PRICING_FIELDS = [
  'api',
  'requests',
  'requestKB',
  'responseKB',
  'messages',
  'messageKB',
  'connectionMinutes',
  'cacheGB',
  'private',
  'azs',
  'usagePlans',
  'dataTransferOutGB',
  'dataTransfer',
  'freeTier',
] as const;
export type PricingField = (typeof PRICING_FIELDS)[number];

/** The form's starting values: AWS's 5-million-call REST example. */
export const DEFAULT_FIELDS: Required<PricingFields> = {
  api: 'REST',
  requests: '5000000',
  requestKB: '1',
  responseKB: '3',
  messages: '18000000',
  messageKB: '3',
  connectionMinutes: '21600000',
  cacheGB: '',
  private: '',
  azs: '1',
  usagePlans: '0',
  dataTransferOutGB: '',
  dataTransfer: 'flat',
  freeTier: '',
};

/** The labels the form shows, for its error messages. */
const LABELS: Record<PricingField, string> = {
  api: 'API type',
  requests: 'Requests per month',
  requestKB: 'Average request size (KB)',
  responseKB: 'Average response size (KB)',
  messages: 'Messages per month',
  messageKB: 'Average message size (KB)',
  connectionMinutes: 'Connection minutes per month',
  cacheGB: 'Cache size',
  private: 'Private API',
  azs: 'Availability Zones',
  usagePlans: 'Usage plans with API keys',
  dataTransferOutGB: 'Data transfer out (GB per month)',
  dataTransfer: 'Data transfer pricing',
  freeTier: 'Free tier',
};

/** A typed number: "5,000,000", "5 000 000" and "5e6" read as 5000000; empty is `fallback`. */
function numberOf(fields: PricingFields, name: PricingField, fallback?: number): number | undefined {
  const text = (fields[name] ?? '').replace(/[,\s_]/g, '');
  if (text === '') return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0)
    throw new PricingInputError(`${LABELS[name]}: "${fields[name]}" is not a number of at least 0`);
  return n;
}

/** A whole-number field (requests, messages, minutes …). */
function wholeOf(fields: PricingFields, name: PricingField, fallback: number): number {
  const n = numberOf(fields, name, fallback)!;
  if (!Number.isInteger(n)) throw new PricingInputError(`${LABELS[name]}: "${fields[name]}" is not a whole number`);
  return n;
}

/** The `estimate()` input the form's fields describe; throws PricingInputError (one line naming the field). */
export function inputFromFields(fields: PricingFields): EstimateInput {
  const api = (fields.api ?? 'REST') as ApiType;
  if (!API_TYPES.includes(api)) throw new PricingInputError(`API type: "${fields.api}" is not REST, HTTP or WEBSOCKET`);
  const dataTransfer = fields.dataTransfer === 'tiered' ? 'tiered' : 'flat';
  const input: EstimateInput = { api, dataTransfer, freeTier: fields.freeTier === 'on' };
  const gb = numberOf(fields, 'dataTransferOutGB');
  if (gb !== undefined) input.dataTransferOutGB = gb;
  if (api === 'WEBSOCKET') {
    input.messages = wholeOf(fields, 'messages', 0);
    input.messageKB = numberOf(fields, 'messageKB', 0);
    input.connectionMinutes = wholeOf(fields, 'connectionMinutes', 0);
    return input;
  }
  // The WebSocket fields' connection minutes, for the comparison's WebSocket column (a REST or HTTP bill has none).
  try {
    input.connectionMinutes = wholeOf(fields, 'connectionMinutes', 0);
  } catch {
    input.connectionMinutes = 0;
  }
  input.requests = wholeOf(fields, 'requests', 0);
  input.requestKB = numberOf(fields, 'requestKB', 0);
  input.responseKB = numberOf(fields, 'responseKB', 0);
  if (api === 'REST') {
    if (fields.cacheGB) input.cacheGB = fields.cacheGB;
    if (fields.private === 'on') {
      input.privateEndpoint = { azs: wholeOf(fields, 'azs', 1) };
      delete input.dataTransferOutGB;
    }
    const plans = wholeOf(fields, 'usagePlans', 0);
    if (plans) input.usagePlans = plans;
  }
  return input;
}

/** A line's quantity for the table: whole numbers with separators, fractions to two decimals. */
export const quantityText = (q: Exact, unit: string): string =>
  `${q.den === 1n ? formatFixed(q, 0) : formatFixed(q, 2)} ${unit}`;

/** Decimals a price is shown with: at least two, more when the price has them ($0.038, $0.085). */
const priceText = (price: string) => {
  const [whole, frac = ''] = price.split('.');
  return `$${whole}.${frac.padEnd(2, '0')}`;
};

/** A rate as the pricing page words it: "$3.50 per million requests", "$0.09 per GB". */
export function rateText(rate: Rate): string {
  if (Number(rate.price) === 0) return 'no charge';
  return `${priceText(rate.price)} per ${rate.unit}`;
}

/** One table row's cells: what, quantity, rate, cost. */
export function lineCells(line: Line): [string, string, string, string] {
  return [line.what, quantityText(line.quantity, line.unit), rateText(line.rate), formatUsd(line.cost)];
}

/** The cache sizes as the form's options: "1.6 GB, $0.038 per hour", the uncorroborated marked. */
export const CACHE_OPTIONS = CACHE_SIZES.map((c) => ({
  value: c.gb,
  label: `${c.gb} GB, ${priceText(c.rate.price)} per hour${c.rate.corroborated ? '' : ' (third-party copy)'}`,
}));

/** One of AWS's Pricing Examples as the form's fields, with the total the page gives for it. */
export interface PricingExample {
  id: string;
  title: string;
  fields: PricingFields;
  /** The documented monthly total, as the calculator shows it. */
  total: string;
}

/**
 * AWS's worked examples (https://aws.amazon.com/api-gateway/pricing/, Pricing Examples; read 2026-12-04). Where the
 * page charges no data transfer (HTTP examples 1 and 2, WebSocket chat), data transfer out is 0 GB; the caching
 * example's $0.912 a day is $27.36 for the 720-hour month.
 */
export const AWS_EXAMPLES: PricingExample[] = [
  {
    id: 'http-web-app',
    title: 'HTTP API: 432 million requests of 12 KB (web application)',
    fields: { api: 'HTTP', requests: '432000000', requestKB: '12', responseKB: '46', dataTransferOutGB: '0' },
    total: '$418.80',
  },
  {
    id: 'http-uploads',
    title: 'HTTP API: 1,080,000 uploads of 4.5 MB (512 KB metering)',
    fields: { api: 'HTTP', requests: '1080000', requestKB: '4608', responseKB: '0', dataTransferOutGB: '0' },
    total: '$9.72',
  },
  {
    id: 'rest-5m',
    title: 'REST API: 5 million calls, 3 KB responses',
    fields: { api: 'REST', requests: '5000000', requestKB: '0', responseKB: '3' },
    total: '$18.79',
  },
  {
    id: 'rest-15b',
    title: 'REST API: 15 billion calls, 4 KB responses',
    fields: { api: 'REST', requests: '15000000000', requestKB: '0', responseKB: '4' },
    total: '$41,502.94',
  },
  {
    id: 'rest-private',
    title: 'Private REST API: 5 million calls through a VPC endpoint in one AZ',
    fields: { api: 'REST', requests: '5000000', requestKB: '0.3', responseKB: '3', private: 'on', azs: '1' },
    total: '$24.86',
  },
  {
    id: 'rest-cache',
    title: 'REST API cache: 1.6 GB for a month ($0.912 a day)',
    fields: { api: 'REST', requests: '0', requestKB: '0', responseKB: '0', cacheGB: '1.6' },
    total: '$27.36',
  },
  {
    id: 'websocket-chat',
    title: 'WebSocket chat: 18 million messages of 3 KB, 21.6 million connection minutes',
    fields: { api: 'WEBSOCKET', messages: '18000000', messageKB: '3', connectionMinutes: '21600000' },
    total: '$23.40',
  },
];

/** An example's fields over the defaults, so nothing of the reader's previous entry lingers. */
export const exampleFields = (example: PricingExample): Required<PricingFields> => ({
  ...DEFAULT_FIELDS,
  usagePlans: '0',
  ...example.fields,
});

/** One row of the rates table: the group it belongs to, what it prices, the price, and a remark. */
export interface RateRow {
  group: string;
  what: string;
  price: string;
  remark?: string;
}

const tierRows = (group: string, tiers: Tier[], unit: string, remark?: string): RateRow[] => {
  let from = 0;
  return tiers.map((t, i) => {
    const row: RateRow = { group, what: tierLabel(from, t.upTo, unit), price: rateText(t.rate) };
    if (remark && i === 0) row.remark = remark;
    from = t.upTo ?? from;
    return row;
  });
};

/** Every rate the calculator uses, as the static table shown with or without JavaScript. */
export function rateRows(): RateRow[] {
  return [
    ...tierRows('REST API requests', REST_REQUEST_TIERS, 'requests a month'),
    ...tierRows('HTTP API requests', HTTP_REQUEST_TIERS, 'requests a month', 'metered in 512 KB increments'),
    ...tierRows(
      'WebSocket messages',
      WEBSOCKET_MESSAGE_TIERS,
      'messages a month',
      'metered in 32 KB increments, at most 128 KB',
    ),
    { group: 'WebSocket connection minutes', what: 'all', price: rateText(WEBSOCKET_MINUTE_RATE) },
    ...CACHE_SIZES.map((c) => ({
      group: 'REST API cache (per hour provisioned)',
      what: `${c.gb} GB`,
      price: rateText(c.rate),
      ...(c.rate.corroborated ? {} : { remark: "from third-party copies of AWS's page" }),
    })),
    {
      group: 'Data transfer out',
      what: "flat, as AWS's worked examples charge it",
      price: rateText(DATA_TRANSFER_FLAT_RATE),
    },
    ...tierRows('Data transfer out, EC2 tiers', DATA_TRANSFER_TIERS, 'GB a month', '1 TB = 1,024 GB'),
    { group: 'Private REST API (AWS PrivateLink)', what: 'VPC endpoint', price: rateText(PRIVATE_ENDPOINT_RATE) },
    { group: 'Private REST API (AWS PrivateLink)', what: 'data processed', price: rateText(PRIVATE_PROCESSING_RATE) },
    {
      group: 'Usage plans and API keys',
      what: 'any number',
      price: 'no charge',
      remark: 'the guide says "a small monthly fee per usage plan": see the erratum',
    },
  ];
}

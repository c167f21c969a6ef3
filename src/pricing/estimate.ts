/**
 * `estimate(input)`: an API Gateway bill for one month, itemised (what, quantity, rate, cost) with its total, from the
 * rates in rates.ts. Exact arithmetic throughout (money.ts); AWS's conventions from its worked examples: a 30-day,
 * 720-hour month, GB = 1,024² KB, per-million prices applied pro rata (no rounding up to a whole million), tiers
 * cumulative over the month.
 */
import { add, ceil, cmp, dec, div, exact, max, min, mul, sub, sum, ZERO, type Exact } from './money.js';
import {
  CACHE_SIZES,
  DATA_TRANSFER_FLAT_RATE,
  DATA_TRANSFER_TIERS,
  FREE_TIER,
  HOURS_PER_MONTH,
  HTTP_METERING_KB,
  HTTP_REQUEST_TIERS,
  PRICING_PAGE,
  PRIVATE_ENDPOINT_RATE,
  PRIVATE_PROCESSING_RATE,
  READ_ON,
  REST_REQUEST_TIERS,
  USAGE_PLAN_ERRATUM,
  WEBSOCKET_MAX_MESSAGE_KB,
  WEBSOCKET_MESSAGE_TIERS,
  WEBSOCKET_METERING_KB,
  WEBSOCKET_MINUTE_RATE,
  type Rate,
  type Tier,
} from './rates.js';

export type ApiType = 'REST' | 'HTTP' | 'WEBSOCKET';
export const API_TYPES: ApiType[] = ['REST', 'HTTP', 'WEBSOCKET'];
export const API_LABELS: Record<ApiType, string> = { REST: 'REST API', HTTP: 'HTTP API', WEBSOCKET: 'WebSocket API' };

export interface EstimateInput {
  api: ApiType;
  /** REST and HTTP: API calls received per month. */
  requests?: number;
  /** REST and HTTP: average request size in KB (HTTP APIs meter 512 KB increments; PrivateLink processes it). */
  requestKB?: number;
  /** REST and HTTP: average response size in KB; gives the data transfer out unless `dataTransferOutGB` is set. */
  responseKB?: number;
  /** WebSocket: messages sent and received per month. */
  messages?: number;
  /** WebSocket: average message size in KB (metered in 32 KB increments, at most 128 KB). */
  messageKB?: number;
  /** WebSocket: connection minutes per month. */
  connectionMinutes?: number;
  /** Data transfer out in GB per month. Default: REST/HTTP requests × response size; WebSocket 0 (L: AWS's chat example charges none). */
  dataTransferOutGB?: number;
  /** 'flat' (default): $0.09 per GB, as AWS's worked examples charge; 'tiered': EC2's volume tiers. */
  dataTransfer?: 'flat' | 'tiered';
  /** REST: the cache's size in GB (a CACHE_SIZES value, e.g. '1.6'); absent: no cache. */
  cacheGB?: string;
  /** REST: hours the cache is provisioned (default 720, a month). */
  cacheHours?: number;
  /** REST: a private API, reached through an interface VPC endpoint in `azs` Availability Zones for `hours` (default 720). */
  privateEndpoint?: { azs: number; hours?: number };
  /** REST: usage plans with API keys (they cost nothing: the guide's erratum #24). */
  usagePlans?: number;
  /** Subtract the legacy 12-month free tier (default false: accounts since 15 July 2025 get credits instead). */
  freeTier?: boolean;
}

/** One line of the bill. */
export interface Line {
  /** What is charged, e.g. "REST API requests, first 333 million". */
  what: string;
  /** How many units (requests, messages, GB, hours …), exact. */
  quantity: Exact;
  /** The unit of `quantity`, e.g. "requests". */
  unit: string;
  /** The price applied (with its source and read date). */
  rate: Rate;
  cost: Exact;
  /** A remark shown with the line (metering, an erratum). */
  note?: string;
}

export interface Estimate {
  api: ApiType;
  lines: Line[];
  total: Exact;
  /** Where the rates were read and when. */
  source: string;
  read: string;
}

/** A one-line message for input the calculator cannot price. */
export class PricingInputError extends Error {
  override name = 'PricingInputError';
}

const KB_PER_GB = exact(1024n * 1024n);

/** `value` checked: a finite number ≥ 0 (and whole if `whole`), else one line naming `what`. */
function amount(value: number | undefined, what: string, whole = false): Exact {
  if (value === undefined) return ZERO;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new PricingInputError(`${what} must be a number of at least 0 (got ${String(value)})`);
  if (whole && !Number.isInteger(value)) throw new PricingInputError(`${what} must be a whole number (got ${value})`);
  return dec(value);
}

/** Cost of `quantity` units at `rate` (price per `rate.per` units). */
export const costAt = (quantity: Exact, rate: Rate): Exact =>
  div(mul(quantity, dec(rate.price)), exact(BigInt(rate.per)));

/** `quantity` split over `tiers`: one part per tier it reaches, with the tier's bounds. */
export function splitTiers(
  quantity: Exact,
  tiers: Tier[],
): Array<{ from: number; upTo: number | null; quantity: Exact; rate: Rate }> {
  const parts: Array<{ from: number; upTo: number | null; quantity: Exact; rate: Rate }> = [];
  let from = 0;
  for (const tier of tiers) {
    const start = dec(from);
    if (cmp(quantity, start) <= 0 && parts.length > 0) break;
    const end = tier.upTo === null ? quantity : min(quantity, dec(tier.upTo));
    parts.push({ from, upTo: tier.upTo, quantity: max(ZERO, sub(end, start)), rate: tier.rate });
    if (tier.upTo === null) break;
    from = tier.upTo;
  }
  return parts;
}

/** "first 333 million", "next 667 million", "over 20 billion": a tier's span, in AWS's words. */
export function tierLabel(from: number, upTo: number | null, unit = ''): string {
  const u = unit ? ` ${unit}` : '';
  if (upTo === null) return `over ${bigNumber(from)}${u}`;
  return from === 0 ? `first ${bigNumber(upTo)}${u}` : `next ${bigNumber(upTo - from)}${u}`;
}

/** 333000000 → "333 million", 19000000000 → "19 billion", 10240 → "10,240". */
export function bigNumber(n: number): string {
  if (n >= 1e9 && n % 1e7 === 0) return `${+(n / 1e9).toFixed(2)} billion`;
  if (n >= 1e6 && n % 1e4 === 0) return `${+(n / 1e6).toFixed(2)} million`;
  return n.toLocaleString('en-US');
}

function tieredLines(what: string, quantity: Exact, unit: string, tiers: Tier[], note?: string): Line[] {
  const multi = tiers.length > 1;
  return splitTiers(quantity, tiers).map((part, i) => ({
    what: multi ? `${what}, ${tierLabel(part.from, part.upTo, unit === 'GB' ? 'GB' : '')}` : what,
    quantity: part.quantity,
    unit,
    rate: part.rate,
    cost: costAt(part.quantity, part.rate),
    ...(note && i === 0 ? { note } : {}),
  }));
}

const FREE: Rate = {
  price: '0',
  per: 1,
  unit: 'unit',
  source: FREE_TIER.source,
  read: FREE_TIER.read,
  corroborated: true,
};

/**
 * The part of `quantity` the free tier covers (a $0 line) and the rest, priced from the first tier. L: the free units
 * do not count towards the tiers' volumes (AWS's examples never apply the free tier, so nothing shows either way).
 */
function freeTierSplit(quantity: Exact, allowance: number, unit: string, on: boolean): { line?: Line; rest: Exact } {
  if (!on) return { rest: quantity };
  const free = min(quantity, dec(allowance));
  return {
    line: {
      what: `Free tier (legacy 12-month offer): first ${bigNumber(allowance)} ${unit}`,
      quantity: free,
      unit,
      rate: { ...FREE, unit },
      cost: ZERO,
    },
    rest: sub(quantity, free),
  };
}

function dataTransferLines(gb: Exact, mode: 'flat' | 'tiered'): Line[] {
  if (cmp(gb, ZERO) === 0) return [];
  if (mode === 'flat')
    return [
      {
        what: 'Data transfer out to the internet',
        quantity: gb,
        unit: 'GB',
        rate: DATA_TRANSFER_FLAT_RATE,
        cost: costAt(gb, DATA_TRANSFER_FLAT_RATE),
        note: "flat $0.09 per GB, as AWS's worked examples charge it",
      },
    ];
  return tieredLines('Data transfer out to the internet', gb, 'GB', DATA_TRANSFER_TIERS, "EC2's data transfer tiers");
}

/** The metered count: `count` × the number of `incrementKB` increments in `sizeKB` (at least one). */
function metered(count: Exact, sizeKB: Exact, incrementKB: number): { total: Exact; per: bigint } {
  const per = ceil(div(sizeKB, dec(incrementKB)));
  const n = per < 1n ? 1n : per;
  return { total: mul(count, exact(n)), per: n };
}

/** The month's bill for `input`, itemised; throws PricingInputError (one line) for input it cannot price. */
export function estimate(input: EstimateInput): Estimate {
  const { api } = input;
  if (!API_TYPES.includes(api))
    throw new PricingInputError(`API type must be REST, HTTP or WEBSOCKET (got ${String(api)})`);
  const restOnly = (what: string, present: boolean) => {
    if (present && api !== 'REST')
      throw new PricingInputError(`${what} is for REST APIs only, not ${API_LABELS[api]}s`);
  };
  restOnly('Caching', input.cacheGB !== undefined);
  restOnly('A private endpoint', input.privateEndpoint !== undefined);
  restOnly('Usage plans with API keys', !!input.usagePlans);
  const freeTier = input.freeTier ?? false;
  const lines: Line[] = [];

  if (api === 'WEBSOCKET') {
    const messages = amount(input.messages, 'Messages per month', true);
    const sizeKB = amount(input.messageKB ?? 0, 'Message size (KB)');
    if (cmp(sizeKB, dec(WEBSOCKET_MAX_MESSAGE_KB)) > 0)
      throw new PricingInputError(
        `A WebSocket message is at most ${WEBSOCKET_MAX_MESSAGE_KB} KB (got ${input.messageKB} KB)`,
      );
    const m = metered(messages, sizeKB, WEBSOCKET_METERING_KB);
    const free = freeTierSplit(m.total, FREE_TIER.websocketMessages, 'messages', freeTier);
    if (free.line) lines.push(free.line);
    lines.push(
      ...tieredLines(
        'WebSocket messages',
        free.rest,
        'messages',
        WEBSOCKET_MESSAGE_TIERS,
        m.per > 1n ? `metered in 32 KB increments: each message counts ${m.per} times` : undefined,
      ),
    );
    const minutes = amount(input.connectionMinutes, 'Connection minutes per month', true);
    const freeMinutes = freeTierSplit(minutes, FREE_TIER.websocketMinutes, 'connection minutes', freeTier);
    if (freeMinutes.line) lines.push(freeMinutes.line);
    lines.push({
      what: 'WebSocket connection minutes',
      quantity: freeMinutes.rest,
      unit: 'minutes',
      rate: WEBSOCKET_MINUTE_RATE,
      cost: costAt(freeMinutes.rest, WEBSOCKET_MINUTE_RATE),
    });
    lines.push(
      ...dataTransferLines(amount(input.dataTransferOutGB, 'Data transfer out (GB)'), input.dataTransfer ?? 'flat'),
    );
  } else {
    const requests = amount(input.requests, 'Requests per month', true);
    const requestKB = amount(input.requestKB, 'Request size (KB)');
    const responseKB = amount(input.responseKB, 'Response size (KB)');
    let billed = requests;
    let note: string | undefined;
    if (api === 'HTTP') {
      // L: metered on the request's size, as AWS's upload example counts it; the page does not say how a response
      // over 512 KB counts.
      const m = metered(requests, requestKB, HTTP_METERING_KB);
      billed = m.total;
      if (m.per > 1n) note = `metered in 512 KB increments: each request counts ${m.per} times`;
    }
    const free = freeTierSplit(
      billed,
      api === 'REST' ? FREE_TIER.restRequests : FREE_TIER.httpRequests,
      'requests',
      freeTier,
    );
    if (free.line) lines.push(free.line);
    lines.push(
      ...tieredLines(
        `${API_LABELS[api]} requests`,
        free.rest,
        'requests',
        api === 'REST' ? REST_REQUEST_TIERS : HTTP_REQUEST_TIERS,
        note,
      ),
    );
    if (input.cacheGB !== undefined) {
      const size = CACHE_SIZES.find((c) => c.gb === String(input.cacheGB));
      if (!size)
        throw new PricingInputError(
          `Cache size must be one of ${CACHE_SIZES.map((c) => c.gb).join(', ')} GB (got ${String(input.cacheGB)})`,
        );
      const hours = amount(input.cacheHours ?? HOURS_PER_MONTH, 'Cache hours');
      lines.push({
        what: `Cache, ${size.gb} GB`,
        quantity: hours,
        unit: 'hours',
        rate: size.rate,
        cost: costAt(hours, size.rate),
        ...(size.rate.corroborated ? {} : { note: "price from third-party copies of AWS's pricing page" }),
      });
    }
    if (input.privateEndpoint) {
      const azs = amount(input.privateEndpoint.azs, 'Availability Zones', true);
      const hours = amount(input.privateEndpoint.hours ?? HOURS_PER_MONTH, 'Endpoint hours');
      const azHours = mul(azs, hours);
      const processedGB = div(mul(requests, add(requestKB, responseKB)), KB_PER_GB);
      lines.push(
        {
          what: 'VPC endpoint (AWS PrivateLink)',
          quantity: azHours,
          unit: 'AZ-hours',
          rate: PRIVATE_ENDPOINT_RATE,
          cost: costAt(azHours, PRIVATE_ENDPOINT_RATE),
          note: 'a private API has no data transfer out charge',
        },
        {
          what: 'PrivateLink data processed (requests and responses)',
          quantity: processedGB,
          unit: 'GB',
          rate: PRIVATE_PROCESSING_RATE,
          cost: costAt(processedGB, PRIVATE_PROCESSING_RATE),
        },
      );
    } else {
      const gb =
        input.dataTransferOutGB !== undefined
          ? amount(input.dataTransferOutGB, 'Data transfer out (GB)')
          : div(mul(requests, responseKB), KB_PER_GB);
      lines.push(...dataTransferLines(gb, input.dataTransfer ?? 'flat'));
    }
    if (input.usagePlans) {
      const plans = amount(input.usagePlans, 'Usage plans', true);
      lines.push({
        what: 'Usage plans and API keys',
        quantity: plans,
        unit: 'usage plans',
        rate: { ...FREE, unit: 'usage plan', source: PRICING_PAGE },
        cost: ZERO,
        note: USAGE_PLAN_ERRATUM,
      });
    }
  }
  return { api, lines, total: sum(lines.map((l) => l.cost)), source: PRICING_PAGE, read: READ_ON };
}

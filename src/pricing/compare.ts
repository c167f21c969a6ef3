/**
 * REST vs HTTP vs WebSocket for the same workload, and the month's cost as the volume grows (the calculator's
 * comparison table and chart). The workload is what the three types share: calls per month, request and response
 * sizes and the data sent out. L: over WebSocket, one call is two messages (the request and its reply, each metered
 * in 32 KB increments) plus the connection minutes entered; from a WebSocket input, the calls are half its messages
 * and the data transfer out is what that input gives (none unless entered); REST keeps its cache, private endpoint and usage plans,
 * which the other two types do not have.
 */
import { ceil, dec, div, exact, mul, type Exact } from './money.js';
import { API_TYPES, estimate, PricingInputError, type ApiType, type EstimateInput } from './estimate.js';
import { WEBSOCKET_MAX_MESSAGE_KB, WEBSOCKET_METERING_KB } from './rates.js';

/** What REST, HTTP and WebSocket APIs are compared on. */
export interface Workload {
  calls: number;
  requestKB: number;
  responseKB: number;
  /** Data transfer out in GB a month at `calls` (it scales with the volume); absent: calls × the response size. */
  dataTransferOutGB?: number;
  connectionMinutes: number;
  dataTransfer: 'flat' | 'tiered';
  freeTier: boolean;
  /** The REST-only settings of the input, kept for the REST column. */
  rest: Pick<EstimateInput, 'cacheGB' | 'cacheHours' | 'privateEndpoint' | 'usagePlans'>;
}

/** The workload an input describes (for WebSocket: half its messages are calls, the other half their replies). */
export function workloadOf(input: EstimateInput): Workload {
  const common = {
    dataTransfer: input.dataTransfer ?? 'flat',
    freeTier: input.freeTier ?? false,
    connectionMinutes: input.connectionMinutes ?? 0,
    ...(input.dataTransferOutGB !== undefined ? { dataTransferOutGB: input.dataTransferOutGB } : {}),
  };
  if (input.api === 'WEBSOCKET') {
    const kb = input.messageKB ?? 0;
    // Data transfer as the WebSocket estimate has it (explicit, else none), so its column equals the estimate.
    const calls = Math.round((input.messages ?? 0) / 2);
    return {
      ...common,
      dataTransferOutGB: input.dataTransferOutGB ?? 0,
      calls,
      requestKB: kb,
      responseKB: kb,
      rest: {},
    };
  }
  const { cacheGB, cacheHours, privateEndpoint, usagePlans } = input;
  return {
    ...common,
    calls: input.requests ?? 0,
    requestKB: input.requestKB ?? 0,
    responseKB: input.responseKB ?? 0,
    rest: { cacheGB, cacheHours, privateEndpoint, usagePlans },
  };
}

/** The input for `api` carrying `workload` at `calls` calls a month (null: WebSocket cannot carry messages this big). */
export function inputFor(api: ApiType, workload: Workload, calls = workload.calls): EstimateInput | null {
  const gb: Exact =
    workload.dataTransferOutGB !== undefined
      ? workload.calls > 0
        ? div(mul(dec(workload.dataTransferOutGB), dec(calls)), dec(workload.calls))
        : dec(workload.dataTransferOutGB)
      : div(mul(dec(calls), dec(workload.responseKB)), exact(1024n * 1024n));
  const dataTransferOutGB = Number(gb.num) / Number(gb.den);
  const base = { dataTransfer: workload.dataTransfer, freeTier: workload.freeTier };
  if (api === 'WEBSOCKET') {
    if (Math.max(workload.requestKB, workload.responseKB) > WEBSOCKET_MAX_MESSAGE_KB) return null;
    const per = (kb: number) => {
      const n = ceil(div(dec(kb), dec(WEBSOCKET_METERING_KB)));
      return n < 1n ? 1 : Number(n);
    };
    return {
      ...base,
      api,
      // Already metered: each message counted once per 32 KB (so messageKB stays at one increment).
      messages: calls * (per(workload.requestKB) + per(workload.responseKB)),
      messageKB: 0,
      connectionMinutes: workload.connectionMinutes,
      dataTransferOutGB,
    };
  }
  const input: EstimateInput = {
    ...base,
    api,
    requests: calls,
    requestKB: workload.requestKB,
    responseKB: workload.responseKB,
  };
  if (api === 'REST') {
    Object.assign(input, Object.fromEntries(Object.entries(workload.rest).filter(([, v]) => v !== undefined)));
    if (!workload.rest.privateEndpoint && workload.dataTransferOutGB !== undefined)
      input.dataTransferOutGB = dataTransferOutGB;
  } else if (workload.dataTransferOutGB !== undefined) input.dataTransferOutGB = dataTransferOutGB;
  return input;
}

/** The month's total for each API type at the workload's volume (null where the type cannot carry it). */
export function compare(workload: Workload, calls = workload.calls): Record<ApiType, Exact | null> {
  const out = {} as Record<ApiType, Exact | null>;
  for (const api of API_TYPES) {
    const input = inputFor(api, workload, calls);
    out[api] = input ? estimate(input).total : null;
  }
  return out;
}

/** Volumes for the chart: `perDecade` points per power of ten from 10^`fromExp` to 10^`toExp` calls a month. */
export function logVolumes(fromExp = 4, toExp = 11, perDecade = 8): number[] {
  if (toExp <= fromExp) throw new PricingInputError('the chart needs a range of volumes');
  const out: number[] = [];
  for (let i = 0; i <= (toExp - fromExp) * perDecade; i++) out.push(Math.round(10 ** (fromExp + i / perDecade)));
  return out;
}

import type { GatewayResult } from '../gateway-types.js';
import type { HeaderList } from '../headers.js';
import type { GatewayTrace } from '../trace.js';

/**
 * What every API type's request context starts with: the request as it arrived, when, its trace, and the gateway's
 * services. The API type's context (`RestRequestContext`, `HttpApiRequestContext`) adds what its steps fill in.
 */
export abstract class RequestContext<Services> {
  /** The HTTP method as sent (`GET`). */
  readonly method: string;
  /** The absolute URL as `Request.url` serialises it. */
  readonly href: string;
  /** Request headers in wire order and case (REST: AWS WAF's inserted `x-amzn-waf-` headers appended, rest/steps/waf.ts). */
  rawHeaders: HeaderList;
  /** The body's bytes; null when there is none. */
  readonly body: Uint8Array | null;
  /** Monotonic time of arrival (ms), for the trace's timings. */
  readonly started: number;
  /** Wall-clock time of arrival (epoch ms): the request time of events and `$context`, the Date header. */
  readonly epochMs: number;
  /** What happened, as the sandboxes and the CLI show it; filled in by every step. */
  readonly trace: GatewayTrace;
  /** The gateway's stages, domains and invokers. */
  readonly services: Services;
  /** The client's answer, set by the method-response step or the gateway-response step. */
  result: GatewayResult | undefined = undefined;

  constructor(
    services: Services,
    method: string,
    href: string,
    rawHeaders: HeaderList,
    body: Uint8Array | null,
    started: number,
    epochMs: number,
    trace: GatewayTrace,
  ) {
    this.services = services;
    this.method = method;
    this.href = href;
    this.rawHeaders = rawHeaders;
    this.body = body;
    this.started = started;
    this.epochMs = epochMs;
    this.trace = trace;
  }
}

/** What AWS WAF reports about a web ACL: sampled requests per rule and per-rule counts. */
import type { SampledRequest, WafCounters, WebAclEvaluator } from './evaluate.js';

/** One rule's sample, as `aws wafv2 get-sampled-requests` prints it (https://docs.aws.amazon.com/waf/latest/APIReference/API_GetSampledRequests.html). */
export interface SampledRequestsOutput {
  SampledRequests: SampledRequest[];
  /** The number of requests the sample was drawn from (here: all the requests the rule matched). */
  PopulationSize: number;
  /** Epoch seconds, as the samples' Timestamp. */
  TimeWindow: { StartTime: number; EndTime: number };
}

export interface WafReport {
  webAcl: string;
  /** By rule metric name (VisibilityConfig.MetricName, else the rule name), and `Default_Action`. */
  sampledRequests: Record<string, SampledRequestsOutput>;
  /** AllowedRequests / BlockedRequests / CountedRequests by rule metric name, and `ALL` for the web ACL (CloudWatch's names). */
  counters: Record<string, WafCounters>;
}

const total = (c: WafCounters | undefined): number =>
  c ? c.AllowedRequests + c.BlockedRequests + c.CountedRequests : 0;

/** The web ACL's samples and counters now (`nowMs`: epoch milliseconds, the end of the time window). */
export function wafReport(evaluator: WebAclEvaluator, nowMs: number): WafReport {
  const counters = evaluator.counters();
  const end = Math.floor(nowMs / 1000);
  const metrics = evaluator.webAcl.ordered.map((r) => r.VisibilityConfig?.MetricName || r.Name);
  // Requests the default action decided: every terminated request less those a rule terminated (Allow or Block).
  const all = counters.ALL;
  let byDefault = all ? all.AllowedRequests + all.BlockedRequests : 0;
  for (const m of new Set(metrics))
    byDefault -= (counters[m]?.AllowedRequests ?? 0) + (counters[m]?.BlockedRequests ?? 0);
  const sampledRequests: Record<string, SampledRequestsOutput> = {};
  for (const key of [...new Set(metrics), 'Default_Action']) {
    const samples = evaluator.sampledRequests(key);
    sampledRequests[key] = {
      SampledRequests: samples,
      PopulationSize: key === 'Default_Action' ? byDefault : total(counters[key]),
      TimeWindow: { StartTime: samples[0]?.Timestamp ?? end, EndTime: end },
    };
  }
  return { webAcl: evaluator.webAcl.Name, sampledRequests, counters };
}

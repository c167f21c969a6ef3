/** AWS WAF web ACL evaluation (pure); RestGateway.associateWebAcl puts one in front of a stage (rest/steps/waf.ts). */
export { parseWebAcl, WebAclError, type ParseOptions, type WebAcl, type Rule, type Statement } from './web-acl.js';
export {
  WebAclEvaluator,
  API_GATEWAY_WAF_BLOCK,
  MAX_SAMPLED_REQUESTS,
  type SampledRequest,
  type WafVerdict,
  type WafResponse,
  type WafCounters,
  type EvaluatorOptions,
} from './evaluate.js';
export type { WafRequest } from './request-view.js';
export { parseIpSet, ipSetAddresses, type IpSet } from './ip-set.js';
export { wafReport, type WafReport, type SampledRequestsOutput } from './report.js';

/** AWS WAF web ACL evaluation (pure; not yet wired into the gateway pipeline). */
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

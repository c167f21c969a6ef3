import type { GatewayOptions, GatewayResult, HandleOptions } from '../shared/gateway-types.js';
import type { HeaderList } from '../shared/headers.js';
import { newExtendedRequestId, newRequestId } from '../shared/ids.js';
import type { GatewayError } from '../shared/pipeline/gateway-error.js';
import { monotonic } from '../shared/pipeline/monotonic.js';
import { newTrace } from '../shared/pipeline/new-trace.js';
import { StagedGateway } from '../shared/pipeline/staged-gateway.js';
import type { Stage } from '../shared/stage-registry.js';
import {
  ApiKeyRegistry,
  type ApiKey,
  type QuotaSettings,
  type ThrottleSettings,
  type Usage,
  type UsagePlan,
} from './api-keys/registry.js';
import { UserPoolRegistry, type UserPoolKeys } from './authorizers/user-pools.js';
import { RestRequestContext, type RestServices } from './context.js';
import type { RestApiModel } from './model.js';
import { ACCOUNT_DEFAULT_LIMITS, ThrottleRegistry } from './throttling/stage-throttles.js';
import { parseMethodSettings, type ThrottleLimits } from './throttling/method-settings.js';
import { readStageCache, type StageCacheInput } from './stage-cache/settings.js';
import { StageCaches } from './stage-cache/store.js';
import { gatewayResponse, REST_STEPS } from './steps/index.js';
import { WebAclEvaluator } from '../waf/evaluate.js';
import type { WebAcl } from '../waf/web-acl.js';

/** How the emulator reads what AWS WAF would know by itself. */
export interface WebAclAssociationOptions {
  /**
   * The request header that carries the client's country (ISO 3166 alpha-2) for GeoMatchStatement: AWS geolocates the
   * source IP, the emulator has no geo-IP database. Default `X-Apigw-Lab-Country`.
   */
  countryHeader?: string;
}

/** The header GeoMatchStatement reads the country from unless told otherwise. */
export const DEFAULT_WAF_COUNTRY_HEADER = 'X-Apigw-Lab-Country';

/** A request in parts, for {@link RestGateway.handleParts}. */
export interface RequestParts extends HandleOptions {
  method: string;
  /** The absolute URL as `Request.url` serialises it: `http://127.0.0.1:3000/dev/items?a=1`. */
  url: string;
  /** Request headers in wire order and case. */
  rawHeaders: HeaderList;
  /** The body's bytes, null (or empty) when there is none. */
  body: Uint8Array | null;
}

export type { BasePathMapping, DomainNameConfig } from '../shared/domain-names.js';

/**
 * An API Gateway REST API: deployments, stages, custom domain names (StagedGateway's), and the request path from
 * client to integration and back, as the steps in rest/steps/ (in REST_STEPS' order). Web-standard
 * `Request`/`Response` only, so it runs in Node, a Worker and a WebContainer alike.
 */
export class RestGateway extends StagedGateway<RestApiModel, RestRequestContext> {
  protected readonly steps = REST_STEPS;
  readonly #services: RestServices;
  /** API keys and usage plans (control plane, like the stages). */
  readonly #apiKeys: ApiKeyRegistry;
  /** Stage, method and account token buckets (the throttle step admits requests by them). */
  readonly #throttles: ThrottleRegistry;
  /** One evaluator per associated web ACL: stages sharing a web ACL share its counters, samples and rate counts. */
  readonly #evaluators = new WeakMap<WebAcl, WebAclEvaluator>();

  constructor(options: GatewayOptions) {
    super(options);
    this.#apiKeys = new ApiKeyRegistry(this.now);
    this.#throttles = new ThrottleRegistry(this.now);
    this.#services = {
      ...this.baseServices(options),
      invokeStream: options.invokeStream,
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      apiKeys: this.#apiKeys,
      throttles: this.#throttles,
      userPools: new UserPoolRegistry(),
      stageCaches: new StageCaches(),
      webAcls: new Map(),
    };
  }

  /**
   * AssociateWebACL / DisassociateWebACL (null): the AWS WAF web ACL in front of a stage, as `parseWebAcl` returns it
   * (parse the JSON `aws wafv2 get-web-acl` prints with the IP sets it references; a bad document throws there, naming
   * the field). The waf step (rest/steps/waf.ts) runs it on every request to the stage, before the gateway's own checks.
   * The same parsed web ACL associated with several stages is one web ACL: they share its counters, sampled requests
   * and rate-based counts ("AWS WAF tracks and manages web requests separately for each instance of a rate-based
   * rule", https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html). Returns the
   * evaluator, whose `counters()` and `sampledRequests(metricName)` are what CloudWatch and GetSampledRequests report;
   * the stage need not exist yet. Options apply when the web ACL is first associated.
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html
   */
  associateWebAcl(
    stageName: string,
    acl: WebAcl | null,
    options: WebAclAssociationOptions = {},
  ): WebAclEvaluator | null {
    const { webAcls } = this.#services;
    if (acl === null) {
      webAcls.delete(stageName);
      return null;
    }
    if (!(acl.ipSets instanceof Map) || !Array.isArray(acl.ordered))
      throw new TypeError('associateWebAcl: pass the web ACL parseWebAcl returns, not its JSON');
    let evaluator = this.#evaluators.get(acl);
    if (evaluator === undefined) {
      evaluator = new WebAclEvaluator(acl, {
        countryHeader: options.countryHeader ?? DEFAULT_WAF_COUNTRY_HEADER,
        now: this.now,
        accountId: this.accountId,
      });
      this.#evaluators.set(acl, evaluator);
    }
    webAcls.set(stageName, evaluator);
    return evaluator;
  }

  /** GetWebACLForResource: the evaluator of the web ACL associated with the stage, or undefined. */
  webAclForStage(stageName: string): WebAclEvaluator | undefined {
    return this.#services.webAcls.get(stageName);
  }

  /** FlushStageCache: empties the stage's cache. */
  flushStageCache(stage: string): void {
    this.#services.stageCaches.flush(stage);
  }

  /**
   * Trusts a user pool's tokens for Cognito authorizers: those whose `providerARNs` name `providerArn`, or without
   * one, the pool the issuer URL names (a LocalUserPool's `{ issuer, jwks: jwks() }`).
   */
  putUserPool(pool: UserPoolKeys, providerArn?: string): void {
    this.#services.userPools.put(pool, providerArn);
  }

  /** CreateApiKey: a key (disabled unless `enabled`, as CreateApiKey's default); its value has 20 to 128 characters. */
  putApiKey(key: { id?: string; name?: string; value?: string; enabled?: boolean }): ApiKey {
    return this.#apiKeys.putApiKey(key);
  }

  /** CreateUsagePlan: API stages, and each key's throttle (token bucket) and quota. */
  putUsagePlan(plan: {
    name: string;
    apiStages: { apiId: string; stage: string }[];
    throttle?: ThrottleSettings;
    quota?: QuotaSettings;
  }): UsagePlan {
    return this.#apiKeys.putUsagePlan(plan);
  }

  /**
   * CreateStage / UpdateStage, with the stage's settings as `aws apigateway get-stage` prints them: `methodSettings`
   * (keyed `*∕*` or `~1path/METHOD`) with their throttling (`throttlingRateLimit`, `throttlingBurstLimit`) and caching
   * (`cachingEnabled`, `cacheTtlInSeconds`, ...) fields, `cacheClusterEnabled` and `cacheClusterSize`. Throws, naming
   * the field, on a bad setting; putting a stage again refills its buckets.
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
   */
  override putStage(
    stage: {
      name: string;
      deploymentId: string;
      variables?: Record<string, string>;
      methodSettings?: Record<string, unknown>;
    } & StageCacheInput,
  ): Stage {
    const throttles = parseMethodSettings(stage.methodSettings);
    const cache = readStageCache(stage);
    const put = super.putStage({ name: stage.name, deploymentId: stage.deploymentId, variables: stage.variables });
    this.#throttles.putParsed(stage.name, throttles);
    this.#services.stageCaches.configure(stage.name, cache);
    return put;
  }

  /**
   * Throttles every request to the gateway by the account's limits (by default AWS's per-Region quota: 10,000 requests
   * per second, burst 5,000, https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html); null turns
   * it off (the default, so that the emulator's own speed is not capped).
   */
  setAccountThrottle(limits: ThrottleLimits | null = ACCOUNT_DEFAULT_LIMITS): void {
    this.#throttles.setAccountLimits(limits);
  }

  /** CreateUsagePlanKey: adds a key to a plan (one plan per key and API stage). */
  putUsagePlanKey(planName: string, keyId: string): void {
    this.#apiKeys.putUsagePlanKey(planName, keyId);
  }

  /** GetUsage, as `aws apigateway get-usage` prints it: per key id, `[used, remaining]` per UTC day. */
  getUsage(planName: string, range: { startDate: string; endDate: string; keyId?: string }): Usage {
    return this.#apiKeys.getUsage(planName, range);
  }

  /**
   * `handle` for adapters that have the request in parts (no Fetch `Request` to build): `url` must be
   * serialised as `Request.url` would be (the URL Standard's form, without a fragment).
   */
  handleParts(parts: RequestParts): Promise<GatewayResult> {
    const { method, url, rawHeaders, body } = parts;
    return this.serve(this.newContext(method, url, rawHeaders, body, parts, monotonic(), this.now()));
  }

  protected newContext(
    method: string,
    href: string,
    rawHeaders: HeaderList,
    body: Uint8Array | null,
    options: HandleOptions,
    started: number,
    epochMs: number,
  ): RestRequestContext {
    const trace = newTrace(newRequestId(), newExtendedRequestId(), method, epochMs, options, 'REST', {
      href,
      headers: rawHeaders,
      body,
    });
    return new RestRequestContext(this.#services, method, href, rawHeaders, body, started, epochMs, trace);
  }

  protected renderError(context: RestRequestContext, error: GatewayError): void {
    gatewayResponse(context, error);
  }
}

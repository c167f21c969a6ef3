import { TemplateError } from './errors.js';
import type { TemplateApiKey, TemplateUsagePlan } from './model.js';
import { generatedKeyValue, planLimits } from './serverless-api.js';
import type { Stack } from './stack.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `AWS::ApiGateway::UsagePlan`, `ApiKey` and `UsagePlanKey` resources → plans (over their ApiStages) and keys (with the
 * plans they join). A key without `Value` gets a stable generated one. Per-method throttles (`ApiStages[].Throttle`)
 * are reported in `warnings`: the emulator's plans throttle per key (L).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-usageplan.html
 */
export function rawUsagePlans(
  stack: Stack,
  warnings: string[],
): { usagePlans: TemplateUsagePlan[]; apiKeys: TemplateApiKey[] } {
  const usagePlans: TemplateUsagePlan[] = [];
  for (const { logicalId } of stack.ofType('AWS::ApiGateway::UsagePlan')) {
    const where = `Resources.${logicalId}.Properties`;
    const p = stack.props(logicalId);
    const plan: TemplateUsagePlan = {
      logicalId,
      name: typeof p.UsagePlanName === 'string' ? p.UsagePlanName : logicalId,
      ...planLimits(p, where),
      apiStages: [],
    };
    (Array.isArray(p.ApiStages) ? p.ApiStages : []).forEach((s, i) => {
      if (!isObject(s)) return;
      const api = stack.logicalIdOf(s.ApiId);
      if (!api) throw new TemplateError(`${where}.ApiStages[${i}].ApiId: must be !Ref of an API of this template`);
      plan.apiStages.push({ apiLogicalId: api, stage: String(s.Stage) });
      if (isObject(s.Throttle) && Object.keys(s.Throttle).length)
        warnings.push(
          `${where}.ApiStages[${i}].Throttle (${Object.keys(s.Throttle).join(', ')}): per-method usage plan throttles are not applied; the plan's Throttle is`,
        );
    });
    usagePlans.push(plan);
  }
  const apiKeys: TemplateApiKey[] = [];
  for (const { logicalId } of stack.ofType('AWS::ApiGateway::ApiKey')) {
    const p = stack.props(logicalId);
    const given = typeof p.Value === 'string' ? p.Value : undefined;
    if (given !== undefined && (given.length < 20 || given.length > 128))
      throw new TemplateError(`Resources.${logicalId}.Properties.Value: an API key has 20 to 128 characters`);
    apiKeys.push({
      logicalId,
      value: given ?? generatedKeyValue(stack.env.stackName, logicalId),
      generated: given === undefined,
      enabled: p.Enabled === true || p.Enabled === 'true',
      usagePlans: [],
    });
  }
  for (const { logicalId } of stack.ofType('AWS::ApiGateway::UsagePlanKey')) {
    const where = `Resources.${logicalId}.Properties`;
    const p = stack.props(logicalId);
    const key = apiKeys.find((k) => k.logicalId === stack.logicalIdOf(p.KeyId));
    const plan = usagePlans.find((u) => u.logicalId === stack.logicalIdOf(p.UsagePlanId));
    if (!key) throw new TemplateError(`${where}.KeyId: must be !Ref of an AWS::ApiGateway::ApiKey`);
    if (!plan) throw new TemplateError(`${where}.UsagePlanId: must be !Ref of an AWS::ApiGateway::UsagePlan`);
    key.usagePlans.push(plan.logicalId);
  }
  return { usagePlans, apiKeys };
}

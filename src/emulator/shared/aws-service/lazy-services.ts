import type { AwsServiceName, AwsServices, EmbeddedEnv } from '../../aws-services/types.js';

/**
 * The services a gateway's integrations reach: the ones it was given (`GatewayOptions.awsServices`), else an empty
 * `EmbeddedAwsServices` made on the first service call — loaded by dynamic import, so the embedded backends stay out
 * of the core's eager code.
 */
export function lazyAwsServices(given: AwsServices | undefined, env: () => EmbeddedEnv): () => Promise<AwsServices> {
  let services: Promise<AwsServices> | undefined = given ? Promise.resolve(given) : undefined;
  return () =>
    (services ??= import('../../aws-services/embedded-services.js').then(
      ({ EmbeddedAwsServices }) => new EmbeddedAwsServices(env()),
    ));
}

/** Where an `AwsServices` sends a service's requests (`embedded` unless it says otherwise). */
export function endpointOf(services: AwsServices, service: AwsServiceName): string {
  return services.endpointOf?.(service) ?? 'embedded';
}

let fallback: (() => Promise<AwsServices>) | undefined;

/** The services a gateway's steps reach: its own, else (services made by hand, in tests) one shared embedded set. */
export function awsServicesOf(services: {
  awsServices?: () => Promise<AwsServices>;
  home: { region: string; accountId: string };
}): Promise<AwsServices> {
  if (services.awsServices) return services.awsServices();
  const { region, accountId } = services.home;
  fallback ??= lazyAwsServices(undefined, () => ({ region, accountId, now: Date.now }));
  return fallback();
}

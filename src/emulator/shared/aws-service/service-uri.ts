import { AWS_SERVICE_NAMES, type AwsServiceName } from '../../aws-services/types.js';

/**
 * An API Gateway service URI, parsed: `arn:aws:apigateway:{region}:{service}:path/{service path}` (the request goes to
 * that path of the service's endpoint) or `…:action/{Action}` (the action is named; its parameters are in the body).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-request-basic-setup.html
 */
export type ServiceUri =
  | { service: AwsServiceName; region: string; kind: 'path'; path: string }
  | { service: AwsServiceName; region: string; kind: 'action'; action: string };

const SERVICE_URI = /^arn:aws[\w-]*:apigateway:([^:]*):([^:]*):(path|action)\/(.*)$/;

/** Whether a URI has the shape of an API Gateway service URI (any service, Lambda included). */
export function isApiGatewayServiceUri(uri: string): boolean {
  return SERVICE_URI.test(uri);
}

/** The service a URI names (`lambda`, `s3`, `sqs`, …), or null when it is no API Gateway service URI. */
export function serviceOfUri(uri: string): string | null {
  return SERVICE_URI.exec(uri)?.[2] ?? null;
}

/**
 * Parses a service URI for one of the services the lab reaches (sqs, kinesis, states, events, dynamodb); `error` says
 * why one cannot be used (malformed, another service, an empty path or action).
 */
export function parseServiceUri(uri: string): ServiceUri | { error: string } {
  const match = SERVICE_URI.exec(uri);
  if (!match)
    return {
      error: `"${uri}" is not an AWS service URI (arn:aws:apigateway:{region}:{service}:path/{path} or arn:aws:apigateway:{region}:{service}:action/{Action})`,
    };
  const [, region, service, kind, rest] = match as unknown as [string, string, string, 'path' | 'action', string];
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region) && !region.includes('${'))
    return { error: `"${uri}" names no valid Region ("${region}")` };
  if (!(AWS_SERVICE_NAMES as readonly string[]).includes(service))
    return {
      error: `"${uri}" names the service "${service}": the lab's AWS integrations reach Lambda and ${AWS_SERVICE_NAMES.join(', ')}`,
    };
  if (kind === 'action') {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(rest)) return { error: `"${uri}" names no action ("${rest}")` };
    return { service: service as AwsServiceName, region, kind, action: rest };
  }
  if (rest === '') return { error: `"${uri}" names no path after "path/"` };
  return { service: service as AwsServiceName, region, kind, path: `/${rest.replace(/^\/+/, '')}` };
}

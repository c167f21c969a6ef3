import { readFile } from 'node:fs/promises';
import {
  EmbeddedAwsServices,
  ServicesFileError,
  parseServicesFile,
  type AwsServices,
  type ServicesFile,
} from '../emulator/aws-services/index.js';
import type { ApiModel } from '../emulator/api-type.js';
import type { LambdaInvoker } from '../emulator/shared/invoker.js';
import type { IntegrationTrace } from '../emulator/shared/trace.js';
import { RemoteAwsServices, type RemoteEndpoints } from '../node/remote-aws-services.js';
import { CliError, errorCode, firstLine } from './errors.js';

/** The route that answers the embedded services' state (queues, streams, executions, bus events, tables) as JSON. */
export const SERVICES_PATH = '/__apigw-lab/services';

/** The AWS services `serve` gives its gateway: the embedded ones (state for SERVICES_PATH), some maybe remote. */
export interface CliAwsServices {
  services: AwsServices;
  embedded: EmbeddedAwsServices;
  endpoints: RemoteEndpoints;
  file: ServicesFile | undefined;
}

/**
 * Reads `--services FILE` (absent: undefined). A file that cannot be read or is not a services file is a one-line
 * CliError naming the field (exit 2); its entries are checked when `createCliAwsServices` applies it.
 */
export async function loadServicesFile(path: string | undefined): Promise<ServicesFile | undefined> {
  if (path === undefined) return undefined;
  const flag = `--services ${path}`;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(
      errorCode(error) === 'ENOENT' ? `${flag}: no such file` : `${flag}: cannot read it (${firstLine(error)})`,
    );
  }
  try {
    return parseServicesFile(text);
  } catch (error) {
    if (error instanceof ServicesFileError) throw new CliError(`${flag}: ${error.message}`);
    throw error;
  }
}

/**
 * The embedded services (created from the `--services FILE` loadServicesFile read, Step Functions Tasks running the
 * CLI's local functions) and, with `--aws-endpoint`, the services it names sent to real endpoints. A bad entry in the
 * file is a one-line CliError naming the field (exit 2).
 */
export function createCliAwsServices(
  options: { services: string | undefined; awsEndpoints: RemoteEndpoints },
  file: ServicesFile | undefined,
  env: { region: string; accountId: string; invoke: LambdaInvoker },
): CliAwsServices {
  const embedded = new EmbeddedAwsServices({ ...env, now: Date.now });
  if (file) {
    try {
      embedded.apply(file);
    } catch (error) {
      if (error instanceof ServicesFileError) throw new CliError(`--services ${options.services}: ${error.message}`);
      throw error;
    }
  }
  const endpoints = options.awsEndpoints;
  const services = Object.keys(endpoints).length ? new RemoteAwsServices(endpoints, embedded) : embedded;
  return { services, embedded, endpoints, file };
}

/** The log line of one service call: service, action, status, where it went (`embedded` or the endpoint URL). */
export function serviceCallLine(integration: IntegrationTrace | null | undefined): string | null {
  const call = integration?.service;
  if (!call) return null;
  return `apigw-lab: ${call.name} ${call.action || '(no action)'} ${call.response.status} ${call.endpoint}`;
}

/**
 * Startup warnings: an SQS integration that names a queue (a path URI `…:sqs:path/{account}/{queue}`, or an HTTP API
 * subtype's static QueueUrl) the services file does not create, while SQS is embedded — its requests would get
 * "The specified queue does not exist".
 */
export function missingQueueWarnings(apis: readonly ApiModel[], cli: CliAwsServices): string[] {
  if (cli.endpoints.sqs !== undefined) return [];
  const created = new Set((cli.file?.queues ?? []).map((q) => q.QueueName));
  const warnings: string[] = [];
  const check = (queue: string | undefined, where: string) => {
    if (!queue || queue.includes('{') || queue.includes('$') || created.has(queue)) return;
    warnings.push(
      `${where} sends to SQS queue "${queue}", which ${cli.file ? 'the services file does not create' : 'does not exist (no --services FILE)'}: add {"queues": [{"QueueName": "${queue}"}]} to --services FILE`,
    );
  };
  for (const api of apis) {
    if (api.kind === 'REST') {
      for (const resource of api.resources)
        for (const [method, model] of Object.entries(resource.methods)) {
          const integration = model?.integration;
          if (integration && 'service' in integration && integration.service.service === 'sqs') {
            const uri = integration.service;
            if (uri.kind === 'path') check(uri.path.split('/').filter(Boolean).pop(), `${method} ${resource.path}`);
          }
        }
    } else {
      for (const route of api.routes) {
        const integration = route.integration;
        if ('subtype' in integration && integration.subtype.startsWith('SQS-')) {
          const url = integration.requestParameters.QueueUrl ?? '';
          if (!url.startsWith('$')) check(url.split('/').filter(Boolean).pop(), route.routeKey);
        }
      }
    }
  }
  return warnings;
}

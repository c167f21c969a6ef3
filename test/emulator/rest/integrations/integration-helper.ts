import type { RestRequestContext } from '../../../../src/emulator/rest/context.js';
import type { IntegrationModel } from '../../../../src/emulator/rest/model.js';
import { integration } from '../../../../src/emulator/rest/steps/integration.js';
import { integrationResponse } from '../../../../src/emulator/rest/steps/integration-response.js';
import { contextBefore, smallDoc, type ContextOptions } from '../steps/context-helper.js';

export type NonProxy = Exclude<IntegrationModel, { type: 'AWS_PROXY' }>;

/** UTF-8 text of bytes. */
export const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** A request to GET /things/{id} (integration `spec`) about to call its integration (its request already mapped). */
export async function calling(spec: Record<string, unknown>, options: ContextOptions = {}) {
  const doc = smallDoc({
    '/things/{id}': {
      get: { responses: { '200': { description: 'ok' } }, 'x-amazon-apigateway-integration': spec },
    },
  });
  const built = await contextBefore(integration, { doc, url: '/dev/things/7', ...options });
  return { ...built, spec: built.context.integration as NonProxy };
}

/** The integration step and then the integration-response step, as the pipeline runs them. */
export async function callAndMap(context: RestRequestContext): Promise<void> {
  await integration(context);
  await integrationResponse(context);
}

/** A request template that names status 200 (what a MOCK needs). */
export const JSON_ONLY = { 'application/json': '{"statusCode": 200}' };

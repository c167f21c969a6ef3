import { describe, expect, it } from 'vitest';
import { gatewayResponse } from '../../../../src/emulator/rest/steps/gateway-response.js';
import { gatewayResponse as exported, REST_STEPS } from '../../../../src/emulator/rest/steps/index.js';

describe('REST_STEPS', () => {
  it('lists the steps in the order a request meets them', () => {
    expect(REST_STEPS.map((step) => step.name)).toEqual([
      'parseRequest',
      'resolveStage',
      'waf',
      'route',
      'traceRequest',
      'authorize',
      'apiKey',
      'throttle',
      'methodRequest',
      'cache',
      'integrationRequest',
      'integration',
      'integrationResponse',
      'methodResponse',
      'storeInCache',
    ]);
  });

  it('leaves gatewayResponse out of the chain and exports it for the gateway to answer a stopped request', () => {
    expect(exported).toBe(gatewayResponse);
    expect(REST_STEPS).not.toContain(gatewayResponse);
  });
});

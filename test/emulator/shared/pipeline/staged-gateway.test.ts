import { describe, expect, it } from 'vitest';
import { HttpApiGateway, importHttpApi } from '../../../../src/emulator/http-api/index.js';
import { importOpenApi, RestGateway, type LambdaInvocation } from '../../../../src/emulator/index.js';
import type { GatewayResult, HandleOptions } from '../../../../src/emulator/shared/gateway-types.js';
import type { HeaderList } from '../../../../src/emulator/shared/headers.js';
import { GatewayError } from '../../../../src/emulator/shared/pipeline/gateway-error.js';
import { finishBuffered } from '../../../../src/emulator/shared/pipeline/gateway-result.js';
import { newTrace } from '../../../../src/emulator/shared/pipeline/new-trace.js';
import { RequestContext } from '../../../../src/emulator/shared/pipeline/request-context.js';
import type { Step } from '../../../../src/emulator/shared/pipeline/run-steps.js';
import { StagedGateway } from '../../../../src/emulator/shared/pipeline/staged-gateway.js';
import { httpApiDoc } from '../../http-api/helpers.js';
import { openApi } from '../../helpers.js';

const EPOCH_MS = Date.UTC(2026, 10, 26, 12, 0, 0);
const ORIGIN = 'https://abc123defg.execute-api.us-east-1.amazonaws.com';

/** A REST gateway and an HTTP API gateway, each with its API (GET /items, POST /items to `fn`) deployed. */
function gateways() {
  const invocations: LambdaInvocation[] = [];
  const options = {
    invoke: async (invocation: LambdaInvocation) => {
      invocations.push(invocation);
      return { kind: 'result' as const, payload: { statusCode: 200, body: 'ok' }, logs: [] };
    },
    now: () => EPOCH_MS,
  };
  const rest = new RestGateway(options);
  const restApi = importOpenApi(openApi({ '/items': ['GET', 'POST'] }), { apiId: 'abc123defg' });
  const http = new HttpApiGateway(options);
  const httpApi = importHttpApi(httpApiDoc(['GET /items', 'POST /items']), { apiId: 'abc123defg' });
  return { rest, restApi, http, httpApi, invocations };
}

describe('StagedGateway through RestGateway and HttpApiGateway: the control plane', () => {
  it('freezes a snapshot of the API at deploy time', () => {
    const { rest, restApi } = gateways();
    const deployment = rest.deploy(restApi, 'first');
    restApi.name = 'changed later';
    expect(deployment.api.name).not.toBe('changed later');
    expect(Object.isFrozen(deployment.api)).toBe(true);
    expect(Object.isFrozen(deployment.api.resources[0])).toBe(true);
    expect([deployment.description, deployment.createdDate.getTime()]).toEqual(['first', EPOCH_MS]);
  });

  it('serves the deployment a stage points at (deploymentOf), undefined for no such stage', () => {
    const { rest, restApi } = gateways();
    const first = rest.deploy(restApi);
    const second = rest.deploy({ ...restApi, name: 'v2' });
    const variables = { env: 'prod' };
    const stage = rest.putStage({ name: 'prod', deploymentId: first.id, variables });
    variables.env = 'changed';
    expect(stage).toEqual({ name: 'prod', deploymentId: first.id, variables: { env: 'prod' } });
    expect(rest.deploymentOf('prod')).toBe(first);
    rest.putStage({ name: 'prod', deploymentId: second.id });
    expect(rest.deploymentOf('prod')).toBe(second);
    expect(rest.deploymentOf('nope')).toBeUndefined();
    expect(() => rest.putStage({ name: 'dev', deploymentId: 'missing' })).toThrow('no deployment "missing"');
  });

  it('lists the stages in creation order, an updated stage keeping its place', () => {
    const { http, httpApi } = gateways();
    const { id } = http.deploy(httpApi);
    for (const name of ['$default', 'beta', 'alpha']) http.putStage({ name, deploymentId: id });
    http.putStage({ name: 'beta', deploymentId: id, variables: { v: '2' } });
    expect(http.stages().map((s) => s.name)).toEqual(['$default', 'beta', 'alpha']);
    expect(http.stages()[1]!.variables).toEqual({ v: '2' });
  });

  it('accepts the $default stage for an HTTP API only; both refuse other names outside letters, digits, - and _', () => {
    const { rest, restApi, http, httpApi } = gateways();
    const restId = rest.deploy(restApi).id;
    const httpId = http.deploy(httpApi).id;
    expect(http.putStage({ name: '$default', deploymentId: httpId }).name).toBe('$default');
    expect(() => rest.putStage({ name: '$default', deploymentId: restId })).toThrow(
      'invalid stage name "$default" (letters, digits, - and _ only)',
    );
    expect(() => http.putStage({ name: 'my stage', deploymentId: httpId })).toThrow(
      'invalid stage name "my stage" ("$default", or letters, digits, - and _ only)',
    );
    expect(rest.putStage({ name: 'Dev_2-b', deploymentId: restId }).name).toBe('Dev_2-b');
  });

  it('routes a custom domain name by its base path mappings to the mapped stage', async () => {
    const { rest, restApi, invocations } = gateways();
    const { id } = rest.deploy(restApi);
    rest.putStage({ name: 'dev', deploymentId: id });
    const stored = rest.putDomainName({
      domainName: 'api.example.com',
      basePathMappings: [
        { basePath: '/v1/', stage: 'dev' },
        { basePath: '(none)', stage: 'dev' },
      ],
    });
    expect(stored.basePathMappings).toEqual([
      { basePath: 'v1', stage: 'dev' },
      { basePath: '', stage: 'dev' },
    ]);
    const result = await rest.handle(new Request('https://api.example.com/v1/items'));
    expect(result.response.status).toBe(200);
    expect(result.trace.stage).toBe('dev');
    expect((invocations[0]!.event as { path: string }).path).toBe('/v1/items');
  });

  it('names its Region and account, by default us-east-1 and 123456789012', () => {
    const invoke = async () => ({ kind: 'result' as const, payload: null, logs: [] });
    expect([new RestGateway({ invoke }).region, new HttpApiGateway({ invoke }).accountId]).toEqual([
      'us-east-1',
      '123456789012',
    ]);
    const elsewhere = new HttpApiGateway({ invoke, region: 'eu-west-1', accountId: '111122223333' });
    expect([elsewhere.region, elsewhere.accountId]).toEqual(['eu-west-1', '111122223333']);
  });
});

describe('StagedGateway through RestGateway and HttpApiGateway: handle', () => {
  it("reads the request's body once and gives the steps' result, for both API types", async () => {
    const { rest, restApi, http, httpApi, invocations } = gateways();
    rest.putStage({ name: 'dev', deploymentId: rest.deploy(restApi).id });
    http.putStage({ name: '$default', deploymentId: http.deploy(httpApi).id });
    const restRequest = new Request(`${ORIGIN}/dev/items`, { method: 'POST', body: 'rest body' });
    const httpRequest = new Request(`${ORIGIN}/items`, { method: 'POST', body: 'http body' });
    const results = [await rest.handle(restRequest), await http.handle(httpRequest)];
    expect(results.map((r) => r.response.status)).toEqual([200, 200]);
    expect(await results[0]!.response.text()).toBe('ok');
    expect([restRequest.bodyUsed, httpRequest.bodyUsed]).toEqual([true, true]);
    expect(invocations.map((i) => (i.event as { body: string }).body)).toEqual(['rest body', 'http body']);
  });

  it("answers a request a step stops with the API type's gateway response", async () => {
    const { rest, restApi } = gateways();
    rest.putStage({ name: 'dev', deploymentId: rest.deploy(restApi).id });
    const result = await rest.handle(new Request(`${ORIGIN}/dev/nothing-here`));
    expect(result.response.status).toBe(403);
    expect(result.trace.gatewayResponseType).toBe('MISSING_AUTHENTICATION_TOKEN');
  });
});

/** A request context of the test gateway: what the steps did, in order. */
class LogContext extends RequestContext<{ tag: string }> {
  readonly log: string[] = [];
}

/** A StagedGateway of the test's own: its steps, its contexts, and what its renderError saw. */
class LogGateway extends StagedGateway<{ id: string }, LogContext> {
  readonly rendered: GatewayError[] = [];
  readonly contexts: LogContext[] = [];
  readonly newContextArgs: unknown[][] = [];

  constructor(protected readonly steps: readonly Step<LogContext>[]) {
    super({ invoke: async () => ({ kind: 'result', payload: null, logs: [] }), now: () => EPOCH_MS });
  }

  protected newContext(
    method: string,
    href: string,
    rawHeaders: HeaderList,
    body: Uint8Array | null,
    options: HandleOptions,
    started: number,
    epochMs: number,
  ): LogContext {
    this.newContextArgs.push([method, href, rawHeaders, body, options, epochMs]);
    const trace = newTrace('req-1', 'ext-1', method, epochMs, options);
    const context = new LogContext({ tag: 'services' }, method, href, rawHeaders, body, started, epochMs, trace);
    this.contexts.push(context);
    return context;
  }

  protected renderError(context: LogContext, error: GatewayError): void {
    this.rendered.push(error);
    context.log.push(`rendered ${error.response.type}`);
    context.result = answer(context, error.response.status, error.response.body);
  }
}

const answer = (context: LogContext, status: number, body: string): GatewayResult =>
  finishBuffered(context.trace, context.started, status, [], new TextEncoder().encode(body), []);

const logs =
  (name: string): Step<LogContext> =>
  (context) => {
    context.log.push(name);
  };
const answers: Step<LogContext> = (context) => {
  context.log.push('answer');
  context.result = answer(context, 200, context.log.join(','));
};
const STOP = new GatewayError(
  { type: 'STOPPED', status: 429, body: 'stopped', contentType: 'text/plain', errorType: 'X' },
  'why',
);

describe("StagedGateway: serving with the API type's steps", () => {
  it('gives newContext the request as it arrived: method, URL, headers, body bytes, options and the time', async () => {
    const gateway = new LogGateway([answers]);
    const options = { sourceIp: '203.0.113.9', rawHeaders: [['X-Raw', 'as sent']] as HeaderList };
    await gateway.handle(new Request(`${ORIGIN}/a?b=1`, { method: 'PUT', body: 'bytes' }), options);
    const [method, href, rawHeaders, body, given, epochMs] = gateway.newContextArgs[0]!;
    expect([method, href, rawHeaders, given, epochMs]).toEqual([
      'PUT',
      `${ORIGIN}/a?b=1`,
      [['X-Raw', 'as sent']],
      options,
      EPOCH_MS,
    ]);
    expect(new TextDecoder().decode(body as Uint8Array)).toBe('bytes');
  });

  it("takes the Fetch request's headers when no raw headers are given, and no body as null", async () => {
    const gateway = new LogGateway([answers]);
    await gateway.handle(new Request(`${ORIGIN}/a`, { headers: { 'x-thing': '1' } }));
    const [, , rawHeaders, body] = gateway.newContextArgs[0]!;
    expect([rawHeaders, body]).toEqual([[['X-Thing', '1']], null]);
  });

  it('runs the steps in order, awaiting the asynchronous ones, and gives the result they leave', async () => {
    const later: Step<LogContext> = async (context) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      context.log.push('async');
    };
    const gateway = new LogGateway([logs('a'), later, logs('b'), later, answers]);
    const result = await gateway.handle(new Request(`${ORIGIN}/`));
    expect(await result.response.text()).toBe('a,async,b,async,answer');
    expect(result).toBe(gateway.contexts[0]!.result);
    expect(gateway.rendered).toEqual([]);
  });

  it('renders a GatewayError a step throws with renderError, and runs no later step', async () => {
    const stops: Step<LogContext> = () => {
      throw STOP;
    };
    const gateway = new LogGateway([logs('a'), stops, answers]);
    const result = await gateway.handle(new Request(`${ORIGIN}/`));
    expect(gateway.rendered).toEqual([STOP]);
    expect(gateway.contexts[0]!.log).toEqual(['a', 'rendered STOPPED']);
    expect([result.response.status, await result.response.text()]).toEqual([429, 'stopped']);
  });

  it('renders a GatewayError an asynchronous step rejects with', async () => {
    const rejects: Step<LogContext> = () => Promise.reject(STOP);
    const gateway = new LogGateway([rejects, answers]);
    const result = await gateway.handle(new Request(`${ORIGIN}/`));
    expect(gateway.rendered).toEqual([STOP]);
    expect(result.response.status).toBe(429);
  });

  it('lets what is not a GatewayError propagate from handle, unrendered', async () => {
    const bug = new TypeError('a bug in a step');
    const breaks: Step<LogContext> = () => {
      throw bug;
    };
    const gateway = new LogGateway([breaks, answers]);
    await expect(gateway.handle(new Request(`${ORIGIN}/`))).rejects.toBe(bug);
    expect(gateway.rendered).toEqual([]);
  });
});

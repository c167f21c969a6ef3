/**
 * SandboxRun.stages: two stages at once, each serving its own deployment (the reader's edited definition
 * deployed to dev, the original still deployed to prod), the request going to the stage the run names.
 */
import { describe, expect, it } from 'vitest';
import type { LambdaInvoker } from '../../src/emulator/index.js';
import { loadExample } from '../../src/examples/load-node.js';
import { runInGateway } from '../../src/runtime/run-in-gateway.js';
import type { SandboxRun } from '../../src/runtime/types.js';

const example = loadExample('examples/mapping-template');
const { manifest } = example;
const original = example.definition;
const edited = original.replace(
  '"stage": "$context.stage",',
  '"stage": "$context.stage", "verb": "$context.httpMethod",',
);

/** Answers with the event it received, so the test sees what each deployment's request template produced. */
const echo: LambdaInvoker = async (inv) => ({
  kind: 'result',
  payload: { statusCode: 200, event: inv.event },
  logs: [],
});

function runOn(stage: 'dev' | 'prod', stages: SandboxRun['stages']): SandboxRun {
  return {
    language: 'typescript',
    handlerSource: '',
    definition: original,
    apiId: manifest.apiId,
    ...(manifest.endpointType ? { endpointType: manifest.endpointType } : {}),
    stage,
    invokeUrl: `https://${manifest.apiId}.execute-api.us-east-1.amazonaws.com/${stage}`,
    functionName: 'item_lookup',
    handlerName: 'handler',
    moduleName: 'item_lookup',
    ...(stages ? { stages } : {}),
    request: { method: 'GET', path: '/items/1', headers: [], body: null },
  };
}

const twoDeployments: SandboxRun['stages'] = [
  { name: 'dev', definition: edited, variables: manifest.stages!.dev! },
  { name: 'prod', definition: original, variables: manifest.stages!.prod! },
];

describe('runInGateway with stages: two stages, two deployments', () => {
  it('the edit exists in the test data', () => {
    expect(edited).not.toBe(original);
  });

  it('dev serves the edited definition (a new deployment)', async () => {
    const outcome = await runInGateway(runOn('dev', twoDeployments), echo, { runtime: 'worker' });
    expect(outcome.event).toMatchObject({ stage: 'dev', table: 'items-dev', verb: 'GET' });
  });

  it('prod keeps serving the original deployment, with its own stage variables', async () => {
    const outcome = await runInGateway(runOn('prod', twoDeployments), echo, { runtime: 'worker' });
    expect(outcome.event).toMatchObject({ stage: 'prod', table: 'items-prod' });
    expect(outcome.event).not.toHaveProperty('verb');
  });

  it('stages of the same definition serve the same deployment', async () => {
    const same = twoDeployments!.map((s) => ({ ...s, definition: original }));
    const dev = await runInGateway(runOn('dev', same), echo, { runtime: 'worker' });
    expect(dev.event).toMatchObject({ stage: 'dev', table: 'items-dev' });
    expect(dev.event).not.toHaveProperty('verb');
  });

  it('refuses a stage that is not among the stages', async () => {
    await expect(runInGateway(runOn('prod', [twoDeployments![0]!]), echo, { runtime: 'worker' })).rejects.toThrow(
      /stage "prod" is not among/,
    );
  });

  it('without stages, the one stage serves run.definition as before', async () => {
    const outcome = await runInGateway(
      { ...runOn('dev', undefined), definition: edited, stageVariables: manifest.stages!.dev! },
      echo,
      { runtime: 'worker' },
    );
    expect(outcome.event).toMatchObject({ stage: 'dev', verb: 'GET' });
  });
});

import { stableId } from './ids.js';

/** A named stage pointing at one deployment, with its stage variables. */
export interface Stage {
  name: string;
  deploymentId: string;
  variables: Record<string, string>;
}

/** An immutable snapshot of an API of either kind, as CreateDeployment makes it. */
export interface DeploymentOf<A> {
  id: string;
  createdDate: Date;
  description: string;
  api: Readonly<A>;
}

/** A stage's name: letters, digits, `-` and `_`. https://docs.aws.amazon.com/apigateway/latest/api/API_CreateStage.html */
const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Deployments (frozen snapshots) and the stages that serve them, shared by the REST and HTTP API
 * gateways. `extraStageNames` are names the API type allows besides the usual ones (`$default`).
 */
export class StageRegistry<A extends { id: string }> {
  readonly #deployments = new Map<string, DeploymentOf<A>>();
  readonly #stages = new Map<string, Stage>();
  readonly #now: () => number;
  readonly #extraStageNames: readonly string[];

  constructor(now: () => number, extraStageNames: readonly string[] = []) {
    this.#now = now;
    this.#extraStageNames = extraStageNames;
  }

  /** CreateDeployment: freezes a snapshot of the API; later changes to `api` do not affect it. */
  deploy(api: A, description = ''): DeploymentOf<A> {
    const snapshot = deepFreeze(structuredClone(api));
    const id = stableId(`${api.id}:${this.#deployments.size}:${JSON.stringify(api)}`, 6);
    const deployment: DeploymentOf<A> = { id, createdDate: new Date(this.#now()), description, api: snapshot };
    this.#deployments.set(id, deployment);
    return deployment;
  }

  /** CreateStage / UpdateStage: points a stage at a deployment, with its stage variables. */
  putStage(stage: { name: string; deploymentId: string; variables?: Record<string, string> }): Stage {
    if (!this.#deployments.has(stage.deploymentId)) throw new Error(`no deployment "${stage.deploymentId}"`);
    if (!this.#extraStageNames.includes(stage.name) && !STAGE_NAME.test(stage.name)) {
      const extra = this.#extraStageNames.map((n) => `"${n}", or `).join('');
      throw new Error(`invalid stage name "${stage.name}" (${extra}letters, digits, - and _ only)`);
    }
    const value: Stage = {
      name: stage.name,
      deploymentId: stage.deploymentId,
      variables: { ...(stage.variables ?? {}) },
    };
    this.#stages.set(stage.name, value);
    return value;
  }

  /** A deployment by id. */
  deployment(id: string): DeploymentOf<A> | undefined {
    return this.#deployments.get(id);
  }

  /** The stages, in creation order. */
  stages(): Stage[] {
    return [...this.#stages.values()];
  }

  /** A stage by name. */
  stage(name: string): Stage | undefined {
    return this.#stages.get(name);
  }

  /** The deployment a stage serves. */
  deploymentOf(stage: Stage | string | undefined): DeploymentOf<A> | undefined {
    const s = typeof stage === 'string' ? this.#stages.get(stage) : stage;
    return s && this.#deployments.get(s.deploymentId);
  }
}

/** Freezes an object graph (deployments are immutable snapshots). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

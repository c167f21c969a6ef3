/**
 * Step Functions' API errors (400 + `{"__type","message"}`, JSON 1.0) and the errors a state raises while an execution
 * runs (`States.Runtime`, `States.TaskFailed`, a Lambda function's `errorType`, …).
 */

/**
 * An API error answered as `400 {"__type": type, "message": message}`. Assumption (L, research §1.5/§7): the `__type`
 * is written without a namespace prefix; the names and messages are the AWS-validated ones
 * (localstack tests/aws/services/stepfunctions/v2/test_sfn_api.py snapshots).
 */
export class SfnApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** An error raised inside an execution: `Error`/`Cause` as Retry/Catch match them and ExecutionFailed reports them. */
export class StatesError extends Error {
  constructor(
    readonly error: string,
    override readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
  }
}

/** `States.Runtime`: a path that finds nothing, an intrinsic given the wrong arguments (never retried by States.ALL). */
export function runtimeError(cause: string): StatesError {
  return new StatesError('States.Runtime', cause);
}

/** The execution was stopped (StopExecution): unwinds the runner without a Catch seeing it. */
export class ExecutionAborted extends Error {}

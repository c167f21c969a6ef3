/**
 * Step Functions' API errors (400 + `{"__type","message"}`, JSON 1.0) and the errors a state raises while an execution
 * runs (`States.Runtime`, `States.TaskFailed`, a Lambda function's `errorType`, …).
 */

/**
 * An API error answered as `400 {"__type": "{namespace}#{type}", "message": message}`. The names and messages are the
 * AWS-validated ones (research §1.5: localstack tests/aws/services/stepfunctions/v2/test_sfn_api.py snapshots). The
 * namespace (research §7 left it open): service errors `com.amazonaws.swf.service.v2.model#`, input validation
 * `com.amazon.coral.validate#ValidationException` — as a public AWS client's tests assert against AWS
 * (`com.amazonaws.swf.service.v2.model#ActivityDoesNotExist`, `…#InvalidToken`; found with find_string, M), and as the
 * AWS SDK's deserializers list them (`case "com.amazonaws.swf.service.v2.model#ActivityLimitExceeded"`).
 * `com.amazon.coral.service#` for SerializationException / UnknownOperationException is an assumption (L).
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

/** The `__type` written on the wire for an error name. */
export function wireErrorType(type: string): string {
  if (type === 'ValidationException') return 'com.amazon.coral.validate#ValidationException';
  if (type === 'SerializationException' || type === 'UnknownOperationException' || type === 'InternalFailure')
    return `com.amazon.coral.service#${type}`;
  return `com.amazonaws.swf.service.v2.model#${type}`;
}

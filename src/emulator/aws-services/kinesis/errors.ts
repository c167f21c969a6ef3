/** Kinesis's JSON 1.1 errors: `400` + `{"__type": …, "message": …}` (SerializationException writes `Message`). */

export class KinesisError extends Error {
  constructor(
    readonly type: string,
    message: string | undefined,
    /** SerializationException's member is `Message`, capital M (captured from AWS: research §1.4). */
    readonly capitalMessage = false,
  ) {
    super(message ?? '');
  }

  /** The wire body: `{"__type","message"}`, or `{"__type"}` alone when there is no message (UnknownOperationException). */
  body(): string {
    if (!this.message) return JSON.stringify({ __type: this.type });
    return JSON.stringify({ __type: this.type, [this.capitalMessage ? 'Message' : 'message']: this.message });
  }
}

/** A missing stream, worded as kinesalite reproduces AWS (research §1.4 [RUN], M). */
export function streamNotFound(name: string, accountId: string): KinesisError {
  return new KinesisError('ResourceNotFoundException', `Stream ${name} under account ${accountId} not found.`);
}

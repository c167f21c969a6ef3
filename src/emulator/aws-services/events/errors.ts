/** EventBridge's JSON 1.1 errors: `400` + `{"__type": …, "message": …}`. */
export class EventsError extends Error {
  constructor(
    readonly type: string,
    message?: string,
  ) {
    super(message ?? '');
  }

  body(): string {
    return JSON.stringify(this.message ? { __type: this.type, message: this.message } : { __type: this.type });
  }
}

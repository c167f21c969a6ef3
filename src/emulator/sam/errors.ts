/** A template the emulator cannot read: the message is one line naming the resource and property. */
export class TemplateError extends Error {
  override name = 'TemplateError';
}

/** `Resources.MyApi.Properties.StageName: …` — the one-line message shape every template error uses. */
export function templateError(where: string, message: string): TemplateError {
  return new TemplateError(`${where}: ${message}`);
}

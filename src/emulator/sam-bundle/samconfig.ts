/**
 * samconfig.toml (research §4, https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-cli-config.html):
 * `version = 0.1`, the stack name for every command, and what `sam deploy` would otherwise ask.
 */

/** A TOML basic string (quotes, backslashes and control characters escaped). */
export function tomlString(value: string): string {
  const escaped = value.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => {
    const named: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r' };
    return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `"${escaped}"`;
}

export function samconfigToml(stackName: string, region: string): string {
  return [
    'version = 0.1',
    '',
    '[default.global.parameters]',
    `stack_name = ${tomlString(stackName)}`,
    '',
    '[default.deploy.parameters]',
    `region = ${tomlString(region)}`,
    // Only CAPABILITY_IAM: the functions' execution roles are created by SAM (sam-cli-command-reference-sam-deploy).
    'capabilities = "CAPABILITY_IAM"',
    'confirm_changeset = true',
    // sam deploy creates (and reuses) a bucket for the code instead of asking for one.
    'resolve_s3 = true',
    '',
  ].join('\n');
}

/**
 * The `@connections` path: `/{stage}/@connections/{connectionId}` (the `@` may come percent-encoded, `%40connections`,
 * as AWS's awscurl example sends it; the id is percent-decoded: `R0oXAdfD0kwCH6w%3D`).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-how-to-call-websocket-api-connections.html
 */
const MANAGEMENT_PATH = /^\/([^/]+)\/(?:@|%40)connections(?:\/([^/]*))?\/?$/i;

/** The stage and connection id a management path names; null when it is not one. */
export function parseManagementPath(pathname: string): { stage: string; connectionId: string } | null {
  const match = MANAGEMENT_PATH.exec(pathname);
  if (!match) return null;
  try {
    return { stage: decodeURIComponent(match[1]!), connectionId: decodeURIComponent(match[2] ?? '') };
  } catch {
    return null;
  }
}

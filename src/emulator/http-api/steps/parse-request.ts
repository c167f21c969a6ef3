import { lastHeader } from '../../shared/headers.js';
import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import { splitUrl } from '../../shared/request-url.js';
import type { HttpApiRequestContext } from '../context.js';
import { HTTP_API_MAX_PAYLOAD_BYTES, HTTP_API_RESPONSES } from '../responses.js';

/** Reads the request: refuses a body over the 10 MB payload quota (413), splits the URL, and finds the Host. */
export function parseRequest(context: HttpApiRequestContext): void {
  const { body } = context;
  if (body && body.length > HTTP_API_MAX_PAYLOAD_BYTES) {
    throw new GatewayError(
      HTTP_API_RESPONSES.REQUEST_TOO_LARGE,
      `request body of ${body.length} bytes exceeds the 10 MB payload quota`,
    );
  }
  const url = splitUrl(context.href);
  context.url = url;
  context.host = lastHeader(context.rawHeaders, 'host') ?? url.host;
}

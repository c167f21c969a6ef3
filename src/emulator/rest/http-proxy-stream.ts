/**
 * HTTP_PROXY with `responseTransferMode: STREAM`: "API Gateway won't send the HTTP response status code or any HTTP
 * response headers until it fully receives all headers", then passes the body on as it comes.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/response-streaming-http.html
 *
 * The HTTP_PROXY path (rest/non-proxy.ts) reads the endpoint's response whole. Given the `fetch` this module wraps,
 * it receives the status and headers (as soon as `fetch` resolves, which is when all headers have arrived) with an
 * empty body, while the real body is held here for the gateway to stream: the request mapping, the timeout until the
 * headers and the header rules stay those of the buffered path.
 */

/** A `fetch` whose responses come without their body, and the body it held back from the last one. */
export interface HeldBodyFetch {
  fetch: typeof fetch;
  /** The body of the response `fetch` last returned (null when it had none, or before any call). */
  body(): ReadableStream<Uint8Array> | null;
}

/** Wraps `fetchFn` so that the body of its response is held back (see the module comment). One per request. */
export function holdResponseBody(fetchFn: typeof fetch): HeldBodyFetch {
  let held: ReadableStream<Uint8Array> | null = null;
  const wrapped = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const response = await fetchFn(input, init);
    held = response.body;
    return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return { fetch: wrapped as typeof fetch, body: () => held };
}

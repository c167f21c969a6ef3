import type { AwsServiceName, AwsServices, ServiceRequest, ServiceResponse } from '../emulator/aws-services/types.js';

/** Resolves the credentials requests are signed with (the SDK's default chain unless given). */
export type CredentialsProvider = () => Promise<{
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}>;

/** Where each remote service's requests go (`--aws-endpoint URL` or `sqs=URL,kinesis=URL,…`). */
export type RemoteEndpoints = Partial<Record<AwsServiceName, string>>;

/** The name a service signs with (the SigV4 scope's service): the endpoint prefix for all five. */
const SIGNING_NAME: Record<AwsServiceName, string> = {
  sqs: 'sqs',
  kinesis: 'kinesis',
  states: 'states',
  events: 'events',
  dynamodb: 'dynamodb',
};

/**
 * AWS services some of which are real endpoints (LocalStack, ElasticMQ, DynamoDB Local, dynalite, AWS itself): a
 * request for a named service is sent as it is — the integration's exact wire request, not re-built by an SDK client
 * (research §4) — signed with SigV4 for the service and the request's Region, with credentials from the SDK's
 * default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN, profiles, …); the others go to `fallback`
 * (the embedded services). A network failure rejects: the integration then answers as for an unreachable endpoint.
 */
export class RemoteAwsServices implements AwsServices {
  readonly #endpoints: RemoteEndpoints;
  readonly #fallback: AwsServices;
  #credentials: CredentialsProvider | undefined;
  readonly #fetch: typeof fetch;

  constructor(
    endpoints: RemoteEndpoints,
    fallback: AwsServices,
    options: { credentials?: CredentialsProvider; fetch?: typeof fetch } = {},
  ) {
    this.#endpoints = endpoints;
    this.#fallback = fallback;
    this.#credentials = options.credentials;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  endpointOf(service: AwsServiceName): string {
    return this.#endpoints[service] ?? this.#fallback.endpointOf?.(service) ?? 'embedded';
  }

  async call(request: ServiceRequest): Promise<ServiceResponse> {
    const endpoint = this.#endpoints[request.service];
    if (endpoint === undefined) return this.#fallback.call(request);
    // The path is the service's own (`/123456789012/orders`, `/?Action=…`), after the endpoint's path prefix if any.
    const url = new URL(`${endpoint.replace(/\/+$/, '')}${request.path}`);
    const query: Record<string, string | string[]> = {};
    url.searchParams.forEach((value, name) => {
      const known = query[name];
      query[name] = known === undefined ? value : Array.isArray(known) ? [...known, value] : [known, value];
    });
    const headers: Record<string, string> = { host: url.host };
    for (const [name, value] of request.headers) headers[name.toLowerCase()] = value;
    // The signer and the credential chain load on the first remote call (the CLI starts without them).
    const [{ SignatureV4 }, { Sha256 }] = await Promise.all([
      import('@smithy/signature-v4'),
      import('@aws-crypto/sha256-js'),
    ]);
    this.#credentials ??= (await import('@aws-sdk/credential-provider-node')).defaultProvider();
    const signer = new SignatureV4({
      service: SIGNING_NAME[request.service],
      region: request.region,
      credentials: this.#credentials,
      sha256: Sha256,
    });
    const signed = await signer.sign({
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query,
      headers,
      body: request.body,
    });
    const sent = new Headers();
    for (const [name, value] of Object.entries(signed.headers)) if (name !== 'host') sent.set(name, String(value));
    const response = await this.#fetch(url.href, {
      method: request.method,
      headers: sent,
      body: request.method === 'GET' || request.method === 'HEAD' ? null : (request.body as BodyInit),
      redirect: 'manual',
    });
    const responseHeaders: Array<[string, string]> = [];
    response.headers.forEach((value, name) => responseHeaders.push([name, value]));
    return { status: response.status, headers: responseHeaders, body: await response.text() };
  }
}

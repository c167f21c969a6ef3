/**
 * The HTTP service behind the API: a stand-in for an application on EC2, ECS or EKS behind a load balancer.
 * Web-standard (`Request` in, `Response` out), so the same module answers in Node (upstream-server.mjs) and in the
 * page's sandbox. Every answer echoes what the service received (method, path, query, a few headers), so you can
 * see what API Gateway sent it.
 *
 *   GET  /orders/{id}  200 with the order, or 404 (ids 1 to 9 exist)
 *   POST /orders       201 with the new order; 422 when quantity is not a positive whole number
 *   anything else      404
 */

/** The request headers the service echoes back (names as the Fetch API gives them, lower-case). */
const ECHOED = ['accept', 'content-type', 'user-agent', 'x-customer-id', 'x-amzn-apigateway-api-id'];

const ITEMS = ['Laptop', 'Phone', 'Tablet', 'Monitor', 'Keyboard', 'Mouse', 'Headphones', 'Camera', 'Printer'];

/** What the service received: the part of each answer that shows what API Gateway sent. */
function received(request: Request, body: string) {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  for (const name of ECHOED) {
    const value = request.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  return { method: request.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body };
}

/** A JSON answer with the headers a typical web server sends (Date, Content-Length, Connection). */
function json(status: number, value: unknown): Response {
  const text = JSON.stringify(value);
  return new Response(text, {
    status,
    headers: {
      'Content-Type': 'application/json',
      'Content-Length': String(new TextEncoder().encode(text).length),
      Date: new Date().toUTCString(),
      Connection: 'keep-alive',
    },
  });
}

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const echo = received(request, body);
    const get = /^\/orders\/([^/]+)$/.exec(url.pathname);
    if (get && request.method === 'GET') {
      const id = decodeURIComponent(get[1]!);
      const n = Number(id);
      if (!Number.isInteger(n) || n < 1 || n > ITEMS.length) return json(404, { message: `no order ${id}`, received: echo });
      return json(200, { order: { id, item: ITEMS[n - 1], quantity: 1, status: 'SHIPPED' }, received: echo });
    }
    if (url.pathname === '/orders' && request.method === 'POST') {
      let input: { order?: { sku?: unknown; quantity?: unknown; customerId?: unknown } };
      try {
        input = JSON.parse(body) as typeof input;
      } catch {
        return json(400, { message: 'the body is not JSON', received: echo });
      }
      const { sku, quantity, customerId } = input.order ?? {};
      if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) {
        return json(422, { message: 'quantity must be a positive whole number', received: echo });
      }
      return json(201, { order: { id: '1001', sku, quantity, customerId, status: 'PENDING' }, received: echo });
    }
    return json(404, { message: `no route for ${request.method} ${url.pathname}`, received: echo });
  },
};

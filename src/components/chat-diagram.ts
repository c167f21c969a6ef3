/**
 * The chat's live sequence diagram: what flowed between the clients, API Gateway and Lambda, drawn as SVG from the
 * sandbox's events (no Mermaid in the page), newest at the bottom, and the same arrows as a list for screen readers.
 */
import type { ChatSandboxEvent, ChatTrace } from './chat-types.js';

export const GATEWAY = 'API Gateway';
export const LAMBDA = 'Lambda';

export interface Arrow {
  from: string;
  to: string;
  label: string;
  /** A reply or a close (drawn dashed). */
  reply?: boolean;
  at: number;
}

/** `{"action":"sendmessage",…}` shortened to `max` characters. */
export const shorten = (text: string, max = 48) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The status a Lambda result carries (`{statusCode: 200}` → `200`), or `error`. */
function resultLabel(lambda: NonNullable<ChatTrace['lambda']>): string {
  if (lambda.error !== undefined) return 'error';
  const r = lambda.result as { statusCode?: unknown } | null | undefined;
  return r && typeof r === 'object' && r.statusCode !== undefined ? `statusCode ${String(r.statusCode)}` : 'result';
}

/**
 * The arrows the events make, in time order: frames between a client and the gateway, the gateway's invocations of
 * Lambda and their results, the function's @connections calls, refusals and closes.
 */
export function arrowsOf(events: readonly ChatSandboxEvent[]): Arrow[] {
  const clientOf = new Map<string, string>();
  const arrows: Arrow[] = [];
  /** Each client's $connect traces (start, end): an open or a refusal is drawn after the $connect that decided it. */
  const connects = new Map<string, Array<{ start: number; end: number }>>();
  for (const e of events) {
    if (e.type === 'open') clientOf.set(e.connectionId, e.client);
    if (e.type === 'trace' && e.client) clientOf.set(e.trace.connectionId, e.client);
  }
  for (const e of events) {
    if (e.type !== 'trace' || e.trace.kind !== 'CONNECT') continue;
    const client = e.client ?? clientOf.get(e.trace.connectionId);
    if (!client) continue;
    const list = connects.get(client) ?? [];
    list.push({ start: e.trace.startedAt, end: e.trace.startedAt + e.trace.durationMs });
    connects.set(client, list);
  }
  /** `at`, or just after the end of the client's last $connect that started by then (clocks of page and worker differ). */
  const afterConnect = (client: string, at: number) => {
    const last = (connects.get(client) ?? []).filter((c) => c.start <= at + 1).at(-1);
    return last ? Math.max(at, last.end + 0.002) : at;
  };
  for (const e of events) {
    switch (e.type) {
      case 'open':
        arrows.push({
          from: GATEWAY,
          to: e.client,
          label: `connected (${e.connectionId})`,
          reply: true,
          at: afterConnect(e.client, e.at),
        });
        break;
      case 'refused':
        arrows.push({
          from: GATEWAY,
          to: e.client,
          label: `refused: ${e.status}`,
          reply: true,
          at: afterConnect(e.client, e.at),
        });
        break;
      case 'frame':
        arrows.push(
          e.direction === 'sent'
            ? { from: e.client, to: GATEWAY, label: shorten(e.data), at: e.at }
            : { from: GATEWAY, to: e.client, label: shorten(e.data), at: e.at },
        );
        break;
      case 'close':
        arrows.push({
          from: GATEWAY,
          to: e.client,
          label: `closed ${e.code}${e.reason ? ` ${e.reason}` : ''}`,
          reply: true,
          at: e.at,
        });
        break;
      case 'trace': {
        const t = e.trace;
        const start = t.startedAt;
        const end = t.startedAt + t.durationMs;
        if (t.kind === 'CONNECT') {
          const client = e.client ?? clientOf.get(t.connectionId) ?? t.connectionId;
          arrows.push({ from: client, to: GATEWAY, label: 'connect (upgrade request)', at: start - 0.001 });
        }
        if (t.authorizer) {
          arrows.push({ from: GATEWAY, to: LAMBDA, label: `authorizer ${t.authorizer.functionName}`, at: start });
          arrows.push({ from: LAMBDA, to: GATEWAY, label: t.authorizer.decision, reply: true, at: start + 0.0005 });
        }
        if (t.kind === 'MANAGEMENT' && t.management) {
          const caller = t.management.caller ? LAMBDA : GATEWAY;
          const status = t.status !== undefined ? ` → ${t.status}` : '';
          const path = t.management.path.replace(/^.*\/(@connections\/)/, '$1');
          arrows.push({ from: caller, to: GATEWAY, label: `${t.management.method} ${path}${status}`, at: start });
        } else if (t.lambda) {
          arrows.push({ from: GATEWAY, to: LAMBDA, label: `invoke ${t.routeKey ?? t.kind}`, at: start + 0.001 });
          arrows.push({ from: LAMBDA, to: GATEWAY, label: resultLabel(t.lambda), reply: true, at: end });
        }
        break;
      }
    }
  }
  // Stable: events that happened at the same instant keep the order the sandbox reported them in.
  return arrows
    .map((a, i) => ({ a, i }))
    .sort((x, y) => x.a.at - y.a.at || x.i - y.i)
    .map(({ a }) => a);
}

/** An arrow in words: `bob → API Gateway: {"action":"sendmessage"…}`. */
export const arrowText = (a: Arrow) => `${a.from} → ${a.to}: ${a.label}`;

const escapeXml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export const LANE_WIDTH = 130;
export const ROW_HEIGHT = 28;
const HEAD = 26;

/** The x of each lane's line: the clients, then the gateway and Lambda. */
function laneX(clients: readonly string[]): { lanes: string[]; x: (lane: string) => number; width: number } {
  const lanes = [...clients, GATEWAY, LAMBDA];
  const x = (lane: string) => {
    const i = lanes.indexOf(lane);
    return (i < 0 ? lanes.length - 2 : i) * LANE_WIDTH + LANE_WIDTH / 2;
  };
  return { lanes, x, width: lanes.length * LANE_WIDTH };
}

/** The lanes' names as an SVG strip, shown above the diagram (which scrolls under it). */
export function diagramHeadSvg(clients: readonly string[]): string {
  const { lanes, x, width } = laneX(clients);
  const names = lanes.map(
    (lane) => `<text x="${x(lane)}" y="17" text-anchor="middle" class="chat-lane-name">${escapeXml(lane)}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${HEAD}" class="chat-diagram-svg" aria-hidden="true" focusable="false">${names.join('')}</svg>`;
}

/** The diagram as an SVG string: one lane per client, the gateway and Lambda; one row per arrow. */
export function diagramSvg(arrows: readonly Arrow[], clients: readonly string[]): string {
  const { lanes, x, width } = laneX(clients);
  const height = arrows.length * ROW_HEIGHT + 10;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" class="chat-diagram-svg" aria-hidden="true" focusable="false">`,
    `<defs><marker id="chat-arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="currentColor"/></marker></defs>`,
  );
  for (const lane of lanes) {
    const lx = x(lane);
    parts.push(`<line x1="${lx}" y1="0" x2="${lx}" y2="${height}" class="chat-lane"/>`);
  }
  arrows.forEach((a, i) => {
    const y = i * ROW_HEIGHT + ROW_HEIGHT - 4;
    const x1 = x(a.from);
    const x2 = x(a.to);
    const dir = x2 >= x1 ? 1 : -1;
    const label = shorten(a.label, Math.max(18, Math.floor((Math.abs(x2 - x1) || LANE_WIDTH) / 6.4)));
    parts.push(
      `<g class="chat-arrow${a.reply ? ' chat-arrow-reply' : ''}">`,
      `<title>${escapeXml(arrowText(a))}</title>`,
      `<line x1="${x1 + dir * 3}" y1="${y}" x2="${x2 - dir * 3}" y2="${y}" marker-end="url(#chat-arrowhead)"${a.reply ? ' stroke-dasharray="5 3"' : ''}/>`,
      `<text x="${(x1 + x2) / 2}" y="${y - 5}" text-anchor="middle">${escapeXml(label)}</text>`,
      `</g>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

/**
 * The relay page the server serves at /__sandbox/relay. A WebContainer server is reachable only
 * through its preview origin's service worker, which serves documents of that origin, not the
 * docs page's cross-origin fetches. So the page loads this in a hidden iframe and posts runs to it;
 * it fetches /__sandbox/run same-origin and posts the answer back. The page's origin comes in the
 * URL's fragment and is the only one it talks to.
 */
import { RUN_PATH } from '../protocol.js';

/** The relay page's HTML. */
export function relayPageHtml(): string {
  return `<!doctype html>
<meta charset="utf-8">
<title>apigw-lab relay</title>
<script>
const parentOrigin = decodeURIComponent(location.hash.slice(1));
addEventListener('message', async (e) => {
  const m = e.data;
  if (e.source !== parent || e.origin !== parentOrigin || !m || m.type !== 'apigw-lab:run') return;
  try {
    const res = await fetch(${JSON.stringify(RUN_PATH)}, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: m.body });
    parent.postMessage({ type: 'apigw-lab:reply', id: m.id, status: res.status, text: await res.text() }, parentOrigin);
  } catch (err) {
    parent.postMessage({ type: 'apigw-lab:failed', id: m.id, message: String(err && err.message || err) }, parentOrigin);
  }
});
parent.postMessage({ type: 'apigw-lab:relay-ready' }, parentOrigin);
</script>
`;
}

/**
 * Where a sandbox is relative to the viewport, from two IntersectionObservers shared by every sandbox of the page:
 * `near` (within two screen heights: time to fetch what it needs) and `onScreen` (the reader can see it).
 */
type Watch = { near?: () => void; onScreen?: (visible: boolean) => void };

const watched = new WeakMap<Element, Watch>();
let nearObserver: IntersectionObserver | null = null;
let screenObserver: IntersectionObserver | null = null;

function observers(): { near: IntersectionObserver; screen: IntersectionObserver } | null {
  if (typeof IntersectionObserver === 'undefined') return null;
  nearObserver ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        nearObserver!.unobserve(entry.target);
        watched.get(entry.target)?.near?.();
      }
    },
    { rootMargin: '200% 0px' },
  );
  screenObserver ??= new IntersectionObserver((entries) => {
    for (const entry of entries) watched.get(entry.target)?.onScreen?.(entry.isIntersecting);
  });
  return { near: nearObserver, screen: screenObserver };
}

/** Calls `near` once when `element` first comes within two screens of the viewport, `onScreen` as it enters or leaves it. */
export function watchViewport(element: Element, watch: Watch): void {
  watched.set(element, watch);
  const o = observers();
  if (!o) {
    // No IntersectionObserver: treat every sandbox as near and visible.
    watch.near?.();
    watch.onScreen?.(true);
    return;
  }
  if (watch.near) o.near.observe(element);
  if (watch.onScreen) o.screen.observe(element);
}

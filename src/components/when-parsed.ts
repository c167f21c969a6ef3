/**
 * Resolves once the HTML parser has moved past `element`, so that all its children are there. A custom element
 * defined early (before the page's body is parsed) is connected when its start tag is parsed, children still to come.
 */
export function whenParsed(element: Element): Promise<void> {
  const parsedPast = (): boolean => {
    if (document.readyState !== 'loading') return true;
    for (let node: Node | null = element; node && node !== document; node = node.parentNode)
      if (node.nextSibling) return true;
    return false;
  };
  if (parsedPast()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      observer.disconnect();
      document.removeEventListener('DOMContentLoaded', done);
      resolve();
    };
    const observer = new MutationObserver(() => parsedPast() && done());
    observer.observe(document.documentElement, { childList: true, subtree: true });
    document.addEventListener('DOMContentLoaded', done);
  });
}

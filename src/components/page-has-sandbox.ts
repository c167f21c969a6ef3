/**
 * Whether an MDX page's body renders a live sandbox: a <Sandbox>, or an <Exchange> that does not turn its sandbox off
 * (`sandbox={false}`). The page's head then starts the sandbox's module (starlight/Head.astro).
 */
export function pageHasSandbox(body: string | undefined): boolean {
  if (!body) return false;
  if (/<Sandbox\b/.test(body)) return true;
  for (const tag of body.matchAll(/<Exchange\b[^>]*>/g)) if (!/\bsandbox=\{\s*false\s*\}/.test(tag[0])) return true;
  return false;
}

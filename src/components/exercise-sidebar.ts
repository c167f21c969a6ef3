/**
 * The sidebar's exercise marks: beside each link to a page with exercises (#apigw-exercise-pages, built by
 * exercise-pages.ts), ✓ when all of them passed in this browser, ○ until then; the link's accessible name ends with
 * "exercise done" or "exercise not done yet". Redrawn when a Check records progress, here or in another tab.
 */
import { PROGRESS_EVENT, progressOf } from './exercise-progress.js';

/** The page path a link goes to, with its trailing slash (`/chapters/pricing/`). */
const pathOf = (href: string): string => {
  const path = new URL(href, location.href).pathname;
  return path.endsWith('/') ? path : `${path}/`;
};

/** Draws every mark. L: a page with several exercises is done when all of them passed. */
function drawMarks(): void {
  const data = document.getElementById('apigw-exercise-pages');
  if (!data) return;
  const pages = JSON.parse(data.textContent ?? '{}') as Record<string, string[]>;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('#starlight__sidebar a[href]')) {
    const ids = pages[pathOf(link.href)];
    if (!ids) continue;
    const done = ids.every((id) => progressOf(id) === 'passed');
    let mark = link.querySelector<HTMLElement>('.apigw-exercise-mark');
    if (!mark) {
      mark = document.createElement('span');
      mark.className = 'apigw-exercise-mark';
      link.append(mark);
    }
    mark.toggleAttribute('data-done', done);
    mark.replaceChildren(glyph(done ? '✓' : '○'), hidden(done ? ' exercise done' : ' exercise not done yet'));
  }
}

function glyph(text: string): HTMLElement {
  const span = document.createElement('span');
  span.setAttribute('aria-hidden', 'true');
  span.textContent = text;
  return span;
}

function hidden(text: string): HTMLElement {
  const span = document.createElement('span');
  span.className = 'apigw-visually-hidden';
  span.textContent = text;
  return span;
}

drawMarks();
window.addEventListener(PROGRESS_EVENT, drawMarks);
window.addEventListener('storage', (event) => {
  if (event.key === null || event.key.startsWith('apigw-lab:exercise:')) drawMarks();
});

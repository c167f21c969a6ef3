/**
 * The access-control side of a sandbox (issue #11), loaded only by sandboxes that have it (an authorizer's function,
 * an example's `access`, a documented `auth`): the "Sign in as" and "Sign this request" choices, the fields a run
 * carries for them (`access`, `auth`, `before`, `session`), the Authorizer and Signature panels, and what the comparison
 * with the documented exchange says when a run cannot match it (another user, a cache hit).
 */
import type { ExampleRequest, Language, RequestAuth } from '../examples/types.js';
import type { RunOutcome, RunRequest, SandboxRun } from '../runtime/types.js';
import { authorizerHtml, sentRequestNote, signingHtml } from './access-render.js';
import { requestHtml, type FieldMarks } from './render.js';
import { sessionOf } from './run-session.js';
// Its styles, as text: put in the document by the first sandbox that has these controls (no other page carries them).
import accessCss from './access.css?inline';
import type { SandboxConfig, SandboxDocumented } from './sandbox-config.js';

/** What the sandbox element lends the access controls. */
export interface AccessHost {
  element: HTMLElement;
  config: SandboxConfig;
  documented: SandboxDocumented;
  marks: FieldMarks;
  language(): Language;
}

export interface AccessControls {
  /** The reader's choice: sign in as a user, sign with an access key, or neither. */
  auth(): RequestAuth | undefined;
  /** The fields a run gets: the access setup, the choice, the session, and the documented `before` on a new deployment. */
  runFields(run: SandboxRun): Pick<SandboxRun, 'access' | 'auth' | 'before' | 'session'>;
  /** Shows the authorizer's call, the signature and the request as sent. */
  render(outcome: RunOutcome, run: SandboxRun): void;
  /** Why this run cannot be compared with the documented exchange (another user, a cache hit); null if it can. */
  compareNote(outcome: RunOutcome, run: SandboxRun): string | null;
  /** Back to the documented choice, on a fresh deployment (Reset). */
  reset(): void;
  /** A new deployment on the next run (its session's generation), the reader's choices kept (issue #12: Redeploy). */
  redeploy(): void;
}

let sandboxes = 0;

const sameRequest = (a: RunRequest, b: ExampleRequest): boolean =>
  a.method === b.method &&
  a.path === b.path &&
  (a.body ?? '') === (b.body ?? '') &&
  JSON.stringify(a.headers) === JSON.stringify(b.headers);

/** Whether two auths are the same choice (whatever the order of their fields). */
const sameAuth = (a: RequestAuth | undefined, b: RequestAuth | undefined): boolean => {
  const canonical = (x: RequestAuth | undefined) => JSON.stringify(x ? Object.entries(x).sort() : null);
  return canonical(a) === canonical(b);
};

const authText = (auth: RequestAuth | undefined): string =>
  !auth
    ? 'without signing in or signing'
    : 'signInAs' in auth
      ? `signed in as ${auth.signInAs}`
      : `signed with ${auth.signWith}`;

/** Puts the controls' and panels' styles in the document, once. */
function addStyles(): void {
  if (document.querySelector('style[data-apigw-access]')) return;
  const style = document.createElement('style');
  style.dataset.apigwAccess = '';
  style.textContent = accessCss;
  document.head.append(style);
}

export function attachAccess(host: AccessHost): AccessControls {
  const { element, config } = host;
  addStyles();
  const documentedAuth = config.auth;
  // A key per sandbox and page load: runtimes keep one deployment per session.
  const id = `${config.example}/${config.exchange}#${++sandboxes}:${Date.now().toString(36)}`;
  let generation = 0;
  /** Sessions that already had the documented `before` requests sent. */
  const primed = new Set<string>();
  let lastSent: { auth: RequestAuth | undefined; before: number } = { auth: undefined, before: 0 };

  const signIn = [...element.querySelectorAll<HTMLInputElement>('input[data-sign-in]')];
  const signWith = [...element.querySelectorAll<HTMLInputElement>('input[data-sign-with]')];

  /** The documented sign-in's options (token use, header, scheme) for any user. */
  const signInOptions = (): Omit<Extract<RequestAuth, { signInAs: string }>, 'signInAs'> => {
    if (!documentedAuth || !('signInAs' in documentedAuth)) return {};
    const { signInAs: _user, ...options } = documentedAuth;
    return options;
  };

  const auth = (): RequestAuth | undefined => {
    const user = signIn.find((r) => r.checked)?.value;
    if (user) return { signInAs: user, ...signInOptions() };
    const key = signWith.find((r) => r.checked)?.value;
    if (key) return { signWith: key };
    // No control for it (an example without users or credentials): the documented auth as it is.
    if (signIn.length === 0 && signWith.length === 0) return documentedAuth;
    return undefined;
  };

  // One choice at a time: signing in and signing exclude each other (RequestAuth is one or the other).
  for (const radio of signIn)
    radio.addEventListener('change', () => {
      if (radio.checked && radio.value) for (const r of signWith) r.checked = r.value === '';
    });
  for (const radio of signWith)
    radio.addEventListener('change', () => {
      if (radio.checked && radio.value) for (const r of signIn) r.checked = r.value === '';
    });

  const choose = (value: RequestAuth | undefined) => {
    const user = value && 'signInAs' in value ? value.signInAs : '';
    const key = value && 'signWith' in value ? value.signWith : '';
    for (const r of signIn) r.checked = r.value === user;
    for (const r of signWith) r.checked = r.value === key;
  };

  const box = (name: string) => element.querySelector<HTMLElement>(`[data-${name}-box]`);
  const panel = (name: string) => element.querySelector<HTMLElement>(`[data-panel="${name}"]`);

  /** The Authorizer panel, made when the page has none (a definition the reader gave an authorizer). */
  const authorizerPanel = (): HTMLElement => {
    const existing = panel('authorizer');
    if (existing) return existing;
    const section = document.createElement('section');
    section.className = 'sb-panel';
    section.setAttribute('aria-label', 'Authorizer');
    section.dataset.authorizerBox = '';
    const title = document.createElement('h4');
    title.className = 'sb-panel-title';
    title.textContent = 'Authorizer';
    const pre = document.createElement('pre');
    pre.className = 'apigw-pre';
    pre.dataset.panel = 'authorizer';
    pre.tabIndex = 0;
    pre.setAttribute('role', 'group');
    pre.setAttribute('aria-label', 'Authorizer');
    section.append(title, pre);
    const request = panel('request')!.closest('section')!;
    request.after(section);
    return pre;
  };

  return {
    auth,
    runFields(run) {
      const chosen = auth();
      const session = sessionOf(id, generation, run);
      // The documented exchange's earlier requests, on a new deployment, before the documented request.
      const before =
        config.before &&
        !primed.has(session) &&
        sameRequest(run.request, host.documented.languages[run.language].request)
          ? config.before.map((r) => ({ ...r, body: r.body ?? null }))
          : undefined;
      primed.add(session);
      lastSent = { auth: chosen, before: before?.length ?? 0 };
      return {
        ...(config.access ? { access: config.access } : {}),
        ...(chosen ? { auth: chosen } : {}),
        ...(before ? { before } : {}),
        session,
      };
    },
    render(outcome, run) {
      if (outcome.sentRequest || lastSent.before) {
        const url = element.querySelector('[data-invoke-url]')?.textContent ?? run.invokeUrl;
        panel('request')!.innerHTML =
          `<code>${sentRequestNote(lastSent.auth, lastSent.before)}${requestHtml(url, outcome.sentRequest ?? run.request)}</code>`;
      }
      const authorizerBox = box('authorizer');
      if (outcome.authorizer) {
        const pre = authorizerPanel();
        pre.innerHTML = `<code>${authorizerHtml(outcome.authorizer, host.marks)}</code>`;
        pre.closest('section')!.hidden = false;
      } else if (authorizerBox) {
        panel('authorizer')!.innerHTML =
          '<code><span class="sb-muted">No authorizer ran: the method has none, or the gateway answered before authorizing.</span></code>';
      }
      const signingBox = box('signing');
      if (signingBox) {
        signingBox.hidden = !outcome.signing;
        if (outcome.signing) panel('signing')!.innerHTML = `<code>${signingHtml(outcome.signing)}</code>`;
      }
    },
    compareNote(outcome, run) {
      if (!sameAuth(run.auth, documentedAuth))
        return `The data documented above was sent ${authText(documentedAuth)}; this run was sent ${authText(run.auth)}.`;
      const documented = host.documented.languages[run.language].authorizer;
      if (outcome.authorizer?.cached && documented && !documented.cached)
        return "Cache hit: this run's authorizer answer came from the cache an earlier Run filled, so the function was not called; the data documented above is a first call (edit a function or press Reset to deploy afresh).";
      return null;
    },
    reset() {
      generation++;
      primed.clear();
      choose(documentedAuth);
    },
    redeploy() {
      generation++;
    },
  };
}

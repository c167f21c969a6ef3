/**
 * The sandbox's "Copy as curl" (page side): the button copies the curl command of the sandbox's current request; the
 * <details> beside it shows that command and the `apigw-lab serve` command that serves the example. One delegated
 * listener per document, so the sandbox element only exposes its state (`curlState()`).
 */
import type { CurlCommands, ServeSetup } from './curl-command.js';
import type { Language, RequestAuth } from '../examples/types.js';
import type { RunRequest } from '../runtime/types.js';

/** What a sandbox element tells about its current request (sandbox-element.ts). */
export interface CurlState {
  request: RunRequest;
  api: number;
  language: Language;
  invokeUrl: string;
  viaDomain: boolean;
  /** The sandbox's "Sign in as" or "Sign this request" choice (issue #11). */
  auth?: RequestAuth;
}

type SandboxLike = HTMLElement & { curlState(): CurlState };

const setups = new WeakMap<HTMLElement, ServeSetup>();

let curlModule: Promise<typeof import('./curl-command.js')> | null = null;
/** The commands' builder, loaded on first use (the page's first load carries none of it). */
const loadCurl = () => {
  curlModule ??= import('./curl-command.js');
  curlModule.catch(() => (curlModule = null));
  return curlModule;
};

function setupOf(sandbox: HTMLElement): ServeSetup {
  let setup = setups.get(sandbox);
  if (!setup) {
    setup = JSON.parse(sandbox.querySelector('script[data-serve]')!.textContent!) as ServeSetup;
    setups.set(sandbox, setup);
  }
  return setup;
}

/** The commands for the sandbox's request as it is now; null (with the reason shown) when the form does not read. */
async function commandsOf(sandbox: SandboxLike): Promise<CurlCommands | null> {
  const status = sandbox.querySelector<HTMLElement>('[data-copy-status]')!;
  try {
    const { curlCommands } = await loadCurl();
    return curlCommands({ setup: setupOf(sandbox), ...sandbox.curlState() });
  } catch (error) {
    status.textContent = error instanceof Error ? error.message : String(error);
    return null;
  }
}

/** Writes the commands into the <details> (unchanged text is left alone: a selection in it stays). */
function show(sandbox: SandboxLike, commands: CurlCommands): void {
  const serve = sandbox.querySelector('[data-serve-command]')!;
  if (serve.textContent !== commands.serve) serve.textContent = commands.serve;
  const curl = sandbox.querySelector('[data-curl-command]')!;
  if (curl.textContent !== commands.curl) curl.textContent = commands.curl;
}

async function copy(sandbox: SandboxLike): Promise<void> {
  const commands = await commandsOf(sandbox);
  if (!commands) return;
  show(sandbox, commands);
  const status = sandbox.querySelector<HTMLElement>('[data-copy-status]')!;
  sandbox.dataset.copied = '';
  try {
    if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
    await navigator.clipboard.writeText(commands.curl);
    status.textContent = 'Copied';
    sandbox.dataset.copied = 'clipboard';
  } catch {
    // No clipboard (an insecure origin, a denied permission): show the command, selected, to copy by hand.
    const details = sandbox.querySelector<HTMLDetailsElement>('[data-curl-details]')!;
    details.open = true;
    const pre = sandbox.querySelector<HTMLElement>('[data-curl-command]')!;
    // Focus first: focusing moves the selection.
    pre.focus();
    const range = document.createRange();
    range.selectNodeContents(pre);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    status.textContent =
      'The clipboard is not available: the curl command is selected below, copy it with Ctrl+C (⌘+C).';
    sandbox.dataset.copied = 'selected';
  }
}

const sandboxOf = (target: EventTarget | null): SandboxLike | null => {
  const el = target instanceof Element ? target.closest<HTMLElement>('apigw-sandbox') : null;
  return el && typeof (el as Partial<SandboxLike>).curlState === 'function' ? (el as SandboxLike) : null;
};

/** Listens once per document: clicks on "Copy as curl", the <details> opening, edits while it is open. */
export function listenForCopyAsCurl(doc: Document = document): void {
  const marker = doc.documentElement;
  if (marker.dataset.copyCurl === 'on') return;
  marker.dataset.copyCurl = 'on';
  doc.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('[data-copy-curl]') : null;
    const sandbox = button && sandboxOf(button);
    if (sandbox) void copy(sandbox);
  });
  const refresh = async (event: Event) => {
    const sandbox = sandboxOf(event.target);
    if (!sandbox) return;
    // An edit: what was copied is no longer the request.
    if (event.type !== 'toggle') sandbox.querySelector('[data-copy-status]')!.textContent = '';
    if (!sandbox.querySelector<HTMLDetailsElement>('[data-curl-details]')?.open) return;
    const commands = await commandsOf(sandbox);
    if (commands) show(sandbox, commands);
  };
  // The reader reaches for the button: its module loads meanwhile.
  const warm = (event: Event) => {
    if (event.target instanceof Element && event.target.closest('[data-copy-curl], [data-curl-details]'))
      void loadCurl();
  };
  doc.addEventListener('pointerover', warm, { passive: true });
  doc.addEventListener('focusin', warm);
  // toggle does not bubble: caught on the way down.
  doc.addEventListener('toggle', (event) => void refresh(event), true);
  doc.addEventListener('input', (event) => void refresh(event));
  doc.addEventListener('change', (event) => void refresh(event));
}

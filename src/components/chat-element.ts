/**
 * <apigw-chat>: the eager part of the chat sandbox (ChatSandbox.astro), kept tiny. It defines the element and hands
 * every interaction to the controller (chat-controller.ts), which it imports, with the chat's runtime, when the chat
 * comes within two screens of the viewport or on the reader's first move inside it, whichever is first.
 */
import { watchViewport } from './viewport-watch.js';

type Controller = import('./chat-controller.js').ChatController;

class ChatElement extends HTMLElement {
  #controller: Promise<Controller> | null = null;

  connectedCallback(): void {
    if (this.dataset.ready !== undefined) return;
    this.dataset.ready = '';
    const hand = (event: Event) => void this.controller().then((c) => c.handle(event));
    for (const type of ['click', 'change', 'input', 'focusin', 'keydown', 'pointerover'])
      this.addEventListener(type, hand);
    watchViewport(this, { near: () => void this.controller() });
  }

  /** The controller, loaded once (e2e: `await el.controller()`). */
  controller(): Promise<Controller> {
    this.#controller ??= import('./chat-controller.js').then(({ ChatController }) => new ChatController(this));
    this.#controller.catch(() => (this.#controller = null));
    return this.#controller;
  }
}

if (!customElements.get('apigw-chat')) customElements.define('apigw-chat', ChatElement);

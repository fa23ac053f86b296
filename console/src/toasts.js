import { describeFailure } from './api.js';

// Messages for the dispatcher at the bottom of the screen: errors stay until dismissed (a failed
// action must not pass unnoticed), confirmations fade after a few seconds.
export class Toasts {
  constructor(container, language) {
    this.container = container;
    this.language = language;
  }

  error(text) {
    return this.show(text, 'error', 0);
  }

  info(text) {
    return this.show(text, 'info', 5000);
  }

  // An ApiError (or any error) in words: the server's own text, or that the network failed.
  failure(actionKey, error) {
    return this.error(`${this.language.t(actionKey)}: ${describeFailure(error, this.language)}`);
  }

  show(text, kind, lifetimeMs) {
    // The same message again (a request failing on every retry) is counted, not stacked.
    for (const existing of this.container.children) {
      if (existing.dataset.text !== text || existing.dataset.kind !== kind) continue;
      const count = Number(existing.dataset.count) + 1;
      existing.dataset.count = String(count);
      existing.querySelector('.toast-count').textContent = `×${count}`;
      this.container.append(existing);
      return existing;
    }
    const toast = document.createElement('div');
    toast.dataset.text = text;
    toast.dataset.kind = kind;
    toast.dataset.count = '1';
    toast.className = `toast ${kind}`;
    toast.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    const message = document.createElement('span');
    message.textContent = text;
    const count = document.createElement('span');
    count.className = 'toast-count';
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'toast-close';
    close.textContent = '×';
    close.title = this.language.t('action.dismiss');
    close.addEventListener('click', () => toast.remove());
    toast.append(message, count, close);
    this.container.append(toast);
    // Keep the screen readable: at most five messages, oldest go first.
    while (this.container.children.length > 5) this.container.firstElementChild.remove();
    if (lifetimeMs > 0) setTimeout(() => toast.remove(), lifetimeMs);
    return toast;
  }
}

// Keyboard shortcuts, so a dispatcher on the phone keeps both eyes on the screen:
//   N new call · / search a place · 1–4 priority · Enter confirm · Esc cancel/close
//   C coverage layer · L language · J/K next/previous incident · ? this help
// Letters act only outside text fields (typing a village name must not toggle layers).
import { escapeHtml } from './legend.js';

export const shortcutList = [
  ['N', 'help.newCall'], ['/', 'help.search'], ['1–4', 'help.priority'], ['Enter', 'help.confirm'], ['Esc', 'help.cancel'],
  ['C', 'help.coverage'], ['L', 'help.language'], ['J / K', 'help.nextIncident'], ['?', 'help.help'],
];

export class Shortcuts {
  constructor(app) {
    this.app = app;
    this.help = app.$('help-dialog');
    app.$('btn-help').addEventListener('click', () => this.showHelp());
    app.$('btn-language').addEventListener('click', () => app.language.toggle());
    app.doc.addEventListener('keydown', (event) => this.onKey(event));
  }

  onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    const app = this.app;
    const typing = isTextField(event.target);
    if (event.key === 'Escape') {
      if (this.help.open || app.settings.isOpen()) return;   // the dialog closes itself
      if (app.callPanel.isOpen()) { event.preventDefault(); app.callPanel.close(); }
      return;
    }
    if (event.key === 'Enter') {
      // In the call form the form's own handlers confirm; elsewhere Enter confirms an open call.
      if (app.callPanel.isOpen() && !typing && !isButton(event.target)) { event.preventDefault(); app.callPanel.confirm(); }
      return;
    }
    if (typing || this.help.open || app.settings.isOpen()) return;
    const key = event.key;
    if (key === 'n' || key === 'N') { event.preventDefault(); app.callPanel.open(); }
    else if (key === '/') { event.preventDefault(); app.callPanel.open(); }
    else if (key === 'c' || key === 'C') app.coverage.toggle();
    else if (key === 'l' || key === 'L') app.language.toggle();
    else if (key === 'j' || key === 'J') app.incidentPanel.step(1);
    else if (key === 'k' || key === 'K') app.incidentPanel.step(-1);
    else if (key === '?') { event.preventDefault(); this.showHelp(); }
    else if (/^[1-4]$/.test(key) && app.callPanel.isOpen()) {
      // The focus moves on to the complaint: the digit must not land there.
      event.preventDefault();
      app.callPanel.setPriority(['critical', 'emergency', 'urgent', 'non_urgent'][Number(key) - 1]);
    }
  }

  showHelp() {
    const t = (k) => this.app.language.t(k);
    this.help.innerHTML = `
      <h2>${escapeHtml(t('help.title'))}</h2>
      <table>${shortcutList.map(([keys, what]) => `<tr><td><kbd>${escapeHtml(keys)}</kbd></td><td>${escapeHtml(t(what))}</td></tr>`).join('')}</table>
      <form method="dialog"><div class="buttons"><button class="primary" autofocus>${escapeHtml(t('action.close'))} <kbd>Esc</kbd></button></div></form>`;
    if (!this.help.open) this.help.showModal();
  }
}

function isTextField(target) {
  if (!target || !target.tagName) return false;
  if (target.isContentEditable) return true;
  if (target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target.tagName === 'INPUT' && !['radio', 'checkbox', 'button', 'submit'].includes(target.type);
}

function isButton(target) {
  return target?.tagName === 'BUTTON';
}

// The settings dialog: the vital-sign alarm thresholds (kept in this browser), checked before
// they are saved; a value out of range says so next to the field.
import { escapeHtml } from './legend.js';
import { defaultThresholds, saveThresholds, thresholdRanges } from './vital_thresholds.js';

const labels = { spo2Below: 'settings.spo2Below', hrAbove: 'settings.hrAbove', hrBelow: 'settings.hrBelow', sysBelow: 'settings.sysBelow' };

export class SettingsDialog {
  constructor(app) {
    this.app = app;
    this.dialog = app.$('settings-dialog');
    app.$('btn-settings').addEventListener('click', () => this.open());
  }

  open(values = this.app.patientPanel.thresholds) {
    const t = (k) => this.app.language.t(k);
    this.dialog.innerHTML = `
      <form method="dialog" class="settings" novalidate>
        <h2>${escapeHtml(t('settings.title'))}</h2>
        <h3>${escapeHtml(t('settings.thresholds'))}</h3>
        ${Object.entries(labels).map(([name, key]) => `
          <label>${escapeHtml(t(key))}<input type="number" name="${name}" min="${thresholdRanges[name][0]}" max="${thresholdRanges[name][1]}" step="1" value="${values[name]}"></label>`).join('')}
        <div class="inline-message error settings-message" role="alert"></div>
        <div class="buttons">
          <button type="submit" class="primary" value="save">${escapeHtml(t('action.save'))}</button>
          <button type="button" class="reset">${escapeHtml(t('action.reset'))}</button>
          <button type="button" class="close">${escapeHtml(t('action.close'))}</button>
        </div>
      </form>`;
    const form = this.dialog.querySelector('form');
    form.addEventListener('submit', (event) => { event.preventDefault(); this.save(form); });
    form.querySelector('.reset').addEventListener('click', () => this.open(defaultThresholds));
    form.querySelector('.close').addEventListener('click', () => this.dialog.close());
    if (!this.dialog.open) this.dialog.showModal();
  }

  save(form) {
    const thresholds = {};
    for (const [name, [min, max]] of Object.entries(thresholdRanges)) {
      const input = form.elements[name];
      const value = Number(input.value);
      if (input.value.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
        form.querySelector('.settings-message').textContent = `${this.app.language.t(labels[name])}: ${this.app.language.t('settings.invalid')} (${min}–${max})`;
        input.focus();
        return;
      }
      thresholds[name] = value;
    }
    saveThresholds(thresholds);
    this.app.patientPanel.setThresholds(thresholds);
    this.app.toasts.info(this.app.language.t('settings.saved'));
    this.dialog.close();
  }

  isOpen() {
    return this.dialog.open;
  }
}

// Patients on board: for every unit with a patient (patient contact, transporting, at hospital
// before handover) its vital signs with a sparkline of the last 30 minutes (history from
// GET /api/units/ID/vitals, then the event stream's vitals events) and an alarm when the latest
// value is outside the thresholds of the settings dialog. An alarm's start is also announced.
import { api } from './api.js';
import { escapeHtml } from './legend.js';
import { drawSparkline } from './sparkline.js';
import { VitalSeries, vitalSigns } from './vital_series.js';
import { alarmOf, loadThresholds } from './vital_thresholds.js';

const withPatient = new Set(['patient_contact', 'transporting', 'at_hospital']);
const shownSigns = ['hr', 'spo2', 'sys', 'rr'];

export class PatientPanel {
  constructor(app) {
    this.app = app;
    this.panel = app.$('patient-panel');
    this.series = new VitalSeries();
    this.thresholds = loadThresholds();
    this.units = [];              // ids shown, in order
    this.loaded = new Set();      // units whose history was fetched
    this.alarms = new Set();      // "unit|sign" now alarming
  }

  setThresholds(thresholds) {
    this.thresholds = thresholds;
    this.app.scheduler.mark('vitals');
  }

  onEvent(type, data) {
    if (type !== 'vitals' || !data.unit) return;
    this.series.add(data.unit, data);
    this.app.scheduler.mark('vitals');
  }

  onResync() {
    // Readings sent while disconnected are in the history: fetch it again for everyone shown.
    this.loaded.clear();
    this.app.scheduler.mark('vitals');
  }

  onLanguage() {
    this.render(true);
  }

  onFrame(changes) {
    if (changes.everything || changes.vitals) return this.render(changes.everything);
    // Units moving redraw nothing here unless one got or lost a patient.
    if (changes.units.size && this.patientUnits().join() !== this.units.join()) this.render(false);
  }

  patientUnits() {
    const ids = [];
    for (const u of this.app.store.units.values()) if (withPatient.has(u.status)) ids.push(u.id);
    return ids.sort();
  }

  async loadHistory(unit) {
    this.loaded.add(unit);
    try {
      const answer = await api(`/api/units/${encodeURIComponent(unit)}/vitals?minutes=30`);
      // Readings that arrived by event while the history was on its way are kept.
      const live = this.series.byUnit.get(unit) ?? [];
      this.series.replace(unit, answer.vitals ?? []);
      for (const r of live) this.series.add(unit, r);
      this.app.scheduler.mark('vitals');
    } catch (error) {
      this.loaded.delete(unit);
      this.app.toasts.failure('patient.loadFailed', error);
    }
  }

  render(rebuild = false) {
    const units = this.patientUnits();
    for (const unit of units) if (!this.loaded.has(unit)) this.loadHistory(unit);
    for (const unit of this.units) if (!units.includes(unit)) { this.series.forget(unit); this.loaded.delete(unit); }
    const structureChanged = rebuild || units.join() !== this.units.join();
    this.units = units;
    this.panel.hidden = units.length === 0;
    if (!units.length) return;
    const t = (k, p) => this.app.language.t(k, p);
    if (structureChanged) {
      this.panel.innerHTML = `<h2>${escapeHtml(t('patient.title'))}</h2>` + units.map((unit) => `
        <div class="vitals-unit" data-unit="${escapeHtml(unit)}">
          <h3>${escapeHtml(unit)} <span class="incident"></span></h3>
          ${shownSigns.map((sign) => `<div class="vital" data-sign="${sign}"><span class="name">${escapeHtml(t(`vital.${sign}`))}</span><span class="value">–</span><canvas></canvas></div>`).join('')}
        </div>`).join('');
    }
    const alarms = new Set();
    for (const unit of units) {
      const block = this.panel.querySelector(`.vitals-unit[data-unit="${CSS.escape(unit)}"]`);
      const info = this.app.store.units.get(unit);
      block.querySelector('.incident').textContent = info?.incident ? `· ${info.incident}` : '';
      let unitAlarm = false;
      for (const sign of shownSigns) {
        const row = block.querySelector(`.vital[data-sign="${sign}"]`);
        const points = this.series.sign(unit, sign);
        const latest = points.length ? points[points.length - 1][1] : null;
        const alarm = alarmOf(sign, latest, this.thresholds);
        row.classList.toggle('alarm', Boolean(alarm));
        row.dataset.points = String(points.length);
        row.querySelector('.value').textContent = latest === null ? '–' : formatValue(sign, latest);
        drawSparkline(row.querySelector('canvas'), points, { alarm: Boolean(alarm) });
        if (alarm) {
          unitAlarm = true;
          const key = `${unit}|${sign}`;
          alarms.add(key);
          if (!this.alarms.has(key)) this.app.toasts.error(t('patient.alarm', { unit, sign: t(`vital.${sign}`), value: formatValue(sign, latest) }));
        }
      }
      block.classList.toggle('alarm', unitAlarm);
    }
    this.alarms = alarms;
  }
}

function formatValue(sign, value) {
  return sign === 'temp' ? value.toFixed(1) : String(Math.round(value));
}

export { vitalSigns };

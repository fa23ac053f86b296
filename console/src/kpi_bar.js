// The KPI bar: today's share dispatched within 3 minutes, response median and p90, share reached
// within 15 minutes, free units and calls (GET /api/kpis), refreshed when incidents or units
// change, at most every 2 s, and every 30 s regardless.
import { api } from './api.js';
import { throttle } from './throttle.js';

export class KpiBar {
  constructor(app) {
    this.app = app;
    this.element = app.$('kpis');
    this.values = null;
    this.failed = false;
    this.refresh = throttle(() => this.load(), 2000);
    setInterval(() => this.refresh(), 30000);
  }

  async load() {
    try {
      this.values = await api('/api/kpis');
      this.failed = false;
      this.render();
    } catch (error) {
      // Say it once per outage; the link status already shows a dispatcher that is down.
      if (!this.failed && !error.network) this.app.toasts.failure('kpi.failed', error);
      this.failed = true;
      this.element.classList.add('stale');
    }
  }

  onResync() { this.refresh(); }
  onIncidentEvent() { this.refresh(); }
  onLanguage() { this.render(); }

  render() {
    const k = this.values;
    if (!k) return;
    this.element.classList.remove('stale');
    const t = (key, p) => this.app.language.t(key, p);
    const share = (v) => (v === null || v === undefined ? '–' : `${Math.round(v * 100)}%`);
    const mins = (v) => (v === null || v === undefined ? '–' : t('kpi.minutes', { value: Number(v).toFixed(1) }));
    const shown = {
      dispatched_within_3_min: share(k.dispatched_within_3_min),
      response_median_min: mins(k.response_median_min),
      response_p90_min: mins(k.response_p90_min),
      reached_within_15_min: share(k.reached_within_15_min),
      units_free: `${k.units_free ?? '–'}/${k.units_known ?? '–'}`,
      calls_today: String(k.calls_today ?? '–'),
    };
    for (const cell of this.element.querySelectorAll('.kpi')) {
      const value = cell.querySelector('.kpi-value');
      const text = shown[cell.dataset.kpi];
      if (value.textContent !== text) {
        value.textContent = text;
        cell.classList.add('changed');
        setTimeout(() => cell.classList.remove('changed'), 1500);
      }
    }
    this.element.querySelector('[data-kpi=units_free]').classList.toggle('bad', k.units_free === 0);
  }
}

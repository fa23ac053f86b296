// The coverage overlay (key C): every place coloured by the drive time from the nearest free unit
// (within the limit / up to five minutes over / beyond or unreachable), the area each free unit
// reaches within the limit (GET /api/coverage/isochrones), and the move-up recommendation with a
// one-click send (POST /api/move-up). Coverage arrives with the event stream; the isochrones are
// fetched only while the overlay is on, at most every 10 s.
import VectorLayer from 'ol/layer/Vector.js';
import VectorImageLayer from 'ol/layer/VectorImage.js';
import VectorSource from 'ol/source/Vector.js';
import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { Circle, Fill, Stroke, Style } from 'ol/style.js';
import { api } from './api.js';
import { escapeHtml } from './legend.js';
import { toMap } from './map_view.js';
import { throttle } from './throttle.js';
import { coverageBand, nearMinutes } from './coverage_bands.js';

export const coverageColours = { within: '#2e7d32', near: '#f9a825', beyond: '#c62828' };
const placeStyles = Object.fromEntries(Object.entries(coverageColours).map(([band, colour]) => [band,
  new Style({ image: new Circle({ radius: band === 'within' ? 4 : 6, fill: new Fill({ color: colour }), stroke: new Stroke({ color: '#fff', width: 1.5 }) }), zIndex: band === 'within' ? 1 : 2 })]));
const isochroneStyle = new Style({ stroke: new Stroke({ color: 'rgba(0,105,92,0.8)', width: 1 }), fill: new Fill({ color: 'rgba(38,166,154,0.22)' }) });
const moveUpStyle = new Style({ image: new Circle({ radius: 14, stroke: new Stroke({ color: '#00695c', width: 3, lineDash: [5, 4] }) }) });

export class CoverageLayer {
  constructor(app) {
    this.app = app;
    this.panel = app.$('coverage-panel');
    this.button = app.$('btn-coverage');
    this.on = false;
    this.coverage = null;
    this.placeSource = new VectorSource();
    this.isochroneSource = new VectorSource();
    this.moveUpSource = new VectorSource();
    this.layers = [
      new VectorImageLayer({ source: this.isochroneSource, style: isochroneStyle, zIndex: 2, visible: false }),
      new VectorImageLayer({ source: this.placeSource, style: (f) => placeStyles[f.get('band')], zIndex: 6, visible: false }),
      new VectorLayer({ source: this.moveUpSource, style: moveUpStyle, zIndex: 25, visible: false }),
    ];
    for (const layer of this.layers) app.map.addLayer(layer);
    this.loadIsochrones = throttle(() => this.fetchIsochrones(), 10000);
    this.button.addEventListener('click', () => this.toggle());
    this.sending = false;
  }

  toggle() {
    this.on = !this.on;
    this.button.setAttribute('aria-pressed', String(this.on));
    this.panel.hidden = !this.on;
    for (const layer of this.layers) layer.setVisible(this.on);
    if (this.on) {
      this.fetchCoverage();
      this.loadIsochrones();
    }
  }

  async fetchCoverage() {
    try {
      this.coverage = await api('/api/coverage');
      this.render();
    } catch (error) {
      this.app.toasts.failure('coverage.loadFailed', error);
    }
  }

  async fetchIsochrones() {
    if (!this.on) return;
    const minutes = this.coverage?.limit_min ?? this.app.info?.limit_min ?? 15;
    try {
      const collection = await api(`/api/coverage/isochrones?minutes=${encodeURIComponent(minutes)}`);
      const features = new GeoJSON().readFeatures(collection, { featureProjection: 'EPSG:3857' });
      this.isochroneSource.clear(true);
      this.isochroneSource.addFeatures(features);
    } catch (error) {
      this.app.toasts.failure('coverage.isochronesFailed', error);
    }
  }

  onEvent(type, data) {
    if (type !== 'coverage' || !data.coverage) return;
    this.coverage = data.coverage;
    if (this.on) {
      this.app.scheduler.mark('coverage');
      this.loadIsochrones();
    }
  }

  onResync() {
    if (this.on) this.fetchCoverage();
  }

  onFeatures() {
    if (this.coverage) this.render();
  }

  onFrame(changes) {
    if (changes.coverage) this.render();
  }

  onLanguage() {
    this.render();
  }

  // How many places are in each band now (tests compare it with the server's coverage).
  bandCounts() {
    const counts = { within: 0, near: 0, beyond: 0 };
    for (const f of this.placeSource.getFeatures()) counts[f.get('band')] += 1;
    return counts;
  }

  render() {
    const c = this.coverage;
    if (!c) return;
    const limit = c.limit_min ?? 15;
    const uncovered = new Map((c.uncovered ?? []).map((u) => [u.place_id, u]));
    const features = this.app.features.places.map((place) => {
      const f = new Feature(new Point(toMap(place.lat, place.lon)));
      f.set('band', coverageBand(uncovered.get(place.place_id), limit));
      return f;
    });
    this.placeSource.clear(true);
    this.placeSource.addFeatures(features);
    this.moveUpSource.clear(true);
    if (c.move_up) this.moveUpSource.addFeature(new Feature(new Point(toMap(c.move_up.lat, c.move_up.lon))));
    this.renderPanel(c, limit);
  }

  renderPanel(c, limit) {
    const t = (k, p) => this.app.language.t(k, p);
    const pct = (v) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)}%`);
    const m = c.move_up;
    const swatch = (band, text) => `<span><span class="swatch" style="--c:${coverageColours[band]}"></span>${escapeHtml(text)}</span>`;
    this.panel.innerHTML = `
      <h2>${escapeHtml(t('coverage.title'))}</h2>
      <div class="coverage-summary">${escapeHtml(t('coverage.covered', { covered: c.covered, places: c.places, limit, share: pct(c.covered_share) }))}</div>
      <div>${escapeHtml(t('coverage.freeUnits', { n: c.free_units }))}</div>
      <div class="cov-key">${swatch('within', t('coverage.within', { limit }))}${swatch('near', t('coverage.near', { limit, near: limit + nearMinutes }))}${swatch('beyond', t('coverage.beyond', { near: limit + nearMinutes }))}</div>
      <div class="move-up">${m
        ? `<div><strong>${escapeHtml(t('coverage.moveUp', { unit: m.unit, station: m.station_name ?? m.station }))}</strong></div>
           <div>${escapeHtml(t('coverage.moveUpGain', { before: pct(m.covered_share_before ?? c.covered_share), after: pct(m.covered_share_after), gained: m.places_gained }))}</div>
           <div class="buttons"><button type="button" class="primary send-move-up" ${this.sending ? 'disabled' : ''}>${escapeHtml(t('coverage.send'))}</button></div>`
        : `<div class="empty">${escapeHtml(t('coverage.noMoveUp'))}</div>`}</div>`;
    this.panel.querySelector('.send-move-up')?.addEventListener('click', () => this.sendMoveUp(m));
  }

  async sendMoveUp(moveUp) {
    if (this.sending) return;
    this.sending = true;
    this.render();
    const t = (k, p) => this.app.language.t(k, p);
    try {
      await api('/api/move-up', { method: 'POST', body: { unit: moveUp.unit, station: moveUp.station } });
      this.app.toasts.info(t('coverage.sent', { unit: moveUp.unit, station: moveUp.station_name ?? moveUp.station }));
    } catch (error) {
      this.app.toasts.failure('coverage.sendFailed', error);
    }
    this.sending = false;
    this.fetchCoverage();
  }
}

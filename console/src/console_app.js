// Puts the console together: the map and its layers, the store fed by the event stream, and the
// panels. Events never touch the DOM or the map directly: they update the store and mark what
// changed; one animation frame then draws it all (frame_scheduler.js).
import { api } from './api.js';
import { Language } from './i18n.js';
import { EventStream } from './event_stream.js';
import { FleetStore } from './fleet_store.js';
import { FrameScheduler } from './frame_scheduler.js';
import { LatencyMeter } from './latency_meter.js';
import { createMap } from './map_view.js';
import { RoadLayer } from './road_layer.js';
import { FeatureLayer } from './feature_layer.js';
import { UnitLayer } from './unit_layer.js';
import { Toasts } from './toasts.js';
import { renderLegend } from './legend.js';
import { IncidentLayer } from './incident_layer.js';
import { IncidentPanel } from './incident_panel.js';
import { CallPanel } from './call_panel.js';
import { KpiBar } from './kpi_bar.js';
import { CoverageLayer } from './coverage_layer.js';
import { PatientPanel } from './patient_panel.js';
import { SettingsDialog } from './settings_dialog.js';
import { Shortcuts } from './shortcuts.js';

export class ConsoleApp {
  constructor(doc) {
    this.doc = doc;
    this.$ = (id) => doc.getElementById(id);
    this.language = new Language();
    this.toasts = new Toasts(this.$('toasts'), this.language);
    this.store = new FleetStore();
    this.meter = new LatencyMeter();
    this.scheduler = new FrameScheduler((changes, time) => this.drawFrame(changes, time));
    this.syncing = null;        // the re-sync in progress, if any
    this.buffered = [];         // events that arrived during it
    this.linkState = 'connecting';
    this.panels = [];           // { onFrame(changes), onLanguage() }
    this.unitsDirty = false;    // unit updates taken but not yet drawn
    this.unitSent = [];         // their events' send times, for the latency meter
    this.lastUnitDraw = -Infinity;
  }

  // A big fleet is redrawn at most 20 times a second: without a GPU the browser rasterises the
  // whole unit canvas on every draw (most of the main thread at 1,000 units and 60 frames a
  // second, measured). At 10 a second the wait for the next draw alone put p99 over 200 ms; at 20
  // (measured on a quiet machine) event → drawn is p50 38–45 ms, p99 117–167 ms.
  unitDrawIntervalMs() {
    return this.store.units.size > 200 ? 50 : 0;
  }

  async start() {
    this.language.apply(this.doc);
    renderLegend(this.$('legend'), this.language);
    this.language.onChange(() => this.relabel());
    this.showLink('connecting');
    const info = await this.waitForDispatcher();
    this.info = info;
    this.map = createMap(this.$('map'), info);
    this.roads = new RoadLayer(this.map, { onError: (e) => this.toasts.failure('error.roads', e) });
    this.features = new FeatureLayer(this.map, this.language);
    this.units = new UnitLayer(this.map);
    this.incidentLayer = new IncidentLayer(this.map, this.store);
    this.callPanel = new CallPanel(this);
    this.incidentPanel = new IncidentPanel(this);
    this.kpis = new KpiBar(this);
    this.coverage = new CoverageLayer(this);
    this.patientPanel = new PatientPanel(this);
    this.settings = new SettingsDialog(this);
    this.shortcuts = new Shortcuts(this);
    this.panels.push(this.callPanel, this.incidentPanel, this.kpis, this.coverage, this.patientPanel);
    this.exposeForTests();
    this.loadFeatures();
    this.stream = new EventStream({
      onEvent: (type, data) => this.onEvent(type, data),
      onOpen: () => this.resync(),
      onStatus: (status) => this.showLink(status),
    });
    this.stream.start();
  }

  // The map's extent comes from the dispatcher; until it answers there is nothing to draw.
  async waitForDispatcher() {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await api('/api/map/info');
      } catch (error) {
        if (attempt === 0) this.toasts.failure('error.mapInfo', error);
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }
  }

  async loadFeatures() {
    try {
      this.features.show(await api('/api/map/features'));
      for (const panel of this.panels) panel.onFeatures?.(this.features);
    } catch (error) {
      this.toasts.failure('error.features', error);
    }
  }

  // After every (re)connection: the whole state again, since events sent while the stream was
  // down are lost. Events arriving meanwhile wait and are applied on top of the snapshot.
  async resync() {
    if (this.syncing) return this.syncing;
    this.syncing = (async () => {
      try {
        const [state, incidents] = await Promise.all([api('/api/state'), api('/api/incidents')]);
        this.store.replace(state, incidents.incidents);
        const buffered = this.buffered;
        this.buffered = [];
        this.syncing = null;
        for (const [type, data] of buffered) this.applyEvent(type, data);
        this.scheduler.mark('everything');
        for (const panel of this.panels) panel.onResync?.();
      } catch (error) {
        this.syncing = null;
        this.buffered = [];
        // The stream is open but the snapshot failed (a dispatcher still replaying): say so and
        // try again. With the stream down, its next opening re-syncs anyway.
        if (this.linkState === 'live') {
          this.toasts.failure('error.resync', error);
          setTimeout(() => { if (this.linkState === 'live') this.resync(); }, 2000);
        }
      }
    })();
    return this.syncing;
  }

  onEvent(type, data) {
    this.meter.received(type);
    if (this.syncing) {
      this.buffered.push([type, data]);
      return;
    }
    this.applyEvent(type, data);
  }

  applyEvent(type, data) {
    const sent = data.sent_ms;
    if (type === 'unit') {
      const wasFree = this.store.units.get(data.unit)?.free;
      const unit = this.store.applyUnit(data);
      if (unit) this.scheduler.unit(data.unit, sent);
      // Free units count in the KPIs; a fix that changes nothing else must not ask for them.
      if (unit && unit.free !== wasFree) this.kpis.refresh();
    } else if (type === 'incident' || type === 'alert') {
      if (data.state && this.store.applyIncident(data.state)) this.scheduler.incident(data.state.id, sent);
      if (type === 'alert') this.scheduler.mark('alerts');
      for (const panel of this.panels) panel.onIncidentEvent?.(type, data);
    }
    for (const panel of this.panels) panel.onEvent?.(type, data);
  }

  drawFrame(changes, time) {
    const started = performance.now();
    const sent = [];
    if (changes.everything) {
      this.units.clear();
      for (const unit of this.store.units.values()) this.units.update(unit);
    } else {
      for (const id of changes.units.keys()) {
        const unit = this.store.units.get(id);
        if (unit) this.units.update(unit);
      }
    }
    if (changes.everything || changes.units.size) this.unitsDirty = true;
    for (const times of changes.units.values()) this.unitSent.push(...times);
    for (const times of changes.incidents.values()) sent.push(...times);
    const applied = performance.now();
    for (const panel of this.panels) panel.onFrame?.(changes);
    const paneled = performance.now();
    // Units are drawn in this frame (or, for a big fleet, in the first frame 100 ms after the
    // last draw); what changed in OpenLayers' own layers (incidents, coverage) has scheduled
    // its render for the next frame.
    if (this.unitsDirty) {
      if (changes.everything || time - this.lastUnitDraw >= this.unitDrawIntervalMs()) {
        this.units.draw();
        this.lastUnitDraw = time;
        this.unitsDirty = false;
        sent.push(...this.unitSent);
        this.unitSent = [];
      } else {
        this.scheduler.request();
      }
    }
    const rendered = performance.now();
    this.meter.frame(time, sent, { total: rendered - started, apply: applied - started, panels: paneled - applied, render: rendered - paneled });
  }

  // A call confirmed at this console: shown at once, before its event arrives.
  onCallTaken(incident) {
    this.store.applyIncident(incident);
    this.incidentPanel.callTaken(incident);
    this.scheduler.incident(incident.id);
    this.kpis.refresh();
  }

  showLink(status) {
    this.linkState = status;
    const element = this.$('link-status');
    element.className = `link-status ${status}`;
    element.textContent = this.language.t(`link.${status}`);
    // While the link is down nothing on the map is known to be current.
    this.doc.body.classList.toggle('link-down', status !== 'live');
  }

  relabel() {
    renderLegend(this.$('legend'), this.language);
    this.showLink(this.linkState);
    for (const panel of this.panels) panel.onLanguage?.();
    this.scheduler.mark('everything');
  }

  // A read-only window for the browser tests and the latency bench.
  exposeForTests() {
    const app = this;
    window.ems120Metrics = {
      snapshot: () => app.meter.snapshot(),
      reset: () => app.meter.reset(),
      link: () => app.linkState,
      unitPosition: (id) => app.units.position(id),
      unit: (id) => ({ ...app.store.units.get(id) }),
      unitIds: () => [...app.store.units.keys()],
      incidentIds: () => [...app.store.incidents.keys()],
      roadCount: () => app.roads.roadCount(),
      streamReceived: () => app.stream?.received ?? 0,
      coverageBands: () => app.coverage.bandCounts(),
      isochroneCount: () => app.coverage.isochroneSource.getFeatures().length,
    };
  }
}

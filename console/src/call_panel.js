// Taking a call: where (a village found by name, or a point clicked on the map), how urgent, what
// happened; the unit the dispatcher's policy proposes with its ETA and the next two alternatives
// (POST /api/proposals, nothing created); then one confirmation (POST /api/incidents, with
// "unit" when the dispatcher picked another). The form keeps one idempotency key until the call
// is recorded, so pressing Enter twice or retrying after a network failure records one incident.
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import { Circle, Fill, Stroke, Style } from 'ol/style.js';
import { api, describeFailure, idempotencyKey } from './api.js';
import { PlaceSearch, displayName } from './place_search.js';
import { toLatLon, toMap } from './map_view.js';
import { priorities, priorityColours } from './unit_look.js';
import { escapeHtml } from './legend.js';

const callMarkerStyle = new Style({
  image: new Circle({ radius: 11, fill: new Fill({ color: 'rgba(213,0,0,0.25)' }), stroke: new Stroke({ color: '#d50000', width: 3, lineDash: [4, 3] }) }),
});

export class CallPanel {
  constructor(app) {
    this.app = app;
    const $ = app.$;
    this.section = $('call-panel');
    this.form = $('call-form');
    this.location = null;        // { place_id?, name?, lat, lon }
    this.priority = null;
    this.proposal = null;
    this.picked = null;          // the unit the dispatcher chose (null = the policy's)
    this.key = null;
    this.sending = false;
    this.proposalSerial = 0;
    this.message = $('call-message');
    this.search = new PlaceSearch({
      input: $('place-search'),
      list: $('place-results'),
      language: app.language,
      onPick: (place) => this.setLocation(place.coordinate ? { lat: place.lat, lon: place.lon }
        : { place_id: place.place_id, name: displayName(place, app.language.code), lat: place.lat, lon: place.lon }),
      onMessage: (text, kind) => this.say(text, kind),
    });
    this.markerSource = new VectorSource();
    app.map.addLayer(new VectorLayer({ source: this.markerSource, style: callMarkerStyle, zIndex: 40 }));
    this.renderPriorities();
    this.form.addEventListener('submit', (event) => { event.preventDefault(); this.confirm(); });
    $('call-cancel').addEventListener('click', () => this.close());
    $('btn-new-call').addEventListener('click', () => this.open());
    app.map.on('singleclick', (event) => this.onMapClick(event));
    for (const id of ['call-complaint', 'call-notes', 'call-caller'])
      $(id).addEventListener('keydown', (event) => {
        if (event.key === 'Enter') { event.preventDefault(); this.confirm(); }
      });
  }

  isOpen() {
    return !this.section.hidden;
  }

  open() {
    if (!this.isOpen()) {
      this.reset();
      this.section.hidden = false;
    }
    this.app.$('place-search').focus();
  }

  close() {
    this.section.hidden = true;
    this.reset();
  }

  reset() {
    this.location = null;
    this.priority = null;
    this.proposal = null;
    this.picked = null;
    this.key = idempotencyKey();
    this.proposalSerial += 1;
    this.search.reset();
    for (const id of ['call-complaint', 'call-caller', 'call-notes']) this.app.$(id).value = '';
    this.markerSource.clear();
    this.say('', '');
    this.render();
  }

  onMapClick(event) {
    if (!this.isOpen()) return;
    // A village under the pointer is taken by name, anywhere else by coordinate.
    const place = this.app.map.forEachFeatureAtPixel(event.pixel, (f) => (f.get('kind') === 'place' ? f.get('item') : undefined), { hitTolerance: 5 });
    if (place) {
      this.search.input.value = displayName(place, this.app.language.code);
      this.setLocation({ place_id: place.place_id, name: displayName(place, this.app.language.code), lat: place.lat, lon: place.lon });
    } else {
      const { lat, lon } = toLatLon(event.coordinate);
      this.search.input.value = '';
      this.setLocation({ lat, lon });
    }
  }

  setLocation(location) {
    this.location = location;
    this.markerSource.clear();
    this.markerSource.addFeature(new Feature(new Point(toMap(location.lat, location.lon))));
    this.say('', '');
    this.render();
    this.propose();
    // Next the priority: keys 1–4 act outside text fields, so the focus leaves the search box.
    if (!this.priority) this.app.$('priority-buttons').focus();
  }

  setPriority(priority) {
    if (!this.isOpen()) return;
    this.priority = priority;
    this.render();
    this.propose();
    // On to the complaint, where Enter confirms (Enter on a priority button would only press it).
    this.app.$('call-complaint').focus();
  }

  // The body both POST /api/proposals and POST /api/incidents take.
  callBody() {
    const body = { priority: this.priority };
    if (this.location.place_id) body.place_id = this.location.place_id;
    else Object.assign(body, { lat: round6(this.location.lat), lon: round6(this.location.lon) });
    const text = (id) => this.app.$(id).value.trim();
    if (text('call-complaint')) body.complaint = text('call-complaint');
    if (text('call-caller')) body.caller = text('call-caller');
    if (text('call-notes')) body.notes = text('call-notes');
    return body;
  }

  async propose() {
    if (!this.location || !this.priority) return;
    const serial = ++this.proposalSerial;
    this.proposal = null;
    this.picked = null;
    this.say(this.app.language.t('call.proposing'), '');
    this.render();
    try {
      const proposal = await api('/api/proposals', { method: 'POST', body: this.callBody() });
      if (serial !== this.proposalSerial) return;
      this.proposal = proposal;
      this.say('', '');
    } catch (error) {
      if (serial !== this.proposalSerial) return;
      if (error.status === 409 && error.body?.candidates?.length) {
        this.search.show(error.body.candidates, this.app.language.t('call.closeMatches'));
        this.location = null;
        this.markerSource.clear();
      } else {
        this.say(`${this.app.language.t('call.proposalFailed')}: ${describeFailure(error, this.app.language)}`, 'error');
      }
    }
    this.render();
  }

  // The proposed unit and the next two eligible ones, as the dispatcher can choose them.
  choices() {
    if (!this.proposal) return [];
    const ranked = this.proposal.ranked ?? [];
    const chosen = ranked.find((u) => u.unit === this.proposal.chosen);
    const others = ranked.filter((u) => u.eligible && u.unit !== this.proposal.chosen).slice(0, 2);
    return (chosen ? [chosen] : []).concat(others);
  }

  async confirm() {
    if (!this.isOpen() || this.sending) return;
    if (!this.location) return this.say(this.app.language.t('call.needLocation'), 'error');
    if (!this.priority) return this.say(this.app.language.t('call.priority') + '?', 'error');
    const body = this.callBody();
    if (this.picked && this.proposal && this.picked !== this.proposal.chosen) body.unit = this.picked;
    this.sending = true;
    this.render();
    try {
      const answer = await api('/api/incidents', { method: 'POST', body, headers: { 'Idempotency-Key': this.key } });
      const incident = answer.incident;
      this.app.onCallTaken(incident);
      const t = (k, p) => this.app.language.t(k, p);
      this.app.toasts.info(incident.unit ? t('call.sent', { unit: incident.unit, place: incident.place || this.location.name || '' }) : t('call.sentWaiting', { id: incident.id }));
      this.sending = false;
      this.close();
    } catch (error) {
      this.sending = false;
      // The key stays: retrying this same call after a lost answer cannot record it twice.
      this.say(`${this.app.language.t('call.failed')}: ${describeFailure(error, this.app.language)}`, 'error');
      this.app.toasts.failure('call.failed', error);
      this.render();
    }
  }

  say(text, kind) {
    this.message.textContent = text;
    this.message.className = `inline-message ${kind}`;
  }

  renderPriorities() {
    const box = this.app.$('priority-buttons');
    box.replaceChildren(...priorities.map((p, i) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.priority = p;
      button.style.setProperty('--c', priorityColours[p]);
      button.addEventListener('click', () => this.setPriority(p));
      button.title = `${i + 1}`;
      return button;
    }));
  }

  render() {
    const t = (k, p) => this.app.language.t(k, p);
    for (const button of this.app.$('priority-buttons').children) {
      button.textContent = `${t(`priority.${button.dataset.priority}`)} ${button.title}`;
      button.setAttribute('aria-pressed', String(button.dataset.priority === this.priority));
    }
    const where = this.location
      ? this.location.name ?? t('call.mapPoint', { lat: this.location.lat.toFixed(5), lon: this.location.lon.toFixed(5) })
      : '';
    this.app.$('call-location').textContent = where;
    const box = this.app.$('proposal');
    const choices = this.choices();
    const picked = this.picked ?? this.proposal?.chosen ?? null;
    let html = '';
    if (this.proposal) {
      if (!this.proposal.chosen) html += `<div class="note">${escapeHtml(t('call.noUnit'))}</div>`;
      if (this.proposal.outside_radius)
        html += `<div class="note">${escapeHtml(t('call.outsideRadius', { limit: this.app.info?.limit_min ?? 15 }))}</div>`;
      html += choices.map((c, i) => `
        <label class="choice ${c.unit === picked ? 'picked' : ''}" data-unit="${escapeHtml(c.unit)}">
          <input type="radio" name="unit-choice" value="${escapeHtml(c.unit)}" ${c.unit === picked ? 'checked' : ''}>
          <strong>${escapeHtml(c.unit)}</strong>
          <span class="tag">${escapeHtml(i === 0 && c.unit === this.proposal.chosen ? t('call.proposed') : t('call.alternative'))}${c.reasons ? ' · ' + escapeHtml(c.reasons) : ''}</span>
          <span class="eta">${escapeHtml(t('call.eta', { min: minutes(c.eta_ms) }))}</span>
        </label>`).join('');
    }
    box.innerHTML = html;
    for (const input of box.querySelectorAll('input[name=unit-choice]'))
      input.addEventListener('change', () => { this.picked = input.value; this.render(); });
    this.app.$('call-confirm').disabled = this.sending || !this.location || !this.priority;
  }

  onLanguage() {
    this.render();
    this.search.render();
  }
}

const round6 = (v) => Math.round(v * 1e6) / 1e6;
export const minutes = (ms) => (ms === null || ms === undefined ? '–' : (ms / 60000).toFixed(1));

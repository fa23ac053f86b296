// The incidents in the side panel: open ones first, most urgent first, then the recently closed;
// the selected one in detail with every milestone's time and its whole timeline
// (GET /api/incidents/ID, fetched again when the incident changes, at most once a second).
// The crew's acknowledgement of a call taken at this console is announced when it arrives.
import { api } from './api.js';
import { escapeHtml } from './legend.js';
import { isOpenIncident } from './fleet_store.js';
import { currentOffer, routeOf } from './incident_layer.js';
import { priorities, priorityColours } from './unit_look.js';
import { throttle } from './throttle.js';

const milestones = ['call_received', 'unit_notified', 'acknowledged', 'en_route', 'on_scene', 'patient_contact',
                    'left_scene', 'at_destination', 'handover', 'back_in_service'];

export function clockTime(ms) {
  if (ms === null || ms === undefined) return '–';
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((v) => String(v).padStart(2, '0')).join(':');
}

export class IncidentPanel {
  constructor(app) {
    this.app = app;
    this.list = app.$('incident-list');
    this.detail = app.$('incident-detail');
    this.selected = null;
    this.ownCalls = new Set();     // incidents taken at this console: their acknowledgement is announced
    this.announced = new Set();
    this.alerting = new Set();
    this.loadDetail = throttle(() => this.fetchDetail(), 1000);
    this.list.addEventListener('click', (event) => {
      const row = event.target.closest('li[data-id]');
      if (row) this.select(row.dataset.id);
    });
  }

  callTaken(incident) {
    this.ownCalls.add(incident.id);
    // The crew may have acknowledged before the call's own answer arrived (its event came first).
    this.announceAcknowledgement(this.app.store.incidents.get(incident.id) ?? incident);
    this.select(incident.id);
  }

  announceAcknowledgement(incident) {
    if (!incident.times?.acknowledged) return;
    this.alerting.delete(incident.id);
    if (!this.ownCalls.has(incident.id) || this.announced.has(incident.id)) return;
    this.announced.add(incident.id);
    this.app.toasts.info(this.app.language.t('incident.acknowledged', { unit: currentOffer(incident)?.unit ?? incident.unit ?? '' }));
  }

  onIncidentEvent(type, data) {
    const incident = data.state;
    if (type === 'alert') {
      if (data.incident) this.alerting.add(data.incident);
      this.app.toasts.error(`${this.app.language.t('incident.alert')}: ${data.text}`);
    }
    if (!incident) return;
    this.announceAcknowledgement(incident);
    if (incident.id === this.selected) this.loadDetail();
  }

  onResync() {
    if (this.selected) this.loadDetail();
  }

  onFrame(changes) {
    if (changes.everything || changes.incidents.size || changes.alerts) {
      this.app.incidentLayer.redraw();
      this.renderList();
      if (this.selected && (changes.everything || changes.incidents.has(this.selected))) this.renderDetail();
    } else if (changes.units.size && this.app.store.openIncidents().some((i) => changes.units.has(currentOffer(i)?.unit))) {
      // A unit on its way moved: its straight line follows it.
      this.app.incidentLayer.redraw();
    }
  }

  onLanguage() {
    this.renderList();
    this.renderDetail();
  }

  select(id) {
    this.selected = id;
    this.app.incidentLayer.select(id);
    const offer = this.app.store.incidents.get(id) && currentOffer(this.app.store.incidents.get(id));
    this.app.units.select(offer?.unit ?? null);
    this.renderList();
    this.renderDetail();
    this.loadDetail();
  }

  // Moves the selection through the list (keyboard: J / K).
  step(delta) {
    const ids = this.sorted().map((i) => i.id);
    if (!ids.length) return;
    const at = ids.indexOf(this.selected);
    this.select(ids[(at + delta + ids.length) % ids.length]);
  }

  async fetchDetail() {
    const id = this.selected;
    if (!id) return;
    try {
      const incident = await api(`/api/incidents/${encodeURIComponent(id)}`);
      if (incident.id !== this.selected) return;
      // The fetched incident has the timeline: it replaces the event's copy unless that is newer.
      this.app.store.applyIncident(incident);
      this.app.scheduler.incident(id);
    } catch (error) {
      this.app.toasts.failure('incident.loadFailed', error);
    }
  }

  sorted() {
    const rank = (i) => priorities.indexOf(i.priority);
    const received = (i) => i.times?.call_received ?? 0;
    const all = [...this.app.store.incidents.values()];
    const open = all.filter(isOpenIncident).sort((a, b) => rank(a) - rank(b) || received(a) - received(b));
    const closed = all.filter((i) => !isOpenIncident(i)).sort((a, b) => received(b) - received(a)).slice(0, 30);
    return open.concat(closed);
  }

  renderList() {
    const t = (k, p) => this.app.language.t(k, p);
    const incidents = this.sorted();
    this.app.$('incident-count').textContent = `${this.app.store.openIncidents().length}`;
    if (!incidents.length) {
      this.list.innerHTML = `<li class="empty">${escapeHtml(t('incidents.none'))}</li>`;
      return;
    }
    this.list.innerHTML = incidents.map((i) => {
      const offer = currentOffer(i);
      const unit = offer?.unit ?? i.unit;
      const classes = [i.id === this.selected ? 'selected' : '', isOpenIncident(i) ? '' : 'closed', this.alerting.has(i.id) ? 'alerting' : ''].join(' ');
      return `<li data-id="${escapeHtml(i.id)}" data-state="${escapeHtml(i.state)}" class="${classes}" style="--c:${priorityColours[i.priority] ?? '#777'}">
        <span class="bar"></span>
        <span class="what">${escapeHtml(i.id)} · ${escapeHtml(i.place || `${i.lat.toFixed(4)}, ${i.lon.toFixed(4)}`)}</span>
        <span class="state">${escapeHtml(t(`incident.state.${i.state}`))}${unit ? ' · ' + escapeHtml(unit) : ''}</span>
        <span class="eta">${offer && offer.eta_min !== null && offer.eta_min !== undefined && isOpenIncident(i) ? escapeHtml(t('call.eta', { min: offer.eta_min })) : ''}</span>
      </li>`;
    }).join('');
  }

  renderDetail() {
    const incident = this.selected ? this.app.store.incidents.get(this.selected) : null;
    this.detail.hidden = !incident;
    if (!incident) return;
    const t = (k, p) => this.app.language.t(k, p);
    const offer = currentOffer(incident);
    const route = routeOf(incident);
    const distance = offer?.distance_m ?? incident.distance_m;
    const rows = [
      [t('call.priority'), `<span class="badge" style="--c:${priorityColours[incident.priority]}">${escapeHtml(t(`priority.${incident.priority}`))}</span>`],
      [t('call.complaint'), escapeHtml(incident.complaint || '–')],
      [t('incident.unit'), escapeHtml(offer?.unit ?? incident.unit ?? '–') + (offer ? ` (${escapeHtml(t(`incident.state.${incident.state}`))})` : '')],
      [t('incident.eta'), offer?.eta_min !== null && offer?.eta_min !== undefined
        ? escapeHtml(t('call.eta', { min: offer.eta_min })) + ' ' + escapeHtml(route ? (distance ? t('incident.route', { km: (distance / 1000).toFixed(1) }) : '') : t('incident.noRoute'))
        : '–'],
      [t('incident.destination'), escapeHtml(incident.destination ? `${incident.destination.name}${incident.destination.eta_min !== null ? ` (${t('call.eta', { min: incident.destination.eta_min })})` : ''}` : '–')],
    ];
    if (incident.caller) rows.push([t('call.caller'), escapeHtml(incident.caller)]);
    if (incident.notes) rows.push([t('call.notes'), escapeHtml(incident.notes)]);
    const times = milestones
      .map((m) => `<li data-milestone="${m}"><time>${escapeHtml(clockTime(incident.times?.[m]))}</time><span>${escapeHtml(t(`milestone.${m}`))}</span></li>`)
      .join('');
    const timeline = (incident.timeline ?? [])
      .map((e) => `<li><time>${escapeHtml(clockTime(e.time))}</time><span>${escapeHtml(e.what)}</span></li>`)
      .join('');
    this.detail.innerHTML = `
      <h2><span class="badge" style="--c:${priorityColours[incident.priority]}">${escapeHtml(incident.id)}</span> ${escapeHtml(incident.place || '')}</h2>
      <dl class="detail-grid">${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join('')}</dl>
      <h3>${escapeHtml(t('incident.times'))}</h3>
      <ol class="timeline milestones">${times}</ol>
      <h3>${escapeHtml(t('incident.timeline'))}</h3>
      <ol class="timeline entries">${timeline || `<li class="empty">…</li>`}</ol>
      ${isOpenIncident(incident) ? `<div class="buttons"><button type="button" class="cancel-incident">${escapeHtml(t('incident.cancelCall'))}</button></div>` : ''}`;
    this.detail.querySelector('.cancel-incident')?.addEventListener('click', () => this.cancel(incident.id));
  }

  async cancel(id) {
    const reason = window.prompt(this.app.language.t('incident.cancelReason'));
    if (reason === null) return;
    try {
      await api(`/api/incidents/${encodeURIComponent(id)}/cancel`, { method: 'POST', body: { reason } });
    } catch (error) {
      this.app.toasts.failure('incident.cancelFailed', error);
    }
  }
}

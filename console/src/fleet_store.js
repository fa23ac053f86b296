// What the console knows of the center: units and incidents, as GET /api/state and
// GET /api/incidents said at the last re-sync, updated by the event stream. Pure data, no DOM:
// the views read it once per animation frame.

const openStates = new Set(['waiting', 'offered', 'assigned', 'on_scene', 'transporting', 'at_hospital']);
export const isOpenIncident = (incident) => openStates.has(incident.state);

// Times are only ever set and offers only appended, so a larger count is newer: an event that
// was published before a re-sync's snapshot (and delivered after it) cannot roll an incident back.
export function incidentProgress(incident) {
  const times = Object.values(incident.times ?? {}).filter((t) => t !== null && t !== undefined).length;
  const offers = incident.offers ?? [];
  const settled = offers.filter((o) => o.outcome && o.outcome !== 'pending').length;
  const closed = isOpenIncident(incident) ? 0 : 1;
  return ((closed * 64 + times) * 256 + offers.length) * 256 + settled;
}

function unitFromState(u) {
  const activity = u.activity ?? null;
  return {
    id: u.unit,
    lat: u.position?.lat ?? null,
    lon: u.position?.lon ?? null,
    time: u.position?.time ?? 0,
    speed: u.position?.speed_mps ?? null,
    heading: u.position?.heading_deg ?? null,
    status: u.status ?? null,
    activity,
    free: u.free ?? (activity === 'available' || activity === 'returning_to_station'),
    incident: u.incident ?? null,
    connected: u.connected ?? true,
    stale: u.stale ?? false,
  };
}

export class FleetStore {
  constructor() {
    this.units = new Map();
    this.incidents = new Map();
  }

  // A full re-sync: what the server holds now replaces what the console had.
  replace(state, incidentList) {
    this.units.clear();
    for (const u of state.units ?? []) this.units.set(u.unit, unitFromState(u));
    this.incidents.clear();
    for (const incident of incidentList ?? []) this.incidents.set(incident.id, incident);
  }

  // A unit event; returns the unit, or null when the event is older than what is shown.
  applyUnit(event) {
    const known = this.units.get(event.unit);
    const next = unitFromState(event);
    if (known) {
      if (event.position && known.time && event.position.time < known.time) return null;
      if (!event.position) Object.assign(next, { lat: known.lat, lon: known.lon, time: known.time, speed: known.speed, heading: known.heading });
      // Unit events carry no activity; keep the last one the state gave, adjusted by "free".
      next.activity = event.activity ?? (next.free ? (known.activity === 'returning_to_station' ? known.activity : 'available') : 'busy');
      if (event.free === undefined) next.free = known.free;
    } else if (event.activity === undefined) {
      next.activity = next.free ? 'available' : 'busy';
    }
    this.units.set(event.unit, next);
    return next;
  }

  // An incident event carries the incident without its timeline; keep a timeline already fetched.
  applyIncident(incident) {
    const known = this.incidents.get(incident.id);
    if (known && incidentProgress(incident) < incidentProgress(known)) return null;
    const merged = known?.timeline && !incident.timeline ? { ...incident, timeline: known.timeline, timelineStale: true } : incident;
    this.incidents.set(incident.id, merged);
    return merged;
  }

  openIncidents() {
    return [...this.incidents.values()].filter(isOpenIncident);
  }

  freeUnits() {
    return [...this.units.values()].filter((u) => u.free && !u.stale && u.connected !== false);
  }
}

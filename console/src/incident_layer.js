// Open incidents on the map in their priority colour, and for each one with a unit the unit's
// way there: the route the dispatcher computed when the incident carries one, otherwise a dashed
// straight line (said so in the incident panel), labelled with the unit and its ETA.
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import LineString from 'ol/geom/LineString.js';
import { Fill, RegularShape, Stroke, Style, Text } from 'ol/style.js';
import { toMap } from './map_view.js';
import { priorityColours } from './unit_look.js';
import { isOpenIncident } from './fleet_store.js';

export function currentOffer(incident) {
  const offers = incident.offers ?? [];
  const last = offers[offers.length - 1];
  return last && (last.outcome === 'pending' || last.outcome === 'acknowledged') ? last : null;
}

// [[lat, lon], ...] from the incident or its current offer, when the server sent one.
export function routeOf(incident) {
  const route = currentOffer(incident)?.route ?? incident.route;
  return Array.isArray(route) && route.length >= 2 ? route : null;
}

export class IncidentLayer {
  constructor(map, store) {
    this.store = store;
    this.source = new VectorSource();
    this.selected = null;
    this.layer = new VectorLayer({ source: this.source, zIndex: 20, style: (f) => this.style(f) });
    map.addLayer(this.layer);
    this.styleCache = new Map();
  }

  // Incidents are few (tens): rebuilding their features when any changes is cheap.
  redraw() {
    const features = [];
    for (const incident of this.store.incidents.values()) {
      if (!isOpenIncident(incident)) continue;
      const offer = currentOffer(incident);
      const unit = offer ? this.store.units.get(offer.unit) : null;
      const route = routeOf(incident);
      if (route) {
        features.push(lineFeature(route.map(([lat, lon]) => toMap(lat, lon)), incident, true));
      } else if (unit && unit.lat !== null && incident.state !== 'on_scene' && incident.state !== 'transporting' && incident.state !== 'at_hospital') {
        features.push(lineFeature([toMap(unit.lat, unit.lon), toMap(incident.lat, incident.lon)], incident, false));
      }
      const point = new Feature(new Point(toMap(incident.lat, incident.lon)));
      point.set('kind', 'incident');
      point.set('incident', incident);
      point.set('label', offer ? `${offer.unit}${offer.eta_min !== null && offer.eta_min !== undefined ? ` · ${offer.eta_min}′` : ''}` : '');
      features.push(point);
    }
    this.source.clear(true);
    this.source.addFeatures(features);
  }

  select(id) {
    this.selected = id;
    this.layer.changed();
  }

  style(feature) {
    const incident = feature.get('incident');
    const colour = priorityColours[incident.priority] ?? '#777';
    const selected = incident.id === this.selected;
    if (feature.get('kind') === 'route') {
      const exact = feature.get('exact');
      return new Style({ stroke: new Stroke({ color: colour, width: selected ? 5 : 3.5, lineDash: exact ? undefined : [8, 6] }) });
    }
    const key = `${colour}|${selected}|${feature.get('label')}`;
    let style = this.styleCache.get(key);
    if (!style) {
      style = new Style({
        image: new RegularShape({ points: 4, radius: selected ? 13 : 11, angle: Math.PI / 4, fill: new Fill({ color: colour }), stroke: new Stroke({ color: selected ? '#0d47a1' : '#fff', width: selected ? 3 : 2 }) }),
        text: feature.get('label') ? new Text({ text: feature.get('label'), offsetY: 20, font: 'bold 12px system-ui, sans-serif', fill: new Fill({ color: '#111' }), stroke: new Stroke({ color: '#fff', width: 3 }) }) : undefined,
        zIndex: selected ? 2 : 1,
      });
      if (this.styleCache.size > 500) this.styleCache.clear();
      this.styleCache.set(key, style);
    }
    return style;
  }
}

function lineFeature(coordinates, incident, exact) {
  const feature = new Feature(new LineString(coordinates));
  feature.set('kind', 'route');
  feature.set('incident', incident);
  feature.set('exact', exact);
  return feature;
}

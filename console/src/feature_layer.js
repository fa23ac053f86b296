// Villages, stations and hospitals from GET /api/map/features, drawn once into an image layer.
// A place's label is its name in the console's language where the map has one.
import VectorImageLayer from 'ol/layer/VectorImage.js';
import VectorSource from 'ol/source/Vector.js';
import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import { Circle, Fill, RegularShape, Stroke, Style, Text } from 'ol/style.js';
import { toMap } from './map_view.js';

export function placeLabel(place, language) {
  if (language === 'zh') return place.name_zh || place.name || place.name_en || place.place_id;
  return place.name_en || place.name || place.name_zh || place.place_id;
}

const placeDot = new Circle({ radius: 3, fill: new Fill({ color: '#5b5b5b' }), stroke: new Stroke({ color: '#fff', width: 1 }) });
const stationMark = new RegularShape({ points: 4, radius: 11, angle: Math.PI / 4, fill: new Fill({ color: '#1f5fbf' }), stroke: new Stroke({ color: '#fff', width: 1.5 }) });
const hospitalMark = new RegularShape({ points: 4, radius: 7, angle: Math.PI / 4, fill: new Fill({ color: '#c62828' }), stroke: new Stroke({ color: '#fff', width: 1.5 }) });
const labelFill = new Fill({ color: '#222' });
const labelHalo = new Stroke({ color: 'rgba(255,255,255,0.9)', width: 3 });

export class FeatureLayer {
  constructor(map, language) {
    this.map = map;
    this.language = language;
    this.places = [];
    this.stations = [];
    this.hospitals = [];
    this.source = new VectorSource();
    this.layer = new VectorImageLayer({
      source: this.source,
      style: (feature, resolution) => this.style(feature, resolution),
      // No decluttering: OpenLayers redoes it on every frame (11 ms a frame with 1,000 moving
      // units, measured); village names show only when zoomed in, where they rarely collide.
      zIndex: 5,
    });
    map.addLayer(this.layer);
    language.onChange(() => this.layer.changed());
  }

  show(features) {
    this.places = features.places ?? [];
    this.stations = features.stations ?? [];
    this.hospitals = features.hospitals ?? [];
    const all = [];
    for (const place of this.places) all.push(pointFeature('place', place));
    for (const station of this.stations) {
      const feature = pointFeature('station', station);
      // A map without stations uses its hospitals as stations: one label for the two marks.
      feature.set('atHospital', this.hospitals.some((h) => Math.abs(h.lat - station.lat) < 5e-4 && Math.abs(h.lon - station.lon) < 5e-4));
      all.push(feature);
    }
    for (const hospital of this.hospitals) all.push(pointFeature('hospital', hospital));
    this.source.clear(true);
    this.source.addFeatures(all);
  }

  style(feature, resolution) {
    const kind = feature.get('kind');
    const item = feature.get('item');
    const t = (key) => this.language.t(key);
    if (kind === 'station')
      return new Style({ image: stationMark, text: label(resolution < 40 && !feature.get('atHospital') ? `${t('map.station')} ${item.name}` : '', -14), zIndex: 3 });
    if (kind === 'hospital')
      // Drawn over a station at the same place, which then shows as the hospital's blue outline.
      return new Style({ image: hospitalMark, text: label(resolution < 40 ? `${t('map.hospital')} ${item.name}` : '', -15), zIndex: 4 });
    // Villages are many: labels only when zoomed in enough to read them (or for towns).
    const big = item.kind === 'town' || item.kind === 'city';
    const text = resolution < 20 || (big && resolution < 80) ? placeLabel(item, this.language.code) : '';
    return new Style({ image: placeDot, text: label(text, -10), zIndex: big ? 2 : 1 });
  }
}

function label(text, offsetY) {
  if (!text) return undefined;
  return new Text({ text, font: '12px system-ui, "Noto Sans CJK SC", sans-serif', offsetY, fill: labelFill, stroke: labelHalo });
}

function pointFeature(kind, item) {
  const feature = new Feature(new Point(toMap(item.lat, item.lon)));
  feature.set('kind', kind);
  feature.set('item', item);
  return feature;
}

// Live units on the map: a disc in the status colour with an arrow for the heading while it
// moves, and a dashed grey ring for a unit whose fixes stopped (stale) or whose link is down.
// One feature per unit whose geometry is moved in place; styles are cached by look, so a frame
// that moves 1,000 units allocates no styles.
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import { Circle, Fill, Icon, Stroke, Style, Text } from 'ol/style.js';
import { toMap } from './map_view.js';
import { unitColour } from './unit_look.js';

const movingMps = 1.5;

export class UnitLayer {
  constructor(map) {
    this.features = new Map();
    this.source = new VectorSource();
    this.styles = new Map();
    this.selected = null;
    this.layer = new VectorLayer({
      source: this.source,
      style: (feature, resolution) => this.style(feature, resolution),
      updateWhileAnimating: true,
      updateWhileInteracting: true,
      zIndex: 30,
    });
    map.addLayer(this.layer);
  }

  // Draws the unit as the store has it now.
  update(unit) {
    let feature = this.features.get(unit.id);
    if (unit.lat === null || unit.lon === null) {
      if (feature) {
        this.source.removeFeature(feature);
        this.features.delete(unit.id);
      }
      return;
    }
    const at = toMap(unit.lat, unit.lon);
    if (!feature) {
      feature = new Feature(new Point(at));
      feature.setId(unit.id);
      feature.set('kind', 'unit');
      this.features.set(unit.id, feature);
      feature.set('unit', unit, true);
      this.source.addFeature(feature);
    } else {
      feature.set('unit', unit, true);
      feature.getGeometry().setCoordinates(at);
    }
  }

  clear() {
    this.source.clear(true);
    this.features.clear();
  }

  select(id) {
    this.selected = id;
    this.layer.changed();
  }

  // The unit's marker position in map coordinates (tests read it to see a unit move).
  position(id) {
    return this.features.get(id)?.getGeometry().getCoordinates() ?? null;
  }

  style(feature, resolution) {
    const unit = feature.get('unit');
    const stale = unit.stale || unit.connected === false;
    const moving = !stale && unit.heading !== null && (unit.speed ?? 0) > movingMps;
    const heading = moving ? Math.round(unit.heading / 10) * 10 : -1;
    // Names only where they can be read: a small fleet, or zoomed in on a big one.
    const labelled = unit.id === this.selected || resolution < (this.features.size <= 60 ? 80 : 12);
    const key = `${unitColour(unit)}|${stale}|${heading}|${unit.id === this.selected}|${labelled ? unit.id : ''}`;
    let style = this.styles.get(key);
    if (!style) {
      style = buildStyle(unit, stale, heading, unit.id === this.selected, labelled);
      if (this.styles.size > 5000) this.styles.clear();
      this.styles.set(key, style);
    }
    return style;
  }
}

function buildStyle(unit, stale, heading, selected, labelled) {
  const colour = unitColour(unit);
  const styles = [];
  if (selected)
    styles.push(new Style({ image: new Circle({ radius: 14, stroke: new Stroke({ color: '#0d47a1', width: 3 }) }), zIndex: 1 }));
  if (heading >= 0)
    // A pointer ahead of the disc in the direction of travel (drawn under the disc).
    styles.push(new Style({ image: new Icon({ src: arrowImage(colour), rotation: (heading * Math.PI) / 180 }), zIndex: 2 }));
  styles.push(new Style({
    image: new Circle({
      radius: 8,
      fill: new Fill({ color: stale ? 'rgba(255,255,255,0.85)' : colour }),
      stroke: new Stroke({ color: stale ? colour : '#fff', width: 2, lineDash: stale ? [3, 3] : undefined }),
    }),
    text: labelled
      ? new Text({ text: stale ? `${unit.id} ?` : unit.id, offsetY: -16, font: 'bold 12px system-ui, sans-serif',
          fill: new Fill({ color: stale ? '#616161' : '#111' }), stroke: new Stroke({ color: '#fff', width: 3 }) })
      : undefined,
    zIndex: 3,
  }));
  return styles;
}

// 40x40, centred on the unit: a triangle whose tip is 20 px ahead, its base hidden by the disc.
function arrowImage(colour) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><polygon points="20,1 27,15 13,15" fill="${colour}" stroke="#fff" stroke-width="1.5" stroke-linejoin="round"/></svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

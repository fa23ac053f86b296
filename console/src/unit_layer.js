// Live units on the map: a disc in the status colour with an arrow ahead of it while it moves,
// and a white disc with a dashed ring for a unit whose fixes stopped (stale) or whose link is
// down. Drawn by hand on a canvas of our own over OpenLayers' layers rather than as vector
// features: with 1,000 units moving, building OpenLayers' draw instructions for every feature
// on every frame was the console's largest cost, and every map render also recomposes the road
// and village images. A unit update redraws only this canvas (a few milliseconds for 1,000
// discs); OpenLayers' own renders (pan, zoom, incidents) redraw it too, with the new view.
import { toMap } from './map_view.js';
import { unitColour } from './unit_look.js';

const movingMps = 1.5;
const radius = 8;

export class UnitLayer {
  constructor(map) {
    this.units = new Map();        // id -> { at: [x, y] (map coordinates), unit }
    this.selected = null;
    this.frameState = null;        // OpenLayers' last rendered view
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'unit-canvas';
    Object.assign(this.canvas.style, { position: 'absolute', left: '0', top: '0', width: '100%', height: '100%', pointerEvents: 'none' });
    // Above the map's layers, below its controls and overlays.
    const layers = map.getViewport().querySelector('.ol-layers');
    if (layers) layers.after(this.canvas);
    else map.getViewport().prepend(this.canvas);
    map.on('postrender', (event) => {
      this.frameState = event.frameState;
      this.draw();
    });
  }

  // Draws the unit as the store has it now (at the next render).
  // Takes the unit as the store has it now; draw() shows it.
  update(unit) {
    if (unit.lat === null || unit.lon === null) this.units.delete(unit.id);
    else this.units.set(unit.id, { at: toMap(unit.lat, unit.lon), unit });
  }

  clear() {
    this.units.clear();
  }

  select(id) {
    this.selected = id;
    this.draw();
  }

  // The unit's marker position in map coordinates (tests read it to see a unit move).
  position(id) {
    return this.units.get(id)?.at.slice() ?? null;
  }

  // Redraws every unit for the view OpenLayers last rendered.
  draw() {
    const frameState = this.frameState;
    if (!frameState) return;
    const ratio = frameState.pixelRatio;
    const [width, height] = frameState.size;
    const canvas = this.canvas;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const g = canvas.getContext('2d');
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.clearRect(0, 0, canvas.width, canvas.height);
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    const t = frameState.coordinateToPixelTransform;
    const resolution = frameState.viewState.resolution;
    const rotation = frameState.viewState.rotation;
    // Names only where they can be read: a small fleet, or zoomed in on a big one.
    const labels = resolution < (this.units.size <= 60 ? 80 : 12);
    const margin = 40;
    const visible = [];
    for (const entry of this.units.values()) {
      const x = t[0] * entry.at[0] + t[2] * entry.at[1] + t[4];
      const y = t[1] * entry.at[0] + t[3] * entry.at[1] + t[5];
      if (x < -margin || y < -margin || x > width + margin || y > height + margin) continue;
      visible.push([x, y, entry.unit]);
    }
    // Arrows first, under the discs; the selected unit last, on top.
    for (const [x, y, unit] of visible) if (isMoving(unit)) drawArrow(g, x, y, unit.heading, rotation, unitColour(unit));
    let selected = null;
    for (const item of visible) {
      if (item[2].id === this.selected) selected = item;
      else drawDisc(g, item[0], item[1], item[2]);
    }
    if (selected) {
      drawDisc(g, selected[0], selected[1], selected[2]);
      g.beginPath();
      g.arc(selected[0], selected[1], radius + 6, 0, Math.PI * 2);
      g.strokeStyle = '#0d47a1';
      g.lineWidth = 3;
      g.setLineDash([]);
      g.stroke();
    }
    if (labels || selected) {
      g.font = 'bold 12px system-ui, sans-serif';
      g.textAlign = 'center';
      g.lineWidth = 3;
      g.strokeStyle = '#fff';
      g.setLineDash([]);
      for (const [x, y, unit] of visible) {
        if (!labels && unit.id !== this.selected) continue;
        const text = unit.stale || unit.connected === false ? `${unit.id} ?` : unit.id;
        g.strokeText(text, x, y - radius - 6);
        g.fillStyle = unit.stale ? '#616161' : '#111';
        g.fillText(text, x, y - radius - 6);
      }
    }
  }
}

function isMoving(unit) {
  return !unit.stale && unit.connected !== false && unit.heading !== null && unit.heading !== undefined && (unit.speed ?? 0) > movingMps;
}

// A triangle whose tip is 20 px ahead of the unit, its base hidden by the disc.
function drawArrow(g, x, y, headingDeg, viewRotation, colour) {
  const angle = (headingDeg * Math.PI) / 180 + viewRotation;
  const sin = Math.sin(angle);
  const cos = Math.cos(angle);
  const point = (ahead, side) => [x + ahead * sin + side * cos, y - ahead * cos + side * sin];
  const [tx, ty] = point(19, 0);
  const [lx, ly] = point(5, -7);
  const [rx, ry] = point(5, 7);
  g.beginPath();
  g.moveTo(tx, ty);
  g.lineTo(lx, ly);
  g.lineTo(rx, ry);
  g.closePath();
  g.fillStyle = colour;
  g.fill();
  g.strokeStyle = '#fff';
  g.lineWidth = 1.5;
  g.setLineDash([]);
  g.stroke();
}

function drawDisc(g, x, y, unit) {
  const stale = unit.stale || unit.connected === false;
  const colour = unitColour(unit);
  g.beginPath();
  g.arc(x, y, radius, 0, Math.PI * 2);
  g.fillStyle = stale ? 'rgba(255,255,255,0.85)' : colour;
  g.fill();
  g.strokeStyle = stale ? colour : '#fff';
  g.lineWidth = 2;
  g.setLineDash(stale ? [3, 3] : []);
  g.stroke();
}

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
    for (const [x, y, unit] of visible) if (isMoving(unit)) drawArrow(g, x, y, unit.heading, rotation, unitColour(unit), ratio);
    let selected = null;
    for (const item of visible) {
      if (item[2].id === this.selected) selected = item;
      else drawDisc(g, item[0], item[1], item[2], ratio);
    }
    if (selected) {
      drawDisc(g, selected[0], selected[1], selected[2], ratio);
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

// Discs and arrows are drawn once per look into small images and then copied: copying an image is
// far cheaper than filling and stroking anti-aliased paths, which the browser rasterises in
// software on a machine without a GPU (measured: most of the frame time with 1,000 units).
const sprites = new Map();
const arrowSize = 40;
const discSize = 2 * (radius + 2);

function sprite(key, size, ratio, paint) {
  const cacheKey = `${key}|${ratio}`;
  let image = sprites.get(cacheKey);
  if (!image) {
    image = document.createElement('canvas');
    image.width = image.height = Math.ceil(size * ratio);
    const g = image.getContext('2d');
    g.scale(ratio, ratio);
    paint(g, size / 2);
    if (sprites.size > 2000) sprites.clear();
    sprites.set(cacheKey, image);
  }
  return image;
}

// A triangle whose tip is 19 px ahead of the unit, its base hidden by the disc; 5° steps.
function drawArrow(g, x, y, headingDeg, viewRotation, colour, ratio) {
  const step = Math.round((((headingDeg + (viewRotation * 180) / Math.PI) % 360) + 360) % 360 / 5) % 72;
  const image = sprite(`arrow|${colour}|${step}`, arrowSize, ratio, (c, mid) => {
    const angle = (step * 5 * Math.PI) / 180;
    const sin = Math.sin(angle);
    const cos = Math.cos(angle);
    const point = (ahead, side) => [mid + ahead * sin + side * cos, mid - ahead * cos + side * sin];
    c.beginPath();
    c.moveTo(...point(19, 0));
    c.lineTo(...point(5, -7));
    c.lineTo(...point(5, 7));
    c.closePath();
    c.fillStyle = colour;
    c.fill();
    c.strokeStyle = '#fff';
    c.lineWidth = 1.5;
    c.stroke();
  });
  g.drawImage(image, x - arrowSize / 2, y - arrowSize / 2, arrowSize, arrowSize);
}

function drawDisc(g, x, y, unit, ratio) {
  const stale = unit.stale || unit.connected === false;
  const colour = unitColour(unit);
  const image = sprite(`disc|${colour}|${stale}`, discSize, ratio, (c, mid) => {
    c.beginPath();
    c.arc(mid, mid, radius, 0, Math.PI * 2);
    c.fillStyle = stale ? 'rgba(255,255,255,0.85)' : colour;
    c.fill();
    c.strokeStyle = stale ? colour : '#fff';
    c.lineWidth = 2;
    c.setLineDash(stale ? [3, 3] : []);
    c.stroke();
  });
  g.drawImage(image, x - discSize / 2, y - discSize / 2, discSize, discSize);
}

// The road map, drawn from the dispatcher's own graph (GET /api/map/roads) for the visible area:
// no tile server, so the console works on a center's closed network. A VectorImage layer draws
// the roads into one image per view change, so the frames that only move units do not redraw
// thirty thousand polylines. The area loaded is the view padded by half its size, so small pans
// need no new request; the previous request is aborted when the view moves on.
import VectorImageLayer from 'ol/layer/VectorImage.js';
import VectorSource from 'ol/source/Vector.js';
import Feature from 'ol/Feature.js';
import LineString from 'ol/geom/LineString.js';
import { Stroke, Style } from 'ol/style.js';
import { fromLonLat, transformExtent } from 'ol/proj.js';
import { containsExtent } from 'ol/extent.js';
import { visibleLonLatExtent } from './map_view.js';

// Widths in pixels at zoom 14; casing colour then fill colour. Unknown classes look minor.
const classLook = [
  [/^motorway/, 5, '#b75c00', '#f59b39'],
  [/^trunk/, 4.5, '#b0730f', '#f7c35c'],
  [/^primary/, 4, '#a08220', '#fbe37c'],
  [/^secondary/, 3.5, '#8d8d5a', '#fdf6b0'],
  [/^tertiary/, 3, '#9a9a9a', '#ffffff'],
  [/^(unclassified|residential|living_street|road)/, 2, '#b5b5b5', '#ffffff'],
  [/./, 1.4, '#c4c4c4', '#f4f4f4'],
];

function lookOf(name) {
  return classLook.find(([pattern]) => pattern.test(name)) ?? classLook[classLook.length - 1];
}

export class RoadLayer {
  constructor(map, { onError }) {
    this.map = map;
    this.onError = onError;
    this.source = new VectorSource();
    this.styles = [];
    this.zoom = null;
    this.layer = new VectorImageLayer({
      source: this.source,
      imageRatio: 1.25,
      style: (feature, resolution) => this.style(feature, resolution),
      zIndex: 0,
    });
    map.addLayer(this.layer);
    this.loaded = null;       // { extent (EPSG:3857), detailed }
    this.controller = null;
    this.truncated = false;
    map.on('moveend', () => this.refresh());
  }

  style(feature, resolution) {
    const look = this.styles[feature.get('class')];
    if (!look) return undefined;
    // Thinner when zoomed out, never under a hairline.
    const scale = Math.max(0.35, Math.min(1.6, 9.55 / resolution));
    const key = Math.round(scale * 20);
    return look.cache[key] ??= [
      new Style({ stroke: new Stroke({ color: look.casing, width: look.width * scale + 1.5, lineCap: 'round', lineJoin: 'round' }), zIndex: look.rank }),
      new Style({ stroke: new Stroke({ color: look.fill, width: look.width * scale, lineCap: 'round', lineJoin: 'round' }), zIndex: look.rank + 100 }),
    ];
  }

  async refresh() {
    const view = this.map.getView();
    const zoom = Math.round(view.getZoom());
    const detailed = zoom >= 13;   // the server leaves out minor roads below 13
    const visible = view.calculateExtent(this.map.getSize());
    if (this.loaded && this.loaded.detailed === detailed && containsExtent(this.loaded.extent, visible) && this.loaded.zoom <= zoom + 1)
      return;
    const bbox = visibleLonLatExtent(this.map, 0.5);
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const query = `bbox=${bbox.map((v) => v.toFixed(5)).join(',')}&zoom=${zoom}`;
    try {
      const response = await fetch(`/api/map/roads?${query}`, { signal: controller.signal, cache: 'no-store' });
      const body = await response.json().catch(() => null);
      if (!response.ok) throw new Error(body?.error ?? `${response.status}`);
      if (controller.signal.aborted) return;
      this.show(body);
      this.loaded = { extent: transformExtent(bbox, 'EPSG:4326', 'EPSG:3857'), detailed, zoom };
    } catch (error) {
      if (error.name === 'AbortError') return;
      this.onError(error);
    }
  }

  show(body) {
    // Drawn in the order of the looks (motorways over residential), whatever the server's order.
    this.styles = body.classes.map((name) => {
      const look = lookOf(name);
      const [, width, casing, fill] = look;
      return { name, width, casing, fill, rank: classLook.length - classLook.indexOf(look), cache: {} };
    });
    const features = new Array(body.roads.length);
    body.roads.forEach((road, i) => {
      const feature = new Feature(new LineString(road.coords.map((c) => fromLonLat(c))));
      feature.set('class', road.class);
      features[i] = feature;
    });
    this.source.clear(true);
    this.source.addFeatures(features);
    this.truncated = Boolean(body.truncated);
  }

  roadCount() {
    return this.source.getFeatures().length;
  }
}

// The map: an OpenLayers view in Web Mercator with no tile server. Every layer is the center's
// own data: roads (road_layer.js), places/stations/hospitals (feature_layer.js), units and
// incidents, and the coverage overlay.
import OlMap from 'ol/Map.js';
import View from 'ol/View.js';
import { defaults as defaultControls } from 'ol/control/defaults.js';
import ScaleLine from 'ol/control/ScaleLine.js';
import Attribution from 'ol/control/Attribution.js';
import { fromLonLat, toLonLat, transformExtent } from 'ol/proj.js';

export function createMap(target, info) {
  const [w, s, e, n] = info.bbox;
  const extent = transformExtent([w, s, e, n], 'EPSG:4326', 'EPSG:3857');
  const view = new View({
    center: fromLonLat([info.center[1], info.center[0]]),
    zoom: 11,
    minZoom: 7,
    maxZoom: 19,
    // Keep the dispatcher near the map's data: beyond it there is nothing to see.
    extent: padExtent(extent, 0.5),
    constrainOnlyCenter: true,
  });
  const map = new OlMap({
    target,
    view,
    controls: defaultControls({ attribution: false, rotate: false }).extend([
      new ScaleLine(),
      new Attribution({ collapsible: false }),
    ]),
    maxTilesLoading: 0,
  });
  view.fit(extent, { padding: [20, 20, 20, 20] });
  return map;
}

export function padExtent([minX, minY, maxX, maxY], fraction) {
  const dx = (maxX - minX) * fraction;
  const dy = (maxY - minY) * fraction;
  return [minX - dx, minY - dy, maxX + dx, maxY + dy];
}

export const toMap = (lat, lon) => fromLonLat([lon, lat]);
export function toLatLon(coordinate) {
  const [lon, lat] = toLonLat(coordinate);
  return { lat, lon };
}

// The visible area in degrees (W, S, E, N), clamped to valid coordinates.
export function visibleLonLatExtent(map, pad = 0) {
  const extent = padExtent(map.getView().calculateExtent(map.getSize()), pad);
  const [w, s, e, n] = transformExtent(extent, 'EPSG:3857', 'EPSG:4326');
  return [Math.max(w, -180), Math.max(s, -85), Math.min(e, 180), Math.min(n, 85)];
}

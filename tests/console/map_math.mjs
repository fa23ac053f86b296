// Web Mercator (EPSG:3857), as the console's map draws, to compare marker positions with fixes.
const earthRadius = 6378137;

export function fromLonLatMercator(lon, lat) {
  const x = (earthRadius * lon * Math.PI) / 180;
  const y = earthRadius * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  return [x, y];
}

// Map units are metres scaled by 1/cos(lat); close enough for "the same place" at tens of metres.
export function near(a, b, metres) {
  if (!a || !b) return false;
  return Math.hypot(a[0] - b[0], a[1] - b[1]) <= metres * 1.5;
}

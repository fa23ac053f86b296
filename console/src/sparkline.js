// A small line of a vital sign's last minutes on a canvas, sized for the device's pixels.
export function drawSparkline(canvas, points, { colour = '#90caf9', alarm = false } = {}) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || 150;
  const height = canvas.clientHeight || 26;
  if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
  if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  if (points.length < 2) return;
  const t0 = points[0][0];
  const t1 = points[points.length - 1][0];
  let lo = Infinity;
  let hi = -Infinity;
  for (const [, v] of points) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (hi - lo < 1) { hi += 0.5; lo -= 0.5; }
  const x = (t) => (t1 === t0 ? width : ((t - t0) / (t1 - t0)) * (width - 4) + 2);
  const y = (v) => height - 3 - ((v - lo) / (hi - lo)) * (height - 6);
  g.strokeStyle = alarm ? '#ff5252' : colour;
  g.lineWidth = 1.5;
  g.beginPath();
  points.forEach(([t, v], i) => (i ? g.lineTo(x(t), y(v)) : g.moveTo(x(t), y(v))));
  g.stroke();
  const [tl, vl] = points[points.length - 1];
  g.fillStyle = g.strokeStyle;
  g.beginPath();
  g.arc(x(tl), y(vl), 2.5, 0, Math.PI * 2);
  g.fill();
}

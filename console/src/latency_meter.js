// Event-to-screen latency: for each event carrying the dispatcher's "sent_ms", the time from
// that moment to the start of the animation frame that drew it (performance.timeOrigin + the
// frame's timestamp: the same wall clock when browser and dispatcher share a machine) and to
// the end of the console's drawing in that frame, and how long the console's work in each frame
// took. Fixed-size rings (a console runs for a 12-hour shift), read by bench/console_bench.mjs
// and the tests through window.ems120Metrics.

class Ring {
  constructor(capacity) {
    this.values = new Float64Array(capacity);
    this.next = 0;
    this.size = 0;
  }

  push(value) {
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.values.length;
    this.size = Math.min(this.size + 1, this.values.length);
  }

  // Oldest first.
  toArray() {
    const start = this.size < this.values.length ? 0 : this.next;
    return Array.from({ length: this.size }, (_, i) => this.values[(start + i) % this.values.length]);
  }
}

const series = ['latencies', 'drawnLatencies', 'work', 'render', 'panels'];

export class LatencyMeter {
  constructor(capacity = 100000) {
    this.capacity = capacity;
    this.reset();
  }

  received(type) {
    this.eventsReceived += 1;
    if (type === 'unit') this.unitEvents += 1;
  }

  // work: {total, apply, panels, render} in ms.
  frame(frameTimeMs, sentTimes, work) {
    const shown = performance.timeOrigin + frameTimeMs;
    this.rings.work.push(work.total);
    this.rings.render.push(work.render);
    this.rings.panels.push(work.panels);
    // The frame start is a lower bound of when the screen showed it; the end of the console's
    // drawing (before the browser composites the frame) an upper bound of the console's part.
    const drawn = performance.timeOrigin + performance.now();
    for (const sent of sentTimes) {
      this.eventsDrawn += 1;
      this.rings.latencies.push(shown - sent);
      this.rings.drawnLatencies.push(drawn - sent);
    }
  }

  reset() {
    this.rings = Object.fromEntries(series.map((name) => [name, new Ring(this.capacity)]));
    this.eventsReceived = 0;
    this.eventsDrawn = 0;
    this.unitEvents = 0;
  }

  snapshot() {
    const out = Object.fromEntries(series.map((name) => [name, this.rings[name].toArray()]));
    return { ...out, eventsReceived: this.eventsReceived, eventsDrawn: this.eventsDrawn, unitEvents: this.unitEvents };
  }
}

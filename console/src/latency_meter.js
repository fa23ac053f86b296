// Event-to-screen latency: for each event carrying the dispatcher's "sent_ms", the time from
// that moment to the start of the animation frame that drew it (performance.timeOrigin + the
// frame's timestamp: the same wall clock when browser and dispatcher share a machine), and how
// long the console's work in each such frame took. Bounded rings, read by
// bench/console_bench.mjs through window.ems120Metrics.

export class LatencyMeter {
  constructor(capacity = 50000) {
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
    push(this.work, work.total, this.capacity);
    push(this.render, work.render, this.capacity);
    push(this.panels, work.panels, this.capacity);
    // And to the end of the console's drawing in that frame (the map rendered, before the
    // browser composites it): the frame start is a lower bound, this an upper bound of our part.
    const drawn = performance.timeOrigin + performance.now();
    for (const sent of sentTimes) {
      this.eventsDrawn += 1;
      push(this.latencies, shown - sent, this.capacity);
      push(this.drawnLatencies, drawn - sent, this.capacity);
    }
  }

  reset() {
    this.latencies = [];
    this.drawnLatencies = [];
    this.work = [];
    this.render = [];
    this.panels = [];
    this.eventsReceived = 0;
    this.eventsDrawn = 0;
    this.unitEvents = 0;
  }

  snapshot() {
    return {
      latencies: this.latencies.slice(),
      drawnLatencies: this.drawnLatencies.slice(),
      work: this.work.slice(),
      render: this.render.slice(),
      panels: this.panels.slice(),
      eventsReceived: this.eventsReceived,
      eventsDrawn: this.eventsDrawn,
      unitEvents: this.unitEvents,
    };
  }
}

function push(ring, value, capacity) {
  if (ring.length >= capacity) ring.shift();
  ring.push(value);
}

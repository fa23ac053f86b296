// Batches every change that arrives between two frames into one update: events only mark what
// changed (keyed by unit or incident id, so a burst for one unit is one update), and the views
// redraw once, in the next animation frame. A hidden tab gets no frames; what waits is one entry
// per unit, not a queue of events.

export class FrameScheduler {
  constructor(onFrame) {
    this.onFrame = onFrame;   // (changes, frameTimeMs) => void
    this.requested = false;
    this.changes = newChanges();
  }

  unit(id, sentMs) {
    noteSent(this.changes.units, id, sentMs);
    this.request();
  }

  incident(id, sentMs) {
    noteSent(this.changes.incidents, id, sentMs);
    this.request();
  }

  mark(what) {
    this.changes[what] = true;
    this.request();
  }

  request() {
    if (this.requested) return;
    this.requested = true;
    requestAnimationFrame((time) => {
      this.requested = false;
      const changes = this.changes;
      this.changes = newChanges();
      this.onFrame(changes, time);
    });
  }
}

function newChanges() {
  return { units: new Map(), incidents: new Map(), everything: false, kpis: false, coverage: false, vitals: false };
}

// Per id, the send times of the events it coalesces (for the latency meter).
function noteSent(map, id, sentMs) {
  let sent = map.get(id);
  if (!sent) map.set(id, (sent = []));
  if (Number.isFinite(sentMs)) sent.push(sentMs);
}

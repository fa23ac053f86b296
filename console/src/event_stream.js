// The live link to the dispatcher: server-sent events from GET /api/events. The browser's own
// EventSource retries a dropped stream but gives up for good on an HTTP error (a dispatcher that
// answers 503 while it replays its journal after a restart), so this class owns reconnection:
// whenever the stream closes it waits (1 s, growing to 5 s) and opens a new one; every time a
// stream opens, onOpen re-syncs the whole state, since events missed while disconnected are gone.

const eventTypes = ['unit', 'incident', 'alert', 'coverage', 'vitals'];

export class EventStream {
  constructor({ url = '/api/events', onEvent, onOpen, onStatus }) {
    this.url = url;
    this.onEvent = onEvent;
    this.onOpen = onOpen;
    this.onStatus = onStatus;   // 'connecting' | 'live' | 'down'
    this.source = null;
    this.retryMs = 1000;
    this.timer = null;
    this.stopped = false;
    this.received = 0;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.source?.close();
    this.source = null;
  }

  connect() {
    if (this.stopped) return;
    this.onStatus('connecting');
    const source = new EventSource(this.url);
    this.source = source;
    source.onopen = () => {
      this.retryMs = 1000;
      this.onStatus('live');
      this.onOpen();
    };
    source.onerror = () => {
      if (this.source !== source) return;
      // Closed for good (HTTP error) or reconnecting by itself: either way the state is unknown
      // until the next open, so take over with our own retry and say the link is down.
      source.close();
      this.source = null;
      this.onStatus('down');
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 5000);
    };
    for (const type of eventTypes) {
      source.addEventListener(type, (message) => {
        let data;
        try {
          data = JSON.parse(message.data);
        } catch {
          return;   // one malformed event must not stop the stream; the next re-sync repairs it
        }
        this.received += 1;
        this.onEvent(type, data);
      });
    }
  }
}

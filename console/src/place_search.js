// Typo-tolerant place search as the dispatcher types (GET /api/places?q=): the newest answer
// wins, older requests are aborted, and an empty answer is said in words, not left blank.
import { api, describeFailure } from './api.js';

export class PlaceSearch {
  constructor({ input, list, onPick, onMessage, language }) {
    this.input = input;
    this.list = list;
    this.onPick = onPick;           // (place) => void
    this.onMessage = onMessage;     // (text, kind) => void; kind '' | 'error'
    this.language = language;
    this.results = [];
    this.active = -1;
    this.controller = null;
    this.timer = null;
    this.done = Promise.resolve();
    input.addEventListener('input', () => this.schedule());
    input.addEventListener('keydown', (event) => this.onKey(event));
  }

  reset() {
    this.controller?.abort();
    clearTimeout(this.timer);
    this.input.value = '';
    this.show([], '');
  }

  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.done = this.search(this.input.value.trim()); }, 180);
  }

  // Searches now (Enter before the pause ran out).
  async flush() {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
      this.done = this.search(this.input.value.trim());
    }
    return this.done;
  }

  async search(q) {
    this.timer = null;
    this.controller?.abort();
    if (!q) return this.show([], '');
    // A caller's position from the phone network (AML) is read out as "lat, lon".
    const point = coordinateOf(q);
    if (point) return this.show([point], '');
    const controller = new AbortController();
    this.controller = controller;
    this.onMessage(this.language.t('call.searching'), '');
    try {
      const answer = await api(`/api/places?q=${encodeURIComponent(q)}`, { signal: controller.signal });
      if (controller.signal.aborted) return;
      const exact = answer.exact ?? [];
      const close = answer.close ?? [];
      if (exact.length) this.show(exact.concat(close), '');
      else if (close.length) this.show(close, this.language.t('call.closeMatches'));
      else this.show([], this.language.t('call.noPlace', { q }), 'error');
    } catch (error) {
      if (error.name === 'AbortError') return;
      // A 404 for an unknown name may still list close candidates.
      const candidates = error.body?.candidates ?? [];
      if (error.status === 404 && candidates.length) this.show(candidates, this.language.t('call.closeMatches'));
      else if (error.status === 404) this.show([], this.language.t('call.noPlace', { q }), 'error');
      else this.show([], `${this.language.t('call.searchFailed')}: ${describeFailure(error, this.language)}`, 'error');
    }
  }

  // Candidates for an ambiguous name come back from POST /api/proposals too (409).
  show(results, message, kind = '') {
    this.results = results;
    this.active = results.length ? 0 : -1;
    this.onMessage(message, kind);
    this.render();
  }

  render() {
    this.list.replaceChildren(...this.results.map((place, i) => {
      const item = document.createElement('li');
      item.setAttribute('role', 'option');
      item.className = i === this.active ? 'active' : '';
      const name = document.createElement('span');
      name.textContent = displayName(place, this.language.code);
      const sub = document.createElement('span');
      sub.className = 'sub';
      sub.textContent = place.coordinate ? this.language.t('call.coordinate') : [otherName(place, this.language.code), place.kind].filter(Boolean).join(' · ');
      item.append(name, sub);
      item.addEventListener('mousedown', (event) => { event.preventDefault(); this.pick(i); });
      return item;
    }));
  }

  onKey(event) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!this.results.length) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.results.length) % this.results.length;
      this.render();
    } else if (event.key === 'Enter') {
      // Enter in the search box picks a place; Enter elsewhere in the form confirms the call.
      event.preventDefault();
      event.stopPropagation();
      this.flush().then(() => { if (this.active >= 0) this.pick(this.active); });
    }
  }

  pick(i) {
    const place = this.results[i];
    if (!place) return;
    // A search still pending for what was typed before would bring the list back.
    clearTimeout(this.timer);
    this.timer = null;
    this.controller?.abort();
    this.input.value = displayName(place, this.language.code);
    this.show([], '');
    this.onPick(place);
  }
}

// "42.5078, 1.5211" (or with a space) as a map point, when both numbers are coordinates.
export function coordinateOf(text) {
  const m = /^\s*(-?\d{1,2}(?:\.\d+)?)\s*[,，\s]\s*(-?\d{1,3}(?:\.\d+)?)\s*$/.exec(text);
  if (!m) return null;
  const lat = Number(m[1]);
  const lon = Number(m[2]);
  if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) return null;
  return { coordinate: true, lat, lon };
}

export function displayName(place, language) {
  if (place.coordinate) return `${place.lat}, ${place.lon}`;
  if (language === 'zh') return place.name_zh || place.name || place.name_en || place.place_id;
  return place.name_en || place.name || place.name_zh || place.place_id;
}

function otherName(place, language) {
  const shown = displayName(place, language);
  const other = [place.name, place.name_zh, place.name_en].find((n) => n && n !== shown);
  return other ?? '';
}

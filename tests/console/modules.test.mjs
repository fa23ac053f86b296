// The console's pure logic, without a browser: string tables, merging events into the store,
// alarm thresholds, vital-sign series, coverage bands, throttling.
import test from 'node:test';
import assert from 'node:assert/strict';
import { zh } from '../../console/src/strings_zh.js';
import { en } from '../../console/src/strings_en.js';
import { Language } from '../../console/src/i18n.js';
import { FleetStore, incidentProgress } from '../../console/src/fleet_store.js';
import { alarmOf, defaultThresholds, loadThresholds, saveThresholds } from '../../console/src/vital_thresholds.js';
import { VitalSeries, normaliseReading } from '../../console/src/vital_series.js';
import { coverageBand } from '../../console/src/coverage_bands.js';
import { throttle } from '../../console/src/throttle.js';

class MemoryStorage {
  constructor() { this.items = new Map(); }
  getItem(k) { return this.items.has(k) ? this.items.get(k) : null; }
  setItem(k, v) { this.items.set(k, String(v)); }
}

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join();

test('every string exists in both languages, non-empty, with the same placeholders', () => {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(zh).sort());
  for (const key of Object.keys(zh)) {
    assert.ok(zh[key].trim() && en[key].trim(), `${key} is empty`);
    assert.equal(placeholders(en[key]), placeholders(zh[key]), `${key}: placeholders differ`);
  }
});

test('the language defaults to Chinese, fills placeholders and remembers the choice', () => {
  const storage = new MemoryStorage();
  const language = new Language(storage);
  assert.equal(language.code, 'zh');
  assert.equal(language.t('call.eta', { min: 6 }), '预计 6 分钟');
  language.code = 'en';
  assert.equal(language.t('call.eta', { min: 6 }), 'ETA 6 min');
  assert.equal(language.t('no.such.key'), 'no.such.key');
  storage.setItem('ems120.language', 'en');
  assert.equal(new Language(storage).code, 'en');
  storage.setItem('ems120.language', 'klingon');
  assert.equal(new Language(storage).code, 'zh');
});

const incident = (over) => ({ id: 'I1', state: 'offered', priority: 'critical', lat: 42.5, lon: 1.5,
  offers: [{ unit: 'A1', outcome: 'pending' }], times: { call_received: 1, unit_notified: 2, acknowledged: null }, ...over });

test('an incident event older than the snapshot does not roll the incident back', () => {
  const store = new FleetStore();
  const acknowledged = incident({ state: 'assigned', offers: [{ unit: 'A1', outcome: 'acknowledged' }], times: { call_received: 1, unit_notified: 2, acknowledged: 3 } });
  store.replace({ units: [] }, [acknowledged]);
  assert.equal(store.applyIncident(incident()), null);
  assert.equal(store.incidents.get('I1').state, 'assigned');
  const closed = { ...acknowledged, state: 'closed', times: { ...acknowledged.times, on_scene: 4 } };
  assert.ok(store.applyIncident(closed));
  assert.ok(incidentProgress(closed) > incidentProgress(acknowledged));
  // A re-offer after a timeout (one more offer) is newer too.
  assert.ok(incidentProgress(incident({ offers: [{ unit: 'A1', outcome: 'timed_out' }, { unit: 'A2', outcome: 'pending' }] })) > incidentProgress(incident()));
});

test('an incident event keeps the timeline fetched before it', () => {
  const store = new FleetStore();
  store.replace({ units: [] }, [incident({ timeline: [{ time: 1, what: 'call received' }] })]);
  const merged = store.applyIncident(incident({ state: 'assigned', times: { call_received: 1, unit_notified: 2, acknowledged: 3 } }));
  assert.equal(merged.timeline.length, 1);
  assert.equal(merged.state, 'assigned');
});

test('a unit event older than the shown position is ignored; one without a position keeps it', () => {
  const store = new FleetStore();
  store.replace({ units: [{ unit: 'A1', activity: 'available', status: 'available', position: { lat: 1, lon: 2, time: 100 } }] }, []);
  assert.equal(store.applyUnit({ unit: 'A1', position: { lat: 9, lon: 9, time: 50 }, free: true }), null);
  const moved = store.applyUnit({ unit: 'A1', position: { lat: 1.1, lon: 2.1, time: 200, speed_mps: 12, heading_deg: 90 }, status: 'en_route', free: false, stale: false });
  assert.equal(moved.lat, 1.1);
  assert.equal(moved.heading, 90);
  const linkDown = store.applyUnit({ unit: 'A1', connected: false, status: 'en_route', free: false });
  assert.equal(linkDown.lat, 1.1);
  assert.equal(linkDown.connected, false);
  assert.equal(store.freeUnits().length, 0);
});

test('vital alarms use the thresholds, defaults SpO2 < 90, HR > 130 or < 40, systolic < 90', () => {
  const t = defaultThresholds;
  assert.equal(alarmOf('spo2', 89, t), 'low');
  assert.equal(alarmOf('spo2', 90, t), null);
  assert.equal(alarmOf('hr', 131, t), 'high');
  assert.equal(alarmOf('hr', 130, t), null);
  assert.equal(alarmOf('hr', 39, t), 'low');
  assert.equal(alarmOf('sys', 89, t), 'low');
  assert.equal(alarmOf('rr', 60, t), null);
  assert.equal(alarmOf('hr', NaN, t), null);
});

test('saved thresholds come back; garbage and absurd values fall back to the defaults', () => {
  const storage = new MemoryStorage();
  assert.deepEqual(loadThresholds(storage), defaultThresholds);
  saveThresholds({ spo2Below: 92, hrAbove: 120, hrBelow: 45, sysBelow: 95 }, storage);
  assert.deepEqual(loadThresholds(storage), { spo2Below: 92, hrAbove: 120, hrBelow: 45, sysBelow: 95 });
  storage.setItem('ems120.thresholds', '{"spo2Below": 5, "hrAbove": "x"}');
  assert.deepEqual(loadThresholds(storage), defaultThresholds);
  storage.setItem('ems120.thresholds', 'not json');
  assert.deepEqual(loadThresholds(storage), defaultThresholds);
});

test('vital readings in either naming become one series, in time order, over the last 30 minutes', () => {
  assert.deepEqual(normaliseReading({ time: 5, heart_rate: 80, systolic: 120, spo2: 97 }), { time: 5, hr: 80, sys: 120, spo2: 97 });
  assert.deepEqual(normaliseReading({ time: 5, values: { hr: 81, spo2: { value: 96 } } }), { time: 5, hr: 81, spo2: 96 });
  const series = new VitalSeries();
  series.replace('A1', [{ time: 0, hr: 70 }, { time: 60000, hr: 72 }]);
  series.add('A1', { time: 120000, hr: 75 });
  series.add('A1', { time: 90000, hr: 73 });   // late, from an outbox
  assert.deepEqual(series.sign('A1', 'hr').map(([, v]) => v), [70, 72, 73, 75]);
  series.add('A1', { time: 31 * 60000, hr: 90 });
  assert.deepEqual(series.sign('A1', 'hr').map(([t]) => t), [60000, 90000, 120000, 31 * 60000]);
});

test('coverage bands: within the limit, up to five minutes over, beyond', () => {
  assert.equal(coverageBand(undefined, 15), 'within');
  assert.equal(coverageBand({ time_min: 17 }, 15), 'near');
  assert.equal(coverageBand({ time_min: 20 }, 15), 'near');
  assert.equal(coverageBand({ time_min: 20.5 }, 15), 'beyond');
  assert.equal(coverageBand({ time_min: null }, 15), 'beyond');
  assert.equal(coverageBand({ time_min: 16, off_road: true }, 15), 'beyond');
});

test('a burst of triggers runs the task twice: at once and once more at the end', async () => {
  let runs = 0;
  const trigger = throttle(async () => { runs += 1; }, 50);
  for (let i = 0; i < 20; i += 1) trigger();
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(runs, 1);
  for (let i = 0; i < 20; i += 1) trigger();
  await new Promise((r) => setTimeout(r, 120));
  assert.equal(runs, 2);
});

test('the latency meter keeps the newest values in a fixed ring', () => {
  globalThis.performance ??= { timeOrigin: 0, now: () => 0 };
  return import('../../console/src/latency_meter.js').then(({ LatencyMeter }) => {
    const meter = new LatencyMeter(3);
    for (let i = 0; i < 5; i += 1) meter.frame(0, [performance.timeOrigin - i], { total: i, render: i, panels: 0 });
    const s = meter.snapshot();
    assert.deepEqual(s.work, [2, 3, 4]);
    assert.deepEqual(s.latencies, [2, 3, 4]);
    assert.equal(s.eventsDrawn, 5);
  });
});

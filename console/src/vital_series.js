// Each unit's recent vital signs, oldest first, bounded to the last 30 minutes: the history from
// GET /api/units/ID/vitals, extended by the event stream's vitals events.

export const vitalSigns = ['hr', 'spo2', 'sys', 'dia', 'rr', 'temp', 'etco2'];
// The long names a server may use for the same signs.
const aliases = { heart_rate: 'hr', systolic: 'sys', diastolic: 'dia', resp_rate: 'rr', respiratory_rate: 'rr', temperature: 'temp' };
const windowMs = 30 * 60 * 1000;
const maxSamples = 2000;

// {time, hr?, spo2?, ...} from one reading, whatever the naming; values may also be {value}.
export function normaliseReading(reading) {
  const out = { time: reading.time ?? reading.time_ms };
  const values = reading.values && typeof reading.values === 'object' ? { ...reading, ...reading.values } : reading;
  for (const [key, raw] of Object.entries(values)) {
    const sign = aliases[key] ?? key;
    if (!vitalSigns.includes(sign)) continue;
    const value = typeof raw === 'object' && raw !== null ? raw.value : raw;
    if (typeof value === 'number' && Number.isFinite(value)) out[sign] = value;
  }
  return out;
}

export class VitalSeries {
  constructor() {
    this.byUnit = new Map();
  }

  replace(unit, readings) {
    this.byUnit.set(unit, readings.map(normaliseReading).filter((r) => Number.isFinite(r.time)).sort((a, b) => a.time - b.time));
    this.trim(unit);
  }

  add(unit, reading) {
    const r = normaliseReading(reading);
    if (!Number.isFinite(r.time)) return;
    let list = this.byUnit.get(unit);
    if (!list) this.byUnit.set(unit, (list = []));
    if (list.length && list[list.length - 1].time > r.time) {
      // Late (resent from an outbox): keep time order.
      const at = list.findIndex((x) => x.time > r.time);
      list.splice(at, 0, r);
    } else {
      list.push(r);
    }
    this.trim(unit);
  }

  trim(unit) {
    const list = this.byUnit.get(unit);
    if (!list.length) return;
    const newest = list[list.length - 1].time;
    let drop = 0;
    while (drop < list.length && list[drop].time < newest - windowMs) drop += 1;
    drop = Math.max(drop, list.length - maxSamples);
    if (drop > 0) list.splice(0, drop);
  }

  // [[time, value], ...] of one sign, and its latest value.
  sign(unit, sign) {
    const points = [];
    for (const r of this.byUnit.get(unit) ?? []) if (r[sign] !== undefined) points.push([r.time, r[sign]]);
    return points;
  }

  forget(unit) {
    this.byUnit.delete(unit);
  }
}

// Alarm thresholds for a patient's vital signs, editable in the settings dialog and kept in this
// browser's localStorage. Defaults: SpO2 below 90 %, heart rate above 130 or below 40 /min,
// systolic pressure below 90 mmHg.
import { safeGet, safeSet } from './i18n.js';

const storageKey = 'ems120.thresholds';
export const defaultThresholds = Object.freeze({ spo2Below: 90, hrAbove: 130, hrBelow: 40, sysBelow: 90 });
// Plausible ranges for each setting; a value outside is refused with a message.
export const thresholdRanges = { spo2Below: [50, 100], hrAbove: [60, 250], hrBelow: [20, 100], sysBelow: [40, 200] };

export function loadThresholds(storage = window.localStorage) {
  let saved = {};
  try {
    saved = JSON.parse(safeGet(storage, storageKey) ?? '{}') ?? {};
  } catch {
    saved = {};
  }
  const thresholds = { ...defaultThresholds };
  for (const [name, [min, max]] of Object.entries(thresholdRanges)) {
    const v = saved[name];
    if (typeof v === 'number' && v >= min && v <= max) thresholds[name] = v;
  }
  return thresholds;
}

export function saveThresholds(thresholds, storage = window.localStorage) {
  return safeSet(storage, storageKey, JSON.stringify(thresholds));
}

// The alarm for one sign's latest value, or null: 'low' or 'high'.
export function alarmOf(sign, value, thresholds) {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  if (sign === 'spo2' && value < thresholds.spo2Below) return 'low';
  if (sign === 'hr' && value > thresholds.hrAbove) return 'high';
  if (sign === 'hr' && value < thresholds.hrBelow) return 'low';
  if (sign === 'sys' && value < thresholds.sysBelow) return 'low';
  return null;
}

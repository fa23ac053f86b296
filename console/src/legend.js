// The map's key: what each unit colour and incident colour means, in the console's language.
import { priorityColours, priorities, statusColours, staleColour } from './unit_look.js';

export function renderLegend(element, language) {
  const t = (k) => language.t(k);
  const row = (colour, text, cls = '') => `<li><span class="swatch ${cls}" style="--c:${colour}"></span>${escapeHtml(text)}</li>`;
  const statuses = ['available', 'en_route', 'on_scene', 'transporting', 'at_hospital', 'out_of_service']
    .map((s) => row(statusColours[s], t(`status.${s}`))).join('') + row(staleColour, t('unit.stale'), 'stale');
  const incidents = priorities.map((p) => row(priorityColours[p], t(`priority.${p}`), 'square')).join('');
  element.innerHTML = `<details open><summary>${escapeHtml(t('legend.title'))}</summary><ul>${statuses}</ul><ul>${incidents}</ul></details>`;
}

export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

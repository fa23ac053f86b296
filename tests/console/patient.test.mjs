// A patient on board: the console shows the unit's vital signs (the history, then live readings)
// with sparklines, and raises an alarm when a value crosses the dispatcher's threshold — here a
// heart-rate limit set low in the settings, so the simulated patient's pulse is sure to cross it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ConsoleWorld, waitFor } from './harness.mjs';

test('vital signs of a patient in transport, with trends and a threshold alarm', async (t) => {
  const world = new ConsoleWorld({ name: 'console_patient', port: 27355, timeoutMs: 240000 });
  t.after(() => world.close());
  // 60x: the crew reaches the patient within seconds of real time.
  await world.startDemo({ units: 3, speed: 60 });
  const page = await world.openConsole();
  await page.evaluate(() => localStorage.setItem('ems120.thresholds', JSON.stringify({ spo2Below: 90, hrAbove: 60, hrBelow: 40, sysBelow: 90 })));
  await page.reload();
  await waitFor('the console to go live again', () => page.evaluate(() => window.ems120Metrics?.link() === 'live'));

  const { incident } = await world.api('/api/incidents', { method: 'POST', body: { place: 'Encamp', priority: 'critical', complaint: 'chest pain' } });
  const unit = incident.unit;
  assert.ok(unit, 'a unit was offered the call');
  await waitFor(`${unit} in the patient panel`, () => page.isVisible(`#patient-panel .vitals-unit[data-unit="${unit}"]`), { timeoutMs: 150000, intervalMs: 500 });
  const hr = `#patient-panel .vitals-unit[data-unit="${unit}"] .vital[data-sign=hr]`;
  await waitFor('a heart-rate trend', async () => Number(await page.getAttribute(hr, 'data-points')) >= 3, { timeoutMs: 60000, intervalMs: 500 });

  // The value shown is one the dispatcher holds for this unit.
  const shown = Number(await page.textContent(`${hr} .value`));
  const history = await world.api(`/api/units/${unit}/vitals?minutes=30`);
  const rates = history.vitals.map((v) => v.hr ?? v.heart_rate).filter((v) => v !== undefined).map(Math.round);
  assert.ok(rates.includes(shown), `${shown} is not among the unit's heart rates ${rates.slice(-5)}`);

  // Above the 60 /min threshold: the row is red and the alarm is announced.
  assert.ok(shown > 60, `the simulated heart rate ${shown} should be over 60`);
  await waitFor('the alarm', async () => (await page.getAttribute(hr, 'class')).includes('alarm'));
  await waitFor('the alarm message', async () => (await page.textContent('#toasts')).includes(`告警：${unit}`));
  await world.screenshot('patient');
  assert.deepEqual(world.pageErrors, []);
});

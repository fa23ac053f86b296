// The console opens on the dispatcher's own map: roads from /api/map/roads, every unit the
// dispatcher knows at the position it reported, and the link shown live.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ConsoleWorld, waitFor } from './harness.mjs';
import { fromLonLatMercator, near } from './map_math.mjs';

test('the console shows the roads and every unit at its reported position', async (t) => {
  const world = new ConsoleWorld({ name: 'console_live_map', port: 27351 });
  t.after(() => world.close());
  await world.startDemo({ units: 6 });
  const page = await world.openConsole();

  const roads = await waitFor('roads on the map', () => page.evaluate(() => window.ems120Metrics.roadCount()));
  assert.ok(roads > 50, `only ${roads} road polylines drawn`);

  const state = await world.api('/api/state');
  await waitFor('every unit on the map', async () => {
    const shown = await page.evaluate(() => window.ems120Metrics.unitIds());
    return state.units.every((u) => shown.includes(u.unit));
  });
  for (const unit of state.units) {
    const at = await page.evaluate((id) => window.ems120Metrics.unitPosition(id), unit.unit);
    const expected = fromLonLatMercator(unit.position.lon, unit.position.lat);
    // Parked units do not move; 50 m covers a fix that arrived between the two reads.
    assert.ok(near(at, expected, 50), `${unit.unit} drawn at ${at}, reported at ${expected}`);
  }
  assert.match(await page.textContent('#link-status'), /实时/);
  await world.screenshot('map');

  // L switches the whole page to English (and back); ? lists the shortcuts.
  await page.locator('#incident-list').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('l');
  assert.equal(await page.textContent('.brand'), '120 Dispatch Console');
  assert.match(await page.textContent('#link-status'), /Live/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.keyboard.press('?');
  assert.ok(await page.evaluate(() => document.getElementById('help-dialog').open));
  assert.match(await page.textContent('#help-dialog'), /Coverage layer on\/off/);
  await world.screenshot('help-en');
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.getElementById('help-dialog').open), false);
  await page.keyboard.press('l');
  assert.equal(await page.textContent('.brand'), '120 急救调度台');

  // A 1366x768 laptop: everything fits, nothing scrolls sideways.
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.waitForTimeout(300);
  const fits = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth <= window.innerWidth,
    top: document.getElementById('top').scrollWidth <= document.getElementById('top').clientWidth + 1,
    buttons: [...document.querySelectorAll('#top button')].every((b) => b.getBoundingClientRect().right <= window.innerWidth),
  }));
  assert.deepEqual(fits, { page: true, top: true, buttons: true });
  await world.screenshot('laptop');
  assert.deepEqual(world.pageErrors, []);
});

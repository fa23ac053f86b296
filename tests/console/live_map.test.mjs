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
  assert.deepEqual(world.pageErrors, []);
});

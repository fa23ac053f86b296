// A dispatcher's call from start to finish, in the browser: search a village, choose the
// priority, see the proposed unit (the same one the dispatcher's policy proposes), confirm, see
// the crew's acknowledgement arrive and the unit's marker move; the KPI bar counts the call; the
// coverage layer colours every village, draws the free units' isochrones and sends the move-up.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ConsoleWorld, waitFor } from './harness.mjs';

const village = 'Encamp';

test('take a call by village name, confirm the proposed unit, see it acknowledged and moving', async (t) => {
  const world = new ConsoleWorld({ name: 'console_take_call', port: 27352, timeoutMs: 240000 });
  t.after(() => world.close());
  await world.startDemo({ units: 6 });
  const page = await world.openConsole();
  const kpiCalls = () => page.textContent('[data-kpi=calls_today] .kpi-value');
  await waitFor('the KPI bar', async () => /\d/.test(await kpiCalls()));
  const callsBefore = Number(await kpiCalls());

  // N opens the form with the cursor in the search; Enter takes the first match.
  await page.keyboard.press('n');
  await waitFor('the call form', () => page.isVisible('#call-panel'));
  await page.keyboard.type(village);
  await waitFor('search results', async () => (await page.locator('#place-results li').count()) > 0);
  assert.match(await page.textContent('#place-results li:first-child'), new RegExp(village));
  await page.keyboard.press('Enter');
  await waitFor('the location', async () => (await page.textContent('#call-location')).includes(village));

  // 1 = critical (the focus left the search box), then the complaint.
  await page.keyboard.press('1');
  assert.equal(await page.getAttribute('#priority-buttons [data-priority=critical]', 'aria-pressed'), 'true');
  await page.keyboard.type('not breathing');
  await waitFor('the proposed unit', async () => (await page.locator('#proposal .choice').count()) > 0);
  const shown = await page.locator('#proposal .choice').evaluateAll((rows) => rows.map((r) => r.dataset.unit));
  const places = await world.api(`/api/places?q=${encodeURIComponent(village)}`);
  const proposal = await world.api('/api/proposals', { method: 'POST', body: { place_id: places.exact[0].place_id, priority: 'critical' } });
  assert.equal(shown[0], proposal.chosen, 'the console proposes what the dispatcher proposes');
  assert.ok(shown.length <= 3);
  await world.screenshot('proposal');

  await page.keyboard.press('Enter');
  await waitFor('the form to close', async () => !(await page.isVisible('#call-panel')));
  const incidents = await world.api('/api/incidents');
  const incident = incidents.incidents.find((i) => i.place === village && i.priority === 'critical');
  assert.ok(incident, 'the call was recorded');
  assert.equal(incident.unit, proposal.chosen);
  assert.equal(incident.complaint, 'not breathing');
  await waitFor('the incident in the list', () => page.isVisible(`#incident-list li[data-id="${incident.id}"]`));

  // The crew acknowledges (the simulated crew's screen answers the order): the console says so.
  await waitFor('the acknowledgement', async () => {
    const state = await page.getAttribute(`#incident-list li[data-id="${incident.id}"]`, 'data-state');
    return state !== 'offered' && state !== 'waiting';
  }, { timeoutMs: 60000 });
  await waitFor('the acknowledgement message', async () => (await page.textContent('#toasts')).includes('已确认接单'));
  await waitFor('the acknowledged milestone in the timeline', async () =>
    !(await page.textContent('#incident-detail [data-milestone=acknowledged] time')).includes('–'));

  // The unit drives off: its marker moves.
  const unit = proposal.chosen;
  const start = await page.evaluate((id) => window.ems120Metrics.unitPosition(id), unit);
  await waitFor(`${unit}'s marker to move`, async () => {
    const now = await page.evaluate((id) => window.ems120Metrics.unitPosition(id), unit);
    return now && Math.hypot(now[0] - start[0], now[1] - start[1]) > 30;
  }, { timeoutMs: 90000, intervalMs: 500 });
  await world.screenshot('moving');

  // The KPI bar counted the call.
  await waitFor('the KPI bar to count the call', async () => Number(await kpiCalls()) === callsBefore + 1, { timeoutMs: 15000 });

  // C: the coverage layer colours every village and outlines the free units' reach.
  await page.locator('#incident-list').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('c');
  await waitFor('the coverage panel', () => page.isVisible('#coverage-panel'));
  const features = await world.api('/api/map/features');
  await waitFor('every village coloured', async () => {
    const bands = await page.evaluate(() => window.ems120Metrics.coverageBands());
    return bands.within + bands.near + bands.beyond === features.places.length;
  });
  const coverage = await world.api('/api/coverage');
  const bands = await page.evaluate(() => window.ems120Metrics.coverageBands());
  assert.equal(bands.near + bands.beyond, coverage.uncovered.length);
  await waitFor('isochrones of the free units', async () => (await page.evaluate(() => window.ems120Metrics.isochroneCount())) > 0);
  await world.screenshot('coverage');

  // With a unit gone to the call, the dispatcher recommends a move-up: one click sends it.
  await waitFor('a move-up recommendation', () => page.isVisible('#coverage-panel .send-move-up'), { timeoutMs: 30000 });
  const recommended = (await world.api('/api/coverage')).move_up;
  assert.ok(recommended, 'the dispatcher recommends a move-up');
  await page.click('#coverage-panel .send-move-up');
  await waitFor('the move-up confirmation', async () => (await page.textContent('#toasts')).includes(`已令 ${recommended.unit}`));
  await waitFor('the unit no longer recommended', async () => (await world.api('/api/coverage')).move_up?.unit !== recommended.unit, { timeoutMs: 15000 });
  await page.keyboard.press('c');
  assert.equal(await page.isVisible('#coverage-panel'), false);
  assert.deepEqual(world.pageErrors, []);
});

// The dispatcher dies mid-session (kill -9; the demo's supervisor starts it again on the same
// journal): the console says the link is down, reconnects by itself, and shows the same
// incidents and units as the restarted dispatcher; new events flow again.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ConsoleWorld, waitFor } from './harness.mjs';

async function consoleView(page) {
  return page.evaluate(() => ({
    incidents: window.ems120Metrics.incidentIds().sort(),
    units: window.ems120Metrics.unitIds().sort(),
    states: Object.fromEntries([...document.querySelectorAll('#incident-list li[data-id]')].map((li) => [li.dataset.id, li.dataset.state])),
  }));
}

test('after a dispatcher restart the console reconnects and shows the same incidents and units', async (t) => {
  const world = new ConsoleWorld({ name: 'console_restart', port: 27353, timeoutMs: 240000 });
  t.after(() => world.close());
  await world.startDemo({ units: 6 });
  const page = await world.openConsole();
  await world.api('/api/incidents', { method: 'POST', body: { place: 'Encamp', priority: 'critical', complaint: 'chest pain' } });
  await world.api('/api/incidents', { method: 'POST', body: { place: 'Canillo', priority: 'urgent', complaint: 'fall' } });
  const before = await world.api('/api/incidents');
  await waitFor('both calls on the console', async () => (await consoleView(page)).incidents.length === before.incidents.length);

  const pid = world.dispatcherPid();
  process.kill(pid, 'SIGKILL');
  await waitFor('the console to see the link down', async () => (await page.evaluate(() => window.ems120Metrics.link())) !== 'live', { timeoutMs: 20000, intervalMs: 100 });
  await world.screenshot('link-down');
  assert.match(await page.textContent('#link-status'), /中断|连接/);

  await waitFor('a new dispatcher', () => world.dispatcherPid() !== pid, { timeoutMs: 30000 });
  await waitFor('the console to reconnect by itself', async () => (await page.evaluate(() => window.ems120Metrics.link())) === 'live', { timeoutMs: 90000, intervalMs: 250 });

  // Same incidents, same states, same units as the restarted dispatcher holds.
  await waitFor('the console to match the restarted dispatcher', async () => {
    const [incidents, state, view] = await Promise.all([world.api('/api/incidents'), world.api('/api/state'), consoleView(page)]);
    const ids = incidents.incidents.map((i) => i.id).sort();
    const states = Object.fromEntries(incidents.incidents.map((i) => [i.id, i.state]));
    return JSON.stringify(view.incidents) === JSON.stringify(ids) &&
           JSON.stringify(view.states) === JSON.stringify(Object.fromEntries(Object.entries(states).sort())) &&
           JSON.stringify(view.units) === JSON.stringify(state.units.map((u) => u.unit).sort());
  }, { timeoutMs: 30000 });
  const after = await world.api('/api/incidents');
  assert.deepEqual(after.incidents.map((i) => i.id).sort(), before.incidents.map((i) => i.id).sort(), 'the journal restored every incident');

  // Events flow again: a call taken now appears without reloading.
  const { incident } = await world.api('/api/incidents', { method: 'POST', body: { place: 'Ordino', priority: 'emergency' } });
  await waitFor('the new call on the console', () => page.isVisible(`#incident-list li[data-id="${incident.id}"]`), { timeoutMs: 15000 });
  await world.screenshot('reconnected');
  // Errors logged while the dispatcher was away (failed fetches) are expected; nothing else.
  assert.deepEqual(world.pageErrors.filter((e) => !/Failed to load resource|net::ERR|EventSource/.test(e)), []);
});

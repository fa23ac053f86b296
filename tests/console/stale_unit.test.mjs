// A unit that falls silent is marked on the map: its agent is killed (kill -9, the link drops
// without a goodbye) and the console shows it stale or offline; when the agent comes back the
// unit is live again, at its new position.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ConsoleWorld, waitFor } from './harness.mjs';

const route = '42.5078,1.5211;42.5432,1.5967';
const silent = (u) => u.stale === true || u.connected === false;

test('a silent unit is shown stale, and live again when it returns', async (t) => {
  const world = new ConsoleWorld({ name: 'console_stale_unit', port: 27356, timeoutMs: 200000 });
  t.after(() => world.close());
  await world.startDispatcher({ vehiclePort: 27357, extra: ['--stale-after', '3'] });
  const page = await world.openConsole();
  const unit = () => page.evaluate(() => window.ems120Metrics.unit('A77'));

  const agent = world.startAgent('A77', route);
  await waitFor('A77 live on the map', async () => { const u = await unit(); return u.id === 'A77' && u.lat !== null && !silent(u); }, { timeoutMs: 40000 });
  await waitFor('A77 moving', async () => (await unit()).speed > 1.5, { timeoutMs: 20000 });

  process.kill(agent.pid, 'SIGKILL');
  await waitFor('A77 marked silent', async () => silent(await unit()), { timeoutMs: 30000, intervalMs: 250 });
  await world.screenshot('stale');
  const stale = await unit();
  assert.ok(stale.lat !== null, 'a silent unit stays on the map at its last position');

  world.startAgent('A77', route);
  await waitFor('A77 live again', async () => !silent(await unit()), { timeoutMs: 40000 });
  assert.deepEqual(world.pageErrors, []);
});

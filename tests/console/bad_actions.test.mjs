// Bad or failed actions are said on the page, never dropped: an unknown village, a misspelt one
// (close matches offered), a location the dispatcher refuses (off the road network: its own
// error text), a bad threshold in the settings, and a dispatcher that cannot be reached.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ConsoleWorld, waitFor } from './harness.mjs';

async function search(page, text) {
  await page.fill('#place-search', text);
  await page.dispatchEvent('#place-search', 'input');
}

test('unknown and misspelt villages, a refused location, a bad setting and a lost dispatcher are all said', async (t) => {
  const world = new ConsoleWorld({ name: 'console_bad_actions', port: 27354, timeoutMs: 200000 });
  t.after(() => world.close());
  await world.startDemo({ units: 3 });
  const page = await world.openConsole();
  await page.click('#btn-new-call');

  await search(page, 'Qxzqxzqxz');
  await waitFor('the unknown-place message', async () => (await page.textContent('#call-message')).includes('没有找到'));
  assert.equal(await page.locator('#place-results li').count(), 0);

  await search(page, 'Encamq');   // a typo for Encamp
  await waitFor('close matches', async () => (await page.locator('#place-results li').count()) > 0);
  assert.match(await page.textContent('#place-results'), /Encamp/);

  // A coordinate far from any road (the map's corner): the dispatcher refuses it (422) and the
  // page shows its reason and status.
  const info = await world.api('/api/map/info');
  const [w, s] = info.bbox;
  const offRoad = await (async () => {
    for (const [lat, lon] of [[s + 0.001, w + 0.001], [s + 0.01, w + 0.01], [info.bbox[3] - 0.001, info.bbox[2] - 0.001]]) {
      const r = await fetch(`${world.base}/api/proposals`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ lat, lon, priority: 'urgent' }) });
      if (r.status === 422) return { lat, lon, error: (await r.json()).error };
    }
    return null;
  })();
  assert.ok(offRoad, 'a corner of the map lies off the road network');
  const typed = `${offRoad.lat.toFixed(5)}, ${offRoad.lon.toFixed(5)}`;
  await search(page, typed);
  await waitFor('the coordinate as the only choice', async () =>
    (await page.locator('#place-results li').count()) === 1 && (await page.textContent('#place-results li')).includes(typed.split(',')[0]));
  await page.click('#place-results li');
  await page.click('#priority-buttons [data-priority=urgent]');
  await waitFor('the refusal on the page', async () => (await page.textContent('#call-message')).includes('422'));
  assert.ok((await page.textContent('#call-message')).includes(offRoad.error), 'the dispatcher\'s own words are shown');
  assert.equal(await page.isDisabled('#call-confirm'), false);
  await page.keyboard.press('Escape');
  assert.equal(await page.isVisible('#call-panel'), false);

  // A threshold out of range is refused in the dialog; a good one is kept across a reload.
  await page.click('#btn-settings');
  await page.fill('#settings-dialog input[name=spo2Below]', '5');
  await page.click('#settings-dialog button[type=submit]');
  assert.ok((await page.textContent('#settings-dialog .settings-message')).includes('50–100'));
  await page.fill('#settings-dialog input[name=spo2Below]', '92');
  await page.click('#settings-dialog button[type=submit]');
  await waitFor('the dialog to close', async () => !(await page.evaluate(() => document.getElementById('settings-dialog').open)));
  assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('ems120.thresholds')).spo2Below), 92);

  // The dispatcher goes away for good (the demo stops): the page says the link is down, and a
  // search says the dispatcher cannot be reached.
  process.kill(world.demo.pid, 'SIGTERM');
  await world.demoExit;
  await waitFor('the link down', async () => (await page.evaluate(() => window.ems120Metrics.link())) !== 'live', { timeoutMs: 20000 });
  await page.click('#btn-new-call');
  await search(page, 'Canillo');
  await waitFor('the network failure message', async () => (await page.textContent('#call-message')).includes('无法连接调度服务器'), { timeoutMs: 15000 });
  await world.screenshot('network-down');
  assert.equal(world.pageErrors.filter((e) => !/Failed to load resource|net::ERR|EventSource/.test(e)).length, 0, world.pageErrors.join('\n'));
});

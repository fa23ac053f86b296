// The console under load: 1,000 units moving at 1 Hz on the Malta map, measured in the browser.
//   node bench/console_bench.mjs [--units 1000] [--seconds 30] [--warmup 10] [--map FILE]
// Starts `ems120 dispatcher --insecure` (build/bin) on 127.0.0.1:27390/27391, Debian's headless
// Chromium on its console, and bench_console_feeder streaming one fix per unit per second. Prints
// JSON lines:
//   console_latency  event "sent_ms" (dispatcher's clock at publication) -> start of the animation
//                    frame that drew it (latency_*), and -> the end of the console's drawing in that
//                    frame (drawn_*), p50/p99/max over the measured seconds; target 200 ms
//   sse_baseline     the same events read by a bare HTTP client (node) instead of the console: what
//                    the server and the stream cost before the console does anything
//   console_frames   interval between animation frames (smoothness) and the console's own work per
//                    frame, p50/p99
//   console_updates  fixes sent by the feeder vs unit events received and drawn by the console
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = process.env.EMS120_BUILD_DIR ?? path.join(root, 'build');
const { chromium } = createRequire(path.join(root, 'console', 'package.json'))('playwright-core');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : process.argv[i + 1];
}
const units = Number(option('units', '1000'));
const seconds = Number(option('seconds', '30'));
const warmup = Number(option('warmup', '10'));
const map = option('map', path.resolve(root, '..', 'shared', 'maps', 'malta.osm.pbf'));
const vehiclePort = 27390;
const httpPort = 27391;
const base = `http://127.0.0.1:${httpPort}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function percentiles(values) {
  const v = [...values].sort((a, b) => a - b);
  const at = (q) => (v.length ? v[Math.min(v.length - 1, Math.floor(q * v.length))] : null);
  const round = (x) => (x === null ? null : Math.round(x * 10) / 10);
  return { n: v.length, p50: round(at(0.5)), p99: round(at(0.99)), max: round(v.length ? v[v.length - 1] : null) };
}

async function waitFor(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

// Reads /api/events like the console does, without a browser: the server's share of the latency.
async function sseBaseline(signal, samples) {
  const response = await fetch(`${base}/api/events`, { signal });
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body) {
      const now = Date.now();
      buffer += decoder.decode(chunk, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!message.startsWith('event: unit')) continue;
        const data = message.slice(message.indexOf('data: ') + 6);
        const sent = JSON.parse(data).sent_ms;
        if (Number.isFinite(sent) && samples.on) samples.values.push(now - sent);
      }
    }
  } catch (error) {
    if (error.name !== 'AbortError') throw error;
  }
}

async function main() {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'ems120-console-bench-'));
  const children = [];
  let context;
  const controller = new AbortController();
  try {
    const dispatcher = spawn(path.join(build, 'bin', 'ems120'), ['dispatcher', '--insecure', '--map', map, '--data', path.join(temp, 'data'),
      '--listen', `tcp://127.0.0.1:${vehiclePort}`, '--http', `127.0.0.1:${httpPort}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(dispatcher);
    let dispatcherLog = '';
    dispatcher.stderr.on('data', (c) => { dispatcherLog = (dispatcherLog + c).slice(-2000); });
    await waitFor('the dispatcher to serve the console', async () => (await fetch(`${base}/`)).ok, 180000).catch((e) => {
      throw new Error(`${e.message}; dispatcher said: ${dispatcherLog}`);
    });
    // The map loads after the HTTP port opens: /api/map/info answers 503 until then.
    await waitFor('the map', async () => (await fetch(`${base}/api/map/info`)).ok, 180000);
    const info = await (await fetch(`${base}/api/map/info`)).json();
    const [w, s, e, n] = info.bbox;
    // The feeder drives inside the middle of the map's box (the sea around Malta is empty anyway).
    const box = [w + (e - w) * 0.2, s + (n - s) * 0.2, e - (e - w) * 0.2, n - (n - s) * 0.2].map((x) => x.toFixed(5)).join(',');

    context = await chromium.launchPersistentContext(path.join(temp, 'profile'), {
      executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1920, height: 1080 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
             '--disable-component-update', '--disable-sync'],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${base}/`);
    await waitFor('the console to go live', () => page.evaluate(() => window.ems120Metrics?.link() === 'live'), 60000);

    const baseline = { on: false, values: [] };
    const baselineDone = sseBaseline(controller.signal, baseline);
    const feeder = spawn(path.join(build, 'bin', 'bench_console_feeder'),
      [`tcp://127.0.0.1:${vehiclePort}`, String(units), String(warmup + seconds + 2), box, path.join(temp, 'fleet')], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(feeder);
    let feederOut = '';
    let feederErr = '';
    feeder.stdout.on('data', (c) => { feederOut += c; });
    feeder.stderr.on('data', (c) => { feederErr += c; });
    await waitFor('every vehicle to connect', async () => feederErr.includes('ready'), 90000);
    await waitFor(`${units} units on the console`, async () => (await page.evaluate(() => window.ems120Metrics.unitIds().length)) >= units, (warmup + 20) * 1000);
    await sleep(warmup * 1000);

    // Measure: reset the console's meter, record animation frame intervals, and the baseline.
    await page.evaluate(() => {
      window.ems120Metrics.reset();
      window.benchFrames = [];
      let last = null;
      const loop = (t) => {
        if (last !== null) window.benchFrames.push(t - last);
        last = t;
        if (window.benchFrames.length < 100000) requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    });
    baseline.on = true;
    await sleep(seconds * 1000);
    baseline.on = false;
    const measured = await page.evaluate(() => ({ ...window.ems120Metrics.snapshot(), frames: window.benchFrames }));
    await page.screenshot({ path: path.join(build, 'console-bench.png') }).catch(() => {});

    const feederResult = await new Promise((resolve) => feeder.on('exit', () => resolve(feederOut.trim().split('\n').pop())));
    await sleep(1500);
    const totals = await page.evaluate(() => window.ems120Metrics.snapshot());

    const latency = percentiles(measured.latencies);
    const drawn = percentiles(measured.drawnLatencies);
    const sse = percentiles(baseline.values);
    const frames = percentiles(measured.frames);
    const work = percentiles(measured.work);
    const render = percentiles(measured.render);
    const panels = percentiles(measured.panels);
    console.log(JSON.stringify({ bench: 'console_latency', units, rate_hz: 1, seconds, events: latency.n, latency_p50_ms: latency.p50,
      latency_p99_ms: latency.p99, latency_max_ms: latency.max, drawn_p50_ms: drawn.p50, drawn_p99_ms: drawn.p99, drawn_max_ms: drawn.max,
      target_ms: 200 }));
    console.log(JSON.stringify({ bench: 'sse_baseline', events: sse.n, latency_p50_ms: sse.p50, latency_p99_ms: sse.p99, latency_max_ms: sse.max }));
    console.log(JSON.stringify({ bench: 'console_frames', frames: frames.n, frame_interval_p50_ms: frames.p50, frame_interval_p99_ms: frames.p99,
      frame_interval_max_ms: frames.max, work_p50_ms: work.p50, work_p99_ms: work.p99, work_max_ms: work.max,
      map_render_p50_ms: render.p50, map_render_p99_ms: render.p99, panels_p50_ms: panels.p50, panels_p99_ms: panels.p99 }));
    const fed = JSON.parse(feederResult);
    console.log(JSON.stringify({ bench: 'console_updates', fixes_sent: fed.fixes_sent, delivered: fed.delivered,
      unit_events_received_in_window: measured.unitEvents, events_drawn_in_window: measured.eventsDrawn,
      unit_events_received_since_reset: totals.unitEvents, note: 'window = measured seconds; since_reset includes the tail after it' }));
  } finally {
    controller.abort();
    if (context) await context.close().catch(() => {});
    for (const child of children.reverse()) if (child.exitCode === null) child.kill('SIGTERM');
    await sleep(1000);
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(temp, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(`console_bench: ${error.stack}`);
  process.exit(1);
});

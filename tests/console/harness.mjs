// The console's browser tests run the real thing: `ems120 demo` (the dispatcher, supervised, with
// simulated ambulances that are real agents on real ZeroMQ sockets) serving the built console,
// and Debian's Chromium, headless, driven by playwright-core. Everything a test starts is
// stopped when it ends, pass or fail, and a watchdog bounds the whole test in time.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const sourceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const buildDir = process.env.EMS120_BUILD_DIR ?? path.join(sourceDir, 'build');
export const ems120 = path.join(buildDir, 'bin', 'ems120');
export const screenshotDir = path.join(buildDir, 'console-screenshots');

// playwright-core is a dependency of the console package, not of this folder.
const requireFromConsole = createRequire(path.join(sourceDir, 'console', 'package.json'));
const { chromium } = requireFromConsole('playwright-core');

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Polls `check` (sync or async; truthy = done) until it holds, or fails saying what was awaited.
export async function waitFor(what, check, { timeoutMs = 30000, intervalMs = 200 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await sleep(intervalMs);
  }
}

// One test's world: a demo, a browser, temp directories, and a cleanup that always runs.
export class ConsoleWorld {
  constructor({ name, port, timeoutMs = 180000 }) {
    if (!(port >= 27350 && port <= 27399)) throw new Error(`console tests use ports 27350-27399, not ${port}`);
    this.name = name;
    this.port = port;
    this.base = `http://127.0.0.1:${port}`;
    this.temp = mkdtempSync(path.join(os.tmpdir(), `ems120-${name}-`));
    this.log = [];
    this.demo = null;
    this.agents = [];
    this.context = null;
    this.watchdog = setTimeout(() => {
      console.error(`${name}: the test ran over ${timeoutMs} ms; stopping everything`);
      this.close().finally(() => process.exit(1));
    }, timeoutMs);
  }

  // `ems120 demo` on our port, with no calls of its own (the test takes its calls).
  async startDemo({ units, speed = 10, extra = [] } = {}) {
    if (!existsSync(ems120)) throw new Error(`${ems120} is not built`);
    if (!existsSync(path.join(buildDir, 'console', 'index.html'))) throw new Error('build/console/index.html is not built (cmake --build build)');
    this.dataDir = path.join(this.temp, 'data');
    const args = ['demo', '--http', `127.0.0.1:${this.port}`, '--speed', String(speed), '--calls-per-hour', '0',
                  '--seed', '7', '--data', this.dataDir, ...(units ? ['--units', String(units)] : []), ...extra];
    this.demo = this.spawnLogged(ems120, args);
    this.demoExit = new Promise((resolve) => this.demo.on('exit', (code, signal) => resolve({ code, signal })));
    await waitFor('the dispatcher to serve the console', async () => {
      if (this.demo.exitCode !== null) throw new Error(`the demo exited (${this.demo.exitCode}): ${this.log.slice(-5).join(' | ')}`);
      const response = await fetch(`${this.base}/`).catch(() => null);
      return response?.ok && (await response.text()).includes('console.js');
    }, { timeoutMs: 90000, intervalMs: 300 });
    // Every unit has reported a position (the agents start after the dispatcher).
    await waitFor('every unit to report a position', async () => {
      const state = await this.api('/api/state');
      return state.units?.length > 0 && (!units || state.units.length === units) && state.units.every((u) => u.position);
    }, { timeoutMs: 60000, intervalMs: 500 });
  }

  // A dispatcher of our own (no demo): vehicles connect on `vehiclePort`, the console on our port.
  async startDispatcher({ vehiclePort, extra = [] }) {
    this.dataDir = path.join(this.temp, 'data');
    this.vehicleEndpoint = `tcp://127.0.0.1:${vehiclePort}`;
    this.demo = this.spawnLogged(ems120, ['dispatcher', '--insecure', '--data', this.dataDir, '--listen', this.vehicleEndpoint,
                                          '--http', `127.0.0.1:${this.port}`, ...extra]);
    this.demoExit = new Promise((resolve) => this.demo.on('exit', (code, signal) => resolve({ code, signal })));
    await waitFor('the dispatcher to serve the console and its map', async () => {
      if (this.demo.exitCode !== null) throw new Error(`the dispatcher exited (${this.demo.exitCode}): ${this.log.slice(-5).join(' | ')}`);
      const response = await fetch(`${this.base}/api/map/info`).catch(() => null);
      return response?.ok;
    }, { timeoutMs: 90000, intervalMs: 300 });
  }

  // The real in-vehicle agent, driving a route; stopped with the world (or killed by the test).
  startAgent(vehicle, route) {
    const agent = this.spawnLogged(path.join(buildDir, 'bin', 'ems120-agent'), ['--insecure', '--vehicle', vehicle, '--connect', this.vehicleEndpoint,
      '--outbox', path.join(this.temp, `outbox-${vehicle}`), '--gps', `route:${route}`, '--speed-kmh', '50', '--vitals', 'none']);
    this.agents.push(agent);
    return agent;
  }

  spawnLogged(program, args) {
    const child = spawn(program, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'],
                                         env: { ...process.env, EMS120_CACHE_DIR: process.env.EMS120_CACHE_DIR ?? path.join(buildDir, 'test-map-cache') } });
    for (const stream of [child.stdout, child.stderr])
      stream.on('data', (chunk) => this.log.push(...chunk.toString().split('\n').filter(Boolean)));
    return child;
  }

  async api(route, { method = 'GET', body } = {}) {
    const response = await fetch(this.base + route, {
      method, body: body === undefined ? undefined : JSON.stringify(body),
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${json.error}`);
    return json;
  }

  dispatcherPid() {
    return Number(readFileSync(path.join(this.dataDir, 'dispatcher.pid'), 'utf8').trim());
  }

  async openConsole({ width = 1920, height = 1080, language } = {}) {
    const profile = path.join(this.temp, 'chromium-profile');
    mkdirSync(profile, { recursive: true });
    this.context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport: { width, height },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
             '--disable-component-update', '--disable-sync'],
    });
    const page = this.context.pages()[0] ?? (await this.context.newPage());
    this.page = page;
    this.pageErrors = [];
    page.on('pageerror', (error) => this.pageErrors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') this.pageErrors.push(`console: ${message.text()}`); });
    if (language) await page.addInitScript((code) => localStorage.setItem('ems120.language', code), language);
    await page.goto(this.base + '/');
    await waitFor('the console to go live', () => page.evaluate(() => window.ems120Metrics?.link() === 'live'), { timeoutMs: 30000 });
    return page;
  }

  async screenshot(label) {
    if (!this.page) return;
    mkdirSync(screenshotDir, { recursive: true });
    await this.page.screenshot({ path: path.join(screenshotDir, `${this.name}-${label}.png`) }).catch(() => {});
  }

  async close() {
    clearTimeout(this.watchdog);
    await this.screenshot('last');   // what the page showed when the test ended (pass or fail)
    if (this.context) await this.context.close().catch(() => {});
    this.context = null;
    if (this.demo && this.demo.exitCode === null && this.demo.signalCode === null) {
      // The demo stops its units and its dispatcher on SIGTERM; the process group catches any left.
      try { process.kill(this.demo.pid, 'SIGTERM'); } catch { /* gone */ }
      const stopped = await Promise.race([this.demoExit, sleep(15000).then(() => null)]);
      if (!stopped) console.error(`${this.name}: the demo did not stop on SIGTERM; killing its process group`);
    }
    if (this.demo) try { process.kill(-this.demo.pid, 'SIGKILL'); } catch { /* all gone */ }
    for (const agent of this.agents) try { process.kill(-agent.pid, 'SIGKILL'); } catch { /* gone */ }
    this.demo = null;
    rmSync(this.temp, { recursive: true, force: true });
  }
}

// End-to-end: served right (#16). The service worker keeps the app working offline after a
// first visit and takes up a new build; the precompressed copies are the files, and a host
// serving them sends them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { DIST, serveDist, launch, waitForApp, sceneFragment, mapValues, referenceMaps } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Waits until `check` (evaluated in the page, may be async) is true. (Playwright's
 *  waitForFunction takes a promise for a true value.) */
async function until(page, check, arg, what) {
  const end = Date.now() + 20000;
  while (!(await page.evaluate(check, arg))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The convscope caches of the page's origin, by build version. */
const cacheVersions = (page) => page.evaluate(async () =>
  (await caches.keys()).filter((k) => k.startsWith('convscope ')).map((k) => k.split(' ').pop()));

/** The page, once a service worker controls it and has cached build `version` alone. */
async function controlled(page, version) {
  await until(page, async (v) => {
    const keys = (await caches.keys()).filter((k) => k.startsWith('convscope '));
    return navigator.serviceWorker.controller !== null && keys.length === 1 && keys[0].endsWith(` ${v}`);
  }, version, `build ${version} cached and in control`);
}
const version = (dir) => readFileSync(join(dir, 'sw.js'), 'utf8').match(/const VERSION = "([0-9a-f]+)"/)[1];

const X = [[1, 2, 0, 3], [0, 1, 4, 1], [2, 0, 1, 2], [1, 1, 0, 2]];
const scene = { version: 1, input: X, layers: [{ type: 'conv', kernel: [[1, -1], [0, 2]] }] };

test('after a first visit, the app opens, opens links and steps with no network', async () => {
  const server = await serveDist();
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.base);
  await waitForApp(page);
  await controlled(page, version(DIST));
  // No network at all: the browser offline, and the host gone.
  await context.setOffline(true);
  server.serve(null);
  await page.goto(server.base + sceneFragment(scene));
  await page.reload();
  await waitForApp(page);
  assert.deepEqual(await mapValues(page, 0), X);
  assert.deepEqual(await mapValues(page, 1), referenceMaps(scene)[1]);
  const status = () => page.locator('#step-status').textContent();
  const before = await status();
  await page.locator('#step-forward').click();
  await page.waitForFunction((s) => document.querySelector('#step-status').textContent !== s, before);
  assert.equal(await page.locator('[data-current="true"][data-map="1"]').getAttribute('data-col'), '1');
  assert.deepEqual(errors, []);
  await context.close();
  await server.close();
});

test('a new build is taken up: its service worker caches the new files and drops the old ones', async () => {
  // Build 2: the same files, its page marked, and its own sw.js (written as the build does).
  const next = mkdtempSync(join(tmpdir(), 'convscope-build2-'));
  cpSync(DIST, next, { recursive: true });
  const page2 = readFileSync(join(next, 'index.html'), 'utf8').replace('<html lang=en>', '<html lang=en data-build=2>');
  assert.match(page2, /data-build=2/);
  writeFileSync(join(next, 'index.html'), page2);
  execFileSync('node', [resolve(import.meta.dirname, '../../scripts/sw.mjs')], { env: { ...process.env, TRUNK_STAGING_DIR: next } });
  assert.notEqual(version(next), version(DIST));

  const server = await serveDist();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.base);
  await waitForApp(page);
  await controlled(page, version(DIST));

  server.serve(next);
  await page.reload(); // online, the page comes from the network: build 2 at once
  await waitForApp(page);
  assert.equal(await page.getAttribute('html', 'data-build'), '2');
  // The browser looks for a new service worker on navigation; this asks at once.
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await controlled(page, version(next));
  assert.deepEqual(await cacheVersions(page), [version(next)], 'the old build\'s cache is gone');

  await context.setOffline(true);
  server.serve(null);
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.getAttribute('html', 'data-build'), '2', 'offline, the page is build 2\'s');
  await context.close();
  await server.close();
  rmSync(next, { recursive: true, force: true });
});

test('the precompressed copies are the files, and a host serving them sends them', async () => {
  const files = readdirSync(DIST).filter((n) => /\.(html|js|wasm|css|svg)$/.test(n));
  assert.ok(files.some((n) => n.endsWith('.wasm')) && files.includes('sw.js') && files.includes('index.html'));
  for (const name of files) {
    const body = readFileSync(join(DIST, name));
    assert.ok(gunzipSync(readFileSync(join(DIST, `${name}.gz`))).equals(body), `${name}.gz`);
    assert.ok(brotliDecompressSync(readFileSync(join(DIST, `${name}.br`))).equals(body), `${name}.br`);
  }
  const server = await serveDist({ encoded: true });
  const context = await browser.newContext();
  const page = await context.newPage();
  const encodings = new Map();
  page.on('response', async (r) => encodings.set(new URL(r.url()).pathname.split('/').pop() || 'index.html', (await r.allHeaders())['content-encoding']));
  await page.goto(server.base + sceneFragment(scene));
  await waitForApp(page);
  assert.deepEqual(await mapValues(page, 1), referenceMaps(scene)[1]);
  const wasm = [...encodings.keys()].find((n) => n.endsWith('.wasm'));
  assert.equal(encodings.get(wasm), 'br');
  assert.equal(encodings.get('index.html'), 'br');
  await context.close();
  await server.close();
});

// End-to-end: served right (#16). The service worker keeps the app working offline after a
// first visit and takes up a new build; the precompressed copies are the files, and a host
// serving them sends them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

/** A first visit: a server (with `options`), a fresh context and page, the app open, and its
 *  service worker in control with this build cached. */
async function firstVisit(options) {
  const server = await serveDist(options);
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.base);
  await waitForApp(page);
  await controlled(page, version(DIST));
  return { server, context, page, errors };
}

const X = [[1, 2, 0, 3], [0, 1, 4, 1], [2, 0, 1, 2], [1, 1, 0, 2]];
const scene = { version: 1, input: X, layers: [{ type: 'conv', kernel: [[1, -1], [0, 2]] }] };

test('after a first visit, the app opens, opens links and steps with no network', async () => {
  const { server, context, page, errors } = await firstVisit();
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
  // Build 2: its page marked and its script under a new name (so offline it needs a file only
  // build 2 has), its policy and its sw.js written as the build writes them.
  const next = mkdtempSync(join(tmpdir(), 'convscope-build2-'));
  cpSync(DIST, next, { recursive: true });
  const oldScript = readdirSync(next).find((n) => /^convscope-[0-9a-f]+\.js$/.test(n));
  const newScript = 'convscope-0000000000000002.js';
  renameSync(join(next, oldScript), join(next, newScript));
  const page2 = readFileSync(join(next, 'index.html'), 'utf8').replace('<html lang=en>', '<html lang=en data-build=2>').replaceAll(oldScript, newScript);
  assert.match(page2, /data-build=2/);
  writeFileSync(join(next, 'index.html'), page2);
  const env = { ...process.env, TRUNK_STAGING_DIR: next, TRUNK_PROFILE: 'release' };
  for (const step of ['csp.mjs', 'sw.mjs']) execFileSync('node', [resolve(import.meta.dirname, '../../scripts', step)], { env });
  assert.notEqual(version(next), version(DIST));

  // A host that lets browsers keep every file for 10 minutes (as GitHub Pages does): the new
  // worker must not take build 1's page from the HTTP cache for build 2's offline copy.
  const { server, context, page, errors } = await firstVisit({ cacheFor: 600 });

  server.serve(next);
  // A visit (not a reload, which would skip the HTTP cache anyway): online, the page comes
  // from the host, revalidated past the HTTP cache: build 2 at once.
  await page.goto(server.base);
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
  assert.deepEqual(await mapValues(page, 1), [[19, 25], [37, 43]], 'and its renamed script runs');
  assert.deepEqual(errors, []);
  await context.close();
  await server.close();
  rmSync(next, { recursive: true, force: true });
});

test('the service worker answers only for the app: another file on the host goes to the network', async () => {
  const { server, context, page } = await firstVisit();
  // A file the build does not have, asked twice: the host answers both times (404 here), the
  // worker neither answers nor keeps it.
  const statuses = await page.evaluate(async () => Promise.all([1, 2].map(async () => (await fetch('./not-the-app.txt')).status)));
  assert.deepEqual(statuses, [404, 404]);
  const cached = await page.evaluate(async () => {
    const names = [];
    for (const key of await caches.keys()) for (const r of await (await caches.open(key)).keys()) names.push(new URL(r.url).pathname.split('/').pop());
    return names.sort();
  });
  const expected = readdirSync(DIST).filter((n) => !n.startsWith('.') && n !== 'sw.js' && !/\.(gz|br)$/.test(n)).sort();
  assert.deepEqual(cached, expected, 'the page and the build\'s files, nothing else');
  await context.close();
  await server.close();
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
  const responses = [];
  page.on('response', (r) => responses.push(r.allHeaders().then((h) => [new URL(r.url()).pathname.split('/').pop() || 'index.html', h['content-encoding']])));
  await page.goto(server.base + sceneFragment(scene));
  await waitForApp(page);
  const encodings = new Map(await Promise.all(responses));
  assert.deepEqual(await mapValues(page, 1), referenceMaps(scene)[1]);
  const wasm = [...encodings.keys()].find((n) => n.endsWith('.wasm'));
  assert.equal(encodings.get(wasm), 'br');
  assert.equal(encodings.get('index.html'), 'br');
  await context.close();
  await server.close();
});

// End-to-end: the first screen of the release build, opened from `#scene=` links.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  serveDist, launch, openApp, waitForApp, sceneFragment, mapValues, referenceMaps, arange,
} from './harness.mjs';

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const open = (fragment = '') => openApp(browser, server, fragment);

const X = [[0, 1, 2], [3, 4, 5], [6, 7, 8]];
const K = [[0, 1], [2, 3]];
const edges = Array.from({ length: 6 }, () => [1, 1, 0, 0, 0, 0, 1, 1]);

test('with no link, d2l\'s example is shown and computed', async () => {
  const { page, errors } = await open();
  assert.deepEqual(await mapValues(page, 0), X);
  assert.deepEqual(await mapValues(page, 1), [[19, 25], [37, 43]]);
  const kernel = await page.$$eval('[data-kernel="1"]', (cs) => cs.map((c) => Number(c.dataset.value)));
  assert.deepEqual(kernel, [0, 1, 2, 3]);
  assert.equal(await page.locator('[role="alert"]').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

// Each scene with the values d2l (or the issue) states, checked against the JS reference too.
const scenes = [
  ['cross-correlation (d2l)', { version: 1, input: X, layers: [{ type: 'conv', kernel: K }] }, [[19, 25], [37, 43]]],
  ['convolution mode flips the kernel', { version: 1, input: X, layers: [{ type: 'conv', kernel: K, mode: 'convolution' }] }, [[5, 11], [23, 29]]],
  ['stride (3,2) with padding 1', { version: 1, input: X, layers: [{ type: 'conv', kernel: K, stride: [3, 2], padding: [1, 1] }] }, [[0, 8], [6, 8]]],
  ['edge detector', { version: 1, input: edges, layers: [{ type: 'conv', kernel: [[1, -1]] }] }, Array.from({ length: 6 }, () => [0, 1, 0, 0, 0, -1, 0])],
  ['max pool 2×2 stride 1', { version: 1, input: X, layers: [{ type: 'max-pool', size: [2, 2], stride: [1, 1] }] }, [[4, 5], [7, 8]]],
  ['average pool 2×2 stride 1', { version: 1, input: X, layers: [{ type: 'avg-pool', size: [2, 2], stride: [1, 1] }] }, [[2, 3], [5, 6]]],
  ['max pool 3, padding 1, stride 2', { version: 1, input: arange(4, 4), layers: [{ type: 'max-pool', size: [3, 3], padding: [1, 1], stride: [2, 2] }] }, [[5, 7], [13, 15]]],
];

for (const [name, scene, expected] of scenes) {
  test(`link: ${name}`, async () => {
    const { page, errors } = await open(sceneFragment(scene));
    const got = await mapValues(page, 1);
    assert.deepEqual(got, expected);
    assert.deepEqual(got, referenceMaps(scene)[1]);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('dilated, padded, biased, rectangular and stacked layers match the reference', async () => {
  const input = arange(7, 9).map((row) => row.map((v) => (v % 5) - 2));
  const scene = {
    version: 1,
    input,
    layers: [
      { type: 'conv', kernel: [[1, -2, 0.5], [0, 3, -1]], bias: 0.25, padding: [2, 1], dilation: [2, 3] },
      { type: 'avg-pool', size: [2, 2], stride: [1, 2], padding: [1, 0] },
      { type: 'conv', kernel: [[1], [-1]], mode: 'convolution', stride: [2, 1] },
      { type: 'max-pool', size: [2, 1] },
    ],
  };
  const { page, errors } = await open(sceneFragment(scene));
  const expected = referenceMaps(scene);
  for (let m = 1; m < expected.length; m++) {
    const got = await mapValues(page, m);
    assert.equal(got.length, expected[m].length, `map ${m} rows`);
    got.forEach((row, r) => row.forEach((v, c) => {
      assert.ok(Math.abs(v - expected[m][r][c]) < 1e-12, `map ${m} (${r},${c}): ${v} vs ${expected[m][r][c]}`);
    }));
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('the padding ring is drawn around the map the next layer reads', async () => {
  const scene = { version: 1, input: X, layers: [{ type: 'conv', kernel: K, padding: [1, 2] }] };
  const { page } = await open(sceneFragment(scene));
  const pads = await page.$$eval('[data-map="0"][data-pad="true"]', (cs) => cs.map((c) => [Number(c.dataset.row), Number(c.dataset.col)]));
  assert.equal(pads.length, 5 * 7 - 9);
  assert.deepEqual(pads[0], [-1, -2]);
  assert.deepEqual(pads[pads.length - 1], [3, 4]);
  assert.ok(pads.every(([r, c]) => r < 0 || r > 2 || c < 0 || c > 2));
  // The output map is last: no next layer, no ring.
  assert.equal(await page.locator('[data-map="1"][data-pad]').count(), 0);
  await page.close();
});

test('a layer whose window does not fit says why in place of its map', async () => {
  const scene = { version: 1, input: X, layers: [{ type: 'conv', kernel: [[1, 1, 1, 1, 1]] }, { type: 'max-pool', size: [1, 1] }] };
  const { page, errors } = await open(sceneFragment(scene));
  const alerts = await page.locator('[role="alert"]').allTextContents();
  assert.equal(alerts[0], 'Layer 1: kernel 5 wider than padded input 3: reduce the kernel or add padding ≥ 1');
  assert.match(alerts[1], /^Layer 2: needs the output of layer 1/);
  assert.equal(await page.locator('[data-map="1"]').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a broken link shows a clear message and keeps a working scene', async () => {
  for (const [fragment, message] of [
    ['#scene=%%%not-base64', /not valid base64url/],
    [sceneFragment('{"version": 1, "input": [[1, 2], [3]]}'), /input: row 1 has 1 values but row 0 has 2/],
    [sceneFragment({ version: 9, input: [[1]] }), /scene version 9 is not supported/],
    [sceneFragment({ version: 1, input: X, layers: [{ type: 'conv', kernel: K, stride: [0, 1] }] }), /layer 1: stride \(height\) must be ≥ 1, got 0/],
  ]) {
    const { page, errors } = await open(fragment);
    const alert = page.locator('#scene-error');
    assert.match(await alert.textContent(), message);
    assert.equal(await alert.getAttribute('role'), 'alert');
    assert.deepEqual(await mapValues(page, 1), [[19, 25], [37, 43]]);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('pasting a new link into the same tab opens it without a reload', async () => {
  const { page, errors } = await open();
  await page.evaluate(() => { window.__sameDocument = true; });
  const scene = { version: 1, input: X, layers: [{ type: 'conv', kernel: K, mode: 'convolution' }] };
  await page.evaluate((f) => { location.hash = f; }, sceneFragment(scene));
  await page.waitForFunction(() => document.querySelector('[data-map="1"][data-row="0"][data-col="0"]')?.dataset.value === '5');
  assert.deepEqual(await mapValues(page, 1), [[5, 11], [23, 29]]);
  assert.equal(await page.evaluate(() => window.__sameDocument), true);
  // A broken link after a good one keeps the good one.
  await page.evaluate(() => { location.hash = '#scene=***'; });
  await page.waitForSelector('#scene-error');
  assert.deepEqual(await mapValues(page, 1), [[5, 11], [23, 29]]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('before the app\'s code arrives, a wordless outline is painted; the app replaces it in one frame', async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // The wasm is held back until the first screen has been checked.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
    await page.addInitScript(() => {
      window.__moved = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          for (const s of e.sources) {
            const n = s.node;
            const part = n?.nodeName === 'HEADER' || n?.nodeName === 'MAIN' || ['app', 'toolbar', 'stepper'].some((c) => n?.classList?.contains(c));
            if (part) window.__moved.push(`${n.nodeName}.${n.className} ${Math.round(s.previousRect.y)} → ${Math.round(s.currentRect.y)}`);
          }
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(server.base, { waitUntil: 'domcontentloaded' });
    let first;
    try {
      // Painted, with content (the grids are SVG), while the wasm is still on its way.
      await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length === 1);
      first = await page.evaluate(() => {
        const boot = document.querySelector('#boot');
        const grids = [...boot.querySelectorAll('svg')].map((g) => g.getBoundingClientRect());
        return {
          hidden: boot.getAttribute('aria-hidden'),
          text: boot.textContent.trim(),
          grids: grids.map((r) => [Math.round(r.width), Math.round(r.height)]),
          onScreen: grids.every((r) => r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth),
          app: document.querySelectorAll('.app').length,
        };
      });
    } finally {
      release(); // whatever happened, the page gets its wasm and the context can close
    }
    assert.equal(first.hidden, 'true');
    assert.equal(first.text, '', 'no words and no numbers before the app');
    assert.deepEqual(first.grids, [[148, 148], [100, 100], [100, 100]]);
    assert.ok(first.onScreen, `the outline's grids are on the screen at ${viewport.width}×${viewport.height}`);
    assert.equal(first.app, 0);
    await waitForApp(page);
    assert.equal(await page.locator('#boot').count(), 0, 'the app takes the first screen away');
    assert.deepEqual(await mapValues(page, 1), [[19, 25], [37, 43]]);
    // The first screen goes as the app comes, in one frame (Yew empties the body as it mounts
    // the app): the app's header, toolbar, stepper and maps never move for it (as they would,
    // up, if it were taken away after the app had painted below it).
    await page.waitForTimeout(500);
    assert.deepEqual(await page.evaluate(() => window.__moved), []);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('the wasm is fetched once, from the page\'s preload, and compiled as it streams in', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const wasmRequests = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasmRequests.push(r.url()); });
  await page.addInitScript(() => {
    window.__compiled = [];
    const streaming = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = function (...args) { window.__compiled.push('streaming'); return streaming.apply(this, args); };
    const buffered = WebAssembly.instantiate;
    WebAssembly.instantiate = function (...args) { window.__compiled.push('buffered'); return buffered.apply(this, args); };
  });
  await page.goto(server.base);
  await waitForApp(page);
  const preload = await page.$$eval('link[rel="preload"]', (ls) => ls.map((l) => [l.getAttribute('as'), l.getAttribute('href')]));
  assert.ok(preload.some(([as, href]) => as === 'fetch' && href.endsWith('.wasm')), JSON.stringify(preload));
  assert.equal(wasmRequests.length, 1, `one request for the wasm: ${wasmRequests.join(', ')}`);
  assert.deepEqual(await page.evaluate(() => window.__compiled), ['streaming']);
  await context.close();
});

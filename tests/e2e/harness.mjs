// Shared harness of the end-to-end tests: serves the built release dist/ from a sub-path of a
// local static server (proving the relative public URL), launches Debian's Chromium headless
// through playwright-core, builds `#scene=` links, and holds an independent JavaScript
// reference of the layers so that expected outputs do not come from the code under test.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const DIST = process.env.CONVSCOPE_DIST ? resolve(process.env.CONVSCOPE_DIST) : resolve(import.meta.dirname, '../../dist');
export const SUB_PATH = '/some/sub/path/';
export { DIST };

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png',
};

/** Serves dist/ (or `dir`) under SUB_PATH on 127.0.0.1; resolves to { base, close, serve }, where
 *  `serve(dir)` switches to another folder (a new build at the same address), or with `null`
 *  drops every connection (a host gone, for offline tests). With `encoded` (true, or the list
 *  of encodings to use, e.g. ['gzip']), a file's precompressed copy (`.br`, else `.gz`) is sent
 *  when the request accepts it, as a static host serving them does. With `cacheFor` (seconds),
 *  every response may be kept that long by the browser's HTTP cache (as GitHub Pages allows
 *  10 minutes). */
export async function serveDist({ dir = DIST, encoded = false, cacheFor = 0 } = {}) {
  let root = dir;
  const server = createServer(async (req, res) => {
    if (root === null) { req.socket.destroy(); return; }
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(SUB_PATH)) { res.writeHead(404).end(); return; }
    let rel = normalize(decodeURIComponent(url.pathname.slice(SUB_PATH.length)) || 'index.html');
    if (rel.startsWith('..')) { res.writeHead(403).end(); return; }
    const file = join(root, rel);
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
      if (cacheFor) headers['cache-control'] = `max-age=${cacheFor}`;
      const accepted = String(req.headers['accept-encoding'] ?? '').split(',').map((e) => e.trim().split(';')[0]);
      const usable = encoded === true ? ['br', 'gzip'] : encoded || [];
      for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
        if (!usable.includes(encoding) || !accepted.includes(encoding)) continue;
        const body = await readFile(file + suffix).catch(() => null);
        if (body) {
          res.writeHead(200, { ...headers, 'content-encoding': encoding, vary: 'accept-encoding' });
          res.end(body);
          return;
        }
      }
      res.writeHead(200, headers);
      res.end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}${SUB_PATH}`;
  return { base, close: () => new Promise((ok) => server.close(ok)), serve: (d) => { root = d; } };
}

/** The flags Chromium needs on this machine (headless, as root, in a container). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this machine needs. */
export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/** A new page (of a browser, or of a context) that records every page error and console error
 *  (a wasm panic shows as one). */
export async function openPage(browser) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return { page, errors };
}

/** `#scene=` + base64url (no padding) of the scene's UTF-8 JSON. */
export function sceneFragment(scene) {
  const text = typeof scene === 'string' ? scene : JSON.stringify(scene);
  return '#scene=' + Buffer.from(text, 'utf8').toString('base64url');
}

/** Runs `check` until it passes or `timeout` ms have gone by (then its last error is thrown). */
export async function eventually(check, timeout = 3000) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((ok) => setTimeout(ok, 20));
    }
  }
}

/** Types `text` into the selected cell: its first key opens the editor (which takes the focus),
 *  the rest goes into the editor. */
export async function typeInCell(page, text) {
  await page.keyboard.press(text[0]);
  const editor = page.locator('input.cell-editor');
  await eventually(async () => {
    if ((await editor.count()) !== 1) throw new Error('no editor yet');
    if (!(await editor.evaluate((e) => e === document.activeElement))) throw new Error('the editor has no focus');
  });
  if (text.length > 1) await page.keyboard.type(text.slice(1));
  if ((await editor.inputValue()) !== text) throw new Error(`the editor holds ${await editor.inputValue()}, not ${text}`);
}

/** Waits until the app has rendered the input map. */
export async function waitForApp(page) {
  await page.waitForSelector('[data-map="0"]');
}

/** The data-value of every cell a selector matches, as rows of numbers (by data-row/data-col). */
export async function gridValues(page, selector) {
  return page.$$eval(selector, (cells) => {
    const rows = new Map();
    for (const c of cells) {
      const r = Number(c.dataset.row);
      if (!rows.has(r)) rows.set(r, []);
      rows.get(r)[Number(c.dataset.col)] = Number(c.dataset.value);
    }
    return [...rows.keys()].sort((a, b) => a - b).map((r) => rows.get(r));
  });
}

/** The data-value of every value cell of map L, as a grid of numbers. */
export function mapValues(page, map) {
  return gridValues(page, `[data-map="${map}"]:not([data-pad])`);
}

/** A new page of the served app at `fragment`, rendered; with its recorded errors. */
export async function openApp(browser, server, fragment = '') {
  const { page, errors } = await openPage(browser);
  await page.goto(server.base + fragment);
  await waitForApp(page);
  return { page, errors };
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
let axeSource;

/** axe-core's violations (WCAG 2.2 A/AA and best practice) of the page as it stands, compact:
 *  [{ id, impact, help, nodes: first 5 of [{ target, failureSummary }] }]. */
export async function axeViolations(page) {
  axeSource ??= readFileSync(resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');
  // Evaluated through CDP, which the page's Content-Security-Policy does not govern.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async (values) => {
    const { violations } = await window.axe.run(document, { runOnly: { type: 'tag', values } });
    return violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}

// ---- Independent reference of the layers (PyTorch semantics), for expected outputs. ----

const pair = (v, d) => (v === undefined ? d : v);

/** Whether a map of the scene format is a list of channels (three levels) rather than rows. */
const hasChannels = (x) => Array.isArray(x[0]?.[0]);

/** A conv layer's weight as [out][in/groups] slices, its biases and its groups. */
function weightOf(layer) {
  const deep = Array.isArray(layer.kernel[0]?.[0]?.[0]);
  const w = deep ? layer.kernel : [[layer.kernel]];
  const bias = Array.isArray(layer.bias) ? layer.bias : w.map(() => layer.bias ?? 0);
  return { w, bias, groups: layer.groups ?? 1 };
}

/** Applies one layer of the scene format to a map given as a list of channels (each a list of
 *  rows), returning the list of output channels. Output channel o of a conv layer sums, over
 *  the input channels of its group, each channel's products (in window order), then adds its
 *  bias — the order the app computes in, so results compare exactly. */
export function referenceLayerChannels(xs, layer) {
  const n = [xs[0].length, xs[0][0].length];
  const isConv = layer.type === 'conv';
  const conv = isConv ? weightOf(layer) : null;
  const size = isConv ? [conv.w[0][0].length, conv.w[0][0][0].length] : layer.size;
  const stride = pair(layer.stride, isConv ? [1, 1] : size);
  const pad = pair(layer.padding, [0, 0]);
  const dil = isConv ? pair(layer.dilation, [1, 1]) : [1, 1];
  const flip = (k) => k.map((row) => [...row].reverse()).reverse();
  const out = [0, 1].map((a) => Math.floor((n[a] + 2 * pad[a] - dil[a] * (size[a] - 1) - 1) / stride[a]) + 1);
  const at = (x, r, c) => (r >= 0 && r < n[0] && c >= 0 && c < n[1] ? x[r][c] : undefined);
  const plane = (value) => Array.from({ length: out[0] }, (_, i) => Array.from({ length: out[1] }, (_, j) => value(i, j)));
  const taps = (i, j) => {
    const list = [];
    for (let a = 0; a < size[0]; a++) {
      for (let b = 0; b < size[1]; b++) list.push([a, b, i * stride[0] - pad[0] + a * dil[0], j * stride[1] - pad[1] + b * dil[1]]);
    }
    return list;
  };
  if (!isConv) {
    return xs.map((x) => plane((i, j) => {
      let sum = 0;
      let max = -Infinity;
      for (const [, , r, c] of taps(i, j)) {
        const v = at(x, r, c);
        sum += v ?? 0;
        if (v !== undefined) max = Math.max(max, v);
      }
      return layer.type === 'max-pool' ? max : sum / (size[0] * size[1]);
    }));
  }
  const perGroup = conv.w[0].length;
  const perOut = conv.w.length / conv.groups;
  return conv.w.map((slices, o) => {
    const first = Math.floor(o / perOut) * perGroup;
    const ks = slices.map((k) => (layer.mode === 'convolution' ? flip(k) : k));
    return plane((i, j) => {
      let sum = 0;
      ks.forEach((k, q) => {
        let part = 0;
        for (const [a, b, r, c] of taps(i, j)) part += (at(xs[first + q], r, c) ?? 0) * k[a][b];
        sum += part;
      });
      return sum + conv.bias[o];
    });
  });
}

/** Applies one layer of the scene format to a grid (array of rows): the one-channel form. */
export function referenceLayer(x, layer) {
  return referenceLayerChannels([x], layer)[0];
}

/** Every map of a scene, each as a list of channels: [input, layer 1 output, …]. */
export function referenceChannelMaps(scene) {
  const maps = [hasChannels(scene.input) ? scene.input : [scene.input]];
  for (const layer of scene.layers ?? []) maps.push(referenceLayerChannels(maps[maps.length - 1], layer));
  return maps;
}

/** Every map of a scene: [input, layer 1 output, …], a one-channel map as its rows (as
 *  `mapValues` reads it), a map of several channels as its list of channels. */
export function referenceMaps(scene) {
  return referenceChannelMaps(scene).map((m) => (m.length === 1 ? m[0] : m));
}

/** The data-value of every value cell of channel `channel` of map `map`, as a grid of numbers. */
export function channelValues(page, map, channel) {
  return gridValues(page, `[data-map="${map}"][data-channel="${channel}"]:not([data-pad])`);
}

/** Every channel of map `map` on the page, as a list of grids. */
export async function mapChannels(page, map) {
  const count = await page.$$eval(`[data-map="${map}"]`, (cells) => new Set(cells.map((c) => c.dataset.channel)).size);
  const channels = [];
  for (let c = 0; c < count; c++) channels.push(await channelValues(page, map, c));
  return channels;
}

export const arange = (rows, cols) =>
  Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => r * cols + c));

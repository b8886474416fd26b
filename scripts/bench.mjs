// convscope's benchmark: how small and how fast, measured in headless Chromium on this machine.
//   scripts/bench            (builds the release app first, then runs this)
// Prints a table and writes bench/results.json. It is a benchmark, not a test: it never fails
// because a figure is over budget; it says so beside the figure.
import { PNG } from 'pngjs';
import { gzipSync, brotliCompressSync, deflateRawSync, constants } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { serveDist, launch, sceneFragment, waitForApp, CHROMIUM, CHROMIUM_FLAGS } from '../tests/e2e/harness.mjs';

const LOADS = Number(process.env.BENCH_LOADS ?? 15);
const STEPS = Number(process.env.BENCH_STEPS ?? 120);
const EDITS = Number(process.env.BENCH_EDITS ?? 40);
const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);

const KiB = 1024;
const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (i - lo);
}
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** A scene: an n×n input of small integers and `layers` 3×3 convolutions with padding 1. */
function scene(n, layers) {
  const input = Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => (r * 7 + c * 3) % 10));
  const kernel = [[1, 0, -1], [2, 1, -2], [1, 0, -1]];
  return { version: 1, input, layers: Array.from({ length: layers }, () => ({ type: 'conv', kernel, padding: [1, 1] })) };
}

/** Channels: a 3-channel 32×32 input through 4 layers of 8 output channels (3×3, padding 1). */
function channelScene() {
  const input = [0, 1, 2].map((ch) => Array.from({ length: 32 }, (_, r) => Array.from({ length: 32 }, (_, c) => (r * 7 + c * 3 + ch) % 10)));
  const slice = (o, i) => [[1, 0, -1], [2, (o + i) % 3, -2], [1, 0, -1]];
  const layer = (inputs) => ({
    type: 'conv', padding: [1, 1],
    kernel: Array.from({ length: 8 }, (_, o) => Array.from({ length: inputs }, (_, i) => slice(o, i))),
    bias: Array.from({ length: 8 }, () => 0),
  });
  return { version: 1, input, layers: [layer(3), layer(8), layer(8), layer(8)] };
}

/** A 256×256 gray picture (values v / 255) through 4 layers of 3×3 convolutions, padding 1. */
function pictureScene() {
  // Written compactly, as the app writes a picture (a list of 65,536 decimals is no link).
  const bytes = Buffer.alloc(256 * 256).map((_, i) => (Math.floor(i / 256) * 7 + (i % 256) * 3) % 256);
  const input = { encoding: 'u8', shape: [1, 256, 256], scale: 255, data: deflateRawSync(bytes).toString('base64url') };
  const kernel = [[1, 0, -1], [2, 1, -2], [1, 0, -1]];
  return { version: 1, input, layers: Array.from({ length: 4 }, () => ({ type: 'conv', kernel, padding: [1, 1] })) };
}

/** Learning (#14): a 64×64 input, a 5×5 kernel, a learner from zeros (a rate small enough that
 *  hundreds of epochs never diverge). */
function learnScene() {
  const input = Array.from({ length: 64 }, (_, r) => Array.from({ length: 64 }, (_, c) => ((r * 7 + c * 3) % 10) / 10));
  const kernel = Array.from({ length: 5 }, (_, r) => Array.from({ length: 5 }, (_, c) => ((r + 2 * c) % 5) - 2));
  return { version: 1, input, layers: [{ type: 'conv', kernel }], learn: { layer: 1, lr: 1e-6 } };
}

/** A 256×256 gray PNG whose pixel (x, y) is `(x * a + y * b) % 256`, base64. */
function grayPng(a, b) {
  const image = new PNG({ width: 256, height: 256 });
  for (let y = 0; y < 256; y++) {
    for (let x = 0; x < 256; x++) {
      const v = (x * a + y * b) % 256;
      image.data.set([v, v, v, 255], (y * 256 + x) * 4);
    }
  }
  return PNG.sync.write(image).toString('base64');
}

// In-page helpers: a macrotask after Yew's microtask render, and a forced style/layout, so a
// measured interval covers the reducer, the render, the DOM patch and layout.
const PAGE_HELPERS = () => {
  const channel = new MessageChannel();
  const queue = [];
  channel.port1.onmessage = () => queue.shift()?.();
  window.__nextTask = () => new Promise((resolve) => { queue.push(resolve); channel.port2.postMessage(0); });
  // Yew renders in a microtask, so the DOM is usually done before the next task; but after
  // 16 ms of work it yields to the browser (setTimeout 0) and goes on later. A measurement
  // waits through microtasks, then task by task, until the DOM shows what it waits for, then
  // forces style and layout. Frames the browser paints in between are not counted when the
  // render finished within microtasks (waiting for a frame is not the app's work).
  window.__until = async (done, what) => {
    for (let i = 0; i < 20; i++) {
      await Promise.resolve();
      if (done()) { void document.body.offsetHeight; return; }
    }
    // Bounded by time, not by a count of tasks: a slow render (or a collection) must not
    // pass for a lost event.
    const end = performance.now() + 10000;
    while (performance.now() < end) {
      await window.__nextTask();
      if (done()) { void document.body.offsetHeight; return; }
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  window.__settle = () => window.__until(() => true, 'a task');
};

async function main() {
  const server = await serveDist();
  const browser = await launch();
  const results = { machine: machine(), budgets: BUDGETS, transfer: null, firstRender: null, steps: [], edits: [], select: null, picture: null, channels: null, learn: null, heap: null, lighthouse: null };
  try {
    results.transfer = await transfer(browser, server);
    results.firstRender = await firstRender(browser, server);
    let heapPeak = 0;
    for (const n of [8, 32, 64]) {
      for (const layers of [1, 4, 8]) {
        process.stderr.write(`bench: ${n}×${n} × ${layers} layers\n`);
        const { page, cdp } = await openScene(browser, server, scene(n, layers));
        results.steps.push({ n, layers, ...(await stepTimes(page)) });
        results.edits.push({ n, layers, ...(await editTimes(page, layers)) });
        if (n === 64 && layers === 8) results.select = await selectTimes(page, layers);
        heapPeak = Math.max(heapPeak, await heap(cdp));
        await page.context().close();
      }
    }
    process.stderr.write('bench: a 256×256 picture through 4 layers\n');
    {
      const { page, cdp } = await openScene(browser, server, pictureScene());
      results.picture = {
        input: [1, 256, 256], layers: 4,
        step: await stepTimes(page),
        kernelEdit: await kernelEditTimes(page, 4),
        open: await openPictureTimes(page),
      };
      heapPeak = Math.max(heapPeak, await heap(cdp));
      await page.context().close();
    }
    process.stderr.write('bench: 3×32×32 through 4 layers of 8 channels\n');
    {
      const { page, cdp } = await openScene(browser, server, channelScene());
      results.channels = { input: [3, 32, 32], layers: 4, outChannels: 8, step: await stepTimes(page), edit: await editTimes(page, 4) };
      heapPeak = Math.max(heapPeak, await heap(cdp));
      await page.context().close();
    }
    process.stderr.write('bench: learning a 5×5 kernel on a 64×64 input\n');
    {
      const { page, cdp } = await openScene(browser, server, learnScene());
      results.learn = { input: [1, 64, 64], kernel: [5, 5], epoch: await epochTimes(page), training: await trainingFrames(page) };
      heapPeak = Math.max(heapPeak, await heap(cdp));
      await page.context().close();
    }
    results.heap = { peakJsHeapBytes: heapPeak };
  } finally {
    await browser.close();
    await server.close();
  }
  process.stderr.write(`bench: Lighthouse, ${LIGHTHOUSE_RUNS} runs\n`);
  results.lighthouse = await lighthouseRuns();
  writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');
  report(results);
}

/** Lighthouse's mobile preset (its default configuration: a mid-range phone on a slow 4G
 *  connection and a 4× slower CPU, simulated), in a Chromium of its own, on the app served with
 *  gzip from the precompressed copies as a real host would (Lighthouse clears the site's cache
 *  and storage before each run): every run's figures and the median of each. */
async function lighthouseRuns() {
  const server = await serveDist({ encoded: ['gzip'] });
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS] });
  const runs = [];
  let version = null;
  try {
    for (let i = 0; i < LIGHTHOUSE_RUNS; i++) {
      const { lhr } = await lighthouse(server.base, {
        port: chrome.port, output: 'json', logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      });
      version = lhr.lighthouseVersion;
      const a = lhr.audits;
      const score = (c) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
      // Every weighted audit that is not passed, for the report.
      const failing = Object.values(lhr.categories).flatMap((c) => c.auditRefs
        .filter((ref) => ref.weight > 0 && a[ref.id]?.score !== null && a[ref.id]?.score < 1)
        .map((ref) => `${c.id}: ${ref.id}${a[ref.id].displayValue ? ` (${a[ref.id].displayValue})` : ''}`));
      runs.push({
        performance: score('performance'), accessibility: score('accessibility'),
        bestPractices: score('best-practices'), seo: score('seo'),
        fcpMs: Math.round(a['first-contentful-paint'].numericValue),
        lcpMs: Math.round(a['largest-contentful-paint'].numericValue),
        tbtMs: Math.round(a['total-blocking-time'].numericValue),
        cls: round(a['cumulative-layout-shift'].numericValue, 3),
        speedIndexMs: Math.round(a['speed-index'].numericValue),
        failing,
      });
    }
  } finally {
    await chrome.kill();
    await server.close();
  }
  const keys = ['performance', 'accessibility', 'bestPractices', 'seo', 'fcpMs', 'lcpMs', 'tbtMs', 'cls', 'speedIndexMs'];
  return { version, preset: 'mobile (default)', served: 'gzip', runs, median: Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))])) };
}

const BUDGETS = {
  transferGzipKiB: 100,
  firstRenderMs: 60,
  stepMedianMs32x4: 2,
  editMedianMs64x8: 8,
  anyStepOrEditMs: 16.7,
};

function machine() {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium: 'Debian chromium, headless',
    date: new Date().toISOString(),
  };
}

/** Everything the page loads, raw, gzip -9 and brotli -11. */
async function transfer(browser, server) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const files = [];
  const seen = new Set();
  page.on('response', async (response) => {
    try {
      if (seen.has(response.url())) return; // a file fetched twice is transferred once (cached)
      seen.add(response.url());
      const body = await response.body();
      const name = new URL(response.url()).pathname.split('/').pop() || 'index.html';
      files.push({
        name,
        raw: body.length,
        gzip: gzipSync(body, { level: 9 }).length,
        brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      });
    } catch { /* redirects have no body */ }
  });
  await page.goto(server.base);
  await waitForApp(page);
  await page.waitForLoadState('networkidle');
  await context.close();
  const total = files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  return { files, total };
}

/** Navigation to the first full render (every map in the DOM, then a painted frame), in-page. */
async function firstRender(browser, server) {
  const times = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      const done = () => {
        // Painted: the first frame after the map appeared is produced right after its
        // requestAnimationFrame callbacks; a task posted from there runs once it is painted.
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => { window.__firstRender = performance.now(); };
          channel.port2.postMessage(0);
        });
      };
      new MutationObserver((_, observer) => {
        if (document.querySelector('[data-map="1"]')) { observer.disconnect(); done(); }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(server.base);
    await page.waitForFunction(() => window.__firstRender !== undefined);
    times.push(await page.evaluate(() => window.__firstRender));
    await context.close();
  }
  return { loads: LOADS, medianMs: round(median(times)), minMs: round(Math.min(...times)), maxMs: round(Math.max(...times)), p90Ms: round(quantile(times, 0.9)) };
}

async function openScene(browser, server, sc) {
  // Without the service worker: its one-time install (fetching the build again for its cache)
  // would land in the first measurements of every scene.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(PAGE_HELPERS);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(server.base + sceneFragment(sc));
  await waitForApp(page);
  return { page, cdp };
}

/** One step: "Step forward" pressed → the next window rendered. */
async function stepTimes(page) {
  const times = await page.evaluate(async (steps) => {
    const forward = [...document.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === 'Step forward');
    const first = [...document.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === 'First step');
    const out = [];
    for (let i = 0; i < steps; i++) {
      if (forward.disabled) { first.click(); await window.__settle(); }
      // By place, not element: a magnifier reuses its cells as it follows the window.
      const place = (e) => (e ? `${e.dataset.map}:${e.dataset.channel}:${e.dataset.row}:${e.dataset.col}` : '');
      const before = place(document.querySelector('[data-current="true"]'));
      const status = document.querySelector('#step-status').textContent;
      const t0 = performance.now();
      forward.click();
      await window.__until(() => {
        const now = place(document.querySelector('[data-current="true"]'));
        return now && now !== before && document.querySelector('#step-status').textContent !== status;
      }, 'the window to move');
      out.push(performance.now() - t0);
    }
    return out;
  }, STEPS);
  return summary(times);
}

/** One edit: a value typed into an input cell and committed → every map recomputed and rendered. */
async function editTimes(page, layers) {
  // Back to the first position: on a canvas map the cells exist only in its magnifier.
  await page.evaluate(() => document.querySelector('#step-first').click());
  await page.locator('[data-map="0"][data-channel="0"][data-row="0"][data-col="0"]').click();
  const times = await page.evaluate(async ({ edits, layers }) => {
    const out = [];
    const key = (target, k) => target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
    const lastCell = () => document.querySelector(`[data-map="${layers}"][data-channel="0"][data-row="0"][data-col="0"]`);
    for (let i = 0; i < edits; i++) {
      const cell = document.querySelector('[data-map="0"][data-channel="0"][data-row="0"][data-col="0"]');
      const digit = String((i % 9) + 1);
      key(cell, digit); // begin editing with the digit typed
      await window.__until(() => document.querySelector('input.cell-editor'), 'the editor');
      const editor = document.querySelector('input.cell-editor');
      if (!editor) {
        const selected = document.querySelector('[aria-selected="true"]');
        throw new Error(`no editor after typing ${digit} (iteration ${i}); selected ${selected?.dataset.map}:${selected?.dataset.row},${selected?.dataset.col}; focus ${document.activeElement?.tagName} ${document.activeElement?.dataset?.row}`);
      }
      const before = lastCell().dataset.value;
      const t0 = performance.now();
      key(editor, 'Enter');
      await window.__until(
        () => !document.querySelector('input.cell-editor') && (i === 0 || lastCell().dataset.value !== before),
        'every map to follow the edit',
      );
      out.push(performance.now() - t0);
      // Enter moved the selection (and, in an effect, the focus) down; bring it back up.
      const focusedRow = (row) => document.activeElement?.dataset?.row === row
        && document.querySelector('[data-map="0"][data-channel="0"][aria-selected="true"]')?.dataset.row === row;
      await window.__until(() => focusedRow('1'), 'the selection to move down');
      document.querySelector('[data-map="0"][data-channel="0"][data-row="0"][data-col="0"]').focus();
      await window.__until(() => focusedRow('0'), 'the selection to come back');
    }
    return out;
  }, { edits: EDITS, layers });
  return summary(times);
}

/** One kernel edit: a weight of layer 1 typed and committed → every later map recomputed and drawn. */
async function kernelEditTimes(page, layers) {
  await page.evaluate(() => document.querySelector('#step-first').click());
  await page.locator('[data-kernel="1"][data-row="0"][data-col="0"]').click();
  const times = await page.evaluate(async ({ edits, layers }) => {
    const out = [];
    const key = (target, k) => target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
    const lastCell = () => document.querySelector(`[data-map="${layers}"][data-channel="0"][data-row="0"][data-col="0"]`);
    for (let i = 0; i < edits; i++) {
      const cell = document.querySelector('[data-kernel="1"][data-row="0"][data-col="0"]');
      cell.focus();
      await window.__until(() => cell.getAttribute('aria-selected') === 'true', 'the selection').catch((e) => {
        const selected = document.querySelector('[aria-selected="true"]');
        throw new Error(`${e.message} (edit ${i}; focus on ${document.activeElement?.tagName} ${JSON.stringify(document.activeElement?.dataset)}, selected ${JSON.stringify(selected?.dataset)}, cell in page ${cell.isConnected})`);
      });
      key(cell, String((i % 9) + 1));
      await window.__until(() => document.querySelector('input.cell-editor'), 'the editor');
      const before = lastCell().dataset.value;
      const t0 = performance.now();
      key(document.querySelector('input.cell-editor'), 'Enter');
      await window.__until(() => !document.querySelector('input.cell-editor') && (i === 0 || lastCell().dataset.value !== before), 'the maps to follow');
      out.push(performance.now() - t0);
      // Enter moved the selection, and then the focus, down a row: wait for the app to be done
      // with this edit, or its late focus takes back the next edit's cell.
      await window.__until(() => document.activeElement?.dataset?.kernel === '1' && document.activeElement.dataset.row === '1', 'the focus to move down');
    }
    return out;
  }, { edits: EDITS, layers });
  return summary(times);
}

/** One epoch: "Train one epoch" pressed → the learner, Ŷ, the error map, the loss and the curve
 *  rendered. */
async function epochTimes(page) {
  // A student watching: the panel on screen.
  await page.locator('#learn-status').scrollIntoViewIfNeeded();
  const times = await page.evaluate(async (epochs) => {
    const button = document.querySelector('#train-epoch');
    const status = document.querySelector('#learn-status');
    const out = [];
    for (let i = 0; i < epochs; i++) {
      const before = status.dataset.epoch;
      const t0 = performance.now();
      button.click();
      await window.__until(() => status.dataset.epoch !== before, 'the next epoch');
      out.push(performance.now() - t0);
    }
    return out;
  }, EDITS);
  return summary(times);
}

/** Training played at 8 epochs a second for 3 s: the gaps between painted frames (smooth when
 *  none is long) and the epochs trained. */
async function trainingFrames(page) {
  await page.locator('.speed input').fill('5');
  return page.evaluate(async () => {
    const status = document.querySelector('#learn-status');
    const start = Number(status.dataset.epoch);
    const gaps = [];
    let last = performance.now();
    let running = true;
    const frame = (t) => { gaps.push(t - last); last = t; if (running) requestAnimationFrame(frame); };
    requestAnimationFrame((t) => { last = t; requestAnimationFrame(frame); });
    document.querySelector('#train-play').click();
    await new Promise((ok) => setTimeout(ok, 3000));
    running = false;
    document.querySelector('#train-play').click();
    const s = [...gaps].sort((a, b) => a - b);
    const at = (q) => s[Math.min(s.length - 1, Math.floor((s.length - 1) * q))];
    return {
      seconds: 3, epochs: Number(status.dataset.epoch) - start, frames: gaps.length,
      frameGapMedianMs: Math.round(at(0.5) * 100) / 100, frameGapP95Ms: Math.round(at(0.95) * 100) / 100,
      frameGapMaxMs: Math.round(s[s.length - 1] * 100) / 100,
    };
  });
}

/** Opening a 256×256 picture file: chosen → decoded, averaged, recomputed and drawn. */
async function openPictureTimes(page) {
  const pictures = [grayPng(1, 0), grayPng(0, 1)];
  await page.evaluate(() => document.querySelector('#step-first').click());
  const times = await page.evaluate(async (pictures) => {
    const out = [];
    for (let i = 0; i < 20; i++) {
      const bytes = Uint8Array.from(atob(pictures[i % 2]), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], `p${i}.png`, { type: 'image/png' }));
      const input = document.querySelector('#picture-file');
      input.files = data.files;
      // Picture 0's cell (0, 1) is 1/255, picture 1's is 0.
      const want = i % 2 === 0 ? String(1 / 255) : '0';
      const t0 = performance.now();
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await window.__until(() => document.querySelector('td[data-map="0"][data-row="0"][data-col="1"]')?.dataset.value === want
        && document.querySelector('canvas[data-map="4"]'), 'the picture');
      out.push(performance.now() - t0);
      await window.__settle();
    }
    return out;
  }, pictures);
  return summary(times);
}

/** Selecting a cell of the last map → its receptive field marked in every earlier map. */
async function selectTimes(page, layers) {
  const times = await page.evaluate(async ({ layers }) => {
    const out = [];
    for (let i = 0; i < 30; i++) {
      const r = 10 + (i % 20);
      // A map over 32 a side is a canvas: its cell is picked with the pointer, and the
      // selection then shows in its magnifier (the fields are computed in the same render).
      const canvas = document.querySelector(`canvas[data-map="${layers}"]`);
      const cell = document.querySelector(`td[data-map="${layers}"][data-row="${r}"][data-col="${r}"]`);
      const selected = () => document.querySelector(`td[data-map="${layers}"][data-selected="true"][data-row="${r}"][data-col="${r}"]`);
      const t0 = performance.now();
      if (canvas) {
        const box = canvas.getBoundingClientRect();
        const n = Number(canvas.dataset.rows);
        canvas.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: box.left + box.width * ((r + 0.5) / n), clientY: box.top + box.height * ((r + 0.5) / n) }));
        await window.__until(selected, 'the selection');
      } else {
        cell.focus();
        await window.__until(
          () => cell.dataset.selected === 'true' && document.querySelector('[data-map="0"][data-rf="true"]'),
          'the receptive field',
        );
      }
      out.push(performance.now() - t0);
    }
    return out;
  }, { layers });
  return summary(times);
}

async function heap(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
}

function summary(times) {
  return { count: times.length, medianMs: round(median(times)), p95Ms: round(quantile(times, 0.95)), maxMs: round(Math.max(...times)) };
}

function report(r) {
  const ok = (v, budget) => (v <= budget ? 'met' : `MISSED by ${round(v - budget)}`);
  console.log(`\nconvscope benchmark — ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGiB} GiB, headless Chromium\n`);
  console.log('transfer (everything the page loads)');
  for (const f of r.transfer.files) console.log(`  ${f.name.padEnd(40)} ${String(f.raw).padStart(8)} B raw  ${String(f.gzip).padStart(7)} B gzip  ${String(f.brotli).padStart(7)} B brotli`);
  const gz = r.transfer.total.gzip / KiB;
  console.log(`  ${'total'.padEnd(40)} ${round(r.transfer.total.raw / KiB, 1)} KiB raw  ${round(gz, 1)} KiB gzip  ${round(r.transfer.total.brotli / KiB, 1)} KiB brotli   budget ≤ ${BUDGETS.transferGzipKiB} KiB gzip: ${ok(gz, BUDGETS.transferGzipKiB)}`);
  const fr = r.firstRender;
  console.log(`\nfirst full render after navigation (${fr.loads} loads): median ${fr.medianMs} ms (min ${fr.minMs}, p90 ${fr.p90Ms}, max ${fr.maxMs})   budget ≤ ${BUDGETS.firstRenderMs} ms: ${ok(fr.medianMs, BUDGETS.firstRenderMs)}`);
  console.log('\n  input  layers   step median / p95 / max (ms)   edit median / p95 / max (ms)');
  for (let i = 0; i < r.steps.length; i++) {
    const s = r.steps[i];
    const e = r.edits[i];
    console.log(`  ${String(s.n).padStart(2)}×${String(s.n).padEnd(3)} ${String(s.layers).padStart(5)}   ${`${s.medianMs} / ${s.p95Ms} / ${s.maxMs}`.padEnd(30)} ${e.medianMs} / ${e.p95Ms} / ${e.maxMs}`);
  }
  const s32 = r.steps.find((s) => s.n === 32 && s.layers === 4);
  const e64 = r.edits.find((s) => s.n === 64 && s.layers === 8);
  const worst = Math.max(...r.steps.map((s) => s.maxMs), ...r.edits.map((s) => s.maxMs));
  console.log(`\n  step median at 32×32 × 4: ${s32.medianMs} ms   budget ≤ ${BUDGETS.stepMedianMs32x4} ms: ${ok(s32.medianMs, BUDGETS.stepMedianMs32x4)}`);
  console.log(`  edit median at 64×64 × 8: ${e64.medianMs} ms   budget ≤ ${BUDGETS.editMedianMs64x8} ms: ${ok(e64.medianMs, BUDGETS.editMedianMs64x8)}`);
  console.log(`  slowest step or edit anywhere: ${worst} ms   budget ≤ ${BUDGETS.anyStepOrEditMs} ms: ${ok(worst, BUDGETS.anyStepOrEditMs)}`);
  console.log(`  select a cell → receptive field at 64×64 × 8: median ${r.select.medianMs} ms, p95 ${r.select.p95Ms} ms`);
  const pic = r.picture;
  console.log(`  picture 256×256 → 4 layers of 3×3: step median ${pic.step.medianMs} ms (budget 2), kernel edit median ${pic.kernelEdit.medianMs} ms (budget 16), opening a 256×256 picture median ${pic.open.medianMs} ms (budget 100)`);
  const ch = r.channels;
  console.log(`  channels, 3×32×32 → 4 layers of 8 channels (3×3, padding 1): step median ${ch.step.medianMs} ms (p95 ${ch.step.p95Ms}), edit median ${ch.edit.medianMs} ms (p95 ${ch.edit.p95Ms})`);
  const le = r.learn;
  console.log(`  learning a 5×5 kernel at 64×64: one epoch median ${le.epoch.medianMs} ms (p95 ${le.epoch.p95Ms}; budget 4: ${ok(le.epoch.medianMs, 4)}); training at 8 epochs/s for ${le.training.seconds} s: ${le.training.epochs} epochs, frame gaps median ${le.training.frameGapMedianMs} / p95 ${le.training.frameGapP95Ms} / max ${le.training.frameGapMaxMs} ms`);
  console.log(`  peak JS heap: ${round(r.heap.peakJsHeapBytes / 1024 ** 2, 1)} MiB`);
  const lh = r.lighthouse;
  const m = lh.median;
  console.log(`\nLighthouse ${lh.version}, mobile preset, served with gzip (median of ${lh.runs.length}): performance ${m.performance} (budget ≥ 98), accessibility ${m.accessibility}, best practices ${m.bestPractices}, SEO ${m.seo} (budget 100 each)`);
  console.log(`  FCP ${m.fcpMs} ms, LCP ${m.lcpMs} ms (budget ≤ 1500), TBT ${m.tbtMs} ms (budget ≤ 100), CLS ${m.cls}, speed index ${m.speedIndexMs} ms`);
  for (const f of [...new Set(lh.runs.flatMap((x) => x.failing))]) console.log(`  not passed in a run: ${f}`);
  console.log('\nwritten to bench/results.json');
}

await main();

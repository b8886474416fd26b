// End-to-end: learning a kernel (issue #14 of round two). A scene with a `learn` block opened
// from a link is trained epoch by epoch with the page's own button, and the learner's kernel,
// bias and loss are compared with an independent JavaScript implementation of the same
// gradient descent (the forward pass is the harness's reference, the gradient written here);
// the setup survives a reload; a learning rate of 10 diverges with a message that offers a
// lower one; the d2l preset learns [1, −1]; keyboard and axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, sceneFragment, referenceChannelMaps, referenceLayerChannels, eventually, axeViolations } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

// ---- The reference: full-batch gradient descent on L = Σ (Ŷ − Y)². ----

const flip = (k) => k.map((row) => [...row].reverse()).reverse();
const pair = (v, d) => (v === undefined ? d : v);

/** The layer's weight as [out][in/groups] slices of rows, and its biases. */
function weightOf(layer) {
  const deep = Array.isArray(layer.kernel[0]?.[0]?.[0]);
  const w = deep ? layer.kernel : [[layer.kernel]];
  const bias = Array.isArray(layer.bias) ? layer.bias : w.map(() => layer.bias ?? 0);
  return { w, bias };
}

/** The learner as a layer of the scene format: the layer's geometry and groups, its own weight,
 *  bias and operation. */
function learnerLayer(layer, w, bias, mode) {
  return { ...layer, kernel: w, bias, mode };
}

/** Σ (Ŷ − Y)² and ∂L/∂w (as entered), ∂L/∂b of the learner on input channels xs against y. */
function lossAndGradient(xs, y, layer, w, bias, mode) {
  const yhat = referenceLayerChannels(xs, learnerLayer(layer, w, bias, mode));
  const n = [xs[0].length, xs[0][0].length];
  const size = [w[0][0].length, w[0][0][0].length];
  const stride = pair(layer.stride, [1, 1]);
  const pad = pair(layer.padding, [0, 0]);
  const dil = pair(layer.dilation, [1, 1]);
  const groups = layer.groups ?? 1;
  const perGroup = w[0].length;
  const perOut = w.length / groups;
  const at = (x, r, c) => (r >= 0 && r < n[0] && c >= 0 && c < n[1] ? x[r][c] : 0);
  // ∂L/∂(the weight applied at tap a, b), then flipped back to the weight as entered.
  const gApplied = w.map((slices) => slices.map((k) => k.map((row) => row.map(() => 0))));
  const gBias = w.map(() => 0);
  let loss = 0;
  yhat.forEach((plane, o) => {
    const first = Math.floor(o / perOut) * perGroup;
    plane.forEach((row, i) => row.forEach((p, j) => {
      const e = p - y[o][i][j];
      loss += e * e;
      gBias[o] += 2 * e;
      for (let q = 0; q < perGroup; q++) {
        for (let a = 0; a < size[0]; a++) {
          for (let b = 0; b < size[1]; b++) {
            const v = at(xs[first + q], i * stride[0] - pad[0] + a * dil[0], j * stride[1] - pad[1] + b * dil[1]);
            gApplied[o][q][a][b] += 2 * e * v;
          }
        }
      }
    }));
  });
  const gW = gApplied.map((slices) => slices.map((k) => (mode === 'convolution' ? flip(k) : k)));
  return { loss, gW, gBias };
}

/** The learner's weight, bias and loss after each epoch count in `checkpoints`. */
function reference(scene, checkpoints) {
  const layer = scene.layers[scene.learn.layer - 1];
  const maps = referenceChannelMaps(scene);
  const xs = maps[scene.learn.layer - 1];
  const y = maps[scene.learn.layer];
  const mode = scene.learn.mode ?? layer.mode ?? 'cross-correlation';
  const lr = scene.learn.lr;
  const init = Array.isArray(scene.learn.init[0]?.[0]?.[0]) ? scene.learn.init : [[scene.learn.init]];
  let w = init.map((s) => s.map((k) => k.map((row) => [...row])));
  let bias = weightOf(layer).w.map(() => 0);
  const out = {};
  for (let epoch = 0; epoch <= Math.max(...checkpoints); epoch++) {
    const { loss, gW, gBias } = lossAndGradient(xs, y, layer, w, bias, mode);
    if (checkpoints.includes(epoch)) out[epoch] = { w, bias, loss };
    w = w.map((s, o) => s.map((k, q) => k.map((row, a) => row.map((v, b) => v - lr * gW[o][q][a][b]))));
    if (scene.learn.learn_bias) bias = bias.map((v, o) => v - lr * gBias[o]);
  }
  return out;
}

/** The learner's kernel on the page as [out][in][row][col], its biases and the loss shown. */
async function shown(page, layer = 1) {
  return page.evaluate((l) => {
    const w = [];
    for (const td of document.querySelectorAll(`td[data-learned="${l}"]`)) {
      const [o, q, r, c] = ['out', 'in', 'row', 'col'].map((k) => Number(td.dataset[k]));
      ((((w[o] ??= [])[q] ??= [])[r] ??= []))[c] = Number(td.dataset.value);
    }
    const bias = [...document.querySelectorAll(`td[data-learned-bias="${l}"]`)].map((td) => Number(td.dataset.value));
    const status = document.querySelector('#learn-status');
    return { w, bias, loss: Number(status.dataset.loss), epoch: Number(status.dataset.epoch) };
  }, layer);
}

function close(actual, expected, what) {
  const ok = Math.abs(actual - expected) <= 1e-9 * Math.abs(expected) || Math.abs(actual - expected) <= 1e-15;
  assert.ok(ok, `${what}: ${actual} vs the reference's ${expected}`);
}

function compare(page, ref, what) {
  ref.w.forEach((s, o) => s.forEach((k, q) => k.forEach((row, r) => row.forEach((v, c) => {
    close(page.w[o][q][r][c], v, `${what}: weight [${o}][${q}][${r}][${c}]`);
  }))));
  ref.bias.forEach((v, o) => close(page.bias[o], v, `${what}: bias ${o}`));
  close(page.loss, ref.loss, `${what}: loss`);
}

/** Presses "Train one epoch" until the page shows epoch `n`. */
async function trainTo(page, n) {
  const epoch = () => page.locator('#learn-status').getAttribute('data-epoch').then(Number);
  while ((await epoch()) < n) {
    const before = await epoch();
    await page.locator('#train-epoch').click();
    await eventually(async () => assert.equal(await epoch(), before + 1));
  }
}

const wavy = (rows, cols, k) => Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => (((r * 7 + c * 3 + k) % 9) - 4) / 4));

const SCENES = {
  // One channel, stride, padding and dilation; the learner convolves while the layer
  // cross-correlates, and learns its bias too.
  'one channel, stride 2 × 1, padding, dilation, the other operation, the bias learned': {
    version: 1,
    input: wavy(6, 7, 0),
    layers: [{ type: 'conv', kernel: [[1, -2, 0.5], [0, 1, -1]], bias: 0.5, stride: [2, 1], padding: [1, 0], dilation: [1, 2] }],
    learn: { layer: 1, lr: 0.01, init: [[0.1, 0, 0], [0, 0, -0.1]], learn_bias: true, mode: 'convolution' },
  },
  // Two input channels in two groups, two output channels, learning the second layer of two.
  'channels and groups, the second layer of a stack': {
    version: 1,
    input: [wavy(5, 5, 1), wavy(5, 5, 4)],
    layers: [
      { type: 'conv', kernel: [[[[1, 0], [0, 1]]], [[[0, 1], [-1, 0]]]], bias: [0, 0.25], groups: 2 },
      { type: 'conv', kernel: [[[[0.5, -1], [1, 0]], [[-0.5, 0], [0.25, 1]]]], bias: [0], padding: [1, 1], mode: 'convolution' },
    ],
    learn: { layer: 2, lr: 0.005, init: [[[[0, 0], [0, 0]], [[0, 0], [0, 0]]]], learn_bias: false },
  },
};

for (const [name, scene] of Object.entries(SCENES)) {
  test(`learning from a link agrees with the reference after 1, 10 and 50 epochs: ${name}`, async () => {
    const expected = reference(scene, [0, 1, 10, 50]);
    assert.ok(expected[50].loss < expected[0].loss, 'the reference learns');
    const { page, errors } = await openApp(browser, server, sceneFragment(scene));
    await page.locator('#learn').waitFor();
    const l = scene.learn.layer;
    compare(await shown(page, l), expected[0], 'epoch 0');
    for (const n of [1, 10, 50]) {
      await trainTo(page, n);
      compare(await shown(page, l), expected[n], `epoch ${n}`);
    }
    // The status says it in words too (polite live text).
    const status = page.locator('#learn-status');
    assert.equal(await status.getAttribute('aria-live'), 'polite');
    const said = (await status.textContent()).match(/^epoch 50, loss (\S+)$/);
    assert.ok(said, await status.textContent());
    const exact = Number(await status.getAttribute('data-loss'));
    assert.ok(Math.abs(Number(said[1]) - exact) <= 5e-4 * exact, `${said[1]} says ${exact} to four digits`);
    // The loss curve says what it shows to a screen reader.
    const curve = await page.locator('.loss-curve svg').getAttribute('aria-label');
    assert.match(curve, /^Loss at each epoch: \S+ at epoch 0, \S+ at epoch 50$/);
    // Maps of the panel: Y, Ŷ and Ŷ − Y, never data-map.
    const target = await page.$$eval('td[data-learn-map="target"]', (tds) => tds.length);
    assert.ok(target > 0);
    assert.equal(await page.$$eval('td[data-learn-map][data-map]', (tds) => tds.length), 0);
    const [p, y, e] = await Promise.all(['prediction', 'target', 'error'].map((m) => page.$$eval(`td[data-learn-map="${m}"]`,
      (tds) => tds.map((td) => Number(td.dataset.value)))));
    e.forEach((v, i) => assert.ok(Math.abs(v - (p[i] - y[i])) <= 1e-12, `error cell ${i}`));
    // A reload keeps the setup (the autosave) and opens at epoch 0.
    await page.waitForTimeout(400);
    await page.reload();
    await page.locator('#learn').waitFor();
    compare(await shown(page, l), expected[0], 'after a reload');
    assert.equal(await page.locator('#learn-rate').inputValue(), String(scene.learn.lr));
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('the edge detector preset learns [1, −1]; the other operation learns it flipped, said under the result', async () => {
  const { page, errors } = await openApp(browser, server);
  await page.getByRole('button', { name: 'Learn the edge detector', exact: true }).click();
  await page.locator('#learn').waitFor();
  assert.equal((await shown(page)).loss, 12);
  await trainTo(page, 10);
  const { w } = await shown(page);
  assert.ok(Math.abs(w[0][0][0][0] - 1) <= 0.05 && Math.abs(w[0][0][0][1] + 1) <= 0.05, JSON.stringify(w));
  assert.equal(await page.locator('#flipped-back-note').count(), 0);
  // The kernel to discover is hidden until revealed.
  assert.equal(await page.locator('td[data-learn-true]').count(), 0);
  await page.locator('#reveal-kernel').click();
  assert.deepEqual(await page.$$eval('td[data-learn-true="1"]', (tds) => tds.map((td) => Number(td.dataset.value))), [1, -1]);
  // With convolution the learner goes to [−1, 1], and flipped back it is the layer's kernel.
  await page.locator('#learn-mode').selectOption('convolution');
  await eventually(async () => assert.equal((await shown(page)).epoch, 0));
  await trainTo(page, 10);
  const flipped = (await shown(page)).w[0][0][0];
  assert.ok(Math.abs(flipped[0] + 1) <= 0.05 && Math.abs(flipped[1] - 1) <= 0.05, JSON.stringify(flipped));
  await page.locator('#flipped-back-note').waitFor();
  const back = await page.$$eval('td[data-learned-flipped="1"]', (tds) => tds.map((td) => Number(td.dataset.value)));
  assert.deepEqual(back, [flipped[1], flipped[0]]);
  // Training is not an undo step: Undo takes back the operation, not epochs.
  await page.locator('#undo').click();
  assert.equal(await page.locator('#learn-mode').inputValue(), 'cross-correlation');
  assert.equal((await shown(page)).epoch, 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a learning rate of 10 diverges: training stops with a message naming it, and a lower rate is one click', async () => {
  const { page, errors } = await openApp(browser, server);
  await page.getByRole('button', { name: 'Learn the edge detector', exact: true }).click();
  // A rate that is not one is refused where it was typed, and the last one kept.
  await page.locator('#learn-rate').fill('fast');
  await page.locator('#learn-rate').press('Enter');
  await page.locator('#learn-rate-error').waitFor();
  assert.equal(await page.locator('#learn-rate').getAttribute('aria-invalid'), 'true');
  await page.locator('#learn-rate').fill('10');
  await page.locator('#learn-rate').press('Enter');
  await eventually(async () => assert.equal(await page.locator('#learn-rate-error').count(), 0));
  // Training plays at the stepper's speeds, also offered in the panel: the fastest, 8 epochs a
  // second, chosen here moves the stepper's slider too.
  await page.locator('#learn-speed').selectOption('5');
  assert.equal(await page.locator('.speed input').inputValue(), '5');
  assert.equal(await page.locator('#learn-speed option:checked').textContent(), '8 epochs per second');
  await page.locator('#train-play').click();
  assert.equal(await page.locator('#train-play').getAttribute('aria-pressed'), 'true');
  await page.locator('#learn-error').waitFor({ timeout: 30000 });
  const message = await page.locator('#learn-error p').textContent();
  assert.match(message, /learning rate 10\b/);
  assert.equal(await page.locator('#train-play').getAttribute('aria-pressed'), 'false');
  const { loss, w, epoch } = await shown(page);
  assert.ok(Number.isFinite(loss) && loss <= 1e150, `the last finite loss is kept: ${loss}`);
  assert.ok(w.flat(3).every(Number.isFinite));
  await page.locator('#train-epoch').click();
  assert.equal((await shown(page)).epoch, epoch, 'no epoch past a divergence');
  await page.locator('#lower-rate').click();
  assert.equal(await page.locator('#learn-rate').inputValue(), '1');
  await eventually(async () => assert.equal(await page.locator('#learn-error').count(), 0));
  assert.equal((await shown(page)).epoch, 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the learning demo works from the keyboard, and has no axe violation trained, revealed and diverged', async () => {
  const { page, errors } = await openApp(browser, server);
  // "Learn this kernel" on layer 1 opens the demo and takes the focus to it.
  await page.locator('#layer-1-learn').focus();
  await page.keyboard.press('Enter');
  await page.locator('#learn').waitFor();
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'learn-heading'));
  assert.equal(await page.locator('#layer-1-learn').getAttribute('aria-pressed'), 'true');
  await page.locator('#train-epoch').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press(' ');
  await eventually(async () => assert.equal((await shown(page)).epoch, 2));
  await page.locator('#reveal-kernel').click();
  await page.locator('#log-scale').check();
  assert.deepEqual(await axeViolations(page), []);
  await page.locator('#learn-rate').fill('10');
  await page.locator('#learn-rate').press('Enter');
  while (await page.locator('#learn-error').count() === 0) await page.locator('#train-epoch').click();
  assert.deepEqual(await axeViolations(page), []);
  // End learning is an undoable edit.
  await page.locator('#stop-learning').click();
  assert.equal(await page.locator('#learn').count(), 0);
  await page.locator('#undo').click();
  await page.locator('#learn').waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('on a phone the learning demo fits the width, and its controls are big enough to touch', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(server.base);
  await page.locator('.presets button').nth(2).click();
  await page.locator('#learn').waitFor();
  for (let i = 0; i < 3; i++) await page.locator('#train-epoch').tap();
  await eventually(async () => assert.equal(await page.locator('#learn-status').getAttribute('data-epoch'), '3'));
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling');
  const small = await page.$$eval('#learn button, #learn select, #learn input[type="text"], #learn .learn-check', (els) => els
    .map((el) => { const r = el.getBoundingClientRect(); return { id: el.id || el.className, w: r.width, h: r.height }; })
    .filter((r) => r.w < 44 || r.h < 44));
  assert.deepEqual(small, []);
  // Every part of the panel lies within the screen's width.
  const outside = await page.$$eval('#learn > *', (els) => els.map((el) => el.getBoundingClientRect())
    .filter((r) => r.left < 0 || r.right > innerWidth + 0.5).length);
  assert.equal(outside, 0);
  await context.close();
});

// End-to-end: channels (issue #12 of round two) — several input and output channels, groups,
// 1×1 convolutions; every value against the JavaScript reference of harness.mjs, stepping in
// PyTorch's order (output channel, row, column), the per-channel arithmetic, receptive fields
// across channels and groups, and the controls that set channel counts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  serveDist, launch, openApp, sceneFragment, referenceChannelMaps, mapChannels, channelValues, eventually,
  axeViolations, typeInCell, mapValues,
} from './harness.mjs';

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const X2 = [[[0, 1, 2], [3, 4, 5], [6, 7, 8]], [[1, 2, 3], [4, 5, 6], [7, 8, 9]]];
const K2 = [[[0, 1], [2, 3]], [[1, 2], [3, 4]]];
const plus = (k, d) => k.map((s) => s.map((r) => r.map((v) => v + d)));

/** Every channel of every map on the page equals the reference. */
async function assertMapsMatch(page, scene) {
  const maps = referenceChannelMaps(scene);
  for (const [m, expected] of maps.entries()) {
    assert.deepEqual(await mapChannels(page, m), expected, `map ${m}`);
  }
}

test("d2l's two input channels: 56, 72, 104, 120, with each channel's products and partial sums", async () => {
  const scene = { version: 1, input: X2, layers: [{ type: 'conv', kernel: [K2] }] };
  const { page, errors } = await openApp(browser, server, sceneFragment(scene));
  assert.deepEqual(await channelValues(page, 1, 0), [[56, 72], [104, 120]]);
  await assertMapsMatch(page, scene);
  // The input's two channels are two grids, each cell carrying its channel.
  assert.equal(await page.locator('[data-map="0"][data-channel="1"]:not([data-pad])').count(), 9);
  // Kernel slices carry their output and input channel; the bias its output channel.
  assert.equal(await page.locator('[data-kernel="1"][data-out="0"][data-in="1"]').count(), 4);
  assert.equal(await page.locator('[data-bias="1"][data-out="0"]').count(), 1);
  const expression = (await page.locator('#arithmetic .expression').textContent()).replace(/\s+/g, ' ').trim();
  assert.equal(expression, '(0×0 + 1×1 + 3×2 + 4×3) + (1×1 + 2×2 + 4×3 + 5×4) + 0 = 19 + 37 + 0 = 56');
  // One output channel: the status reads exactly as before channels.
  assert.equal(await page.locator('#step-status').textContent(), 'Step 1 of 4: output row 0, column 0 = 56');
  // The window marks its cells in both input channels.
  for (const c of [0, 1]) {
    assert.equal(await page.locator(`[data-map="0"][data-channel="${c}"][data-window="true"]`).count(), 4);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('three output channels: stepping walks channel, then row, then column', async () => {
  const scene = { version: 1, input: X2, layers: [{ type: 'conv', kernel: [K2, plus(K2, 1), plus(K2, 2)] }] };
  const { page, errors } = await openApp(browser, server, sceneFragment(scene));
  assert.deepEqual(await mapChannels(page, 1), [[[56, 72], [104, 120]], [[76, 100], [148, 172]], [[96, 128], [192, 224]]]);
  await page.locator('#step-forward').focus();
  const expected = referenceChannelMaps(scene)[1];
  for (let step = 1; step <= 12; step++) {
    const [o, r, c] = [Math.floor((step - 1) / 4), Math.floor(((step - 1) % 4) / 2), (step - 1) % 2];
    await eventually(async () => {
      assert.equal(await page.locator('#step-status').textContent(),
        `Step ${step} of 12: output channel ${o}, row ${r}, column ${c} = ${expected[o][r][c]}`);
      const current = await page.$$eval('[data-current="true"]', (els) => els.map((e) => [e.dataset.map, e.dataset.channel, e.dataset.row, e.dataset.col].join()));
      assert.deepEqual(current, [`1,${o},${r},${c}`]);
      const window = await page.$$eval('[data-window="true"]', (els) => els.map((e) => [e.dataset.channel, e.dataset.row, e.dataset.col].join()).sort());
      const want = [];
      for (const ch of [0, 1]) for (const a of [0, 1]) for (const b of [0, 1]) want.push([ch, r + a, c + b].join());
      assert.deepEqual(window, want.sort());
    });
    if (step === 5) {
      assert.match(await page.locator('#arithmetic h2').textContent(), /output channel 1, row 0, column 0/);
      const text = (await page.locator('#arithmetic .expression').textContent()).replace(/\s+/g, ' ').trim();
      assert.equal(text, '(0×1 + 1×2 + 3×3 + 4×4) + (1×2 + 2×3 + 4×4 + 5×5) + 0 = 27 + 49 + 0 = 76');
    }
    if (step < 12) await page.keyboard.press('ArrowRight');
  }
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});

/** A small pseudo-random generator, so the scenes are the same on every run. */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function randomGrid(next, rows, cols) {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.floor(next() * 7) - 3));
}

test('multi-channel scenes (groups, depthwise + pointwise, stride, padding, dilation, convolution mode, pooling) equal the reference', async () => {
  const next = rng(12);
  const scenes = [];
  for (let i = 0; i < 6; i++) {
    const inC = [1, 2, 3, 4, 4, 6][i];
    const groups = [1, 2, 3, 2, 4, 3][i];
    const out = [2, 4, 3, 2, 4, 6][i];
    const k = 1 + (i % 3);
    const input = Array.from({ length: inC }, () => randomGrid(next, 6 + i, 7));
    const conv = {
      type: 'conv',
      kernel: Array.from({ length: out }, () => Array.from({ length: inC / groups }, () => randomGrid(next, k, k))),
      bias: Array.from({ length: out }, () => Math.floor(next() * 5) - 2),
      groups: inC % groups === 0 && out % groups === 0 ? groups : 1,
      stride: [1 + (i % 2), 1],
      padding: [i % 2, 1],
      dilation: [1, 1 + (i % 2)],
      mode: i % 2 ? 'convolution' : 'cross-correlation',
    };
    if (inC % conv.groups !== 0) conv.groups = 1;
    if (conv.groups === 1) conv.kernel = conv.kernel.map(() => Array.from({ length: inC }, () => randomGrid(next, k, k)));
    const pointwise = { type: 'conv', kernel: Array.from({ length: 2 }, () => Array.from({ length: out }, () => randomGrid(next, 1, 1))) };
    scenes.push({ version: 1, input, layers: [conv, { type: i % 2 ? 'avg-pool' : 'max-pool', size: [2, 2], stride: [1, 1] }, pointwise] });
  }
  for (const scene of scenes) {
    const { page, errors } = await openApp(browser, server, sceneFragment(scene));
    await assertMapsMatch(page, scene);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

/** The reference receptive field of channel `ch`, cell (r, c) of map `m`: every (map, channel,
 *  row, column) of an earlier map that can affect it, padding cells included, by walking the
 *  windows back one (channel, row, column) at a time. */
function referenceField(scene, m, ch, r, c) {
  const maps = referenceChannelMaps(scene);
  const found = new Set();
  let frontier = [[ch, r, c]];
  for (let l = m; l >= 1; l--) {
    const layer = scene.layers[l - 1];
    const below = maps[l - 1];
    const [h, w] = [below[0].length, below[0][0].length];
    const isConv = layer.type === 'conv';
    const kernel = isConv ? (Array.isArray(layer.kernel[0][0][0]) ? layer.kernel : [[layer.kernel]]) : null;
    const size = isConv ? [kernel[0][0].length, kernel[0][0][0].length] : layer.size;
    const stride = layer.stride ?? (isConv ? [1, 1] : size);
    const pad = layer.padding ?? [0, 0];
    const dil = (isConv && layer.dilation) || [1, 1];
    const next = [];
    for (const [o, i, j] of frontier) {
      let channels = [o];
      if (isConv) {
        const perGroup = kernel[0].length;
        const perOut = kernel.length / (layer.groups ?? 1);
        const first = Math.floor(o / perOut) * perGroup;
        channels = Array.from({ length: perGroup }, (_, q) => first + q);
      }
      for (const q of channels) {
        for (let a = 0; a < size[0]; a++) {
          for (let b = 0; b < size[1]; b++) {
            const y = i * stride[0] - pad[0] + a * dil[0];
            const x = j * stride[1] - pad[1] + b * dil[1];
            const key = [l - 1, q, y, x].join();
            if (found.has(key)) continue;
            found.add(key);
            if (y >= 0 && y < h && x >= 0 && x < w) next.push([q, y, x]);
          }
        }
      }
    }
    frontier = next;
  }
  return [...found].sort();
}

for (const groups of [1, 2]) {
  test(`receptive fields with groups = ${groups} mark exactly the reference's cells, in exactly its channels`, async () => {
    const next = rng(40 + groups);
    const input = Array.from({ length: 4 }, () => randomGrid(next, 7, 7));
    const conv1 = { type: 'conv', groups, padding: [1, 1], kernel: Array.from({ length: 4 }, () => Array.from({ length: 4 / groups }, () => randomGrid(next, 3, 3))) };
    const conv2 = { type: 'conv', groups, kernel: Array.from({ length: 2 }, () => Array.from({ length: 4 / groups }, () => randomGrid(next, 2, 2))) };
    const scene = { version: 1, input, layers: [conv1, { type: 'max-pool', size: [2, 2], stride: [1, 1] }, conv2] };
    const { page, errors } = await openApp(browser, server, sceneFragment(scene));
    await page.locator('[data-map="3"][data-channel="1"][data-row="2"][data-col="3"]').click();
    const expected = referenceField(scene, 3, 1, 2, 3);
    await eventually(async () => {
      const marked = await page.$$eval('[data-rf="true"]', (els) => els.map((e) => [e.dataset.map, e.dataset.channel, e.dataset.row, e.dataset.col].join()));
      assert.deepEqual(marked.sort(), expected);
    });
    // With groups = 2, the last layer's output channel 1 is its second group's, which reads
    // channels 2 and 3, which the first layer's second group computed from input channels 2, 3.
    const inputChannels = new Set(expected.filter((k) => k.startsWith('0,')).map((k) => k.split(',')[1]));
    assert.deepEqual([...inputChannels].sort(), groups === 1 ? ['0', '1', '2', '3'] : ['2', '3']);
    // The table gains the channel counts (its sizes stay spatial).
    const counts = await page.$$eval('#rf-table td[data-name="channels"]', (tds) => tds.map((td) => `${td.dataset.in}→${td.dataset.out}`));
    assert.deepEqual(counts, ['4→4', '4→4', '4→2']);
    // And the projective field of an input cell of channel 3 reaches only its group's outputs.
    await page.locator('[data-map="0"][data-channel="3"][data-row="3"][data-col="3"]').click();
    await eventually(async () => {
      const last = await page.$$eval('[data-map="3"][data-pf="true"]', (els) => [...new Set(els.map((e) => e.dataset.channel))].sort());
      assert.deepEqual(last, groups === 1 ? ['0', '1'] : ['1']);
    });
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('the channel controls add input channels and output channels; a new slice starts at zero and edits like any grid', async () => {
  const { page, errors } = await openApp(browser, server);
  const channels = page.locator('#input-channels');
  await channels.fill('2');
  await channels.press('Enter');
  await eventually(async () => assert.equal(await page.locator('[data-map="0"][data-channel="1"]:not([data-pad])').count(), 9));
  // The layer now reads two channels; the new slice is zeros, so the output is d2l's still.
  assert.deepEqual(await gridOf(page, '[data-kernel="1"][data-out="0"][data-in="1"]'), [[0, 0], [0, 0]]);
  assert.deepEqual(await channelValues(page, 1, 0), [[19, 25], [37, 43]]);
  // Type a weight into the new slice: the output follows the reference.
  await page.locator('[data-kernel="1"][data-out="0"][data-in="1"][data-row="0"][data-col="0"]').click();
  await typeInCell(page, '2');
  await page.keyboard.press('Enter');
  await eventually(async () => assert.deepEqual(await channelValues(page, 1, 0), [[19, 25], [37, 43]]));
  // (The new input channel is zeros, so a weight on it changes nothing until it holds values.)
  await page.locator('[data-map="0"][data-channel="1"][data-row="0"][data-col="0"]').click();
  await typeInCell(page, '5');
  await page.keyboard.press('Enter');
  await eventually(async () => assert.deepEqual(await channelValues(page, 1, 0), [[29, 25], [37, 43]]));
  // Two output channels: a second map channel, and the status names the channel.
  const out = page.locator('#layer-1-out-channels');
  await out.fill('2');
  await out.press('Enter');
  await eventually(async () => assert.equal(await page.locator('[data-map="1"][data-channel="1"]').count(), 4));
  assert.deepEqual(await channelValues(page, 1, 1), [[0, 0], [0, 0]]);
  await page.locator('#step-last').click();
  await eventually(async () => assert.equal(await page.locator('#step-status').textContent(), 'Step 8 of 8: output channel 1, row 1, column 1 = 0'));
  // Undo takes the output channel away again, then the input channel.
  await page.keyboard.press('Control+z');
  await eventually(async () => assert.equal(await page.locator('[data-map="1"][data-channel="1"]').count(), 0));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a groups value that does not divide the channels is refused beside the field, in words', async () => {
  const scene = { version: 1, input: X2, layers: [{ type: 'conv', kernel: [K2] }] };
  const { page, errors } = await openApp(browser, server, sceneFragment(scene));
  const groups = page.locator('#layer-1-groups');
  await groups.fill('2');
  await groups.press('Enter');
  // One output channel cannot be split into two groups.
  await eventually(async () => assert.match(await page.locator('#layer-1-groups-error').textContent(), /2 groups do not divide the 1 output channels/));
  assert.deepEqual(await mapValues(page, 1), [[56, 72], [104, 120]], 'the last valid scene is kept');
  assert.deepEqual(errors, []);
  await page.close();
});

/** Values of the cells a selector matches, as rows. */
function gridOf(page, selector) {
  return page.$$eval(selector, (cells) => {
    const rows = [];
    for (const c of cells) (rows[Number(c.dataset.row)] ??= [])[Number(c.dataset.col)] = Number(c.dataset.value);
    return rows;
  });
}

test('the presets: two channels, three outputs, a 1×1 convolution read as a matrix product per pixel, depthwise + pointwise', async () => {
  const { page, errors } = await openApp(browser, server);
  const preset = (name) => page.getByRole('button', { name, exact: true }).click();
  await preset('Two channels (d2l)');
  await eventually(async () => assert.deepEqual(await channelValues(page, 1, 0), [[56, 72], [104, 120]]));
  await preset('Three outputs (d2l)');
  await eventually(async () => assert.deepEqual(await channelValues(page, 1, 2), [[96, 128], [192, 224]]));
  await preset('1×1 convolution');
  await eventually(async () => assert.equal(await page.locator('[data-map="0"][data-channel="2"]:not([data-pad])').count(), 9));
  // Every output pixel is the weight matrix times the input pixel's channels.
  const x = await mapChannels(page, 0);
  const w = [[1, 0, -1], [0.5, 1, 0.5]];
  const y = await mapChannels(page, 1);
  for (let o = 0; o < 2; o++) {
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) assert.equal(y[o][r][c], w[o].reduce((sum, wi, i) => sum + wi * x[i][r][c], 0));
    }
  }
  assert.match(await page.locator('#one-by-one').textContent(), /matrix product per pixel/);
  await preset('Depthwise + pointwise');
  await eventually(async () => assert.equal(await page.locator('[data-map="2"][data-channel="1"]:not([data-pad])').count(), 36));
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});

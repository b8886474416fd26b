// End-to-end: stacked layers and receptive fields (issue #4), against an independent brute-force
// JavaScript reference of the fields and of Araujo et al.'s formulas.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, sceneFragment, mapValues, referenceMaps, arange } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const open = (scene) => openApp(browser, server, scene ? sceneFragment(scene) : '');

/** Window geometry of a layer in the scene format. */
function geometry(layer) {
  const conv = layer.type === 'conv';
  const size = conv ? [layer.kernel.length, layer.kernel[0].length] : layer.size;
  return {
    size,
    stride: layer.stride ?? (conv ? [1, 1] : size),
    pad: layer.padding ?? [0, 0],
    dil: conv ? (layer.dilation ?? [1, 1]) : [1, 1],
  };
}

function taps(g, i, j) {
  const out = [];
  for (let a = 0; a < g.size[0]; a++) {
    for (let b = 0; b < g.size[1]; b++) {
      out.push([i * g.stride[0] - g.pad[0] + a * g.dil[0], j * g.stride[1] - g.pad[1] + b * g.dil[1]]);
    }
  }
  return out;
}

const key = ([r, c]) => `${r},${c}`;

/** For a cell of map m: the set of cells of every earlier map (padding included) that affect it. */
function referenceRf(scene, m, cell) {
  const maps = referenceMaps(scene);
  const fields = [];
  let frontier = [cell];
  for (let l = m; l >= 1; l--) {
    const g = geometry(scene.layers[l - 1]);
    const reached = new Map();
    for (const [i, j] of frontier) for (const t of taps(g, i, j)) reached.set(key(t), t);
    fields[l - 1] = new Set(reached.keys());
    const [h, w] = [maps[l - 1].length, maps[l - 1][0].length];
    frontier = [...reached.values()].filter(([r, c]) => r >= 0 && c >= 0 && r < h && c < w);
  }
  return fields;
}

/** For a cell of map m: the set of cells of every later map that it affects. */
function referencePf(scene, m, cell) {
  const maps = referenceMaps(scene);
  const fields = [];
  let frontier = new Set([key(cell)]);
  for (let l = m + 1; l < maps.length; l++) {
    const g = geometry(scene.layers[l - 1]);
    const fed = new Set();
    for (let i = 0; i < maps[l].length; i++) {
      for (let j = 0; j < maps[l][0].length; j++) {
        if (taps(g, i, j).some((t) => frontier.has(key(t)))) fed.add(key([i, j]));
      }
    }
    fields[l] = fed;
    frontier = fed;
  }
  return fields;
}

/** Araujo et al.: RF size of one cell of each layer's output, per axis. */
function referenceSizes(scene, axis) {
  let size = 1;
  let jump = 1;
  return scene.layers.map((layer) => {
    const g = geometry(layer);
    size += (g.dil[axis] * (g.size[axis] - 1)) * jump;
    jump *= g.stride[axis];
    return size;
  });
}

async function marked(page, map, attr) {
  return new Set(await page.$$eval(`[data-map="${map}"][${attr}="true"]`, (cs) => cs.map((c) => `${c.dataset.row},${c.dataset.col}`)));
}

async function tableRow(page, layer, name) {
  return page.$eval(`#rf-table tr[data-layer="${layer}"] td[data-name="${name}"]`, (td) => [Number(td.dataset.h), Number(td.dataset.w)]);
}

async function assertFields(page, scene, m, cell) {
  const rf = referenceRf(scene, m, cell);
  const pf = referencePf(scene, m, cell);
  const maps = referenceMaps(scene);
  assert.deepEqual([...(await marked(page, m, 'data-selected'))], [key(cell)]);
  for (let k = 0; k < maps.length; k++) {
    const gotRf = await marked(page, k, 'data-rf');
    const gotPf = await marked(page, k, 'data-pf');
    assert.deepEqual([...gotRf].sort(), [...(rf[k] ?? new Set())].sort(), `data-rf of map ${k}`);
    assert.deepEqual([...gotPf].sort(), [...(pf[k] ?? new Set())].sort(), `data-pf of map ${k}`);
  }
  return rf;
}

const X = [[0, 1, 2], [3, 4, 5], [6, 7, 8]];
const K = [[0, 1], [2, 3]];

test("d2l's two layers: z sees all four of Y and all nine of X", async () => {
  const scene = { version: 1, input: X, layers: [{ type: 'conv', kernel: K }, { type: 'conv', kernel: K }] };
  const { page, errors } = await open(scene);
  await page.locator('[data-map="2"][data-row="0"][data-col="0"]').click();
  const rf = await assertFields(page, scene, 2, [0, 0]);
  assert.equal(rf[1].size, 4);
  assert.equal(rf[0].size, 9);
  assert.deepEqual(await tableRow(page, 2, 'size'), [3, 3]);
  assert.deepEqual(await tableRow(page, 1, 'size'), [2, 2]);
  assert.deepEqual(errors, []);
  await page.close();
});

const deep = {
  version: 1,
  input: arange(13, 11).map((row) => row.map((v) => v % 7)),
  layers: [
    { type: 'conv', kernel: [[1, 0, -1], [2, 0, -2]], padding: [1, 2], dilation: [1, 2] },
    { type: 'max-pool', size: [2, 2], stride: [2, 1], padding: [1, 0] },
    { type: 'conv', kernel: [[1, 1], [1, 1], [1, 1]], stride: [1, 2], padding: [1, 1] },
    { type: 'avg-pool', size: [2, 3], stride: [1, 1] },
  ],
};

test('deep cells of a stacked scene mark their exact receptive fields, padding included', async () => {
  const { page, errors } = await open(deep);
  const maps = referenceMaps(deep);
  const last = maps.length - 1;
  const picks = [[last, 0, 0], [last, maps[last].length - 1, maps[last][0].length - 1], [3, 2, 1], [2, 4, 3], [1, 0, 5]];
  for (const [m, r, c] of picks) {
    await page.locator(`[data-map="${m}"][data-row="${r}"][data-col="${c}"]`).click();
    await assertFields(page, deep, m, [r, c]);
    // The table's per-layer RF sizes follow the formula.
    const sizes = [0, 1].map((axis) => referenceSizes(deep, axis));
    for (let l = 1; l <= deep.layers.length; l++) {
      assert.deepEqual(await tableRow(page, l, 'size'), [sizes[0][l - 1], sizes[1][l - 1]], `row ${l} size`);
    }
  }
  assert.ok((await marked(page, 0, 'data-rf')).size > 0);
  assert.ok([...(await marked(page, 0, 'data-rf'))].some((k) => k.startsWith('-1,') || k.includes(',-')), 'the field reaches into padding');
  assert.deepEqual(errors, []);
  await page.close();
});

test("the table's extents agree with the marked cells where the field is not clipped", async () => {
  const scene = {
    version: 1,
    input: arange(20, 20).map((row) => row.map((v) => v % 5)),
    layers: [
      { type: 'conv', kernel: [[1, 1, 1], [1, 1, 1]], dilation: [2, 1] },
      { type: 'max-pool', size: [2, 2] },
      { type: 'conv', kernel: [[1, 0], [0, 1]], stride: [1, 2], dilation: [1, 2] },
    ],
  };
  const { page } = await open(scene);
  await page.locator('[data-map="3"][data-row="1"][data-col="1"]').click();
  const rf = referenceRf(scene, 3, [1, 1]);
  for (let l = 1; l <= 3; l++) {
    const cells = [...rf[l - 1]].map((k) => k.split(',').map(Number));
    const rows = cells.map(([r]) => r);
    const cols = cells.map(([, c]) => c);
    const extent = [Math.max(...rows) - Math.min(...rows) + 1, Math.max(...cols) - Math.min(...cols) + 1];
    assert.deepEqual(await tableRow(page, l, 'extent'), extent, `extent in map ${l - 1}`);
    assert.deepEqual(await tableRow(page, l, 'start'), [Math.min(...rows), Math.min(...cols)], `start in map ${l - 1}`);
  }
  // The size of one cell of the last layer in the input equals the extent in map 0.
  assert.deepEqual(await tableRow(page, 3, 'size'), await tableRow(page, 1, 'extent'));
  await page.close();
});

test('selecting an input cell marks its projective field; Escape clears', async () => {
  const { page, errors } = await open(deep);
  await page.locator('[data-map="0"][data-row="6"][data-col="5"]').click();
  await assertFields(page, deep, 0, [6, 5]);
  assert.ok((await marked(page, 4, 'data-pf')).size > 0);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('[data-selected], [data-rf], [data-pf]').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the selection moves with the arrow keys and the field follows', async () => {
  const scene = { version: 1, input: arange(6, 6), layers: [{ type: 'conv', kernel: K }, { type: 'max-pool', size: [2, 2] }] };
  const { page } = await open(scene);
  await page.locator('[data-map="1"][data-row="0"][data-col="0"]').click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await assertFields(page, scene, 1, [1, 1]);
  await page.close();
});

test('layers can be added, duplicated, reordered and removed; every map follows', async () => {
  const input = arange(8, 8).map((row) => row.map((v) => v % 4));
  const { page, errors } = await open({ version: 1, input, layers: [{ type: 'conv', kernel: K }] });
  await page.getByRole('button', { name: 'Add max pooling' }).click();
  await page.getByRole('button', { name: 'Add convolution' }).click();
  let scene = {
    version: 1, input,
    layers: [{ type: 'conv', kernel: K }, { type: 'max-pool', size: [2, 2], stride: [2, 2] }, { type: 'conv', kernel: K }],
  };
  // "Add convolution" adds the next layer of d2l's deeper example: its 2×2 kernel, no padding.
  let expected = referenceMaps(scene);
  for (let m = 1; m <= 3; m++) assert.deepEqual(await mapValues(page, m), expected[m], `map ${m} after adding`);
  assert.equal(await page.locator('#rf-table tbody tr').count(), 3);
  await page.getByRole('button', { name: 'Duplicate layer 1' }).click();
  scene = { ...scene, layers: [scene.layers[0], ...scene.layers] };
  expected = referenceMaps(scene);
  assert.deepEqual(await mapValues(page, 2), expected[2]);
  await page.getByRole('button', { name: 'Move layer 3 up' }).click();
  assert.ok(await page.locator('[data-layer-error="3"]').count() === 0);
  scene = { ...scene, layers: [scene.layers[0], scene.layers[2], scene.layers[1], scene.layers[3]] };
  expected = referenceMaps(scene);
  for (let m = 1; m <= 4; m++) assert.deepEqual(await mapValues(page, m), expected[m], `map ${m} after moving`);
  await page.getByRole('button', { name: 'Remove layer 2' }).click();
  scene = { ...scene, layers: [scene.layers[0], scene.layers[2], scene.layers[3]] };
  expected = referenceMaps(scene);
  for (let m = 1; m <= 3; m++) assert.deepEqual(await mapValues(page, m), expected[m], `map ${m} after removing`);
  assert.equal(await page.locator('[data-map="4"]').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('presets show deeper = wider in the table and the plot', async () => {
  const { page } = await open();
  const plot = () => page.$$eval('#rf-plot circle.rf-h', (cs) => cs.map((c) => Number(c.dataset.size)));
  await page.getByRole('button', { name: '3×3 stack' }).click();
  assert.deepEqual(await plot(), [1, 3, 5, 7, 9]);
  await page.getByRole('button', { name: 'Dilated stack' }).click();
  assert.deepEqual(await plot(), [1, 3, 7, 15]);
  await page.getByRole('button', { name: 'Conv + pool stack' }).click();
  assert.deepEqual(await plot(), [1, 3, 4, 8, 10]);
  await page.getByRole('button', { name: 'Two layers (d2l)' }).click();
  assert.deepEqual(await plot(), [1, 2, 3]);
  await page.locator('[data-map="2"][data-row="0"][data-col="0"]').click();
  assert.equal((await marked(page, 0, 'data-rf')).size, 9);
  await page.close();
});

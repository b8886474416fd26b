// End-to-end: the classroom interactions of the release build — stepping the window, the
// written-out arithmetic and live status, playing, pinning, linked cells, editing cells by
// keyboard, refused text, layer settings, presets, the shortcuts dialog and reduced motion.
// Every expected value comes from the harness's independent JS reference or from d2l.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  serveDist, launch, openPage, openApp, gridValues, sceneFragment, waitForApp, mapValues, referenceMaps, arange,
  eventually, typeInCell,
} from './harness.mjs';

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const open = (fragment = '') => openApp(browser, server, fragment);

/** Like openPage + open, but in a given browser context (for emulated media). */
async function openInContext(context, fragment = '') {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(server.base + fragment);
  await waitForApp(page);
  return { page, errors };
}

const X = [[0, 1, 2], [3, 4, 5], [6, 7, 8]];
const K = [[0, 1], [2, 3]];
const D2L = { version: 1, input: X, layers: [{ type: 'conv', kernel: K }] };
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

const button = (page, name) => page.getByRole('button', { name, exact: true });
const scrubber = (page) => page.locator('.step-controls input[type="range"]').nth(0);
const speed = (page) => page.locator('.step-controls input[type="range"]').nth(1);
const status = (page) => page.locator('#step-status');
const expression = (page) => page.locator('#arithmetic .expression');
const stepIndex = async (page) => Number(await scrubber(page).inputValue());

/** Moves the focus out of every control, so that page shortcuts apply. */
async function blur(page) {
  await page.evaluate(() => document.activeElement?.blur());
}

/** Every cell carrying `data-<mark>="true"`, as sorted "map0:r,c" / "kernel1:r,c" / … keys. */
async function marked(page, mark) {
  return page.$$eval(`[data-${mark}="true"]`, (cells) => cells.map((c) => {
    const kind = ['map', 'kernel', 'bias', 'flipped'].find((k) => c.dataset[k] !== undefined) ?? c.tagName;
    return `${kind}${c.dataset[kind] ?? ''}:${c.dataset.row},${c.dataset.col}`;
  }).sort());
}

const key = (kind, r, c) => `${kind}:${r},${c}`;


/** Asserts that every map shown equals the reference maps of `scene` (to 1e-9). */
async function assertMaps(page, scene) {
  const expected = referenceMaps(scene);
  for (let m = 0; m < expected.length; m++) {
    const got = await mapValues(page, m);
    assert.equal(got.length, expected[m].length, `map ${m}: rows`);
    got.forEach((row, r) => {
      assert.equal(row.length, expected[m][r].length, `map ${m} row ${r}: columns`);
      row.forEach((v, c) => {
        assert.ok(Math.abs(v - expected[m][r][c]) < 1e-9, `map ${m} (${r},${c}): ${v} vs ${expected[m][r][c]}`);
      });
    });
  }
}

// ---- Geometry of a window, computed independently (PyTorch semantics). ----

function geometry(layer) {
  const isConv = layer.type === 'conv';
  const size = isConv ? [layer.kernel.length, layer.kernel[0].length] : layer.size;
  return {
    size,
    stride: layer.stride ?? (isConv ? [1, 1] : size),
    pad: layer.padding ?? [0, 0],
    dil: isConv ? layer.dilation ?? [1, 1] : [1, 1],
  };
}

/** The input coordinates (padding included) under the window at output (i, j): tap [a][b]. */
function taps(layer, i, j) {
  const { size, stride, pad, dil } = geometry(layer);
  const out = [];
  for (let a = 0; a < size[0]; a++) {
    for (let b = 0; b < size[1]; b++) {
      out.push({ a, b, r: i * stride[0] - pad[0] + a * dil[0], c: j * stride[1] - pad[1] + b * dil[1] });
    }
  }
  return out;
}

function outShape(rows, cols, layer) {
  const { size, stride, pad, dil } = geometry(layer);
  return [
    Math.floor((rows + 2 * pad[0] - dil[0] * (size[0] - 1) - 1) / stride[0]) + 1,
    Math.floor((cols + 2 * pad[1] - dil[1] * (size[1] - 1) - 1) / stride[1]) + 1,
  ];
}

/** Sorted keys of the window of layer L (1-based) at output (i, j). */
function windowKeys(scene, L, i, j) {
  return [...new Set(taps(scene.layers[L - 1], i, j).map(({ r, c }) => key(`map${L - 1}`, r, c)))].sort();
}

/** Asserts the marks and the status of layer L's window at output (i, j), step k of n. */
async function assertPosition(page, scene, L, i, j, k, n) {
  const expected = referenceMaps(scene)[L][i][j];
  await eventually(async () => {
    assert.deepEqual(await marked(page, 'current'), [key(`map${L}`, i, j)], `current at step ${k + 1}`);
    assert.deepEqual(await marked(page, 'window'), windowKeys(scene, L, i, j), `window at step ${k + 1}`);
    assert.equal(await stepIndex(page), k);
    assert.equal(await status(page).textContent(), `Step ${k + 1} of ${n}: output row ${i}, column ${j} = ${expected}`);
  });
}

/** The cell with aria-selected="true", as a key. */
async function selection(page) {
  return page.$$eval('td[aria-selected="true"]', (cells) => cells.map((c) => {
    const kind = ['map', 'kernel', 'bias'].find((k) => c.dataset[k] !== undefined);
    return `${kind}${c.dataset[kind]}:${c.dataset.row},${c.dataset.col}`;
  }));
}

const clone = (v) => JSON.parse(JSON.stringify(v));

// ---------------------------------------------------------------------------------------------
// (1) Stepping whole scenes.

test('stepping a padded, strided, dilated conv marks exactly the right window at every position', async () => {
  const input = arange(5, 5).map((row) => row.map((v) => (v % 7) - 3));
  const scene = {
    version: 1,
    input,
    layers: [{ type: 'conv', kernel: [[1, -2, 3], [0, 2, -1]], stride: [2, 1], padding: [1, 2], dilation: [2, 1] }],
  };
  const { page, errors } = await open(sceneFragment(scene));
  const [oh, ow] = outShape(5, 5, scene.layers[0]);
  assert.deepEqual([oh, ow], [3, 7]);
  const n = oh * ow;
  await assertMaps(page, scene);
  assert.ok(await button(page, 'First step').isDisabled());
  assert.ok(await button(page, 'Step back').isDisabled());

  // First half with the button, the rest with the → key.
  for (let k = 0; k < n; k++) {
    const [i, j] = [Math.floor(k / ow), k % ow];
    await assertPosition(page, scene, 1, i, j, k, n);
    if (k === n - 1) break;
    if (k < 10) {
      await button(page, 'Step forward').click();
    } else {
      await blur(page);
      await page.keyboard.press('ArrowRight');
    }
  }
  // At the end: no wrap, buttons disabled.
  await eventually(async () => {
    assert.ok(await button(page, 'Step forward').isDisabled());
    assert.ok(await button(page, 'Last step').isDisabled());
  });
  await blur(page);
  await page.keyboard.press('ArrowRight');
  await sleep(100);
  await assertPosition(page, scene, 1, oh - 1, ow - 1, n - 1, n);

  // Home / End / First step / Last step / Step back / ←.
  await page.keyboard.press('Home');
  await assertPosition(page, scene, 1, 0, 0, 0, n);
  await page.keyboard.press('End');
  await assertPosition(page, scene, 1, oh - 1, ow - 1, n - 1, n);
  await button(page, 'Step back').click();
  await assertPosition(page, scene, 1, oh - 1, ow - 2, n - 2, n);
  await blur(page);
  await page.keyboard.press('ArrowLeft');
  await assertPosition(page, scene, 1, oh - 1, ow - 3, n - 3, n);
  await button(page, 'First step').click();
  await assertPosition(page, scene, 1, 0, 0, 0, n);
  assert.ok(await button(page, 'First step').isDisabled());
  await blur(page);
  await page.keyboard.press('ArrowLeft');
  await sleep(100);
  await assertPosition(page, scene, 1, 0, 0, 0, n);
  await button(page, 'Last step').click();
  await assertPosition(page, scene, 1, oh - 1, ow - 1, n - 1, n);
  // The scrubber jumps anywhere.
  await scrubber(page).fill('8');
  await assertPosition(page, scene, 1, 1, 1, 8, n);
  assert.deepEqual(errors, []);
  await page.close();
});

test('stepping a padded max pool, then the average pool after it, marks windows and writes the arithmetic', async () => {
  const scene = {
    version: 1,
    input: arange(5, 5),
    layers: [
      { type: 'max-pool', size: [3, 3], stride: [2, 2], padding: [1, 1] },
      { type: 'avg-pool', size: [2, 2], stride: [1, 1] },
    ],
  };
  const maps = referenceMaps(scene);
  assert.deepEqual(maps[1], [[6, 8, 9], [16, 18, 19], [21, 23, 24]]);
  const { page, errors } = await open(sceneFragment(scene));
  await assertMaps(page, scene);

  for (let k = 0; k < 9; k++) {
    const [i, j] = [Math.floor(k / 3), k % 3];
    await assertPosition(page, scene, 1, i, j, k, 9);
    if (k === 4) {
      // The window at (1, 1) lies wholly inside the input.
      assert.equal(await expression(page).textContent(), 'max(6, 7, 8, 11, 12, 13, 16, 17, 18) = 18');
    }
    if (k < 8) {
      await blur(page);
      await page.keyboard.press('ArrowRight');
    }
  }
  assert.ok(await button(page, 'Step forward').isDisabled());

  // Layer 2 is not active: its button makes it so, with the window back at its first output.
  const through = button(page, 'Step through this layer');
  assert.equal(await through.count(), 1);
  await through.click();
  for (let k = 0; k < 4; k++) {
    const [i, j] = [Math.floor(k / 2), k % 2];
    await assertPosition(page, scene, 2, i, j, k, 4);
    const vals = taps(scene.layers[1], i, j).map(({ r, c }) => maps[1][r][c]);
    assert.equal(await expression(page).textContent(), `(${vals.join(' + ')}) / 4 = ${maps[2][i][j]}`);
    if (k < 3) await button(page, 'Step forward').click();
  }
  assert.deepEqual(maps[2], [[12, 13.5], [19.5, 21]]);
  await eventually(async () => assert.ok(await button(page, 'Step forward').isDisabled()));
  // Layer 1 now offers its own button.
  assert.equal(await button(page, 'Step through this layer').count(), 1);
  assert.deepEqual(errors, []);
  await page.close();
});

// ---------------------------------------------------------------------------------------------
// (2) Arithmetic, live status, terms.

test('d2l: the arithmetic and the live status at every step, terms link their cells', async () => {
  const { page, errors } = await open();
  assert.equal(await status(page).getAttribute('aria-live'), 'polite');
  assert.equal(await expression(page).textContent(), '0×0 + 1×1 + 3×2 + 4×3 + 0 = 19');
  assert.equal(await status(page).textContent(), 'Step 1 of 4: output row 0, column 0 = 19');
  const y = referenceMaps(D2L)[1];
  for (let k = 0; k < 4; k++) {
    const [i, j] = [Math.floor(k / 2), k % 2];
    const terms = [];
    for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) terms.push(`${X[i + a][j + b]}×${K[a][b]}`);
    await eventually(async () => {
      assert.equal(await expression(page).textContent(), `${terms.join(' + ')} + 0 = ${y[i][j]}`);
      assert.equal(await status(page).textContent(), `Step ${k + 1} of 4: output row ${i}, column ${j} = ${y[i][j]}`);
    });
    if (k < 3) await button(page, 'Step forward').click();
  }
  assert.equal(await expression(page).textContent(), '4×0 + 5×1 + 7×2 + 8×3 + 0 = 43');

  // Back to step 1: hover a term → its input cell and its kernel cell, nothing else.
  await button(page, 'First step').click();
  await eventually(async () => assert.equal(await status(page).textContent(), 'Step 1 of 4: output row 0, column 0 = 19'));
  assert.equal(await page.locator('#arithmetic span.term').count(), 4);
  const term2 = page.locator('#arithmetic span.term[data-term="2"]');
  assert.equal(await term2.textContent(), '3×2');
  assert.equal(await term2.getAttribute('tabindex'), '0');
  await term2.hover();
  await eventually(async () => assert.deepEqual(await marked(page, 'linked'), ['kernel1:1,0', 'map0:1,0']));
  await page.mouse.move(1, 1);
  await eventually(async () => assert.deepEqual(await marked(page, 'linked'), []));
  // Focus (keyboard) a term.
  await page.locator('#arithmetic span.term[data-term="3"]').focus();
  await eventually(async () => assert.deepEqual(await marked(page, 'linked'), ['kernel1:1,1', 'map0:1,1']));
  await page.keyboard.press('Shift+Tab');
  await eventually(async () => assert.deepEqual(await marked(page, 'linked'), ['kernel1:1,0', 'map0:1,0']));
  await blur(page);
  await eventually(async () => assert.deepEqual(await marked(page, 'linked'), []));
  assert.deepEqual(errors, []);
  await page.close();
});

test('negative weights are parenthesised, the bias is added, padding terms link padding cells', async () => {
  const scene = { version: 1, input: X, layers: [{ type: 'conv', kernel: [[2, -1], [-3, 1]], bias: 0.5, padding: [1, 1] }] };
  const y = referenceMaps(scene)[1];
  const { page, errors } = await open(sceneFragment(scene));
  // Step 1, output (0, 0): window rows -1..0, cols -1..0.
  const texts = await page.locator('#arithmetic span.term').allTextContents();
  assert.deepEqual(texts, ['0×2', '0×(-1)', '0×(-3)', '0×1']);
  assert.equal(await expression(page).textContent(), `${texts.join(' + ')} + 0.5 = ${y[0][0]}`);
  // Step to output (1, 1): window rows 0..1, cols 0..1.
  await scrubber(page).fill('5');
  await eventually(async () => {
    const t = await page.locator('#arithmetic span.term').allTextContents();
    assert.deepEqual(t, ['0×2', '1×(-1)', '3×(-3)', '4×1']);
  });
  assert.equal(y[1][1], 0 - 1 - 9 + 4 + 0.5);
  assert.match(await expression(page).textContent(), new RegExp(` = ${y[1][1]}$`));
  assert.equal(await status(page).textContent(), `Step 6 of 16: output row 1, column 1 = ${y[1][1]}`);
  // A term reading padding links the padding cell.
  await scrubber(page).fill('0');
  await page.locator('#arithmetic span.term[data-term="0"]').hover();
  await eventually(async () => assert.deepEqual(await marked(page, 'linked'), ['kernel1:0,0', 'map0:-1,-1']));
  assert.deepEqual(errors, []);
  await page.close();
});

// ---------------------------------------------------------------------------------------------
// (3) Editing by keyboard.

test('editing input, kernel and bias cells by keyboard recomputes every map', async () => {
  const scene = {
    version: 1,
    input: clone(X),
    layers: [
      { type: 'conv', kernel: clone(K), bias: 0, padding: [1, 1] },
      { type: 'conv', kernel: [[1], [-1]], bias: 1 },
    ],
  };
  const { page, errors } = await open(sceneFragment(scene));
  await assertMaps(page, scene);

  // The input grid's tab stop is its first value cell.
  const stop = page.locator('#map-0 td[tabindex="0"]');
  assert.equal(await stop.count(), 1);
  assert.equal(await page.locator('#map-0').getAttribute('role'), 'grid');
  await stop.focus();
  await eventually(async () => assert.deepEqual(await selection(page), ['map0:0,0']));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await eventually(async () => assert.deepEqual(await selection(page), ['map0:1,1']));
  assert.equal(await page.locator('#map-0 td[tabindex="0"]').getAttribute('data-row'), '1');

  // Type → editor with the typed text; Enter commits and moves down.
  await typeInCell(page, '7');
  assert.equal(await page.locator('#map-0 td[data-row="1"][data-col="1"] input.cell-editor').count(), 1);
  await page.keyboard.press('Enter');
  scene.input[1][1] = 7;
  await eventually(async () => {
    assert.equal(await page.locator('input.cell-editor').count(), 0);
    await assertMaps(page, scene);
    assert.deepEqual(await selection(page), ['map0:2,1']);
  });

  // Tab commits and moves right.
  await typeInCell(page, '-2.5');
  await page.keyboard.press('Tab');
  scene.input[2][1] = -2.5;
  await eventually(async () => {
    assert.equal(await page.locator('input.cell-editor').count(), 0);
    await assertMaps(page, scene);
    assert.deepEqual(await selection(page), ['map0:2,2']);
  });

  // Escape cancels.
  await typeInCell(page, '99');
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await page.locator('input.cell-editor').count(), 0));
  await assertMaps(page, scene);

  // A phone keyboard's Done key submits the editor's form without an Enter key press: it
  // commits and moves down as Enter does (and the page does not navigate).
  await page.locator('#map-0 td[data-row="1"][data-col="2"]').focus();
  await eventually(async () => assert.deepEqual(await selection(page), ['map0:1,2']));
  await typeInCell(page, '6');
  const url = page.url();
  await page.locator('input.cell-editor').evaluate((e) => e.form.requestSubmit());
  scene.input[1][2] = 6;
  await eventually(async () => {
    assert.equal(await page.locator('input.cell-editor').count(), 0);
    await assertMaps(page, scene);
    assert.deepEqual(await selection(page), ['map0:2,2']);
  });
  assert.equal(page.url().split('#')[0], url.split('#')[0]);

  // F2 edits the current value (the caret at its end).
  await page.locator('#map-0 td[data-row="2"][data-col="2"]').focus();
  await eventually(async () => assert.deepEqual(await selection(page), ['map0:2,2']));
  await page.keyboard.press('F2');
  const editor = page.locator('#map-0 td[data-row="2"][data-col="2"] input.cell-editor');
  await eventually(async () => assert.equal(await editor.inputValue(), '8'));
  await eventually(async () => assert.ok(await editor.evaluate((e) => e === document.activeElement)));
  await page.keyboard.type('5');
  assert.equal(await editor.inputValue(), '85');
  await page.keyboard.press('Enter');
  scene.input[2][2] = 85;
  await eventually(() => assertMaps(page, scene));

  // Kernel of layer 1: ↓ then type.
  await page.locator('#kernel-1 td[tabindex="0"]').focus();
  await eventually(async () => assert.deepEqual(await selection(page), ['kernel1:0,0']));
  await page.keyboard.press('ArrowDown');
  await eventually(async () => assert.deepEqual(await selection(page), ['kernel1:1,0']));
  await typeInCell(page, '-3');
  await page.keyboard.press('Enter');
  scene.layers[0].kernel[1][0] = -3;
  await eventually(async () => {
    assert.deepEqual(await gridValues(page, '[data-kernel="1"]'), scene.layers[0].kernel);
    await assertMaps(page, scene);
  });

  // Bias of layer 1 (a 1×1 grid) and Tab.
  await page.locator('#bias-1 td[tabindex="0"]').focus();
  await eventually(async () => assert.deepEqual(await selection(page), ['bias1:0,0']));
  await typeInCell(page, '0.5');
  await page.keyboard.press('Tab');
  scene.layers[0].bias = 0.5;
  await eventually(async () => {
    assert.deepEqual(await gridValues(page, '[data-bias="1"]'), [[0.5]]);
    await assertMaps(page, scene);
  });

  // Kernel and bias of layer 2; Enter on a selected cell edits its value too.
  await page.locator('#kernel-2 td[tabindex="0"]').focus();
  await page.keyboard.press('ArrowDown');
  await eventually(async () => assert.deepEqual(await selection(page), ['kernel2:1,0']));
  await page.keyboard.press('Enter');
  const k2 = page.locator('#kernel-2 input.cell-editor');
  await eventually(async () => assert.equal(await k2.inputValue(), '-1'));
  await eventually(async () => assert.ok(await k2.evaluate((e) => e === document.activeElement)));
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  scene.layers[1].kernel[1][0] = 2;
  await page.locator('#bias-2 td[tabindex="0"]').focus();
  await typeInCell(page, '-4');
  await page.keyboard.press('Enter');
  scene.layers[1].bias = -4;
  await eventually(() => assertMaps(page, scene));
  assert.deepEqual(errors, []);
  await page.close();
});

// ---------------------------------------------------------------------------------------------
// (4) Refused text.

test('text that is not a finite number is refused in place, then can be corrected', async () => {
  const { page, errors } = await open();
    await page.locator('#map-0 td[tabindex="0"]').focus();
  await page.keyboard.press('ArrowRight');
  await eventually(async () => assert.deepEqual(await selection(page), ['map0:0,1']));

  const editor = page.locator('#map-0 td[data-row="0"][data-col="1"] input.cell-editor');
  const alert = page.locator('[role="alert"].field-error');
  // Every data-value on the page (maps, kernel, bias), as the scene stood before the edit.
  const values = () => page.$$eval('[data-value]', (cs) => cs.map((c) => c.dataset.value));
  const initial = await values();

  await typeInCell(page, 'abc');
  await page.keyboard.press('Enter');
  await eventually(async () => {
    assert.equal(await alert.count(), 1);
    assert.match(await alert.textContent(), /^“abc” is not a number: ./);
  });
  assert.equal(await editor.count(), 1, 'the editor stays');
  assert.equal(await editor.inputValue(), 'abc');
  assert.equal(await editor.getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await values(), initial);
  assert.deepEqual(await mapValues(page, 0), X);
  assert.deepEqual(await mapValues(page, 1), [[19, 25], [37, 43]]);

  // Tab refuses it too.
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1e999');
  await page.keyboard.press('Tab');
  await eventually(async () => {
    assert.equal(await alert.count(), 1);
    assert.match(await alert.textContent(), /1e999/);
  });
  assert.equal(await editor.inputValue(), '1e999');
  assert.equal(await editor.getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await values(), initial);
  assert.deepEqual(await mapValues(page, 1), [[19, 25], [37, 43]]);

  // Correcting it commits.
  await page.keyboard.press('Control+A');
  await page.keyboard.type('6');
  await page.keyboard.press('Enter');
  const scene = clone(D2L);
  scene.input[0][1] = 6;
  await eventually(async () => {
    assert.equal(await page.locator('input.cell-editor').count(), 0);
    assert.equal(await page.locator('[role="alert"]').count(), 0);
    await assertMaps(page, scene);
  });
  assert.deepEqual(await mapValues(page, 1), [[19 + 5 * 1, 25], [37, 43]]);

  // In a kernel cell: refused, then Escape drops it and keeps the weight.
  await page.locator('#kernel-1 td[tabindex="0"]').focus();
  await typeInCell(page, 'x');
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await alert.count(), 1));
  assert.equal(await page.locator('#kernel-1 input.cell-editor').getAttribute('aria-invalid'), 'true');
  await page.keyboard.press('Escape');
  await eventually(async () => {
    assert.equal(await page.locator('input.cell-editor').count(), 0);
    assert.equal(await alert.count(), 0);
  });
  assert.deepEqual(await gridValues(page, '[data-kernel="1"]'), K);
  await assertMaps(page, scene);
  assert.deepEqual(errors, []);
  await page.close();
});

// ---------------------------------------------------------------------------------------------
// (5) Play and pause.

test('play at speed 8 advances, pause stops, Space toggles', async () => {
  const scene = { version: 1, input: arange(6, 6), layers: [{ type: 'conv', kernel: [[2]] }] };
  const { page, errors } = await open(sceneFragment(scene));
  await speed(page).fill('5');
  await eventually(async () => assert.equal(await speed(page).inputValue(), '5'));
  await button(page, 'Play').click();
  await eventually(async () => assert.equal(await button(page, 'Pause').count(), 1));
  assert.equal(await button(page, 'Play').count(), 0);
  const t0 = Date.now();
  await eventually(async () => assert.ok((await stepIndex(page)) >= 4), 3000);
  // 4 steps at 8 steps/s take about half a second (at 1 step/s they would take 4 s).
  assert.ok(Date.now() - t0 < 2500, `4 steps took ${Date.now() - t0} ms`);
  await button(page, 'Pause').click();
  await eventually(async () => assert.equal(await button(page, 'Play').count(), 1));
  const paused = await stepIndex(page);
  assert.ok(paused < 35);
  await sleep(700);
  assert.equal(await stepIndex(page), paused, 'no step while paused');
  const [i, j] = [Math.floor(paused / 6), paused % 6];
  await assertPosition(page, scene, 1, i, j, paused, 36);

  // Space, with the focus on no control.
  await blur(page);
  await page.keyboard.press(' ');
  await eventually(async () => assert.equal(await button(page, 'Pause').count(), 1));
  await eventually(async () => assert.ok((await stepIndex(page)) >= paused + 2));
  await blur(page);
  await page.keyboard.press(' ');
  await eventually(async () => assert.equal(await button(page, 'Play').count(), 1));
  const again = await stepIndex(page);
  await sleep(600);
  assert.equal(await stepIndex(page), again, 'no step after Space paused');
  assert.deepEqual(errors, []);
  await page.close();
});

test('playing runs to the last step and stops there by itself', async () => {
  const { page, errors } = await open();
  await speed(page).fill('5');
  const t0 = Date.now();
  await button(page, 'Play').click();
  await eventually(async () => assert.equal(await button(page, 'Pause').count(), 1));
  await eventually(async () => {
    assert.equal(await stepIndex(page), 3);
    assert.equal(await button(page, 'Play').count(), 1);
  }, 4000);
  assert.ok(Date.now() - t0 < 2500, `3 steps at 8/s took ${Date.now() - t0} ms`);
  await assertPosition(page, D2L, 1, 1, 1, 3, 4);
  assert.ok(await button(page, 'Step forward').isDisabled());
  await sleep(500);
  await assertPosition(page, D2L, 1, 1, 1, 3, 4);
  assert.equal(await button(page, 'Play').count(), 1);
  assert.deepEqual(errors, []);
  await page.close();
});

// ---------------------------------------------------------------------------------------------
// (6) Clicking an output.

test('clicking an output cell pins the window there, also on another layer', async () => {
  const { page, errors } = await open();
  await page.locator('[data-map="1"][data-row="1"][data-col="0"]').click();
  await assertPosition(page, D2L, 1, 1, 0, 2, 4);
  assert.equal(await expression(page).textContent(), '3×0 + 4×1 + 6×2 + 7×3 + 0 = 37');
  await button(page, 'Step forward').click();
  await assertPosition(page, D2L, 1, 1, 1, 3, 4);
  await page.close();

  const scene = {
    version: 1,
    input: arange(4, 4),
    layers: [{ type: 'conv', kernel: [[1, 0], [0, -1]], padding: [1, 1] }, { type: 'max-pool', size: [2, 2], stride: [1, 2] }],
  };
  // layer 1: 5×5 output; layer 2: 4×2 output.
  const second = await open(sceneFragment(scene));
  await second.page.locator('[data-map="1"][data-row="3"][data-col="4"]').click();
  await assertPosition(second.page, scene, 1, 3, 4, 19, 25);
  await second.page.locator('[data-map="2"][data-row="2"][data-col="1"]').click();
  await assertPosition(second.page, scene, 2, 2, 1, 5, 8);
  // Layer 1 is no longer active, so it offers its button.
  assert.equal(await button(second.page, 'Step through this layer').count(), 1);
  assert.deepEqual(errors, []);
  assert.deepEqual(second.errors, []);
  await second.page.close();
});

// ---------------------------------------------------------------------------------------------
// (7) Linked cells.

/** Keys of the input cells (padding included) that kernel tap (a, b) ever multiplies. */
function tapKeys(scene, L, a, b) {
  const layer = scene.layers[L - 1];
  const maps = referenceMaps(scene);
  const out = new Set();
  for (let i = 0; i < maps[L].length; i++) {
    for (let j = 0; j < maps[L][0].length; j++) {
      const t = taps(layer, i, j).find((p) => p.a === a && p.b === b);
      out.add(key(`map${L - 1}`, t.r, t.c));
    }
  }
  return [...out].sort();
}

/** Keys of the outputs of layer L whose window covers cell (r, c) of map L-1. */
function coverKeys(scene, L, r, c) {
  const maps = referenceMaps(scene);
  const out = [];
  for (let i = 0; i < maps[L].length; i++) {
    for (let j = 0; j < maps[L][0].length; j++) {
      if (taps(scene.layers[L - 1], i, j).some((p) => p.r === r && p.c === c)) out.push(key(`map${L}`, i, j));
    }
  }
  return out.sort();
}

test('hovering or focusing a weight marks every input it multiplies; an input marks the outputs it feeds', async () => {
  const conv = { type: 'conv', kernel: [[1, 2, 3], [4, 5, 6]], stride: [1, 2], padding: [1, 1], dilation: [1, 2] };
  const scene = { version: 1, input: arange(4, 5), layers: [conv, { type: 'avg-pool', size: [2, 2], stride: [1, 1], padding: [1, 0] }] };
  assert.deepEqual(outShape(4, 5, conv), [5, 2]);
  const { page, errors } = await open(sceneFragment(scene));
  await assertMaps(page, scene);

  for (const [a, b] of [[0, 0], [1, 2], [0, 1]]) {
    await page.locator(`[data-kernel="1"][data-row="${a}"][data-col="${b}"]`).hover();
    const expected = tapKeys(scene, 1, a, b);
    assert.equal(expected.length, 10);
    await eventually(async () => assert.deepEqual(await marked(page, 'linked'), expected, `weight (${a},${b})`));
  }
  await page.mouse.move(1, 1);
  await eventually(async () => assert.deepEqual(await marked(page, 'linked'), []));

  // Focus (selection) by keyboard, with the pointer away.
  await page.locator('#kernel-1 td[tabindex="0"]').focus();
  await eventually(async () => assert.deepEqual(await marked(page, 'linked'), tapKeys(scene, 1, 0, 0)));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await eventually(async () => assert.deepEqual(await marked(page, 'linked'), tapKeys(scene, 1, 1, 1)));
  await blur(page);

  // Input cells → outputs of layer 1; a cell of map 1 → outputs of layer 2.
  for (const [r, c] of [[0, 0], [2, 3], [3, 4], [1, 2]]) {
    await page.locator(`[data-map="0"][data-row="${r}"][data-col="${c}"]`).hover();
    const expected = coverKeys(scene, 1, r, c);
    await eventually(async () => assert.deepEqual(await marked(page, 'linked'), expected, `input (${r},${c})`));
  }
  // A cell of map 1 feeds layer 2 (the contract). It is also layer 1's output, and the app may
  // link back to the window it was computed from; if it does, that must be exactly the window.
  for (const [r, c] of [[0, 0], [4, 1], [2, 1]]) {
    await page.locator(`[data-map="1"][data-row="${r}"][data-col="${c}"]`).hover();
    const expected = coverKeys(scene, 2, r, c);
    assert.ok(expected.length > 0);
    await eventually(async () => {
      const linked = await marked(page, 'linked');
      assert.deepEqual(linked.filter((k) => !k.startsWith('map0:')), expected, `map 1 (${r},${c}) → layer 2`);
      const back = linked.filter((k) => k.startsWith('map0:'));
      if (back.length > 0) assert.deepEqual(back, windowKeys(scene, 1, r, c), `map 1 (${r},${c}) ← layer 1`);
    });
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('in convolution mode the weight entered at (r, c) marks the inputs of tap (kh-1-r, kw-1-c)', async () => {
  const conv = { type: 'conv', kernel: [[1, 2, 3], [4, 5, 6]], padding: [0, 1], mode: 'convolution' };
  const scene = { version: 1, input: arange(4, 4), layers: [conv] };
  const { page, errors } = await open(sceneFragment(scene));
  await assertMaps(page, scene);
  for (const [r, c] of [[0, 0], [0, 2], [1, 1]]) {
    await page.locator(`[data-kernel="1"][data-row="${r}"][data-col="${c}"]`).hover();
    // The inputs of tap (kh-1-r, kw-1-c), the weight itself, and where the flip puts it.
    const expected = [...tapKeys(scene, 1, 1 - r, 2 - c), key('kernel1', r, c), key('flipped1', 1 - r, 2 - c)].sort();
    await eventually(async () => assert.deepEqual(await marked(page, 'linked'), expected, `weight (${r},${c})`));
    // Pointing at the flipped weight is pointing at the weight it came from.
    await page.mouse.move(0, 0);
    await page.locator(`[data-flipped="1"][data-row="${1 - r}"][data-col="${2 - c}"]`).hover();
    await eventually(async () => assert.deepEqual(await marked(page, 'linked'), expected, `flipped weight of (${r},${c})`));
  }
  // A term of the sum lights its input, its weight as entered and the flipped weight applied.
  await page.locator('#arithmetic .term[data-term="0"]').hover();
  await eventually(async () => assert.deepEqual(
    (await marked(page, 'linked')).filter((k) => !k.startsWith('map')),
    [key('flipped1', 0, 0), key('kernel1', 1, 2)],
  ));
  // (0,0) and (0,2) differ, so a missing flip would show.
  assert.notDeepEqual(tapKeys(scene, 1, 1, 2), tapKeys(scene, 1, 0, 0));
  assert.deepEqual(errors, []);
  await page.close();
});

// ---------------------------------------------------------------------------------------------
// (8) Settings.

test('a refused stride keeps its text with a message; a valid one recomputes', async () => {
  const { page, errors } = await open();
  const stride = page.locator('#layer-1-stride-h');
  await stride.fill('0');
  const message = page.locator('#layer-1-stride-h-error');
  await eventually(async () => {
    assert.equal(await stride.getAttribute('aria-invalid'), 'true');
    assert.equal(await message.getAttribute('role'), 'alert');
    assert.equal(await message.textContent(), 'stride (height) must be a whole number from 1 to 16');
  });
  assert.equal(await stride.inputValue(), '0');
  assert.deepEqual(await mapValues(page, 1), [[19, 25], [37, 43]]);

  await stride.fill('2');
  const scene = clone(D2L);
  scene.layers[0].stride = [2, 1];
  await eventually(async () => {
    assert.notEqual(await stride.getAttribute('aria-invalid'), 'true');
    assert.equal(await message.count(), 0);
    await assertMaps(page, scene);
  });
  assert.deepEqual(await mapValues(page, 1), [[19, 25]]);
  assert.equal(
    await page.locator('.shape-formula li[data-axis="height"]').textContent(),
    'height: ⌊(3 + 2×0 − 1×(2 − 1) − 1) / 2⌋ + 1 = 1',
  );

  // Dilation and padding recompute too.
  await page.locator('#layer-1-dilation-w').fill('2');
  await page.locator('#layer-1-padding-w').fill('1');
  scene.layers[0].dilation = [1, 2];
  scene.layers[0].padding = [0, 1];
  await eventually(() => assertMaps(page, scene));
  assert.equal(
    await page.locator('.shape-formula li[data-axis="width"]').textContent(),
    'width: ⌊(3 + 2×1 − 2×(2 − 1) − 1) / 1⌋ + 1 = 3',
  );
  assert.deepEqual(errors, []);
  await page.close();
});

test('a kernel wider than the padded input replaces the map by the reason; padding fixes it', async () => {
  const { page, errors } = await open();
  await page.locator('#layer-1-kernel-cols').fill('5');
  const err = page.locator('[data-layer-error="1"]');
  await eventually(async () => {
    assert.equal(await err.getAttribute('role'), 'alert');
    assert.equal(await err.textContent(), 'Layer 1: kernel 5 wider than padded input 3: reduce the kernel or add padding ≥ 1');
  });
  assert.equal(await page.locator('[data-map="1"]').count(), 0);
  assert.equal(await page.locator('[data-kernel="1"]').count(), 10);

  await page.locator('#layer-1-padding-w').fill('1');
  await eventually(async () => assert.equal(await err.count(), 0));
  // The 2×5 kernel (as the app now holds it) over the padded input, by the reference.
  const kernel = await gridValues(page, '[data-kernel="1"]');
  assert.deepEqual([kernel.length, kernel[0].length], [2, 5]);
  const scene = { version: 1, input: X, layers: [{ type: 'conv', kernel, padding: [0, 1] }] };
  await eventually(() => assertMaps(page, scene));
  assert.equal((await mapValues(page, 1)).length, 2);
  assert.equal((await mapValues(page, 1))[0].length, 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test('changing the input size resizes the input and every map after it', async () => {
  const { page, errors } = await open();
  await page.locator('#input-rows').fill('5');
  await eventually(async () => assert.equal((await mapValues(page, 0)).length, 5));
  let input = await mapValues(page, 0);
  assert.ok(input.every((row) => row.length === 3));
  assert.deepEqual(input.slice(0, 3), X, 'existing values stay');
  await assertMaps(page, { version: 1, input, layers: [{ type: 'conv', kernel: K }] });
  assert.equal((await mapValues(page, 1)).length, 4);

  await page.locator('#input-cols').fill('4');
  await eventually(async () => assert.equal((await mapValues(page, 0))[0].length, 4));
  input = await mapValues(page, 0);
  assert.equal(input.length, 5);
  await assertMaps(page, { version: 1, input, layers: [{ type: 'conv', kernel: K }] });
  assert.deepEqual([(await mapValues(page, 1)).length, (await mapValues(page, 1))[0].length], [4, 3]);
  assert.equal(await status(page).textContent().then((t) => t.startsWith('Step 1 of 12:')), true);
  assert.deepEqual(errors, []);
  await page.close();
});

test('convolution mode shows the flipped kernel and gives the flipped outputs', async () => {
  const { page, errors } = await open();
  assert.equal(await page.locator('[data-flipped]').count(), 0);
  assert.equal(await page.locator('.flip-note').count(), 0);
  await page.locator('section[data-layer] select').first().selectOption('convolution');
  await eventually(async () => assert.deepEqual(await gridValues(page, '[data-flipped="1"]'), [[3, 2], [1, 0]]));
  // The kernel as entered stays.
  assert.deepEqual(await gridValues(page, '[data-kernel="1"]'), K);
  const scene = { version: 1, input: X, layers: [{ type: 'conv', kernel: K, mode: 'convolution' }] };
  await assertMaps(page, scene);
  assert.deepEqual(await mapValues(page, 1), [[5, 11], [23, 29]]);
  assert.equal(await page.locator('.flip-note').count(), 1);
  assert.ok((await page.locator('.flip-note').textContent()).length > 0);
  assert.match(await expression(page).textContent(), / = 5$/);
  assert.equal(await status(page).textContent(), 'Step 1 of 4: output row 0, column 0 = 5');

  await page.locator('section[data-layer] select').first().selectOption('cross-correlation');
  await eventually(async () => assert.deepEqual(await mapValues(page, 1), [[19, 25], [37, 43]]));
  assert.equal(await page.locator('[data-flipped]').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a pool window size setting recomputes the pool', async () => {
  const scene = { version: 1, input: arange(4, 5), layers: [{ type: 'max-pool', size: [2, 2], stride: [1, 1] }] };
  const { page, errors } = await open(sceneFragment(scene));
  await assertMaps(page, scene);
  await page.locator('#layer-1-size-h').fill('3');
  scene.layers[0].size = [3, 2];
  await eventually(() => assertMaps(page, scene));
  assert.deepEqual(await mapValues(page, 1), [[11, 12, 13, 14], [16, 17, 18, 19]]);
  assert.deepEqual(errors, []);
  await page.close();
});

// ---------------------------------------------------------------------------------------------
// (9) Presets.

test('presets: edge detector and padding & stride give d2l\'s values', async () => {
  const { page, errors } = await open();
  await page.getByRole('button', { name: 'Edge detector', exact: true }).click();
  const edges = Array.from({ length: 6 }, () => [1, 1, 0, 0, 0, 0, 1, 1]);
  await eventually(async () => assert.deepEqual(await mapValues(page, 0), edges));
  assert.deepEqual(await mapValues(page, 1), Array.from({ length: 6 }, () => [0, 1, 0, 0, 0, -1, 0]));
  assert.deepEqual(await gridValues(page, '[data-kernel="1"]'), [[1, -1]]);
  assert.equal(await status(page).textContent(), 'Step 1 of 42: output row 0, column 0 = 0');

  await page.getByRole('button', { name: 'Padding & stride', exact: true }).click();
  await eventually(async () => assert.deepEqual(await mapValues(page, 1), [[0, 8], [6, 8]]));
  assert.deepEqual(await mapValues(page, 0), X);
  assert.equal(await page.locator('#layer-1-stride-h').inputValue(), '3');
  assert.equal(await page.locator('#layer-1-stride-w').inputValue(), '2');
  assert.equal(await page.locator('[data-map="0"][data-pad="true"]').count(), 5 * 5 - 9);

  await page.getByRole('button', { name: 'd2l 3×3', exact: true }).click();
  await eventually(async () => assert.deepEqual(await mapValues(page, 1), [[19, 25], [37, 43]]));

  // The identity kernel returns its input.
  await page.getByRole('button', { name: 'Identity', exact: true }).click();
  await eventually(async () => assert.deepEqual(await gridValues(page, '[data-kernel="1"]'), [[0, 0, 0], [0, 1, 0], [0, 0, 0]]));
  const image = await mapValues(page, 0);
  assert.ok(image.flat().some((v) => v !== 0));
  assert.deepEqual(await mapValues(page, 1), image);

  // Randomize: whatever it draws, the outputs are the reference of what is shown.
  await page.getByRole('button', { name: 'Randomize', exact: true }).click();
  await sleep(100);
  const input = await mapValues(page, 0);
  const kernel = await gridValues(page, '[data-kernel="1"]');
  const bias = (await gridValues(page, '[data-bias="1"]'))[0][0];
  await assertMaps(page, { version: 1, input, layers: [{ type: 'conv', kernel, bias, padding: [1, 1] }] });
  assert.deepEqual(errors, []);
  await page.close();
});

// ---------------------------------------------------------------------------------------------
// (10) Shortcuts dialog.

test('the shortcuts dialog opens and closes with ? and with its button', async () => {
  const { page, errors } = await open();
  const dialog = page.locator('[role="dialog"]#shortcuts');
  const help = button(page, 'Show keyboard shortcuts');
  assert.equal(await dialog.count(), 0);
  await blur(page);
  await page.keyboard.press('?');
  await eventually(async () => assert.ok(await dialog.isVisible()));
  assert.match(await dialog.textContent(), /Space/);
  await blur(page);
  await page.keyboard.press('?');
  await eventually(async () => assert.equal(await dialog.count(), 0));

  await help.click();
  await eventually(async () => assert.ok(await dialog.isVisible()));
  assert.equal(await help.getAttribute('aria-expanded'), 'true');
  await help.click();
  await eventually(async () => assert.equal(await dialog.count(), 0));
  assert.equal(await help.getAttribute('aria-expanded'), 'false');
  // ? typed into a text field is text, not a shortcut.
  await page.locator('#input-rows').focus();
  await page.keyboard.press('?');
  await sleep(100);
  assert.equal(await dialog.count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

// ---------------------------------------------------------------------------------------------
// (11) Reduced motion.

test('prefers-reduced-motion: following the window jumps instead of gliding; cells never animate', async () => {
  // 16×16, stepped with the page scrolled to its end: the window has to be brought back into view.
  const scene = { version: 1, input: Array.from({ length: 16 }, (_, r) => Array.from({ length: 16 }, (_, c) => (r * 3 + c) % 7)), layers: [{ type: 'conv', kernel: K }] };
  for (const [motion, behavior] of [['reduce', 'instant'], ['no-preference', 'smooth']]) {
    const context = await browser.newContext({ reducedMotion: motion, viewport: { width: 1280, height: 720 } });
    try {
      const { page, errors } = await openInContext(context, sceneFragment(scene));
      assert.equal(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches), motion === 'reduce');
      await page.evaluate(() => {
        const scrollBy = window.scrollBy.bind(window);
        window.__scrolls = [];
        window.scrollBy = (options) => { window.__scrolls.push(options.behavior); scrollBy(options); };
        window.scrollTo(0, document.documentElement.scrollHeight);
      });
      await button(page, 'Step forward').click();
      await eventually(async () => assert.deepEqual(await page.evaluate(() => window.__scrolls), [behavior]));
      await assertPosition(page, scene, 1, 0, 1, 1, 15 * 15);
      // A changed value recolours its cell at once (a fade on hundreds of cells cost tens of
      // milliseconds an edit): no cell has a transition, with or without the preference.
      const durations = await page.$$eval('td.cell', (cells) => [...new Set(cells.map((c) => getComputedStyle(c).transitionDuration))]);
      assert.deepEqual(durations, ['0s']);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});

// End-to-end: one screen for a classroom (issue #9 of round two) — everything in view on a
// projector, a laptop and a phone, measured by rectangles; presentation mode; touch editing;
// the view travelling with the link; the QR code; clear words and focus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import {
  serveDist, launch, openPage, sceneFragment, mapValues, referenceMaps, eventually, typeInCell, waitForApp,
} from './harness.mjs';

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const X = [[0, 1, 2], [3, 4, 5], [6, 7, 8]];
const K = [[0, 1], [2, 3]];

/** A page of its own context at a viewport; `phone` makes it a touch screen. */
async function at(width, height, { phone = false, reduced = false } = {}) {
  const context = await browser.newContext({
    viewport: { width, height }, isMobile: phone, hasTouch: phone, reducedMotion: reduced ? 'reduce' : 'no-preference',
  });
  const { page, errors } = await openPage(context);
  return { context, page, errors };
}

async function open(page, fragment = '') {
  await page.goto(server.base + fragment);
  await waitForApp(page);
  // The cells are fitted after the first render (a measured layout): wait for it.
  await page.waitForSelector('main.maps[data-cell]');
}

/** Whether every element matching `selector` lies entirely inside the viewport (and there is one). */
function allInView(page, selector) {
  return page.$$eval(selector, (els) => els.length > 0 && els.every((e) => {
    const r = e.getBoundingClientRect();
    return r.left >= -0.5 && r.top >= -0.5 && r.right <= innerWidth + 0.5 && r.bottom <= innerHeight + 0.5;
  }));
}

const FIRST_SCREEN = ['#map-0', '#kernel-1', '#map-1', '#step-forward', '#arithmetic .expression'];

for (const [width, height, phone] of [[1280, 720, false], [1920, 1080, false], [390, 844, true]]) {
  test(`d2l's example at ${width}×${height}${phone ? ' (phone, touch)' : ''}: maps, Step forward and the sum in view`, async () => {
    const { context, page, errors } = await at(width, height, { phone });
    await open(page);
    for (const selector of FIRST_SCREEN) assert.ok(await allInView(page, selector), `${selector} in view`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

/** A 16×16 input through `layers` 3×3 convolutions with padding 1. */
function big(layers) {
  const input = Array.from({ length: 16 }, (_, r) => Array.from({ length: 16 }, (_, c) => (r * 3 + c) % 10));
  const kernel = [[1, 0, -1], [2, 1, -2], [1, 0, -1]];
  return { version: 1, input, layers: Array.from({ length: layers }, () => ({ type: 'conv', kernel, padding: [1, 1] })) };
}

test('at 1920×1080 a 16×16 input and three 3×3 layers fit the screen, and so does a receptive field', async () => {
  const { context, page, errors } = await at(1920, 1080);
  const scene = big(3);
  await open(page, sceneFragment(scene));
  for (const m of [0, 1, 2, 3]) assert.ok(await allInView(page, `#map-${m}`), `map ${m} in view`);
  const maps = referenceMaps(scene);
  assert.deepEqual(await mapValues(page, 3), maps[3]);
  await page.locator('[data-map="3"][data-row="8"][data-col="8"]').click();
  await eventually(async () => assert.equal(await page.locator('[data-map="0"][data-rf="true"]').count(), 49));
  assert.ok(await allInView(page, '[data-rf="true"]'), 'every cell of the receptive field in view');
  assert.deepEqual(errors, []);
  await context.close();
});

test('stepping 60 times through a 16×16 scene at 1280×720 keeps the window and the output in view', async () => {
  const { context, page, errors } = await at(1280, 720, { reduced: true });
  await open(page, sceneFragment(big(1)));
  // Scrolled away first (the maps under the sticky strip), so the first step has to scroll.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.$eval('#step-forward', (b) => b.focus({ preventScroll: true }));
  for (let i = 1; i <= 60; i++) {
    await page.keyboard.press('ArrowRight');
    await eventually(async () => {
      assert.match(await page.locator('#step-status').textContent(), new RegExp(`^Step ${i + 1} of 256`));
      assert.ok(await allInView(page, '[data-current="true"]'), `step ${i}: the output in view`);
      assert.ok(await allInView(page, '[data-window="true"]'), `step ${i}: the window in view`);
    });
  }
  const strip = await page.$eval('.stepper', (e) => e.getBoundingClientRect().bottom);
  const top = await page.$eval('[data-window="true"]', (e) => e.getBoundingClientRect().top);
  assert.ok(top >= strip - 0.5, 'not under the control strip');
  assert.deepEqual(errors, []);
  await context.close();
});

test('presentation mode at 1920×1080: large numbers, no editing chrome, keyboard stepping, Escape leaves', async () => {
  const { context, page, errors } = await at(1920, 1080);
  await open(page);
  await page.keyboard.press('p');
  await eventually(async () => assert.ok(await page.locator('.app.presenting').count()));
  await eventually(async () => {
    const size = await page.$eval('#map-0 td[data-row="0"][data-col="0"] .v', (v) => parseFloat(getComputedStyle(v).fontSize));
    assert.ok(size >= 28, `cell numbers ${size}px`);
  });
  const visible = await page.$$eval('.presets button, .scene-bar button, .add-layer button, .settings input',
    (els) => els.filter((e) => e.getClientRects().length > 0).length);
  assert.equal(visible, 0, 'no preset, scene-bar or editing control is visible');
  for (const selector of FIRST_SCREEN) assert.ok(await allInView(page, selector), `${selector} in view`);
  await page.keyboard.press('ArrowRight');
  await eventually(async () => assert.match(await page.locator('#step-status').textContent(), /^Step 2 of 4/));
  assert.equal(await page.locator('#undo').isDisabled(), true, 'a view, not an undo step');
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await page.locator('.app.presenting').count(), 0));
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a phone a tap edits a cell in a 16 px field, and a minus sign can be typed', async () => {
  const { context, page, errors } = await at(390, 844, { phone: true });
  await open(page);
  await page.locator('#map-0 td[data-row="1"][data-col="1"]').tap();
  const editor = page.locator('input.cell-editor');
  await eventually(async () => assert.ok(await editor.evaluate((e) => e === document.activeElement)));
  const size = await editor.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(size >= 16, `editor font ${size}px`);
  assert.notEqual(await editor.getAttribute('inputmode'), 'decimal', 'a keyboard with a minus key');
  await editor.fill('-2');
  await page.keyboard.press('Enter');
  await eventually(async () => assert.deepEqual(await mapValues(page, 0), [[0, 1, 2], [3, -2, 5], [6, 7, 8]]));
  assert.deepEqual(await mapValues(page, 1), referenceMaps({ input: [[0, 1, 2], [3, -2, 5], [6, 7, 8]], layers: [{ type: 'conv', kernel: K }] })[1]);
  // Touch targets: every visible button at least 44 × 44.
  const small = await page.$$eval('button', (bs) => bs.filter((b) => {
    const r = b.getBoundingClientRect();
    return r.width > 0 && (r.width < 43.5 || r.height < 43.5);
  }).map((b) => b.outerHTML.slice(0, 80)));
  assert.deepEqual(small, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('at 320 px wide the page does not scroll sideways', async () => {
  const { context, page, errors } = await at(320, 640, { phone: true });
  await open(page, sceneFragment(big(2)));
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a link with a view opens on its layer, step and selected cell; Copy link carries the view', async () => {
  const scene = {
    version: 1, input: X, layers: [{ type: 'conv', kernel: K }, { type: 'conv', kernel: K }],
    view: { layer: 1, step: 2, selected: { map: 2, row: 0, col: 0 } },
  };
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const { page, errors } = await openPage(context);
  await open(page, sceneFragment(scene));
  const check = async () => {
    assert.match(await page.locator('#step-status').textContent(), /^Step 3 of 4: output row 1, column 0 = 37/);
    assert.equal(await page.locator('[data-map="1"][data-current="true"]').getAttribute('data-row'), '1');
    assert.deepEqual(await page.$$eval('[data-map="0"][data-window="true"]', (cs) => cs.map((c) => `${c.dataset.row},${c.dataset.col}`)), ['1,0', '1,1', '2,0', '2,1']);
    assert.equal(await page.locator('[data-map="2"][data-selected="true"]').count(), 1);
    assert.equal(await page.locator('[data-map="0"][data-rf="true"]').count(), 9);
  };
  await eventually(check);
  // Moving the view is no edit: the undo history does not grow; the address bar follows
  // (replacing its entry), and Copy link carries the view.
  const history = await page.evaluate(() => history.length);
  const undoable = await page.locator('#undo').isDisabled();
  await page.locator('#step-forward').click();
  assert.equal(await page.locator('#undo').isDisabled(), undoable);
  await page.locator('button', { hasText: 'Copy link' }).click();
  await eventually(async () => assert.match(await page.locator('#notice').textContent(), /copied/));
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const json = JSON.parse(Buffer.from(link.split('#scene=')[1], 'base64url').toString('utf8'));
  assert.deepEqual(json.view, { layer: 1, step: 3, selected: { map: 2, row: 0, col: 0 } });
  await eventually(async () => assert.equal(await page.evaluate(() => location.hash), link.slice(link.indexOf('#'))));
  assert.equal(await page.evaluate(() => history.length), history);
  const other = await openPage(await browser.newContext());
  await other.page.goto(link);
  await waitForApp(other.page);
  await eventually(async () => assert.match(await other.page.locator('#step-status').textContent(), /^Step 4 of 4/));
  assert.equal(await other.page.locator('[data-map="2"][data-selected="true"]').count(), 1);
  assert.deepEqual(errors, []);
  assert.deepEqual(other.errors, []);
  await context.close();
});

test('a view that does not fit its scene is left out with a notice, and the scene opens', async () => {
  const { context, page, errors } = await at(1280, 720);
  await open(page, sceneFragment({ version: 1, input: X, layers: [{ type: 'conv', kernel: K }], view: { layer: 1, step: 9 } }));
  assert.deepEqual(await mapValues(page, 1), [[19, 25], [37, 43]]);
  assert.match(await page.locator('#step-status').textContent(), /^Step 1 of 4/);
  assert.equal(await page.locator('#notice').getAttribute('role'), 'status');
  assert.match(await page.locator('#notice').textContent(), /view/);
  assert.equal(await page.locator('[role="alert"]').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Decodes the QR code on the page from a screenshot of it. */
async function readQr(page) {
  const png = PNG.sync.read(await page.locator('#qr').screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

test('the QR code in presentation mode (and behind Share) decodes to the current link', async () => {
  const { context, page, errors } = await at(1920, 1080);
  await open(page, sceneFragment({ version: 1, input: X, layers: [{ type: 'conv', kernel: K }] }));
  await page.locator('#step-forward').click();
  await page.keyboard.press('p');
  await page.locator('#qr').waitFor();
  await eventually(async () => {
    const read = await readQr(page);
    assert.equal(read, await page.evaluate(() => location.href));
  });
  const json = JSON.parse(Buffer.from((await readQr(page)).split('#scene=')[1], 'base64url').toString('utf8'));
  assert.deepEqual(json.view, { layer: 1, step: 1 });
  await page.keyboard.press('Escape');
  await page.locator('#share').click();
  assert.equal(await readQr(page), await page.evaluate(() => location.href));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a skip link, a legend of every mark, one title word, and the shortcuts give the focus back', async () => {
  const { context, page, errors } = await at(1280, 720);
  await open(page, sceneFragment({ version: 1, input: X, layers: [{ type: 'conv', kernel: K, mode: 'convolution' }] }));
  await page.keyboard.press('Tab');
  const skip = page.locator('a.skip-link');
  assert.ok(await skip.evaluate((a) => a === document.activeElement), 'the first tab stop is the skip link');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => location.hash.startsWith('#scene=') || location.hash === '#maps'), true);
  const legend = await page.locator('ul.legend li').allTextContents();
  for (const word of ['window', 'output being computed', 'linked', 'selected', 'receptive field', 'projective field', 'padding']) {
    assert.ok(legend.some((l) => l.includes(word)), `the legend lists ${word}`);
  }
  assert.equal(await page.locator('[data-layer="1"] h2').textContent(), 'Layer 1 · Convolution (kernel flipped)');
  await page.locator('#help-button').click();
  await page.locator('#shortcuts button').click();
  await eventually(async () => assert.ok(await page.locator('#help-button').evaluate((b) => b === document.activeElement)));
  await page.locator('#help-button').click();
  await page.locator('#shortcuts button').focus();
  await page.keyboard.press('Escape');
  await eventually(async () => assert.ok(await page.locator('#help-button').evaluate((b) => b === document.activeElement)));
  const headers = await page.locator('#rf-table thead tr.groups th').allTextContents();
  assert.deepEqual(headers, ['This layer', 'In the input', "Selected cell's field, in the map this layer reads"]);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Pastes `text` on the focused cell, as the browser does with the clipboard. */
function paste(page, text) {
  return page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test('pasting a block writes it from the selected cell, grows the grid, refuses bad blocks whole; one undo each', async () => {
  const { context, page, errors } = await at(1280, 720);
  await open(page);
  const cell = (r, c) => page.locator(`#map-0 td[data-row="${r}"][data-col="${c}"]`);
  await cell(0, 0).click();
  await paste(page, '1\t2\t3\n4\t5\t6');
  const pasted = [[1, 2, 3], [4, 5, 6], [6, 7, 8]];
  await eventually(async () => assert.deepEqual(await mapValues(page, 0), pasted));
  assert.deepEqual(await mapValues(page, 1), referenceMaps({ input: pasted, layers: [{ type: 'conv', kernel: K }] })[1]);
  // A 6×8 block (d2l's picture of a band) grows the input to 6×8.
  const band = Array.from({ length: 6 }, () => [1, 1, 0, 0, 0, 0, 1, 1]);
  await cell(0, 0).click();
  await paste(page, JSON.stringify(band));
  await eventually(async () => assert.deepEqual(await mapValues(page, 0), band));
  // A printed tensor at (1, 1) writes from there.
  await cell(1, 1).click();
  await paste(page, 'tensor([[9., 9.],\n        [9., 9.]], dtype=torch.float64)');
  await eventually(async () => assert.deepEqual((await mapValues(page, 0))[2].slice(0, 4), [1, 9, 9, 0]));
  // A bad block changes nothing and says where.
  const before = await mapValues(page, 0);
  await cell(0, 0).click();
  await paste(page, '1\t2\n3\tx');
  await eventually(async () => assert.match(await page.locator('#map-0-error').textContent(), /row 1, column 1/));
  assert.equal(await page.locator('#map-0-error').getAttribute('role'), 'alert');
  assert.deepEqual(await mapValues(page, 0), before);
  // Too large for the bounds: refused whole, never clipped.
  await cell(0, 0).click();
  await paste(page, Array.from({ length: 257 }, () => '1').join('\n'));
  await eventually(async () => assert.match(await page.locator('#map-0-error').textContent(), /257 × 8/));
  assert.deepEqual(await mapValues(page, 0), before);
  // Each paste was one undo step.
  await page.locator('#undo').click();
  await eventually(async () => assert.deepEqual(await mapValues(page, 0), band));
  await page.locator('#undo').click();
  await eventually(async () => assert.deepEqual(await mapValues(page, 0), pasted));
  await page.locator('#undo').click();
  await eventually(async () => assert.deepEqual(await mapValues(page, 0), X));
  assert.deepEqual(errors, []);
  await context.close();
});

test('Ctrl+A then paste replaces a whole kernel and its size; Ctrl+C copies a grid as tab-separated text', async () => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const { page, errors } = await openPage(context);
  await open(page);
  await page.locator('#kernel-1 td[data-row="0"][data-col="0"]').click();
  await page.keyboard.press('Control+a');
  await eventually(async () => assert.equal(await page.locator('#kernel-1.whole').count(), 1));
  await paste(page, '[[1, -1]]');
  await eventually(async () => assert.deepEqual(await page.$$eval('[data-kernel="1"]', (cs) => cs.map((c) => Number(c.dataset.value))), [1, -1]));
  assert.deepEqual(await mapValues(page, 1), referenceMaps({ input: X, layers: [{ type: 'conv', kernel: [[1, -1]] }] })[1]);
  await page.locator('#map-1 td[data-row="0"][data-col="0"]').click();
  await page.keyboard.press('Control+c');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, referenceMaps({ input: X, layers: [{ type: 'conv', kernel: [[1, -1]] }] })[1].map((r) => r.join('\t')).join('\n'));
  assert.deepEqual(errors, []);
  await context.close();
});

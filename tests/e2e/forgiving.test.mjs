// End-to-end: nothing typed is lost and nothing typed can freeze the page — sizes shrink only
// on Enter, leaving a cell commits it, an unreadable autosave is kept, Reset's question takes
// the focus and Escape answers no, a stack that would grow past the cell bound says so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, sceneFragment, waitForApp, mapValues, referenceMaps, arange } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const X = [[0, 1, 2], [3, 4, 5], [6, 7, 8]];

test('typing a two-digit size never passes through a smaller grid; shrinking waits for Enter', async () => {
  const { page, errors } = await openApp(browser, server);
  const rows = page.locator('#input-rows');
  await rows.click();
  await rows.press('Control+a');
  await page.keyboard.type('1');
  // "1" would shrink 3 rows to 1: it waits, says how to apply it, and keeps every value.
  assert.deepEqual(await mapValues(page, 0), X);
  assert.match(await page.locator('#input-rows-hint').textContent(), /Press Enter to shrink/);
  assert.equal(await page.locator('#input-rows-hint').getAttribute('role'), 'status');
  await page.keyboard.type('2');
  const grown = await mapValues(page, 0);
  assert.equal(grown.length, 12);
  assert.deepEqual(grown.slice(0, 3), X);
  // Shrinking to 2 applies on Enter.
  await rows.press('Control+a');
  await page.keyboard.type('2');
  assert.equal((await mapValues(page, 0)).length, 12);
  await page.keyboard.press('Enter');
  assert.deepEqual(await mapValues(page, 0), X.slice(0, 2));
  assert.equal(await page.locator('#input-rows-hint').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('leaving a cell commits what was typed; refused text stays with its message', async () => {
  const { page, errors } = await openApp(browser, server);
  await page.locator('[data-map="0"][data-row="0"][data-col="0"]').click();
  await page.keyboard.type('42');
  await page.getByRole('button', { name: 'Step forward', exact: true }).click();
  const scene = { version: 1, input: [[42, 1, 2], [3, 4, 5], [6, 7, 8]], layers: [{ type: 'conv', kernel: [[0, 1], [2, 3]] }] };
  assert.deepEqual(await mapValues(page, 1), referenceMaps(scene)[1]);
  await page.locator('[data-map="0"][data-row="1"][data-col="1"]').click();
  await page.keyboard.type('x'.repeat(300));
  await page.locator('[data-map="0"][data-row="2"][data-col="2"]').click();
  const editor = page.locator('input.cell-editor');
  assert.equal(await editor.inputValue(), 'x'.repeat(300));
  assert.equal(await editor.getAttribute('aria-invalid'), 'true');
  const alert = await page.locator('#map-0-error').textContent();
  assert.match(alert, /^“x{20}…” is not a number/);
  assert.ok(alert.length < 80);
  assert.deepEqual(await mapValues(page, 1), referenceMaps(scene)[1]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an autosaved scene this build cannot read is kept aside, not overwritten', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.base);
  await waitForApp(page);
  const future = JSON.stringify({ version: 2, input: [[1, 2], [3, 4]], layers: [] });
  await page.evaluate((text) => localStorage.setItem('convscope.scene', text), future);
  // Open the app again with no link: it tries the autosave.
  await page.goto(server.base);
  await waitForApp(page);
  assert.match(await page.locator('#scene-error').textContent(), /could not be restored.*convscope\.scene\.unreadable.*version 2 is not supported/);
  assert.equal(await page.evaluate(() => localStorage.getItem('convscope.scene.unreadable')), future);
  await context.close();
});

test("Reset's question takes the focus, and Escape answers no", async () => {
  const { page, errors } = await openApp(browser, server, sceneFragment({ version: 1, input: arange(4, 4), layers: [] }));
  await page.getByRole('button', { name: 'Reset', exact: true }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Reset the scene');
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('button', { name: 'Reset the scene' }).count(), 0);
  assert.deepEqual(await mapValues(page, 0), arange(4, 4));
  // The file input behind Import is never a tab stop.
  assert.equal(await page.locator('#import-file').isVisible(), false);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a link whose maps would grow past the cell bound says so instead of freezing', async () => {
  // 256² cells, then 16 channels of 288² (1,327,104), then 16 of 320² (1,638,400): past the
  // 2,500,000 cells all maps may hold.
  const spread = { type: 'conv', kernel: Array.from({ length: 16 }, () => [[[1]]]), padding: [16, 16] };
  const mix = { type: 'conv', kernel: Array.from({ length: 16 }, () => Array.from({ length: 16 }, () => [[1]])), padding: [16, 16] };
  const scene = { version: 1, input: arange(256, 256).map((r) => r.map((v) => v % 10)), layers: [spread, mix, mix] };
  const { page, errors } = await openApp(browser, server, sceneFragment(scene));
  const alert = await page.locator('[data-layer-error="2"]').textContent();
  assert.match(alert, /^Layer 2: its 16 × 320 × 320 output would take the maps past 2500000 cells in all/);
  assert.match(await page.locator('[data-layer-error="3"]').textContent(), /needs the output of layer 2/);
  // Layer 1's 16 channels of 288 × 288 are pictures on canvases.
  assert.equal(await page.locator('canvas[data-map="1"]').count(), 16);
  assert.equal(await page.locator('canvas[data-map="1"][data-channel="15"]').getAttribute('data-rows'), '288');
  assert.deepEqual(errors, []);
  await page.close();
});

test('moving a layer with the keyboard takes the focus along with the layer', async () => {
  const { page, errors } = await openApp(browser, server);
  await page.getByRole('button', { name: 'Conv + pool stack' }).click();
  await page.getByRole('button', { name: 'Move layer 1 down' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'layer-2-down');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'layer-3-down');
  // The first layer (a convolution) went down twice: it is layer 3 now.
  assert.match(await page.locator('[data-layer="3"] h2').textContent(), /Layer 3 · Convolution/);
  assert.match(await page.locator('[data-layer="1"] h2').textContent(), /Layer 1 · Max pooling/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the focus is never dropped when a button disables itself at an end', async () => {
  const { page, errors } = await openApp(browser, server);
  await page.getByRole('button', { name: 'Step forward', exact: true }).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
  // At the last of 4 steps "Step forward" is disabled; the focus went to "Step back".
  await page.waitForFunction(() => document.activeElement?.id === 'step-back');
  await page.keyboard.press('Enter');
  assert.match(await page.locator('#step-status').textContent(), /^Step 3 of 4/);
  // The last Undo hands the focus to Redo.
  await page.locator('[data-map="0"][data-row="0"][data-col="0"]').click();
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await page.locator('#undo').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'redo');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the address bar keeps following the scene after a fragment without one', async () => {
  const { page, errors } = await openApp(browser, server, sceneFragment({ version: 1, input: [[1, 2, 3]], layers: [] }));
  await page.evaluate(() => { location.hash = '#about'; });
  await page.waitForFunction(() => location.hash.startsWith('#scene='));
  const payload = await page.evaluate(() => location.hash.slice('#scene='.length));
  assert.deepEqual(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')).input, [[1, 2, 3]]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('Ctrl+End, Ctrl+Home and Page Down move the selection in a grid', async () => {
  const { page } = await openApp(browser, server, sceneFragment({ version: 1, input: arange(12, 5), layers: [] }));
  await page.locator('[data-map="0"][data-row="1"][data-col="1"]').click();
  const selected = () => page.$eval('[data-map="0"][aria-selected="true"]', (c) => [Number(c.dataset.row), Number(c.dataset.col)]);
  await page.keyboard.press('Control+End');
  assert.deepEqual(await selected(), [11, 4]);
  await page.keyboard.press('Control+Home');
  assert.deepEqual(await selected(), [0, 0]);
  await page.keyboard.press('PageDown');
  assert.deepEqual(await selected(), [8, 0]);
  await page.close();
});

test('a full stack says why it cannot grow', async () => {
  const layers = Array.from({ length: 16 }, () => ({ type: 'max-pool', size: [1, 1] }));
  const { page, errors } = await openApp(browser, server, sceneFragment({ version: 1, input: [[1, 2], [3, 4]], layers }));
  assert.equal(await page.getByRole('button', { name: 'Add convolution', exact: true }).isDisabled(), true);
  assert.equal(await page.getByRole('button', { name: 'Duplicate layer 1', exact: true }).isDisabled(), true);
  assert.match(await page.locator('.add-layer [role="status"]').textContent(), /at most 16 layers/);
  assert.deepEqual(errors, []);
  await page.close();
});

// End-to-end: scenes travel and survive (issue #5): bad links of every kind, autosave and
// reload, undo/redo, reset, export/import (picker and drag-and-drop), copy link, and the
// Content-Security-Policy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  serveDist, launch, sceneFragment, waitForApp, mapValues, referenceMaps, arange, openPage,
} from './harness.mjs';

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** A page in a fresh context (its own localStorage), recording page errors and CSP violations. */
async function fresh(options = {}) {
  const context = await browser.newContext(options);
  const { page, errors } = await openPage(context);
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { context, page, errors };
}

async function open(page, fragment = '') {
  await page.goto(server.base + fragment);
  await waitForApp(page);
}

const X = [[0, 1, 2], [3, 4, 5], [6, 7, 8]];
const K = [[0, 1], [2, 3]];
const good = { version: 1, input: arange(4, 5), layers: [{ type: 'conv', kernel: K, bias: 1, padding: [1, 0] }, { type: 'max-pool', size: [2, 2] }] };

async function assertScene(page, scene, label = '') {
  const expected = referenceMaps(scene);
  for (let m = 0; m < expected.length; m++) assert.deepEqual(await mapValues(page, m), expected[m], `${label} map ${m}`);
  assert.equal(await page.locator(`[data-map="${expected.length}"]`).count(), 0, `${label} no extra map`);
}

const b64 = (text) => '#scene=' + Buffer.from(text, 'utf8').toString('base64url');
const conv = (extra) => JSON.stringify({ version: 1, input: X, layers: [{ type: 'conv', kernel: K, ...extra }] });
const badLinks = [
  ['text that is not JSON', b64('{"version": 1, "input": [[1, 2]'), /the scene is not valid JSON/],
  ['broken base64', '#scene=@@not*base64!!', /not valid base64url/],
  ['an unknown version', b64('{"version": 7, "input": [[1]]}'), /scene version 7 is not supported: this convscope reads version 1/],
  ['an unknown layer type', b64('{"version": 1, "input": [[1]], "layers": [{"type": "relu"}]}'), /layer 1: unknown layer type "relu"/],
  ['a ragged grid', b64('{"version": 1, "input": [[1, 2], [3]]}'), /input: row 1 has 1 values but row 0 has 2/],
  ['an empty grid', b64('{"version": 1, "input": []}'), /input: a grid needs at least one row and one column/],
  ['an empty kernel', b64(conv({ kernel: [[]] })), /layer 1 kernel: a grid needs at least one row and one column/],
  ['a non-number', b64('{"version": 1, "input": [[1, "two"]]}'), /input: must be a list of rows of numbers/],
  ['a number that overflows', b64('{"version": 1, "input": [[1e400]]}'), /not valid JSON: number out of range/],
  ['a value beyond the bounds', b64('{"version": 1, "input": [[2000000]]}'), /input: the value 2000000 at row 0, column 0 is out of range/],
  ['stride 0', b64(conv({ stride: [1, 0] })), /layer 1: stride \(width\) must be ≥ 1, got 0/],
  ['dilation 0', b64(conv({ dilation: [0, 1] })), /layer 1: dilation \(height\) must be ≥ 1, got 0/],
  ['negative padding', b64(conv({ padding: [-1, 0] })), /layer 1: padding \(height\) must be ≥ 0, got -1/],
  ['an input over the bounds', b64(JSON.stringify({ version: 1, input: arange(257, 3) })), /input: 257×3 is too large; at most 256×256/],
  ['a kernel over the bounds', b64(conv({ kernel: arange(17, 2) })), /layer 1 kernel: 17×2 is too large; at most 16×16/],
  ['too many layers', b64(JSON.stringify({ version: 1, input: X, layers: Array.from({ length: 17 }, () => ({ type: 'max-pool', size: [1, 1] })) })), /layers: 17 layers; at most 16 are allowed/],
  ['deep nesting', b64(`{"version": 1, "input": ${'['.repeat(5000)}${']'.repeat(5000)}}`), /not valid JSON: recursion limit exceeded/],
  ['a link of megabytes', '#scene=' + 'A'.repeat(3 * 1024 * 1024), /the scene is 3145728 characters long; at most 262144 are read/],
];

test('every kind of bad link says what and where, and the last good scene stays', async () => {
  const { context, page, errors } = await fresh();
  await open(page, sceneFragment(good));
  await assertScene(page, good, 'good');
  for (const [name, fragment, message] of badLinks) {
    await page.evaluate((f) => { location.hash = f; }, fragment);
    await page.waitForFunction((source) => new RegExp(source).test(document.querySelector('#scene-error')?.textContent ?? ''), message.source);
    assert.equal(await page.locator('#scene-error').getAttribute('role'), 'alert', name);
    await assertScene(page, good, name);
    // Back to the good link between bad ones, so each message is its own.
    await page.evaluate((f) => { location.hash = f; }, sceneFragment(good));
    await page.waitForSelector('#scene-error', { state: 'detached' });
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a bad link on a fresh visit still opens a working page', async () => {
  for (const [name, fragment, message] of badLinks.slice(0, 4)) {
    const { context, page, errors } = await fresh();
    await open(page, fragment);
    assert.match(await page.locator('#scene-error').textContent(), message, name);
    await assertScene(page, { version: 1, input: X, layers: [{ type: 'conv', kernel: K }] }, name);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('the scene survives a reload, and the address bar follows it without new history entries', async () => {
  const { context, page, errors } = await fresh();
  await open(page, sceneFragment(good));
  const historyLength = await page.evaluate(() => history.length);
  await page.locator('[data-map="0"][data-row="1"][data-col="2"]').click();
  await page.keyboard.type('42');
  await page.keyboard.press('Enter');
  await page.locator('#layer-1-stride-h').fill('2');
  const edited = structuredClone(good);
  edited.input[1][2] = 42;
  edited.layers[0].stride = [2, 1];
  await assertScene(page, edited, 'edited');
  assert.equal(await page.evaluate(() => history.length), historyLength);
  // The address bar carries the edited scene (a moment after the last change)...
  await page.waitForFunction((want) => {
    const payload = location.hash.split('#scene=')[1] ?? '';
    const b64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    try { return JSON.stringify(JSON.parse(atob(b64)).input) === want; } catch { return false; }
  }, JSON.stringify(edited.input));
  // ...and opening the app with no link restores it from this browser.
  await open(page, '');
  await assertScene(page, edited, 'restored');
  await page.reload();
  await waitForApp(page);
  await assertScene(page, edited, 'reloaded');
  assert.deepEqual(errors, []);
  await context.close();
});

test('leaving the page right after an edit saves it (before the address bar would have followed)', async () => {
  const { context, page, errors } = await fresh();
  const scene = { version: 1, input: X, layers: [{ type: 'conv', kernel: K }] };
  await open(page, sceneFragment(scene));
  await page.locator('[data-map="0"][data-row="2"][data-col="0"]').click();
  await page.keyboard.type('-7');
  await page.keyboard.press('Enter');
  const edited = structuredClone(scene);
  edited.input[2][0] = -7;
  await assertScene(page, edited, 'edited');
  // Away at once (the save waits 200 ms for more changes), then back with no link.
  await page.goto('about:blank');
  await open(page, '');
  await assertScene(page, edited, 'saved on leaving');
  assert.deepEqual(errors, []);
  await context.close();
});

test('undo and redo restore values, layers and settings, by button and by keyboard', async () => {
  const { context, page, errors } = await fresh();
  await open(page, sceneFragment({ version: 1, input: X, layers: [{ type: 'conv', kernel: K }] }));
  const s0 = { version: 1, input: X, layers: [{ type: 'conv', kernel: K }] };
  await page.locator('[data-map="0"][data-row="0"][data-col="0"]').click();
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  const s1 = structuredClone(s0); s1.input[0][0] = 5;
  await page.locator('#layer-1-padding-w').fill('1');
  const s2 = structuredClone(s1); s2.layers[0].padding = [0, 1];
  await page.getByRole('button', { name: 'Add max pooling' }).click();
  const s3 = structuredClone(s2); s3.layers.push({ type: 'max-pool', size: [2, 2] });
  await page.locator('section[data-layer] select').first().selectOption('convolution');
  const s4 = structuredClone(s3); s4.layers[0].mode = 'convolution';
  await assertScene(page, s4, 's4');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await assertScene(page, s3, 'undo 1');
  await page.locator('h1').click();
  await page.keyboard.press('Control+z');
  await assertScene(page, s2, 'undo 2');
  await page.keyboard.press('Control+z');
  await assertScene(page, s1, 'undo 3');
  await page.keyboard.press('Meta+z');
  await assertScene(page, s0, 'undo 4');
  assert.equal(await page.getByRole('button', { name: 'Undo', exact: true }).isDisabled(), true);
  await page.keyboard.press('Control+Shift+z');
  await assertScene(page, s1, 'redo 1');
  await page.keyboard.press('Control+y');
  await assertScene(page, s2, 'redo 2');
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await assertScene(page, s3, 'redo 3');
  // Ctrl+Z inside a text field undoes the typing, not the scene.
  await page.locator('#layer-1-stride-h').focus();
  await page.keyboard.press('Control+z');
  await assertScene(page, s3, 'text field undo');
  assert.deepEqual(errors, []);
  await context.close();
});

test('opening a link keeps the previous scene one undo away; reset asks first and is undoable', async () => {
  const { context, page, errors } = await fresh();
  await open(page, sceneFragment(good));
  const other = { version: 1, input: X, layers: [{ type: 'avg-pool', size: [3, 3] }] };
  await page.evaluate((f) => { location.hash = f; }, sceneFragment(other));
  await page.waitForFunction(() => document.querySelector('[data-map="1"]')?.dataset.value === '4');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await assertScene(page, good, 'undo after link');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await assertScene(page, good, 'cancelled reset');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await page.getByRole('button', { name: 'Reset the scene', exact: true }).click();
  await assertScene(page, { version: 1, input: X, layers: [{ type: 'conv', kernel: K }] }, 'reset');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await assertScene(page, good, 'undo reset');
  assert.deepEqual(errors, []);
  await context.close();
});

test('export then import gives the same scene; drag-and-drop and bad files too', async () => {
  const { context, page, errors } = await fresh({ acceptDownloads: true });
  await open(page, sceneFragment(good));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
  assert.equal(download.suggestedFilename(), 'convscope-scene.json');
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  const exported = JSON.parse(text);
  assert.equal(exported.version, 1);
  assert.deepEqual(exported.input, good.input);
  assert.match(await page.locator('#notice').textContent(), /exported/);
  // Change the scene, then import the file: the exported scene comes back.
  await page.getByRole('button', { name: 'Sharpen' }).click();
  await page.locator('#import-file').setInputFiles({ name: 'scene.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.waitForFunction(() => document.querySelectorAll('[data-map="0"]:not([data-pad])').length === 20);
  await assertScene(page, good, 'imported');
  // Drag-and-drop a file onto the page.
  const dropped = { version: 1, input: [[1, 2, 3]], layers: [{ type: 'conv', kernel: [[1, -1]] }] };
  await page.evaluate((json) => {
    const data = new DataTransfer();
    data.items.add(new File([json], 'dropped.json', { type: 'application/json' }));
    document.querySelector('.app').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, JSON.stringify(dropped));
  await page.waitForFunction(() => document.querySelectorAll('[data-map="1"]').length === 2);
  await assertScene(page, dropped, 'dropped');
  // A bad file says why and keeps the scene.
  await page.locator('#import-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"version":1,"input":[[1]],"layers":[{"type":"conv","kernel":[[1]],"stride":[0,1]}]}') });
  await page.waitForSelector('#scene-error');
  assert.match(await page.locator('#scene-error').textContent(), /The file could not be opened.*layer 1: stride \(height\) must be ≥ 1, got 0/);
  await assertScene(page, dropped, 'after bad file');
  // Files may be larger than links (a picture scene), up to 16 MB.
  const huge = Buffer.alloc(17 * 1024 * 1024, 32);
  await page.locator('#import-file').setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: huge });
  await page.waitForFunction(() => /17825792 characters long; at most 16777216 are read/.test(document.querySelector('#scene-error')?.textContent ?? ''));
  await assertScene(page, dropped, 'after huge file');
  assert.deepEqual(errors, []);
  await context.close();
});

test('copy link puts the scene on the clipboard, and the link opens the same scene anywhere', async () => {
  const { context, page, errors } = await fresh({ permissions: ['clipboard-read', 'clipboard-write'] });
  await open(page, sceneFragment(good));
  await page.locator('[data-kernel="1"][data-row="1"][data-col="1"]').click();
  await page.keyboard.type('-7');
  await page.keyboard.press('Enter');
  const edited = structuredClone(good);
  edited.layers[0].kernel = [[0, 1], [2, -7]];
  await page.getByRole('button', { name: 'Copy link' }).click();
  await page.waitForFunction(() => /Link copied/.test(document.querySelector('#notice')?.textContent ?? ''));
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(link.startsWith(server.base + '#scene='), link);
  const elsewhere = await fresh();
  await elsewhere.page.goto(link);
  await waitForApp(elsewhere.page);
  await assertScene(elsewhere.page, edited, 'opened elsewhere');
  assert.deepEqual(elsewhere.errors, []);
  await elsewhere.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a Content-Security-Policy allows only what the app needs, and nothing is blocked', async () => {
  const { context, page, errors } = await fresh();
  await open(page, sceneFragment(good));
  const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.doesNotMatch(policy, /'unsafe-eval'|unsafe-inline/);
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.locator('[data-map="0"][data-row="0"][data-col="0"]').hover();
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  // An injected inline script is refused by the policy.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.append(s);
  });
  assert.equal(await page.evaluate(() => window.__injected), undefined);
  assert.ok(errors.every((e) => /Content Security Policy/.test(e)), errors.join('\n'));
  await context.close();
});

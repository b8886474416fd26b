// End-to-end: axe-core (WCAG 2.2 A/AA and best practice) finds no violation in the release
// build — on the first screen (in each language), with a stack and a selected cell, with the
// shortcuts help open, while a cell is edited and while a refused value is shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, sceneFragment, eventually, typeInCell, axeViolations } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const X = [[0, 1, 2], [3, 4, 5], [6, 7, 8]];
const K = [[0, 1], [2, 3]];

/** Asserts that axe finds nothing on the page as it stands and that no page error occurred. */
async function assertAccessible(page, errors, state) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${state}: ${JSON.stringify(violations, null, 2)}`);
  assert.deepEqual(errors, [], `${state}: page errors`);
}

test('the first screen (d2l\'s example) has no axe violation', async () => {
  const { page, errors } = await openApp(browser, server);
  await assertAccessible(page, errors, 'the first screen');
  await page.close();
});

test('a two-layer stack with a cell of the last map selected has no axe violation', async () => {
  const scene = { version: 1, input: X, layers: [{ type: 'conv', kernel: K }, { type: 'conv', kernel: K }] };
  const { page, errors } = await openApp(browser, server, sceneFragment(scene));
  await page.locator('[data-map="2"][data-row="0"][data-col="0"]').click();
  await eventually(async () => assert.ok(await page.locator('[data-rf="true"]').count() > 0));
  await assertAccessible(page, errors, 'a stack with a selected cell');
  await page.close();
});

test('the shortcuts help, open, has no axe violation', async () => {
  const { page, errors } = await openApp(browser, server);
  await page.locator('.help-button').click();
  await page.locator('#shortcuts').waitFor();
  await assertAccessible(page, errors, 'the shortcuts help open');
  await page.close();
});

test('a cell being edited has no axe violation', async () => {
  const { page, errors } = await openApp(browser, server);
  await page.locator('#map-0 td[data-row="1"][data-col="1"]').click();
  await typeInCell(page, '7');
  await assertAccessible(page, errors, 'a cell being edited');
  await page.close();
});

test('a refused value, shown, has no axe violation', async () => {
  const { page, errors } = await openApp(browser, server);
  await page.locator('#map-0 td[data-row="1"][data-col="1"]').click();
  await typeInCell(page, '--');
  await page.keyboard.press('Enter');
  await page.locator('#map-0-error').waitFor();
  assert.equal(await page.locator('input.cell-editor').getAttribute('aria-invalid'), 'true');
  await assertAccessible(page, errors, 'a refused value');
  await page.close();
});

test('the first screen has no axe violation in each language, chosen by query', async (t) => {
  for (const lang of ['en', 'zh-Hant', 'zh-Hans']) {
    await t.test(lang, async () => {
      const { page, errors } = await openApp(browser, server, `?lang=${lang}`);
      await assertAccessible(page, errors, `the first screen in ${lang}`);
      await page.close();
    });
  }
});

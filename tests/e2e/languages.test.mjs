// End-to-end: the app in English, 繁體中文 and 简体中文 — how a language is chosen, that every
// word on the page is the language's, that the numbers are the same in all three, that
// switching keeps the student's work, and that a browser's page translator cannot break it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  serveDist, launch, openPage, sceneFragment, mapValues, referenceMaps, eventually, typeInCell, waitForApp,
} from './harness.mjs';

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

// Written by tests/i18n.rs from src/i18n/glossary.rs, which checks that it stays the same.
const glossary = JSON.parse(readFileSync(new URL('./glossary.json', import.meta.url), 'utf8'));

const LANGS = ['en', 'zh-Hant', 'zh-Hans'];
const BROWSER_LOCALE = { en: 'en-US', 'zh-Hant': 'zh-TW', 'zh-Hans': 'zh-CN' };
const X = [[0, 1, 2], [3, 4, 5], [6, 7, 8]];
const K = [[0, 1], [2, 3]];

/** A page in a fresh context, recording page errors. */
async function fresh(options = {}) {
  const context = await browser.newContext(options);
  const { page, errors } = await openPage(context);
  return { context, page, errors };
}

/** Opens the app in `lang`, chosen `way`: by query, by a saved choice, or by the browser's locale. */
async function openIn(lang, way, fragment = '') {
  const opened = await fresh(way === 'browser' ? { locale: BROWSER_LOCALE[lang] } : { locale: 'en-US' });
  const { page } = opened;
  if (way === 'saved') {
    await page.goto(server.base);
    await page.evaluate((l) => localStorage.setItem('convscope.lang', l), lang);
  }
  await page.goto(server.base + (way === 'query' ? `?lang=${lang}` : '') + fragment);
  await waitForApp(page);
  return opened;
}

/** Everything a person reads or hears: the visible text and the accessible names and titles,
 *  minus the language picker (each option is in its own language, and its name is "Language"). */
function readable(page) {
  return page.evaluate(() => {
    const picker = document.querySelector('.language');
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      // Code is code (the PyTorch panel's comments are checked on their own).
      if (!el || picker?.contains(el) || el.closest('style,script,code')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      if (n.textContent.trim()) texts.push(n.textContent.trim());
    }
    for (const el of document.querySelectorAll('[aria-label],[title],[aria-valuetext]')) {
      if (picker?.contains(el)) continue;
      for (const a of ['aria-label', 'title', 'aria-valuetext']) if (el.getAttribute(a)) texts.push(el.getAttribute(a));
    }
    texts.push(document.title);
    return texts;
  });
}

/** Latin words a Chinese page may show: names, key names, file and format names, math. */
const LATIN_ALLOWED = new Set([
  'convscope', 'd2l', 'Sobel', 'Ctrl', 'Shift', 'Enter', 'Home', 'End', 'F2', 'Esc', 'Tab', 'json', 'JSON',
  'max', 'localStorage', 'scene', 'unreadable', 'Python', 'QR', 'PNG', 'SVG',
  // The lesson names PyTorch, and the border conventions by the names MATLAB and SciPy give them.
  'PyTorch', 'MATLAB', 'SciPy', 'valid', 'same', 'full', 'Page', 'Up', 'Down', 'Alt',
]);

function assertLanguage(lang, texts, where) {
  const cjk = /[\u3400-\u9fff]/;
  for (const t of texts) {
    if (lang === 'en') {
      assert.ok(!cjk.test(t), `${where}: CJK in English: ${JSON.stringify(t)}`);
      continue;
    }
    for (const word of t.match(/[A-Za-z]{2,}/g) ?? []) {
      assert.ok(LATIN_ALLOWED.has(word), `${where} (${lang}): English word ${JSON.stringify(word)} in ${JSON.stringify(t)}`);
    }
    const foreign = lang === 'zh-Hant' ? glossary.simplified_only : glossary.traditional_only;
    const found = [...t].find((c) => foreign.includes(c));
    assert.equal(found, undefined, `${where} (${lang}): the other script's ${found} in ${JSON.stringify(t)}`);
  }
  if (lang !== 'en') assert.ok(texts.some((t) => cjk.test(t)), `${where}: the page speaks Chinese`);
}

/** Walks the app through the states the issue names, checking the words in each. */
async function walk(page, lang) {
  assertLanguage(lang, await readable(page), 'first screen');
  await page.locator('#step-forward').click();
  await page.locator('#step-forward').click();
  assertLanguage(lang, await readable(page), 'after stepping');
  await page.locator('.add-layer button').first().click(); // a convolution: map 2 is 1×1
  await page.locator('[data-map="2"][data-row="0"][data-col="0"]').click();
  await eventually(async () => assert.ok(await page.locator('[data-rf="true"]').count() > 0));
  assertLanguage(lang, await readable(page), 'a stack with a selected cell');
  // The picture panel, and a sample picture on a canvas with its colour bar and magnifier.
  await page.locator('#picture-box > summary').click();
  await page.locator('.samples button').nth(2).click();
  await page.locator('canvas[data-map="0"]').waitFor();
  assertLanguage(lang, await readable(page), 'a picture on a canvas');
  await page.locator('.help-button').click();
  await page.locator('#shortcuts').waitFor();
  assertLanguage(lang, await readable(page), 'help open');
  await page.locator('#shortcuts button').click();
  await page.locator('#layer-1-stride-h').fill('0');
  await page.locator('#layer-1-stride-h-error').waitFor();
  assertLanguage(lang, await readable(page), 'a refused setting');
  await page.locator('#map-0 td[data-row="0"][data-col="0"]').click();
  await typeInCell(page, '--');
  await page.keyboard.press('Enter');
  await page.locator('#map-0-error').waitFor();
  assertLanguage(lang, await readable(page), 'a refused value');
  // The learning demo (the third preset), trained, revealed, with a refused rate.
  await page.locator('.presets button').nth(2).click();
  await page.locator('#train-epoch').click();
  await page.locator('#reveal-kernel').click();
  await page.locator('#learn-mode').selectOption('convolution');
  await page.locator('#flipped-back-note').waitFor();
  await page.locator('#learn-rate').fill('0');
  await page.locator('#learn-rate').press('Enter');
  await page.locator('#learn-rate-error').waitFor();
  assertLanguage(lang, await readable(page), 'the learning demo');
  await page.locator('#learn-rate').fill('10');
  await page.locator('#learn-rate').press('Enter');
  while (await page.locator('#learn-error').count() === 0) await page.locator('#train-epoch').click();
  assertLanguage(lang, await readable(page), 'learning diverged');
  // The PyTorch code: the panel in the language, and its comments too.
  await page.locator('#code-button').click();
  await page.locator('#code-text').waitFor();
  assertLanguage(lang, await readable(page), 'the code panel');
  const comments = (await page.locator('#code-text').innerText()).split('\n').filter((l) => l.startsWith('#'));
  assertLanguage(lang, comments.map((l) => l.replace(/\b(d2l|convscope|PyTorch|conv2d|corr2d|float64|N|C|H|W)\b/g, '')), 'the code\'s comments');
  await page.locator('#code-button').click();
  // The lesson: a page with a table of receptive fields, then the page list open.
  await page.locator('#lesson-button').click();
  await page.locator('#lesson').waitFor();
  await page.locator('#lesson-next').click();
  assertLanguage(lang, await readable(page), 'a lesson page');
  await page.locator('.lesson-pages summary').click();
  assertLanguage(lang, await readable(page), 'the lesson\'s pages');
  await page.locator('#lesson-leave').click();
  await page.goto(server.base + (page.url().includes('?lang=') ? `?lang=${lang}` : '') + sceneFragment({ version: 9, input: X }));
  await page.locator('#scene-error').waitFor();
  assertLanguage(lang, await readable(page), 'a scene that cannot be opened');
}

for (const lang of LANGS) {
  for (const way of ['query', 'saved', 'browser']) {
    test(`${lang}, chosen by ${way}: html lang, title and every word are the language's`, async () => {
      const { context, page, errors } = await openIn(lang, way);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      assert.equal(await page.locator('#language').inputValue(), lang);
      assert.equal(await page.locator('#language').getAttribute('aria-label'), 'Language');
      const description = await page.evaluate(() => document.querySelector('meta[name=description]').content);
      assert.equal(/[\u3400-\u9fff]/.test(description), lang !== 'en');
      await walk(page, lang);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}

test('the numbers are the same in every language', async () => {
  const scenes = [
    { version: 1, input: X, layers: [{ type: 'conv', kernel: K, bias: -0.5, padding: [1, 1] }, { type: 'max-pool', size: [2, 2] }] },
    { version: 1, input: [[0.1, -2, 3.25], [1e-8, 4, 5]], layers: [{ type: 'conv', kernel: [[1, -1]], mode: 'convolution', dilation: [1, 2] }] },
  ];
  for (const scene of scenes) {
    const seen = [];
    for (const lang of LANGS) {
      const { context, page, errors } = await openIn(lang, 'query', sceneFragment(scene));
      const values = await page.$$eval('[data-value]', (cs) => cs.map((c) => `${c.dataset.map ?? c.dataset.kernel ?? c.dataset.bias ?? c.dataset.flipped}:${c.dataset.row},${c.dataset.col}=${c.dataset.value}`));
      seen.push(values);
      const maps = referenceMaps(scene);
      for (let m = 0; m < maps.length; m++) {
        const got = await mapValues(page, m);
        got.forEach((row, r) => row.forEach((v, c) => assert.ok(Math.abs(v - maps[m][r][c]) < 1e-9, `${lang} map ${m}`)));
      }
      assert.deepEqual(errors, []);
      await context.close();
    }
    assert.deepEqual(seen[1], seen[0]);
    assert.deepEqual(seen[2], seen[0]);
  }
});

test('switching language keeps the scene, the step, the selection, the undo history and an unfinished edit', async () => {
  const { context, page, errors } = await openIn('en', 'query');
  // An edit (undoable), two steps, a selected output cell, then text typed but not committed.
  await page.locator('#map-0 td[data-row="0"][data-col="0"]').click();
  await typeInCell(page, '9');
  await page.keyboard.press('Enter');
  await eventually(async () => assert.deepEqual(await mapValues(page, 0), [[9, 1, 2], [3, 4, 5], [6, 7, 8]]));
  // A click on an output cell selects it and moves the window there: step 3 of 4.
  await page.locator('#map-1 td[data-row="1"][data-col="0"]').click();
  await page.locator('#map-0 td[data-row="2"][data-col="2"]').dblclick();
  await page.locator('input.cell-editor').fill('-3');
  const status = await page.locator('#step-status').textContent();
  assert.match(status, /^Step 3 of 4/);

  await page.locator('#language').selectOption('zh-Hans');
  await eventually(async () => assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-Hans'));
  // The typed text is kept: committed when the editor lost the focus, or still in its editor.
  const editor = page.locator('input.cell-editor');
  const kept = (await editor.count()) ? Number(await editor.inputValue()) : (await mapValues(page, 0))[2][2];
  assert.equal(kept, -3);
  assert.deepEqual((await mapValues(page, 0)).slice(0, 2), [[9, 1, 2], [3, 4, 5]]);
  assert.match(await page.locator('#step-status').textContent(), /第3步/);
  assert.equal(await page.locator('[data-map="1"][data-current="true"]').getAttribute('data-row'), '1');
  const selected = page.locator('#map-0 td[aria-selected="true"]');
  assert.deepEqual([await selected.getAttribute('data-row'), await selected.getAttribute('data-col')], ['2', '2']);
  assert.equal(await page.locator('#undo').isDisabled(), false);
  assert.equal(await page.evaluate(() => localStorage.getItem('convscope.lang')), 'zh-Hans');
  assert.equal(new URL(page.url()).searchParams.get('lang'), 'zh-Hans', 'the query follows the choice');
  await eventually(async () => {
    const saved = await page.evaluate(() => localStorage.getItem('convscope.scene'));
    assert.ok(saved && !saved.includes('zh'), 'saved, and the language is not part of the scene');
  });
  // Undo walks back the edits made before the switch.
  if (await editor.count()) await page.keyboard.press('Escape');
  await page.locator('#undo').click();
  if ((await mapValues(page, 0))[0][0] === 9) await page.locator('#undo').click();
  await eventually(async () => assert.deepEqual(await mapValues(page, 0), X));
  // Reload: the saved choice.
  await page.goto(server.base);
  await waitForApp(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-Hans');
  assert.deepEqual(errors, []);
  await context.close();
});

/** What Chrome's page translator does: every text node outside translate="no" becomes
 *  <font><font>translated text</font></font>. */
function translatePage(page) {
  return page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const nodes = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.textContent.trim() && !n.parentElement?.closest('[translate="no"]')) nodes.push(n);
    }
    for (const n of nodes) {
      const outer = document.createElement('font');
      const inner = document.createElement('font');
      inner.textContent = `«${n.textContent}»`;
      outer.appendChild(inner);
      n.replaceWith(outer);
    }
    return nodes.length;
  });
}

test('a page translator rewriting the labels breaks nothing: numbers and status stay right', async () => {
  for (const lang of ['en', 'zh-Hant']) {
    const scene = { version: 1, input: X, layers: [{ type: 'conv', kernel: K }] };
    const { context, page, errors } = await openIn(lang, 'query', sceneFragment(scene));
    const translated = await translatePage(page);
    assert.ok(translated > 20, `labels stay translatable (${translated} text nodes)`);
    // Step, edit a cell, add a layer, undo.
    await page.locator('#step-forward').click();
    await page.locator('#map-0 td[data-row="1"][data-col="1"]').click();
    await typeInCell(page, '10');
    await page.keyboard.press('Enter');
    scene.input = [[0, 1, 2], [3, 10, 5], [6, 7, 8]];
    await eventually(async () => assert.deepEqual(await mapValues(page, 1), referenceMaps(scene)[1]));
    await translatePage(page);
    await page.locator('.add-layer button').first().click();
    const grown = { ...scene, layers: [...scene.layers, { type: 'conv', kernel: K }] };
    await eventually(async () => assert.deepEqual(await mapValues(page, 2), referenceMaps(grown)[2]));
    await translatePage(page);
    await page.locator('#undo').click();
    await eventually(async () => assert.equal(await page.locator('[data-map="2"]').count(), 0));
    assert.deepEqual(await mapValues(page, 1), referenceMaps(scene)[1]);
    await page.locator('#step-forward').click();
    const status = await page.locator('#step-status').textContent();
    const expected = lang === 'en' ? /^Step 2 of 4: output row 0, column 1 = / : /^第2步/;
    assert.match(status, expected);
    assert.ok(status.endsWith(String(referenceMaps(scene)[1][0][1])), status);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

// End-to-end: the lesson and the PyTorch code (issue #15 of round two). A walk opens every
// page in each language — by Next (mouse), by Page Down (keyboard) and by a swipe (touch) —
// and checks that each page's scene shows what its words say; the page list, Back and
// Alt+arrows; leaving gives back the student's own scene and undo history, and nothing of a
// page is autosaved; the Code panel shows the scene's PyTorch code, with or without checks,
// in the reader's language; axe on both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, sceneFragment, mapValues, eventually, axeViolations, referenceChannelMaps, mapChannels } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const PAGES = 15;
const cjk = /[\u3400-\u9fff]/;

/** What each page's words say its scene shows, checked on the page (index from 0). */
const CLAIMS = {
  0: async (page) => {
    assert.deepEqual(await mapValues(page, 1), [[19, 25], [37, 43]]);
    await page.locator('#step-last').click();
    await eventually(async () => assert.match(await page.locator('#arithmetic').innerText(), /43/));
  },
  1: async (page) => assert.deepEqual(await mapValues(page, 1), [[20, 26], [38, 44]]),
  2: async (page) => assert.deepEqual(await mapValues(page, 1), [[5, 11], [23, 29]]),
  3: async (page) => {
    for (let i = 0; i < 10; i++) await page.locator('#train-epoch').click();
    await eventually(async () => assert.equal(await page.locator('#learn-status').getAttribute('data-epoch'), '10'));
    const learned = (await page.$$eval('[data-learned="1"]', (cells) => cells.map((c) => Number(c.dataset.value))));
    assert.ok(Math.abs(learned[0] + 1) < 0.05 && Math.abs(learned[1] - 1) < 0.05, `learned ${learned}`);
    assert.ok(await page.locator('#flipped-back-note').isVisible());
  },
  4: async (page) => {
    for (const row of await mapValues(page, 1)) assert.deepEqual(row, [0, 1, 0, 0, 0, -1, 0]);
  },
  5: async (page) => {
    const canvas = page.locator('canvas[data-map="1"]');
    assert.equal(await canvas.getAttribute('data-rows'), '64');
    assert.equal(await canvas.getAttribute('data-cols'), '63');
  },
  6: async (page) => {
    const rows = await mapValues(page, 1);
    assert.equal(rows.length, 5);
    for (const row of rows) assert.deepEqual(row, [0, 0, 0, 0, 0, 0, 0, 0]);
  },
  7: async (page) => {
    assert.equal(await page.locator('[data-map="2"][data-selected="true"]').count(), 1);
    assert.equal(await page.locator('[data-map="0"][data-rf="true"]').count(), 9);
    assert.equal(await page.locator('[data-map="1"][data-rf="true"]').count(), 4);
  },
  8: async (page) => assert.equal(await page.locator('[data-map="0"][data-rf="true"]').count(), 81),
  9: async (page) => {
    const rows = await mapValues(page, 1);
    assert.deepEqual([rows.length, rows[0].length], [4, 4]);
  },
  10: async (page) => assert.deepEqual(await mapValues(page, 1), [[0, 8], [6, 8]]),
  11: async (page) => {
    const rows = await mapValues(page, 1);
    assert.deepEqual([rows.length, rows[0].length], [3, 3]);
    // The window's nine taps, two apart, span 5×5 of the input.
    const taps = await page.$$eval('[data-map="0"][data-window="true"]', (cs) => cs.map((c) => [Number(c.dataset.row), Number(c.dataset.col)]));
    assert.equal(taps.length, 9);
    assert.deepEqual([Math.max(...taps.map((t) => t[0])) - Math.min(...taps.map((t) => t[0])), Math.max(...taps.map((t) => t[1])) - Math.min(...taps.map((t) => t[1]))], [4, 4]);
  },
  12: async (page) => assert.deepEqual(await mapValues(page, 1), [[4, 5], [7, 8]]),
  13: async (page) => assert.deepEqual(await mapValues(page, 1), [[56, 72], [104, 120]]),
  14: async (page) => assert.equal((await mapChannels(page, 1)).length, 2),
};

/** The page's words and where the walk stands. */
async function words(page) {
  return page.evaluate(() => ({
    page: Number(document.querySelector('#lesson')?.dataset.page),
    where: document.querySelector('#lesson-where')?.textContent ?? '',
    title: document.querySelector('#lesson-title')?.textContent ?? '',
    body: document.querySelector('.lesson-body')?.textContent ?? '',
    task: document.querySelector('#lesson-task')?.textContent ?? '',
  }));
}

/** A horizontal swipe with one finger across the lesson panel (right to left: Next). */
async function swipe(page, dx) {
  // A student swipes on the page's words where they are: on screen (a step may have scrolled
  // to the maps), once any scrolling has ended.
  await page.locator('#lesson-title').scrollIntoViewIfNeeded();
  let box = null;
  await eventually(async () => {
    const now = await page.locator('#lesson-title').boundingBox();
    const same = box && now && Math.abs(now.y - box.y) < 0.5;
    box = now;
    assert.ok(same && box.y >= 0, 'the title has stopped moving, on screen');
  });
  const y = box.y + box.height / 2;
  const x0 = dx < 0 ? box.x + box.width * 0.8 : box.x + 20;
  const cdp = await page.context().newCDPSession(page);
  const at = (x) => [{ x, y, id: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(x0) });
  for (let i = 1; i <= 5; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(x0 + (dx * i) / 5) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

/** Walks all pages in `lang`, turning them `how`, checking the words and the claims. */
async function walk(lang, how) {
  const context = await browser.newContext(how === 'swipe'
    ? { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }
    : { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.base}?lang=${lang}#lesson=1`);
  await page.waitForSelector('#lesson');
  const titles = new Set();
  for (let i = 0; i < PAGES; i++) {
    await eventually(async () => assert.equal((await words(page)).page, i + 1));
    const w = await words(page);
    assert.ok(w.title && w.body.length > 40 && w.task, `${lang} page ${i + 1} has its words`);
    assert.equal(cjk.test(w.body), lang !== 'en', `${lang} page ${i + 1} speaks its language`);
    assert.match(w.where, new RegExp(`${i + 1}\\D+${PAGES}`));
    titles.add(w.title);
    // The address bar names the page, so a reload comes back to it.
    await eventually(async () => assert.equal(new URL(page.url()).hash, `#lesson=${i + 1}`));
    if (how === 'swipe') {
      // On a phone: nothing wider than the screen, and the lesson's buttons big enough to tap.
      const fit = await page.evaluate(() => ({
        wide: document.documentElement.scrollWidth - window.innerWidth,
        small: [...document.querySelectorAll('.lesson-nav > button, .lesson-pages > summary')]
          .map((b) => b.getBoundingClientRect().height).filter((h) => h < 44),
      }));
      assert.ok(fit.wide <= 1, `page ${i + 1} is ${fit.wide} px wider than the phone`);
      assert.deepEqual(fit.small, [], `page ${i + 1}: touch targets under 44 px`);
    }
    await CLAIMS[i]?.(page);
    if (i + 1 === PAGES) break;
    if (how === 'next') await page.locator('#lesson-next').click();
    if (how === 'keys') {
      await page.locator('#lesson-title').focus();
      await page.keyboard.press('PageDown');
    }
    if (how === 'swipe') await swipe(page, -200);
  }
  assert.equal(titles.size, PAGES, 'every page has its own title');
  assert.equal(await page.locator('#lesson-next').isDisabled(), true);
  assert.deepEqual(errors, []);
  await context.close();
}

test('the walk: every page in English by Next, each showing what its words say', () => walk('en', 'next'));
test('the walk in Traditional Chinese, by Page Down', () => walk('zh-Hant', 'keys'));
test('the walk in Simplified Chinese on a phone, by swiping', () => walk('zh-Hans', 'swipe'));

test('Back, the page list and Alt+arrows turn pages; arrows alone still step the window', async () => {
  const { page, errors } = await openApp(browser, server, '#lesson=5');
  assert.equal((await words(page)).page, 5);
  await page.locator('#lesson-back').click();
  await eventually(async () => assert.equal((await words(page)).page, 4));
  // The page list, from the keyboard.
  await page.locator('.lesson-pages summary').focus();
  await page.keyboard.press('Enter');
  await page.locator('.lesson-pages button[data-page="13"]').focus();
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal((await words(page)).page, 13));
  assert.equal(await page.locator('.lesson-pages button[data-page="13"]').getAttribute('aria-current'), 'page');
  // Turning a page moves the focus to its title, for a screen reader to read.
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'lesson-title'));
  await page.keyboard.press('Alt+ArrowLeft');
  await eventually(async () => assert.equal((await words(page)).page, 12));
  await page.keyboard.press('Alt+ArrowRight');
  await eventually(async () => assert.equal((await words(page)).page, 13));
  await page.keyboard.press('PageUp');
  await eventually(async () => assert.equal((await words(page)).page, 12));
  // → alone steps the window, and the page stays.
  const status = await page.locator('#step-status').textContent();
  await page.keyboard.press('ArrowRight');
  await eventually(async () => assert.notEqual(await page.locator('#step-status').textContent(), status));
  assert.equal((await words(page)).page, 12);
  // A link to a page the lesson does not have says so, and opens page 1.
  await page.goto(`${server.base}#lesson=99`);
  await page.waitForSelector('#lesson');
  await eventually(async () => assert.equal((await words(page)).page, 1));
  assert.match(await page.locator('.notice').innerText(), /15/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('leaving the lesson gives back the student\'s own scene and undo history; a page is never autosaved', async () => {
  const own = { version: 1, input: [[1, 2, 3], [4, 5, 6], [7, 8, 9]], layers: [{ type: 'conv', kernel: [[1, 0], [0, -1]] }] };
  const { page, errors } = await openApp(browser, server, sceneFragment(own));
  // The student edits a cell: 1 → 5.
  await page.locator('[data-map="0"][data-row="0"][data-col="0"]').click();
  await page.keyboard.press('5');
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await page.locator('[data-map="0"][data-row="0"][data-col="0"]').getAttribute('data-value'), '5'));
  const mine = await mapValues(page, 1);
  await eventually(async () => assert.match(await page.evaluate(() => localStorage.getItem('convscope.scene')), /\[\[5(\.0)?,2/));
  await page.waitForTimeout(400); // the autosave of the moved selection, too
  const saved = await page.evaluate(() => localStorage.getItem('convscope.scene'));
  // Into the lesson, through the header button; an edit on the page, then another page.
  await page.locator('#lesson-button').click();
  await page.waitForSelector('#lesson');
  assert.deepEqual(await mapValues(page, 1), [[19, 25], [37, 43]]);
  await page.locator('[data-map="0"][data-row="0"][data-col="0"]').click();
  await page.keyboard.press('9');
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await page.locator('[data-map="0"][data-row="0"][data-col="0"]').getAttribute('data-value'), '9'));
  // Undo on the page takes back the page's edit; Restore brings the page back.
  await page.keyboard.press('Control+z');
  await eventually(async () => assert.equal(await page.locator('[data-map="0"][data-row="0"][data-col="0"]').getAttribute('data-value'), '0'));
  await page.keyboard.press('Control+y');
  await eventually(async () => assert.equal(await page.locator('[data-map="0"][data-row="0"][data-col="0"]').getAttribute('data-value'), '9'));
  await page.locator('#lesson-restore').click();
  await eventually(async () => assert.equal(await page.locator('[data-map="0"][data-row="0"][data-col="0"]').getAttribute('data-value'), '0'));
  await page.locator('#lesson-next').click();
  await page.waitForTimeout(400);
  assert.equal(await page.evaluate(() => localStorage.getItem('convscope.scene')), saved, 'no page is autosaved');
  // Leave: the student's scene, and their undo goes back to before their own edit.
  await page.locator('#lesson-leave').click();
  await eventually(async () => assert.equal(await page.locator('#lesson').count(), 0));
  assert.deepEqual(await mapValues(page, 1), mine);
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'lesson-button'));
  await eventually(async () => assert.match(new URL(page.url()).hash, /^#scene=/));
  await page.keyboard.press('Control+z');
  await eventually(async () => assert.equal(await page.locator('[data-map="0"][data-row="0"][data-col="0"]').getAttribute('data-value'), '1'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a lesson page is axe-clean, and presentation mode shows its words large', async () => {
  const { page } = await openApp(browser, server, '#lesson=8');
  assert.deepEqual(await axeViolations(page), []);
  const normal = await page.locator('.lesson-body').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  await page.locator('#present').click();
  await eventually(async () => assert.ok(await page.locator('.app.presenting').count()));
  const large = await page.locator('.lesson-body').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(large >= normal * 1.25, `${large} px against ${normal} px`);
  await page.close();
});

test('the Code panel: the scene as PyTorch, with or without checks, copied, in the reader\'s language', async () => {
  const scene = { version: 1, input: [[0, 1, 2], [3, 4, 5], [6, 7, 8]], layers: [{ type: 'conv', kernel: [[0, 1], [2, 3]], mode: 'convolution' }, { type: 'max-pool', size: [2, 2], stride: [1, 1] }] };
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(server.base + sceneFragment(scene));
  await page.waitForSelector('[data-map="0"]');
  await page.locator('#code-button').click();
  const code = () => page.locator('#code-text').innerText();
  await eventually(async () => assert.match(await code(), /import torch/));
  const text = await code();
  assert.match(text, /X = torch\.tensor\(\[\[\[\[0, 1, 2\],/);
  assert.match(text, /Y1 = F\.conv2d\(X, torch\.flip\(K1, \[2, 3\]\), b1, stride=\(1, 1\), padding=\(0, 0\), dilation=\(1, 1\), groups=1\)/);
  assert.match(text, /Y2 = F\.max_pool2d\(Y1, kernel_size=\(2, 2\), stride=\(1, 1\), padding=\(0, 0\)\)/);
  // The checks carry the maps the app shows: the reference's, here.
  const [, y1, y2] = referenceChannelMaps(scene);
  assert.ok(text.includes(`Y1_shown = torch.tensor([[[[${y1[0][0].join(', ')}],`), text);
  assert.ok(text.includes(`Y2_shown = torch.tensor([[[[${y2[0][0].join(', ')}]]]]`), text);
  assert.match(text, /assert torch\.equal\(Y2, Y2_shown\)/);
  // Without checks, none.
  await page.locator('#code-checks').click();
  await eventually(async () => assert.doesNotMatch(await code(), /assert/));
  // Copy puts exactly the code shown on the clipboard.
  await page.locator('#copy-code').click();
  await eventually(async () => assert.ok((await page.locator('#code-status').innerText()).length > 0));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await page.evaluate(() => document.querySelector('#code-text').textContent));
  // The code follows an edit.
  await page.locator('[data-map="0"][data-row="0"][data-col="0"]').click();
  await page.keyboard.press('7');
  await page.keyboard.press('Enter');
  await eventually(async () => assert.match(await code(), /\[\[\[\[7, 1, 2\],/));
  assert.deepEqual(await axeViolations(page), []);
  // Escape closes it (from the code, not from a grid, whose Escape is its own); Chinese
  // comments in Chinese.
  await page.locator('#code-text').focus();
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await page.locator('#code').count(), 0));
  await page.goto(`${server.base}?lang=zh-Hant${sceneFragment(scene)}`);
  await page.waitForSelector('[data-map="0"]');
  await page.locator('#code-button').click();
  await eventually(async () => assert.match(await code(), /# 第 1 層：卷積層/));
  await context.close();
});

test('a lesson reads well: digits on a laptop, its words kept in view, the QR code only when asked, the code box keeps its keys', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${server.base}#lesson=4`);
  await page.waitForSelector('#lesson');
  // Pages whose words ask for digits show them: cells of at least 24 px, never "tiny".
  for (let i = 4; i <= 15; i++) {
    await eventually(async () => assert.equal((await words(page)).page, i));
    await eventually(async () => {
      const cell = Number(await page.locator('main.maps').getAttribute('data-cell'));
      assert.ok(cell >= 24, `page ${i}: cells of ${cell} px`);
      assert.equal(await page.locator('main.maps.tiny').count(), 0);
    });
    // Turning the page leaves the page's words in view (no scroll to the selected cell).
    await page.waitForTimeout(i === 8 || i === 9 ? 1200 : 50);
    const top = await page.locator('#lesson-title').boundingBox();
    assert.ok(top.y >= 0 && top.y < 800, `page ${i}: the title at y = ${top.y}`);
    if (i < 15) await page.locator('#lesson-next').click();
  }
  // Presenting a lesson leaves room for the page: no QR code unless Share asks for it, and
  // then it carries the lesson's link.
  await page.keyboard.press('p');
  await eventually(async () => assert.ok(await page.locator('.app.presenting').count()));
  assert.equal(await page.locator('aside.share').count(), 0);
  await page.locator('#share').click();
  await eventually(async () => assert.match(await page.locator('#qr').getAttribute('data-link'), /#lesson=15$/));
  await page.locator('#share').click();
  await page.keyboard.press('Escape');
  // The code box scrolls with Page Down instead of turning the page; Escape closes the panel
  // and gives the focus back to the Code button.
  await page.locator('#code-button').click();
  await page.locator('#code-text').focus();
  await page.keyboard.press('PageDown');
  await page.waitForTimeout(200);
  assert.equal((await words(page)).page, 15);
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await page.locator('#code').count(), 0));
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'code-button'));
  // The code is set in a monospace font in Chinese too.
  await page.goto(`${server.base}?lang=zh-Hans#lesson=1`);
  await page.waitForSelector('#lesson');
  await page.locator('#code-button').click();
  const font = await page.locator('#code-text code').evaluate((e) => getComputedStyle(e).fontFamily);
  assert.match(font, /monospace/);
  assert.doesNotMatch(font.split(',')[0], /Noto Sans CJK|PingFang|system-ui/);
  await context.close();
});

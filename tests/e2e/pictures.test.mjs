// End-to-end: feature maps of real pictures (issue #13 of round two) — maps over 32 a side on
// canvases with a magnifier of real cells, pictures opened from files (known pixels, gray and
// colour, scaled), refused files, the sample pictures, keyboard and pointer on a canvas.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import {
  serveDist, launch, openApp, sceneFragment, referenceChannelMaps, mapChannels, eventually, axeViolations,
} from './harness.mjs';

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** An n×n gray picture of small integers through a 3×3 convolution (padding 1) and a 2×2 pool. */
function pictureScene(n) {
  const input = Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => (r * 7 + c * 3) % 10));
  return {
    version: 1, input,
    layers: [{ type: 'conv', kernel: [[1, 0, -1], [2, 0, -2], [1, 0, -1]], padding: [1, 1] }, { type: 'max-pool', size: [2, 2] }],
  };
}

/** The magnifier's cells of map `m` (channel 0) that carry attribute `mark`, as [row, col, value]. */
function marked(page, m, mark) {
  return page.$$eval(`td[data-map="${m}"][data-channel="0"][${mark}="true"]:not([data-pad])`,
    (tds) => tds.map((td) => [Number(td.dataset.row), Number(td.dataset.col), Number(td.dataset.value)]));
}

for (const n of [64, 128, 256]) {
  test(`a ${n}×${n} map is a canvas, and its magnifier's cells equal the reference wherever the window stands`, async () => {
    const scene = pictureScene(n);
    const { page, errors } = await openApp(browser, server, sceneFragment(scene));
    const canvas = page.locator('canvas[data-map="0"][data-channel="0"]');
    assert.equal(await canvas.getAttribute('data-rows'), String(n));
    assert.equal(await canvas.getAttribute('data-cols'), String(n));
    // Only the magnifier's cells are in the page: at most 15 × 15 a map.
    assert.ok(await page.locator('td[data-map="0"]').count() <= 225);
    const maps = referenceChannelMaps(scene);
    const out = page.locator('canvas[data-map="1"]');
    // The first position, one picked with the pointer on the output's canvas, and the last.
    for (const where of ['first', 'middle', 'last']) {
      let [r, c] = [0, 0];
      if (where === 'middle') {
        [r, c] = [Math.floor(n / 2) + 3, Math.floor(n / 3)];
        await out.scrollIntoViewIfNeeded();
        const box = await out.boundingBox();
        await page.mouse.click(box.x + box.width * ((c + 0.5) / n), box.y + box.height * ((r + 0.5) / n));
      } else if (where === 'last') {
        [r, c] = [n - 1, n - 1];
        await page.locator('#step-last').click();
      }
      await eventually(async () => {
        const window = await marked(page, 0, 'data-window');
        const expected = [];
        for (let a = -1; a <= 1; a++) for (let b = -1; b <= 1; b++) {
          const [y, x] = [r + a, c + b];
          if (y >= 0 && y < n && x >= 0 && x < n) expected.push([y, x, maps[0][0][y][x]]);
        }
        assert.deepEqual(window.sort(), expected.sort(), where);
        assert.deepEqual(await marked(page, 1, 'data-current'), [[r, c, maps[1][0][r][c]]], where);
      });
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
}

/** The RGBA of cell (r, c) on the marks canvas over map m (channel 0). */
function markPixel(page, m, r, c) {
  return page.$eval(`canvas[data-marks-of="${m}-0"]`, (canvas, [r, c]) => {
    const rows = Number(canvas.previousElementSibling.dataset.rows);
    const k = canvas.height / rows;
    return [...canvas.getContext('2d').getImageData(Math.floor((c + 0.5) * k), Math.floor((r + 0.5) * k), 1, 1).data];
  }, [r, c]);
}

test('a receptive field on a canvas is drawn exactly where the reference says', async () => {
  const scene = pictureScene(64);
  const { page, errors } = await openApp(browser, server, sceneFragment(scene));
  // Select output (10, 20) of the pool (map 2, 32 × 32: a DOM grid): its field in the input is
  // rows 19…22, columns 39…42 (the pool's 2 × 2 window, widened by the 3 × 3 kernel).
  await page.locator('td[data-map="2"][data-row="10"][data-col="20"]').click();
  await eventually(async () => assert.equal((await markPixel(page, 0, 20, 40))[3] > 0, true));
  for (const [r, c] of [[19, 39], [22, 42], [20, 41]]) assert.ok((await markPixel(page, 0, r, c))[3] > 0, `(${r}, ${c}) inside`);
  for (const [r, c] of [[18, 40], [23, 40], [20, 38], [20, 43], [0, 0]]) assert.equal((await markPixel(page, 0, r, c))[3], 0, `(${r}, ${c}) outside`);
  // The map itself: one pixel a cell, 0 black and the top of the scale white.
  const px = await page.$eval('canvas[data-map="0"]', (c) => [...c.getContext('2d').getImageData(0, 0, 1, 1).data]);
  assert.ok(px[0] < 10 && px[3] === 255, `cell (0, 0) = 0 is black: ${px}`);
  // (At the top: cells scrolled under the sticky control strip count as obscured.)
  await page.evaluate(() => window.scrollTo(0, 0));
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('on a canvas the keyboard moves the selection, the magnifier follows, and the pointer reads values', async () => {
  const scene = pictureScene(64);
  const { page, errors } = await openApp(browser, server, sceneFragment(scene));
  const canvas = page.locator('canvas[data-map="0"]');
  await canvas.focus();
  await page.keyboard.press('ArrowRight'); // selects (0, 0)
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowDown');
  await eventually(async () => {
    const selected = await page.$eval('td[data-map="0"][aria-selected="true"]', (td) => [Number(td.dataset.row), Number(td.dataset.col), Number(td.dataset.value)]);
    assert.deepEqual(selected, [30, 40, scene.input[30][40]]);
  });
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width * (12.5 / 64), box.y + box.height * (5.5 / 64));
  await eventually(async () => assert.match(await page.locator('.probe').first().textContent(), new RegExp(`row 5, column 12 = ${scene.input[5][12]}$`)));
  assert.deepEqual(errors, []);
  await page.close();
});

/** A PNG of `width × height` whose pixel (x, y) is `pixel(x, y)` = [r, g, b, a]. */
function png(width, height, pixel) {
  const image = new PNG({ width, height });
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) image.data.set(pixel(x, y), (y * width + x) * 4);
  return PNG.sync.write(image);
}

async function openPicture(page, buffer, { gray = false, name = 'picture.png', mimeType = 'image/png' } = {}) {
  if (!(await page.$eval('#picture-box', (d) => d.open))) await page.locator('#picture-box > summary').click();
  if (gray !== await page.locator('#picture-gray').isChecked()) await page.locator('#picture-gray').click();
  await page.locator('#picture-file').setInputFiles({ name, mimeType, buffer });
}

test('a picture file becomes v / 255 per channel (or the gray formula), alpha composited over white', async () => {
  const pixel = (x, y) => (x === 0 && y === 0 ? [10, 20, 30, 0] : [(x * 40) % 256, (y * 50) % 256, (x * y * 7) % 256, 255]);
  const buffer = png(6, 4, pixel);
  const { page, errors } = await openApp(browser, server);
  await openPicture(page, buffer);
  await eventually(async () => assert.equal(await page.locator('[data-map="0"][data-channel="2"]:not([data-pad])').count(), 24));
  const rgb = await mapChannels(page, 0);
  for (let y = 0; y < 4; y++) {
    for (let x = 0; x < 6; x++) {
      const [r, g, b, a] = pixel(x, y);
      const want = a === 0 ? [1, 1, 1] : [r / 255, g / 255, b / 255];
      assert.deepEqual([rgb[0][y][x], rgb[1][y][x], rgb[2][y][x]], want, `(${x}, ${y})`);
    }
  }
  // The layer follows: d2l's kernel now reads three channels, and the maps equal the reference.
  // Saved a moment after the change settles.
  const saved = await eventually(async () => {
    const json = JSON.parse(await page.evaluate(() => localStorage.getItem('convscope.scene')));
    assert.deepEqual(json.input, rgb, 'the autosave keeps every value exactly');
    return json;
  });
  assert.deepEqual(await mapChannels(page, 1), referenceChannelMaps(saved)[1]);
  // Grayscale: one channel of (0.299 R + 0.587 G + 0.114 B) / 255.
  await openPicture(page, buffer, { gray: true });
  await eventually(async () => assert.equal(await page.locator('[data-map="0"][data-channel="1"]').count(), 0));
  const gray = (await mapChannels(page, 0))[0];
  for (let y = 0; y < 4; y++) {
    for (let x = 0; x < 6; x++) {
      const [r, g, b, a] = a0(pixel(x, y));
      assert.equal(gray[y][x], (0.299 * r + 0.587 * g + 0.114 * b) / 255, `(${x}, ${y})`);
    }
  }
  // A large picture is scaled down to fit, its aspect kept.
  await openPicture(page, png(600, 300, (x) => [x % 256, 0, 0, 255]), { gray: true });
  await eventually(async () => assert.equal(await page.locator('canvas[data-map="0"]').getAttribute('data-cols'), '256'));
  assert.equal(await page.locator('canvas[data-map="0"]').getAttribute('data-rows'), '128');
  // Undo goes back to the picture before.
  await page.locator('#undo').click();
  await eventually(async () => assert.equal(await page.locator('[data-map="0"][data-channel="0"]:not([data-pad])').count(), 24));
  assert.deepEqual(errors, []);
  await page.close();
});

/** A pixel composited over white, as the browser draws it on a white canvas. */
function a0([r, g, b, a]) {
  return a === 0 ? [255, 255, 255, 255] : [r, g, b, a];
}

test('a file that is not a picture, or is too large, is refused in words and the scene stays', async () => {
  const { page, errors } = await openApp(browser, server);
  await openPicture(page, Buffer.from('not a picture at all'));
  await eventually(async () => assert.match(await page.locator('#picture-error').textContent(), /not a picture this browser can read/));
  assert.equal(await page.locator('#picture-error').getAttribute('role'), 'alert');
  assert.equal(await page.locator('[data-map="1"]:not([data-pad])').count(), 4, "d2l's scene stays");
  await page.locator('#picture-file').setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(21 * 1024 * 1024) });
  await eventually(async () => assert.match(await page.locator('#picture-error').textContent(), /the file is 21 MB; at most 20 MB is read/));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the sample pictures open as maps, one undo away', async () => {
  const { page, errors } = await openApp(browser, server);
  await page.locator('#picture-box > summary').click();
  await page.getByRole('button', { name: 'Checkerboard', exact: true }).click();
  await eventually(async () => assert.equal(await page.locator('canvas[data-map="0"]').getAttribute('data-rows'), '64'));
  await page.getByRole('button', { name: 'Band (d2l)', exact: true }).click();
  await eventually(async () => assert.equal(await page.locator('[data-map="0"]:not([data-pad])').count(), 48));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a picture travels compactly: its link survives a reload; a scene too large for any link says to export it', async () => {
  const { deflateRawSync } = await import('node:zlib');
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.base);
  await page.waitForSelector('[data-map="0"]');
  await openPicture(page, png(300, 200, (x, y) => [x % 256, y % 256, (x + y) % 256, 255]));
  await eventually(async () => assert.equal(await page.locator('canvas[data-map="0"][data-channel="2"]').getAttribute('data-cols'), '256'));
  const before = await mapChannels(page, 0);
  // The address bar carries the scene in bytes (well under the link bound), and a reload opens it.
  await eventually(async () => {
    const json = JSON.parse(Buffer.from((await page.evaluate(() => location.hash)).slice(7), 'base64url').toString('utf8'));
    assert.deepEqual([json.input.encoding, json.input.shape, json.input.scale], ['u8', [3, 171, 256], 255]);
  });
  await page.reload();
  await page.waitForSelector('canvas[data-map="0"][data-channel="2"]');
  assert.deepEqual(await mapChannels(page, 0), before, 'the magnifiers show the same values after a reload');
  // 16 channels of 256 × 256 noise: no link can hold it; Copy link says so and offers Export.
  let seed = 7;
  const noise = Buffer.alloc(16 * 256 * 256).map(() => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24);
  const scene = { version: 1, input: { encoding: 'u8', shape: [16, 256, 256], scale: 255, data: deflateRawSync(noise).toString('base64url') }, layers: [] };
  await page.locator('#import-file').setInputFiles({ name: 'noise.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scene)) });
  await eventually(async () => assert.equal(await page.locator('canvas[data-map="0"][data-channel="15"]').count(), 1));
  await page.getByRole('button', { name: 'Copy link', exact: true }).click();
  await eventually(async () => assert.match(await page.locator('.notice').textContent(), /too large for a link.*Export/));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a map on a canvas saves as a PNG of its cells, with its marks', async () => {
  const scene = pictureScene(64);
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.base + sceneFragment(scene));
  await page.waitForSelector('canvas[data-map="0"]');
  const button = page.getByRole('button', { name: 'Save as PNG: Input', exact: true });
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  assert.equal(download.suggestedFilename(), 'convscope-map-0-channel-0.png');
  const { readFileSync } = await import('node:fs');
  const image = PNG.sync.read(readFileSync(await download.path()));
  assert.deepEqual([image.width, image.height], [512, 512], '8 pixels a cell');
  // Cell (20, 30) away from the window: its 8 × 8 block is the map's colour of that cell.
  const cell = await page.$eval('canvas[data-map="0"]', (c) => [...c.getContext('2d').getImageData(30, 20, 1, 1).data]);
  const at = (x, y) => [...image.data.subarray((y * 512 + x) * 4, (y * 512 + x) * 4 + 4)];
  assert.deepEqual(at(30 * 8 + 4, 20 * 8 + 4), cell);
  // The window's outline at (0, 0) is drawn over the top-left cell.
  assert.notDeepEqual(at(0, 0), await page.$eval('canvas[data-map="0"]', (c) => [...c.getContext('2d').getImageData(0, 0, 1, 1).data]));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the magnifier stands beside its picture on a wide screen and fits a phone, numbers readable', async () => {
  for (const [width, height, beside] of [[1400, 900, true], [390, 844, false]]) {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(server.base + sceneFragment(pictureScene(64)));
    await page.waitForSelector('canvas[data-map="0"]');
    const where = `${width} × ${height}`;
    const boxes = await page.evaluate(() => {
      const rect = (e) => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }; };
      const map = document.querySelector('canvas[data-map="0"]').closest('.canvas-map');
      const cell = map.querySelector('.magnifier td:not([data-pad])');
      return {
        canvas: rect(map.querySelector('canvas.picture')), magnifier: rect(map.querySelector('.magnifier table')),
        font: parseFloat(getComputedStyle(cell).fontSize), value: getComputedStyle(cell.querySelector('.v')).color,
        page: document.documentElement.clientWidth,
      };
    });
    if (beside) {
      assert.ok(boxes.magnifier.left >= boxes.canvas.right, `${where}: beside (${JSON.stringify(boxes)})`);
      assert.ok(boxes.magnifier.top < boxes.canvas.bottom, `${where}: level with the picture`);
    } else {
      assert.ok(boxes.magnifier.top >= boxes.canvas.bottom, `${where}: under the picture`);
    }
    assert.ok(boxes.magnifier.left >= 0 && boxes.magnifier.right <= boxes.page, `${where}: within the screen's width (${JSON.stringify(boxes)})`);
    assert.ok(boxes.font >= 11, `${where}: readable numbers (${boxes.font}px)`);
    assert.notEqual(boxes.value, 'rgba(0, 0, 0, 0)', `${where}: numbers shown, not colour only`);
    await page.close();
  }
});

test('all maps save as one PNG, and the number grids as one SVG with their values, titled in the reader\'s language', async () => {
  const page = await browser.newPage({ acceptDownloads: true });
  await page.goto(server.base + '?lang=zh-Hant');
  await page.waitForSelector('[data-map="1"]');
  // d2l's example: a 3 × 3 input of 0 … 8 and its 2 × 2 output 19, 25, 37, 43.
  const [png] = await Promise.all([page.waitForEvent('download'), page.locator('#save-maps-png').click()]);
  assert.equal(png.suggestedFilename(), 'convscope-maps.png');
  const image = PNG.sync.read(readFileSync(await png.path()));
  // Cells of 171 pixels (the larger map at least 512 a side), 16 pixels of paper around and
  // between the maps.
  const k = 171;
  assert.deepEqual([image.width, image.height], [16 + 3 * k + 16 + 2 * k + 16, 16 + 3 * k + 16]);
  const px = (x, y) => [...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4)];
  assert.deepEqual(px(2, 2), [255, 255, 255, 255], 'paper');
  const zero = px(16 + 85, 16 + 85);
  assert.ok(zero[0] < 20 && zero[3] === 255, `input 0 is black: ${zero}`);
  const eight = px(16 + 2 * k + 85, 16 + 2 * k + 85);
  assert.ok(eight[0] > zero[0] + 100, `input 8 is light: ${eight}`);
  const [svg] = await Promise.all([page.waitForEvent('download'), page.locator('#save-maps-svg').click()]);
  assert.equal(svg.suggestedFilename(), 'convscope-maps.svg');
  const text = readFileSync(await svg.path(), 'utf8');
  for (const v of [0, 4, 8, 19, 25, 37, 43]) assert.ok(text.includes(`>${v}</text>`), `${v} in the SVG`);
  assert.ok(text.includes('>輸入</text>'), 'titled in the reader\'s language');
  await page.close();
});

test('the SVG button is off when every map is a picture', async () => {
  const page = await browser.newPage();
  await page.goto(server.base + sceneFragment(pictureScene(64)));
  await page.waitForSelector('canvas[data-map="0"]');
  // The pool's 32 × 32 output is a grid of numbers: on.
  assert.equal(await page.locator('#save-maps-svg').isDisabled(), false);
  await page.goto(server.base + sceneFragment({ version: 1, input: pictureScene(64).input, layers: [] }));
  await page.reload();
  await page.waitForSelector('canvas[data-map="0"]');
  assert.equal(await page.locator('#save-maps-svg').isDisabled(), true);
  await page.close();
});

// Takes the README's screenshots from the built dist/ in headless Chromium:
//   scripts/screenshots   (installs the CJK fonts if needed, builds, then runs this)
import { serveDist, launch, sceneFragment, waitForApp } from '../tests/e2e/harness.mjs';

const stack = {
  version: 1,
  input: [[1, 2, 0, 1, 3, 0], [0, 1, -1, 2, 1, 2], [2, 0, 1, 1, 0, 1], [1, 3, 0, -2, 1, 0], [0, 1, 2, 1, 1, 2], [2, 0, 1, 0, 3, 1]],
  layers: [
    { type: 'conv', kernel: [[1, 0, -1], [1, 0, -1], [1, 0, -1]], padding: [1, 1] },
    { type: 'max-pool', size: [2, 2] },
    { type: 'conv', kernel: [[1, 1], [1, 1]] },
  ],
};

const stepping = async (page) => {
  await page.locator('#step-forward').click();
  await page.locator('#step-forward').click();
  await page.locator('#arithmetic .term[data-term="2"]').hover();
};

const shots = [
  ['docs/first-screen.png', '', null, 900],
  ['docs/stepping.png', '', stepping, 900],
  ['docs/zh-hant.png', '?lang=zh-Hant', stepping, 900],
  ['docs/zh-hans.png', `?lang=zh-Hans${sceneFragment(stack)}`, async (page) => {
    await page.locator('[data-map="3"][data-row="1"][data-col="1"]').click();
    await page.mouse.move(0, 0);
  }, null],
  ['docs/stack.png', sceneFragment(stack), async (page) => {
    await page.locator('[data-map="3"][data-row="1"][data-col="1"]').click();
    await page.mouse.move(0, 0);
  }, null],
];

const n = 16;
const big = {
  version: 1,
  input: Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => (r * 3 + c) % 10)),
  layers: [1, 2, 3].map(() => ({ type: 'conv', kernel: [[1, 0, -1], [2, 1, -2], [1, 0, -1]], padding: [1, 1] })),
};
// [file, fragment, action, viewport, phone]
const more = [
  ['docs/projector.png', sceneFragment(big), async (page) => {
    await page.locator('[data-map="3"][data-row="8"][data-col="8"]').click();
    await page.mouse.move(0, 0);
  }, { width: 1920, height: 1080 }, false],
  ['docs/presentation.png', '', async (page) => {
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('p');
    await page.waitForTimeout(400);
  }, { width: 1920, height: 1080 }, false],
  ['docs/phone.png', '', async (page) => {
    await page.locator('#step-forward').click();
  }, { width: 390, height: 844 }, true],
  // The lesson (#15) in presentation mode: receptive fields, z selected.
  ['docs/lesson.png', '#lesson=8', async (page) => {
    await page.locator('#present').click();
    await page.locator('.app.presenting').waitFor();
    await page.mouse.move(0, 0);
    await page.waitForTimeout(400);
  }, { width: 1920, height: 1080 }, false],
  // The Code panel (#15): d2l's example in convolution mode as PyTorch.
  ['docs/code.png', sceneFragment({ version: 1, input: [[0, 1, 2], [3, 4, 5], [6, 7, 8]], layers: [{ type: 'conv', kernel: [[0, 1], [2, 3]], mode: 'convolution' }] }), async (page) => {
    await page.locator('#code-button').click();
    await page.locator('#code-text').waitFor();
    await page.locator('#code').scrollIntoViewIfNeeded();
  }, { width: 1280, height: 1000 }, false, '#code'],
];
// `ONLY=docs/a.png,docs/b.png` takes only those.
const only = process.env.ONLY?.split(',');
const wanted = (file) => !only || only.includes(file);

/** The learning demo (#14): d2l's edge detector learned by a convolution learner for 10
 *  epochs, the kernel to discover revealed, the loss curve on a log scale. */
async function learning(page) {
  await page.getByRole('button', { name: 'Learn the edge detector', exact: true }).click();
  await page.locator('#learn-mode').selectOption('convolution');
  for (let i = 0; i < 10; i++) await page.locator('#train-epoch').click();
  await page.locator('#reveal-kernel').click();
  await page.locator('#log-scale').check();
  await page.mouse.move(0, 0);
}

const server = await serveDist();
const browser = await launch();
try {
  if (wanted('docs/learn.png')) {
    // Tall enough that the panel needs no scrolling (the sticky step strip stays above it).
    const page = await browser.newPage({ viewport: { width: 1280, height: 2400 } });
    await page.goto(server.base);
    await waitForApp(page);
    await learning(page);
    await page.locator('#learn').screenshot({ path: 'docs/learn.png' });
    await page.close();
    console.log('wrote docs/learn.png');
  }
  for (const [file, fragment, act, height] of shots) {
    if (!wanted(file)) continue;
    const page = await browser.newPage({ viewport: { width: 1280, height: height ?? 800 } });
    await page.goto(server.base + fragment);
    await waitForApp(page);
    if (act) await act(page);
    await page.screenshot({ path: file, fullPage: height === null });
    await page.close();
    console.log(`wrote ${file}`);
  }
  for (const [file, fragment, act, viewport, phone, element] of more) {
    if (!wanted(file)) continue;
    const context = await browser.newContext({ viewport, isMobile: phone, hasTouch: phone });
    const page = await context.newPage();
    await page.goto(server.base + fragment);
    await waitForApp(page);
    await page.waitForSelector('main.maps[data-cell]');
    if (act) await act(page);
    await (element ? page.locator(element).screenshot({ path: file }) : page.screenshot({ path: file }));
    await context.close();
    console.log(`wrote ${file}`);
  }
} finally {
  await browser.close();
  await server.close();
}

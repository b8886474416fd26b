// Takes the README's screenshots from the built dist/ in headless Chromium:
//   node scripts/screenshots.mjs   (after `trunk build --release`)
import { serveDist, launch, sceneFragment, waitForApp } from '../tests/e2e/harness.mjs';

const shots = [
  ['docs/first-screen.png', ''],
  ['docs/stepping.png', '', async (page) => {
    await page.getByRole('button', { name: 'Step forward', exact: true }).click();
    await page.getByRole('button', { name: 'Step forward', exact: true }).click();
    await page.locator('#arithmetic .term[data-term="2"]').hover();
  }],
  ['docs/stack.png', sceneFragment({
    version: 1,
    input: [[1, 2, 0, 1, 3], [0, 1, -1, 2, 1], [2, 0, 1, 1, 0], [1, 3, 0, -2, 1], [0, 1, 2, 1, 1]],
    layers: [
      { type: 'conv', kernel: [[1, 0, -1], [1, 0, -1], [1, 0, -1]], padding: [1, 1] },
      { type: 'max-pool', size: [2, 2] },
    ],
  })],
];

const server = await serveDist();
const browser = await launch();
try {
  for (const [file, fragment, act] of shots) {
    const page = await browser.newPage({ viewport: { width: 1200, height: 700 } });
    await page.goto(server.base + fragment);
    await waitForApp(page);
    if (act) await act(page);
    await page.screenshot({ path: file, fullPage: true });
    await page.close();
    console.log(`wrote ${file}`);
  }
} finally {
  await browser.close();
  await server.close();
}

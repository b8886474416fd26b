// Trunk post-build step (scripts/post-build.mjs, after the CSP): writes the service worker
// `sw.js` that makes the app work offline after a first visit (school Wi-Fi drops).
//
// It lists the build's files (the page and its content-hashed files) and a version, the hash
// of them all, so a new build is a new sw.js: the browser installs it beside the old one, it
// caches the new files, then takes over and deletes the old cache. It answers only for those
// files and for the page itself, nothing else on the host:
//   - the page (the folder or index.html, whatever the query): from the network, revalidated
//     past any HTTP cache, so a new build is seen at once; offline, the cached page;
//   - the build's other files: the cached copy (their names change with their content), else
//     the network's.
// Installing checks that the page it caches is this build's (it names this build's script),
// so a stale page from an HTTP cache or a half-deployed host never becomes the offline copy.
// A debug build (`trunk serve`) gets a worker that removes itself: no caching while developing.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR ?? 'dist';
// The names of this app's caches at the worker's place (both workers below clean by it).
const PREFIX = "'convscope ' + self.registration.scope + ' '";
const release = !process.env.TRUNK_PROFILE || process.env.TRUNK_PROFILE === 'release';
if (!release) {
  writeFileSync(join(dir, 'sw.js'), `// convscope, ${process.env.TRUNK_PROFILE} build: no offline copy; this worker removes itself.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith(${PREFIX})).map((k) => caches.delete(k))))
    .then(() => self.registration.unregister()));
});
`);
  console.log(`sw: ${process.env.TRUNK_PROFILE} build, a worker that removes itself`);
  process.exit(0);
}
const files = readdirSync(dir)
  .filter((name) => !name.startsWith('.') && name !== 'sw.js' && !/\.(gz|br)$/.test(name) && statSync(join(dir, name)).isFile())
  .sort();
const hash = createHash('sha256');
for (const name of files) hash.update(name).update('\0').update(readFileSync(join(dir, name)));
const version = hash.digest('hex').slice(0, 16);
const hashed = files.filter((name) => name !== 'index.html');
// The page names this build's script: what proves a fetched page is this build's.
const script = hashed.find((name) => /^convscope-[0-9a-f]+\.js$/.test(name));
if (!files.includes('index.html') || !script) throw new Error(`sw: no index.html or app script in ${dir}`);

const worker = `// convscope's service worker, written by scripts/sw.mjs for one build: offline after a first visit.
const VERSION = ${JSON.stringify(version)};
const HASHED = ${JSON.stringify(hashed)};
const SCRIPT = ${JSON.stringify(script)};
// One cache per build and per place the app is served from (two copies on one host keep theirs).
const PREFIX = ${PREFIX};
const CACHE = PREFIX + VERSION;
const SCOPE = self.registration.scope;
const PAGE = SCOPE + 'index.html';
const FILES = new Set(HASHED.map((name) => SCOPE + name));

// The page, asked past any HTTP cache (revalidated), and only if it is this build's.
async function freshPage() {
  const response = await fetch(PAGE, { cache: 'no-cache' });
  const copy = response.clone();
  if (!response.ok || !(await response.text()).includes(SCRIPT)) throw new Error('not this build\\'s page');
  return copy;
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.put(PAGE, await freshPage());
    await cache.addAll([...FILES]);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = request.url.split('#')[0].split('?')[0];
  if (request.mode === 'navigate' && (url === SCOPE || url === PAGE)) {
    // Revalidated past the HTTP cache; a redirect stays the browser's to follow.
    event.respondWith(fetch(new Request(request, { cache: 'no-cache' }))
      .catch(() => caches.open(CACHE).then((cache) => cache.match(PAGE)).then((page) => page ?? Response.error())));
  } else if (FILES.has(url)) {
    event.respondWith(caches.open(CACHE).then((cache) => cache.match(url)).then((hit) => hit ?? fetch(request)));
  }
});
`;
writeFileSync(join(dir, 'sw.js'), worker);
console.log(`sw: ${files.length} files cached for offline use, version ${version}`);

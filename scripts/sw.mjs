// Trunk post-build step (scripts/post-build.mjs, after the CSP): writes the service worker
// `sw.js` that makes the app work offline after a first visit (school Wi-Fi drops).
//
// It lists every file of the build (the page and its content-hashed files) and a version, the
// hash of them all, so a new build is a new sw.js: the browser installs it beside the old one,
// it caches the new files, then takes over and deletes the old cache. Requests:
//   - the page: from the network when there is one (a new build is seen at once), else the
//     cached page;
//   - any other file of the app: the cached copy, else the network's (files named by their
//     content never change under a name). A file fetched on demand is kept for next time.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR ?? 'dist';
const files = readdirSync(dir)
  .filter((name) => !name.startsWith('.') && name !== 'sw.js' && !/\.(gz|br)$/.test(name) && statSync(join(dir, name)).isFile())
  .sort();
const hash = createHash('sha256');
for (const name of files) hash.update(name).update('\0').update(readFileSync(join(dir, name)));
const version = hash.digest('hex').slice(0, 16);
// The page is cached as the folder ("./"), the address a visit opens.
const cached = ['./', ...files.filter((name) => name !== 'index.html').map((name) => `./${name}`)];

const worker = `// convscope's service worker, written by scripts/sw.mjs for one build: offline after a first visit.
const VERSION = ${JSON.stringify(version)};
const FILES = ${JSON.stringify(cached)};
// One cache per build and per place the app is served from (two copies on one host keep theirs).
const PREFIX = 'convscope ' + self.registration.scope + ' ';
const CACHE = PREFIX + VERSION;
const PAGE = new URL('./', self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => caches.open(CACHE).then((cache) => cache.match(PAGE))
      .then((page) => page ?? Response.error())));
    return;
  }
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(request).then((hit) => hit ?? fetch(request).then((response) => {
    if (response.ok) cache.put(request, response.clone());
    return response;
  }))));
});
`;
writeFileSync(join(dir, 'sw.js'), worker);
console.log(`sw: ${cached.length} files cached for offline use, version ${version}`);

// Trunk's one post-build hook: the steps that finish a build, in order. (Trunk starts the hooks
// of a stage all at once, so steps that read what an earlier one wrote must not be separate
// hooks.)
//   1. csp.mjs      the Content-Security-Policy, with the hashes of index.html's inline scripts;
//   2. sw.mjs       the service worker, which lists every file (index.html final by then);
//   3. compress.mjs gzip and brotli copies of every file, for hosts that serve them.
await import('./csp.mjs');
await import('./sw.mjs');
await import('./compress.mjs');

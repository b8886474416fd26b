// Trunk post-build hook (the last one): writes a gzip (-9) and a brotli (quality 11) copy beside
// every text or wasm file of a release build, for static hosts that serve precompressed files
// (a `.gz` or `.br` beside the file asked for, chosen by the browser's Accept-Encoding) instead
// of compressing on every request or not at all. The app ships in about a third of its bytes
// that way (the README's table). A debug build (`trunk serve`) is left alone: brotli at its
// best takes seconds, and a developer's server compresses nothing.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.svg', '.json', '.txt', '.webmanifest']);
const dir = process.env.TRUNK_STAGING_DIR ?? 'dist';
if (process.env.TRUNK_PROFILE && process.env.TRUNK_PROFILE !== 'release') {
  console.log(`compress: ${process.env.TRUNK_PROFILE} build, no compressed copies`);
  process.exit(0);
}
let raw = 0;
let gz = 0;
let br = 0;
for (const name of readdirSync(dir)) {
  const file = join(dir, name);
  if (!statSync(file).isFile() || !COMPRESSIBLE.has(extname(name))) continue;
  const body = readFileSync(file);
  const gzip = gzipSync(body, { level: 9 });
  const brotli = brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      [constants.BROTLI_PARAM_MODE]: extname(name) === '.wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
    },
  });
  writeFileSync(`${file}.gz`, gzip);
  writeFileSync(`${file}.br`, brotli);
  raw += body.length;
  gz += gzip.length;
  br += brotli.length;
}
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`compress: ${kib(raw)} → ${kib(gz)} gzip, ${kib(br)} brotli`);

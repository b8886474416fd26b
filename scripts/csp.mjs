// Trunk post-build hook: writes a Content-Security-Policy into the built index.html that allows
// only what the app needs. Trunk's loader is an inline module script whose text changes with
// every build (it names hashed files), so the policy allows exactly those inline scripts by
// their SHA-256 hashes. No inline style is allowed: colours and widths are classes.
// The WebSocket of `trunk serve`'s autoreload is allowed only when that script is present.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const file = join(process.env.TRUNK_STAGING_DIR ?? 'dist', 'index.html');
let html = readFileSync(file, 'utf8');
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
// `trunk serve` fills the autoreload script's address and WebSocket base in when it serves the
// page, so its hash is taken for the addresses the README serves on.
const served = (text) => ["'127.0.0.1:8080'", "'localhost:8080'", 'window.location.host'].map((host) =>
  text.replace(/(['`])\{\{__TRUNK_ADDRESS__\}\}\1/g, host).replace(/\{\{__TRUNK_WS_BASE__\}\}/g, '/'));
const hashes = [...new Set(inline.flatMap((text) => (text.includes('{{__TRUNK_ADDRESS__}}') ? served(text) : [text]).map(sha)))];
const autoreload = inline.some((text) => text.includes('WebSocket'));
const policy = [
  "default-src 'none'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self'",
  "img-src 'self' data:",
  `connect-src 'self'${autoreload ? ' ws: wss:' : ''}`,
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
html = html.replace(/<meta http-equiv="?Content-Security-Policy"?[^>]*>/i, '');
// Right after the charset declaration (which must come first), else at the start of the head.
const charset = html.match(/<meta charset="?utf-8"?\s*\/?>/i);
html = charset
  ? html.replace(charset[0], `${charset[0]}${meta}`)
  : html.replace(/<head>|(?=<meta)/i, (head) => `${head}${meta}`);
if (!html.includes(meta)) throw new Error('could not place the Content-Security-Policy in index.html');
writeFileSync(file, html);
console.log(`csp: ${hashes.length} inline script(s) allowed by hash${autoreload ? ', autoreload WebSocket allowed' : ''}`);

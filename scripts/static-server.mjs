// A small static file server for the built browser app (127.0.0.1 only).
// Used by scripts/run.sh (serve) and by the browser tests.
//   node scripts/static-server.mjs DIR [PORT]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm',
  '.json': 'application/json', '.png': 'image/png', '.css': 'text/css', '.data': 'application/octet-stream',
  '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json',
};

// Text and wasm go out gzip-compressed when the browser accepts it, as any
// static host serves them (nginx gzip_static, CDNs; packaging/web-README.md):
// a third of the bytes. Compressed once per file version, kept in memory.
const COMPRESSIBLE = new Set(['.html', '.js', '.wasm', '.json', '.css', '.svg', '.webmanifest']);
const gzipped = new Map();  // file -> { mtimeMs, size, data }
function gzipOf(file, data, stat) {
  const hit = gzipped.get(file);
  if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.data;
  const gz = zlib.gzipSync(data, { level: 6 });
  gzipped.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, data: gz });
  return gz;
}

export function startServer(dir, port = 0, host = '127.0.0.1') {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(root, '.' + rel);
    if (!file.startsWith(root + path.sep)) { res.writeHead(403); res.end('forbidden'); return; }
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404, { 'Content-Type': 'text/plain' }); res.end('not found'); return; }
      const headers = { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' };
      if (COMPRESSIBLE.has(path.extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        data = gzipOf(file, data, fs.statSync(file));
        headers['Content-Encoding'] = 'gzip';
        headers['Vary'] = 'Accept-Encoding';
      }
      // Content-Length lets the page's loading bar show how much is left.
      headers['Content-Length'] = data.length;
      res.writeHead(200, headers);
      res.end(data);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  const port = Number(process.argv[3] || 8080);
  if (!dir || !fs.existsSync(path.join(dir, 'index.html'))) {
    console.error(`static-server: ${dir}/index.html not found (build the web preset first)`);
    process.exit(2);
  }
  startServer(dir, port).then(() => {
    console.log(`RoleLab is served at http://127.0.0.1:${port}/  (Ctrl-C stops it)`);
  }, (e) => { console.error(`static-server: cannot listen on 127.0.0.1:${port}: ${e.message}`); process.exit(1); });
}

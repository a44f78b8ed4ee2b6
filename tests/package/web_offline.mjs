// Checks the web bundle: unpacked into a fresh folder, it has the site's
// files; served, headless Chromium (playwright-core) gets to the ready flag
// and a service worker takes control; then the server is stopped and the
// browser put offline, and a reload still gets to ready, from the worker.
//   node web_offline.mjs --tarball build/dist/rolelab-web-V.tar.gz --out DIR --node-modules DIR
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const { startServer } = await import(path.join(here, '../../scripts/static-server.mjs'));
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const require = createRequire(path.join(path.resolve(args['node-modules']), 'x.js'));
const { chromium } = require('playwright-core');

let failures = 0;
function check(cond, what) {
  console.log(`${cond ? 'ok  ' : 'FAIL'} ${what}`);
  if (!cond) failures++;
  return cond;
}

// ---- the archive, unpacked where nothing else is
const version = path.basename(args.tarball).match(/^rolelab-web-(.+)\.tar\.gz$/)?.[1];
check(!!version, `the archive is named rolelab-web-VERSION.tar.gz (${path.basename(args.tarball)})`);
const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'rolelab-web-'));
execFileSync('tar', ['-xzf', path.resolve(args.tarball), '-C', unpacked]);
const site = path.join(unpacked, `rolelab-web-${version}`);
const expected = ['README.md', 'icon-192.png', 'icon-512.png', 'icon.svg', 'index.html', 'index.js', 'index.wasm',
                  'manifest.webmanifest', 'sw.js'];
const found = fs.existsSync(site) ? fs.readdirSync(site).sort() : [];
check(JSON.stringify(found) === JSON.stringify(expected), `one folder rolelab-web-${version}/ with the site's files (${found.join(' ')})`);
const sw = fs.readFileSync(path.join(site, 'sw.js'), 'utf8');
check(sw.includes(`'rolelab-${version}-`) && !sw.includes('@ROLELAB_'), 'sw.js has its cache name filled in (version and build hash)');
const readme = fs.readFileSync(path.join(site, 'README.md'), 'utf8');
check(readme.includes('application/wasm') && readme.includes(version), 'the README says how to host it (the .wasm MIME type) and the version');
const manifest = JSON.parse(fs.readFileSync(path.join(site, 'manifest.webmanifest'), 'utf8'));
check(manifest.icons.every((i) => fs.existsSync(path.join(site, i.src))), 'every icon the manifest names is there');

const server = await startServer(site, 0);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const isReady = () => {
  try { return !!window.rolelabTiming.ready && JSON.parse(Module.ccall('rolelab_test_state', 'string', [], [])).ready; } catch (e) { return false; }
};
try {
  const context = await browser.newContext({ viewport: { width: 1024, height: 700 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base);
  await page.waitForFunction(isReady, null, { timeout: 90000 });
  check(true, 'served from a fresh folder, the page gets to ready');
  // The worker installs after the load event (caching every file), activates and claims the page.
  await page.waitForFunction(() => !!navigator.serviceWorker && !!navigator.serviceWorker.controller, null, { timeout: 60000 });
  const cache = await page.evaluate(async () => {
    const names = await caches.keys();
    const c = await caches.open(names.find((n) => n.startsWith('rolelab-')));
    return { names, urls: (await c.keys()).map((r) => new URL(r.url).pathname) };
  });
  check(cache.names.length === 1 && cache.names[0].startsWith(`rolelab-${version}-`), `one cache, for this build (${cache.names.join(', ')})`);
  check(['/', '/index.js', '/index.wasm'].every((p) => cache.urls.includes(p)), `the page, index.js and index.wasm are cached (${cache.urls.join(' ')})`);
  const manifestLink = await page.evaluate(() => document.querySelector('link[rel=manifest]')?.href || '');
  check(manifestLink.endsWith('/manifest.webmanifest'), 'the page links its manifest');

  // ---- the network off: the server stopped, and the browser offline
  // Every connection is dropped at once: one still busy (the browser may
  // fetch a manifest icon at any time) kept close() waiting forever in one
  // run on a loaded machine, as the connections were only closed after it.
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeAllConnections?.();
  await closed;
  await context.setOffline(true);
  const fromNetwork = [];
  page.on('requestfinished', async (r) => {
    const resp = await r.response();
    if (resp && !resp.fromServiceWorker()) fromNetwork.push(new URL(r.url()).pathname);
  });
  await page.reload();
  await page.waitForFunction(isReady, null, { timeout: 90000 });
  const after = await page.evaluate(() => ({
    controlled: !!navigator.serviceWorker.controller, online: navigator.onLine,
    lessons: JSON.parse(Module.ccall('rolelab_test_state', 'string', [], [])).lessons.length,
  }));
  check(!after.online, 'the browser is offline (navigator.onLine is false) and the server is stopped');
  check(after.controlled, 'after the reload the service worker controls the page');
  check(after.lessons > 0, `offline, the reloaded page is ready with the course (${after.lessons} lessons)`);
  check(fromNetwork.length === 0, `offline, nothing came from the network (${fromNetwork.join(' ') || 'none'})`);
  check(errors.length === 0, `no console errors (${errors.join(' | ') || 'none'})`);
  if (args.out) {
    fs.mkdirSync(args.out, { recursive: true });
    await page.screenshot({ path: path.join(args.out, 'web-offline.png') });
  }
} catch (e) {
  check(false, `the browser run: ${e.message}`);
} finally {
  await browser.close();
  server.close();
  fs.rmSync(unpacked, { recursive: true, force: true });
}
console.log(`web bundle: ${failures} failed`);
process.exit(failures ? 1 : 0);

// RoleLab's service worker: once the page has been opened, it loads and runs
// with the network off. The app is a handful of files (the lessons, worlds and
// fonts are inside index.wasm), all cached when the worker installs; requests
// for them are answered from the cache first. Anything else (a custom lesson
// given by ?lesson=URL, links) goes to the network untouched.
// The build writes this file next to index.html (cmake/WebBundle.cmake) with
// the cache name filled in: the project version and a hash of the built page,
// so every new build is a new worker, which fills a new cache and deletes the
// old ones. Cache-first means a visitor sees a new build on the visit after
// the one that installed it.
const CACHE = 'rolelab-@ROLELAB_VERSION@-@ROLELAB_BUILD_HASH@';
const FILES = ['./', 'index.js', 'index.wasm', 'manifest.webmanifest', 'icon.svg', 'icon-192.png', 'icon-512.png'];

self.addEventListener('install', (event) => {
  // cache: 'reload' so the copies come from the server, not a stale HTTP cache.
  event.waitUntil(caches.open(CACHE)
    .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n.startsWith('rolelab-') && n !== CACHE).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));  // the page that registered us is controlled without a reload
});

const scope = new URL(self.registration.scope);
const own = new Set(FILES.map((f) => new URL(f, scope).pathname));

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== scope.origin) return;
  // The page itself under any query (?lesson=..., share links) is the cached page.
  const page = req.mode === 'navigate' && (url.pathname === scope.pathname || url.pathname === scope.pathname + 'index.html');
  if (!page && !own.has(url.pathname)) return;
  const key = page ? './' : url.pathname;
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(new URL(key, scope).href).then((hit) => hit || fetch(req))));
});

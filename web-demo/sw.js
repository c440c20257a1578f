// The web demo's service worker: once the page has been opened, it opens again and audits records
// with no network at all (an auditor's machine taken offline).
//
// Network first: while the origin answers, every file comes from it and the copy kept here is
// refreshed, so a new version is never hidden behind an old one; when it does not answer, the copy
// kept from the last visit is served. Records an auditor opens are local files: they never pass
// through here and are never kept.

const CACHE = 'yishi-demo-v1';

/** The page's own files, kept at installation (the e2e test checks that none is missing). */
const SHELL = [
  './',
  'index.html',
  'style.css',
  'app.js',
  'audit-core.js',
  'audit-worker.js',
  'auditor.js',
  'clock.js',
  'csv.js',
  'dom.js',
  'errors.js',
  'errors.json',
  'format.js',
  'i18n.js',
  'live.js',
  'model.js',
  'organiser.js',
  'receipts.js',
  'sample.js',
  'store.js',
  'warnings.js',
  'warnings-zh.json',
  'wasm.js',
  'pkg/yishi_wasm.js',
  'pkg/yishi_wasm_bg.wasm',
];

/** Kept when the server has it: the bundled examples' index (a record is kept once opened). */
const OPTIONAL = ['examples/index.json'];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(SHELL);
    // wasm-bindgen's inline JS lives in pkg/snippets/<hash>/: kept under the names the glue imports.
    const glue = await (await cache.match('pkg/yishi_wasm.js')).text();
    const snippets = new Set([...glue.matchAll(/from '\.\/(snippets\/[^']+)'/g)].map((m) => `pkg/${m[1]}`));
    await cache.addAll([...snippets]);
    await Promise.all(OPTIONAL.map((url) => cache.add(url).catch(() => {})));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    try {
      const response = await fetch(request);
      if (response.ok && response.type === 'basic') {
        const copy = response.clone();
        event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
      }
      return response;
    } catch (offline) {
      const kept = await caches.match(request, { ignoreSearch: true });
      if (kept) return kept;
      throw offline;
    }
  })());
});

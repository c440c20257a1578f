// The web demo's service worker: once the page has been opened, it opens again and audits records
// with no network at all (an auditor's machine taken offline).
//
// Network first: while the origin answers, every file comes from it and the copy kept here is
// refreshed, so a new version is never hidden behind an old one; when it does not answer (no
// connection, a server error, or no answer within NETWORK_WAIT_MS where a copy is kept), the copy
// kept from the last visit is served. Records an auditor opens from disk never pass through here;
// the bundled example records are kept once opened, like any file of the page.

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

/** How long a request waits for the network before a kept copy is served instead. */
const NETWORK_WAIT_MS = 5000;

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
  const network = fetch(request);
  // Kept as it arrives (cloned before the page reads it), for as long as that takes.
  event.waitUntil(network.then((response) => {
    if (!response.ok || response.type !== 'basic') return undefined;
    const copy = response.clone();
    return caches.open(CACHE).then((cache) => cache.put(request, copy));
  }).catch(() => {}));
  event.respondWith((async () => {
    const kept = await caches.match(request);
    if (!kept) return network;
    // A server that hangs or fails is no better than none: the kept copy then.
    const late = new Promise((ok) => setTimeout(() => ok(kept), NETWORK_WAIT_MS));
    const answered = network.then((response) => (response.status >= 500 ? kept : response), () => kept);
    return Promise.race([answered, late]);
  })());
});

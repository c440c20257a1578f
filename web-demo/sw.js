// The web demo's service worker: once the page has been opened, it opens again and audits records
// with no network at all (an auditor's machine taken offline).
//
// Network first: while the origin answers, every file comes from it and the copy kept here is
// refreshed, so a new version is never hidden behind an old one; when it does not answer (no
// connection, a server error, or no answer within NETWORK_WAIT_MS where a copy is kept), the copy
// kept from the last visit is served. The WebAssembly package is one build: it is refreshed and
// served as a whole (see freshPackage), so a new glue never meets an old `.wasm`. Records an auditor opens from disk never pass through here;
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

/**
 * The WebAssembly package (`pkg/`: the glue, its `.wasm` and the glue's snippets) only works as
 * one build, so it is fetched, kept and served as a whole: all fresh from the server, or all as
 * kept. A page load asks for its files one by one, so one fetch of the whole serves every request
 * for PKG_BATCH_MS.
 */
const PKG = 'pkg/';
const PKG_BATCH_MS = 10000;

/** The snippet files a wasm-bindgen glue text imports, as paths from the page. */
function snippetsOf(glue) {
  return [...new Set([...glue.matchAll(/from '\.\/(snippets\/[^']+)'/g)].map((m) => `${PKG}${m[1]}`))];
}

/** A fetch that fails when the network has not answered within NETWORK_WAIT_MS. */
function fetchWithin(path) {
  return Promise.race([
    fetch(path, { cache: 'no-store' }),
    new Promise((_, no) => setTimeout(() => no(new Error('no answer')), NETWORK_WAIT_MS)),
  ]);
}

let pkgBatch = null;

/**
 * The package, fresh: a Map from path to response, each file answered with 2xx, and kept
 * together; or null (a file failed or was late), leaving the kept package as it was.
 */
function freshPackage() {
  if (pkgBatch && Date.now() - pkgBatch.at < PKG_BATCH_MS) return pkgBatch.files;
  const files = (async () => {
    try {
      const glue = await fetchWithin(`${PKG}yishi_wasm.js`);
      if (!glue.ok) return null;
      const rest = [`${PKG}yishi_wasm_bg.wasm`, ...snippetsOf(await glue.clone().text())];
      const answers = await Promise.all(rest.map(fetchWithin));
      if (answers.some((r) => !r.ok)) return null;
      const all = new Map([[`${PKG}yishi_wasm.js`, glue], ...rest.map((path, i) => [path, answers[i]])]);
      const cache = await caches.open(CACHE);
      await Promise.all([...all].map(([path, response]) => cache.put(path, response.clone())));
      return all;
    } catch {
      return null;
    }
  })();
  pkgBatch = { at: Date.now(), files };
  return files;
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(SHELL);
    // wasm-bindgen's inline JS lives in pkg/snippets/<hash>/: kept under the names the glue imports.
    await cache.addAll(snippetsOf(await (await cache.match(`${PKG}yishi_wasm.js`)).text()));
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
  const path = new URL(request.url).href.slice(new URL('./', self.location).href.length);
  if (path.startsWith(PKG) && !new URL(request.url).search) {
    event.respondWith((async () => {
      const fresh = (await freshPackage())?.get(path);
      if (fresh) return fresh.clone();
      return (await caches.match(request)) || fetch(request);
    })());
    return;
  }
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

// The web demo's service worker: once the page has been opened, it opens again and audits records
// with no network at all (an auditor's machine taken offline).
//
// Network first: while the origin answers, every file comes from it and the copy kept here is
// refreshed, so a new version is never hidden behind an old one; when it does not answer (no
// connection, a server error, or no answer within NETWORK_WAIT_MS where a copy is kept), the copy
// kept from the last visit is served. Records an auditor opens from disk never pass through here;
// the bundled example records are kept once opened, like any file of the page.
//
// The WebAssembly package is one build (its glue names the `.wasm`'s exports by hash), so it is
// fetched, kept and served as a whole: each page load fetches all of it once (fetchPackage), and
// every request for it, the audit worker's included, gets that fetch's files when all of them
// arrived, else the kept package. A new glue never meets an old `.wasm`.

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
];

/** The WebAssembly package: the glue and its `.wasm`; the glue's snippets are read from it. */
const PACKAGE = ['pkg/yishi_wasm.js', 'pkg/yishi_wasm_bg.wasm'];

/** Kept when the server has it: the bundled examples' index (a record is kept once opened). */
const OPTIONAL = ['examples/index.json'];

/** How long a request waits for the network before a kept copy is served instead. */
const NETWORK_WAIT_MS = 5000;

/** How long fetching the whole package may take (answers and bodies) before the kept one is used. */
const PACKAGE_WAIT_MS = 10000;

/** Each fetched package is kept in a cache of its own, named here once it is whole. */
const PACKAGE_CACHE = 'yishi-demo-pkg-';
const CURRENT_PACKAGE = 'pkg-current';

/** The snippet files a wasm-bindgen glue text imports, as paths from the page. */
function snippetsOf(glue) {
  return [...new Set([...glue.matchAll(/from '\.\/(snippets\/[^']+)'/g)].map((m) => `pkg/${m[1]}`))];
}

/** A response holding a fetched file. */
const respond = (file) => new Response(file.body, { headers: { 'content-type': file.type } });

/**
 * Fetches the whole package (the server's answers and their bodies within PACKAGE_WAIT_MS) and
 * keeps it: written to a new cache, which is then named the current package and the older ones
 * deleted, so what is kept is always one whole build. Resolves to a Map from path to file, or to
 * null when any file failed or was late (the kept package is then left as it was).
 */
async function fetchPackage() {
  const late = new AbortController();
  const timer = setTimeout(() => late.abort(), PACKAGE_WAIT_MS);
  const name = `${PACKAGE_CACHE}${Date.now()}-${Math.random().toString(36).slice(2)}`;
  try {
    const get = async (path) => {
      const response = await fetch(path, { cache: 'no-store', signal: late.signal });
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      return { path, body: await response.arrayBuffer(), type: response.headers.get('content-type') || '' };
    };
    const glue = await get(PACKAGE[0]);
    const others = [...PACKAGE.slice(1), ...snippetsOf(new TextDecoder().decode(glue.body))];
    const files = [glue, ...(await Promise.all(others.map(get)))];
    const cache = await caches.open(name);
    await Promise.all(files.map((file) => cache.put(file.path, respond(file))));
    await (await caches.open(CACHE)).put(CURRENT_PACKAGE, new Response(name));
    for (const key of await caches.keys()) {
      if (key.startsWith(PACKAGE_CACHE) && key !== name) await caches.delete(key);
    }
    return new Map(files.map((file) => [file.path, file]));
  } catch {
    await caches.delete(name);
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** A file of the kept package, if there is one. */
async function keptPackageFile(path) {
  const pointer = await (await caches.open(CACHE)).match(CURRENT_PACKAGE);
  if (!pointer) return undefined;
  return (await caches.open(await pointer.text())).match(path);
}

/** The package fetched for the latest page load (started by its navigation). */
let pkgFetch = null;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(SHELL);
    if (!(await fetchPackage())) throw new Error('the WebAssembly package could not be fetched');
    await Promise.all(OPTIONAL.map((url) => cache.add(url).catch(() => {})));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key !== CACHE && !key.startsWith(PACKAGE_CACHE)) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const scope = new URL('./', self.location).href;
  const path = url.href.startsWith(scope) && !url.search ? url.href.slice(scope.length) : null;
  if (request.mode === 'navigate') pkgFetch = fetchPackage();
  if (path !== null && (PACKAGE.includes(path) || path.startsWith('pkg/snippets/'))) {
    event.respondWith((async () => {
      const fresh = (await (pkgFetch ??= fetchPackage()))?.get(path);
      if (fresh) return respond(fresh);
      return (await keptPackageFile(path)) || fetch(request);
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

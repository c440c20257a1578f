#!/usr/bin/env node
// End-to-end test of the web demo in headless Debian Chromium (playwright-core, no downloaded browsers).
//
//   node web-demo/e2e/run.mjs
//
// Serves web-demo/ at / and examples/ at /examples/ on a free port (or uses YISHI_DEMO_URL when
// `cargo xtask test` serves it), runs a small vote to a passing result through the UI, reloads,
// exports the record, verifies it in the auditor view (also against a published head hash, as
// `yishi verify --expect-head` does, and word for word with the CLI when one is built), tampers with
// one ballot and checks that the auditor shows the failing seq and code, with the code's meaning and
// fix from docs/errors.md in either language; in English, checks plurals and that the record's
// Chinese text is marked lang="zh-CN"; audits a generated 20 MB record (`cargo xtask gen-record`) in a
// module worker, the page's thread never held up for long (a third of the audit at most), with the results of `yishi tally --json`,
// and cancels it by opening another file; and audits on the page's own thread where there is no
// Worker. Fails on any console error. Saves screenshots under
// web-demo/screenshots/. Exit code 0 on success, 1 on failure.

import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const demoDir = resolve(here, '..');
const repoDir = resolve(demoDir, '..');
const shotsDir = join(demoDir, 'screenshots');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
  '--no-first-run', '--disable-component-update', '--disable-sync'];

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.jsonl': 'application/jsonl; charset=utf-8',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png', '.ts': 'text/plain; charset=utf-8',
};

/** web-demo/ at /, examples/ at /examples/, and wasm/pkg/ at /pkg/ when web-demo/pkg/ is not there. */
function startServer() {
  const roots = [['/examples/', join(repoDir, 'examples')]];
  if (!existsSync(join(demoDir, 'pkg', 'yishi_wasm.js'))) roots.push(['/pkg/', join(repoDir, 'wasm', 'pkg')]);
  roots.push(['/', demoDir]);
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const [prefix, root] = roots.find(([p]) => path.startsWith(p));
    let file = normalize(join(root, path.slice(prefix.length)));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(400).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** docs/errors.md as {code: {zh: {meaning, fix}, en: {meaning, fix}}}, read here on its own (not through errors.json). */
function errorCatalogue() {
  const out = {};
  let code = null;
  const labels = [['- 含义：', 'zh', 'meaning'], ['- 修正：', 'zh', 'fix'], ['- Meaning: ', 'en', 'meaning'], ['- Fix: ', 'en', 'fix']];
  for (const line of readFileSync(join(repoDir, 'docs', 'errors.md'), 'utf8').split('\n')) {
    const m = /^## `([^`]+)`$/.exec(line);
    if (m) { code = m[1]; out[code] = { zh: {}, en: {} }; continue; }
    for (const [label, lang, k] of labels) if (code && line.startsWith(label)) out[code][lang][k] = line.slice(label.length).trim();
  }
  return out;
}

/** The `yishi` CLI to compare verdicts with: YISHI_CLI, else the newer of target/{debug,release}/yishi, if built. */
function cliBinary() {
  if (process.env.YISHI_CLI) return existsSync(process.env.YISHI_CLI) ? process.env.YISHI_CLI : null;
  const found = [join(repoDir, 'target', 'debug', 'yishi'), join(repoDir, 'target', 'release', 'yishi')].filter((f) => existsSync(f));
  // the most recently built one
  return found.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0] || null;
}

/** `cargo xtask gen-record` into `file`; the file, or null when it could not be generated. */
function generateRecord(file, { owners, ballots, seed }) {
  const r = spawnSync('cargo', ['xtask', 'gen-record', '--owners', String(owners), '--ballots', String(ballots), '--seed', String(seed), '--out', file],
    { cwd: repoDir, encoding: 'utf8' });
  if (r.status !== 0) console.log(`  gen-record: ${r.error || r.stderr}`);
  return r.status === 0 && existsSync(file) ? file : null;
}

/** Whether `cond()` holds within `ms` milliseconds (looked at every 50 ms). */
async function until(cond, ms = 3000) {
  for (const end = Date.now() + ms; !cond(); await new Promise((ok) => setTimeout(ok, 50))) if (Date.now() > end) return false;
  return true;
}

let failures = 0;
function check(cond, what) {
  if (cond) console.log(`  ok   ${what}`);
  else {
    failures += 1;
    console.log(`  FAIL ${what}`);
  }
}

/**
 * The page opened once, then its server stopped: the page opens again from what its service worker
 * (sw.js) kept, audits a bundled record in its worker, and finds a ballot's receipt, with no
 * network. Uses a server of its own, so the one the other checks use stays up.
 */
async function offline(browser, problems) {
  const tid = (id) => `[data-testid="${id}"]`;
  // Every file of the page is kept at installation: sw.js's list names them all.
  const sw = readFileSync(join(demoDir, 'sw.js'), 'utf8');
  const listed = new Set(['SHELL', 'PACKAGE'].flatMap((list) => [...(sw.match(new RegExp(`const ${list} = \\[([^\\]]*)\\]`))?.[1] ?? '')
    .matchAll(/'([^']+)'/g)].map((m) => m[1])));
  const own = readdirSync(demoDir).filter((f) => /\.(js|json|css|html)$/.test(f) && !['sw.js', 'package.json', 'package-lock.json'].includes(f));
  const missing = [...own, 'pkg/yishi_wasm.js', 'pkg/yishi_wasm_bg.wasm'].filter((f) => !listed.has(f));
  check(missing.length === 0, `sw.js keeps every file of the page${missing.length ? `; missing: ${missing.join(', ')}` : ''}`);

  const record = join(repoDir, 'examples', 'bihu-ev-chargers.jsonl');
  if (!existsSync(record)) return;
  const server = await startServer();
  const base = `http://127.0.0.1:${server.address().port}/`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  context.setDefaultTimeout(20000);
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`offline tab page error: ${e.message}`));
    await page.goto(`${base}#auditor`);
    await page.waitForSelector('body[data-ready="1"]');
    // Installed, and in control of the page (it claims the page it was installed from).
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
      }
    });
    // Online, a file comes from the server, fresh (and is kept as it came); a server error or a
    // server that does not answer gets the kept copy instead (routes on the context also see what
    // the service worker fetches).
    const indexUrl = '**/examples/index.json';
    const read = () => page.evaluate(() => fetch('./examples/index.json').then((r) => r.text()));
    await context.route(indexUrl, (route) => route.fulfill({ contentType: 'application/json', body: '{"fresh":1}' }));
    check(await read() === '{"fresh":1}', 'service worker: online, a file comes fresh from the server');
    await context.unroute(indexUrl);
    // ... and is kept as it came (stored in the background: waited for here).
    check(await page.waitForFunction(() => caches.match('./examples/index.json').then((r) => r && r.text()).then((t) => t === '{"fresh":1}'))
      .then(() => true, () => false), 'service worker: the fresh copy is kept');
    await context.route(indexUrl, (route) => route.fulfill({ status: 503, body: 'down' }));
    check(await read() === '{"fresh":1}', 'service worker: a server error gets the kept copy');
    await context.unroute(indexUrl);
    const hung = [];
    await context.route(indexUrl, (route) => { hung.push(route); });
    const t0 = Date.now();
    const kept = await read();
    check(kept === '{"fresh":1}' && Date.now() - t0 < 15000, `service worker: a server that does not answer gets the kept copy (${Date.now() - t0} ms)`);
    await context.unroute(indexUrl);
    for (const route of hung) await route.abort().catch(() => {});

    // The WebAssembly package is one build, fetched once per page load and served and kept as a
    // whole: a newer glue whose `.wasm` fails is neither served nor kept (the page, its audit
    // worker included, gets the kept build); at the next load, with both answering, both are.
    const glueUrl = '**/pkg/yishi_wasm.js';
    const wasmUrl = '**/pkg/yishi_wasm_bg.wasm';
    const keptGlue = () => page.evaluate(() => caches.match('./pkg/yishi_wasm.js').then((r) => r && r.text()));
    const servedGlue = () => page.evaluate(() => fetch('./pkg/yishi_wasm.js').then((r) => r.text()));
    const before = await keptGlue();
    // A glue of another build: it imports what the kept .wasm does not export, so served beside
    // that .wasm it would not load.
    const other = before.replace(/(__wbg_\w+)(: function)/, '$1_of_another_build$2');
    check(other !== before, 'e2e: a glue of another build is made');
    await context.route(glueUrl, (route) => route.fulfill({ contentType: 'text/javascript', body: other }));
    await context.route(wasmUrl, (route) => route.fulfill({ status: 503, body: 'down' }));
    await page.reload();
    await page.waitForSelector('body[data-ready="1"]');
    check(await page.$(tid('wasm-missing')) === null && await servedGlue() === before && await keptGlue() === before,
      'service worker: a newer glue whose .wasm fails is neither served nor kept; the kept build loads');
    // The audit worker, which imports the glue later, gets the same build as the page.
    let started = 0;
    const onWorker = () => { started += 1; };
    page.on('worker', onWorker);
    await page.setInputFiles(tid('audit-file'), join(repoDir, 'examples', 'bihu-tree-pruning.jsonl'));
    await page.waitForSelector(tid('audit-ok'));
    const workerLoaded = await page.evaluate(() => document.body.dataset.auditWorker ?? null);
    page.off('worker', onWorker);
    check(started >= 1 && workerLoaded === 'ready', `service worker: the audit worker loads the same build (${started} worker(s), ${workerLoaded})`);
    await context.unroute(wasmUrl);
    await context.unroute(glueUrl);
    // A newer build that loads with the server's .wasm (its glue differs by a comment).
    const newer = `${before}\n// a newer build\n`;
    await context.route(glueUrl, (route) => route.fulfill({ contentType: 'text/javascript', body: newer }));
    await page.reload();
    await page.waitForSelector('body[data-ready="1"]');
    check(await page.$(tid('wasm-missing')) === null && await servedGlue() === newer && await keptGlue() === newer,
      'service worker: once glue and .wasm both answer, the newer build is served and kept together');
    await context.unroute(glueUrl);

    server.closeAllConnections();
    await new Promise((ok) => server.close(ok));
    const down = await fetch(base).then(() => false, () => true);
    check(down, 'offline: the page\'s server no longer answers');

    let workers = 0;
    page.on('worker', () => { workers += 1; });
    await page.reload();
    await page.waitForSelector('body[data-ready="1"]');
    check(await page.$(tid('wasm-missing')) === null && await page.$(tid('audit-file')) !== null,
      'offline: the page opens again, with its WebAssembly core');
    await page.setInputFiles(tid('audit-file'), record);
    await page.waitForSelector(tid('audit-ok'));
    const index = JSON.parse(readFileSync(join(repoDir, 'examples', 'index.json'), 'utf8'));
    const entry = (index.examples || []).find((e) => e.file === 'bihu-ev-chargers.jsonl');
    const head = (await page.textContent(tid('audit-head'))).trim();
    check(workers >= 1 && entry && head === entry.head, `offline: a record verified and recounted in the auditor's worker (head ${head.slice(0, 12)}…)`);
    // A receipt: the record's last ballot, found with its fate.
    const lines = readFileSync(record, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const ballot = lines.filter((e) => e.kind === 'ballot.cast').pop();
    await page.fill(tid('audit-receipt'), ballot.hash);
    await page.waitForSelector(tid('audit-receipt-verdict'));
    check(Number(await page.getAttribute(tid('audit-receipt-verdict'), 'data-seq')) === ballot.seq,
      'offline: a ballot\'s receipt found in the audited record');
    // A tab opened afresh while offline opens too.
    const fresh = await context.newPage();
    fresh.on('pageerror', (e) => problems.push(`offline second tab page error: ${e.message}`));
    await fresh.goto(`${base}#organiser`);
    await fresh.waitForSelector('body[data-ready="1"]');
    check(await fresh.$(tid('wasm-missing')) === null, 'offline: a new tab opens the page from what was kept');
  } finally {
    await context.close();
    if (server.listening) server.close();
  }
}

async function main() {
  if (!existsSync(join(demoDir, 'pkg', 'yishi_wasm.js')) && !existsSync(join(repoDir, 'wasm', 'pkg', 'yishi_wasm.js'))) {
    throw new Error('no wasm package: run `cargo xtask wasm` (or `cargo xtask demo`) first');
  }
  let server = null;
  let base = process.env.YISHI_DEMO_URL;
  if (!base) {
    server = await startServer();
    base = `http://127.0.0.1:${server.address().port}/`;
  }
  console.log(`demo at ${base}`);
  mkdirSync(shotsDir, { recursive: true });

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale: 'zh-CN' });
  context.setDefaultTimeout(20000);
  // Offline: the demo must not need anything beyond its own origin.
  const origin = new URL(base).origin;
  const external = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    external.push(url);
    return route.abort();
  });
  // Every securitypolicyviolation (the page declares a strict CSP) is a problem.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const problems = [];
  // The demo asks for examples/index.json and falls back to its built-in sample when there is none;
  // that one 404 is expected while the repository has no examples/index.json.
  const noIndex = !existsSync(join(repoDir, 'examples', 'index.json'));
  const expected = (url) => noIndex && new URL(url).pathname === '/examples/index.json';
  page.on('console', (m) => { if (m.type() === 'error' && !expected(m.location().url || base)) problems.push(`console: ${m.text()} (${m.location().url})`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 400 && !expected(r.url())) problems.push(`HTTP ${r.status()} ${r.url()}`); });
  page.on('requestfailed', (r) => { if (!r.url().startsWith('blob:')) problems.push(`request failed: ${r.url()}`); });

  const tid = (id) => `[data-testid="${id}"]`;
  const ready = async () => {
    await page.waitForSelector('body[data-ready="1"], [data-testid="wasm-missing"]');
    const missing = await page.$('[data-testid="wasm-missing"]');
    if (missing) throw new Error(`the page could not load the wasm package: ${await missing.textContent()}`);
  };
  const tab = async (name) => { await page.click(tid(`tab-${name}`)); };
  /** Convene a meeting of `body` with the template motions; returns its id. */
  const convene = async (body, title) => {
    await tab('organiser');
    await page.selectOption(tid('convene-body'), body);
    if (title) await page.fill(tid('convene-title'), title);
    const id = await page.inputValue(tid('convene-id'));
    await page.click(tid('convene'));
    await page.waitForSelector(`${tid('meeting-status')}[data-status="open"]`);
    return id;
  };
  const attend = async (ids) => {
    for (const x of ids) await page.check(`#at-${x}`);
    await page.click(tid('attendance-record'));
  };
  /** The outcome badge of `<meeting>-<motion>` in the current view. */
  const outcomeOf = async (key, p = page) => {
    await p.waitForSelector(tid(`outcome-${key}`));
    return p.getAttribute(tid(`outcome-${key}`), 'data-outcome');
  };

  try {
    console.log('load');
    await page.goto(base);
    await ready();
    check((await page.textContent(tid('tab-organiser'))).trim() === '组织者', 'Chinese by default');
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content').catch(() => null);
    check(csp && /script-src 'self' 'wasm-unsafe-eval'/.test(csp) && /style-src 'self'(;|$)/.test(csp) && /default-src 'self'/.test(csp),
      'the page declares a strict CSP (own origin only, no inline script or style)');
    check(await page.evaluate(() => !!document.querySelector('main:not([role])') && document.querySelector('#view[role=tabpanel]') !== null),
      'a main landmark holds the tab panel');
    const toggle = await page.evaluate(() => { const b = document.getElementById('lang-toggle'); return [b.textContent.trim(), b.getAttribute('aria-label') || '']; });
    check(toggle[1].includes(toggle[0]), `the language button's accessible name holds its visible text (${toggle.join(' / ')})`);

    const indexFile = join(repoDir, 'examples', 'index.json');
    if (existsSync(indexFile)) {
      console.log('bundled examples');
      const index = JSON.parse(readFileSync(indexFile, 'utf8'));
      const list = Array.isArray(index) ? index : index.examples || [];
      for (const [i, ex] of list.entries()) {
        if (!ex || typeof ex !== 'object' || !ex.outcomes) continue;
        await tab('organiser');
        await page.selectOption(tid('example-select'), `ex-${i}`);
        await page.click(tid('load-example'));
        await page.waitForFunction(({ sel, n }) => {
          const el = document.querySelector(sel);
          return document.querySelector('[data-testid="error-community"]') || (el && Number(el.textContent) === n);
        }, { sel: tid('record-count'), n: ex.events });
        check(!(await page.$(tid('error-community'))), `${ex.file}: loads (${ex.events} events)`);
        await tab('live');
        await page.selectOption(tid('live-meeting'), '*');
        const wrong = [];
        for (const [key, want] of Object.entries(ex.outcomes)) {
          const k = key.replace('/', '-');
          const got = await page.getAttribute(tid(`outcome-${k}`), 'data-outcome').catch(() => null);
          if (got !== want) wrong.push(`${key}: ${got} (index says ${want})`);
        }
        check(wrong.length === 0, `${ex.file}: ${Object.keys(ex.outcomes).length} recomputed outcomes as listed${wrong.length ? `; ${wrong.join('; ')}` : ''}`);
      }
      await tab('organiser');
    }

    console.log('community');
    await page.selectOption(tid('example-select'), 'builtin');
    await page.click(tid('load-example'));
    await page.waitForSelector(tid('community-facts'));
    check(await page.isVisible(tid('msg-community')), 'sample community loaded');

    console.log('convene an assembly (278.4, 278.6, election, 279, protected motion)');
    const meetingTitle = '碧湖花园2026年第一次业主大会（书面征求意见）';
    const meeting = await convene('assembly', meetingTitle);
    check(await page.isVisible(tid('msg-convene')), `meeting ${meeting} convened`);
    check((await page.textContent(tid('meeting-title'))).trim() === meetingTitle, 'organiser: the meeting\'s title is shown');

    // An owner follows the count in a second tab (#live); it updates as the organiser enters ballots.
    const owner = await context.newPage();
    owner.on('console', (m) => { if (m.type() === 'error' && !expected(m.location().url || base)) problems.push(`owner tab console: ${m.text()}`); });
    owner.on('pageerror', (e) => problems.push(`owner tab page error: ${e.message}`));
    await owner.goto(`${base}#live`);
    check(await outcomeOf(`${meeting}-hire`, owner) === 'no_quorum', 'owner tab: no quorum before any ballot');

    console.log('vote');
    await page.click(tid('clock-window'));
    // The owner's tab shares the browser storage: what it does there (picking a meeting) must not
    // put its own, older copy of the organiser's clock back, which a reload would then restore.
    const windowClock = await page.textContent(tid('clock-now'));
    await owner.selectOption(tid('live-meeting'), '*');
    await owner.selectOption(tid('live-meeting'), meeting);
    await page.reload();
    await ready();
    check(await page.textContent(tid('clock-now')) === windowClock, `organiser: the clock set to the voting window survives a reload while an owner's tab is open (${await page.textContent(tid('clock-now'))})`);
    await page.selectOption(tid('proxy-principal'), 'o3');
    await page.fill(tid('proxy-agent'), 'o4');
    await page.click(tid('proxy-grant'));
    check(await page.isVisible(tid('msg-proxy')), 'proxy granted');

    let organiserReceipt = null;
    await page.selectOption(tid('ballot-voter'), 'o3');
    await page.selectOption(tid('ballot-by'), 'o4');
    await page.selectOption(tid('ballot-channel'), 'paper');
    await page.selectOption(tid('ballot-value-hire'), 'yes');
    await page.selectOption(tid('ballot-value-fund'), 'yes');
    // An abstention on the election: it takes part, unlike leaving the election out.
    const electAbstain = await page.$(tid('ballot-abstain-elect'));
    check(electAbstain !== null, 'the ballot form offers an abstention on the election');
    if (electAbstain) {
      // The abstention and the candidates exclude each other.
      const candidate = await page.$('[data-testid="panel-ballot"] input[id^="bl-v-elect-"]');
      await candidate.check();
      await electAbstain.check();
      const afterAbstain = await candidate.isChecked();
      await candidate.check();
      const afterCandidate = await electAbstain.isChecked();
      await electAbstain.check();
      check(!afterAbstain && !afterCandidate && !(await candidate.isChecked()), 'an election abstention and its candidates exclude each other');
    }
    await page.click(tid('ballot-cast'));
    check(await page.isVisible(tid('msg-ballot')), 'paper ballot by an agent entered');
    if (electAbstain) {
      const last = await page.evaluate(() => JSON.parse(localStorage.getItem('yishi-demo.record').trimEnd().split('\n').pop()));
      check(last.kind === 'ballot.cast' && last.data.votes.elect === 'abstain' && last.data.votes.hire === 'yes',
        `the ballot form enters an election abstention (${JSON.stringify(last.data.votes)})`);
    }
    {
      // The voter's receipt: the sealed ballot's hash, shown when it is entered.
      const receipt = await page.getAttribute(tid('msg-ballot'), 'data-receipt');
      const text = await page.textContent(tid('msg-ballot'));
      check(/^[0-9a-f]{64}$/.test(receipt || '') && text.includes(receipt), `the ballot's receipt is shown to the voter (${(receipt || '').slice(0, 12)}…)`);
      organiserReceipt = receipt;
    }

    await page.selectOption(tid('objection-motion'), 'prune');
    await page.selectOption(tid('objection-owner'), 'o25');
    await page.fill(tid('objection-reason'), '遮挡底层采光');
    await page.click(tid('objection-file'));
    check(await page.isVisible(tid('msg-objection')), 'objection filed');

    await page.selectOption(tid('bulk-motion'), 'hire');
    await page.selectOption(tid('bulk-channel'), 'online');
    await page.selectOption(tid('bulk-value'), 'no');
    await page.fill(tid('bulk-count'), '6');
    await page.click(tid('bulk-fill-remaining'));
    await page.click(tid('bulk-submit'));
    await page.waitForSelector(tid('msg-bulk'));
    await page.selectOption(tid('bulk-value'), 'yes');
    await page.fill(tid('bulk-count'), '');
    await page.selectOption(tid('bulk-channel'), 'paper');
    await page.click(tid('bulk-fill-remaining'));
    // Lines typed from paper ballots survive a reload, with the motion and channel they were typed for, until entered.
    const typed = await page.inputValue(tid('bulk-lines'));
    await page.reload();
    await ready();
    await tab('organiser');
    const restored = [await page.inputValue(tid('bulk-lines')), await page.inputValue(tid('bulk-motion')), await page.inputValue(tid('bulk-channel'))];
    check(typed.length > 0 && restored[0] === typed && restored[1] === 'hire' && restored[2] === 'paper',
      `bulk ballot lines not yet entered survive a reload, with their motion and channel (${restored.slice(1).join(', ')})`);
    await page.selectOption(tid('bulk-channel'), 'online');
    const lines = (await page.inputValue(tid('bulk-lines'))).split('\n').filter(Boolean).length;
    await page.click(tid('bulk-submit'));
    await page.waitForSelector(tid('msg-bulk'));
    check(lines > 20, `bulk entry of ${lines} remaining owners`);
    check(await page.inputValue(tid('bulk-lines')) === '' && await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('yishi-demo.bulk.')).length) === 0,
      'entered bulk lines are no longer kept');
    await owner.waitForSelector(`${tid(`outcome-${meeting}-hire`)}[data-outcome="passed"]`); // the storage event may lag
    check(true, 'owner tab: live count followed the organiser to passed');
    await owner.close();

    await tab('live');
    const hire = `${meeting}-hire`;
    check(await outcomeOf(hire) === 'passed', 'hire passes provisionally');
    check(await page.isVisible(tid(`provisional-${hire}`)), 'live count is provisional while open');

    console.log('close and declare');
    await tab('organiser');
    await page.click(tid('clock-close'));
    await page.selectOption(tid('ballot-voter'), 'o3');
    await page.selectOption(tid('ballot-value-hire'), 'no');
    await page.click(tid('ballot-cast'));
    await page.waitForSelector(tid('error-ballot'));
    const lateCode = await page.getAttribute(tid('error-ballot'), 'data-code');
    check(lateCode === 'ballot.outside_window', `late ballot refused inline (${lateCode})`);
    // The core's message is English; what the code means and how to fix it come in the page's language.
    const lateWhy = await Promise.all(['error-ballot-meaning', 'error-ballot-fix'].map((id) => page.$eval(tid(id), (e) => e.textContent.trim()).catch(() => null)));
    const lateCat = errorCatalogue()['ballot.outside_window'].zh;
    check(lateWhy[0] === lateCat.meaning.replace(/`/g, '') && lateWhy[1] === lateCat.fix.replace(/`/g, ''),
      `organiser: a refusal says what its code means and how to fix it, in Chinese (${lateWhy[0]})`);
    check(await page.getAttribute(`${tid('error-ballot')} .err-message`, 'lang') === 'en', 'organiser: the core\'s English message is marked lang="en"');
    await page.click(tid('meeting-close'));
    await page.waitForSelector(tid('msg-close'));
    await page.click(tid('meeting-declare'));
    await page.waitForSelector(`${tid('meeting-status')}[data-status="declared"]`);
    check(true, 'meeting closed and results declared');
    await page.screenshot({ path: join(shotsDir, 'organiser.png'), fullPage: true });

    await tab('live');
    check(await outcomeOf(hire) === 'passed', 'hire passed');
    check(!(await page.isVisible(tid(`provisional-${hire}`))), 'final result is not provisional');
    const zh = await page.textContent(tid(`explanation-${hire}`));
    await page.click(tid('lang-toggle'));
    const en = await page.textContent(tid(`explanation-${hire}`));
    check(zh && en && zh !== en && /[A-Za-z]{4}/.test(en), 'explanation in Chinese, English on toggle');
    check((await page.textContent(tid('tab-organiser'))).trim() === 'Organiser', 'English labels');
    // One objecting owner is "1 owner", and no count of one takes a plural anywhere on the page.
    const objections = await page.textContent(`${tid(`result-${meeting}-prune`)} .objections`);
    check(/: 1 owner \//.test(objections), `English: "1 owner", not "1 owners" (${objections.trim()})`);
    const plural = await page.evaluate(() => (/(^|[^\d.,])1 (owners|events|ballots|bytes)\b/.exec(document.body.innerText) || [''])[0]);
    check(plural === '', `English: no "1 <plural>" on the page${plural ? ` (${plural})` : ''}`);
    // Record text (Chinese titles and names) is marked as Chinese inside the English page.
    const marked = await page.evaluate((key) => {
      const zhIn = (sel) => [...document.querySelectorAll(`${sel} [lang]`)].filter((e) => /^zh/.test(e.lang)).map((e) => e.textContent);
      return {
        title: zhIn(`[data-testid="result-${key}"] h3`),
        meeting: zhIn(`[data-testid="meeting-${key.split('-hire')[0]}"] h2`),
        unmarked: [...document.querySelectorAll('#view *')].filter((e) => [...e.childNodes].some((c) => c.nodeType === 3 && /\p{Script=Han}/u.test(c.textContent)) && !e.closest('[lang^="zh"]')).map((e) => e.textContent.slice(0, 40)),
      };
    }, hire);
    check(marked.title.includes('续聘物业服务企业'), `English: a motion's Chinese title has lang="zh-CN" (${marked.title.join(', ')})`);
    check(marked.meeting.includes(meetingTitle), 'English: the meeting\'s Chinese title is shown and has lang="zh-CN"');
    check(marked.unmarked.length === 0, `English: all Chinese text in the live view is marked${marked.unmarked.length ? `: ${marked.unmarked.join(' | ')}` : ''}`);
    await tab('organiser');
    const orgUnmarked = await page.evaluate(() => [...document.querySelectorAll('#view *')]
      .filter((e) => [...e.childNodes].some((c) => c.nodeType === 3 && /\p{Script=Han}/u.test(c.textContent)) && !e.closest('[lang^="zh"]'))
      .map((e) => `${e.tagName}: ${e.textContent.slice(0, 40)}`));
    check(orgUnmarked.length === 0, `English: all Chinese text in the organiser view is marked${orgUnmarked.length ? `: ${orgUnmarked.join(' | ')}` : ''}`);
    await tab('live');
    await page.click(tid('lang-toggle'));
    await page.screenshot({ path: join(shotsDir, 'live.png'), fullPage: true });

    console.log('committee meeting');
    const cm = await convene('committee');
    await page.click(tid('clock-window'));
    await attend(['o1', 'o2', 'o3', 'o4']);
    check(await page.isVisible(tid('msg-attendance')), 'committee attendance recorded');
    await page.fill(tid('bulk-lines'), 'o1,yes\no2,yes\no3,同意\no4,audit=no,notice=yes');
    await page.selectOption(tid('bulk-motion'), 'audit');
    await page.click(tid('bulk-submit'));
    await page.waitForSelector(tid('msg-bulk'));
    await tab('live');
    check(await outcomeOf(`${cm}-audit`) === 'passed', 'committee: 3 of 5 members agree, passed');
    check((await page.textContent(tid(`present-${cm}-audit`))).includes('4'), 'committee: 4 present');

    console.log('five-party meeting');
    const fp = await convene('five-party');
    await page.click(tid('clock-window'));
    await attend(['party_branch', 'residents_committee', 'owners_committee', 'property_company', 'owner_representatives']);
    await page.selectOption(tid('ballot-voter'), 'property_company');
    await page.selectOption(tid('ballot-value-ev'), 'object');
    await page.fill(tid('ballot-reason-ev'), '车库电力容量不足');
    await page.click(tid('ballot-cast'));
    check(await page.isVisible(tid('msg-ballot')), 'five-party position with a reason entered');
    await page.selectOption(tid('bulk-motion'), 'ev');
    await page.selectOption(tid('bulk-value'), 'support');
    await page.click(tid('bulk-fill-remaining'));
    await page.click(tid('bulk-submit'));
    await page.waitForSelector(tid('msg-bulk'));
    await tab('live');
    check(await outcomeOf(`${fp}-ev`) === 'not_agreed', 'five-party: one objection, not agreed');
    check((await page.textContent(tid(`result-${fp}-ev`))).includes('车库电力容量不足'), 'five-party: the reason is shown');
    await page.selectOption(tid('live-meeting'), meeting);

    console.log('unit transfer');
    await tab('organiser');
    const ownersBefore = Number(await page.textContent(`${tid('community-facts')} dd:nth-of-type(3)`));
    const beforeTransfer = await page.evaluate(() => localStorage.getItem('yishi-demo.record'));
    await page.click('#tr-details summary');
    await page.selectOption(tid('transfer-unit'), '2-0101');
    await page.click(tid('transfer-go'));
    await page.waitForSelector(tid('error-transfer'));
    check(await page.getAttribute(tid('error-transfer'), 'data-code') === 'event.invalid'
      && await page.evaluate(() => localStorage.getItem('yishi-demo.record')) === beforeTransfer,
    'unit transfer without a new owner: refused (event.invalid), the record unchanged');
    await page.fill(tid('transfer-to'), 'o88');
    await page.click(tid('transfer-go'));
    await page.waitForSelector(tid('msg-transfer'));
    check((await page.textContent(tid('msg-transfer'))).includes('unit.transferred')
      && Number(await page.textContent(`${tid('community-facts')} dd:nth-of-type(3)`)) === ownersBefore + 1,
    `unit.transferred entered from the organiser view: 2-0101 to o88 (${ownersBefore} + 1 owners)`);

    const count = Number(await page.textContent(tid('record-count')));
    const head = (await page.textContent(tid('record-head'))).trim();
    await tab('live');

    console.log('reload');
    await page.reload();
    await ready();
    check(await outcomeOf(hire) === 'passed', 'result still there after reload');
    await tab('organiser');
    check(Number(await page.textContent(tid('record-count'))) === count, `record of ${count} events restored`);
    check((await page.textContent(tid('record-head'))).trim() === head, 'same head hash after reload');

    console.log('export and audit');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(tid('export'))]);
    const record = readFileSync(await download.path(), 'utf8');
    const recLines = record.split('\n').filter(Boolean);
    check(recLines.length === count && record.endsWith('\n'), `exported .jsonl has ${recLines.length} lines`);
    const tallyCli = cliBinary();
    if (tallyCli) {
      // The exported record verifies with the CLI, and the live view shows `yishi tally --json`'s
      // figures exactly: outcomes, heads, areas to the hundredth, every check's figures, line and verdict.
      const dir = mkdtempSync(join(tmpdir(), 'yishi-e2e-tally-'));
      const file = join(dir, 'exported.jsonl');
      writeFileSync(file, record);
      const verified = spawnSync(tallyCli, ['verify', file], { encoding: 'utf8' });
      check(verified.status === 0 && verified.stdout.includes(head), `the exported record verifies with \`yishi verify\` (${verified.stdout.split('\n')[0]})`);
      const tally = JSON.parse(spawnSync(tallyCli, ['tally', '--json', file], { encoding: 'utf8' }).stdout);
      rmSync(dir, { recursive: true, force: true });
      await tab('live');
      await page.selectOption(tid('live-meeting'), '*');
      const shownLive = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-testid^="result-"]')].map((c) => [c.dataset.testid.slice(7), {
        outcome: c.querySelector('[data-outcome]').dataset.outcome,
        provisional: !!c.querySelector('[data-testid^="provisional-"]'),
        figures: Object.fromEntries([...c.querySelectorAll(':scope > table.figures:not(:has(th[scope=col]:nth-child(4))) tbody tr')].map((tr) => [tr.children[0].textContent, [tr.children[1].textContent, tr.children[2].textContent]])),
        checks: Object.fromEntries([...c.querySelectorAll('.check')].map((x) => [x.dataset.check, {
          held: x.dataset.held, fig: x.querySelector('.check-fig').textContent,
          width: parseFloat(x.querySelector('.bar-fill').style.width), mark: parseFloat(x.querySelector('.bar-mark')?.style.left ?? 'NaN'),
        }])),
      }])));
      const figName = { electorate: '全体', participating: '参与表决', yes: '同意', no: '反对', abstain: '弃权' };
      const wrong = [];
      for (const [key, r] of Object.entries(tally)) {
        const d = shownLive[key.replace('/', '-')];
        if (!d) { wrong.push(`${key}: not shown`); continue; }
        if (d.outcome !== r.outcome || d.provisional !== !!r.provisional) wrong.push(`${key}: ${d.outcome}/${d.provisional} (CLI ${r.outcome}/${r.provisional})`);
        if ((r.body || 'assembly') === 'assembly') {
          for (const [k, name] of Object.entries(figName)) {
            if (r[k] && JSON.stringify(d.figures[name]) !== JSON.stringify([String(r[k].heads), r[k].area])) wrong.push(`${key} ${k}: ${d.figures[name]} (CLI ${r[k].heads}, ${r[k].area})`);
          }
        }
        for (const c of r.checks || []) {
          const x = d.checks[`${c.check}-${c.dimension || ''}${c.subject ? `-${c.subject}` : ''}`];
          const m2 = c.dimension === 'area' ? ' m²' : '';
          const figs = `${c.numerator}${m2} / ${c.denominator}${m2} (`;
          const [p, q] = (/(\d+)\/(\d+)/.exec(c.threshold) || [0, 1, 1]).slice(1).map(Number);
          const share = Number(c.denominator) ? (100 * Number(c.numerator)) / Number(c.denominator) : 0;
          if (!x || x.held !== String(c.held) || !x.fig.startsWith(figs) || !x.fig.includes(c.threshold)
            || Math.abs(x.width - Math.min(100, share)) > 0.006 || (/\//.test(c.threshold) && Math.abs(x.mark - (100 * p) / q) > 0.001)) {
            wrong.push(`${key} ${c.check} ${c.dimension}: ${x ? `${x.fig} held ${x.held} bar ${x.width}% line ${x.mark}%` : 'not shown'} (CLI ${figs}${c.threshold} ${c.held})`);
          }
        }
      }
      check(wrong.length === 0, `live view: the ${Object.keys(tally).length} results of the exported record as \`yishi tally --json\` gives them${wrong.length ? `: ${wrong.join('; ')}` : ''}`);
    }

    await tab('auditor');
    await page.setInputFiles(tid('audit-file'), { name: 'record.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(record) });
    await page.waitForSelector(tid('audit-ok'));
    check((await page.textContent(tid('audit-head'))).trim() === head, 'auditor: head hash matches');
    check(Number(await page.textContent(tid('audit-events'))) === count, 'auditor: event count matches');
    check(await page.getAttribute(tid(`audit-outcome-${meeting}-hire`), 'data-outcome') === 'passed', 'auditor: recomputed result');
    check((await page.textContent(tid(`audit-meeting-title-${meeting}`))).trim() === meetingTitle, 'auditor: the meeting\'s title is shown');

    console.log('published head');
    // As `yishi verify --expect-head`: the verdict, code, seq and message the CLI gives.
    const cli = cliBinary();
    const cliDir = cli ? mkdtempSync(join(tmpdir(), 'yishi-e2e-')) : null;
    const cliSays = (text, expect) => {
      const file = join(cliDir, 'record.jsonl');
      writeFileSync(file, text);
      // The refusal's own line; the lines after it explain its code (the page shows that too, checked above).
      return spawnSync(cli, ['verify', file, '--expect-head', expect], { encoding: 'utf8' }).stdout.split('\n')[0].trim();
    };
    const shown = async () => `${await page.getAttribute('#audit-error', 'data-code')} at seq ${await page.getAttribute('#audit-error', 'data-seq')}: ${(await page.textContent(tid('audit-error-message'))).trim()}`;
    const expectHead = async (value, verdict) => {
      await page.fill(tid('audit-expect-head'), value);
      await page.waitForSelector(`${tid('audit-head-check')}[data-verdict="${verdict}"]`);
    };
    check(await page.getAttribute(tid('audit-head-check'), 'data-verdict') === 'none', 'auditor: without a published head, says a cut record would verify too');
    await expectHead(head.toUpperCase(), 'match');
    check(await page.isVisible(tid('audit-ok')), 'published head (any case): the record ends there, verified');
    const k = count - 3;
    const earlier = JSON.parse(recLines[k - 1]).hash;
    await expectHead(earlier, 'added');
    const added = await shown();
    check(added === `record.prev_mismatch at seq ${k + 1}: the published head is the hash of event ${k}; events ${k + 1}-${count} were added after it`,
      `published head of an earlier event: events added after publication (${added})`);
    check(!(await page.$(tid('audit-ok'))), 'published head of an earlier event: the record is refused, not shown as verified');
    if (cli) check(added === cliSays(record, earlier), 'published head of an earlier event: word for word what `yishi verify --expect-head` says');
    const butOne = JSON.parse(recLines[count - 2]).hash;
    await expectHead(butOne, 'added');
    const one = await shown();
    check(one === `record.prev_mismatch at seq ${count}: the published head is the hash of event ${count - 1}; event ${count} was added after it`,
      `published head of the last event but one: one event added (${one})`);
    if (cli) check(one === cliSays(record, butOne), 'one event added: word for word what `yishi verify --expect-head` says');
    const other = 'ab'.repeat(32);
    await expectHead(other, 'mismatch');
    const notFound = await shown();
    check(notFound.startsWith(`record.prev_mismatch at seq ${count + 1}: the record ends at head ${head} (event ${count}), not at the published head ${other}, and no event of it has that hash`),
      `a head no event has: mismatch (${notFound.slice(0, 60)}…)`);
    if (cli) check(notFound === cliSays(record, other), 'a head no event has: word for word what the CLI says');
    // A record cut short at a line boundary verifies on its own, but not against the published head.
    await page.fill(tid('audit-expect-head'), head);
    const cut = `${recLines.slice(0, -1).join('\n')}\n`;
    await page.setInputFiles(tid('audit-file'), { name: 'cut.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(cut) });
    await page.waitForSelector(`${tid('audit-head-check')}[data-verdict="mismatch"]`);
    const cutSays = await shown();
    check(cutSays.startsWith(`record.prev_mismatch at seq ${count}: `), `a record cut short: refused against the published head (${cutSays.slice(0, 40)}…)`);
    if (cli) check(cutSays === cliSays(cut, head), 'a record cut short: word for word what the CLI says');
    if (!cli) console.log('  (no yishi CLI built: verdicts compared with its message formats only)');
    if (cliDir) rmSync(cliDir, { recursive: true, force: true });
    await page.fill(tid('audit-expect-head'), 'not a hash');
    check(await page.isVisible(tid('audit-expect-head-invalid')), 'a published head that is not 64 hex digits is said to be one');
    await page.fill(tid('audit-expect-head'), '');
    await page.waitForSelector(`${tid('audit-head-check')}[data-verdict="none"]`);

    console.log('head published earlier');
    // As `yishi verify --extends`: the record holds the head published earlier, or the CLI's refusal.
    const extDir = cli ? mkdtempSync(join(tmpdir(), 'yishi-e2e-')) : null;
    const cliExtends = (text, earlierHead) => {
      const file = join(extDir, 'record.jsonl');
      writeFileSync(file, text);
      return spawnSync(cli, ['verify', file, '--extends', earlierHead], { encoding: 'utf8' }).stdout.split('\n')[0].trim();
    };
    await page.setInputFiles(tid('audit-file'), { name: 'record.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(record) });
    await page.waitForSelector(tid('audit-ok'));
    check(!(await page.$(tid('audit-extends-check'))), 'head published earlier: no verdict without one');
    const extendsHead = async (value, verdict) => {
      await page.fill(tid('audit-extends'), value);
      await page.waitForSelector(`${tid('audit-extends-check')}[data-verdict="${verdict}"]`);
    };
    await extendsHead(earlier.toUpperCase(), 'extends');
    check(await page.isVisible(tid('audit-ok')), 'head published earlier (any case), held as an event: the record is verified');
    check(await page.getAttribute(tid('audit-extends-check'), 'data-event') === String(k), `head published earlier: found as event ${k}`);
    check((await page.textContent(tid('audit-extends-check'))).includes(String(count - k)), 'head published earlier: says how many events were appended since');
    if (cli) check(cliExtends(record, earlier) === `ok: ${count} events verified, head ${head}; it extends the record published with head ${earlier}`, 'head published earlier: `yishi verify --extends` accepts the same record');
    await extendsHead(head, 'extends');
    check(await page.getAttribute(tid('audit-extends-check'), 'data-event') === String(count), 'the head itself, published earlier: nothing appended since');
    await extendsHead(other, 'mismatch');
    const rewritten = await shown();
    check(rewritten.startsWith(`record.prev_mismatch at seq ${count + 1}: no event of the record (ending at event ${count}, head ${head}) has the hash ${other}, the head of the record as published earlier`),
      `a head published earlier that no event has: refused after the last event (${rewritten.slice(0, 60)}…)`);
    check(!(await page.$(tid('audit-ok'))), 'a head published earlier that no event has: the record is not shown as verified');
    if (cli) check(rewritten === cliExtends(record, other), 'a head published earlier that no event has: word for word what `yishi verify --extends` says');
    // With a published head too, the published head is checked first, as the CLI does.
    await page.fill(tid('audit-expect-head'), earlier);
    await page.waitForSelector(`${tid('audit-head-check')}[data-verdict="added"]`);
    check(!(await page.$(tid('audit-extends-check'))), 'a published head that fails is told before the head published earlier');
    await page.fill(tid('audit-expect-head'), head);
    await page.waitForSelector(`${tid('audit-extends-check')}[data-verdict="mismatch"]`);
    await page.fill(tid('audit-extends'), earlier);
    await page.waitForSelector(`${tid('audit-extends-check')}[data-verdict="extends"]`);
    check(await page.getAttribute(tid('audit-head-check'), 'data-verdict') === 'match', 'both heads held: the record ends at the one and holds the other');
    await page.fill(tid('audit-extends'), 'not a hash');
    check(await page.isVisible(tid('audit-extends-invalid')), 'a head published earlier that is not 64 hex digits is said to be one');
    await page.fill(tid('audit-extends'), '');
    await page.fill(tid('audit-expect-head'), '');
    await page.waitForSelector(`${tid('audit-head-check')}[data-verdict="none"]`);
    check(!(await page.$(tid('audit-extends-check'))), 'head published earlier cleared: no verdict');
    if (extDir) rmSync(extDir, { recursive: true, force: true });

    console.log('ballot receipts');
    if (organiserReceipt) {
      // The receipt the organiser's page gave, looked up in the exported record it came from.
      await page.setInputFiles(tid('audit-file'), { name: 'record.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(record) });
      await page.waitForSelector(tid('audit-ok'));
      await page.fill(tid('audit-receipt'), organiserReceipt);
      await page.waitForSelector(tid('audit-receipt-verdict'));
      const kind = await page.getAttribute(tid('audit-receipt-verdict'), 'data-kind');
      const seq = Number(await page.getAttribute(tid('audit-receipt-verdict'), 'data-seq'));
      check(['counts', 'replaced', 'voided'].includes(kind) && JSON.parse(recLines[seq - 1]).hash === organiserReceipt,
        `the organiser's receipt is found in the exported record (event ${seq}: ${kind})`);
      await page.fill(tid('audit-receipt'), '');
    }
    {
      // Every ballot of every example record, as receipts.js folds it, against `yishi ballots --json`.
      const { BallotFates } = await import(new URL('../receipts.js', import.meta.url).href);
      const exDir = join(repoDir, 'examples');
      const exFiles = ['bihu-fund-raise.jsonl', 'bihu-tree-pruning.jsonl', 'bihu-ev-chargers.jsonl', 'bihu-manager-rehire.jsonl'];
      const fund = readFileSync(join(exDir, exFiles[0]), 'utf8');
      let book = null;
      if (cli) {
        const wrong = [];
        let compared = 0;
        for (const f of exFiles) {
          const text = readFileSync(join(exDir, f), 'utf8');
          const folded = new BallotFates();
          text.split('\n').filter((l) => l).forEach((l, i) => folded.add(JSON.parse(l), i + 1));
          folded.finish();
          const out = JSON.parse(spawnSync(cli, ['ballots', join(exDir, f), '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout);
          if (f === exFiles[0]) book = out;
          const want = out.meetings.flatMap((m) => m.voters.flatMap((v) => v.ballots.map((b) => ({ ...b, meeting: m.meeting, voter: v.voter }))))
            .sort((x, y) => x.seq - y.seq);
          if (want.length !== folded.entries.length) wrong.push(`${f}: ${folded.entries.length} ballots, CLI ${want.length}`);
          for (const [i, w] of want.entries()) {
            const g = folded.entries[i];
            const same = g && g.seq === w.seq && g.meeting === w.meeting && g.by === w.by && g.channel === w.channel
              && JSON.stringify(g.fate) === JSON.stringify(w.fate) && JSON.stringify(g.votes) === JSON.stringify(w.votes);
            if (!same) wrong.push(`${f} event ${w.seq}: ${JSON.stringify(g)} (CLI ${JSON.stringify(w)})`);
            compared++;
          }
        }
        check(wrong.length === 0 && compared > 1000, `receipts.js: what became of each of the ${compared} ballots of the examples, as \`yishi ballots --json\` says${wrong.length ? `: ${wrong.slice(0, 3).join('; ')}` : ''}`);
      }
      if (!cli) console.log('  (no yishi CLI built: receipts not compared with `yishi ballots`)');
      await page.setInputFiles(tid('audit-file'), { name: exFiles[0], mimeType: 'application/jsonl', buffer: Buffer.from(fund) });
      await page.waitForSelector(tid('audit-ok'));
      const fundLines = fund.split('\n').filter((l) => l);
      const hashOf = (seq) => JSON.parse(fundLines[seq - 1]).hash;
      const receipt = async (value) => {
        await page.fill(tid('audit-receipt'), value);
        await page.waitForSelector(tid('audit-receipt-verdict'));
        const el = await page.$(tid('audit-receipt-verdict'));
        return { kind: await el.getAttribute('data-kind'), seq: await el.getAttribute('data-seq'), fateSeq: await el.getAttribute('data-fate-seq'), text: (await el.textContent()).trim() };
      };
      if (book) {
        const all = book.meetings.flatMap((m) => m.voters.flatMap((v) => v.ballots));
        for (const kind of ['counts', 'replaced', 'voided']) {
          const b = all.find((x) => x.fate.kind === kind && (kind !== 'replaced' || x.by));
          if (!b) { check(false, `the example holds a ballot that ${kind}`); continue; }
          const got = await receipt(kind === 'replaced' ? b.hash.toUpperCase() : b.hash);
          check(got.kind === kind && got.seq === String(b.seq) && got.fateSeq === String(b.fate.seq ?? ''),
            `receipt of a ballot that ${kind === 'counts' ? 'counts' : `was ${kind}`} (event ${b.seq}): as \`yishi ballots --hash\` says (${got.kind} ${got.fateSeq})`);
        }
        // A receipt the record does not hold, and one of another event: the CLI's words.
        const cliLine = (h) => spawnSync(cli, ['ballots', join(exDir, exFiles[0]), '--hash', h], { encoding: 'utf8' }).stdout.split('\n')[1].trim();
        const missing = 'cd'.repeat(32);
        const nf = await receipt(missing);
        check(nf.kind === 'not-found' && nf.text === cliLine(missing), `a receipt the record does not hold: word for word what the CLI says (${nf.text})`);
        const nb = await receipt(hashOf(1));
        check(nb.kind === 'not-ballot' && nb.seq === '1' && nb.text === cliLine(hashOf(1)), `the hash of another event: word for word what the CLI says (${nb.text})`);
      }
      const bad = await receipt('not a hash');
      check(bad.kind === 'invalid', 'a receipt that is not 64 hex digits is said to be one');
      await page.fill(tid('audit-receipt'), '');
      check(!(await page.$(tid('audit-receipt-verdict'))), 'no receipt, no verdict');
    }

    // Tamper: turn one "yes" ballot into "no" without resealing.
    const idx = recLines.findIndex((l) => { const e = JSON.parse(l); return e.kind === 'ballot.cast' && e.data.votes.hire === 'yes' && !e.data.by; });
    const ev = JSON.parse(recLines[idx]);
    ev.data.votes.hire = 'no';
    const tampered = [...recLines.slice(0, idx), JSON.stringify(ev), ...recLines.slice(idx + 1)].join('\n') + '\n';
    await page.evaluate(({ text }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'tampered.jsonl', { type: 'application/jsonl' }));
      const zone = document.querySelector('[data-testid="audit-drop"]');
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, { text: tampered });
    await page.waitForSelector('#audit-error');
    const errText = await page.textContent('#audit-error');
    const code = await page.getAttribute('#audit-error', 'data-code');
    const seq = Number(await page.getAttribute('#audit-error', 'data-seq'));
    check(code === 'record.hash_mismatch' && errText.includes(code), `tampered record: code ${code}`);
    check(seq === ev.seq && errText.includes(String(ev.seq)), `tampered record: seq ${seq} (expected ${ev.seq})`);
    // What the code means and how to fix it, from docs/errors.md, in the page's language.
    const catalogue = errorCatalogue();
    const plain = (md) => md.replace(/`/g, '');
    const explained = async () => Promise.all(['audit-error-meaning', 'audit-error-fix'].map((id) => page.$eval(tid(id), (e) => e.textContent.trim()).catch(() => null)));
    const [zhMeaning, zhFix] = await explained();
    check(zhMeaning === plain(catalogue[code].zh.meaning) && zhFix === plain(catalogue[code].zh.fix), `auditor: ${code} explained in Chinese (含义, 修正)`);
    await page.click(tid('lang-toggle'));
    await page.waitForSelector('#audit-error');
    const [enMeaning, enFix] = await explained();
    check(enMeaning === plain(catalogue[code].en.meaning) && enFix === plain(catalogue[code].en.fix), `auditor: ${code} explained in English on toggle (${enMeaning})`);
    await page.click(tid('lang-toggle'));
    check(await page.evaluate(async () => (await import('./errors.js')).explain('no.such_code', 'zh') === null), 'an unknown code has no explanation (the page shows code and message only)');
    await page.screenshot({ path: join(shotsDir, 'auditor.png'), fullPage: true });

    // The file's bytes are what is verified, as `yishi verify` reads them: a
    // byte-order mark is not part of a record (record.parse at seq 1).
    await page.setInputFiles(tid('audit-file'), { name: 'bom.jsonl', mimeType: 'application/jsonl',
      buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(record)]) });
    await page.waitForFunction(() => document.querySelector('#audit-error')?.getAttribute('data-code') === 'record.parse');
    check(await page.getAttribute('#audit-error', 'data-seq') === '1', 'a record with a byte-order mark: record.parse at seq 1, as the CLI says');
    // An empty file is no record, as `yishi verify` says (community.missing at seq 1).
    await page.setInputFiles(tid('audit-file'), { name: 'empty.jsonl', mimeType: 'application/jsonl', buffer: Buffer.alloc(0) });
    await page.waitForFunction(() => document.querySelector('#audit-error')?.getAttribute('data-code') === 'community.missing');
    check(await page.getAttribute('#audit-error', 'data-seq') === '1', 'an empty file: community.missing at seq 1, as the CLI says');

    // A record's text is shown as `yishi tally` prints it: control characters and the characters that
    // reorder text (a right-to-left override) written as \u{…}, so a title cannot hide or reverse what
    // follows it. And a meeting past its closes_at, with later events but no meeting.closed, is shown
    // closed, as `yishi ballots` and `yishi tally` say (its results final), not open.
    {
      const pkgDir = existsSync(join(demoDir, 'pkg', 'yishi_wasm.js')) ? join(demoDir, 'pkg') : join(repoDir, 'wasm', 'pkg');
      const y = await import(pathToFileURL(join(pkgDir, 'yishi_wasm.js')).href);
      y.initSync({ module: readFileSync(join(pkgDir, 'yishi_wasm_bg.wasm')) });
      const sneaky = '筹集\u001b[31m红\u202e反向\nFAKE LINE';
      const convene = (meeting, at, opens, closes, title) => ({ at, kind: 'meeting.convened', data: { meeting, body: 'assembly', rules: 'r1', form: 'written',
        noticed_at: at, opens_at: opens, closes_at: closes, motions: [{ motion: 'fund', title, matter: '278.4' }] } });
      const sealed = y.sealRecord(JSON.stringify([
        { at: '2026-10-01T09:00:00+08:00', kind: 'community.registered', data: { community: 'c', units: [1, 2, 3].map((i) => ({ id: `u${i}`, area: '100', owner: `o${i}` })) } },
        { at: '2026-10-01T09:01:00+08:00', kind: 'rules.adopted', data: { rules: 'r1', preset: 'civil-code-2021' } },
        convene('m1', '2026-10-03T09:00:00+08:00', '2026-10-20T09:00:00+08:00', '2026-10-30T18:00:00+08:00', sneaky),
        ...['o1', 'o2', 'o3'].map((o, i) => ({ at: `2026-10-2${i + 1}T10:00:00+08:00`, kind: 'ballot.cast', data: { meeting: 'm1', voter: o, votes: { fund: 'yes' } } })),
        convene('m2', '2026-11-01T09:00:00+08:00', '2026-11-20T09:00:00+08:00', '2026-11-30T18:00:00+08:00', 'ordinary'),
      ]));
      await page.setInputFiles(tid('audit-file'), { name: 'sneaky.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(sealed) });
      await page.waitForSelector(tid('audit-ok'));
      const text = await page.evaluate(() => document.body.innerText);
      check(!/[\u001b\u202e]/.test(text) && text.includes('筹集\\u{1b}[31m红\\u{202e}反向\\u{a}FAKE LINE'),
        'a title with ESC, a right-to-left override and a newline is shown escaped, as the CLI prints it');
      const attrs = await page.evaluate(async () => {
        const { h } = await import('./dom.js');
        const el = h('option', { 'aria-label': 'a\u202eb', title: 'c\u001bd', value: 'e\u202ef' });
        return [el.getAttribute('aria-label'), el.getAttribute('title'), el.getAttribute('value'),
          [...document.querySelectorAll('[aria-label], [title], [placeholder]')].some((x) => /[\u0000-\u0009\u000b-\u001f\u202e]/.test(
            (x.getAttribute('aria-label') || '') + (x.getAttribute('title') || '') + (x.getAttribute('placeholder') || '')))];
      });
      check(attrs[0] === 'a\\u{202e}b' && attrs[1] === 'c\\u{1b}d' && attrs[2] === 'e\u202ef' && attrs[3] === false,
        `attributes read out (aria-label, title, placeholder) are escaped too, data values are not (${JSON.stringify(attrs)})`);
      // An abstention on an election takes part (the core counts it in participation), so the
      // bulk form takes one; a candidate's id "a" stays a candidate.
      const bulk = await page.evaluate(async () => {
        const { parseBulk } = await import('./organiser.js');
        const mt = { motions: [{ motion: 'elect', election: { seats: 2, candidates: ['a', 'b'] } }, { motion: 'hire' }] };
        return parseBulk('o1,elect=abstain\no2,elect=弃权\no3,elect=a b\no4,elect=a\no5,hire=a', mt, 'elect').map((p) => p.votes);
      });
      check(JSON.stringify(bulk) === JSON.stringify([{ elect: 'abstain' }, { elect: 'abstain' }, { elect: ['a', 'b'] }, { elect: ['a'] }, { hire: 'abstain' }]),
        `bulk ballots: an election abstention, 弃权 too; candidates as lists (${JSON.stringify(bulk)})`);
      const badge = async (m) => page.getAttribute(`${tid(`audit-meeting-${m}`)} .badge[class*="status-"]`, 'class');
      check((await badge('m1')).includes('status-closed') && (await badge('m2')).includes('status-open'),
        `a meeting past its closes_at with no meeting.closed is shown closed, as the CLI says (${await badge('m1')}; ${await badge('m2')})`);
      check(await page.getAttribute(tid('audit-outcome-m1-fund'), 'data-outcome') === 'passed' && !(await page.$(tid('audit-provisional-m1-fund'))),
        'its result is final, as `yishi tally` says');
    }

    if (existsSync(join(repoDir, 'examples', 'bihu-tree-pruning.jsonl'))) {
      // While a record is verified the page says so (progress), then shows the result.
      await page.evaluate(() => {
        window.__sawProgress = false;
        new MutationObserver(() => { if (document.querySelector('[data-testid="audit-running"] progress')) window.__sawProgress = true; })
          .observe(document.getElementById('view'), { childList: true, subtree: true });
      });
      await page.setInputFiles(tid('audit-file'), join(repoDir, 'examples', 'bihu-tree-pruning.jsonl'));
      await page.waitForSelector(tid('audit-ok'));
      check(await page.evaluate(() => window.__sawProgress), 'auditor: a progress bar while the record is verified');
      check((await page.textContent(tid('audit-meeting-title-2027-03'))).trim() === '碧湖花园2027年第三次业主大会（书面征求意见）', 'auditor: an example meeting\'s title from its record');
      // Shares are shown exact and rounded down, as the explanation gives them: 5 of 12 is 41.66%, not 41.67%.
      const fig = await page.textContent(`${tid('audit-result-2027-03-prune')} [data-check="objection_block-heads"] .check-fig`);
      const expl = await page.textContent(tid('audit-explanation-2027-03-prune'));
      check(fig.includes('5 / 12 (41.66%)') && expl.includes('41.66%'), `auditor: 5 of 12 protected owners shown as 41.66% (${fig.trim()})`);
      // Bars are drawn under the CSP (style set through the CSSOM, not a style attribute).
      const widths = await page.$$eval(`${tid('audit-result-2027-03-prune')} .bar-fill`, (els) => els.map((e) => e.getBoundingClientRect().width / e.parentElement.getBoundingClientRect().width));
      check(widths.length > 0 && widths.some((w) => w > 0.05 && w < 0.95), `auditor: bars drawn to their share (${widths.map((w) => w.toFixed(2)).join(', ')})`);
      // Warnings and badges in the warning colour are readable (WCAG AA 4.5:1 on white).
      const ratio = await page.$eval(`${tid('audit-result-2027-03-prune')} .warnings li`, (el) => {
        const lum = (c) => { const [r, g, b] = c.match(/\d+/g).slice(0, 3).map((x) => { const v = x / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        return 1.05 / (lum(getComputedStyle(el).color) + 0.05);
      });
      check(ratio >= 4.5, `auditor: warning text contrast ${ratio.toFixed(2)}:1`);
      check(await page.$$eval('th', (els) => els.filter((e) => !e.textContent.trim()).length) === 0, 'auditor: no empty table header');
    }

    console.log('large record (in a worker)');
    // A generated record of 20 MB (51,648 events): verified and recounted in a module worker, the
    // page's thread never held up, the results those of `yishi tally --json`.
    const largeDir = mkdtempSync(join(tmpdir(), 'yishi-e2e-large-'));
    const large = generateRecord(join(largeDir, 'large.jsonl'), { owners: 20000, ballots: 50000, seed: 3 });
    if (!large) console.log('  (cargo xtask gen-record failed: no large record audited)');
    if (large) {
      const largeLines = readFileSync(large, 'utf8').split('\n').filter(Boolean);
      const workers = [];
      const onWorker = (w) => { const x = { url: w.url(), closed: false }; w.on('close', () => { x.closed = true; }); workers.push(x); };
      page.on('worker', onWorker);
      // A timer that keeps ticking on the page's thread: its longest gap is the longest the page was held up.
      await page.evaluate(() => {
        const g = { max: 0, run: true };
        window.__gaps = g;
        let last = performance.now();
        const tick = () => { const now = performance.now(); g.max = Math.max(g.max, now - last); last = now; if (g.run) setTimeout(tick, 0); };
        setTimeout(tick, 0);
      });
      const shownFile = (name) => page.waitForFunction((n) => document.querySelector('[data-testid="audit-ok"] .audit-file-name strong')?.textContent === n, name, { timeout: 60000 });
      const started = Date.now();
      await page.setInputFiles(tid('audit-file'), large);
      await shownFile('large.jsonl');
      const took = Date.now() - started;
      const maxGap = await page.evaluate(() => { window.__gaps.run = false; return window.__gaps.max; });
      check(workers.length === 1 && new URL(workers[0].url).pathname.endsWith('/audit-worker.js'), `large record: verified in a worker (${workers.map((w) => w.url).join(', ')})`);
      // Verifying on the page's thread would hold it up for about the whole
      // audit; a worker leaves only the page's own work (reading the file,
      // drawing the results, a collection), which a busy 2-core machine may
      // stretch past 100 ms: the bound is a third of the audit, at least 250 ms.
      const bound = Math.max(250, took / 3);
      check(maxGap < bound, `large record: the page's thread never held up over ${bound.toFixed(0)} ms (longest gap ${maxGap.toFixed(0)} ms, ${took} ms in all)`);
      check(Number(await page.textContent(tid('audit-events'))) === largeLines.length, `large record: ${largeLines.length} events`);
      check((await page.textContent(tid('audit-head'))).trim() === JSON.parse(largeLines.at(-1)).hash, 'large record: its head');
      check(await until(() => workers.every((w) => w.closed)), 'large record: the worker is ended once it has answered');
      if (cli) {
        const tally = JSON.parse(spawnSync(cli, ['tally', '--json', large], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout);
        // what the page shows: every motion's outcome
        const wrong = [];
        for (const [key, r] of Object.entries(tally)) {
          const got = await page.getAttribute(tid(`audit-outcome-${key.replace('/', '-')}`), 'data-outcome').catch(() => null);
          if (got !== r.outcome) wrong.push(`${key}: ${got} (CLI: ${r.outcome})`);
        }
        check(wrong.length === 0, `large record: the ${Object.keys(tally).length} outcomes shown are the CLI's${wrong.length ? `: ${wrong.join('; ')}` : ''}`);
        // and the whole results, as the auditor computes them (the same audit(), in a worker)
        // On the context, which also sees what the page's service worker fetches (Chromium).
        await context.route('**/__e2e/large.jsonl', (route) => route.fulfill({ path: large, contentType: 'application/jsonl' }));
        const results = await page.evaluate(async () => {
          const bytes = new Uint8Array(await (await fetch('./__e2e/large.jsonl')).arrayBuffer());
          const a = await (await import('./auditor.js')).audit(await import('./wasm.js'), 'large.jsonl', bytes);
          return bytes.length === 0 && a.results; // the bytes were transferred to the worker, not copied
        });
        await context.unroute('**/__e2e/large.jsonl');
        const canon = (v) => (Array.isArray(v) ? v.map(canon) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon(v[k])])) : v);
        check(results && JSON.stringify(canon(results)) === JSON.stringify(canon(tally)), 'large record: the results equal `yishi tally --json`, member for member (the bytes transferred to the worker)');
        // the published-head check on it, from the hashes the worker gathered
        const k = 100;
        const earlier = JSON.parse(largeLines[k - 1]).hash;
        await page.fill(tid('audit-expect-head'), earlier);
        await page.waitForSelector(`${tid('audit-head-check')}[data-verdict="added"]`);
        const says = `${await page.getAttribute('#audit-error', 'data-code')} at seq ${await page.getAttribute('#audit-error', 'data-seq')}: ${(await page.textContent(tid('audit-error-message'))).trim()}`;
        const cliVerdict = spawnSync(cli, ['verify', large, '--expect-head', earlier], { encoding: 'utf8' }).stdout.split('\n')[0].trim();
        check(says === cliVerdict, `large record, published head of event ${k}: word for word what the CLI says (${says.slice(0, 50)}…)`);
        await page.fill(tid('audit-expect-head'), '');
        await page.waitForSelector(`${tid('audit-head-check')}[data-verdict="none"]`);
      }
      // A second file opened while the first is verified: the first worker is ended, the second shown.
      workers.length = 0;
      await page.evaluate(() => {
        window.__largeShown = false;
        new MutationObserver(() => { if (document.querySelector('[data-testid="audit-ok"] .audit-file-name strong')?.textContent === 'large.jsonl') window.__largeShown = true; })
          .observe(document.getElementById('view'), { childList: true, subtree: true });
      });
      await page.setInputFiles(tid('audit-file'), large);
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="audit-progress"]')?.value) > 0);
      const small = `${recLines.join('\n')}\n`;
      await page.setInputFiles(tid('audit-file'), { name: 'second.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(small) });
      await shownFile('second.jsonl');
      await page.waitForTimeout(1500); // longer than the large record takes: it must not come back
      check((await page.textContent('[data-testid="audit-ok"] .audit-file-name strong')) === 'second.jsonl' && Number(await page.textContent(tid('audit-events'))) === count
        && !(await page.evaluate(() => window.__largeShown)),
        'a second file opened during a verification replaces it');
      check(workers.length === 2 && await until(() => workers.every((w) => w.closed)), `the first verification's worker is terminated (${workers.length} workers, ${workers.filter((w) => w.closed).length} ended)`);
      page.off('worker', onWorker);
    }
    rmSync(largeDir, { recursive: true, force: true });

    // The organiser's own record, audited, then adopted (its text comes back from the worker with its bytes).
    await tab('auditor');
    await page.click(tid('audit-current'));
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="audit-ok"] [data-testid="audit-events"]')?.textContent) === n, count);
    check((await page.textContent(tid('audit-head'))).trim() === head, 'the current record audited: same head');
    await page.click(tid('audit-adopt'));
    await page.waitForSelector(tid('msg-record'));
    check(Number(await page.textContent(tid('record-count'))) === count && (await page.textContent(tid('record-head'))).trim() === head,
      'an audited record adopted: the organiser has it, event for event');
    // Another record over the organiser's takes a second click (the organiser's is kept until then),
    // and the address follows the view it opens. Then the organiser's record is adopted back.
    {
      const other = join(repoDir, 'examples', 'bihu-tree-pruning.jsonl');
      const adopt = async (file, name, events) => {
        await tab('auditor');
        await page.setInputFiles(tid('audit-file'), file);
        await page.waitForFunction((n) => document.querySelector('[data-testid="audit-ok"] .audit-file-name strong')?.textContent === n, name);
        await page.click(tid('audit-adopt'));
        await page.waitForSelector(tid('audit-adopt-confirm'));
        const kept = await page.evaluate(() => localStorage.getItem('yishi-demo.record'));
        await page.click(tid('audit-adopt-confirm'));
        await page.waitForSelector(tid('msg-record'));
        return { kept, hash: await page.evaluate(() => location.hash), count: Number(await page.textContent(tid('record-count'))), events };
      };
      check(existsSync(other), 'the example record to adopt is there');
      if (existsSync(other)) {
        const lines = readFileSync(other, 'utf8').trimEnd().split('\n').length;
        const a = await adopt(other, 'bihu-tree-pruning.jsonl', lines);
        check(a.kept === record && a.hash === '#organiser' && a.count === lines,
          `adopting another record asks to confirm first, keeps the organiser's until then, then opens #organiser (${a.hash}, ${a.count} of ${lines} events)`);
        const b = await adopt({ name: 'record.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(record) }, 'record.jsonl', count);
        check(b.count === count && (await page.textContent(tid('record-head'))).trim() === head, 'the organiser\'s record adopted back');
      }
    }

    // Without Worker (an older browser), the page verifies on its own thread, as before.
    const bare = await context.newPage();
    await bare.addInitScript(() => { window.Worker = undefined; });
    bare.on('console', (m) => { if (m.type() === 'error' && !expected(m.location().url || base)) problems.push(`no-worker tab console: ${m.text()}`); });
    bare.on('pageerror', (e) => problems.push(`no-worker tab page error: ${e.message}`));
    let bareWorkers = 0;
    bare.on('worker', () => { bareWorkers += 1; });
    await bare.goto(`${base}#auditor`);
    await bare.waitForSelector('body[data-ready="1"]');
    await bare.setInputFiles(tid('audit-file'), { name: 'record.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(record) });
    await bare.waitForSelector(tid('audit-ok'));
    check(bareWorkers === 0 && (await bare.textContent(tid('audit-head'))).trim() === head && await bare.getAttribute(tid(`audit-outcome-${meeting}-hire`), 'data-outcome') === 'passed',
      'without Worker: verified and recounted on the page itself');
    await bare.setInputFiles(tid('audit-file'), { name: 'tampered.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(tampered) });
    await bare.waitForSelector('#audit-error');
    check(await bare.getAttribute('#audit-error', 'data-code') === 'record.hash_mismatch' && Number(await bare.getAttribute('#audit-error', 'data-seq')) === ev.seq,
      'without Worker: the tampered record refused at the same seq');
    await bare.close();

    console.log('storage full');
    // A record the browser cannot store: said so, and the previous record is not left behind to
    // come back on reload in its place.
    await page.evaluate(() => {
      const set = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        if (k === 'yishi-demo.record') throw new DOMException('quota exceeded (test)', 'QuotaExceededError');
        return set.call(this, k, v);
      };
    });
    await tab('organiser');
    await page.selectOption(tid('example-select'), 'builtin');
    await page.click(tid('load-example'));
    await page.waitForSelector(tid('msg-community'));
    check(await page.waitForSelector(tid('error-storage'), { timeout: 3000 }).then(() => true, () => false), 'a failed save is shown in the record card');
    const stored = await page.evaluate(() => localStorage.getItem('yishi-demo.record'));
    check(stored === null, 'a failed save leaves no older record to be restored on reload');
    await page.reload();
    await ready();
    await tab('organiser');
    check(Number(await page.textContent(tid('record-count'))) !== count, 'after the reload the older record did not come back as this one');

    console.log('a new record, followed by an owner\'s tab');
    await tab('organiser');
    await page.selectOption(tid('example-select'), 'builtin');
    await page.click(tid('load-example'));
    await page.waitForSelector(tid('msg-community'));
    const again = await convene('assembly');
    const watcher = await context.newPage();
    watcher.on('pageerror', (e) => problems.push(`watcher tab page error: ${e.message}`));
    await watcher.goto(`${base}#live`);
    await watcher.waitForSelector(tid(`meeting-${again}`));
    // A record the organiser's tab cannot store is no new record for the owner's tab: it keeps
    // the count it saw, and says why.
    await page.evaluate(() => {
      window.__setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        if (k === 'yishi-demo.record') throw new DOMException('quota exceeded (test)', 'QuotaExceededError');
        return window.__setItem.call(this, k, v);
      };
    });
    await convene('assembly');
    check(await watcher.waitForSelector(tid('shared-unsaved'), { timeout: 3000 }).then(() => true, () => false)
      && !!(await watcher.$(tid(`meeting-${again}`))), 'a record the organiser\'s tab cannot store: the owner\'s tab keeps its count and says why');
    await page.evaluate(() => { Storage.prototype.setItem = window.__setItem; });
    await page.click(tid('reset'));
    await page.click(tid('reset-confirm'));
    check(await watcher.waitForSelector(tid('live-empty'), { timeout: 3000 }).then(() => true, () => false),
      'a record reset in the organiser\'s tab: the owner\'s tab no longer shows the old count');
    await watcher.close();
    await page.selectOption(tid('example-select'), 'builtin');
    await page.click(tid('load-example'));
    await page.waitForSelector(tid('msg-community'));
    await convene('assembly');
    await page.click('#tr-details summary');

    console.log('a community registered from a CSV file');
    {
      await tab('organiser');
      if (!(await page.$eval('#csv-details', (d) => d.open))) await page.click('#csv-details summary');
      const stored = () => page.evaluate(() => localStorage.getItem('yishi-demo.record'));
      const before = await stored();
      const countBefore = await page.textContent(tid('record-count'));
      const csvFile = (name, text) => page.setInputFiles(tid('csv-file'), { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
      // A bad area is reported with its row and column before anything is applied.
      await csvFile('bad.csv', '\uFEFF房号,楼栋,楼层,建筑面积,业主,用途\r\n1-0101,1,1,89.37,o1,住宅\r\n1-0102,1,1,12.345,o2,住宅\r\n1-0201,1,2,"1,2",o3,住宅\r\n');
      await page.waitForSelector(tid('csv-errors'));
      const bad = await page.$$eval(`${tid('csv-errors')} li`, (els) => els.map((e) => `${e.dataset.kind}@${e.dataset.row}${e.dataset.col}`));
      const badText = await page.textContent(tid('csv-errors'));
      check(bad.join(' ') === 'area@3D area@4D' && badText.includes('第 3 行 D 列') && badText.includes('12.345') && badText.includes('1,2'),
        `CSV: the bad areas "12.345" and "1,2" are reported with their rows and column (${bad.join(' ')})`);
      check(await page.isDisabled(tid('csv-register')) && !(await page.$(tid('csv-preview'))) && await stored() === before
        && await page.textContent(tid('record-count')) === countBefore, 'CSV: with a bad area nothing is offered to register, the record unchanged');

      // Chinese headers in another order, a quoted field holding a comma, CRLF and a BOM; areas
      // whose sum a float would not give exactly (0.1 + 0.2, 1,000,000.03 + 0.01 ...).
      const units = [
        ['1-0101', '1', '1', '89.37', 'o1', '住宅', '张三, 李四'], ['1-0102', '1', '1', '0.01', 'o2', '住宅', '王芳'],
        ['1-0201', '1', '2', '0.10', 'o3', '住宅', ''], ['1-0202', '1', '2', '0.2', 'o4', '商业', ''],
        ['2-0101', '2', '1', '1000000.03', 'o5', 'residential', ''], ['2-0102', '2', '1', '56.78', 'o6', '', ''],
        ['3-0101', '3', '1', '120.45', 'dev', '住宅', '碧湖置业'], ['3-0102', '3', '1', '99.99', 'dev', '住宅', '碧湖置业'],
        ['P-01', 'P', '-1', '12.50', 'o1', '车位', '张三, 李四'],
      ];
      const q = (x) => (/[",\r\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x);
      const good = `\uFEFF${['业主', '房号', '建筑面积（㎡）', '楼栋', '楼层', '用途', '业主姓名', '备注'].join(',')}\r\n`
        + units.map(([id, b, f, area, owner, use, name]) => [owner, id, area, b, f, use, name, '"备注, 无"'].map((x, i) => (i === 7 ? x : q(x))).join(',')).join('\r\n') + '\r\n';
      // the expected total, in integer hundredths: "0.2" is 20, "1000000.03" is 100000003
      const hundredths = (a) => { const [i, f = ''] = a.split('.'); return BigInt(i) * 100n + BigInt(f.padEnd(2, '0')); };
      const sum = units.reduce((acc, u) => acc + hundredths(u[3]), 0n);
      const want = `${sum / 100n}.${String(sum % 100n).padStart(2, '0')}`;
      await csvFile('登记表.csv', good);
      await page.waitForSelector(tid('csv-preview'));
      const preview = await page.evaluate(() => Object.fromEntries(['units', 'owners', 'total', 'buildings'].map((k) => [k, document.querySelector(`[data-testid="csv-${k}"]`).textContent])));
      check(preview.units === '9' && preview.owners === '7' && preview.total === `${want} m²` && preview.buildings.startsWith('4'),
        `CSV preview: 9 units, 7 owners, total ${preview.total} exactly (want ${want}), buildings ${preview.buildings}`);
      check(await stored() === before, 'CSV: the preview applies nothing');
      await page.fill(tid('csv-community'), 'csv-garden');
      await page.fill(tid('csv-name'), '测试花园');
      await page.selectOption(tid('csv-developer'), 'dev');
      await page.click(tid('csv-register'));
      await page.waitForSelector(tid('msg-csv'));
      const rec1 = (await stored() || '').split('\n').filter(Boolean).map((l) => JSON.parse(l));
      const reg = rec1[0] && rec1[0].data;
      check(rec1.length === 1 && rec1[0].kind === 'community.registered' && reg.community === 'csv-garden' && reg.name === '测试花园'
        && JSON.stringify(reg.units.map((u) => [u.id, u.area])) === JSON.stringify(units.map((u) => [u[0], u[3]]))
        && reg.units[8].use === 'parking' && reg.units[8].floor === -1 && reg.units[3].use === 'commercial'
        && JSON.stringify(reg.owners.map((o) => [o.id, o.name, !!o.developer])) === JSON.stringify([['o1', '张三, 李四', false], ['o2', '王芳', false], ['dev', '碧湖置业', true]]),
      `CSV: community.registered stored with every area as written, the quoted name with its comma, uses mapped, the developer marked${reg ? '' : ' (no record)'}`);
      check((await page.textContent(`${tid('community-facts')} dd:nth-of-type(4)`)).trim() === `${want} m²`, 'CSV: the community card shows the same total area');
      // The core's own total: the electorate of an assembly convened on it, as `yishi tally --json` gives it.
      await page.click('#rl-details summary');
      await page.click(tid('rules-adopt'));
      await page.waitForSelector(tid('msg-rules'));
      const am = await convene('assembly');
      const csvCli = cliBinary();
      if (csvCli) {
        const dir = mkdtempSync(join(tmpdir(), 'yishi-e2e-csv-'));
        const file = join(dir, 'csv.jsonl');
        writeFileSync(file, await stored());
        const verified = spawnSync(csvCli, ['verify', file], { encoding: 'utf8' });
        const tally = JSON.parse(spawnSync(csvCli, ['tally', '--json', file], { encoding: 'utf8' }).stdout || '{}');
        rmSync(dir, { recursive: true, force: true });
        const r = tally[`${am}/hire`];
        check(verified.status === 0 && r && r.electorate.area === want && r.electorate.heads === 7,
          `CSV: \`yishi tally --json\` gives the electorate ${r && r.electorate.area} m² and ${r && r.electorate.heads} owners`);
      } else console.log('  (no yishi binary: the tally comparison is skipped)');
      await tab('live');
      const liveArea = await page.evaluate((key) => [...document.querySelectorAll(`[data-testid="result-${key}"] table.figures tbody tr`)].map((tr) => tr.textContent).join(' | '), `${am}-hire`);
      check(liveArea.includes(want), `CSV: the live count (the wasm ledger's results) shows the electorate's ${want} m²`);
      await tab('organiser');

      // A unit registered twice: the core refuses it (unit.duplicate), explained, the record unchanged.
      const kept = await stored();
      const keptCount = await page.textContent(tid('record-count'));
      await csvFile('dup.csv', 'id,area,owner\n1-0101,89.37,o1\n1-0102,50,o2\n1-0101,60.5,o3\n');
      await page.waitForSelector(tid('csv-preview'));
      await page.fill(tid('csv-community'), 'dup-garden');
      await page.fill(tid('csv-name'), '重复花园');
      await page.click(tid('csv-register'));
      await page.waitForSelector(tid('error-csv'));
      const dupMeaning = await page.$eval(tid('error-csv-meaning'), (e) => e.textContent.trim()).catch(() => null);
      check(await page.getAttribute(tid('error-csv'), 'data-code') === 'unit.duplicate'
        && dupMeaning === errorCatalogue()['unit.duplicate'].zh.meaning.replace(/`/g, ''),
      `CSV: a unit id twice is refused by the core with unit.duplicate, its meaning shown (${dupMeaning})`);
      check(await stored() === kept && await page.textContent(tid('record-count')) === keptCount, 'CSV: after the refusal the stored record is unchanged');
      // An area of 0 is well formed, but the core's own check refuses it.
      await csvFile('zero.csv', 'id,area,owner\n1-0101,0,o1\n');
      await page.waitForSelector(tid('csv-preview'));
      await page.click(tid('csv-register'));
      await page.waitForFunction(() => document.querySelector('[data-testid="error-csv"]')?.dataset.code === 'unit.area_invalid');
      check(await stored() === kept, 'CSV: an area of 0 is refused by the core (unit.area_invalid), the record unchanged');
    }

    console.log('accessible names');
    for (const v of ['organiser', 'live', 'auditor']) {
      await tab(v);
      const unnamed = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea, button')]
        .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !(el.tagName === 'BUTTON' && el.textContent.trim()))
        .map((el) => el.id || el.outerHTML.slice(0, 80)));
      check(unnamed.length === 0, `${v}: every control has a label${unnamed.length ? `: ${unnamed.join(', ')}` : ''}`);
    }

    console.log('phone width');
    await page.setViewportSize({ width: 360, height: 740 });
    // In both languages: English labels ("provisional (voting or objection period open)") are longer.
    for (const lang of ['first', 'second']) {
      for (const v of ['organiser', 'live', 'auditor']) {
        await tab(v);
        const w = await page.evaluate(() => document.documentElement.scrollWidth);
        const shown = await page.evaluate(() => document.documentElement.lang);
        check(w <= 360, `${v} view fits 360px in ${shown} (scrollWidth ${w})`);
      }
      if (lang === 'first') await page.click(tid('lang-toggle'));
    }
    await page.click(tid('lang-toggle'));

    console.log('offline, after one visit');
    await offline(browser, problems);
  } catch (e) {
    failures += 1;
    console.log(`  FAIL ${e.stack || e}`);
    await page.screenshot({ path: join(shotsDir, 'failure.png'), fullPage: true }).catch(() => {});
  } finally {
    check(external.length === 0, `no request leaves the demo's origin${external.length ? `: ${external.join(', ')}` : ''}`);
    check(problems.length === 0, `no console errors${problems.length ? `:\n       ${problems.join('\n       ')}` : ''}`);
    await browser.close();
    if (server) server.close();
  }
  console.log(failures ? `\n${failures} check(s) failed` : '\nall e2e checks passed');
  process.exit(failures ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

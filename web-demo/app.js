// yishi web demo: state, actions and rendering of the three views.

import { h, snapshotForm, restoreForm } from './dom.js';
import { t, setLang, getLang, applyStatic } from './i18n.js';
import { Model } from './model.js';
import { formatAt, parseAt } from './clock.js';
import { loadSaved, saveRecord, saveUi, unsavedElsewhere, clearUnsaved, clearBulk, RECORD, UNSAVED } from './store.js';
import { sampleEvents, SAMPLE_START } from './sample.js';
import { renderOrganiser, freshDraft } from './organiser.js';
import { renderLive } from './live.js';
import { renderAuditor, audit, progressText } from './auditor.js';
import { explainTerms } from './errors.js';
import { readRegister, registeredEvent } from './csv.js';

const VIEWS = ['organiser', 'live', 'auditor'];
let wasm = null;

const state = {
  ledger: null,
  model: new Model(),
  results: {},
  clock: parseAt(SAMPLE_START),
  lang: 'zh',
  view: 'organiser',
  meeting: '',
  liveMeeting: '',
  draft: null,
  msgs: {},
  examples: [],
  exampleChoice: 'builtin',
  audit: null,
  expectHead: '', // the published head hash the auditor checks the record against
  extendsHead: '', // a head published earlier that the record must hold (`yishi verify --extends`)
  receipt: '', // a ballot's receipt hash the auditor looks up in the record
  snaps: {},
  keep: {},
  confirmReset: false,
  /** The auditor's "continue with this record" was clicked once over a record of the organiser's. */
  confirmAdopt: false,
  /** Another tab holds a record too large to store: this tab keeps the last one it saw. */
  sharedUnsaved: false,
  dragging: false,
  storageError: null,
  auditing: null,
  csv: null, // a unit register read from a CSV file: {name, reg} or {name, decodeError}
};

/* ---------------------------------------------------------------- messages */

/** A refusal from the core (or a thrown Error): its message is English, as the CLI prints it. */
function coreError(e) {
  return { ...wasm.errorOf(e), english: true };
}

function setMsg(panel, m) {
  state.msgs[panel] = m;
}

function msg(panel) {
  const m = panel === 'storage'
    ? state.storageError && { code: 'storage', message: `${t('storage.failed')}${t('punct.colon')}${state.storageError}` }
    : state.msgs[panel];
  if (!m) return null;
  if (m.ok) return h('p', { class: 'msg ok', role: 'status', 'data-testid': `msg-${panel}`, 'data-receipt': m.receipt }, m.ok);
  // The core's message is English (as the CLI prints it); what the code means and how to
  // fix it follow in the page's language (docs/errors.md), as the auditor view gives them.
  const why = explainTerms(m.code, state.lang, t, `error-${panel}`);
  return h('div', { class: 'msg error', role: 'alert', 'data-testid': `error-${panel}`, 'data-code': m.code, 'data-seq': m.seq ?? '' },
    h('p', {},
      h('code', { class: 'err-code' }, m.code),
      m.seq !== undefined ? h('span', { class: 'err-seq' }, ` · ${t('error.seq', { seq: m.seq })}`) : null,
      ' · ', h('span', { class: 'err-message', lang: m.english ? 'en' : undefined }, m.message),
      m.note ? [' — ', h('span', { class: 'err-note' }, m.note)] : null),
    why ? h('dl', { class: 'err-why' }, why) : null);
}

/* ---------------------------------------------------------------- ledger */

function refresh() {
  state.results = wasm.plain(state.ledger.results());
}

function persist() {
  const err = saveRecord(state.model.count ? state.ledger.toRecord() : '');
  // Kept apart from the panels' messages, which the next action replaces:
  // until a save succeeds, a reload would lose the record.
  state.storageError = err;
  persistUi();
}

/** The UI state this tab last read or wrote: another tab of the demo (an owner's live count,
 * say) shares the storage, so a tab writes only what it changed itself, never its own stale
 * copy of the organiser's clock over the one the organiser set. */
let uiSeen = {};

function persistUi() {
  const mine = { lang: state.lang, view: state.view, clock: formatAt(state.clock), meeting: state.meeting, liveMeeting: state.liveMeeting };
  const changed = Object.fromEntries(Object.entries(mine).filter(([k, v]) => uiSeen[k] !== v));
  if (!Object.keys(changed).length) return;
  saveUi({ ...loadSaved().ui, ...changed });
  Object.assign(uiSeen, changed);
}

function afterChange() {
  refresh();
  persist();
  state.confirmReset = false;
  state.confirmAdopt = false;
}

/** Apply one unsealed event at the simulated clock; shows the result in `panel`'s message slot. */
function act(panel, kind, data) {
  state.msgs = {};
  try {
    const sealed = wasm.plain(state.ledger.apply({ at: formatAt(state.clock), kind, data }));
    state.model.add(sealed);
    afterChange();
    // A ballot's hash is the voter's receipt: with it they can find the ballot in the published record.
    const receipt = kind === 'ballot.cast' ? `${t('punct.sep')}${t('msg.receipt', { hash: sealed.hash })}` : '';
    setMsg(panel, { ok: `${t('msg.applied', { seq: sealed.seq, kind })}${receipt}`, receipt: kind === 'ballot.cast' ? sealed.hash : undefined });
    rerender();
    return sealed;
  } catch (e) {
    setMsg(panel, coreError(e));
    rerender();
    return null;
  }
}

/** Apply several events in order, stopping at the first error; returns how many were applied. */
function actMany(panel, events, okText) {
  state.msgs = {};
  let done = 0;
  let error = null;
  for (const ev of events) {
    try {
      state.model.add(wasm.plain(state.ledger.apply({ at: formatAt(state.clock), kind: ev.kind, data: ev.data })));
      done += 1;
    } catch (e) {
      error = coreError(e);
      break;
    }
  }
  if (done) afterChange();
  if (error) setMsg(panel, { ...error, note: okText(done) });
  else setMsg(panel, { ok: okText(done) });
  return done;
}

function replaceLedger(ledger, model) {
  if (state.ledger && state.ledger !== ledger && state.ledger.free) state.ledger.free();
  state.ledger = ledger;
  state.model = model;
  state.clock = model.lastAt ?? parseAt(SAMPLE_START);
  state.meeting = model.latestMeetingId();
  state.liveMeeting = state.meeting;
  state.draft = freshDraft(state);
  state.snaps = {};
  clearBulk(); // lines typed for the record that goes
  afterChange();
}

function ledgerFromEvents(events) {
  const ledger = new wasm.Ledger();
  const model = new Model();
  try {
    for (const ev of events) model.add(wasm.plain(ledger.apply({ at: ev.at, kind: ev.kind, data: ev.data })));
  } catch (e) {
    if (ledger.free) ledger.free();
    throw e;
  }
  return { ledger, model };
}

function ledgerFromRecord(text) {
  const ledger = wasm.Ledger.fromRecord(text);
  return { ledger, model: Model.fromRecordText(ledger.toRecord()) };
}

/* ---------------------------------------------------------------- examples */

async function loadExampleIndex() {
  let res;
  try {
    res = await fetch('./examples/index.json', { cache: 'no-store' });
  } catch {
    return [];
  }
  if (!res.ok) return [];
  try {
    const idx = await res.json();
    const list = Array.isArray(idx) ? idx : (idx.examples || idx.communities || []);
    return list.map((e, i) => {
      const file = typeof e === 'string' ? e : (e.file || e.path || e.record || e.url || e.name);
      if (!file) return null;
      const title = typeof e === 'string' ? e : (e.title || e.name || file); // a string or {zh, en}
      return {
        id: `ex-${i}`,
        title: typeof title === 'object' ? title : String(title),
        description: typeof e === 'object' ? e.description : undefined,
        url: new URL(file, new URL('./examples/', location.href)).href,
      };
    }).filter(Boolean);
  } catch {
    return [];
  }
}

/** An example file: a sealed .jsonl record, an unsealed event list, or a conformance-style case. */
async function exampleLedger(ex) {
  const res = await fetch(ex.url, { cache: 'no-store' });
  if (!res.ok) throw new Error(`${ex.url}: HTTP ${res.status}`);
  const text = await res.text();
  if (ex.url.endsWith('.jsonl')) return ledgerFromRecord(text);
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    return ledgerFromRecord(text); // several lines: JSON Lines under another name
  }
  const jsonl = (events) => events.map((e) => JSON.stringify(e)).join('\n') + '\n';
  if (Array.isArray(json)) return json.length && json[0].hash ? ledgerFromRecord(jsonl(json)) : ledgerFromEvents(json);
  if (json.events) return ledgerFromEvents(json.events);
  if (json.record) return ledgerFromRecord(jsonl(json.record));
  throw new Error(`${ex.url}: not a record`);
}

async function loadExample(id) {
  state.msgs = {};
  try {
    const ex = state.examples.find((e) => e.id === id);
    const { ledger, model } = ex ? await exampleLedger(ex) : ledgerFromEvents(sampleEvents());
    replaceLedger(ledger, model);
    setMsg('community', { ok: t('msg.loaded', { n: model.count }) });
  } catch (e) {
    setMsg('community', coreError(e));
  }
  rerender();
}

/* ---------------------------------------------------------------- a community from CSV */

/** Read a spreadsheet's unit register (CSV, UTF-8 with or without a BOM) for the preview. */
async function readCsv(file) {
  state.msgs = {};
  let text;
  try {
    // fatal: a file saved in another encoding (GBK, as older spreadsheets write "CSV") is
    // said to be one, not read as garbled names; a BOM is dropped here (and by the parser).
    text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    state.csv = { name: file.name, decodeError: true };
    rerender();
    return;
  }
  state.csv = { name: file.name, reg: readRegister(text) };
  rerender();
}

/** community.registered from the register read, applied through the ledger as every event is:
 * a new record (as loading an example starts one), which replaces the current one only once the
 * core has accepted the event; a refusal leaves the current record as it was. */
function registerCsv({ community, name, developer }) {
  state.msgs = {};
  const reg = state.csv && state.csv.reg;
  const input = (message) => { setMsg('csv', { code: 'input', message }); rerender(); };
  if (!reg || reg.errors.length) return input(t('org.csv.noFile'));
  if (!community) return input(t('org.csv.needCommunity'));
  if (!name) return input(t('org.csv.needName'));
  if (developer && !reg.owners.includes(developer)) return input(t('org.csv.developerUnknown', { id: developer }));
  const data = registeredEvent(reg, { community, name, developer });
  const ledger = new wasm.Ledger();
  const model = new Model();
  try {
    const sealed = wasm.plain(ledger.apply({ at: formatAt(state.clock), kind: 'community.registered', data }));
    model.add(sealed);
  } catch (e) {
    if (ledger.free) ledger.free();
    setMsg('csv', coreError(e));
    rerender();
    return;
  }
  replaceLedger(ledger, model);
  setMsg('csv', { ok: t('org.csv.done', { n: reg.units.length, community }) });
  rerender();
}

/* ---------------------------------------------------------------- other actions */

/** The instants the clock may show: RFC 3339 years have four digits (and the page writes
 * a year as it is, so years before 1000 are out too). */
const FIRST_CLOCK = Date.parse('1000-01-01T00:00:00+08:00');
const LAST_CLOCK = Date.parse('9999-12-31T23:59:59+08:00');

function setClock(ms) {
  state.msgs = {};
  if (state.model.lastAt !== null && ms < state.model.lastAt) {
    setMsg('clock', { code: 'clock', message: t('clock.backwards') });
  } else if (!(ms >= FIRST_CLOCK && ms <= LAST_CLOCK)) {
    setMsg('clock', { code: 'clock', message: t('clock.range') });
  } else {
    state.clock = ms;
  }
  rerender(['clk-set']);
}

/** Members of a result announced in result.declared; replay checks each against its recount. */
const DECLARED = ['outcome', 'participating', 'yes', 'no', 'abstain', 'elected', 'tied', 'open_seats', 'present'];

/** result.declared built from the ledger's own results for that meeting. */
function declare(meetingId) {
  const results = {};
  for (const r of Object.values(state.results)) {
    if (r.meeting !== meetingId) continue;
    results[r.motion] = Object.fromEntries(DECLARED.filter((k) => r[k] !== undefined && r[k] !== null).map((k) => [k, r[k]]));
  }
  return act('close', 'result.declared', { meeting: meetingId, results });
}

function exportRecord() {
  const text = state.ledger.toRecord();
  const blob = new Blob([text], { type: 'application/jsonl' });
  const a = h('a', { href: URL.createObjectURL(blob), download: `${(state.model.community && state.model.community.community) || 'record'}-${state.model.head.slice(0, 8)}.jsonl` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

function resetRecord() {
  state.msgs = {};
  replaceLedger(new wasm.Ledger(), new Model());
  rerender();
}

let auditRun = null; // the audit under way: its AbortController

/** Stops the audit under way, if any (its worker is terminated): another file replaces it. */
function cancelAudit() {
  if (auditRun) auditRun.abort();
  auditRun = null;
}

/** Verify `bytes` in the auditor view, showing how far it has got; a newer audit replaces it. */
async function auditBytes(name, bytes) {
  cancelAudit();
  const run = new AbortController();
  auditRun = run;
  state.audit = null;
  state.confirmAdopt = false; // a confirmation was for the record shown before
  state.auditing = { name, bytes: bytes.length, done: 0, events: 0 };
  rerender();
  const result = await audit(wasm, name, bytes, (done, events) => {
    if (run !== auditRun || !state.auditing) return;
    Object.assign(state.auditing, { done, events });
    const bar = document.getElementById('audit-progress');
    if (bar) bar.value = done;
    const text = document.getElementById('audit-progress-text');
    if (text) text.textContent = progressText(ctx, state.auditing);
  }, run.signal);
  if (run !== auditRun || !result) return;
  auditRun = null;
  state.auditing = null;
  state.audit = result;
  rerender();
}

let opened = 0; // records opened in the auditor: the last one wins, whichever is read first

function auditText(name, text) {
  opened += 1;
  return auditBytes(name, new TextEncoder().encode(text));
}

async function auditFile(file) {
  // The file's own bytes are verified, as `yishi verify` reads them: decoding
  // first would drop a BOM and replace invalid UTF-8 before any check.
  const ticket = ++opened;
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
    if (ticket !== opened) return;
  } catch (e) {
    if (ticket !== opened) return;
    // unreadable (moved, or a folder dropped): said on the page, not left as a rejected promise
    cancelAudit();
    state.auditing = null;
    state.audit = { name: file.name, bytes: file.size, error: { ...wasm.errorOf(e), line: undefined } };
    rerender();
    return;
  }
  await auditBytes(file.name, bytes);
}

function adoptRecord(text) {
  // Replacing a record the organiser has takes a second click, as clearing one does.
  if (state.model.count > 0 && !state.confirmAdopt && text !== state.ledger.toRecord()) {
    state.confirmAdopt = true;
    rerender();
    return;
  }
  state.confirmAdopt = false;
  state.msgs = {};
  try {
    const { ledger, model } = ledgerFromRecord(text);
    replaceLedger(ledger, model);
    state.view = 'organiser';
    history.replaceState(null, '', '#organiser');
    setMsg('record', { ok: t('msg.loaded', { n: model.count }) });
  } catch (e) {
    setMsg('record', coreError(e));
  }
  rerender();
}

/* ---------------------------------------------------------------- rendering */

const ctx = {
  state, t, msg, setMsg, act, actMany, setClock, declare, exportRecord, resetRecord,
  loadExample, auditFile, auditText, adoptRecord, rerender, readCsv, registerCsv,
};

function rerender(forget = []) {
  const root = document.getElementById('view');
  if (root.dataset.view) state.snaps[root.dataset.view] = snapshotForm(root);
  if (!state.draft) state.draft = freshDraft(state);
  state.lang = getLang();
  const node = state.view === 'live' ? renderLive(ctx) : state.view === 'auditor' ? renderAuditor(ctx) : renderOrganiser(ctx);
  root.replaceChildren(node);
  root.dataset.view = state.view;
  root.setAttribute('aria-labelledby', `tab-${state.view}`);
  const snap = state.snaps[state.view];
  if (snap) restoreForm(root, snap, new Set(forget));
  for (const [id, v] of Object.entries(state.keep)) {
    const el = document.getElementById(id);
    if (el) el.value = v;
  }
  state.keep = {};
  for (const tab of document.querySelectorAll('[role=tab]')) {
    const on = tab.dataset.view === state.view;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
  }
  persistUi();
  document.getElementById('foot-status').textContent =
    `${t('record.events')} ${state.model.count} · ${t('record.head')} ${state.model.head.slice(0, 16)}…`;
}

function switchView(v) {
  if (!VIEWS.includes(v) || v === state.view) return;
  state.view = v;
  history.replaceState(null, '', `#${v}`);
  rerender();
}

/** Another tab of the demo changed the record (say the organiser's, while this one shows the live count). */
function syncFromStorage(text) {
  // This tab's own record could not be stored: it stays (the record card says to export it),
  // whatever another tab stores meanwhile, rather than be lost without a word.
  if (state.storageError) return;
  // The other tab's record is too large to store: not a new record. This tab keeps its own.
  const unsaved = !text && unsavedElsewhere();
  const told = state.sharedUnsaved !== unsaved;
  state.sharedUnsaved = unsaved;
  const same = unsaved || (!text && !state.model.count) || (text && text === state.ledger.toRecord());
  if (same) {
    if (told) rerender();
    return;
  }
  // No record stored any more: the other tab started afresh ("new record"), and so does this one.
  if (!text) clearBulk();
  try {
    const { ledger, model } = text ? ledgerFromRecord(text) : { ledger: new wasm.Ledger(), model: new Model() };
    if (state.ledger.free) state.ledger.free();
    state.ledger = ledger;
    state.model = model;
    refresh();
    state.clock = Math.max(state.clock, model.lastAt ?? state.clock);
    uiSeen.clock = formatAt(state.clock); // the other tab's clock, not one this tab set
    if (!model.meetings.has(state.meeting)) state.meeting = model.latestMeetingId();
    if (state.liveMeeting !== '*' && !model.meetings.has(state.liveMeeting)) state.liveMeeting = state.meeting;
    rerender();
  } catch {
    /* a half-written record from the other tab: the next change will bring a whole one */
  }
}

function wireChrome() {
  const tabs = [...document.querySelectorAll('[role=tab]')];
  for (const tab of tabs) {
    tab.addEventListener('click', () => switchView(tab.dataset.view));
    tab.addEventListener('keydown', (e) => {
      const i = tabs.indexOf(tab);
      const j = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : null;
      if (j === null) return;
      e.preventDefault();
      const next = tabs[(j + tabs.length) % tabs.length];
      next.focus();
      switchView(next.dataset.view);
    });
  }
  document.getElementById('lang-toggle').addEventListener('click', () => {
    setLang(getLang() === 'zh' ? 'en' : 'zh');
    state.lang = getLang();
    // Messages on screen were written in the old language: they go, so
    // that nothing stays untranslated (the record and results stay).
    state.msgs = {};
    applyStatic();
    persistUi();
    if (wasm) rerender();
  });
}

async function main() {
  // Kept for the next visit, so the page opens and audits with no network (sw.js). Browsers offer
  // service workers on https and localhost only; elsewhere the page simply needs its server.
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('./sw.js').catch(() => {});
  const saved = loadSaved();
  uiSeen = { ...saved.ui };
  setLang(saved.ui.lang || 'zh');
  state.lang = getLang();
  const fromHash = location.hash.slice(1);
  if (VIEWS.includes(fromHash)) state.view = fromHash;
  else if (VIEWS.includes(saved.ui.view)) state.view = saved.ui.view;
  // The tab's own address says its view, so a reload keeps it whatever another tab showed last.
  if (fromHash !== state.view) history.replaceState(null, '', `#${state.view}`);
  applyStatic();
  wireChrome();
  try {
    wasm = await import('./wasm.js');
  } catch (e) {
    document.getElementById('view').replaceChildren(
      h('p', { class: 'msg error', role: 'alert', 'data-testid': 'wasm-missing' }, t('app.wasmMissing'), ' ', h('code', {}, String(e && e.message))));
    return;
  }
  state.ledger = new wasm.Ledger();
  // Another tab holds a record too large to store: this tab opens without it, and says why.
  state.sharedUnsaved = !saved.record && unsavedElsewhere();
  if (saved.record) {
    try {
      const { ledger, model } = ledgerFromRecord(saved.record);
      if (state.ledger.free) state.ledger.free();
      state.ledger = ledger;
      state.model = model;
      setMsg('record', { ok: t('msg.restored', { n: model.count }) });
    } catch (e) {
      const err = coreError(e);
      setMsg('community', { ...err, note: t('restore.failed') });
    }
  }
  refresh();
  const savedClock = saved.ui.clock ? Date.parse(saved.ui.clock) : NaN;
  state.clock = Math.max(Number.isNaN(savedClock) ? 0 : savedClock, state.model.lastAt ?? parseAt(SAMPLE_START));
  state.meeting = state.model.meetings.has(saved.ui.meeting) ? saved.ui.meeting : state.model.latestMeetingId();
  state.liveMeeting = saved.ui.liveMeeting === '*' || state.model.meetings.has(saved.ui.liveMeeting) ? saved.ui.liveMeeting : state.meeting;
  state.examples = await loadExampleIndex();
  state.draft = freshDraft(state);
  rerender();
  // A tab whose record could not be stored takes its mark with it: the other tabs, which kept
  // the last record they saw, then see that none is stored.
  window.addEventListener('pagehide', () => { if (state.storageError) clearUnsaved(); });
  window.addEventListener('storage', (e) => {
    if (e.key === RECORD) syncFromStorage(e.newValue);
    // The other tab stored its record again (or started afresh): what is stored now counts.
    else if (e.key === UNSAVED && e.newValue === null) syncFromStorage(loadSaved().record);
  });
  window.addEventListener('hashchange', () => switchView(location.hash.slice(1)));
  document.body.dataset.ready = '1';
}

main();

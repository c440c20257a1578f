// Auditor view: open a record file, verify the hash chain and replay it in the browser.

import { h } from './dom.js';
import { meetingResults } from './live.js';
import { Model } from './model.js';

export function renderAuditor(ctx) {
  const { state, t } = ctx;
  const input = h('input', {
    id: 'audit-file', type: 'file', accept: '.jsonl,.json,.txt,application/jsonl,application/x-ndjson,text/plain',
    'data-testid': 'audit-file', class: 'visually-hidden',
    onchange: (e) => { const f = e.target.files && e.target.files[0]; if (f) ctx.auditFile(f); e.target.value = ''; },
  });
  const drop = h('div', {
    class: `dropzone${state.dragging ? ' dragging' : ''}`, id: 'audit-drop', 'data-testid': 'audit-drop',
    ondragover: (e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; if (!state.dragging) { state.dragging = true; e.currentTarget.classList.add('dragging'); } },
    ondragleave: (e) => { state.dragging = false; e.currentTarget.classList.remove('dragging'); },
    ondrop: (e) => {
      e.preventDefault();
      state.dragging = false;
      const f = e.dataTransfer.files && e.dataTransfer.files[0];
      if (f) ctx.auditFile(f);
    },
  },
  h('p', {}, t('audit.drop')),
  h('label', { class: 'button', for: 'audit-file' }, t('audit.pick')),
  input);
  return h('div', { class: 'view-grid audit' },
    h('section', { class: 'card wide', 'aria-label': t('audit.title') },
      h('h2', {}, t('audit.title')),
      h('p', { class: 'hint' }, t('audit.hint')),
      drop,
      h('div', { class: 'buttons' },
        h('button', { type: 'button', 'data-testid': 'audit-current', onclick: () => ctx.auditText(t('audit.currentName'), state.ledger.toRecord()), disabled: state.model.count === 0 }, t('audit.current')))),
    state.auditing ? auditProgress(ctx, state.auditing) : state.audit ? auditResult(ctx, state.audit) : null);
}

/** While a record is verified: how far, in bytes and events (updated in place by app.js). */
function auditProgress(ctx, p) {
  const { t } = ctx;
  return h('section', { class: 'card wide', 'aria-label': t('audit.running'), 'aria-busy': 'true', 'data-testid': 'audit-running' },
    h('p', { class: 'audit-file-name' }, `${t('audit.file')}: `, h('strong', {}, p.name), ` (${p.bytes} ${t('audit.bytes')})`),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('audit.running')),
      h('progress', { id: 'audit-progress', max: String(p.bytes || 1), value: String(p.done), 'data-testid': 'audit-progress' })),
    h('p', { role: 'status', id: 'audit-progress-text', 'data-testid': 'audit-progress-text' }, progressText(ctx, p)));
}

export function progressText(ctx, p) {
  return ctx.t('audit.progress', { events: p.events, pct: p.bytes ? Math.floor((100 * p.done) / p.bytes) : 100 });
}

function auditResult(ctx, a) {
  const { t } = ctx;
  const head = h('p', { class: 'audit-file-name' }, `${t('audit.file')}: `, h('strong', {}, a.name), ` (${a.bytes} ${t('audit.bytes')})`);
  if (a.error) {
    const e = a.error;
    return h('section', { class: 'card wide audit-bad', 'aria-label': t('audit.failed') },
      head,
      h('div', { id: 'audit-error', role: 'alert', 'data-testid': 'audit-error', 'data-code': e.code, 'data-seq': String(e.seq ?? '') },
        h('h2', {}, t('audit.failed')),
        h('dl', { class: 'facts big' },
          h('dt', {}, t('audit.seq')), h('dd', { 'data-testid': 'audit-error-seq' }, String(e.seq ?? '—')),
          h('dt', {}, t('audit.code')), h('dd', { 'data-testid': 'audit-error-code' }, h('code', {}, e.code)),
          h('dt', {}, t('audit.message')), h('dd', { class: 'plain', 'data-testid': 'audit-error-message' }, e.message))),
      e.line ? h('details', { open: true }, h('summary', {}, t('audit.line', { n: e.seq })), h('pre', { class: 'line' }, e.line)) : null);
  }
  const auditCtx = { ...ctx, state: { ...ctx.state, model: a.model } };
  return h('section', { class: 'card wide audit-ok', 'aria-label': t('audit.ok'), 'data-testid': 'audit-ok' },
    head,
    h('h2', {}, '✓ ', t('audit.ok')),
    h('dl', { class: 'facts' },
      h('dt', {}, t('record.events')), h('dd', { 'data-testid': 'audit-events' }, String(a.events)),
      h('dt', {}, t('record.head')), h('dd', { class: 'hash', 'data-testid': 'audit-head' }, a.head),
      a.model.community ? [h('dt', {}, t('org.community.name')), h('dd', {}, `${a.model.community.name} (${a.model.community.community})`)] : null),
    h('div', { class: 'buttons' }, h('button', { type: 'button', 'data-testid': 'audit-adopt', onclick: () => ctx.adoptRecord(a.text) }, t('audit.adopt'))),
    a.model.meetings.size === 0 ? h('p', {}, t('audit.noMeetings')) : null,
    [...a.model.meetings.values()].map((mt) => meetingResults(auditCtx, mt, a.results, 'audit-')));
}

/** Bytes verified between two looks at the screen: a few milliseconds of work. */
const PIECE = 1 << 20;

/** Back to the browser for a moment (input, paint), unthrottled in a background tab. */
function pause() {
  if (globalThis.scheduler && typeof scheduler.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(0);
  });
}

/**
 * Verify and replay a record; resolves to the state the auditor view shows.
 * `bytes` are what is verified, as `yishi verify` reads a file (a BOM or
 * invalid UTF-8 is refused as the CLI refuses it); their decoding is only
 * for display and for the UI's model once they verify. The chain is
 * verified in pieces (`Verifier`), so a large record shows its progress
 * and the page keeps answering; `onProgress(bytesDone, events)` after each.
 */
export async function audit(wasm, name, bytes, onProgress = () => {}) {
  let text;
  const decoded = () => (text ??= new TextDecoder().decode(bytes));
  const failed = (e) => {
    const err = wasm.errorOf(e);
    const line = err.seq ? decoded().split('\n', err.seq)[err.seq - 1] : undefined;
    return { name, bytes: bytes.length, error: { ...err, line: line && line.length > 2000 ? `${line.slice(0, 2000)}…` : line } };
  };
  let summary;
  const verifier = new wasm.Verifier();
  try {
    for (let at = 0; at < bytes.length; at += PIECE) {
      verifier.push(bytes.subarray(at, at + PIECE));
      onProgress(Math.min(bytes.length, at + PIECE), verifier.length);
      await pause();
    }
    summary = wasm.plain(verifier.finish());
  } catch (e) {
    if (verifier.free) try { verifier.free(); } catch { /* finished already */ }
    return failed(e);
  }
  if (summary.events === 0) {
    // As `yishi verify`: a file holding no event is no record (spec §2).
    const message = 'the record is empty: it must start with a community.registered event';
    return { name, bytes: bytes.length, error: { code: 'community.missing', seq: 1, message, line: undefined } };
  }
  let ledger;
  try {
    ledger = wasm.Ledger.fromRecord(bytes);
    const results = wasm.plain(ledger.results());
    await pause();
    return { name, text: decoded(), bytes: bytes.length, events: summary.events, head: summary.head, results, model: Model.fromRecordText(decoded()) };
  } catch (e) {
    return failed(e);
  } finally {
    if (ledger && ledger.free) ledger.free();
  }
}

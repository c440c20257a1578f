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
    state.audit ? auditResult(ctx, state.audit) : null);
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

/**
 * Verify and replay a record; returns the state the auditor view shows.
 * `raw`, when given, is the file's bytes: they are what is verified (a BOM
 * or invalid UTF-8 is refused as the CLI refuses it); `text` is their
 * decoding, for display and replay once they verify.
 */
export function audit(wasm, name, text, raw) {
  const bytes = raw ? raw.length : new TextEncoder().encode(text).length;
  let ledger;
  try {
    const summary = wasm.plain(wasm.verifyRecord(raw || text));
    if (summary.events === 0) {
      // As `yishi verify`: a file holding no event is no record (spec §2).
      const message = 'the record is empty: it must start with a community.registered event';
      return { name, text, bytes, error: { code: 'community.missing', seq: 1, message, line: undefined } };
    }
    ledger = wasm.Ledger.fromRecord(text);
    const results = wasm.plain(ledger.results());
    return { name, text, bytes, events: summary.events, head: summary.head, results, model: Model.fromRecordText(text) };
  } catch (e) {
    const err = wasm.errorOf(e);
    const lines = text.split('\n');
    const line = err.seq ? lines[err.seq - 1] : undefined;
    return { name, text, bytes, error: { ...err, line: line && line.length > 2000 ? `${line.slice(0, 2000)}…` : line } };
  } finally {
    if (ledger && ledger.free) ledger.free();
  }
}

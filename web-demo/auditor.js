// Auditor view: open a record file, verify the hash chain and replay it in the browser.

import { h, field, rec } from './dom.js';
import { explainTerms } from './errors.js';
import { meetingResults, votingOpen } from './live.js';
import { verifyAndCount, modelOfView, eventWithHash } from './audit-core.js';
import { ballotAt } from './receipts.js';

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
  const expect = hashField(ctx, 'audit-expect-head', 'expectHead', t('audit.expectHead.ph'));
  const given = publishedHead(state.expectHead);
  const extend = hashField(ctx, 'audit-extends', 'extendsHead', t('audit.extends.ph'));
  const earlier = publishedHead(state.extendsHead);
  return h('div', { class: 'view-grid audit' },
    h('section', { class: 'card wide', 'aria-label': t('audit.title') },
      h('h2', {}, t('audit.title')),
      h('p', { class: 'hint' }, t('audit.hint')),
      field(t('audit.expectHead'), expect, 'wide'),
      h('p', { class: 'hint', id: 'audit-expect-head-hint' }, t('audit.expectHead.hint')),
      given && given.invalid ? h('p', { class: 'msg error', role: 'alert', 'data-testid': 'audit-expect-head-invalid' }, t('audit.expectHead.invalid')) : null,
      field(t('audit.extends'), extend, 'wide'),
      h('p', { class: 'hint', id: 'audit-extends-hint' }, t('audit.extends.hint')),
      earlier && earlier.invalid ? h('p', { class: 'msg error', role: 'alert', 'data-testid': 'audit-extends-invalid' }, t('audit.expectHead.invalid')) : null,
      drop,
      h('div', { class: 'buttons' },
        h('button', { type: 'button', 'data-testid': 'audit-current', onclick: () => ctx.auditText(t('audit.currentName'), state.ledger.toRecord()), disabled: state.model.count === 0 }, t('audit.current')))),
    state.auditing ? auditProgress(ctx, state.auditing) : state.audit ? auditResult(ctx, state.audit) : null);
}

/** While a record is verified: how far, in bytes and events (updated in place by app.js). */
function auditProgress(ctx, p) {
  const { t } = ctx;
  return h('section', { class: 'card wide', 'aria-label': t('audit.running'), 'aria-busy': 'true', 'data-testid': 'audit-running' },
    fileLine(t, p),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('audit.running')),
      h('progress', { id: 'audit-progress', max: String(p.bytes || 1), value: String(p.done), 'data-testid': 'audit-progress' })),
    h('p', { role: 'status', id: 'audit-progress-text', 'data-testid': 'audit-progress-text' }, progressText(ctx, p)));
}

export function progressText(ctx, p) {
  return ctx.t('audit.progress', { n: p.events, pct: p.bytes ? Math.floor((100 * p.done) / p.bytes) : 100 });
}

/** The file being (or that was) audited: its name and size. */
function fileLine(t, f) {
  return h('p', { class: 'audit-file-name' }, `${t('audit.file')}: `, h('strong', {}, f.name), ` (${t('audit.size', { n: f.bytes })})`);
}

/** A refusal: where (seq), the code, the core's message (English, as the CLI prints it), and
 * what the code means and how to fix it in the page's language (from docs/errors.md). */
function refusal(ctx, a, e, lead = null, extra = null) {
  const { t, state } = ctx;
  const head = fileLine(t, a);
  return h('section', { class: 'card wide audit-bad', 'aria-label': t('audit.failed') },
    head,
    h('div', { id: 'audit-error', role: 'alert', 'data-testid': 'audit-error', 'data-code': e.code, 'data-seq': String(e.seq ?? '') },
      h('h2', {}, t('audit.failed')),
      lead,
      h('dl', { class: 'facts big' },
        h('dt', {}, t('audit.seq')), h('dd', { 'data-testid': 'audit-error-seq' }, String(e.seq ?? '—')),
        h('dt', {}, t('audit.code')), h('dd', { 'data-testid': 'audit-error-code' }, h('code', {}, e.code)),
        h('dt', {}, t('audit.message')), h('dd', { class: 'plain', lang: 'en', 'data-testid': 'audit-error-message' }, e.message),
        explainTerms(e.code, state.lang, t, 'audit-error', { class: 'plain' })),
      extra),
    e.line ? h('details', { open: true }, h('summary', {}, t('audit.line', { n: e.seq })), h('pre', { class: 'line' }, e.line)) : null);
}

function auditResult(ctx, a) {
  const { t, state } = ctx;
  if (a.error) return refusal(ctx, a, a.error);
  // A published head, if one is given: the verdict of `yishi verify --expect-head`.
  const given = publishedHead(state.expectHead);
  const verdict = given && !given.invalid ? headVerdict(a, given.head) : null;
  if (verdict && verdict.error) {
    const lead = h('p', { class: 'head-verdict', 'data-testid': 'audit-head-check', 'data-verdict': verdict.kind },
      h('strong', {}, t('audit.head.failed')), t('punct.colon'),
      verdict.kind === 'added'
        ? t('audit.head.added', { k: verdict.k, from: verdict.k + 1, to: a.events, n: a.events - verdict.k })
        : t('audit.head.mismatch', { n: a.events }));
    const hashes = h('dl', { class: 'facts' },
      h('dt', {}, t('audit.head.published')), h('dd', { class: 'hash' }, given.head),
      h('dt', {}, t('audit.head.record')), h('dd', { class: 'hash', 'data-testid': 'audit-head' }, a.head),
      h('dt', {}, t('record.events')), h('dd', { 'data-testid': 'audit-events' }, String(a.events)));
    return refusal(ctx, a, verdict.error, lead, hashes);
  }
  // A head published earlier, if one is given: the verdict of `yishi verify --extends`,
  // checked after the published head, as the CLI checks them.
  const earlier = publishedHead(state.extendsHead);
  const extension = earlier && !earlier.invalid ? extendsVerdict(a, earlier.head) : null;
  if (extension && extension.error) {
    const lead = h('p', { class: 'head-verdict', 'data-testid': 'audit-extends-check', 'data-verdict': 'mismatch' },
      h('strong', {}, t('audit.extends.failed')), t('punct.colon'), t('audit.extends.mismatch', { n: a.events }));
    const hashes = h('dl', { class: 'facts' },
      h('dt', {}, t('audit.extends.earlier')), h('dd', { class: 'hash' }, earlier.head),
      h('dt', {}, t('audit.head.record')), h('dd', { class: 'hash', 'data-testid': 'audit-head' }, a.head),
      h('dt', {}, t('record.events')), h('dd', { 'data-testid': 'audit-events' }, String(a.events)));
    return refusal(ctx, a, extension.error, lead, hashes);
  }
  const head = fileLine(t, a);
  const auditCtx = { ...ctx, state: { ...ctx.state, model: a.model } };
  return h('section', { class: 'card wide audit-ok', 'aria-label': t('audit.ok'), 'data-testid': 'audit-ok' },
    head,
    h('h2', {}, '✓ ', t('audit.ok')),
    h('dl', { class: 'facts' },
      h('dt', {}, t('record.events')), h('dd', { 'data-testid': 'audit-events' }, String(a.events)),
      h('dt', {}, t('record.head')), h('dd', { class: 'hash', 'data-testid': 'audit-head' }, a.head),
      a.model.community ? [h('dt', {}, t('org.community.name')), h('dd', { 'data-testid': 'audit-community' }, rec(a.model.community.name), ` (${a.model.community.community})`)] : null),
    verdict
      ? h('p', { class: 'msg ok head-verdict', role: 'status', 'data-testid': 'audit-head-check', 'data-verdict': 'match' }, t('audit.head.match'))
      : h('p', { class: 'hint', 'data-testid': 'audit-head-check', 'data-verdict': 'none' }, t('audit.head.none')),
    extension
      ? h('p', { class: 'msg ok head-verdict', role: 'status', 'data-testid': 'audit-extends-check', 'data-verdict': 'extends', 'data-event': String(extension.k) },
        extension.k === a.events ? t('audit.extends.same', { k: extension.k }) : t('audit.extends.ok', { k: extension.k, n: a.events - extension.k }))
      : null,
    receiptCheck(ctx, a),
    h('div', { class: 'buttons' }, ctx.state.confirmAdopt
      ? h('button', { type: 'button', class: 'danger', 'data-testid': 'audit-adopt-confirm', onclick: () => ctx.adoptRecord(a.text) },
        t('audit.adoptConfirm', { n: ctx.state.model.count }))
      : h('button', { type: 'button', 'data-testid': 'audit-adopt', onclick: () => ctx.adoptRecord(a.text) }, t('audit.adopt'))),
    a.model.meetings.size === 0 ? h('p', {}, t('audit.noMeetings')) : null,
    [...a.model.meetings.values()].map((mt) => meetingResults(auditCtx, mt, a.results, 'audit-')));
}

/** A field for a hash (id `id`, its hint `${id}-hint`) kept in `state[key]`: the verdict below
 * it follows what is typed (the view is redrawn; the field keeps focus). */
function hashField(ctx, id, key, placeholder) {
  const { state } = ctx;
  return h('input', {
    id, type: 'text', class: 'hash', value: state[key] || '', autocomplete: 'off', spellcheck: 'false',
    placeholder, 'aria-describedby': `${id}-hint`, 'data-testid': id,
    oninput: (e) => { state[key] = e.target.value; ctx.rerender(); },
  });
}

/** An owner's check of their ballot receipt (the hash of the ballot they cast), as
 * `yishi ballots --hash` does: is that ballot in the record, and does it count? */
function receiptCheck(ctx, a) {
  const { t, state } = ctx;
  const input = hashField(ctx, 'audit-receipt', 'receipt', t('audit.receipt.ph'));
  const given = publishedHead(state.receipt);
  return h('div', { class: 'receipt' },
    field(t('audit.receipt'), input, 'wide'),
    h('p', { class: 'hint', id: 'audit-receipt-hint' }, t('audit.receipt.hint')),
    given ? receiptVerdict(ctx, a, given) : null);
}

function receiptVerdict(ctx, a, given) {
  const { t } = ctx;
  const refused = (kind, text, seq = '') => h('p', {
    class: 'msg error receipt-verdict', role: 'status', 'data-testid': 'audit-receipt-verdict', 'data-kind': kind, 'data-seq': String(seq),
  }, text);
  if (given.invalid) return refused('invalid', t('audit.receipt.invalid'));
  const seq = eventWithHash(a.hashes, given.head);
  if (!seq) return refused('not-found', t('audit.receipt.notFound', { h: given.head }));
  const { kinds, ballots } = a.receipts;
  const b = ballotAt(ballots, seq);
  if (!b) return refused('not-ballot', t('audit.receipt.notBallot', { h: given.head, n: seq, kind: kinds[seq - 1] }), seq);
  const mt = a.model.meetings.get(b.meeting);
  const open = mt && votingOpen(mt, a.results);
  const fate = b.fate.kind === 'counts'
    ? [h('strong', {}, t('audit.receipt.counts')), open ? t('audit.receipt.provisional') : '']
    : b.fate.kind === 'not_present' ? h('strong', {}, t('audit.receipt.notPresent'))
    : b.fate.kind === 'replaced'
      ? h('strong', {}, t('audit.receipt.replaced', { n: b.fate.seq }))
      : [h('strong', {}, t('audit.receipt.voided', { n: b.fate.seq })), b.fate.reason ? [t('punct.open'), t('audit.receipt.reason'), rec(b.fate.reason), t('punct.close')] : ''];
  const votes = Object.entries(b.votes || {}).map(([motion, v]) => h('li', {},
    rec(motion), t('punct.colon'), Array.isArray(v) ? v.map((c) => rec(c)).reduce((acc, x, i) => (i ? [...acc, '、', x] : [x]), []) : t(`vote.${v}`)));
  return h('div', {
    class: `msg ${b.fate.kind === 'counts' ? 'ok' : 'error'} receipt-verdict`, role: 'status', 'data-testid': 'audit-receipt-verdict',
    'data-kind': b.fate.kind, 'data-seq': String(seq), 'data-fate-seq': b.fate.seq === undefined ? '' : String(b.fate.seq),
  },
  h('p', {}, t('audit.receipt.ballot', { n: seq }), ctx.state.lang === 'zh' ? '' : ' ', rec(b.voter), ' · ', rec(b.meeting), ' · ', b.at, ' · ',
    t(`channel.${b.channel}`), ' · ', b.by ? [t('org.ballot.by'), ' ', rec(b.by)] : t('org.ballot.self')),
  h('ul', { class: 'receipt-votes' }, votes),
  h('p', {}, fate));
}

/** A published head as typed: null when none, {invalid} when it is not 64 hex digits (any
 * case, as `--expect-head` takes it; spaces around it are ignored), else {head} in lower case. */
export function publishedHead(typed) {
  const s = String(typed ?? '').trim();
  if (!s) return null;
  const head = s.toLowerCase();
  return /^[0-9a-f]{64}$/.test(head) ? { head } : { invalid: true };
}

/**
 * `yishi verify --expect-head` on a record that verified (`a`: its hashes, events and head):
 * {kind: 'match'} when it ends at `head`; otherwise the CLI's refusal, word for word:
 * `record.prev_mismatch` at the event after the one whose hash is `head` (events were added
 * after publication: kind 'added', `k` that event), or, when no event has that hash, at the
 * event after the last (kind 'mismatch': events missing, the record resealed, or another
 * record's head). Offline: the hashes are the record's own `hash` members, each checked
 * by the verification (`a.hashes`, gathered when it was verified).
 */
export function headVerdict(a, head) {
  if (head === a.head) return { kind: 'match' };
  const n = a.events;
  const k = eventWithHash(a.hashes, head);
  const code = 'record.prev_mismatch';
  if (k) {
    return { kind: 'added', k, error: { code, seq: k + 1, message: k + 1 === n
      ? `the published head is the hash of event ${k}; event ${n} was added after it`
      : `the published head is the hash of event ${k}; events ${k + 1}-${n} were added after it` } };
  }
  return {
    kind: 'mismatch',
    error: {
      code,
      seq: n + 1,
      message: `the record ends at head ${a.head} (event ${n}), not at the published head ${head}, and no event of it has that hash: events after it are missing, the record was rewritten and sealed again, or the head is another record's`,
    },
  };
}

/**
 * `yishi verify --extends` on a record that verified (`a`): {k} when event `k` has the hash
 * `head` published earlier (the events up to it are those published then, the record was only
 * appended to since); otherwise the CLI's refusal, word for word: `record.prev_mismatch` at the
 * event after the last. Offline, from the record's own checked hashes, as `headVerdict`.
 */
export function extendsVerdict(a, head) {
  const k = eventWithHash(a.hashes, head);
  if (k) return { k };
  const n = a.events;
  return {
    error: {
      code: 'record.prev_mismatch',
      seq: n + 1,
      message: `no event of the record (ending at event ${n}, head ${a.head}) has the hash ${head}, the head of the record as published earlier: that record was rewritten after it was published (an event changed, removed or reordered, and the events after it sealed again), the events up to that head are missing, or the head is another record's`,
    },
  };
}

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
 * Verify and replay a record; resolves to the state the auditor view shows, or null when
 * `signal` aborts it first (another file was opened).
 * `bytes` are what is verified, as `yishi verify` reads a file (a BOM or
 * invalid UTF-8 is refused as the CLI refuses it). The work is done in a module
 * worker (audit-worker.js), so the page keeps answering however large the record:
 * the bytes are transferred to it (`bytes` is left detached) and come back with the
 * results; their decoding (for "adopt" only) waits until it is asked for.
 * Without Worker (or when the worker cannot start) the same steps run here, in pieces
 * with a pause between them. `onProgress(bytesDone, events)` after each piece.
 */
export async function audit(wasm, name, bytes, onProgress = () => {}, signal = undefined) {
  const size = bytes.length;
  let result = typeof Worker === 'function' ? await inWorker(wasm, bytes, onProgress, signal) : undefined;
  if (result === undefined) {
    // no worker: on this thread
    result = await verifyAndCount(wasm, bytes, { onProgress, pause, cancelled: () => !!(signal && signal.aborted) });
    if (result) result.source = bytes;
  }
  if (!result || (signal && signal.aborted)) return null;
  if (result.error) return { name, bytes: size, error: result.error };
  const { source } = result;
  return {
    name, bytes: size, events: result.events, head: result.head, results: result.results,
    model: modelOfView(result.view), hashes: result.hashes,
    /** Every event's kind and every ballot's fate, read when a receipt is first looked up. */
    get receipts() { return (this.readReceipts ??= JSON.parse(result.receipts)); },
    /** The record's text, decoded when first asked for (adopting it). */
    get text() { return (this.decoded ??= new TextDecoder().decode(source)); },
  };
}

/**
 * `verifyAndCount` in a module worker, the bytes transferred to it. Resolves to its result (with
 * `source`, the bytes given back), to null when `signal` aborts (the worker is terminated), or to
 * undefined when no worker could start (the bytes are still here then).
 */
function inWorker(wasm, bytes, onProgress, signal) {
  const { buffer, byteOffset: offset, length } = bytes; // bytes is detached once they are sent
  let worker;
  try {
    worker = new Worker(new URL('./audit-worker.js', import.meta.url), { type: 'module', name: 'yishi-audit' });
  } catch {
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    let started = false;
    const end = (value) => {
      worker.terminate();
      if (signal) signal.removeEventListener('abort', abort);
      resolve(value);
    };
    const abort = () => end(null);
    if (signal) {
      if (signal.aborted) return end(null);
      signal.addEventListener('abort', abort);
    }
    worker.onerror = (e) => {
      e.preventDefault();
      // before the bytes were sent: the page does it itself; after: what went wrong, as a refusal would say it
      end(started ? { error: { code: 'error', seq: undefined, message: String(e.message || 'the verifying worker stopped'), line: undefined } } : undefined);
    };
    worker.onmessage = ({ data: msg }) => {
      if (msg.type === 'ready' || msg.type === 'failed') {
        // Whether the worker loaded its own WebAssembly instance (for the e2e test).
        document.body.dataset.auditWorker = msg.type;
      }
      if (msg.type === 'ready') {
        started = true;
        worker.postMessage({ type: 'audit', buffer, offset, length }, [buffer]);
      } else if (msg.type === 'failed') {
        end(undefined);
      } else if (msg.type === 'progress') {
        onProgress(msg.done, msg.events);
      } else if (msg.type === 'done') {
        end(msg.result && { ...msg.result, source: new Uint8Array(msg.buffer, offset, length) });
      }
    };
    try {
      worker.postMessage({ type: 'init', module: wasm.module });
    } catch {
      // a module that cannot be posted (DataCloneError): the worker fetches its own
      worker.postMessage({ type: 'init' });
    }
  });
}

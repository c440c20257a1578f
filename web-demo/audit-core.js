// The auditor's work on a record's bytes: verify and replay the chain in pieces, and gather what
// the view shows, as plain data (structured-cloneable). Run in a Web Worker (audit-worker.js) so
// the page never waits on a large record, or on the page itself where there is no Worker. Touches
// no DOM: the wasm package is handed in ({Verifier}).

import { Model } from './model.js';
import { plain } from './dom.js';
import { BallotFates } from './receipts.js';

/** Bytes verified between two progress reports: a few milliseconds of work. */
export const PIECE = 1 << 20;

/** A thrown YishiError (or anything else) as {code, seq, message}. */
export function errorOf(e) {
  if (e && typeof e === 'object' && e.code !== undefined) {
    const seq = e.seq === undefined || e.seq === null ? undefined : Number(e.seq);
    const code = String(e.code);
    // the core's Display form is "<code> at seq <n>: <message>"; code and seq are shown on their own
    const message = String(e.message || '').replace(new RegExp(`^${code.replace(/[.]/g, '\\.')}( at seq \\d+)?: `), '');
    return { code, seq, message };
  }
  return { code: (e && e.name) || 'error', seq: undefined, message: String((e && e.message) || e) };
}

/** Where no event's hash is known (never matches a published head, which is 64 hex digits). */
const NO_HASH = ' '.repeat(64);

/**
 * Verify and replay `bytes` (a Uint8Array), as `yishi verify` and `yishi tally` read a file (a BOM
 * or invalid UTF-8 is refused as the CLI refuses it). Resolves to
 * `{error: {code, seq, message, line}}` or `{events, head, results, view, hashes, receipts}`:
 * `results` as `ledger.results()` gives them, `view` what the auditor view shows of the record
 * (see `modelOfView`), `hashes` every event's `hash` member, 64 characters each, in order (for
 * the published-head check), `receipts` the JSON text of `{kinds, ballots}`: every event's kind,
 * every ballot and what became of it (see receipts.js; for the receipt check). `onProgress(bytesDone, events)` after each piece; `pause()` between
 * pieces (the page's own turn, on the main thread); `cancelled()` stops early (resolves to null).
 */
export async function verifyAndCount(wasm, bytes, { onProgress = () => {}, pause = async () => {}, cancelled = () => false } = {}) {
  let text;
  const decoded = () => (text ??= new TextDecoder().decode(bytes));
  const failed = (e) => {
    const err = errorOf(e);
    // A CRLF record's line without its CR, which is no part of the event.
    const line = err.seq ? decoded().split('\n', err.seq)[err.seq - 1]?.replace(/\r$/, '') : undefined;
    return { error: { ...err, line: line && line.length > 2000 ? `${line.slice(0, 2000)}…` : line } };
  };
  let summary;
  let results;
  const verifier = new wasm.Verifier();
  try {
    for (let at = 0; at < bytes.length; at += PIECE) {
      verifier.push(bytes.subarray(at, at + PIECE));
      onProgress(Math.min(bytes.length, at + PIECE), verifier.length);
      await pause();
      if (cancelled()) return null;
    }
    // An empty file is refused here, as `yishi verify` refuses it (spec §2).
    summary = plain(verifier.finish());
    // The verifier's own replay gives the results: the record is read once.
    results = plain(verifier.results());
  } catch (e) {
    return failed(e);
  } finally {
    if (verifier.free) try { verifier.free(); } catch { /* freed already */ }
  }
  await pause();
  if (cancelled()) return null;
  // The record verified and replayed: its lines are JSON events, folded for what the view shows.
  const model = new Model();
  const fates = new BallotFates();
  const kinds = [];
  const hashes = [];
  const t = decoded();
  for (let at = 0; at < t.length;) {
    const end = t.indexOf('\n', at);
    const line = t.slice(at, end < 0 ? t.length : end);
    at = end < 0 ? t.length : end + 1;
    if (!line.trim()) continue;
    const ev = JSON.parse(line);
    model.add(ev);
    hashes.push(typeof ev.hash === 'string' && ev.hash.length === 64 ? ev.hash : NO_HASH);
    kinds.push(ev.kind);
    fates.add(ev, kinds.length);
  }
  return {
    events: summary.events, head: summary.head, results, view: viewOf(model, results), hashes: hashes.join(''),
    // One string, not a tree of objects: copied to the page in one piece, read when a receipt is looked up.
    receipts: JSON.stringify({ kinds, ballots: fates.finish() }),
  };
}

/** Members of a meeting's state that the auditor view does not show (the large ones). */
const UNSHOWN = new Set(['units', 'ballots', 'proxies', 'present', 'objections', 'voters']);

/**
 * What the auditor view needs of a record's Model, as plain data: the community, each meeting
 * without its ballots and units, and the owners the results name (a check's subject, a candidate).
 */
export function viewOf(model, results) {
  const named = new Set();
  for (const r of Object.values(results)) {
    for (const c of r.checks || []) if (c.subject !== undefined) named.add(c.subject);
    for (const c of r.candidates || []) named.add(c.id);
  }
  const meetings = [...model.meetings.values()].map((mt) => Object.fromEntries(Object.entries(mt).filter(([k]) => !UNSHOWN.has(k))));
  return {
    community: model.community,
    owners: [...named].filter((id) => model.owners.has(id)).map((id) => model.owners.get(id)),
    meetings,
    count: model.count,
    lastAt: model.lastAt,
    head: model.head,
  };
}

/** A Model holding what `viewOf` kept: what the auditor view reads of it. */
export function modelOfView(v) {
  const m = new Model();
  m.community = v.community;
  for (const o of v.owners) m.owners.set(o.id, o);
  for (const mt of v.meetings) m.meetings.set(mt.id, mt);
  m.count = v.count;
  m.lastAt = v.lastAt;
  m.head = v.head;
  return m;
}

/** The position (from 1) of the first event whose hash is `head`, in `hashes` (see verifyAndCount), or 0. */
export function eventWithHash(hashes, head) {
  for (let at = hashes.indexOf(head); at >= 0; at = hashes.indexOf(head, at + 1)) {
    if (at % 64 === 0) return at / 64 + 1;
  }
  return 0;
}

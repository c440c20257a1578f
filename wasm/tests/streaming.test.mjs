// Records given as bytes and fed in pieces (`Verifier`) verify exactly as
// the same text given whole, errors included.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { readFileSync, readdirSync } from "node:fs";
import vm from "node:vm";
import { caseFiles, jsonl, loadCase, root, shared, yishi } from "./helpers.mjs";

const conformance = (name) => loadCase(path.join(shared, "conformance", name));
const bytes = (text) => new TextEncoder().encode(text);

/** `{events, head}` or `{code, seq}` of `f()`. */
function outcome(f) {
  try {
    return f();
  } catch (e) {
    assert.ok(e instanceof yishi.YishiError, `not a YishiError: ${e}`);
    return { code: e.code, seq: e.seq };
  }
}

/** Feeds `data` to a new Verifier in pieces of `size` bytes. */
function streamed(data, size) {
  return outcome(() => {
    const v = new yishi.Verifier();
    for (let i = 0; i < data.length; i += size) v.push(data.subarray(i, i + size));
    return v.finish();
  });
}

const records = () => {
  const dir = path.join(root, "examples");
  const texts = readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .map((f) => readFileSync(path.join(dir, f), "utf8"));
  const tampered = jsonl(conformance("tampered-ballot-hash-mismatch.json").record);
  const good = texts[0];
  return [
    ...texts,
    tampered,
    good.replace("\n", "\n\n"),
    good.slice(0, good.length >> 1),
    good.trimEnd(),
    "",
    "not json\n",
  ];
};

test("there are example records to stream", () => {
  assert.ok(records().length >= 8);
});

test("bytes and pieces of every size verify as the whole text does", () => {
  for (const text of records()) {
    const whole = outcome(() => yishi.verifyRecord(text));
    const data = bytes(text);
    assert.deepEqual(outcome(() => yishi.verifyRecord(data)), whole);
    // Ledger.fromRecord takes the bytes too, with the same verdict, but for
    // no events at all: an empty ledger to build on, not a record verified.
    assert.deepEqual(
      outcome(() => {
        const l = yishi.Ledger.fromRecord(data);
        return { events: l.length, head: l.head };
      }),
      text === "" ? { events: 0, head: "0".repeat(64) } : whole,
    );
    if (text === "") assert.deepEqual(whole, { code: "community.missing", seq: 1 });
    for (const size of [1, 3, 7, 100, 4096, 1 << 20]) {
      assert.deepEqual(streamed(data, size), whole, `pieces of ${size}`);
    }
  }
});

test("a ledger read from bytes keeps its record, as one read from text does, and appends to it", () => {
  let checked = 0;
  for (const text of records()) {
    let fromText;
    try {
      fromText = yishi.Ledger.fromRecord(text);
    } catch {
      continue; // a refused record: the verdicts are compared above
    }
    const fromBytes = yishi.Ledger.fromRecord(bytes(text));
    assert.equal(fromBytes.toRecord(), fromText.toRecord());
    if (fromText.length === 0) continue;
    assert.ok(fromBytes.toRecord().length > 0);
    // The record read back verifies to the same head; an event applied
    // after it extends the record that toRecord gives.
    assert.equal(yishi.verifyRecord(fromBytes.toRecord()).head, fromText.head);
    fromBytes.apply({ at: "2099-01-01T00:00:00+08:00", kind: "rules.adopted",
      data: { rules: "appended-later", preset: "civil-code-2021" } });
    const after = yishi.verifyRecord(fromBytes.toRecord());
    assert.deepEqual(after, { events: fromText.length + 1, head: fromBytes.head });
    fromText.free();
    fromBytes.free();
    checked++;
  }
  assert.ok(checked >= 5, `${checked} records`);
});

test("a verifier that failed keeps failing; a finished one refuses more", () => {
  const text = jsonl(conformance("tampered-ballot-hash-mismatch.json").record);
  const v = new yishi.Verifier();
  assert.throws(() => v.push(bytes(text)), (e) => e.code === "record.hash_mismatch" && e.seq === 6);
  assert.throws(() => v.push(bytes("")), (e) => e.code === "record.hash_mismatch" && e.seq === 6);
  assert.equal(v.length, 5);
  const empty = new yishi.Verifier();
  empty.push(bytes(""));
  // Refused at finish, and so on every later call, as after a bad piece.
  for (const call of [() => empty.finish(), () => empty.finish(), () => empty.push(bytes("x")), () => empty.results()]) {
    assert.deepEqual(outcome(call), { code: "community.missing", seq: 1 });
  }
  const done = new yishi.Verifier();
  done.push(bytes(jsonl(conformance("sealed-record-verifies.json").record)));
  assert.equal(done.finish().events, 9);
  assert.throws(() => done.push(bytes("x")), (e) => e instanceof Error && !(e instanceof yishi.YishiError) && /finished/.test(e.message));
  assert.throws(() => done.finish(), /finished/);
});

test("a value that is neither text nor bytes is record.parse", () => {
  assert.throws(() => yishi.verifyRecord(42), (e) => e instanceof yishi.YishiError && e.code === "record.parse");
});

test("bytes are read as the array holds them, whatever its properties or its buffer say", () => {
  const text = readFileSync(path.join(root, "examples", "bihu-tree-pruning.jsonl"), "utf8");
  const data = bytes(text);
  const whole = yishi.verifyRecord(text);
  // A view into a larger buffer, a Node Buffer, and bytes in shared memory.
  const framed = new Uint8Array(data.length + 20);
  framed.set(data, 7);
  assert.deepEqual(yishi.verifyRecord(framed.subarray(7, 7 + data.length)), whole);
  assert.deepEqual(yishi.verifyRecord(Buffer.from(data)), whole);
  const shared = new Uint8Array(new SharedArrayBuffer(data.length));
  shared.set(data);
  assert.deepEqual(yishi.verifyRecord(shared), whole);
  // An array whose `length` and `subarray` lie is read by what it holds: a
  // longer or shorter story neither overruns the module's buffer nor fills
  // a gap with bytes left over from an earlier call.
  class Liar extends Uint8Array {
    get length() { return this.lie ?? super.length; }
    subarray(...args) { return this.lieAbout ?? super.subarray(...args); }
  }
  for (const lie of [16, 60000, data.length - 150, data.length + 150]) {
    const liar = new Liar(data);
    liar.lie = lie;
    liar.lieAbout = new Uint8Array(lie);
    assert.deepEqual(yishi.verifyRecord(liar), whole, `length ${lie}`);
    const v = new yishi.Verifier();
    v.push(liar);
    assert.deepEqual(v.finish(), whole, `length ${lie}, pushed`);
  }
  // The tail of a record tampered with, behind a length that hides it, is
  // still read and refused.
  const last = text.lastIndexOf('"hash":"') + 8;
  const tampered = bytes(text.slice(0, last) + (text[last] === "1" ? "2" : "1") + text.slice(last + 1));
  const refused = outcome(() => yishi.verifyRecord(tampered));
  assert.equal(refused.code, "record.hash_mismatch");
  // The altered hash is in the last event, within the 400 bytes hidden below.
  assert.ok(bytes(text.slice(last)).length < 400 && refused.seq === whole.events, `${refused.seq}`);
  const liar = new Liar(tampered);
  liar.lie = tampered.length - 400;
  assert.deepEqual(outcome(() => yishi.verifyRecord(liar)), refused);
  // Only a Uint8Array is bytes, by its internal type: not a Uint16Array
  // given Uint8Array's prototype (it would be read as half its bytes).
  const wide = new Uint16Array(data.length);
  wide.set(data);
  Object.setPrototypeOf(wide, Uint8Array.prototype);
  assert.ok(wide instanceof Uint8Array);
  assert.throws(() => yishi.verifyRecord(wide), (e) => e instanceof yishi.YishiError && e.code === "record.parse");
  assert.throws(() => new yishi.Verifier().push(wide), (e) => e instanceof yishi.YishiError && e.code === "record.parse");
  // A Uint8Array of another realm is bytes.
  const foreign = vm.runInNewContext("new Uint8Array(n)", { n: data.length });
  assert.ok(!(foreign instanceof Uint8Array));
  foreign.set(data);
  assert.deepEqual(yishi.verifyRecord(foreign), whole);
  // The built-ins the copy uses are its own: replacing them later changes nothing.
  const typed = Object.getPrototypeOf(Uint8Array.prototype);
  const { set } = typed;
  typed.set = function () {};
  try {
    assert.deepEqual(yishi.verifyRecord(data), whole);
  } finally {
    typed.set = set;
  }
  // A detached buffer throws before any of it is read: the verifier is
  // unchanged and takes the record after it.
  const gone = bytes(text);
  structuredClone(gone.buffer, { transfer: [gone.buffer] });
  assert.throws(() => yishi.verifyRecord(gone), TypeError);
  const v = new yishi.Verifier();
  assert.throws(() => v.push(gone), TypeError);
  v.push(data);
  assert.deepEqual(v.finish(), whole);
  // And the instance is none the worse.
  assert.deepEqual(yishi.verifyRecord(data), whole);
});

test("bytes longer than one 8 MiB copy verify as the text does, pieces crossing lines", () => {
  // A registration line of ~9.5 MiB: the module copies a Uint8Array in 8 MiB
  // pieces, so this line is split between two of them.
  const units = [];
  for (let i = 0; i < 180000; i++) units.push({ id: `unit-${i}`, area: "88.88", owner: `owner-${i}`, building: `${i % 40}` });
  const text = yishi.sealRecord([
    { at: "2026-10-08T09:00:00+08:00", kind: "community.registered", data: { community: "big", units } },
    { at: "2026-10-08T09:01:00+08:00", kind: "rules.adopted", data: { rules: "r1", preset: "civil-code-2021" } },
  ]);
  const data = bytes(text);
  assert.ok(data.length > 8 << 20 && data.length < 16 << 20, `${data.length} bytes`);
  const whole = yishi.verifyRecord(text);
  assert.equal(whole.events, 2);
  assert.deepEqual(yishi.verifyRecord(data), whole);
  const v = new yishi.Verifier();
  v.push(data);
  assert.deepEqual(v.finish(), whole);
  // After finish, length still tells how many events were verified.
  assert.equal(v.length, 2);
  // An error past the first piece is found at its event.
  const cut = data.slice(0, data.length - 10);
  assert.deepEqual(outcome(() => yishi.verifyRecord(cut)), { code: "record.parse", seq: 2 });
});

test("a finished verifier's results are the replayed ledger's, without a second replay", () => {
  // Every case's record: a sealed one as given, else its events sealed up
  // to the first one refused.
  const cases = caseFiles().map((file) => {
    const c = loadCase(file);
    if (c.record) return jsonl(c.record);
    const l = new yishi.Ledger();
    try {
      for (const e of c.events) l.apply(e);
    } catch {
      /* the events before it */
    }
    return l.toRecord();
  });
  let compared = 0;
  for (const text of [...records(), ...cases]) {
    let ledger;
    try {
      ledger = yishi.Ledger.fromRecord(text);
    } catch {
      continue;
    }
    // No events: an empty ledger, but no record for a Verifier (tested above).
    if (ledger.length === 0) continue;
    const want = ledger.results();
    for (const size of [5, 1 << 20]) {
      const v = new yishi.Verifier();
      const data = bytes(text);
      for (let i = 0; i < data.length; i += size) v.push(data.subarray(i, i + size));
      // Read before finish: a plain Error, the record is not yet whole.
      assert.throws(() => v.results(), (e) => e instanceof Error && !(e instanceof yishi.YishiError) && /after a finish\(\)/.test(e.message));
      v.finish();
      assert.deepEqual(v.results(), want, `pieces of ${size}`);
      // Reading them again gives the same.
      assert.deepEqual(v.results(), want);
    }
    if (Object.keys(want).length > 0) compared++;
  }
  assert.ok(compared >= 100, `only ${compared} records with results`);
  // A verifier whose record failed has no results: results() throws the refusal again.
  const bad = new yishi.Verifier();
  assert.throws(() => bad.push(bytes(jsonl(conformance("tampered-ballot-hash-mismatch.json").record))));
  assert.throws(() => bad.finish(), (e) => e.code === "record.hash_mismatch");
  assert.throws(() => bad.results(), (e) => e instanceof yishi.YishiError && e.code === "record.hash_mismatch" && e.seq === 6);
});

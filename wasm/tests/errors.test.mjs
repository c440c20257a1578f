// Errors reach JS as YishiError objects (a real Error subclass) with the
// spec's code and the event position; a rejected event changes nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { jsonl, loadCase, shared, yishi } from "./helpers.mjs";

const conformance = (name) => loadCase(path.join(shared, "conformance", name));

/** Asserts that `f` throws a YishiError with `code` and `seq`; returns it. */
function throwsYishi(f, code, seq) {
  let caught;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught !== undefined, `expected ${code} to be thrown`);
  assert.ok(caught instanceof Error, `thrown value is not an Error: ${caught}`);
  assert.ok(caught instanceof yishi.YishiError, "thrown value is not a YishiError");
  assert.equal(caught.name, "YishiError");
  assert.equal(caught.code, code, caught.message);
  assert.equal(caught.seq, seq, caught.message);
  assert.equal(typeof caught.message, "string");
  assert.ok(caught.message.includes(code), `message ${JSON.stringify(caught.message)} names the code`);
  assert.equal(typeof caught.stack, "string");
  return caught;
}

test("a tampered record fails verification and replay with record.hash_mismatch at seq 6", () => {
  const { record } = conformance("tampered-ballot-hash-mismatch.json");
  // Canonical lines, and the case's objects as JSON.stringify writes them.
  for (const text of [jsonl(record), record.map((e) => JSON.stringify(e)).join("\n")]) {
    throwsYishi(() => yishi.verifyRecord(text), "record.hash_mismatch", 6);
    throwsYishi(() => yishi.Ledger.fromRecord(text), "record.hash_mismatch", 6);
  }
});

test("a \\u escape with upper-case hex digits in a sealed line is refused (no byte may change unnoticed)", () => {
  const sealed = yishi.sealRecord([
    { at: "2026-10-08T09:00:00+08:00", kind: "community.registered",
      data: { community: "c", name: "a\u001bb", units: [{ id: "u1", area: "50", owner: "o1" }] } },
  ]);
  assert.ok(sealed.includes("\\u001b"));
  assert.equal(yishi.verifyRecord(sealed).events, 1);
  throwsYishi(() => yishi.verifyRecord(sealed.replace("\\u001b", "\\u001B")), "record.parse", 1);
});

test("apply throws with the position of the rejected event and leaves the ledger unchanged", () => {
  const c = conformance("ballot-at-close-instant-rejected.json");
  const ledger = new yishi.Ledger();
  const { seq } = c.expect.error;
  for (const event of c.events.slice(0, seq - 1)) ledger.apply(event);
  const before = { head: ledger.head, length: ledger.length, record: ledger.toRecord(), results: ledger.results() };
  throwsYishi(() => ledger.apply(c.events[seq - 1]), c.expect.error.code, seq);
  assert.deepEqual(
    { head: ledger.head, length: ledger.length, record: ledger.toRecord(), results: ledger.results() },
    before,
  );
  // The ledger stays usable.
  assert.equal(ledger.length, seq - 1);
});

test("every error case of the shared suite throws its code and seq", () => {
  for (const name of [
    "agent-after-principal-superseded.json",
    "community-missing.json",
    "event-unknown-kind.json",
    "unknown-field-rejected.json",
    "election-too-many-choices.json",
  ]) {
    const c = conformance(name);
    const ledger = new yishi.Ledger();
    throwsYishi(
      () => c.events.forEach((e) => ledger.apply(e)),
      c.expect.error.code,
      c.expect.error.seq,
    );
  }
});

test("values that are not JSON events are rejected with record.parse, not a crash", () => {
  const ledger = new yishi.Ledger();
  throwsYishi(() => ledger.apply(undefined), "record.parse", 1);
  throwsYishi(() => ledger.apply({ at: "2026-10-08T09:00:00+08:00", kind: "x", data: { n: 1n } }), "record.parse", 1);
  const err = (() => {
    try {
      ledger.apply(42);
    } catch (e) {
      return e;
    }
  })();
  assert.ok(err instanceof yishi.YishiError);
  assert.equal(err.seq, 1);
  assert.equal(ledger.length, 0);
});

test("values JSON.stringify turns into undefined are refused, and the ledger stays usable", () => {
  const c = conformance("principal-overrides-agent-ballot.json");
  const ledger = new yishi.Ledger();
  ledger.apply(c.events[0]);
  const before = { head: ledger.head, length: ledger.length, record: ledger.toRecord() };
  for (const value of [() => {}, Symbol("x"), { toJSON() {} }]) {
    throwsYishi(() => ledger.apply(value), "record.parse", 2);
    throwsYishi(() => yishi.runCase(value), "record.parse", 0);
    throwsYishi(() => yishi.sealRecord([value]), "record.parse", 1);
    assert.deepEqual({ head: ledger.head, length: ledger.length, record: ledger.toRecord() }, before);
  }
  // The ledger was not left borrowed: it applies the next event and frees.
  ledger.apply(c.events[1]);
  assert.equal(ledger.length, 2);
  ledger.free();
});

test("malformed record text is record.parse at its line", () => {
  throwsYishi(() => yishi.verifyRecord("not json\n"), "record.parse", 1);
  throwsYishi(() => yishi.Ledger.fromRecord("{\n"), "record.parse", 1);
  throwsYishi(() => yishi.sealRecord("[1,"), "record.parse", 1);
  // Events are sealed in order: the first bad one, by position, is reported.
  const registered = JSON.stringify({
    at: "2026-10-08T09:00:00+08:00",
    kind: "community.registered",
    data: { community: "c", name: "n", units: [{ id: "1-01", owner: "o1", area: "90.00" }] },
  });
  throwsYishi(() => yishi.sealRecord(`${registered}\n\n{oops\n`), "record.parse", 2);
  // A number a record may not hold is refused at its event, as in JSON Lines.
  throwsYishi(() => yishi.sealRecord(`[${registered}, {"at": 1.5}]`), "record.parse", 2);
  // A duplicate member or a syntax error in an array is refused at its element.
  throwsYishi(() => yishi.sealRecord(`[${registered}, {"at": 1, "at": 2}]`), "record.parse", 2);
  throwsYishi(() => yishi.sealRecord(`[${registered}, {"at" 1}]`), "record.parse", 2);
  throwsYishi(() => yishi.sealRecord(`[${registered}] x`), "record.parse", 2);
  throwsYishi(() => yishi.sealRecord(`[${registered}, 7]`), "record.parse", 2);
  throwsYishi(() => yishi.sealRecord('{"at":1}\n{oops\n'), "record.parse", 1);
  throwsYishi(() => yishi.sealRecord(JSON.parse(registered)), "record.parse", 1);
  throwsYishi(() => yishi.sealRecord(42), "record.parse", 1);
  throwsYishi(() => yishi.runCase("{"), "record.parse", 0);
});

test("an empty ledger", () => {
  const ledger = new yishi.Ledger();
  assert.equal(ledger.head, "0".repeat(64));
  assert.equal(ledger.length, 0);
  assert.equal(ledger.toRecord(), "");
  assert.deepEqual(ledger.results(), {});
  assert.equal(ledger.result("m1", "x"), undefined);
  // No events seal into that empty record, as the library's empty ledger is
  // valid (documented: `yishi seal` refuses them, a file of no events being
  // no record to publish).
  for (const none of [[], "", "[]", "\n"]) assert.equal(yishi.sealRecord(none), "", JSON.stringify(none));
  // But no events are no record to verify, as `yishi verify` says.
  throwsYishi(() => yishi.verifyRecord(""), "community.missing", 1);
  throwsYishi(() => yishi.verifyRecord(new Uint8Array()), "community.missing", 1);
});

test("arguments of the wrong JS type are refused, never a trap; the instance keeps working", () => {
  const { record } = conformance("sealed-record-verifies.json");
  const text = jsonl(record);
  // A number where the record's text belongs.
  throwsYishi(() => yishi.Ledger.fromRecord(5), "record.parse", 0);
  throwsYishi(() => yishi.Ledger.fromRecord(undefined), "record.parse", 0);
  const ledger = yishi.Ledger.fromRecord(text);
  // Ids that are not strings name no meeting or motion.
  assert.equal(ledger.result(5, 6), undefined);
  assert.equal(ledger.result(null, {}), undefined);
  // A piece of a record is a Uint8Array or a string.
  const v = new yishi.Verifier();
  throwsYishi(() => v.push({}), "record.parse", 1);
  throwsYishi(() => v.push(42), "record.parse", 1);
  const w = new yishi.Verifier();
  w.push(text.slice(0, 100));
  w.push(new TextEncoder().encode(text.slice(100)));
  assert.deepEqual(w.finish(), yishi.verifyRecord(text));
  // And the module still answers.
  assert.equal(yishi.Ledger.fromRecord(text).head, ledger.head);
});

test("a string holding a lone surrogate is refused, never altered into U+FFFD", () => {
  const events = [
    {
      at: "2026-10-08T09:00:00+08:00",
      kind: "community.registered",
      data: { community: "c", name: "花园😀", units: [{ id: "1-1", area: "100", owner: "o1" }] },
    },
  ];
  const sealed = yishi.sealRecord(events);
  assert.ok(sealed.includes("花园😀"), "a surrogate pair is one character and seals as such");
  assert.equal(yishi.verifyRecord(sealed).events, 1);
  // The same texts with the pair cut to its first half: UTF-8 has no form for it.
  const lone = (text) => text.replace("😀", "\ud83d");
  throwsYishi(() => yishi.sealRecord(lone(JSON.stringify(events))), "record.parse", 0);
  throwsYishi(() => yishi.verifyRecord(lone(sealed)), "record.parse", 0);
  throwsYishi(() => yishi.Ledger.fromRecord(lone(sealed)), "record.parse", 0);
  // A piece is blamed on the event it would continue, and the verifier stays
  // refused, as after a bad line.
  const refused = new yishi.Verifier();
  const first = throwsYishi(() => refused.push(lone(sealed)), "record.parse", 1);
  assert.equal(throwsYishi(() => refused.push(sealed), "record.parse", 1), first);
  assert.equal(throwsYishi(() => refused.finish(), "record.parse", 1), first);
  const text = (c) => JSON.stringify(c);
  const { name, passed } = yishi.runCase(text(conformance("sealed-record-verifies.json")));
  assert.ok(passed, name);
  throwsYishi(() => yishi.runCase(lone(`{"case":"😀","events":[],"expect":{"motions":{}}}`)), "record.parse", 0);
  // As an object the event goes through JSON.stringify, which writes "\ud83d"
  // as an escape; the strict reader refuses a lone surrogate escape.
  throwsYishi(() => yishi.sealRecord(JSON.parse(lone(JSON.stringify(events)))), "record.parse", 1);
  // A string piece must hold whole characters; byte pieces may split anything.
  const cut = sealed.indexOf("😀") + 1;
  throwsYishi(() => new yishi.Verifier().push(sealed.slice(0, cut)), "record.parse", 1);
  const v = new yishi.Verifier();
  const all = new TextEncoder().encode(sealed);
  const at = new TextEncoder().encode(sealed.slice(0, cut - 1)).length + 2;
  v.push(all.subarray(0, at));
  v.push(all.subarray(at));
  assert.deepEqual(v.finish(), yishi.verifyRecord(sealed));
});

test("a YishiError's message holds the record's control and reordering characters escaped, as the native message does", () => {
  const ledger = new yishi.Ledger();
  ledger.apply({ at: "2026-10-08T09:00:00+08:00", kind: "community.registered",
    data: { community: "c", units: [{ id: "u1", area: "50", owner: "o1" }] } });
  const e = throwsYishi(() => ledger.apply({ at: "2026-10-09T09:00:00+08:00", kind: "unit.transferred",
    data: { unit: "u9\nINFO verified ok\u202e", to: "o1" } }), "unit.unknown", 2);
  assert.ok(!/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(e.message), JSON.stringify(e.message));
  assert.ok(e.message.includes("u9\\u{a}INFO verified ok\\u{202e}"), e.message);
});

test("a number JSON has none for (NaN, ±Infinity) is refused, never sealed as null, which reads as absent", () => {
  const ledger = new yishi.Ledger();
  const registered = { at: "2026-10-08T09:00:00+08:00", kind: "community.registered",
    data: { community: "c", units: [{ id: "u1", area: "50", owner: "o1" }] } };
  ledger.apply(registered);
  const rules = (cap) => ({ at: "2026-10-08T09:01:00+08:00", kind: "rules.adopted",
    data: { rules: "r1", preset: "civil-code-2021", set: { proxy_cap: cap } } });
  for (const bad of [NaN, Infinity, -Infinity, new Number(NaN), new Number(Infinity)]) {
    const e = throwsYishi(() => ledger.apply(rules(bad)), "record.parse", 2);
    assert.equal(e.message, `record.parse at seq 2: "proxy_cap" is ${Number(bad)}, which no JSON number is (JSON.stringify would write null, read as absent)`);
    // In a list of events, at the position of the event that holds it.
    throwsYishi(() => yishi.sealRecord([registered, rules(bad)]), "record.parse", 2);
  }
  throwsYishi(() => yishi.sealRecord([registered, rules(1), { ...rules(1), at: 1n }]), "record.parse", 3);
  assert.equal(ledger.length, 1);
  // A member's name is shown as the library shows the record's text.
  const e = throwsYishi(() => ledger.apply({ ...registered, data: { "x\u202e\u0085y": NaN } }), "record.parse", 2);
  assert.ok(e.message.includes('"x\\u{202e}\\u{85}y" is NaN'), e.message);
  assert.ok(throwsYishi(() => ledger.apply(NaN), "record.parse", 2).message.includes("the value is NaN"));
  // Other values without a JSON form keep their messages.
  assert.equal(throwsYishi(() => ledger.apply(undefined), "record.parse", 2).message,
    "record.parse at seq 2: undefined is not a JSON value");
  assert.equal(throwsYishi(() => ledger.apply({ at: 1n }), "record.parse", 2).message,
    "record.parse at seq 2: the value cannot be written as JSON");
  assert.equal(throwsYishi(() => ledger.apply(() => 1), "record.parse", 2).message,
    "record.parse at seq 2: the value has no JSON form (a function or a symbol)");
  // What the caller's own toJSON throws, even a YishiError, is this event's record.parse.
  const spoof = { toJSON() { throw new yishi.YishiError("ballot.duplicate", 99, "spoof"); } };
  throwsYishi(() => ledger.apply(spoof), "record.parse", 2);
  throwsYishi(() => yishi.runCase(NaN), "record.parse", 0);
  assert.equal(ledger.length, 1);
});

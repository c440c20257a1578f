// `Verifier.expectHead`: a record held to the head its organiser published
// gets the verdict of `yishi verify --expect-head` (`YISHI_BIN`), word for
// word: cut short, extended after publication, another record's head.
import { test } from "node:test";
import assert from "node:assert/strict";
import { exampleRecord, hashOf, nativeVerify, verifyInPieces, yishi } from "./helpers.mjs";

const { record, lines, head, firsts } = exampleRecord();

/** `yishi verify --json --expect-head <head>` of `text`: `{events, head}` or `{error: {code, seq, message}}`. */
const native = (text, expected) => nativeVerify(text, ["--expect-head", expected]);

/** The same through a Verifier fed in pieces of 1,000 bytes. */
function wasm(text, expected) {
  const v = new yishi.Verifier();
  assert.equal(v.expectHead(expected), true);
  return verifyInPieces(v, text);
}

test("a record held to its published head: the CLI's verdict, word for word", () => {
  assert.ok(lines.length > 5);
  const cases = [
    [record, head], // as published
    [record, head.toUpperCase()], // the head in capitals
    [firsts(3), head], // cut short at a line boundary
    [record, hashOf(lines[2])], // events added after the published one
    [record, hashOf(lines.at(-2))], // one event added after it
    [record, "ab".repeat(32)], // another record's head
    [firsts(1), head],
    ["", head], // no record at all
  ];
  for (const [text, expected] of cases) {
    const want = native(text, expected);
    assert.deepEqual(wasm(text, expected), want, `${text.length} bytes, head ${expected}`);
  }
  assert.deepEqual(wasm(record, head), { events: lines.length, head });
  const short = wasm(firsts(3), head).error;
  assert.deepEqual([short.code, short.seq], ["record.prev_mismatch", 4]);
  assert.match(short.message, /^the record ends at head [0-9a-f]{64} \(event 3\), not at the published head /);
  const extended = wasm(record, hashOf(lines[2])).error;
  assert.deepEqual([extended.code, extended.seq], ["record.prev_mismatch", 4]);
  assert.equal(extended.message, `the published head is the hash of event 3; events 4-${lines.length} were added after it`);
});

test("a head expected after pieces were pushed counts the events they held", () => {
  const v = new yishi.Verifier();
  v.push(firsts(3));
  assert.equal(v.expectHead(hashOf(lines[2])), true);
  v.push(lines.slice(3).map((l) => l + "\n").join(""));
  assert.throws(() => v.finish(), (e) => e.code === "record.prev_mismatch" && e.seq === 4);
  const whole = new yishi.Verifier();
  whole.push(firsts(3));
  assert.equal(whole.expectHead(hashOf(lines[2])), true);
  assert.deepEqual(whole.finish(), { events: 3, head: hashOf(lines[2]) });
});

test("a head that is no hash is refused with false and nothing is expected", () => {
  for (const bad of ["", "not a hash", "ab".repeat(31), "ab".repeat(33), "g".repeat(64), ` ${head}`]) {
    const v = new yishi.Verifier();
    assert.equal(v.expectHead(bad), false, JSON.stringify(bad));
    v.push(firsts(3));
    assert.deepEqual(v.finish(), { events: 3, head: hashOf(lines[2]) });
  }
});

test("a finished Verifier expects nothing more", () => {
  const v = new yishi.Verifier();
  v.push(record);
  v.finish();
  assert.throws(() => v.expectHead(head), (e) => e instanceof Error && /already finished/.test(e.message));
});

// `Verifier.expectExtends`: a record held to heads its organiser published
// earlier gets the verdict of `yishi verify --extends` (`YISHI_BIN`), word
// for word: extended since, cut short before the head, rewritten, another
// record's head, together with `expectHead`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { exampleRecord, hashOf, nativeVerify, verifyInPieces, yishi } from "./helpers.mjs";

const { record, lines, head, firsts } = exampleRecord();

// The same events with the community's name changed, all sealed again: it
// verifies on its own and holds none of the record's hashes.
const events = lines.map((l) => {
  const { at, kind, data } = JSON.parse(l);
  return { at, kind, data };
});
events[0].data.name += "（改）";
const rewritten = yishi.sealRecord(events);

/** `yishi verify --json` of `text` with `--extends` for each of `earlier` and `--expect-head end` when given. */
function native(text, earlier, end) {
  return nativeVerify(text, [...earlier.flatMap((h) => ["--extends", h]), ...(end ? ["--expect-head", end] : [])]);
}

/** The same through a Verifier fed in pieces of 1,000 bytes: `{events, head, extends}` or `{error}`. */
function wasm(text, earlier, end) {
  const v = new yishi.Verifier();
  for (const h of earlier) assert.equal(v.expectExtends(h), true);
  if (end) assert.equal(v.expectHead(end), true);
  const verdict = verifyInPieces(v, text);
  // The CLI adds the heads it was asked about, as it writes them.
  return verdict.error ? verdict : { ...verdict, extends: earlier.map((h) => h.toLowerCase()) };
}

test("a record held to earlier heads: the CLI's verdict, word for word", () => {
  assert.ok(lines.length > 5);
  const third = hashOf(lines[2]);
  const cases = [
    [record, [third]], // extended since the third event was published
    [record, [third.toUpperCase()]], // the head in capitals
    [record, [head]], // nothing added since
    [record, [hashOf(lines[0]), third, head]], // several publications
    [firsts(2), [third]], // cut short before the earlier head
    [rewritten, [third]], // rewritten and sealed again
    [record, ["ab".repeat(32)]], // another record's head
    [record, [third], head], // with the head published now
    [record, [third], third], // with a head published now that events followed
    [rewritten, [third], yishi.verifyRecord(rewritten).head], // ends where it says, holds nothing earlier
    ["", [third]], // no record at all
  ];
  for (const [text, earlier, end] of cases) {
    assert.deepEqual(wasm(text, earlier, end), native(text, earlier, end), `${text.length} bytes, ${earlier} ${end ?? ""}`);
  }
  assert.deepEqual(wasm(record, [third]), { events: lines.length, head, extends: [third] });
  const none = wasm(rewritten, [third]).error;
  assert.deepEqual([none.code, none.seq], ["record.prev_mismatch", lines.length + 1]);
  assert.match(none.message, new RegExp(`^no event of the record \\(ending at event ${lines.length}, head [0-9a-f]{64}\\) has the hash ${third}, `));
  const short = wasm(firsts(2), [third]).error;
  assert.deepEqual([short.code, short.seq], ["record.prev_mismatch", 3]);
});

test("an earlier head expected after pieces were pushed sees the last of them", () => {
  const v = new yishi.Verifier();
  v.push(firsts(3));
  assert.equal(v.expectExtends(hashOf(lines[2])), true);
  v.push(lines.slice(3).map((l) => l + "\n").join(""));
  assert.deepEqual(v.finish(), { events: lines.length, head });
});

test("an earlier head that is no hash is refused with false and nothing is expected", () => {
  for (const bad of ["", "not a hash", "ab".repeat(31), "ab".repeat(33), "g".repeat(64), ` ${head}`]) {
    const v = new yishi.Verifier();
    assert.equal(v.expectExtends(bad), false, JSON.stringify(bad));
    v.push(rewritten);
    assert.equal(v.finish().events, lines.length);
  }
});

test("a finished Verifier expects no earlier head", () => {
  const v = new yishi.Verifier();
  v.push(record);
  v.finish();
  assert.throws(() => v.expectExtends(head), (e) => e instanceof Error && /already finished/.test(e.message));
});

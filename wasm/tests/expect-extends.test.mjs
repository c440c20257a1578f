// `Verifier.expectExtends`: a record held to heads its organiser published
// earlier gets the verdict of `yishi verify --extends` (`YISHI_BIN`), word
// for word: extended since, cut short before the head, rewritten, another
// record's head, together with `expectHead`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { nativeBin, root, yishi } from "./helpers.mjs";

const tmp = mkdtempSync(path.join(tmpdir(), "yishi-expect-extends-"));
process.on("exit", () => rmSync(tmp, { recursive: true, force: true }));

const example = readdirSync(path.join(root, "examples")).find((f) => f.endsWith(".jsonl"));
const record = readFileSync(path.join(root, "examples", example), "utf8");
const lines = record.split("\n").slice(0, -1);
const hashOf = (line) => JSON.parse(line).hash;
const head = hashOf(lines.at(-1));
const firsts = (n) => lines.slice(0, n).map((l) => l + "\n").join("");

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
  assert.ok(existsSync(nativeBin), `native CLI ${nativeBin} missing: cargo build --release -p yishi-cli`);
  const file = path.join(tmp, "record.jsonl");
  writeFileSync(file, text);
  const args = ["verify", "--json", file, ...earlier.flatMap((h) => ["--extends", h])];
  if (end) args.push("--expect-head", end);
  const r = spawnSync(nativeBin, args, { encoding: "utf8" });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout);
}

/** The same through a Verifier fed in pieces of 1,000 bytes: `{events, head, extends}` or `{error}`. */
function wasm(text, earlier, end) {
  const v = new yishi.Verifier();
  for (const h of earlier) assert.equal(v.expectExtends(h), true);
  if (end) assert.equal(v.expectHead(end), true);
  const bytes = new TextEncoder().encode(text);
  try {
    for (let i = 0; i < bytes.length; i += 1000) v.push(bytes.subarray(i, i + 1000));
    // The CLI adds the heads it was asked about, as it writes them.
    return { ...v.finish(), extends: earlier.map((h) => h.toLowerCase()) };
  } catch (e) {
    assert.ok(e instanceof yishi.YishiError, `not a YishiError: ${e}`);
    const prefix = `${e.code} at seq ${e.seq}: `;
    assert.ok(e.message.startsWith(prefix), e.message);
    return { error: { code: e.code, seq: e.seq, message: e.message.slice(prefix.length) } };
  }
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

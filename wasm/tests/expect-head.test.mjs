// `Verifier.expectHead`: a record held to the head its organiser published
// gets the verdict of `yishi verify --expect-head` (`YISHI_BIN`), word for
// word: cut short, extended after publication, another record's head.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { nativeBin, root, yishi } from "./helpers.mjs";

const tmp = mkdtempSync(path.join(tmpdir(), "yishi-expect-head-"));
process.on("exit", () => rmSync(tmp, { recursive: true, force: true }));

const example = readdirSync(path.join(root, "examples")).find((f) => f.endsWith(".jsonl"));
const record = readFileSync(path.join(root, "examples", example), "utf8");
const lines = record.split("\n").slice(0, -1);
const hashOf = (line) => JSON.parse(line).hash;
const head = hashOf(lines.at(-1));
const firsts = (n) => lines.slice(0, n).map((l) => l + "\n").join("");

/** `yishi verify --json --expect-head <head>` of `text`: `{events, head}` or `{error: {code, seq, message}}`. */
function native(text, expected) {
  assert.ok(existsSync(nativeBin), `native CLI ${nativeBin} missing: cargo build --release -p yishi-cli`);
  const file = path.join(tmp, "record.jsonl");
  writeFileSync(file, text);
  const r = spawnSync(nativeBin, ["verify", "--json", "--expect-head", expected, file], { encoding: "utf8" });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout);
}

/** The same through a Verifier fed in pieces of 1,000 bytes. */
function wasm(text, expected) {
  const v = new yishi.Verifier();
  assert.equal(v.expectHead(expected), true);
  const bytes = new TextEncoder().encode(text);
  try {
    for (let i = 0; i < bytes.length; i += 1000) v.push(bytes.subarray(i, i + 1000));
    return v.finish();
  } catch (e) {
    assert.ok(e instanceof yishi.YishiError, `not a YishiError: ${e}`);
    const prefix = `${e.code} at seq ${e.seq}: `;
    assert.ok(e.message.startsWith(prefix), e.message);
    return { error: { code: e.code, seq: e.seq, message: e.message.slice(prefix.length) } };
  }
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

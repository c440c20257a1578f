// Byte-for-byte agreement with the native CLI (`YISHI_BIN`, built by
// `cargo xtask test` as target/release/yishi): sealing, canonical records,
// verification summaries and `tally --json` results.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { caseFiles, jsonl, loadCase, nativeBin, root, yishi } from "./helpers.mjs";

const tmp = mkdtempSync(path.join(tmpdir(), "yishi-wasm-test-"));
process.on("exit", () => rmSync(tmp, { recursive: true, force: true }));
let counter = 0;

/** Runs the native CLI on `input` written to a file; returns stdout, fails on a non-zero exit. */
function native(args, input) {
  assert.ok(existsSync(nativeBin), `native CLI ${nativeBin} missing: cargo build --release -p yishi-cli`);
  const file = path.join(tmp, `in-${++counter}`);
  writeFileSync(file, input);
  const r = spawnSync(nativeBin, [...args, file], { encoding: "utf8", maxBuffer: 1 << 30 });
  assert.equal(r.status, 0, `yishi ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

/** Unsealed events of a case: its `events`, or its sealed `record` without seq/prev/hash. */
function unsealed(c) {
  return c.events ?? c.record.map(({ at, kind, data }) => ({ at, kind, data }));
}

for (const file of caseFiles()) {
  const c = loadCase(file);
  if (c.expect.error) continue; // a record that stops at an error has no sealed form to compare
  const label = `${path.basename(path.dirname(file))}/${path.basename(file)}`;

  test(`same record as native seal: ${label}`, () => {
    const events = unsealed(c);
    const sealed = native(["seal"], JSON.stringify(events));

    // Applying event by event.
    const ledger = new yishi.Ledger();
    for (const [i, event] of events.entries()) {
      const s = ledger.apply(event);
      assert.equal(s.seq, i + 1);
      assert.equal(ledger.head, s.hash);
    }
    assert.equal(ledger.toRecord(), sealed);
    assert.equal(ledger.length, events.length);

    // Replaying the native record.
    const replayed = yishi.Ledger.fromRecord(sealed);
    assert.equal(replayed.toRecord(), sealed);
    assert.equal(replayed.head, ledger.head);
    if (c.record) {
      assert.equal(yishi.Ledger.fromRecord(jsonl(c.record)).toRecord(), sealed);
      // The case's objects written as they stand (members in envelope order),
      // as any JSON tool writes them: the same events, so the same record.
      const plain = c.record.map((e) => JSON.stringify(e) + "\n").join("");
      assert.notEqual(plain, sealed);
      assert.equal(yishi.Ledger.fromRecord(plain).toRecord(), sealed);
      assert.deepEqual(yishi.verifyRecord(plain), { events: events.length, head: replayed.head });
    }

    // sealRecord, from objects, JSON text and JSONL text.
    assert.equal(yishi.sealRecord(events), sealed);
    assert.equal(yishi.sealRecord(JSON.stringify(events)), sealed);
    assert.equal(yishi.sealRecord(jsonl(events)), sealed);

    assert.deepEqual(yishi.verifyRecord(sealed), { events: events.length, head: ledger.head });
    assert.deepEqual(ledger.results(), JSON.parse(native(["tally", "--json"], sealed)));
  });
}

const examples = path.join(root, "examples");
const records = existsSync(examples) ? readdirSync(examples).filter((n) => n.endsWith(".jsonl")).sort() : [];

for (const name of records) {
  test(`example ${name}: same verification and tally as native`, () => {
    const text = readFileSync(path.join(examples, name), "utf8");
    const ledger = yishi.Ledger.fromRecord(text);
    assert.equal(ledger.toRecord(), text, "examples are canonical JSONL");
    const summary = yishi.verifyRecord(text);
    assert.equal(summary.head, ledger.head);
    assert.equal(summary.events, ledger.length);
    assert.ok(native(["verify"], text).includes(summary.head), "native verify prints the same head");
    assert.deepEqual(ledger.results(), JSON.parse(native(["tally", "--json"], text)));
    for (const [key, r] of Object.entries(ledger.results())) {
      const [meeting, motion] = key.split("/");
      assert.deepEqual(ledger.result(meeting, motion), r);
    }
  });
}

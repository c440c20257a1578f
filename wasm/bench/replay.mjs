// Times replaying a sealed record through wasm/pkg in Node, for the issue 4
// budget (at most 2x the native CLI on the same machine).
//
//   node wasm/bench/replay.mjs RECORD.jsonl [--runs N]
//
// Prints one JSON line: {"events", "bytes", "verify_ms", "replay_ms", "tally_ms"}
// with the best of N runs (default 3) of verifyRecord(text) (streaming
// verification, no history kept), Ledger.fromRecord(text) (verify, replay and
// keep the record) and results() on the replayed ledger.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { initSync, verifyRecord, Ledger } from "../pkg/yishi_wasm.js";

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"));
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
if (!file || !(runs >= 1)) {
  console.error("usage: node wasm/bench/replay.mjs RECORD.jsonl [--runs N]");
  process.exit(2);
}

const here = path.dirname(fileURLToPath(import.meta.url));
initSync({ module: readFileSync(path.join(here, "..", "pkg", "yishi_wasm_bg.wasm")) });
const text = readFileSync(file, "utf8");

function best(f) {
  let ms = Infinity;
  let value;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    value = f();
    ms = Math.min(ms, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { ms, value };
}

const verify = best(() => verifyRecord(text));
const replay = best(() => {
  const ledger = Ledger.fromRecord(text);
  const n = ledger.length;
  ledger.free();
  return n;
});
const ledger = Ledger.fromRecord(text);
const tally = best(() => Object.keys(ledger.results()).length);
console.log(
  JSON.stringify({
    events: verify.value.events,
    bytes: Buffer.byteLength(text),
    head: verify.value.head,
    motions: tally.value,
    verify_ms: Math.round(verify.ms),
    replay_ms: Math.round(replay.ms),
    tally_ms: Math.round(tally.ms),
  }),
);

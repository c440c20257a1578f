// The web auditor's receipt check (web-demo/receipts.js, shipped as `yishi-wasm/receipts`, which follows a verified record's
// events) against the native `yishi ballots --json` (`YISHI_BIN`), on random records sealed
// through the wasm Ledger: assemblies with developer ids, agents and `by` naming the voter,
// committee and five-party meetings with attendance, voids, revotes, transfers, ballots
// without a channel, and ids that would collide in a string key.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { nativeBin, root, yishi } from "./helpers.mjs";

// The package's copy (`yishi-wasm/receipts`), which `cargo xtask wasm` takes from the web demo.
const { BallotFates, ballotAt, ballotWithHash } = await import(pathToFileURL(path.join(root, "wasm", "pkg", "receipts.js")).href);
const tmp = mkdtempSync(path.join(tmpdir(), "yishi-receipts-test-"));
process.on("exit", () => rmSync(tmp, { recursive: true, force: true }));

const PARTIES = ["party_branch", "residents_committee", "owners_committee", "property_company", "owner_representatives"];
// "\u0001developer" and an id holding NUL would share a key with the developer, or with each
// other, in a key made by joining strings.
const OWNERS = ["o1", "o2", "o3", "\u0001developer", "o\u00004", "dev1", "dev2"];
const MEMBERS = ["o1", "o2", "dev1", "dev2", "\u0001developer"];

/** A small deterministic generator (LCG), so a failure can be replayed by its seed. */
function rng(seed) {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  return { next, pick: (a) => a[Math.floor(next() * a.length)] };
}

function record(seed) {
  const r = rng(seed);
  const l = new yishi.Ledger();
  const t0 = Date.parse("2026-10-08T01:00:00Z");
  const at = (ms) => new Date(ms).toISOString().replace(".000Z", "+00:00");
  const apply = (ms, kind, data) => {
    try {
      l.apply({ at: at(ms), kind, data });
    } catch (e) {
      assert.ok(e instanceof yishi.YishiError, String(e)); // refused: the record goes on without it
    }
  };
  apply(t0, "community.registered", {
    community: "c",
    owners: [{ id: "dev1", developer: true }, { id: "dev2", developer: true }],
    units: OWNERS.map((o, i) => ({ id: `u${i}`, area: `${50 + i}.25`, owner: o })),
  });
  apply(t0 + 1000, "rules.adopted", {
    rules: "r", preset: "civil-code-2021",
    set: { revote: r.next() < 0.2 ? "first_counts" : "last_counts", abstain: r.next() < 0.5 ? "excluded" : "participates" },
  });
  const opens = t0 + 16 * 86400000;
  const common = { rules: "r", form: "written", noticed_at: at(t0 + 2000), opens_at: at(opens), closes_at: at(opens + 10 * 86400000) };
  apply(t0 + 2000, "meeting.convened", { meeting: "A", body: "assembly", ...common, motions: [{ motion: "x", matter: "278.6" }, { motion: "y", matter: "278.1" }] });
  apply(t0 + 3000, "meeting.convened", { meeting: "C", body: "committee", ...common, members: MEMBERS, motions: [{ motion: "q" }] });
  apply(t0 + 4000, "meeting.convened", {
    meeting: "F", body: "five-party", ...common, parties: Object.fromEntries(PARTIES.map((p, i) => [p, `p${i}`])), motions: [{ motion: "e", matter: "coordination" }],
  });
  let now = opens + 1000;
  for (let k = 0; k < 40; k++) {
    now += Math.floor(r.next() * 3600000);
    const m = r.pick(["A", "A", "A", "C", "F"]);
    const voter = m === "F" ? r.pick(PARTIES) : r.pick(OWNERS);
    const x = r.next();
    if (x < 0.5) {
      const votes = m === "A" ? { x: r.pick(["yes", "no", "abstain"]) } : m === "C" ? { q: r.pick(["yes", "no", "abstain"]) } : { e: r.pick(["support", "object", "abstain"]) };
      const d = { meeting: m, voter, votes };
      if (r.next() < 0.8) d.channel = r.pick(["online", "paper"]);
      if (r.next() < 0.4) d.by = r.pick([voter, "dev1", "dev2", "a1", "o1"]);
      apply(now, "ballot.cast", d);
    } else if (x < 0.62) apply(now, "proxy.granted", { meeting: "A", principal: r.pick(OWNERS), agent: r.pick(["a1", "o1", "dev1"]) });
    else if (x < 0.68) apply(now, "proxy.revoked", { meeting: "A", principal: r.pick(OWNERS), agent: r.pick(["a1", "o1", "dev1"]) });
    else if (x < 0.85) apply(now, "ballot.voided", { meeting: m, voter, reason: `r${k}` });
    else if (x < 0.92) apply(now, "unit.transferred", { unit: `u${Math.floor(r.next() * OWNERS.length)}`, to: r.pick([...OWNERS, "o9"]) });
    else if (m !== "A") apply(now, "attendance.recorded", { meeting: m, present: (m === "F" ? PARTIES : MEMBERS).filter(() => r.next() < 0.7) });
  }
  if (r.next() < 0.3) apply(now + 1, "meeting.closed", { meeting: "C" });
  const text = l.toRecord();
  l.free();
  return text;
}

test("receipts.js tells each ballot's fate as `yishi ballots --json` does", () => {
  assert.ok(existsSync(nativeBin), `native CLI ${nativeBin} missing: cargo build --release -p yishi-cli`);
  const kinds = new Map();
  let ballots = 0;
  for (let seed = 1; seed <= 150; seed++) {
    const text = record(seed);
    const file = path.join(tmp, `r${seed}.jsonl`);
    writeFileSync(file, text);
    const run = spawnSync(nativeBin, ["ballots", file, "--json"], { encoding: "utf8", maxBuffer: 1 << 28 });
    assert.ok(run.status === 0 || run.status === 1, `seed ${seed}: ${run.stderr}`);
    const book = JSON.parse(run.stdout);
    const want = book.meetings
      .flatMap((m) => m.voters.flatMap((v) => v.ballots.map(({ seq, hash, by, channel, votes, fate }) => ({ seq, hash, meeting: m.meeting, by, channel, votes, fate }))))
      .sort((a, b) => a.seq - b.seq);
    const folded = new BallotFates();
    text.split("\n").filter((line) => line).forEach((line, i) => folded.add(JSON.parse(line), i + 1));
    const got = folded.finish().map(({ seq, hash, meeting, by, channel, votes, fate }) => ({ seq, hash, meeting, by, channel, votes, fate }));
    assert.deepEqual(got, want, `seed ${seed}`);
    // Each receipt, in either case, finds its ballot; another event's hash finds none.
    for (const b of want) assert.equal(ballotWithHash(got, b.hash.toUpperCase())?.seq, b.seq, `seed ${seed}: ${b.hash}`);
    assert.equal(ballotWithHash(got, JSON.parse(text.split("\n")[0]).hash), undefined);
    if (want.length) assert.equal(ballotWithHash(got, ` ${want[0].hash}\n`)?.seq, want[0].seq, "a pasted receipt, spaces around it");
    for (const odd of [null, undefined, 42, ""]) assert.equal(ballotWithHash(got, odd), undefined);
    for (const b of want) kinds.set(b.fate.kind, (kinds.get(b.fate.kind) ?? 0) + 1);
    ballots += want.length;
  }
  // The records reach every fate, so the comparison covers them all.
  for (const kind of ["counts", "not_present", "replaced", "voided"]) assert.ok((kinds.get(kind) ?? 0) > 10, `${kind}: ${kinds.get(kind)}`);
  assert.ok(ballots > 1000, `${ballots} ballots`);
});

test("the package ships the web demo's receipts.js, exported as yishi-wasm/receipts", () => {
  const shipped = readFileSync(path.join(root, "wasm", "pkg", "receipts.js"), "utf8");
  assert.equal(shipped, readFileSync(path.join(root, "web-demo", "receipts.js"), "utf8"));
  const manifest = JSON.parse(readFileSync(path.join(root, "wasm", "pkg", "package.json"), "utf8"));
  assert.deepEqual(manifest.exports["./receipts"], { types: "./receipts.d.ts", default: "./receipts.js" });
  assert.deepEqual(Object.keys(manifest.exports["./receipts"]), ["types", "default"]);
  for (const f of ["receipts.js", "receipts.d.ts"]) assert.ok(manifest.files.includes(f), f);
  // ballotAt finds an entry by its event's position, and nothing between entries.
  const folded = new BallotFates();
  folded.add({ at: "2026-10-08T09:00:00+08:00", kind: "meeting.convened", data: { meeting: "m", body: "committee" } }, 1);
  folded.add({ at: "2026-10-24T10:00:00+08:00", kind: "ballot.cast", data: { meeting: "m", voter: "c1", votes: { q: "yes" } } }, 2);
  folded.add({ at: "2026-10-24T10:01:00+08:00", kind: "attendance.recorded", data: { meeting: "m", present: ["c2"] } }, 3);
  folded.add({ at: "2026-10-24T10:02:00+08:00", kind: "ballot.cast", data: { meeting: "m", voter: "c2", votes: { q: "no" } } }, 4);
  const entries = folded.finish();
  assert.deepEqual(entries.map((e) => [e.seq, e.fate.kind]), [[2, "not_present"], [4, "counts"]]);
  assert.equal(ballotAt(entries, 4).voter, "c2");
  assert.equal(ballotAt(entries, 3), undefined);
  assert.equal(ballotAt(entries, 5), undefined);
});

// Shared by the Node test files: loads wasm/pkg/ with initSync (as an
// outside Node script would) and implements the spec §5 comparison in JS,
// independently of the Rust conformance runner.
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as yishi from "../pkg/yishi_wasm.js";

const here = path.dirname(fileURLToPath(import.meta.url));
/** The workspace root. */
export const root = path.resolve(here, "..", "..");
/** `../shared` relative to the workspace root, as CI lays it out. */
export const shared = path.resolve(root, "..", "shared");

yishi.initSync({ module: readFileSync(path.join(root, "wasm", "pkg", "yishi_wasm_bg.wasm")) });
export { yishi };

/** The native CLI (`YISHI_BIN`, else target/release/yishi). */
export const nativeBin =
  process.env.YISHI_BIN || path.join(root, "target", "release", process.platform === "win32" ? "yishi.exe" : "yishi");

/** The hash member of a sealed line. */
export const hashOf = (line) => JSON.parse(line).hash;

/**
 * The first bundled example record: its text, its lines, its head, and
 * `firsts(n)`, the record of its first `n` events.
 */
export function exampleRecord() {
  const name = readdirSync(path.join(root, "examples")).find((f) => f.endsWith(".jsonl"));
  const record = readFileSync(path.join(root, "examples", name), "utf8");
  const lines = record.split("\n").slice(0, -1);
  const firsts = (n) => lines.slice(0, n).map((l) => l + "\n").join("");
  return { record, lines, head: hashOf(lines.at(-1)), firsts };
}

/**
 * `yishi verify --json <args>` of `text` (written to a temporary file): its
 * verdict, `{events, head, …}` or `{error: {code, seq, message}}`.
 */
export function nativeVerify(text, args) {
  if (!existsSync(nativeBin)) throw new Error(`native CLI ${nativeBin} missing: cargo build --release -p yishi-cli`);
  const dir = mkdtempSync(path.join(tmpdir(), "yishi-verify-"));
  try {
    const file = path.join(dir, "record.jsonl");
    writeFileSync(file, text);
    const r = spawnSync(nativeBin, ["verify", "--json", file, ...args], { encoding: "utf8" });
    if (r.status !== 0 && r.status !== 1) throw new Error(`yishi verify exited ${r.status}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `text` pushed to `verifier` in pieces of 1,000 bytes, then finished: its
 * summary, or the `YishiError` it throws as `yishi verify --json` writes a
 * refusal (`{error: {code, seq, message}}`, the message without its
 * "code at seq n: " prefix).
 */
export function verifyInPieces(verifier, text) {
  const bytes = new TextEncoder().encode(text);
  try {
    for (let i = 0; i < bytes.length; i += 1000) verifier.push(bytes.subarray(i, i + 1000));
    return verifier.finish();
  } catch (e) {
    if (!(e instanceof yishi.YishiError)) throw e;
    const prefix = `${e.code} at seq ${e.seq}: `;
    if (!e.message.startsWith(prefix)) throw new Error(`a message without its prefix: ${e.message}`);
    return { error: { code: e.code, seq: e.seq, message: e.message.slice(prefix.length) } };
  }
}

/** Every case file: `../shared/conformance/*.json`, then `tests/cases/*.json`, then `tests/cases-cleanroom/*.json`. */
export function caseFiles() {
  const dirs = [
    path.join(shared, "conformance"),
    path.join(root, "tests", "cases"),
    path.join(root, "tests", "cases-cleanroom"),
  ];
  const files = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith(".json")) files.push(path.join(dir, name));
    }
  }
  return files;
}

export function loadCase(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}

/**
 * RFC 8785 (JCS) form of a record value: members sorted by UTF-16 code
 * units, no whitespace. Records hold only strings, integers, booleans, null,
 * arrays and objects, for which JSON.stringify already writes JCS scalars.
 */
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A list of event objects as JSONL text, each line in canonical form (as a sealed record is written). */
export function jsonl(events) {
  return events.map((e) => canonical(e) + "\n").join("");
}

/** Whether a thrown value is a YishiError as the API promises. */
export function isYishiError(e) {
  return e instanceof Error && e instanceof yishi.YishiError && e.name === "YishiError";
}

/**
 * Replays a case through the wasm Ledger: `{results}` or `{error, position}`,
 * where `position` is the 1-based index of the event `apply` rejected
 * (undefined for a sealed record, which fails as a whole).
 */
export function replay(c) {
  let ledger;
  if (c.record) {
    try {
      ledger = yishi.Ledger.fromRecord(jsonl(c.record));
    } catch (error) {
      if (!isYishiError(error)) throw error;
      return { error };
    }
  } else {
    ledger = new yishi.Ledger();
    for (const [i, event] of c.events.entries()) {
      try {
        ledger.apply(event);
      } catch (error) {
        if (!isYishiError(error)) throw error;
        return { error, position: i + 1 };
      }
    }
  }
  return { results: ledger.results(), ledger };
}

/** An area string as integer hundredths (exact): "120" and "120.00" are equal. */
export function hundredths(area) {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(area));
  if (!m) throw new Error(`not an area: ${JSON.stringify(area)}`);
  const cents = BigInt(m[2]) * 100n + BigInt((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -cents : cents;
}

const FIGURES = new Set(["participating", "yes", "no", "abstain", "electorate"]);
const SETS = new Set(["elected", "tied"]);

function sameSet(a, b) {
  if (!Array.isArray(a) || !Array.isArray(b)) return false;
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

/**
 * Spec §5: each member the expectation lists is compared, others are not;
 * areas by value, `elected`/`tied` as sets. Returns the differences.
 */
export function differences(expect, got) {
  const out = [];
  if (expect.error) {
    if (!got.error) return [`expected error ${expect.error.code} at seq ${expect.error.seq}, replay succeeded`];
    const { code, seq } = got.error;
    if (code !== expect.error.code || seq !== expect.error.seq) {
      out.push(`expected error ${expect.error.code} at seq ${expect.error.seq}, got ${code} at seq ${seq}`);
    }
    if (got.position !== undefined && got.position !== expect.error.seq) {
      out.push(`apply rejected event ${got.position}, expected event ${expect.error.seq}`);
    }
    return out;
  }
  if (got.error) return [`expected results, got error ${got.error.code} at seq ${got.error.seq}: ${got.error.message}`];
  for (const [key, want] of Object.entries(expect.motions ?? {})) {
    const have = got.results[key];
    if (have === undefined) {
      out.push(`${key}: no result`);
      continue;
    }
    for (const [member, w] of Object.entries(want)) {
      const h = have[member];
      if (FIGURES.has(member)) {
        for (const [dim, wv] of Object.entries(w)) {
          const hv = h?.[dim];
          const same = dim === "area" ? hv !== undefined && hundredths(hv) === hundredths(wv) : hv === wv;
          if (!same) out.push(`${key}: ${member}.${dim} expected ${JSON.stringify(wv)}, got ${JSON.stringify(hv)}`);
        }
      } else if (SETS.has(member)) {
        if (!sameSet(w, h)) out.push(`${key}: ${member} expected ${JSON.stringify(w)}, got ${JSON.stringify(h)}`);
      } else if (JSON.stringify(w) !== JSON.stringify(h)) {
        out.push(`${key}: ${member} expected ${JSON.stringify(w)}, got ${JSON.stringify(h)}`);
      }
    }
  }
  return out;
}

// Shared by the Node test files: loads wasm/pkg/ with initSync (as an
// outside Node script would) and implements the spec §5 comparison in JS,
// independently of the Rust conformance runner.
import { readFileSync, readdirSync, existsSync } from "node:fs";
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

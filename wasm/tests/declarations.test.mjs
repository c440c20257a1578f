// The TypeScript declarations against what the module really returns: every
// member a result carries is declared in `interface MotionResult` of
// pkg/yishi_wasm.d.ts, and every member declared required is there. Keeps
// the types from going stale as the core grows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { caseFiles, loadCase, replay, root } from "./helpers.mjs";

const dts = readFileSync(path.join(root, "wasm", "pkg", "yishi_wasm.d.ts"), "utf8");

/** The top-level members of `export interface <name> { … }`: name → optional? */
function members(name) {
  const start = dts.indexOf(`export interface ${name} {`);
  assert.ok(start >= 0, `interface ${name} is declared`);
  const out = new Map();
  let depth = 0;
  let line = "";
  for (const ch of dts.slice(dts.indexOf("{", start))) {
    if (ch === "{") depth++;
    if (ch === "}") depth--;
    if (depth === 0) break;
    if (ch === "\n") {
      const member = /^\s*(?:readonly\s+)?([a-z_]+)(\??):/.exec(line);
      if (member && line.search(/\S/) === 4) out.set(member[1], member[2] === "?");
      line = "";
    } else {
      line += ch;
    }
  }
  return out;
}

const declared = members("MotionResult");
assert.ok(declared.size >= 20, `parsed only ${declared.size} members of MotionResult`);

test("every result matches interface MotionResult", () => {
  let results = 0;
  for (const file of caseFiles()) {
    const c = loadCase(file);
    if (c.expect.error) continue;
    const got = replay(c);
    if (got.error) continue;
    for (const [key, r] of Object.entries(got.results)) {
      results++;
      for (const member of Object.keys(r)) {
        assert.ok(declared.has(member), `${path.basename(file)} ${key}: member ${member} is not declared`);
      }
      for (const [member, optional] of declared) {
        if (!optional) assert.ok(member in r, `${path.basename(file)} ${key}: required member ${member} missing`);
      }
      assert.equal(typeof r.explanation.zh, "string");
      assert.equal(typeof r.explanation.en, "string");
      for (const f of ["electorate", "participating", "yes", "no", "abstain"]) {
        assert.equal(typeof r[f].heads, "number");
        if (r.body === "assembly") assert.match(r[f].area, /^\d+\.\d\d$/);
      }
    }
  }
  assert.ok(results > 50, `only ${results} results checked`);
});

test("every error code the module throws is declared in ErrorCode", () => {
  const codes = new Set([...dts.matchAll(/"([a-z_]+\.[a-z_]+|internal)"/g)].map((m) => m[1]));
  for (const file of caseFiles()) {
    const c = loadCase(file);
    if (c.expect.error) assert.ok(codes.has(c.expect.error.code), `${c.expect.error.code} is not in ErrorCode`);
  }
});

test("package.json: ESM, Node ≥ 20, and the declarations found before the code", () => {
  const pkg = JSON.parse(readFileSync(path.join(root, "wasm", "pkg", "package.json"), "utf8"));
  assert.equal(pkg.name, "yishi-wasm");
  assert.equal(pkg.type, "module");
  assert.equal(pkg.types, "./yishi_wasm.d.ts");
  // Resolvers take the first matching condition: "types" must precede "default".
  assert.deepEqual(Object.keys(pkg.exports["."]), ["types", "default"]);
  assert.equal(pkg.exports["./yishi_wasm_bg.wasm"], "./yishi_wasm_bg.wasm");
  for (const f of ["yishi_wasm.js", "yishi_wasm.d.ts", "yishi_wasm_bg.wasm", "README.md"]) {
    assert.ok(pkg.files.includes(f), `${f} is in files`);
  }
  assert.equal(pkg.version, readFileSync(path.join(root, "Cargo.toml"), "utf8").match(/^version = "(.+)"/m)[1]);
});

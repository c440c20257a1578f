// Every conformance case, through the wasm package: once with the Rust
// runner compiled to wasm (`runCase`), once replayed with `Ledger` and
// compared here in JS (spec §5).
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { readFileSync } from "node:fs";
import { caseFiles, loadCase, replay, differences, yishi } from "./helpers.mjs";

const files = caseFiles();

test("there are conformance cases to run", () => {
  assert.ok(files.length >= 30, `only ${files.length} case files found`);
});

for (const file of files) {
  const label = `${path.basename(path.dirname(file))}/${path.basename(file)}`;
  const c = loadCase(file);

  test(`runCase ${label}`, () => {
    const report = yishi.runCase(c);
    assert.equal(report.name, c.case);
    assert.deepEqual(report.differences, []);
    assert.equal(report.passed, true);
    // The same case as JSON text gives the same report.
    assert.deepEqual(yishi.runCase(readFileSync(file, "utf8")), report);
  });

  test(`Ledger replay ${label}`, () => {
    const got = replay(c);
    assert.deepEqual(differences(c.expect, got), []);
  });
}

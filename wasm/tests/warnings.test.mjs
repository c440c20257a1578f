// The web demo shows the core's English result warnings in Chinese through
// a table (web-demo/warnings.js), as `yishi tally --lang zh` does: every
// warning the cases produce must have its line there, and every line must
// be produced by some case.
import { test } from "node:test";
import assert from "node:assert/strict";
import { caseFiles, loadCase, yishi } from "./helpers.mjs";
import { WARNINGS_ZH, fill, warningText, warningZh } from "../../web-demo/warnings.js";

test("every warning the cases produce reads in Chinese, and every line of the table is used", () => {
  const used = new Set();
  let seen = 0;
  for (const file of caseFiles()) {
    const c = loadCase(file);
    if (!Array.isArray(c.events)) continue;
    const ledger = new yishi.Ledger();
    try {
      for (const e of c.events) ledger.apply(e);
    } catch {
      continue;
    }
    for (const r of Object.values(ledger.results())) {
      for (const w of r.warnings) {
        seen += 1;
        const i = WARNINGS_ZH.findIndex(([en]) => fill(en, w) !== null);
        assert.ok(i >= 0, `no Chinese for the warning ${JSON.stringify(w)} (${file})`);
        used.add(i);
        assert.ok(!warningZh(w).includes("{}"));
      }
    }
    ledger.free();
  }
  assert.ok(seen > 0, "the cases produce warnings");
  const unused = WARNINGS_ZH.filter((_, i) => !used.has(i)).map(([en]) => en);
  assert.deepEqual(unused, [], "lines no case produces");
});

test("templates fill their values; other text is shown as it is", () => {
  assert.equal(warningZh('"王芳" represents both owners_committee and owner_representatives'), "“王芳”同时代表业主委员会和业主代表");
  assert.equal(warningZh("voided ballots of this meeting: 3, 1 of them after voting closed"), "本次会议作废的表决票：3 张，其中 1 张在表决截止后作废");
  assert.equal(warningZh("voting was closed before closes_at!"), null);
  assert.equal(warningText("an unknown warning", "zh"), "an unknown warning");
  assert.equal(warningText("voting was closed before closes_at", "en"), "voting was closed before closes_at");
  assert.equal(warningText("voting was closed before closes_at", "zh"), "表决在预定截止时间之前结束");
});

// The panic hook: a Rust panic reaches JS as a YishiError with code
// "internal" (never a WebAssembly trap), and the instance refuses further
// work with the same error. Its own file, so its own process and instance.
import { test } from "node:test";
import assert from "node:assert/strict";
import { yishi } from "./helpers.mjs";

function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  assert.fail("expected a throw");
}

test("a panic becomes YishiError(internal) and poisons the instance", () => {
  assert.equal(new yishi.Ledger().length, 0);

  const e = thrown(() => yishi.__yishiPanicForTests());
  assert.ok(!(e instanceof WebAssembly.RuntimeError), `trap reached JS: ${e}`);
  assert.ok(e instanceof Error);
  assert.ok(e instanceof yishi.YishiError);
  assert.equal(e.name, "YishiError");
  assert.equal(e.code, "internal");
  assert.equal(e.seq, 0);
  assert.match(e.message, /deliberate panic/);

  // Later calls, including a second panic, fail the same way instead of trapping.
  for (const f of [
    () => new yishi.Ledger(),
    () => yishi.verifyRecord(""),
    () => yishi.sealRecord([]),
    () => yishi.__yishiPanicForTests(),
  ]) {
    const again = thrown(f);
    assert.ok(again instanceof yishi.YishiError, `${again}`);
    assert.equal(again.code, "internal");
    assert.match(again.message, /load the module again/);
  }
});

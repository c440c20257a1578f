// The README's JavaScript examples run against the built package and print
// what their comments say: each `console.log(…); // text` line's output
// must be `text` (a `…` in it stands for any run of characters). A block
// that reads `big.jsonl` (the benchmark's 370 MB record, which the reader
// writes themselves) is not run; every other `js` block is.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { root } from "./helpers.mjs";

/** The README's fenced blocks in `lang`, with the line each starts on. */
export function blocks(markdown, lang) {
  const found = [];
  let current = null;
  markdown.split("\n").forEach((line, i) => {
    if (line.startsWith("```")) {
      if (current) {
        found.push(current);
        current = null;
      } else if (line.slice(3).trim() === lang) {
        current = { line: i + 2, lines: [] };
      }
    } else if (current) {
      current.lines.push(line);
    }
  });
  return found;
}

/** What each `console.log(…); // text` line of a block says it prints. */
export function promised(lines) {
  return lines
    .filter((l) => /^\s*console\.log\(/.test(l) && l.includes("// "))
    .map((l) => l.slice(l.lastIndexOf("// ") + 3).trim());
}

/** `text` matches `pattern`, where `…` stands for any run of characters. */
export function matches(pattern, text) {
  const quoted = pattern.split("…").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${quoted.join(".*")}$`, "s").test(text);
}

const readme = readFileSync(path.join(root, "README.md"), "utf8");
const pkg = pathToFileURL(path.join(root, "wasm", "pkg")).href;

test("the README's JavaScript examples print what their comments say", () => {
  const runnable = blocks(readme, "js").filter((b) => !b.lines.some((l) => l.includes("big.jsonl")));
  assert.ok(runnable.length >= 1, "the README has a runnable js example");
  const dir = mkdtempSync(path.join(tmpdir(), "yishi-readme-"));
  try {
    for (const block of runnable) {
      const expected = promised(block.lines);
      assert.ok(expected.length > 0, `README.md line ${block.line}: the example says what it prints`);
      // Imports of the package are resolved from the repository, files
      // read by relative path from its root, as the README is read there.
      const source = block.lines.join("\n").replaceAll('"./wasm/pkg/', `"${pkg}/`);
      const file = path.join(dir, `block-${block.line}.mjs`);
      writeFileSync(file, source);
      const printed = execFileSync(process.execPath, [file], { cwd: root, encoding: "utf8" })
        .trimEnd()
        .split("\n");
      assert.equal(printed.length, expected.length, `README.md line ${block.line} printed:\n${printed.join("\n")}`);
      printed.forEach((line, i) =>
        assert.ok(matches(expected[i], line), `README.md line ${block.line}: printed ${line}, the README says ${expected[i]}`),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the README check reads comments and ellipses as meant", () => {
  const [b] = blocks("x\n```js\nconsole.log(1, 2); // 1 2\nf(); // not printed\n```\n```js\n", "js");
  assert.equal(b.line, 3);
  assert.deepEqual(promised(b.lines), ["1 2"]);
  assert.ok(matches("{ events: 3, head: '…' }", "{ events: 3, head: 'ab' }"));
  assert.ok(!matches("{ events: 3, head: '…' }", "{ events: 4, head: 'ab' }"));
  assert.ok(!matches("a.b", "axb"));
});

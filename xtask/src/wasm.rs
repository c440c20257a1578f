//! `cargo xtask wasm`: builds `wasm/pkg/`, the npm package `yishi-wasm`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{self, banner, run, stdout_of, Ctx, Failure, Result};

const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";
/// The package's name on npm and in `pkg/package.json`.
const NPM_NAME: &str = "yishi-wasm";
/// Budget of issue 4 for the optimised module, raw and gzip-compressed
/// (in kB of 1000 bytes, the stricter reading).
const BUDGET_RAW: u64 = 250_000;
const BUDGET_GZIP: u64 = 90_000;

/// Sizes of the built module, in bytes.
pub struct Sizes {
    pub raw: u64,
    pub gzip: u64,
}

/// Builds `wasm/pkg/` and prints the sizes of its `.wasm`.
pub fn build(ctx: &Ctx) -> Result<Sizes> {
    ensure_target(ctx)?;

    banner("building yishi-wasm (wasm32, profile wasm-release)");
    run(
        "cargo build (wasm)",
        ctx.cargo().args([
            "build",
            "-p",
            "yishi-wasm",
            "--target",
            TARGET,
            "--profile",
            PROFILE,
        ]),
    )?;
    let input = ctx
        .target_dir()
        .join(TARGET)
        .join(PROFILE)
        .join("yishi_wasm.wasm");

    let bindgen = ensure_wasm_bindgen(ctx)?;
    let pkg = ctx.root.join("wasm").join("pkg");
    if pkg.exists() {
        std::fs::remove_dir_all(&pkg)?;
    }
    banner("generating JS bindings (wasm-bindgen --target web)");
    run(
        "wasm-bindgen",
        Command::new(bindgen)
            .arg(&input)
            .args(["--target", "web", "--out-dir"])
            .arg(&pkg),
    )?;
    export_error_class(&pkg)?;
    // `yishi-wasm/receipts`: the web demo's fold of ballot fates (plain JS,
    // no part of the module), with its types.
    std::fs::copy(
        ctx.root.join("web-demo").join("receipts.js"),
        pkg.join("receipts.js"),
    )?;
    std::fs::copy(
        ctx.root.join("wasm").join("receipts.d.ts"),
        pkg.join("receipts.d.ts"),
    )?;

    let wasm = pkg.join("yishi_wasm_bg.wasm");
    optimise(ctx, &wasm)?;
    write_package_json(&pkg)?;
    write_readme(&pkg)?;

    let sizes = measure(&wasm)?;
    report(wasm.strip_prefix(&ctx.root).unwrap_or(&wasm), &sizes);
    Ok(sizes)
}

/// `rustup target add wasm32-unknown-unknown` unless it is installed.
pub fn ensure_target(ctx: &Ctx) -> Result<()> {
    let installed =
        stdout_of(ctx.cmd("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == TARGET) {
        return Ok(());
    }
    banner(&format!("installing Rust target {TARGET}"));
    run(
        "rustup target add",
        ctx.cmd("rustup").args(["target", "add", TARGET]),
    )
}

/// The version of the `wasm-bindgen` crate the build uses: from `Cargo.lock`,
/// else from the `=x.y.z` pin in the workspace manifest.
fn pinned_bindgen_version(ctx: &Ctx) -> Result<String> {
    let lock = std::fs::read_to_string(ctx.root.join("Cargo.lock")).unwrap_or_default();
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
                .and_then(|l| l.strip_suffix('"'))
            {
                return Ok(v.to_string());
            }
        }
    }
    let manifest = std::fs::read_to_string(ctx.root.join("Cargo.toml"))?;
    manifest
        .lines()
        .filter_map(|l| l.trim().strip_prefix("wasm-bindgen = \"="))
        .find_map(|l| l.strip_suffix('"'))
        .map(str::to_string)
        .ok_or_else(|| {
            Failure::step("cannot find the pinned wasm-bindgen version in Cargo.lock or Cargo.toml")
        })
}

/// The `wasm-bindgen` CLI at exactly the crate's version, installed with
/// `cargo install` when missing or different.
fn ensure_wasm_bindgen(ctx: &Ctx) -> Result<PathBuf> {
    let version = pinned_bindgen_version(ctx)?;
    let found = |path: &Path| {
        stdout_of(Command::new(path).arg("--version"))
            .is_some_and(|out| out.split_whitespace().nth(1) == Some(version.as_str()))
    };
    // Prefer cargo's bin directory: that is where a previous run installed it.
    let candidates = [
        Some(util::cargo_bin_dir().join("wasm-bindgen")),
        util::which("wasm-bindgen"),
    ];
    if let Some(path) = candidates.into_iter().flatten().find(|p| found(p)) {
        return Ok(path);
    }
    banner(&format!(
        "installing wasm-bindgen-cli {version} (cargo install; takes a few minutes)"
    ));
    run(
        "cargo install wasm-bindgen-cli",
        ctx.cargo()
            .args(["install", "wasm-bindgen-cli", "--version", &version]),
    )?;
    let path = util::cargo_bin_dir().join("wasm-bindgen");
    if found(&path) {
        Ok(path)
    } else {
        Err(Failure::step(format!(
            "{} is not wasm-bindgen {version} after installing it",
            path.display()
        )))
    }
}

/// Makes the `YishiError` class importable from the package's main module:
/// it lives in a wasm-bindgen snippet (`snippets/<crate>-<hash>/inline0.js`).
fn export_error_class(pkg: &Path) -> Result<()> {
    let snippet = find_file(&pkg.join("snippets"), &|text| {
        text.contains("class YishiError extends Error")
    })?
    .ok_or_else(|| Failure::step("wasm-bindgen output has no snippet defining YishiError"))?;
    let rel = snippet
        .strip_prefix(pkg)
        .map_err(|_| Failure::step("snippet outside pkg/"))?;
    let rel = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    let mut js = std::fs::OpenOptions::new()
        .append(true)
        .open(pkg.join("yishi_wasm.js"))?;
    writeln!(js, "export {{ YishiError }} from './{rel}';")?;
    Ok(())
}

fn find_file(dir: &Path, pred: &dyn Fn(&str) -> bool) -> Result<Option<PathBuf>> {
    if !dir.is_dir() {
        return Ok(None);
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            if let Some(found) = find_file(&path, pred)? {
                return Ok(Some(found));
            }
        } else if std::fs::read_to_string(&path).is_ok_and(|t| pred(&t)) {
            return Ok(Some(path));
        }
    }
    Ok(None)
}

/// The oldest binaryen that keeps wasm-bindgen's `externref` table intact
/// (108, Debian 12's, rewrites it as `anyref` and the module fails to load).
const MIN_BINARYEN: u32 = 116;

/// A `wasm-opt` recent enough: the system's (installed from Debian when
/// missing), else binaryen from npm into `wasm/tools/node_modules`.
fn find_wasm_opt(ctx: &Ctx) -> Option<Command> {
    let version = |path: &Path| {
        stdout_of(Command::new(path).arg("--version"))
            .and_then(|v| v.split_whitespace().nth(2)?.parse::<u32>().ok())
    };
    let system = util::which("wasm-opt").or_else(|| {
        util::ensure_apt("wasm-opt", "binaryen")
            .map_err(|e| eprintln!("warning: {}", e.message()))
            .ok()
    });
    if let Some(path) = system {
        match version(&path) {
            Some(v) if v >= MIN_BINARYEN => return Some(Command::new(path)),
            v => eprintln!(
                "{} is binaryen {}, older than {MIN_BINARYEN}: using binaryen from npm",
                path.display(),
                v.map_or("of unknown version".to_string(), |v| v.to_string())
            ),
        }
    }
    let tools = ctx.root.join("wasm").join("tools");
    let node = util::which("node")?;
    match util::ensure_npm_deps(&tools, "binaryen") {
        Ok(()) => {
            let mut cmd = Command::new(node);
            cmd.arg(tools.join("node_modules/binaryen/bin/wasm-opt"));
            Some(cmd)
        }
        Err(e) => {
            eprintln!("warning: {}", e.message());
            None
        }
    }
}

/// `wasm-opt -Oz` in place when a usable binaryen can be found; without
/// one the module keeps its code as built, minus symbol names.
fn optimise(ctx: &Ctx, wasm: &Path) -> Result<()> {
    banner("optimising with wasm-opt -Oz");
    let out = wasm.with_extension("opt.wasm");
    // rustc's default wasm32 features and simd128 (.cargo/config.toml), stated: binaryen does not take them from the module.
    let features = [
        "--enable-bulk-memory",
        "--enable-mutable-globals",
        "--enable-nontrapping-float-to-int",
        "--enable-sign-ext",
        "--enable-reference-types",
        "--enable-multivalue",
        "--enable-simd",
    ];
    let optimised = find_wasm_opt(ctx).is_some_and(|mut wasm_opt| {
        util::run(
            "wasm-opt",
            wasm_opt
                .arg("-Oz")
                .args(features)
                .arg(wasm)
                .arg("-o")
                .arg(&out),
        )
        .is_ok()
            && std::fs::rename(&out, wasm).is_ok()
    });
    if !optimised {
        let _ = std::fs::remove_file(&out);
        eprintln!("warning: module not optimised by wasm-opt; stripping its names only");
        let bytes = std::fs::read(wasm)?;
        std::fs::write(wasm, strip_names(&bytes)?)?;
    }
    Ok(())
}

/// The module without its `name` and `.debug*` custom sections.
fn strip_names(wasm: &[u8]) -> Result<Vec<u8>> {
    let bad = || Failure::step("malformed wasm module");
    let leb = |at: &mut usize| -> Result<usize> {
        let (mut value, mut shift) = (0usize, 0);
        loop {
            let byte = *wasm.get(*at).ok_or_else(bad)?;
            *at += 1;
            value |= usize::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
            shift += 7;
            if shift > 28 {
                return Err(bad());
            }
        }
    };
    if wasm.get(..4) != Some(b"\0asm".as_slice()) {
        return Err(bad());
    }
    let mut out = wasm[..8].to_vec();
    let mut at = 8;
    while at < wasm.len() {
        let start = at;
        let id = wasm[at];
        at += 1;
        let size = leb(&mut at)?;
        let end = at
            .checked_add(size)
            .filter(|&e| e <= wasm.len())
            .ok_or_else(bad)?;
        let drop = id == 0 && {
            let mut p = at;
            let len = leb(&mut p)?;
            let name = wasm.get(p..p + len).ok_or_else(bad)?;
            name == b"name" || name.starts_with(b".debug")
        };
        if !drop {
            out.extend_from_slice(&wasm[start..end]);
        }
        at = end;
    }
    Ok(out)
}

/// The files of `pkg/` that the npm package ships (everything wasm-bindgen wrote).
fn package_files(pkg: &Path) -> Result<Vec<String>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(pkg)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "package.json" || name == ".gitignore" {
            continue;
        }
        files.push(if entry.file_type()?.is_dir() {
            format!("{name}/")
        } else {
            name
        });
    }
    files.push("README.md".into());
    files.sort();
    files.dedup();
    Ok(files)
}

fn write_package_json(pkg: &Path) -> Result<()> {
    let manifest = serde_json::json!({
        "name": NPM_NAME,
        "version": env!("CARGO_PKG_VERSION"),
        "description": "Exact, verifiable counting of Chinese owners' assembly votes (业主大会表决) from a hash-chained record, compiled to WebAssembly",
        "license": "MIT OR Apache-2.0",
        "repository": {"type": "git", "url": "https://example.invalid/yishi"},
        "type": "module",
        "main": "./yishi_wasm.js",
        "module": "./yishi_wasm.js",
        "types": "./yishi_wasm.d.ts",
        "exports": {
            ".": {"types": "./yishi_wasm.d.ts", "default": "./yishi_wasm.js"},
            "./receipts": {"types": "./receipts.d.ts", "default": "./receipts.js"},
            "./yishi_wasm_bg.wasm": "./yishi_wasm_bg.wasm",
            "./package.json": "./package.json"
        },
        "files": package_files(pkg)?,
        "sideEffects": ["./snippets/*"],
        "engines": {"node": ">=20"},
        "keywords": ["wasm", "voting", "owners-assembly", "hash-chain", "civil-code"]
    });
    let text = serde_json::to_string_pretty(&manifest).expect("JSON value serialises");
    // serde_json sorts members; in a conditional export "types" must come
    // before "default" (resolvers take the first condition that matches).
    let mut text = text;
    for (export, js, types) in [
        (".", "yishi_wasm.js", "yishi_wasm.d.ts"),
        ("./receipts", "receipts.js", "receipts.d.ts"),
    ] {
        let sorted = format!("\"default\": \"./{js}\",\n      \"types\": \"./{types}\"");
        let ordered = format!("\"types\": \"./{types}\",\n      \"default\": \"./{js}\"");
        if !text.contains(&sorted) {
            return Err(Failure::step(format!(
                "package.json: the \"{export}\" export is not where expected"
            )));
        }
        text = text.replacen(&sorted, &ordered, 1);
    }
    std::fs::write(pkg.join("package.json"), text + "\n")?;
    Ok(())
}

fn write_readme(pkg: &Path) -> Result<()> {
    let version = env!("CARGO_PKG_VERSION");
    let text = format!(
        r#"# yishi-wasm {version}

WebAssembly build of [yishi](https://example.invalid/yishi): verify an
append-only, hash-chained owners' assembly record (record format v1) and count
its votes exactly, with the same answers, byte for byte, as the native library
and the `yishi` CLI.

```js
import init, {{ initSync, Ledger, verifyRecord, YishiError }} from "yishi-wasm";

await init();                          // browsers: fetches yishi_wasm_bg.wasm
// Node ≥ 20 (with `import {{ readFileSync }} from "node:fs"` and
// `import {{ createRequire }} from "node:module"`), instead of init():
// initSync({{ module: readFileSync(createRequire(import.meta.url).resolve("yishi-wasm/yishi_wasm_bg.wasm")) }});

const {{ events, head }} = verifyRecord(text);   // throws YishiError on the first bad event
const ledger = Ledger.fromRecord(text);
const r = ledger.result("2026-01", "fund");      // same object as `yishi tally --json`
if (r) console.log(r.outcome, r.yes.heads, r.yes.area, r.explanation.en); // undefined: no such motion

try {{
  ledger.apply({{ at: "2026-12-06T09:00:00+08:00", kind: "ballot.cast", data: {{ /* … */ }} }});
}} catch (e) {{
  if (e instanceof YishiError) console.log(e.code, e.seq); // e.g. "meeting.closed", 5013
}}
```

API: `new Ledger()`, `Ledger.fromRecord(textOrBytes)`, `ledger.apply(event)` (returns
the sealed event), `ledger.result(meeting, motion)`, `ledger.results()`,
`ledger.toRecord()`, `ledger.head`, `ledger.length`; `verifyRecord(textOrBytes)`;
`new Verifier()`, `verifier.push(bytes)`, `verifier.finish()`, then
`verifier.results()` for a record fed in pieces (a `File`'s stream: memory
stays bounded by the community, not the record; in TypeScript, iterating `file.stream()` needs `"DOM.AsyncIterable"`
in `lib`), with `verifier.expectHead(head)` first to hold the record to the
head its organiser published (as `yishi verify --expect-head`) and
`verifier.expectExtends(earlierHead)` to a head published earlier (as
`yishi verify --extends`: the record was only appended to since);
`sealRecord(eventsOrJsonl)`, `runCase(case)`. `yishi-wasm/receipts`
(plain JS, typed) tells what became of each ballot of a verified record, as
`yishi ballots --json` does: `new BallotFates()`, `add(event, seq)` for each
line's event, then `finish()`; `ballotWithHash(entries, receipt)` finds a
receipt's ballot, `ballotAt(entries, seq)` the ballot of event `seq`. The module uses
WebAssembly SIMD and `String.prototype.isWellFormed` (every current browser;
Node ≥ 20). Errors about a record, an event or an argument are `YishiError`
(`extends Error`) with `code` (the spec's stable error code) and `seq` (the
1-based event position; `0` when not tied to an event); its `message` quotes
the record's text with control, line-separator and reordering characters written `\u{{…}}`,
safe to log or show as it is; a refused `apply`
leaves the ledger as it was. Misusing the objects themselves (a method of a
freed object, a `Verifier` after `finish` or its `results()` before, any call before `init`) throws a
plain `Error` or `TypeError`, as wasm-bindgen does. TypeScript declarations
cover events by kind, results and errors. Two more exports are not part of the
API and are left undeclared: `start`, which wasm-bindgen exports for the
function `init` runs first (it installs the panic hook; calling it again
changes nothing), and `__yishiPanicForTests`, which panics on purpose so the
test suite can check that a panic becomes a `YishiError` with code `internal`
and leaves this instance unusable (load the module again): never call it.

Numbers: `NaN` and `±Infinity` anywhere in an event are refused
(`record.parse`), since `JSON.stringify` would write them as `null`, which a
record reads as an absent member.

Memory: a `Ledger` or a `Verifier` lives in the module's memory. Call `free()`
once when done with it (a second call throws), or declare it with `using`
where the language has it (TypeScript 5.2, recent browsers; not Node 20),
which frees it at the end of the block. One never freed is freed when the
garbage collector gets to it (wasm-bindgen registers it with a
`FinalizationRegistry`), whenever that is; the module's memory grows to its
largest use and never shrinks, so free a large ledger promptly.

Across workers: `postMessage` clones an `Error` without `code` and `seq`
(and as a plain `Error`); send `{{ code, seq, message }}` instead. A
`Uint8Array` whose buffer was transferred away (detached) throws a
`TypeError`, not a `YishiError`.

After an `internal` error the instance stays unusable, and `init` or
`initSync` do not make a new one (the module is loaded once per page or
worker): reload the page, or start a new worker, which is where a
front end should run long work anyway.

TypeScript: the declarations wasm-bindgen writes for `init` name
`RequestInfo`, `BufferSource` and `WebAssembly`, and the objects are
`Disposable`; a project needs `"DOM"` and `"ESNext.Disposable"` in `lib` (or
`skipLibCheck`), also under Node. `meeting.convened` is typed by body: an
assembly's motions name their matter, a committee lists its `members`, a
five-party meeting names all five `parties`; code reading a sealed record
narrows on `data.body` before it reads `members` or `parties`.

License: MIT OR Apache-2.0.
"#
    );
    std::fs::write(pkg.join("README.md"), text)?;
    Ok(())
}

/// The raw and gzip (best compression) sizes of a built module.
pub fn measure(wasm: &Path) -> Result<Sizes> {
    let bytes = std::fs::read(wasm)?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes)?;
    let gzip = gz.finish()?.len() as u64;
    Ok(Sizes {
        raw: bytes.len() as u64,
        gzip,
    })
}

fn report(wasm: &Path, s: &Sizes) {
    let kb = |n: u64| n as f64 / 1000.0;
    let verdict = |n: u64, budget: u64| if n <= budget { "ok" } else { "OVER BUDGET" };
    println!("\n{}", wasm.display());
    println!(
        "  raw  {:>8} bytes ({:6.1} kB)  budget {:.0} kB: {}",
        s.raw,
        kb(s.raw),
        kb(BUDGET_RAW),
        verdict(s.raw, BUDGET_RAW)
    );
    println!(
        "  gzip {:>8} bytes ({:6.1} kB)  budget {:.0} kB: {}",
        s.gzip,
        kb(s.gzip),
        kb(BUDGET_GZIP),
        verdict(s.gzip, BUDGET_GZIP)
    );
}

/// Whether the sizes are within budget.
pub fn within_budget(s: &Sizes) -> bool {
    s.raw <= BUDGET_RAW && s.gzip <= BUDGET_GZIP
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_names_and_debug_sections_only() {
        let custom = |name: &str, payload: &[u8]| {
            let mut body = vec![name.len() as u8];
            body.extend_from_slice(name.as_bytes());
            body.extend_from_slice(payload);
            let mut s = vec![0, body.len() as u8];
            s.extend(body);
            s
        };
        let mut module = b"\0asm\x01\0\0\0".to_vec();
        let memory = [5u8, 3, 1, 0, 1];
        module.extend_from_slice(&memory);
        module.extend(custom("name", b"xyz"));
        module.extend(custom(".debug_info", b"x"));
        module.extend(custom("target_features", b"+"));
        let stripped = strip_names(&module).unwrap_or_else(|_| panic!("strips"));
        let mut want = b"\0asm\x01\0\0\0".to_vec();
        want.extend_from_slice(&memory);
        want.extend(custom("target_features", b"+"));
        assert_eq!(stripped, want);
        assert!(strip_names(b"\0asm\x01\0\0\0\x05\x09").is_err());
    }
}

//! `cargo xtask test`: everything CI checks, in order, stopping at the first failure.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::serve::{self, Server};
use crate::util::{self, banner, run, Ctx, Failure, Result};
use crate::wasm;

/// Times the steps and prints a summary at the end.
struct Steps {
    done: Vec<(String, f64)>,
}

impl Steps {
    fn step(&mut self, title: &str, f: impl FnOnce() -> Result<()>) -> Result<()> {
        banner(title);
        let start = Instant::now();
        f().map_err(|e| Failure::step(format!("[{title}] {}", e.message())))?;
        self.done
            .push((title.to_string(), start.elapsed().as_secs_f64()));
        Ok(())
    }
}

pub fn all(ctx: &Ctx) -> Result<()> {
    let start = Instant::now();
    let mut steps = Steps { done: Vec::new() };
    let cargo = |args: &[&str]| {
        let mut cmd = ctx.cargo();
        cmd.args(args);
        cmd
    };

    steps.step("rustfmt", || {
        run("cargo fmt", &mut cargo(&["fmt", "--all", "--check"]))
    })?;
    steps.step("clippy", || {
        run(
            "cargo clippy",
            &mut cargo(&[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
        )
    })?;
    steps.step("clippy (wasm32)", || {
        wasm::ensure_target(ctx)?;
        run(
            "cargo clippy (wasm32)",
            &mut cargo(&[
                "clippy",
                "-p",
                "yishi-wasm",
                "--target",
                "wasm32-unknown-unknown",
                "--",
                "-D",
                "warnings",
            ]),
        )
    })?;
    steps.step("unit and integration tests", || {
        run("cargo test", &mut cargo(&["test", "--workspace"]))
    })?;
    steps.step("rustdoc of the libraries (warnings are errors)", || {
        // Broken intra-doc links and malformed doc comments fail the run;
        // every public item having docs is `#![deny(missing_docs)]`'s job.
        // (The CLI's doc comments are its `--help` text, not rustdoc.)
        let mut cmd = cargo(&["doc", "--no-deps", "-p", "yishi", "-p", "yishi-wasm"]);
        cmd.env("RUSTDOCFLAGS", "-D warnings");
        run("cargo doc", &mut cmd)
    })?;
    steps.step("release build of the CLI", || {
        run(
            "cargo build --release",
            &mut cargo(&["build", "--release", "-p", "yishi-cli"]),
        )
    })?;
    let yishi = ctx.target_dir().join("release").join(exe("yishi"));
    steps.step("CLI conformance", || conformance(ctx, &yishi))?;
    let mut sizes = None;
    steps.step("wasm package", || {
        sizes = Some(wasm::build(ctx)?);
        Ok(())
    })?;
    steps.step("Node test suite (wasm/tests)", || node_tests(ctx, &yishi))?;
    steps.step("TypeScript example (tsc --noEmit --strict)", || {
        typescript(ctx)
    })?;
    if ctx.root.join("web-demo").join("e2e").is_dir() {
        steps.step("web-demo end-to-end", || web_demo_e2e(ctx))?;
    } else {
        eprintln!("\n(no web-demo/e2e/: skipping the web-demo end-to-end test)");
    }

    println!(
        "\nall checks passed in {:.0} s:",
        start.elapsed().as_secs_f64()
    );
    for (title, secs) in &steps.done {
        println!("  {secs:7.1} s  {title}");
    }
    if sizes.as_ref().is_some_and(|s| !wasm::within_budget(s)) {
        println!("warning: the wasm module is over its size budget (see the size report above)");
    }
    Ok(())
}

fn exe(name: &str) -> String {
    format!("{name}{}", std::env::consts::EXE_SUFFIX)
}

/// `yishi conformance ../shared/conformance tests/cases tests/cases-cleanroom`:
/// must end with `N passed, 0 failed`.
fn conformance(ctx: &Ctx, yishi: &Path) -> Result<()> {
    let shared = ctx.shared().join("conformance");
    if !shared.is_dir() {
        return Err(Failure::step(format!(
            "{} is missing: clone the shared directory beside the repository",
            shared.display()
        )));
    }
    let mut cmd = Command::new(yishi);
    cmd.current_dir(&ctx.root).arg("conformance").arg(&shared);
    for own in ["tests/cases", "tests/cases-cleanroom"] {
        if ctx.root.join(own).is_dir() {
            cmd.arg(own);
        }
    }
    eprintln!(
        "$ {} conformance {} tests/cases tests/cases-cleanroom",
        yishi.display(),
        shared.display()
    );
    let out = cmd
        .output()
        .map_err(|e| Failure::step(format!("cannot run {}: {e}", yishi.display())))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    print!("{stdout}");
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    let last = stdout.lines().last().unwrap_or("").trim();
    let clean = last
        .strip_suffix(" passed, 0 failed")
        .is_some_and(|n| n.parse::<u64>().is_ok_and(|n| n > 0));
    if out.status.success() && clean {
        Ok(())
    } else {
        Err(Failure::step(format!(
            "conformance did not pass (exit {}, last line {last:?})",
            out.status
        )))
    }
}

/// The `*.test.mjs` files of a directory, sorted.
fn test_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".test.mjs"))
        })
        .collect();
    files.sort();
    Ok(files)
}

fn node() -> Result<PathBuf> {
    let node = util::which("node")
        .ok_or_else(|| Failure::step("node is missing; install Node.js ≥ 20"))?;
    let version = util::stdout_of(Command::new(&node).arg("--version")).unwrap_or_default();
    let major: u32 = version
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    if major < 20 {
        return Err(Failure::step(format!(
            "Node.js ≥ 20 is required, found {version:?}"
        )));
    }
    Ok(node)
}

fn node_tests(ctx: &Ctx, yishi: &Path) -> Result<()> {
    let files = test_files(&ctx.root.join("wasm").join("tests"))?;
    if files.is_empty() {
        return Err(Failure::step("no wasm/tests/*.test.mjs files"));
    }
    let mut cmd = ctx.cmd(node()?);
    cmd.arg("--test").args(&files).env("YISHI_BIN", yishi);
    run("node --test", &mut cmd)
}

fn typescript(ctx: &Ctx) -> Result<()> {
    let dir = ctx.root.join("wasm").join("tests");
    util::ensure_npm_deps(&dir, "typescript")?;
    let tsc = dir
        .join("node_modules")
        .join("typescript")
        .join("bin")
        .join("tsc");
    let mut cmd = ctx.cmd(node()?);
    cmd.arg(tsc)
        .args(["--noEmit", "--strict", "-p"])
        .arg(dir.join("tsconfig.json"));
    run("tsc", &mut cmd)
}

/// `node web-demo/e2e/run.mjs` against the demo served on a free port.
///
/// The script gets `YISHI_DEMO_URL` (the served demo, with `/examples/`),
/// `CHROMIUM` (the browser executable for playwright-core) and `YISHI_CLI`
/// (the release CLI, when built).
fn web_demo_e2e(ctx: &Ctx) -> Result<()> {
    let demo = ctx.root.join("web-demo");
    serve::install_pkg(ctx)?;
    let chromium = util::ensure_apt("chromium", "chromium")?;
    if demo.join("package.json").is_file() {
        util::ensure_npm_deps(&demo, "playwright-core")?;
    } else if !demo.join("node_modules").join("playwright-core").is_dir() {
        let npm = util::which("npm").ok_or_else(|| Failure::step("npm is missing"))?;
        let mut cmd = Command::new(npm);
        cmd.current_dir(&demo).args([
            "install",
            "--no-save",
            "--no-package-lock",
            "--no-audit",
            "--no-fund",
            "playwright-core",
        ]);
        run("npm install playwright-core", &mut cmd)?;
    }
    let server = Server::bind(ctx, 0)?;
    let url = format!("http://{}/", server.addr());
    std::thread::spawn(move || server.run());
    let mut cmd = ctx.cmd(node()?);
    cmd.arg(demo.join("e2e").join("run.mjs"))
        .env("YISHI_DEMO_URL", &url)
        .env("CHROMIUM", &chromium);
    // The release CLI built above: the auditor's published-head verdicts are
    // compared with its `verify --expect-head` word for word.
    let yishi = ctx.target_dir().join("release").join(exe("yishi"));
    if yishi.is_file() {
        cmd.env("YISHI_CLI", &yishi);
    }
    run("web-demo e2e", &mut cmd)
}

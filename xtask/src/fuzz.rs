//! `cargo xtask fuzz [--seconds N] [--target replay|apply]`: runs each
//! cargo-fuzz target of `fuzz/` for a bounded time.
//!
//! - Installs `cargo-fuzz` when it is missing (`cargo install cargo-fuzz`).
//! - Runs on the stable toolchain with `RUSTC_BOOTSTRAP=1`, which lets stable
//!   `rustc` accept the `-Z` sanitizer flags cargo-fuzz passes.
//! - Keeps the corpus in `fuzz/corpus/<target>/` (git-ignored) between runs,
//!   seeding it on the first run from the sealed examples and case files;
//!   `tests/fuzz-regressions/<target>/` is read as a second corpus.
//! - Copies every crash, leak, timeout or out-of-memory input libFuzzer
//!   writes to `fuzz/artifacts/<target>/` into `tests/fuzz-regressions/<target>/`,
//!   where the integration tests replay it (`cargo test -p yishi-tests
//!   fuzz_regressions`), and fails when there was any.

use std::path::{Path, PathBuf};

use crate::util::{banner, run as run_cmd, which, Ctx, Failure, Result};

/// The fuzz targets (`fuzz/fuzz_targets/<name>.rs`).
const TARGETS: [&str; 2] = ["replay", "apply"];

/// Seeds larger than this are left out: libFuzzer is fastest on small inputs.
const MAX_SEED_BYTES: u64 = 64 * 1024;

struct Options {
    seconds: u64,
    targets: Vec<String>,
}

fn parse(args: &[String]) -> Result<Options> {
    let mut opts = Options {
        seconds: 60,
        targets: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seconds" => {
                let v = it
                    .next()
                    .ok_or_else(|| Failure::usage("--seconds needs a number"))?;
                opts.seconds = v
                    .parse()
                    .map_err(|_| Failure::usage(format!("invalid --seconds {v:?}")))?;
            }
            "--target" => {
                let v = it
                    .next()
                    .ok_or_else(|| Failure::usage("--target needs a name"))?;
                if !TARGETS.contains(&v.as_str()) {
                    return Err(Failure::usage(format!(
                        "unknown fuzz target {v:?} (known: {})",
                        TARGETS.join(", ")
                    )));
                }
                opts.targets.push(v.clone());
            }
            other => {
                return Err(Failure::usage(format!(
                    "fuzz takes --seconds N and --target NAME, not {other:?}"
                )))
            }
        }
    }
    if opts.targets.is_empty() {
        opts.targets = TARGETS.iter().map(|t| t.to_string()).collect();
    }
    Ok(opts)
}

/// `cargo xtask fuzz`.
pub fn run(ctx: &Ctx, args: &[String]) -> Result<()> {
    let opts = parse(args)?;
    let cargo_fuzz = ensure_cargo_fuzz(ctx)?;
    let fuzz_dir = ctx.root.join("fuzz");
    let mut found = Vec::new();
    for target in &opts.targets {
        let corpus = fuzz_dir.join("corpus").join(target);
        let regressions = ctx.root.join("tests").join("fuzz-regressions").join(target);
        let artifacts = fuzz_dir.join("artifacts").join(target);
        std::fs::create_dir_all(&corpus)?;
        std::fs::create_dir_all(&regressions)?;
        std::fs::create_dir_all(&artifacts)?;
        if is_empty(&corpus)? {
            let n = seed(ctx, target, &corpus)?;
            eprintln!("seeded fuzz/corpus/{target} with {n} inputs");
        }
        banner(&format!("fuzzing `{target}` for {} s", opts.seconds));
        let mut cmd = ctx.cmd(&cargo_fuzz);
        cmd.current_dir(&fuzz_dir)
            .env("RUSTC_BOOTSTRAP", "1")
            .args(["fuzz", "run", target.as_str()])
            .arg(&corpus)
            .arg(&regressions)
            .arg("--")
            .arg(format!("-max_total_time={}", opts.seconds))
            .arg(format!("-max_len={MAX_SEED_BYTES}"))
            .arg("-rss_limit_mb=2048")
            .arg("-timeout=20")
            .arg(format!("-artifact_prefix={}/", artifacts.display()));
        // A crash makes cargo-fuzz exit non-zero: note it, keep the input, go on.
        if let Err(Failure::Step(msg)) = run_cmd(&format!("cargo fuzz run {target}"), &mut cmd) {
            eprintln!("xtask: {msg}");
        }
        for input in keep_crashes(&artifacts, &regressions)? {
            found.push(format!("tests/fuzz-regressions/{target}/{input}"));
        }
    }
    if found.is_empty() {
        eprintln!("\nno crash found; corpus kept in fuzz/corpus/");
        Ok(())
    } else {
        Err(Failure::step(format!(
            "fuzzing found {} crashing input(s), copied to:\n  {}\nreplay them with `cargo test -p yishi-tests fuzz_regressions`, fix, and commit them",
            found.len(),
            found.join("\n  ")
        )))
    }
}

/// Finds `cargo-fuzz`, installing it from crates.io when missing.
fn ensure_cargo_fuzz(ctx: &Ctx) -> Result<PathBuf> {
    if let Some(p) = which("cargo-fuzz") {
        return Ok(p);
    }
    banner("installing cargo-fuzz (cargo install)");
    run_cmd(
        "cargo install cargo-fuzz",
        ctx.cargo().args(["install", "cargo-fuzz", "--locked"]),
    )?;
    which("cargo-fuzz")
        .ok_or_else(|| Failure::step("cargo-fuzz still missing after `cargo install cargo-fuzz`"))
}

fn is_empty(dir: &Path) -> Result<bool> {
    Ok(std::fs::read_dir(dir)?.next().is_none())
}

/// First-run seeds: sealed records for `replay`, single events for `apply`.
fn seed(ctx: &Ctx, target: &str, corpus: &Path) -> Result<usize> {
    let mut n = 0;
    let mut put = |name: String, bytes: &[u8]| -> Result<()> {
        if bytes.len() as u64 <= MAX_SEED_BYTES {
            std::fs::write(corpus.join(name), bytes)?;
            n += 1;
        }
        Ok(())
    };
    if target == "replay" {
        if let Ok(entries) = std::fs::read_dir(ctx.root.join("examples")) {
            for e in entries.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "jsonl") {
                    let bytes = std::fs::read(&p)?;
                    put(format!("example-{}", file_stem(&p)), &bytes)?;
                }
            }
        }
    }
    for dir in [
        ctx.root.join("tests").join("cases"),
        ctx.shared().join("conformance"),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue;
            };
            let Ok(case) = serde_json::from_str::<serde_json::Value>(&text) else {
                continue;
            };
            let Some(events) = case.get("events").and_then(|v| v.as_array()) else {
                continue;
            };
            let stem = file_stem(&p);
            if target == "replay" {
                // The longest prefix that seals: a valid record, possibly cut before an error.
                let mut ok = events.len();
                while ok > 0 && yishi::seal(&events[..ok]).is_err() {
                    ok -= 1;
                }
                if let Ok(record) = yishi::seal(&events[..ok]) {
                    put(format!("case-{stem}"), record.as_bytes())?;
                }
            } else {
                for (i, ev) in events
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e["kind"] != "community.registered")
                    .take(8)
                {
                    put(format!("case-{stem}-{i}"), ev.to_string().as_bytes())?;
                }
            }
        }
    }
    Ok(n)
}

fn file_stem(p: &Path) -> String {
    p.file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

/// Moves libFuzzer's crash inputs into the regression directory; returns their names.
fn keep_crashes(artifacts: &Path, regressions: &Path) -> Result<Vec<String>> {
    let mut kept = Vec::new();
    for e in std::fs::read_dir(artifacts)?.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if ["crash-", "leak-", "timeout-", "oom-"]
            .iter()
            .any(|p| name.starts_with(p))
        {
            let to = regressions.join(&name);
            if !to.exists() {
                std::fs::copy(e.path(), &to)?;
            }
            std::fs::remove_file(e.path())?;
            kept.push(name);
        }
    }
    kept.sort();
    Ok(kept)
}

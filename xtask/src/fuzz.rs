//! `cargo xtask fuzz [--seconds N] [--target replay|apply|results]`: runs each
//! cargo-fuzz target of `fuzz/` for a bounded time.
//!
//! `cargo xtask fuzz mutate [--count N] [--seed S] [--record FILE]`: the
//! mutation check of issue 7 against the release CLI: N (default 1,000)
//! random single-byte mutations of a valid sealed record (default
//! `examples/bihu-fund-raise.jsonl`) given to `target/release/yishi verify`;
//! each must exit 1 with a spec error code (only a change of the final
//! newline may exit 0), none may panic (exit 101) or die by a signal.
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
const TARGETS: [&str; 3] = ["replay", "apply", "results"];

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
                // libFuzzer reads 0 as "no limit": a run must end.
                opts.seconds = v.parse().ok().filter(|&n: &u64| n > 0).ok_or_else(|| {
                    Failure::usage(format!("--seconds takes a positive number, not {v:?}"))
                })?;
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
    if args.first().is_some_and(|a| a == "mutate") {
        return mutate(ctx, &args[1..]);
    }
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
        ctx.cargo().args(["install", "cargo-fuzz"]),
    )?;
    which("cargo-fuzz")
        .ok_or_else(|| Failure::step("cargo-fuzz still missing after `cargo install cargo-fuzz`"))
}

fn is_empty(dir: &Path) -> Result<bool> {
    Ok(std::fs::read_dir(dir)?.next().is_none())
}

/// First-run seeds: sealed records for `replay`, single events for `apply`,
/// the examples' results as JSON for `results`.
fn seed(ctx: &Ctx, target: &str, corpus: &Path) -> Result<usize> {
    let mut n = 0;
    let mut put = |name: String, bytes: &[u8]| -> Result<()> {
        if bytes.len() as u64 <= MAX_SEED_BYTES {
            std::fs::write(corpus.join(name), bytes)?;
            n += 1;
        }
        Ok(())
    };
    if target == "results" {
        for e in std::fs::read_dir(ctx.root.join("examples"))?.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "jsonl") {
                let ledger = yishi::Ledger::from_record(&std::fs::read_to_string(&p)?)
                    .map_err(|e| Failure::step(format!("{}: {e}", p.display())))?;
                for (i, r) in ledger.results().iter().enumerate() {
                    put(
                        format!("example-{}-{i}", file_stem(&p)),
                        r.to_json_text().as_bytes(),
                    )?;
                }
            }
        }
        return Ok(n);
    }
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
        ctx.root.join("tests").join("cases-cleanroom"),
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

/// `cargo xtask fuzz mutate`: single-byte mutations through the release CLI.
fn mutate(ctx: &Ctx, args: &[String]) -> Result<()> {
    let (mut count, mut seed) = (1000usize, 0x7969_7368_6900_0007u64);
    let mut record = ctx.root.join("examples").join("bihu-fund-raise.jsonl");
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let v = it
            .next()
            .ok_or_else(|| Failure::usage(format!("{a} needs a value")))?;
        let bad = || Failure::usage(format!("invalid value {v:?} for {a}"));
        match a.as_str() {
            "--count" => count = v.parse().map_err(|_| bad())?,
            "--seed" => seed = v.parse().map_err(|_| bad())?,
            "--record" => record = PathBuf::from(v),
            _ => {
                return Err(Failure::usage(format!(
                    "fuzz mutate takes --count, --seed and --record, not {a:?}"
                )))
            }
        }
    }
    let original =
        std::fs::read(&record).map_err(|e| Failure::step(format!("{}: {e}", record.display())))?;
    if original.is_empty() {
        return Err(Failure::step(format!("{} is empty", record.display())));
    }
    run_cmd(
        "cargo build --release",
        ctx.cargo().args(["build", "--release", "-p", "yishi-cli"]),
    )?;
    let exe =
        ctx.target_dir()
            .join("release")
            .join(if cfg!(windows) { "yishi.exe" } else { "yishi" });
    let scratch = ctx.target_dir().join("mutation-check");
    std::fs::create_dir_all(&scratch)?;
    let file = scratch.join("mutated.jsonl");
    let verify = |bytes: &[u8]| -> Result<std::process::Output> {
        std::fs::write(&file, bytes)?;
        Ok(std::process::Command::new(&exe)
            .arg("verify")
            .arg(&file)
            .output()?)
    };
    let intact = verify(&original)?;
    if !intact.status.success() {
        return Err(Failure::step(format!(
            "{} does not verify before mutation: {}",
            record.display(),
            String::from_utf8_lossy(&intact.stdout).trim()
        )));
    }
    banner(&format!(
        "{count} single-byte mutations of {} ({} bytes), seed {seed}",
        record.display(),
        original.len()
    ));
    let mut state = seed;
    let mut next = || {
        // splitmix64
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let mut by_code = std::collections::BTreeMap::<String, usize>::new();
    let (mut newline_accepted, mut failures) = (0usize, Vec::new());
    for i in 0..count {
        let pos = (next() % original.len() as u64) as usize;
        let delta = 1 + (next() % 255) as u8;
        let mut bytes = original.clone();
        bytes[pos] = bytes[pos].wrapping_add(delta);
        let out = verify(&bytes)?;
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let code = stdout
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned();
        let what = format!("#{i} byte {pos} {:#04x}→{:#04x}", original[pos], bytes[pos]);
        match out.status.code() {
            Some(1) if spec_code(&code) && stdout.contains(" at seq ") => {
                *by_code.entry(code).or_default() += 1
            }
            Some(0) if pos == original.len() - 1 => newline_accepted += 1,
            Some(0) => failures.push(format!("{what}: ACCEPTED ({})", stdout.trim())),
            Some(101) => failures.push(format!(
                "{what}: PANIC: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            )),
            None => failures.push(format!("{what}: killed by a signal")),
            Some(c) => failures.push(format!("{what}: exit {c}: {}", stdout.trim())),
        }
    }
    let refused: usize = by_code.values().sum();
    eprintln!("refused with exit 1: {refused}");
    for (code, n) in &by_code {
        eprintln!("  {code:<24} {n}");
    }
    eprintln!("final newline changed and accepted: {newline_accepted}");
    if failures.is_empty() {
        eprintln!("{count} passed, 0 failed");
        Ok(())
    } else {
        Err(Failure::step(format!(
            "{} mutation(s) not refused as required:\n  {}",
            failures.len(),
            failures.join("\n  ")
        )))
    }
}

/// Whether `code` is one of the spec's (§6) stable error codes.
fn spec_code(code: &str) -> bool {
    yishi::ErrorCode::from_str_code(code).is_some_and(|c| c.in_spec())
}

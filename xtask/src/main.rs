//! Project automation, run as `cargo xtask <task>` (alias in `.cargo/config.toml`).
//!
//! Every task sets up what it needs on a fresh machine (Rust targets, the
//! pinned `wasm-bindgen` CLI, npm tools in local `node_modules`, Debian
//! packages) and stops at the first failing step with a message naming it.

mod bench;
mod errors_json;
mod examples;
mod fuzz;
mod gen;
mod serve;
mod test;
mod util;
mod wasm;

use std::process::ExitCode;

use util::{Ctx, Failure};

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  test        the full check: fmt, clippy, unit and integration tests, CLI
              conformance, wasm build, Node suite, TypeScript check, web-demo e2e
  wasm        build wasm/pkg/ (the npm package yishi-wasm) and print its sizes
  demo        build wasm/pkg/, copy it to web-demo/pkg/ and serve web-demo/ on
              http://127.0.0.1:8000 (examples/ under /examples/); --port N
  bench       benchmarks: generate a 1,000,000-ballot record, time verify vs
              sha256sum, peak RSS, apply and queries, Node/wasm replay; writes
              BENCHMARKS.md. Options: --ballots N (alias --events), --owners N,
              --seed S, --runs N, --reuse (keep generated records), --no-wasm,
              --no-write (print only)
  fuzz        run the cargo-fuzz targets (replay, apply, results) for --seconds N each
              (default 60; --target NAME for one); crash inputs go to
              tests/fuzz-regressions/; `fuzz mutate [--count N] [--record F]
              [--seed S]`: N single-byte mutations through `yishi verify`,
              all refused
  gen-record  --owners N --ballots M --seed S [--meetings K] [--out FILE]:
              a valid sealed record of a synthetic community on stdout
  examples    regenerate examples/ (the 碧湖花园 records); --check compares
              instead of writing and fails on any difference
  errors-json regenerate web-demo/errors.json (each error code's meaning and
              fix, 中文 and English) from docs/errors.md; --check compares
              instead of writing
";

/// One `cargo xtask` subcommand.
enum Task {
    Help,
    Test,
    Wasm,
    Demo { port: u16 },
    Bench(Vec<String>),
    Fuzz(Vec<String>),
    GenRecord(Vec<String>),
    Examples(Vec<String>),
    ErrorsJson { check: bool },
}

fn parse(args: &[String]) -> Result<Task, Failure> {
    let (name, rest) = match args.split_first() {
        Some((name, rest)) => (name.as_str(), rest),
        None => return Err(Failure::usage("no task given")),
    };
    let task = match name {
        "test" => Task::Test,
        "wasm" => Task::Wasm,
        "demo" => {
            let port = match rest {
                [] => 8000,
                [flag, port] if flag == "--port" => port
                    .parse()
                    .map_err(|_| Failure::usage(format!("invalid port {port:?}")))?,
                _ => return Err(Failure::usage("demo takes only --port <n>")),
            };
            return Ok(Task::Demo { port });
        }
        "bench" => return Ok(Task::Bench(rest.to_vec())),
        "fuzz" => return Ok(Task::Fuzz(rest.to_vec())),
        "gen-record" => return Ok(Task::GenRecord(rest.to_vec())),
        "examples" => return Ok(Task::Examples(rest.to_vec())),
        "errors-json" => {
            return match rest {
                [] => Ok(Task::ErrorsJson { check: false }),
                [flag] if flag == "--check" => Ok(Task::ErrorsJson { check: true }),
                _ => Err(Failure::usage("errors-json takes only --check")),
            }
        }
        "help" | "-h" | "--help" => return Ok(Task::Help),
        other => return Err(Failure::usage(format!("unknown task {other:?}"))),
    };
    if !rest.is_empty() {
        return Err(Failure::usage(format!("{name} takes no arguments")));
    }
    Ok(task)
}

fn run(task: Task) -> Result<(), Failure> {
    let ctx = Ctx::new();
    match task {
        Task::Help => {
            print!("{USAGE}");
            Ok(())
        }
        Task::Test => test::all(&ctx),
        Task::Wasm => wasm::build(&ctx).map(|_| ()),
        Task::Demo { port } => serve::demo(&ctx, port),
        Task::Bench(args) => bench::run(&ctx, &args),
        Task::Fuzz(args) => fuzz::run(&ctx, &args),
        Task::GenRecord(args) => gen::gen_record(&args),
        Task::Examples(args) => examples::run(&ctx, &args),
        Task::ErrorsJson { check } => errors_json_task(&ctx, check),
    }
}

/// `cargo xtask errors-json [--check]`: web-demo/errors.json from docs/errors.md.
fn errors_json_task(ctx: &Ctx, check: bool) -> Result<(), Failure> {
    let md = std::fs::read_to_string(ctx.root.join("docs").join("errors.md"))
        .map_err(|e| Failure::step(format!("docs/errors.md: {e}")))?;
    let json = errors_json::errors_json(&md).map_err(Failure::step)?;
    let path = ctx.root.join("web-demo").join("errors.json");
    if check {
        return match std::fs::read_to_string(&path) {
            Ok(have) if have == json => {
                eprintln!("web-demo/errors.json is up to date");
                Ok(())
            }
            _ => Err(Failure::step(
                "web-demo/errors.json differs from docs/errors.md; run `cargo xtask errors-json`",
            )),
        };
    }
    std::fs::write(&path, &json)
        .map_err(|e| Failure::step(format!("web-demo/errors.json: {e}")))?;
    eprintln!("wrote web-demo/errors.json ({} bytes)", json.len());
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse(&args).and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(msg)) => {
            if !msg.is_empty() {
                eprintln!("xtask: {msg}\n");
            }
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Step(msg)) => {
            eprintln!("\nxtask: FAILED: {msg}");
            ExitCode::FAILURE
        }
    }
}

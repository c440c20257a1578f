//! `yishi`: seal, verify and tally owners' decision records; run conformance cases.

use clap::{Parser, Subcommand, ValueEnum};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use yishi::{Ledger, MotionResult, Tallied};

/// Replaying a record allocates and frees a small tree per event; mimalloc
/// does that markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exact, verifiable counting of owners' assembly, committee and five-party decisions.
#[derive(Parser)]
#[command(name = "yishi", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Seal an unsealed event list (JSON array or JSON Lines) into a record on stdout.
    Seal {
        /// Input file (`-` for stdin).
        input: PathBuf,
    },
    /// Verify a sealed record: the hash chain and every event.
    Verify {
        /// The record (`-` for stdin).
        record: PathBuf,
        /// The head hash the organiser published: also detects a record cut short at a line boundary.
        #[arg(long, value_name = "HASH")]
        expect_head: Option<String>,
    },
    /// Replay a record and print every motion's result.
    Tally {
        /// The record (`-` for stdin).
        record: PathBuf,
        /// Print JSON: {"<meeting>/<motion>": result}.
        #[arg(long)]
        json: bool,
        /// Language of the explanations.
        #[arg(long, value_enum, default_value_t = Lang::Zh)]
        lang: Lang,
    },
    /// Run conformance case files (directories or files) and report.
    Conformance {
        /// Case files or directories of `*.json` cases.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Lang {
    /// 中文
    Zh,
    /// English
    En,
}

fn open(path: &Path) -> io::Result<Box<dyn BufRead>> {
    if path == Path::new("-") {
        Ok(Box::new(BufReader::new(io::stdin())))
    } else {
        let file = File::open(path).map_err(|e| {
            io::Error::new(e.kind(), format!("cannot open {}: {e}", path.display()))
        })?;
        // A directory opens on some systems and fails only when read, which
        // would look like a bad record: refuse it here, naming it.
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("cannot read {}: it is a directory", path.display()),
            ));
        }
        Ok(Box::new(BufReader::with_capacity(1 << 20, file)))
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = io::stdout();
    let mut out = io::BufWriter::new(out.lock());
    let code = match run(cli.command, &mut out) {
        Ok(c) => c,
        Err(e) => {
            let _ = out.flush();
            eprintln!("yishi: {e}");
            ExitCode::from(2)
        }
    };
    let _ = out.flush();
    code
}

fn run(cmd: Command, out: &mut impl Write) -> io::Result<ExitCode> {
    match cmd {
        Command::Seal { input } => {
            let mut text = String::new();
            open(&input)?.read_to_string(&mut text).map_err(|e| {
                io::Error::new(e.kind(), format!("cannot read {}: {e}", input.display()))
            })?;
            match yishi::seal_text(&text) {
                Ok(record) => {
                    out.write_all(record.as_bytes())?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    eprintln!("{} at seq {}: {}", e.code(), e.seq(), e.message());
                    Ok(ExitCode::from(1))
                }
            }
        }
        Command::Verify {
            record,
            expect_head,
        } => {
            // A published head is 64 hex digits; any case is read.
            let expect_head = match expect_head.map(|h| h.to_ascii_lowercase()) {
                Some(h) if h.len() != 64 || !h.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidInput,
                        format!("--expect-head takes a hash of 64 hexadecimal digits, not \"{h}\""),
                    ))
                }
                h => h,
            };
            verify(out, &record, expect_head.as_deref())
        }
        Command::Tally { record, json, lang } => match Ledger::replay(open(&record)?) {
            Ok(l) => {
                if json {
                    serde_json::to_writer_pretty(&mut *out, &l.results_json())?;
                    writeln!(out)?;
                } else {
                    print_tally(out, &l, lang)?;
                }
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                eprintln!("{} at seq {}: {}", e.code(), e.seq(), e.message());
                Ok(ExitCode::from(1))
            }
        },
        Command::Conformance { paths } => conformance(out, &paths),
    }
}

/// `yishi verify`: the verdict on stdout, exit 1 for a bad record.
fn verify(out: &mut impl Write, record: &Path, expect_head: Option<&str>) -> io::Result<ExitCode> {
    match Ledger::replay(open(record)?) {
        Ok(l) if expect_head.is_some_and(|h| h != l.head()) => {
            let h = expect_head.unwrap_or_default();
            // Where the published head is in the record, if it is: the
            // first line holding it is the event it is the hash of (the
            // next one holds it as its `prev`).
            let at = if record == Path::new("-") {
                None
            } else {
                open(record)?
                    .lines()
                    .position(|line| line.is_ok_and(|line| line.contains(h)))
                    .map(|i| i as u64 + 1)
            };
            match at {
                Some(k) if k < l.len() => writeln!(
                    out,
                    "record.prev_mismatch at seq {}: the published head is the hash of event {k}; events {}-{} were added after it",
                    k + 1,
                    k + 1,
                    l.len()
                )?,
                _ => writeln!(
                    out,
                    "record.prev_mismatch at seq {}: the record ends at head {} (event {}), not at the published head {h}: events after it are missing, or the head is another record's",
                    l.len() + 1,
                    l.head(),
                    l.len()
                )?,
            }
            Ok(ExitCode::from(1))
        }
        Ok(l) => {
            writeln!(out, "ok: {} events verified, head {}", l.len(), l.head())?;
            // The process ends here: freeing a large community's state one
            // allocation at a time would only cost time.
            std::mem::forget(l);
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            writeln!(out, "{} at seq {}: {}", e.code(), e.seq(), e.message())?;
            Ok(ExitCode::from(1))
        }
    }
}

fn fig(t: &Tallied, lang: Lang) -> String {
    match t {
        Tallied::Figure(f) => {
            if lang == Lang::Zh {
                format!("{} 人 / {} m²", f.heads, f.area)
            } else {
                format!("{} owners / {} m²", f.heads, f.area)
            }
        }
        Tallied::Count(c) => c.heads.to_string(),
    }
}

fn print_tally(out: &mut impl Write, l: &Ledger, lang: Lang) -> io::Result<()> {
    let zh = lang == Lang::Zh;
    writeln!(
        out,
        "{} {} · head {}",
        if zh { "记录" } else { "record" },
        l.len(),
        l.head()
    )?;
    for r in l.results() {
        print_result(out, &r, lang)?;
    }
    Ok(())
}

fn print_result(out: &mut impl Write, r: &MotionResult, lang: Lang) -> io::Result<()> {
    let zh = lang == Lang::Zh;
    writeln!(out)?;
    writeln!(
        out,
        "{}/{}  {}  [{}{}]",
        r.meeting,
        r.motion,
        r.title.as_deref().unwrap_or(""),
        r.outcome,
        if r.provisional {
            if zh {
                "，临时"
            } else {
                ", provisional"
            }
        } else {
            ""
        }
    )?;
    let labels = if zh {
        ["总数", "参与", "同意", "反对", "弃权"]
    } else {
        ["electorate", "participating", "yes", "no", "abstain"]
    };
    for (label, t) in
        labels
            .iter()
            .zip([&r.electorate, &r.participating, &r.yes, &r.no, &r.abstain])
    {
        writeln!(out, "  {label:<14} {}", fig(t, lang))?;
    }
    for c in &r.checks {
        writeln!(
            out,
            "  {} {:<18} {:<5}{} {} / {}  {}  {}",
            if c.held { "✓" } else { "✗" },
            c.check.as_str(),
            c.dimension.as_str(),
            c.subject
                .as_deref()
                .map(|s| format!(" {s}"))
                .unwrap_or_default(),
            c.numerator,
            c.denominator,
            c.threshold,
            if c.held { "held" } else { "not held" }
        )?;
    }
    if let Some(e) = &r.elected {
        writeln!(
            out,
            "  {} {}",
            if zh { "当选" } else { "elected" },
            e.join(", ")
        )?;
    }
    if let Some(t) = r.tied.as_ref().filter(|t| !t.is_empty()) {
        writeln!(
            out,
            "  {} {}",
            if zh { "同票" } else { "tied" },
            t.join(", ")
        )?;
    }
    if let Some(d) = &r.revocation_deadline {
        writeln!(
            out,
            "  {} {d}",
            if zh {
                "撤销请求期限（民法典第280条）至"
            } else {
                "revocation may be sought (CC 280) until"
            }
        )?;
    }
    for o in &r.post_result_objections {
        writeln!(
            out,
            "  {} {} {}{}",
            if zh {
                "询异（结果公布后提出，不改变计票）"
            } else {
                "post-result objection (kept, never counted)"
            },
            o.at,
            o.owner,
            o.reason
                .as_deref()
                .map(|x| format!(": {x}"))
                .unwrap_or_default()
        )?;
    }
    for w in &r.warnings {
        writeln!(out, "  ! {w}")?;
    }
    writeln!(out, "  {}", r.explain(if zh { "zh" } else { "en" }))?;
    Ok(())
}

fn collect_cases(paths: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(p)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            v.sort();
            files.extend(v);
        } else {
            files.push(p.clone());
        }
    }
    Ok(files)
}

fn conformance(out: &mut impl Write, paths: &[PathBuf]) -> io::Result<ExitCode> {
    let (mut passed, mut failed) = (0, 0);
    let files = collect_cases(paths)?;
    if files.is_empty() {
        // Zero of zero is not a pass: a wrong path must not look green.
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            "no case files (*.json) found in the paths given",
        ));
    }
    for f in files {
        let report = match std::fs::read_to_string(&f)
            .map_err(|e| e.to_string())
            .and_then(|t| yishi::conformance::run_case_text(&t).map_err(|e| e.to_string()))
        {
            Ok(report) => report,
            Err(e) => yishi::conformance::CaseReport {
                name: f.display().to_string(),
                passed: false,
                differences: vec![format!("cannot read the case: {e}")],
            },
        };
        if report.passed {
            passed += 1;
        } else {
            failed += 1;
            writeln!(
                out,
                "FAIL {} ({}): {}",
                report.name,
                f.display(),
                report.differences.join("; ")
            )?;
        }
    }
    writeln!(out, "{passed} passed, {failed} failed")?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

//! `yishi`: seal, verify and tally owners' decision records; run conformance cases.

use clap::{Parser, Subcommand, ValueEnum};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use yishi::ballots::MeetingState;
use yishi::{Body, Ledger, MotionResult, Stance, Tallied};

/// Exit status after a broken pipe (the reader went away, as `head` does):
/// 128 + SIGPIPE, what a tool killed by the signal reports, without a message.
const BROKEN_PIPE: u8 = 141;

/// `writeln!` for a line holding text from a record: control characters
/// (and line separators and bidirectional overrides) are escaped, so a title or an id cannot
/// move the cursor, hide text or forge a line on the auditor's terminal.
macro_rules! say {
    ($out:expr) => { writeln!($out) };
    ($out:expr, $($arg:tt)*) => { writeln!($out, "{}", yishi::escape_controls(&format!($($arg)*))) };
}

/// `eprintln!` with the same escaping.
macro_rules! esay {
    ($($arg:tt)*) => { eprintln!("{}", yishi::escape_controls(&format!($($arg)*))) };
}

/// Standard output whose write errors say what failed.
struct Output<W: Write>(W);

impl<W: Write> Output<W> {
    fn annotate(e: io::Error) -> io::Error {
        if e.kind() == io::ErrorKind::BrokenPipe {
            e
        } else {
            io::Error::new(e.kind(), format!("cannot write the output: {e}"))
        }
    }
}

impl<W: Write> Write for Output<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf).map_err(Self::annotate)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush().map_err(Self::annotate)
    }
}

/// The heads a record is held to: the published head it must end at
/// (`--expect-head`, [`yishi::Replay::expect_head`]) and heads of it
/// published earlier that it must hold (`--extends`,
/// [`yishi::Replay::expect_extends`]).
#[derive(Clone, Copy, Default)]
struct Heads<'a> {
    end: Option<&'a str>,
    earlier: &'a [String],
}

/// Replays the record at `path`, telling a read error (`Err`: exit 2) from a
/// refused record (`Ok(Err)`: exit 1); a record that does not end at the
/// published head or hold the earlier ones `heads` gives is refused too.
/// The file is fed in the reader's blocks, with no copy of its lines.
/// `open_end` is set when the file's last byte is not a newline (a last
/// line needs none), which `append` must add before its lines.
fn replay(
    path: &Path,
    heads: Heads,
    open_end: &mut bool,
) -> io::Result<Result<Ledger, yishi::Error>> {
    // A bad hash is a usage error, told before the file is opened.
    let mut replay = new_replay(heads)?;
    let mut reader = open(path).map_err(|e| ReadFailure::at(1, e))?;
    loop {
        let piece = match reader.fill_buf() {
            Ok([]) => break,
            Ok(piece) => piece,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                let e = io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display()));
                return Err(ReadFailure::at(replay.ledger().len() + 1, e));
            }
        };
        let n = piece.len();
        *open_end = piece.last() != Some(&b'\n');
        let pushed = replay.push(piece);
        reader.consume(n);
        if let Err(e) = pushed {
            return Ok(Err(e));
        }
    }
    Ok(replay.finish())
}

/// A record that could not be opened or read, with the position of the
/// event being read when reading stopped: `record.read`'s `seq`.
#[derive(Debug)]
struct ReadFailure {
    seq: u64,
    error: io::Error,
}

impl ReadFailure {
    /// `error` (its kind and message kept) when reading event `seq`.
    fn at(seq: u64, error: io::Error) -> io::Error {
        io::Error::new(error.kind(), ReadFailure { seq, error })
    }

    /// The position carried by an error from [`replay`], if it is one.
    fn seq_of(e: &io::Error) -> Option<u64> {
        e.get_ref()?.downcast_ref::<ReadFailure>().map(|f| f.seq)
    }
}

impl std::fmt::Display for ReadFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error.fmt(f)
    }
}

impl std::error::Error for ReadFailure {}

/// Spec §2: a record starts with `community.registered`; an empty file is
/// no record (a download that came back empty must not verify).
fn not_empty(l: Ledger) -> Result<Ledger, yishi::Error> {
    if l.is_empty() {
        return Err(yishi::Error::empty_record());
    }
    Ok(l)
}

/// Replaying a record allocates and frees a small tree per event; mimalloc
/// does that markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exact, verifiable counting of owners' assembly, committee and five-party decisions.
#[derive(Parser)]
#[command(
    name = "yishi",
    version,
    about,
    after_help = "Exit status: 0 verified (or every case passed); 1 the record was refused at the event named, a case failed, `tally --meeting` named no meeting of the record, or `ballots` found no ballot; 2 usage, read or write error; 141 the reader of the output went away."
)]
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
        /// Language of what a refusal means and how to fix it.
        #[arg(long, value_enum, default_value_t = Lang::Zh)]
        lang: Lang,
    },
    /// Seal more events onto a sealed record: prints their sealed lines (after a newline if the record's last line has none), to add to it (`>> record.jsonl`).
    Append {
        /// The sealed record so far (`-` for stdin).
        record: PathBuf,
        /// The unsealed events to add: a JSON array or JSON Lines (`-` for stdin).
        events: PathBuf,
        /// The head hash the record was published with: a record that does not end there is refused, as by `verify`.
        #[arg(long, value_name = "HASH")]
        expect_head: Option<String>,
        /// Language of what a refusal means and how to fix it.
        #[arg(long, value_enum, default_value_t = Lang::Zh)]
        lang: Lang,
    },
    /// Verify a sealed record: the hash chain and every event.
    Verify {
        /// The record (`-` for stdin). Several records are verified side by side, each verdict after its file's name, in the order given; the exit status is the worst of them.
        #[arg(required = true, value_name = "RECORD")]
        records: Vec<PathBuf>,
        /// The head hash the organiser published: also detects a record cut short at a line boundary (one record only).
        #[arg(long, value_name = "HASH")]
        expect_head: Option<String>,
        /// A head hash of the record published earlier (last week's, say): one of the record's events must have it, so it was only appended to since, not rewritten (one record only; may be repeated).
        #[arg(long, value_name = "HASH")]
        extends: Vec<String>,
        /// Language of what a refusal means and how to fix it.
        #[arg(long, value_enum, default_value_t = Lang::Zh)]
        lang: Lang,
        /// Print one JSON object: {"events", "head"} (with --extends, then "extends": [the heads, lowercase]), or {"error": {"code", "seq", "message"}} (exit 1); for several records, one line each with "file" first.
        #[arg(long)]
        json: bool,
        /// How many of several records to verify at a time (default: as many as there are cores; each holds its community's state in memory).
        #[arg(long, short = 'j', value_name = "N")]
        jobs: Option<NonZeroUsize>,
    },
    /// Replay a record and print every motion's result.
    Tally {
        /// The record (`-` for stdin).
        record: PathBuf,
        /// Print JSON: {"<meeting>/<motion>": result}.
        #[arg(long)]
        json: bool,
        /// Language of the output: labels, outcomes, checks, warnings, explanations, and what a refusal means.
        #[arg(long, value_enum, default_value_t = Lang::Zh)]
        lang: Lang,
        /// The head hash the organiser published: a record that does not end there is refused, as by `verify`.
        #[arg(long, value_name = "HASH")]
        expect_head: Option<String>,
        /// A head hash of the record published earlier: a record none of whose events has it is refused, as by `verify` (may be repeated).
        #[arg(long, value_name = "HASH")]
        extends: Vec<String>,
        /// Only this meeting's motions (exit 1 when the record holds no such meeting).
        #[arg(long)]
        meeting: Option<String>,
    },
    /// Show what became of each ballot: for every voter, the ballot that counts and what replaced or voided the others. An owner's receipt is their ballot's hash (`--hash`).
    Ballots {
        /// The record (`-` for stdin).
        record: PathBuf,
        /// Only this meeting.
        #[arg(long)]
        meeting: Option<String>,
        /// Only this voter (an owner, a committee member or a party key).
        #[arg(long)]
        voter: Option<String>,
        /// Only the voters for whom this agent cast a ballot under a proxy, with all their ballots.
        #[arg(long, value_name = "AGENT")]
        by: Option<String>,
        /// A receipt: the ballot sealed with this hash and what became of it.
        #[arg(long, value_name = "HASH")]
        hash: Option<String>,
        /// Print JSON: {"events", "head", "receipt", "meetings": [{"meeting", "body", "state", "voters": [{"voter", "ballots": [{"seq", "hash", "at", "by", "channel", "area", "votes", "fate"}]}]}], "voter_known" (with --voter: whether the record knows that voter)}.
        #[arg(long)]
        json: bool,
        /// Language of the output and of what a refusal means.
        #[arg(long, value_enum, default_value_t = Lang::Zh)]
        lang: Lang,
        /// The head hash the organiser published: a record that does not end there is refused, as by `verify`.
        #[arg(long, value_name = "HASH")]
        expect_head: Option<String>,
        /// A head hash of the record published earlier: a record none of whose events has it is refused, as by `verify` (may be repeated).
        #[arg(long, value_name = "HASH")]
        extends: Vec<String>,
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
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // `--help` and `--version` (exit 0, on stdout) or a usage error (exit
        // 2, on stderr); a help text that cannot be written fails as any
        // other output does.
        Err(e) => {
            let written = e.print().and_then(|()| io::stdout().flush());
            return match written {
                Ok(()) => ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2)),
                Err(w) if w.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(BROKEN_PIPE),
                Err(w) => {
                    esay!("yishi: cannot write the output: {w}");
                    ExitCode::from(2)
                }
            };
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(Output(stdout.lock()));
    // What was written must reach its destination: a full disk or a closed
    // pipe at the final flush is an error too, not a silent success.
    let done = run(cli.command, &mut out).and_then(|code| out.flush().map(|()| code));
    match done {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(BROKEN_PIPE),
        Err(e) => {
            // Whatever was written before the error still goes out.
            let _ = out.flush();
            esay!("yishi: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(cmd: Command, out: &mut impl Write) -> io::Result<ExitCode> {
    match cmd {
        Command::Seal { input, lang } => {
            let mut bytes = Vec::new();
            open(&input)?.read_to_end(&mut bytes).map_err(|e| {
                io::Error::new(e.kind(), format!("cannot read {}: {e}", input.display()))
            })?;
            let sealed = yishi::seal_bytes(&bytes).and_then(|record| {
                if record.is_empty() {
                    return Err(yishi::Error::new(
                        yishi::ErrorCode::CommunityMissing,
                        1,
                        "no events to seal: a record starts with a community.registered event",
                    ));
                }
                Ok(record)
            });
            match sealed {
                Ok(record) => {
                    out.write_all(record.as_bytes())?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    let mut err = io::stderr().lock();
                    refuse(&mut err, &e, lang)?;
                    // A conformance case (spec §5) is no list of events.
                    let case = serde_json::from_slice::<serde_json::Value>(&bytes).is_ok_and(|v| {
                        v.get("expect").is_some()
                            && (v.get("events").is_some() || v.get("record").is_some())
                    });
                    if case {
                        // `conformance` reads files, not standard input.
                        let file = if input.as_os_str() == "-" {
                            "FILE".to_owned()
                        } else {
                            input.display().to_string()
                        };
                        if lang == Lang::Zh {
                            say!(err, "  注意：这是一个一致性测试用例（规范第 5 节），请存为文件并用 `yishi conformance {file}` 运行它")?;
                        } else {
                            say!(err, "  note: this is a conformance case (spec §5); run it from its file with `yishi conformance {file}`")?;
                        }
                    }
                    Ok(ExitCode::from(1))
                }
            }
        }
        Command::Append {
            record,
            events,
            expect_head,
            lang,
        } => append(out, &record, &events, expect_head.as_deref(), lang),
        Command::Verify {
            records,
            expect_head,
            extends,
            lang,
            json,
            jobs,
        } => match &records[..] {
            [record] => {
                let heads = Heads {
                    end: expect_head.as_deref(),
                    earlier: &extends,
                };
                let done = verify(out, record, heads, lang, json, None);
                json_read_failure(out, json, done)
            }
            _ if expect_head.is_some() => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "--expect-head is one record's head: give one record with it",
            )),
            _ if !extends.is_empty() => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "--extends is one record's earlier head: give one record with it",
            )),
            _ => verify_many(out, &records, jobs, lang, json),
        },
        Command::Tally {
            record,
            json,
            lang,
            expect_head,
            extends,
            meeting,
        } => match replay_to(
            &record,
            Heads {
                end: expect_head.as_deref(),
                earlier: &extends,
            },
        ) {
            Err(e) => json_read_failure(out, json, Err(e)),
            Ok(Ok(l)) => {
                let found = if json {
                    // One result at a time: a record of many motions would
                    // otherwise be held whole, several times over.
                    let ids = l.result_ids(meeting.as_deref());
                    let found = !ids.is_empty();
                    serde_json::to_writer_pretty(&mut *out, &ResultsById(&l, &ids))?;
                    say!(out)?;
                    if let (Some(m), false) = (&meeting, found) {
                        // The JSON stays the (empty) map of results; why it is
                        // empty goes where a script's user will see it.
                        say_no_meeting(&mut io::stderr(), m, lang)?;
                    }
                    found
                } else {
                    print_tally(out, &l, meeting.as_deref(), lang)?
                };
                Ok(if found || meeting.is_none() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                })
            }
            Ok(Err(refusal)) => refused(out, &refusal, lang, json),
        },
        Command::Ballots {
            record,
            meeting,
            voter,
            by,
            hash,
            json,
            lang,
            expect_head,
            extends,
        } => {
            let heads = Heads {
                end: expect_head.as_deref(),
                earlier: &extends,
            };
            let query = yishi::ballots::BallotQuery {
                meeting,
                voter,
                by,
                hash,
            };
            let done = ballots(out, &record, &query, heads, json, lang);
            json_read_failure(out, json, done)
        }
        Command::Conformance { paths } => conformance(out, &paths),
    }
}

/// A new replay, checking the heads given (a bad hash is a usage error,
/// told before any file is opened).
fn new_replay(heads: Heads) -> io::Result<yishi::Replay> {
    let mut replay = yishi::Replay::new();
    let bad = |option: &str, head: &str| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{option} takes a hash of 64 hexadecimal digits, not \"{head}\""),
        )
    };
    if let Some(head) = heads.end {
        if !replay.expect_head(head) {
            return Err(bad("--expect-head", head));
        }
    }
    for head in heads.earlier {
        if !replay.expect_extends(head) {
            return Err(bad("--extends", head));
        }
    }
    Ok(replay)
}

/// `yishi ballots`: what became of the ballots the query selects; exit 1
/// when the record is refused or the query selects no ballot.
fn ballots(
    out: &mut impl Write,
    record: &Path,
    query: &yishi::ballots::BallotQuery,
    heads: Heads,
    json: bool,
    lang: Lang,
) -> io::Result<ExitCode> {
    if let Some(h) = &query.hash {
        if !yishi::is_hash(h) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("--hash takes a hash of 64 hexadecimal digits, not \"{h}\""),
            ));
        }
    }
    let replay = new_replay(heads)?;
    let reader = open(record).map_err(|e| ReadFailure::at(1, e))?;
    let book = match yishi::ballots::ballots(replay, reader, query) {
        Ok(book) if book.events == 0 => Err(yishi::Error::empty_record()),
        Ok(book) => Ok(book),
        Err(e) if e.kind() == yishi::ErrorCode::RecordRead => {
            let message = format!("cannot read {}: {}", record.display(), e.message());
            return Err(ReadFailure::at(e.seq(), io::Error::other(message)));
        }
        Err(e) => Err(e),
    };
    let book = match book {
        Ok(book) => book,
        Err(refusal) => return refused(out, &refusal, lang, json),
    };
    let found = book.meetings.iter().any(|m| !m.voters.is_empty());
    if json {
        serde_json::to_writer_pretty(&mut *out, &book)?;
        say!(out)?;
    } else {
        print_ballots(out, &book, found, query, lang)?;
    }
    Ok(if found {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_ballots(
    out: &mut impl Write,
    book: &yishi::ballots::BallotBook,
    found: bool,
    query: &yishi::ballots::BallotQuery,
    lang: Lang,
) -> io::Result<()> {
    use yishi::ballots::Fate;
    let zh = lang == Lang::Zh;
    say_record(out, book.events, &book.head, lang)?;
    // What to say about the query as a whole, in the output's language.
    let either = |zh_text: String, en_text: String| if zh { zh_text } else { en_text };
    if let Some(h) = &query.hash {
        let told = match &book.receipt {
            None => Some(either(
                format!("本记录中找不到哈希为 {h} 的选票。请核对哈希是否完整、抄写无误，以及所查的是否为组织方公布的记录。"),
                format!("no ballot of this record has hash {h}: check that the hash is complete and copied correctly, and that this is the record the organiser published"),
            )),
            Some(r) if r.kind != "ballot.cast" => Some(either(
                format!("哈希 {h} 对应第 {} 条事件（{}），该事件不是选票", r.seq, r.kind),
                format!("hash {h} is event {} ({}), not a ballot", r.seq, r.kind),
            )),
            Some(_) => None,
        };
        if let Some(t) = told {
            say!(out, "{t}")?;
        }
    }
    let meeting_told = match &query.meeting {
        Some(m) if book.meetings.is_empty() => {
            say_no_meeting(out, m, lang)?;
            true
        }
        _ => false,
    };
    let receipt_told = query.hash.is_some()
        && book
            .receipt
            .as_ref()
            .is_none_or(|r| r.kind != "ballot.cast");
    let unknown_voter = query
        .voter
        .as_deref()
        .filter(|_| !found && book.voter_known == Some(false));
    // With only --voter or only --by, an empty answer says whose ballots
    // were sought; with a meeting or a receipt as well, it is the query's.
    let nothing_else = !found && query.meeting.is_none() && query.hash.is_none();
    let told = if let Some(v) = unknown_voter {
        Some(either(
            format!("本记录中没有投票人 {v}：该编号既不是本小区的业主，也不是任何会议的业委会委员或五方例会的参会方。请核对编号；受托人代为投出的选票用 --by 查询。"),
            format!("no voter \"{v}\" in this record: it is no owner of the community, no member of a committee meeting and no party to a five-party meeting; check the id (the ballots an agent cast under proxies are found with --by)"),
        ))
    } else if let (Some(a), None, true) = (query.by.as_deref(), &query.voter, nothing_else) {
        Some(either(
            format!("本记录中没有受托人 {a} 代为投出的选票"),
            format!("no ballot of this record was cast by agent {a}"),
        ))
    } else if let (Some(v), None, true) = (query.voter.as_deref(), &query.by, nothing_else) {
        Some(either(
            format!("本记录中没有 {v} 的选票"),
            format!("no ballot of {v} in this record"),
        ))
    } else if let (Some(r), false) = (&book.receipt, found || receipt_told) {
        Some(either(
            format!("该哈希对应的选票（第 {} 条事件）不在 --voter、--by 或 --meeting 所选范围内", r.seq),
            format!("the ballot with this hash (event {}) is not among those --voter, --by or --meeting select", r.seq),
        ))
    } else if !found && book.meetings.is_empty() && !receipt_told && !meeting_told {
        Some(either(
            "没有符合条件的选票".into(),
            "no ballot matches".into(),
        ))
    } else {
        None
    };
    if let Some(t) = told {
        say!(out, "{t}")?;
    }
    for m in &book.meetings {
        say!(out)?;
        let (body, state) = if zh {
            (
                match m.body {
                    Body::Assembly => "业主大会",
                    Body::Committee => "业主委员会会议",
                    Body::FiveParty => "五方例会",
                },
                match m.state {
                    MeetingState::Declared => "已公告",
                    MeetingState::Closed => "表决已截止，结果尚未公告",
                    MeetingState::Open => "表决进行中，结果尚未最终确定",
                },
            )
        } else {
            (
                m.body.as_str(),
                match m.state {
                    MeetingState::Declared => "declared",
                    MeetingState::Closed => "voting ended, result not yet declared",
                    MeetingState::Open => "open: what counts is provisional",
                },
            )
        };
        if zh {
            say!(out, "会议 {}（{body}，{state}）", m.meeting)?;
        } else {
            say!(out, "meeting {} ({body}, {state})", m.meeting)?;
        }
        if m.voters.is_empty() {
            say!(out, "  {}", if zh { "没有选票" } else { "no ballot" })?;
        }
        for v in &m.voters {
            // A party key is shown with the party's name in Chinese.
            match party_zh(&v.voter).filter(|_| zh && m.body == Body::FiveParty) {
                Some(name) => say!(out, "  {}（{name}）", v.voter)?,
                None => say!(out, "  {}", v.voter)?,
            }
            for b in &v.ballots {
                let mut who = match (&b.by, zh) {
                    (None, true) => "本人".to_owned(),
                    (None, false) => "in person".to_owned(),
                    (Some(a), true) => format!("代理人 {a}"),
                    (Some(a), false) => format!("by agent {a}"),
                };
                // A ballot of another of the developer's ids (one voter).
                if let Some(id) = &b.voter {
                    who += &if zh {
                        format!("，以 {id} 名义")
                    } else {
                        format!(", as {id}")
                    };
                }
                let channel = match (b.channel, zh) {
                    (yishi::event::Channel::Online, true) => "线上",
                    (yishi::event::Channel::Paper, true) => "纸质",
                    (c, false) => c.as_str(),
                };
                let area = b
                    .area
                    .map(|a| {
                        if zh {
                            format!("，面积 {a} m²")
                        } else {
                            format!(", area {a} m²")
                        }
                    })
                    .unwrap_or_default();
                let fate = match (&b.fate, zh) {
                    (Fate::Counts, true) => "计入".to_owned(),
                    (Fate::Counts, false) => "counts".to_owned(),
                    (Fate::NotPresent, true) => {
                        "不计入：没有该投票人的出席记录（业主委员会会议和五方例会只计出席者的表决）"
                            .to_owned()
                    }
                    (Fate::NotPresent, false) => {
                        "not counted: the voter is not recorded present".to_owned()
                    }
                    (Fate::Replaced { seq }, true) => format!("不计入：被第 {seq} 条事件取代"),
                    (Fate::Replaced { seq }, false) => format!("replaced by event {seq}"),
                    (Fate::Voided { seq, reason }, true) => format!(
                        "不计入：被第 {seq} 条事件作废{}",
                        reason
                            .as_deref()
                            .map(|r| format!("（原因：{r}）"))
                            .unwrap_or_default()
                    ),
                    (Fate::Voided { seq, reason }, false) => format!(
                        "voided by event {seq}{}",
                        reason
                            .as_deref()
                            .map(|r| format!(" ({r})"))
                            .unwrap_or_default()
                    ),
                };
                let votes = votes_text(&serde_json::from_str(&b.votes).unwrap_or_default(), zh);
                if zh {
                    say!(
                        out,
                        "    第 {} 条事件  {}  {channel}，{who}{area}  →  {fate}",
                        b.seq,
                        b.at
                    )?;
                } else {
                    say!(
                        out,
                        "    event {}  {}  {channel}, {who}{area}  →  {fate}",
                        b.seq,
                        b.at
                    )?;
                }
                say!(out, "      {votes}")?;
                say!(out, "      {} {}", if zh { "哈希" } else { "hash" }, b.hash)?;
            }
        }
    }
    Ok(())
}

/// A ballot's votes as `motion: value` pairs, in the record's order; in
/// Chinese the values are given their words.
fn votes_text(votes: &serde_json::Value, zh: bool) -> String {
    let Some(map) = votes.as_object() else {
        return votes.to_string();
    };
    let word = |v: &serde_json::Value| -> String {
        match (v.as_str(), zh) {
            (Some("yes"), true) => "同意".into(),
            (Some("no"), true) => "反对".into(),
            (Some("abstain"), true) => "弃权".into(),
            (Some("support"), true) => "支持".into(),
            (Some("object"), true) => "反对".into(),
            (Some(s), _) => s.to_owned(),
            (None, _) => match v.as_array() {
                Some(list) => format!(
                    "[{}]",
                    list.iter()
                        .map(|c| c.as_str().map_or_else(|| c.to_string(), str::to_owned))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                None => v.to_string(),
            },
        }
    };
    if map.is_empty() {
        return if zh {
            "（未对任何议题表决）"
        } else {
            "(no motion voted on)"
        }
        .to_owned();
    }
    map.iter()
        .map(|(k, v)| format!("{k}{}{}", if zh { "：" } else { ": " }, word(v)))
        .collect::<Vec<_>>()
        .join(if zh { "；" } else { "; " })
}

/// Replays a record that must not be empty and, with a published head, must
/// end there: the ledger, or the refusal.
fn replay_to(record: &Path, heads: Heads) -> io::Result<Result<Ledger, yishi::Error>> {
    Ok(replay(record, heads, &mut false)?.and_then(not_empty))
}

/// Prints a refusal, then what its code means and how to fix it, in
/// `lang`, from `docs/errors.md` (through `web-demo/errors.json`, which a
/// test holds to it; the web demo's auditor shows the same words).
fn refuse(out: &mut impl Write, e: &yishi::Error, lang: Lang) -> io::Result<()> {
    say!(out, "{e}")?;
    let table: serde_json::Value =
        serde_json::from_str(include_str!("../../web-demo/errors.json")).unwrap_or_default();
    let text = &table[e.code()][if lang == Lang::Zh { "zh" } else { "en" }];
    let labels = if lang == Lang::Zh {
        ["含义：", "修正："]
    } else {
        ["meaning: ", "fix: "]
    };
    for (label, key) in labels.into_iter().zip(["meaning", "fix"]) {
        if let Some(line) = text[key].as_str() {
            say!(out, "  {label}{line}")?;
        }
    }
    Ok(())
}

/// `"error":{"code","seq","message"}}`: the end of a JSON verdict for a
/// refusal, written as it is, not through a `serde_json::Value` (whose map
/// sorts keys), in the order `--help` gives.
fn write_error_member(out: &mut impl Write, e: &yishi::Error) -> io::Result<()> {
    out.write_all(b"\"error\":")?;
    serde_json::to_writer(&mut *out, e)?;
    out.write_all(b"}")
}

/// `"file":"<name>",` after the `{` of a verdict among several records.
fn write_file_member(out: &mut impl Write, file: Option<&Path>) -> io::Result<()> {
    match file {
        Some(name) => write!(
            out,
            "\"file\":{},",
            serde_json::to_string(&name.to_string_lossy())?
        ),
        None => Ok(()),
    }
}

/// A record that cannot be read, as a JSON verdict line: `record.read` at
/// the event being read when reading stopped (`0` if that is not known).
fn write_read_failure(out: &mut impl Write, file: Option<&Path>, e: &io::Error) -> io::Result<()> {
    let seq = ReadFailure::seq_of(e).unwrap_or(0);
    let e = yishi::Error::new(yishi::ErrorCode::RecordRead, seq, e.to_string());
    out.write_all(b"{")?;
    write_file_member(out, file)?;
    write_error_member(out, &e)?;
    say!(out)
}

/// With `--json`, a record that cannot be opened or read is a JSON verdict
/// too (`record.read`), on stdout, so that the output stays JSON; the exit
/// status stays 2, the tool having been unable to do its job. Other errors
/// (usage, writing) go on as they are.
fn json_read_failure(
    out: &mut impl Write,
    json: bool,
    done: io::Result<ExitCode>,
) -> io::Result<ExitCode> {
    match done {
        Err(e) if json && ReadFailure::seq_of(&e).is_some() => {
            write_read_failure(out, None, &e)?;
            Ok(ExitCode::from(2))
        }
        done => done,
    }
}

/// A refused record, for `tally` and `ballots`: with `--json`, the JSON
/// verdict `{"error": {…}}` on stdout, as `verify --json` writes it (their
/// output is JSON whatever the verdict); else the refusal and what it means
/// on stderr, since stdout carries their output. Exit 1.
fn refused(out: &mut impl Write, e: &yishi::Error, lang: Lang, json: bool) -> io::Result<ExitCode> {
    if json {
        out.write_all(b"{")?;
        write_error_member(out, e)?;
        say!(out)?;
    } else {
        refuse(&mut io::stderr().lock(), e, lang)?;
    }
    Ok(ExitCode::from(1))
}

/// `yishi append`: the record is verified first; the new events' sealed
/// lines go to stdout only when every one of them is accepted, so
/// `>> record.jsonl` never adds part of a batch (and, after a record whose
/// last line has no newline, they start with one).
fn append(
    out: &mut impl Write,
    record: &Path,
    events: &Path,
    expect_head: Option<&str>,
    lang: Lang,
) -> io::Result<ExitCode> {
    if record == Path::new("-") && events == Path::new("-") {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the record and the events cannot both be read from stdin",
        ));
    }
    // A wrong path is told before a long record is replayed.
    let mut events_reader = open(events)?;
    let mut open_end = false;
    let heads = Heads {
        end: expect_head,
        earlier: &[],
    };
    let replayed = replay(record, heads, &mut open_end)?.and_then(not_empty);
    let mut ledger = match replayed {
        Ok(l) => l,
        Err(refusal) => {
            refuse(&mut io::stderr().lock(), &refusal, lang)?;
            return Ok(ExitCode::from(1));
        }
    };
    let mut bytes = Vec::new();
    events_reader
        .read_to_end(&mut bytes)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot read {}: {e}", events.display())))?;
    match ledger.apply_bytes(&bytes) {
        Ok(lines) => {
            // A record whose last line has no newline: without one here,
            // `>> record.jsonl` would join the first new line to it.
            if open_end && !lines.is_empty() {
                say!(out)?;
            }
            out.write_all(lines.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            refuse(&mut io::stderr().lock(), &e, lang)?;
            Ok(ExitCode::from(1))
        }
    }
}

/// `yishi verify` of one record: its verdict on `out`, exit 0 or 1. Alone
/// (`among` is `None`), the process ends after it and the ledger is not
/// freed (freeing a large community's state one allocation at a time would
/// only cost time); among several, the verdict starts with the record's
/// name (`--json`: a `"file"` member first).
fn verify(
    out: &mut impl Write,
    record: &Path,
    heads: Heads,
    lang: Lang,
    json: bool,
    among: Option<&Path>,
) -> io::Result<ExitCode> {
    let verdict = replay_to(record, heads)?;
    // The earlier heads the record was found to hold, as hashes are written.
    let earlier: Vec<String> = heads
        .earlier
        .iter()
        .map(|h| h.to_ascii_lowercase())
        .collect();
    if json {
        // Written as it is, not through a `serde_json::Value` (whose map
        // sorts keys): {"events", "head"} (then "extends") or {"error":
        // {"code", "seq", "message"}}, as `--help` says, after a "file"
        // member when asked.
        out.write_all(b"{")?;
        write_file_member(out, among)?;
        match &verdict {
            Ok(l) => {
                let summary = serde_json::to_string(&l.summary())?;
                let members = &summary[1..summary.len() - 1];
                out.write_all(members.as_bytes())?;
                if !earlier.is_empty() {
                    write!(out, ",\"extends\":{}", serde_json::to_string(&earlier)?)?;
                }
                out.write_all(b"}")?;
            }
            Err(refusal) => write_error_member(out, refusal)?,
        }
        say!(out)?;
    } else {
        if let Some(name) = among {
            write!(out, "{}: ", yishi::escape_controls(&name.to_string_lossy()))?;
        }
        match &verdict {
            Ok(l) => {
                write!(out, "ok: {} events verified, head {}", l.len(), l.head())?;
                match &earlier[..] {
                    [] => {}
                    [head] => write!(out, "; it extends the record published with head {head}")?,
                    heads => write!(
                        out,
                        "; it extends the records published with heads {}",
                        heads.join(", ")
                    )?,
                }
                say!(out)?;
            }
            Err(refusal) => refuse(out, refusal, lang)?,
        }
    }
    match verdict {
        Ok(l) => {
            if among.is_none() {
                std::mem::forget(l);
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(_) => Ok(ExitCode::from(1)),
    }
}

/// `yishi verify` of several records (a year of a city's records): `jobs`
/// at a time (by default as many as the machine has cores), each verdict
/// written after its file's name (`--json`: a `"file"` member first, one
/// line each) in the order given, as soon as the records before it are
/// done. A record that cannot be read is told on stderr (`--json`: its line
/// holds a `record.read` error) and the others are still verified. Exit 2
/// when one could not be read, else 1 when one was refused, else 0.
fn verify_many(
    out: &mut impl Write,
    records: &[PathBuf],
    jobs: Option<NonZeroUsize>,
    lang: Lang,
    json: bool,
) -> io::Result<ExitCode> {
    if records.iter().filter(|r| *r == Path::new("-")).count() > 1 {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "stdin (`-`) can be read once only",
        ));
    }
    /// One record's verdict: what goes to stdout, or why it could not be read.
    type Verdict = io::Result<(Vec<u8>, ExitCode)>;
    let one = |record: &Path| -> Verdict {
        let mut text = Vec::new();
        let code = verify(
            &mut text,
            record,
            Heads::default(),
            lang,
            json,
            Some(record),
        )?;
        Ok((text, code))
    };
    let next = std::sync::atomic::AtomicUsize::new(0);
    let workers = jobs
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, usize::from)
        .min(records.len());
    let (send, verdicts) = std::sync::mpsc::channel::<(usize, Verdict)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let send = send.clone();
            let (next, one) = (&next, &one);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(record) = records.get(i) else { break };
                if send.send((i, one(record))).is_err() {
                    break;
                }
            });
        }
        drop(send);
        // Verdicts are written in the order of the records given, each as
        // soon as those before it are.
        let mut waiting = std::collections::BTreeMap::new();
        let (mut shown, mut refused, mut unread) = (0, false, false);
        for (i, verdict) in verdicts {
            waiting.insert(i, verdict);
            while let Some(verdict) = waiting.remove(&shown) {
                match verdict {
                    Ok((text, code)) => {
                        refused |= code != ExitCode::SUCCESS;
                        out.write_all(&text)?;
                    }
                    Err(e) => {
                        unread = true;
                        if json {
                            write_read_failure(out, Some(&records[shown]), &e)?;
                        } else {
                            out.flush()?;
                            esay!("yishi: {e}");
                        }
                    }
                }
                out.flush()?;
                shown += 1;
            }
        }
        Ok(ExitCode::from(match (unread, refused) {
            (true, _) => 2,
            (false, true) => 1,
            (false, false) => 0,
        }))
    })
}

fn fig(t: &Tallied, lang: Lang) -> String {
    match t {
        Tallied::Figure(f) => {
            if lang == Lang::Zh {
                format!("{} 人 / {} m²", f.heads, f.area)
            } else {
                let owners = if f.heads == 1 { "owner" } else { "owners" };
                format!("{} {owners} / {} m²", f.heads, f.area)
            }
        }
        Tallied::Count(c) => c.heads.to_string(),
    }
}

/// The record's length and head, then each result (those of `meeting`
/// when one is asked for, saying so when the record holds none).
/// `yishi tally` in words: every result, or `meeting`'s, each computed
/// and written in turn; whether there was any.
fn print_tally(
    out: &mut impl Write,
    l: &Ledger,
    meeting: Option<&str>,
    lang: Lang,
) -> io::Result<bool> {
    say_record(out, l.len(), l.head(), lang)?;
    let mut found = false;
    let results: Box<dyn Iterator<Item = MotionResult>> = match meeting {
        Some(m) => Box::new(l.meeting_results(m).unwrap_or_default().into_iter()),
        None => Box::new(l.results_iter()),
    };
    for r in results {
        found = true;
        print_result(out, &r, lang)?;
    }
    if let (Some(m), false) = (meeting, found) {
        say_no_meeting(out, m, lang)?;
    }
    Ok(found)
}

/// The results object of `tally --json`, written one member at a time:
/// `(meeting, motion)` ids in key order ([`Ledger::result_ids`]), each
/// result computed as it is written.
struct ResultsById<'a>(&'a Ledger, &'a [(&'a str, &'a str)]);

impl serde::Serialize for ResultsById<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.1.len()))?;
        for &(meeting, motion) in self.1 {
            if let Some(r) = self.0.result(meeting, motion) {
                map.serialize_entry(&format!("{meeting}/{motion}"), &r)?;
            }
        }
        map.end()
    }
}

/// The first line of `tally` and `ballots`: the record's length and head.
fn say_record(
    out: &mut impl Write,
    events: impl std::fmt::Display,
    head: impl std::fmt::Display,
    lang: Lang,
) -> io::Result<()> {
    let label = if lang == Lang::Zh { "记录" } else { "record" };
    say!(out, "{label} {events} · head {head}")
}

/// A `--meeting` the record does not hold, said so.
fn say_no_meeting(out: &mut impl Write, meeting: &str, lang: Lang) -> io::Result<()> {
    if lang == Lang::Zh {
        say!(out, "本记录中没有会议 {meeting}")
    } else {
        say!(out, "the record holds no meeting {meeting}")
    }
}

fn print_result(out: &mut impl Write, r: &MotionResult, lang: Lang) -> io::Result<()> {
    let zh = lang == Lang::Zh;
    say!(out)?;
    say!(
        out,
        "{}/{}  {}  [{}{}]",
        r.meeting,
        r.motion,
        r.title.as_deref().unwrap_or(""),
        if zh {
            format!("{} {}", r.outcome.zh(), r.outcome)
        } else {
            r.outcome.to_string()
        },
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
    // The five figures name what each body counts.
    let labels = match (r.body, zh) {
        (Body::FiveParty, true) => ["五方", "表态各方", "支持", "反对", "弃权"],
        (Body::FiveParty, false) => ["parties", "responding", "support", "object", "abstain"],
        (Body::Committee, true) => ["全体委员", "参与表决", "同意", "反对", "弃权"],
        (Body::Committee, false) => ["members", "participating", "yes", "no", "abstain"],
        (Body::Assembly, true) => ["全体业主", "参与表决", "同意", "反对", "弃权"],
        (Body::Assembly, false) => ["electorate", "participating", "yes", "no", "abstain"],
    };
    for (label, t) in
        labels
            .iter()
            .zip([&r.electorate, &r.participating, &r.yes, &r.no, &r.abstain])
    {
        say!(out, "  {} {}", pad(label, 14), fig(t, lang))?;
    }
    for c in &r.checks {
        // An objection block that holds stops the motion: marked as a
        // warning, not a tick.
        let block = c.check == yishi::CheckKind::ObjectionBlock;
        let moot = r.outcome == yishi::Outcome::NoQuorum && !c.check.is_quorum();
        let held = match (zh, block, c.held) {
            _ if moot && zh => "不适用（未达参与或出席要求）",
            _ if moot => "moot (no quorum)",
            (true, true, true) => "构成阻止",
            (true, true, false) => "未达阻止线",
            (true, false, true) => "达到",
            (true, false, false) => "未达到",
            (false, true, true) => "blocks",
            (false, true, false) => "does not block",
            (false, false, true) => "held",
            (false, false, false) => "not held",
        };
        let (check, dimension) = if zh {
            check_zh(c.check, c.dimension)
        } else {
            (c.check.as_str(), c.dimension.as_str())
        };
        let (check, dimension) = (pad(check, 18), pad(dimension, 5));
        let mark = match (block, c.held) {
            _ if moot => "–",
            (true, true) => "⚠",
            (true, false) => "·",
            (false, true) => "✓",
            (false, false) => "✗",
        };
        say!(
            out,
            "  {mark} {check} {dimension}{} {} / {}  {}  {held}",
            c.subject
                .as_deref()
                .map(|s| format!(" {s}"))
                .unwrap_or_default(),
            c.numerator,
            c.denominator,
            c.threshold,
        )?;
    }
    if let Some(positions) = &r.positions {
        for (party, p) in &positions.0 {
            let (party, position) = if zh {
                let party = party_zh(party).unwrap_or(party);
                let position = match p.position {
                    Stance::Support => "支持",
                    Stance::Object => "反对",
                    Stance::Abstain => "弃权",
                };
                (party, position)
            } else {
                (party.as_str(), p.position.as_str())
            };
            let (open, close, colon, dash) = if zh {
                ("（", "）", "：", "——")
            } else {
                (" (", ")", ": ", " — ")
            };
            say!(
                out,
                "  · {party}{}{colon}{position}{}{}",
                p.representative
                    .as_deref()
                    .map(|r| format!("{open}{r}{close}"))
                    .unwrap_or_default(),
                p.reason
                    .as_deref()
                    .map(|r| format!("{dash}{r}"))
                    .unwrap_or_default(),
                match (p.present, zh) {
                    (true, _) => "",
                    (false, true) => "（未出席，不计）",
                    (false, false) => " (absent, not counted)",
                }
            )?;
        }
    }
    if let Some(e) = &r.elected {
        let names = match (e.is_empty(), zh) {
            (true, true) => "无".to_owned(),
            (true, false) => "none".to_owned(),
            (false, true) => e.join("、"),
            (false, false) => e.join(", "),
        };
        say!(out, "  {} {names}", if zh { "当选" } else { "elected" })?;
    }
    if let Some(t) = r.tied.as_ref().filter(|t| !t.is_empty()) {
        say!(
            out,
            "  {} {}",
            if zh { "末位同票" } else { "tied" },
            t.join(if zh { "、" } else { ", " })
        )?;
    }
    if let Some(d) = &r.revocation_deadline {
        say!(
            out,
            "  {} {d}",
            if zh {
                "请求人民法院撤销的期限（《民法典》第二百八十条第二款：自知道或者应当知道决定作出之日起一年内；自公告之日起算）至"
            } else {
                "revocation may be sought in court (CC 280(2): within a year of knowing of the decision; counted from its declaration) until"
            }
        )?;
    }
    for o in &r.post_result_objections {
        say!(
            out,
            "  {} {} {}{}",
            if zh {
                "会后异议（表决截止或结果公告后提出，不计入、不改变结果）"
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
        let translated = if zh { warning_zh(w) } else { None };
        say!(out, "  ! {}", translated.as_deref().unwrap_or(w))?;
    }
    say!(out, "  {}", r.explain(if zh { "zh" } else { "en" }))?;
    Ok(())
}

/// The core's result warnings (English templates, `{}` where a value goes)
/// and their Chinese, for `tally --lang zh`: the table the web demo reads
/// too (`web-demo/warnings-zh.json`). A test checks that every warning the
/// cases produce has its line there.
fn warnings_zh() -> &'static [(String, String)] {
    static TABLE: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        serde_json::from_str(include_str!("../../web-demo/warnings-zh.json"))
            .expect("web-demo/warnings-zh.json is a list of [English, Chinese] pairs")
    })
}

/// A warning in Chinese, if it follows one of [`warnings_zh`]'s templates;
/// a five-party key among its values is named in Chinese too.
fn warning_zh(w: &str) -> Option<String> {
    warnings_zh().iter().find_map(|(en, zh)| {
        let values = fill(en, w)?;
        let mut out = String::new();
        let mut parts = zh.split("{}");
        out.push_str(parts.next().unwrap_or_default());
        for (part, value) in parts.zip(values) {
            out.push_str(party_zh(value).unwrap_or(value));
            out.push_str(part);
        }
        Some(out)
    })
}

/// The values `text` puts where `template` has `{}`, if it follows it.
fn fill<'a>(template: &str, text: &'a str) -> Option<Vec<&'a str>> {
    let mut parts = template.split("{}");
    let mut rest = text.strip_prefix(parts.next().unwrap_or_default())?;
    let mut values = Vec::new();
    let parts: Vec<&str> = parts.collect();
    for (i, part) in parts.iter().enumerate() {
        let end = if i + 1 == parts.len() {
            // The last literal closes the text.
            rest.strip_suffix(part)?.len()
        } else {
            rest.find(part)?
        };
        values.push(&rest[..end]);
        rest = &rest[end + part.len()..];
    }
    // The last literal took the text's end; without `{}`, the prefix must be all of it.
    rest.is_empty().then_some(values)
}

/// A five-party key in Chinese.
fn party_zh(key: &str) -> Option<&'static str> {
    Some(match key {
        "party_branch" => "社区党组织",
        "residents_committee" => "居民委员会",
        "owners_committee" => "业主委员会",
        "property_company" => "物业服务企业",
        "owner_representatives" => "业主代表",
        _ => return None,
    })
}

/// `s` padded with spaces to `width` terminal columns (a CJK character
/// takes two).
fn pad(s: &str, width: usize) -> String {
    let columns: usize = s.chars().map(|c| if c >= '\u{1100}' { 2 } else { 1 }).sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(columns)))
}

/// A check's name and dimension in Chinese, for `tally --lang zh`.
fn check_zh(k: yishi::CheckKind, d: yishi::Dimension) -> (&'static str, &'static str) {
    use yishi::CheckKind::*;
    let check = match k {
        Quorum => "参与表决",
        Majority => "同意",
        Election => "候选人得票",
        Unanimity => "全体同意",
        ObjectionBlock => "受保护业主异议",
        CommitteeQuorum => "委员出席",
        CommitteeDecision => "委员同意",
        FivePartyQuorum => "五方出席",
        Objecting => "出席方反对",
        Supporting => "出席方支持",
    };
    let dimension = match (d, k) {
        (yishi::Dimension::Area, _) => "面积",
        (_, FivePartyQuorum | Objecting | Supporting) => "方数",
        _ => "人数",
    };
    (check, dimension)
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
        } else if p.exists() {
            files.push(p.clone());
        } else {
            // A wrong path is a usage error, like a record that cannot be opened.
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!(
                    "cannot open {}: no such case file or directory",
                    p.display()
                ),
            ));
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
            .and_then(|t| {
                yishi::conformance::run_case_text(&t).map_err(|e| {
                    let why = e
                        .message()
                        .trim_start_matches("not valid JSON for a record: ");
                    format!("the file is not JSON: {why}")
                })
            }) {
            Ok(report) => report,
            Err(e) => yishi::conformance::CaseReport {
                name: f.display().to_string(),
                passed: false,
                differences: vec![format!("cannot read the case file: {e}")],
            },
        };
        if report.passed {
            passed += 1;
        } else {
            failed += 1;
            say!(
                out,
                "FAIL {} ({}): {}",
                report.name,
                f.display(),
                report.differences.join("; ")
            )?;
        }
    }
    say!(out, "{passed} passed, {failed} failed")?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every warning the conformance cases produce reads in Chinese, and
    /// every line of the table is used by some case (a warning whose
    /// English changed would otherwise silently lose its Chinese).
    #[test]
    fn every_warning_has_its_chinese() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut used = vec![false; warnings_zh().len()];
        let mut seen = 0;
        for dir in [root.join("tests/cases"), root.join("../shared/conformance")] {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let text = std::fs::read_to_string(entry.path()).expect("a case file");
                let case: serde_json::Value = serde_json::from_str(&text).expect("JSON");
                let Ok(ledger) = yishi::conformance::replay_case(&case) else {
                    continue;
                };
                for r in ledger.results() {
                    for w in &r.warnings {
                        seen += 1;
                        let i = warnings_zh()
                            .iter()
                            .position(|(en, _)| fill(en, w).is_some());
                        let i = i.unwrap_or_else(|| panic!("no Chinese for the warning {w:?}"));
                        used[i] = true;
                        let zh = warning_zh(w).expect("translated");
                        assert!(!zh.contains("{}"), "{zh}");
                    }
                }
            }
        }
        assert!(seen > 0, "the cases produce warnings");
        let unused: Vec<&str> = warnings_zh()
            .iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
            .map(|((en, _), _)| en.as_str())
            .collect();
        assert!(unused.is_empty(), "no case produces: {unused:?}");
    }

    #[test]
    fn templates_fill_their_values() {
        assert_eq!(
            warning_zh("\"王芳\" represents both owners_committee and owner_representatives")
                .as_deref(),
            Some("“王芳”同时代表业主委员会和业主代表")
        );
        assert_eq!(
            warning_zh("voided ballots of this meeting: 3, 1 of them after voting closed")
                .as_deref(),
            Some("本次会议作废的表决票：3 张，其中 1 张在表决截止后作废")
        );
        assert_eq!(warning_zh("voting was closed before closes_at!"), None);
        assert_eq!(warning_zh("an unknown warning"), None);
        // A text that only starts like a template, with a multi-byte tail.
        assert_eq!(warning_zh("the unanimity group is empty: 中"), None);
    }
}

//! The mutation check of issue 7: random single-byte mutations of a valid
//! sealed record are all refused with a spec code; none is accepted (except a
//! change of the final newline) and none panics — through the library
//! (1,000 mutations) and through the `yishi verify` CLI (300 mutations).

use crate::common::{cli, is_spec_code, mutate_byte, verify_both, Rng};
use std::io::Write;
use std::process::{Command, Stdio};

const SEED: u64 = 0x7969_7368_6920_0001;

/// The record under test and its mutations: (position, mutated bytes).
fn mutations(n: usize, seed: u64) -> (Vec<u8>, Vec<(usize, Vec<u8>)>) {
    let record = yishi_tests::sample::record().into_bytes();
    let mut rng = Rng(seed);
    let muts = (0..n)
        .map(|_| {
            let pos = rng.below(record.len());
            let delta = 1 + rng.below(255) as u8;
            (pos, mutate_byte(&record, pos, delta))
        })
        .collect();
    (record, muts)
}

#[test]
fn library_refuses_1000_single_byte_mutations() {
    let (record, muts) = mutations(1000, SEED);
    assert!(yishi::verify_record(std::str::from_utf8(&record).unwrap()).is_ok());
    let mut accepted_final_newline = 0;
    let mut codes = std::collections::BTreeMap::new();
    for (i, (pos, bytes)) in muts.iter().enumerate() {
        match verify_both(bytes) {
            Some((code, seq)) => {
                assert!(is_spec_code(code), "mutation #{i} (byte {pos}, seed {SEED:#x}) refused with {code}, not a spec code");
                assert!(seq >= 1);
                *codes.entry(code).or_insert(0) += 1;
            }
            None => {
                assert_eq!(
                    *pos,
                    record.len() - 1,
                    "mutation #{i} (byte {pos}, seed {SEED:#x}) was accepted"
                );
                accepted_final_newline += 1;
            }
        }
    }
    eprintln!("1000 mutations: refused {codes:?}; final newline changed and accepted: {accepted_final_newline}");
}

fn verify_with_cli(bytes: &[u8]) -> (Option<i32>, String, String) {
    run_cli(&["verify", "-"], bytes)
}

#[test]
fn cli_verify_refuses_mutations_and_never_panics() {
    let (record, muts) = mutations(300, SEED ^ 0xc11);
    let (code, out, _) = verify_with_cli(&record);
    assert_eq!(code, Some(0), "the intact record verifies: {out}");
    assert!(out.starts_with("ok: "), "{out}");
    for (i, (pos, bytes)) in muts.iter().enumerate() {
        let (code, out, err) = verify_with_cli(bytes);
        assert_ne!(
            code,
            Some(101),
            "mutation #{i} (byte {pos}) made the CLI panic: {err}"
        );
        assert!(
            code.is_some(),
            "mutation #{i} (byte {pos}): the CLI was killed by a signal"
        );
        if code == Some(0) {
            assert_eq!(
                *pos,
                record.len() - 1,
                "mutation #{i} (byte {pos}) was accepted by `yishi verify`"
            );
            continue;
        }
        assert_eq!(
            code,
            Some(1),
            "mutation #{i} (byte {pos}): exit {code:?}, stdout {out}, stderr {err}"
        );
        let first = out.split_whitespace().next().unwrap_or_default();
        assert!(
            is_spec_code(first),
            "mutation #{i} (byte {pos}): `{}` does not start with a spec code",
            out.trim()
        );
        assert!(out.contains(" at seq "), "{out}");
    }
}

/// Every single-byte change of a small record, at every position and to
/// every other byte value, is refused (only the final newline may change).
/// The record holds what re-spelling could hide behind: every kind of
/// escape RFC 8785 writes (`\"`, `\\`, `\b`, `\t`, `\n`, `\f`, `\r`, and
/// `\u00xx` with hex letters), non-ASCII text, a negative integer and
/// an array of objects. A verifier reads any JSON spelling of an event (spec §1 hashes its
/// canonical form), so this checks that no *single* byte can re-spell one
/// (a `\u` escape's hex letters are held to lower case).
#[test]
fn every_single_byte_change_of_a_small_record_is_refused() {
    let events = vec![
        serde_json::json!({"at": "2026-10-08T09:00:00+08:00", "kind": "community.registered",
            "data": {"community": "c", "name": "碧\"湖\\\u{8}\t\n\u{c}\r\u{1b}\u{1f}é",
                     "units": [{"id": "1-1", "floor": -2, "area": "100", "owner": "o1"}]}}),
        serde_json::json!({"at": "2026-10-08T09:01:00+08:00", "kind": "rules.adopted",
            "data": {"rules": "r1", "preset": "civil-code-2021"}}),
    ];
    let record = yishi::seal(&events).expect("valid").into_bytes();
    let text = std::str::from_utf8(&record).unwrap();
    assert!(
        text.contains(r"\u001b")
            && text.contains(r"\u001f")
            && text.contains(r#"\"湖\\\b\t\n\f\r"#)
    );
    let mut refused = 0;
    for pos in 0..record.len() {
        for delta in 1..=255u8 {
            match verify_both(&mutate_byte(&record, pos, delta)) {
                Some((code, _)) => {
                    assert!(is_spec_code(code), "byte {pos} + {delta}: {code}");
                    refused += 1;
                }
                None => assert_eq!(pos, record.len() - 1, "byte {pos} + {delta} was accepted"),
            }
        }
    }
    assert!(refused >= (record.len() - 1) * 255);
}

/// A record that cannot be read is an error of the tool (exit 2), not a
/// verdict on a record (exit 1), and the message names the file.
#[test]
fn cli_names_a_file_it_cannot_open() {
    let missing = std::env::temp_dir().join("yishi-no-such-record.jsonl");
    for cmd in ["verify", "tally", "seal"] {
        let out = Command::new(cli())
            .arg(cmd)
            .arg(&missing)
            .output()
            .expect("the CLI starts");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{cmd}: {err}");
        assert!(
            err.contains(&format!("cannot open {}", missing.display())),
            "{cmd}: {err}"
        );
    }
    // With --json, the output stays JSON: a record.read verdict at event 1
    // on stdout, still exit 2, nothing on stderr.
    for cmd in ["verify", "tally", "ballots"] {
        let out = Command::new(cli())
            .args([cmd, "--json"])
            .arg(&missing)
            .output()
            .expect("the CLI starts");
        assert_eq!((out.status.code(), out.stderr.len()), (Some(2), 0), "{cmd}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(
            (v["error"]["code"].as_str(), v["error"]["seq"].as_u64()),
            (Some("record.read"), Some(1)),
            "{cmd}"
        );
        assert!(
            v["error"]["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("cannot open ")),
            "{cmd}: {v}"
        );
    }
}

/// What is wrong with the command rather than the record is a usage error
/// (exit 2, naming the culprit): a directory given as a file, a published
/// head that is no hash, conformance paths holding no case. `--expect-head`
/// tells a record cut short from one that went on after publication.
#[test]
fn cli_usage_errors_and_published_heads() {
    let run = |args: &[&std::ffi::OsStr]| {
        let out = Command::new(cli())
            .args(args)
            .output()
            .expect("the CLI starts");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let dir = std::env::temp_dir().join("yishi-cli-usage");
    let cases = dir.join("no-cases");
    std::fs::create_dir_all(&cases).expect("a temporary directory");
    for cmd in ["verify", "tally", "seal"] {
        let (code, _, err) = run(&[cmd.as_ref(), dir.as_os_str()]);
        assert_eq!(code, Some(2), "{cmd}: {err}");
        assert!(
            err.contains(&format!("cannot read {}: it is a directory", dir.display())),
            "{cmd}: {err}"
        );
    }
    let (code, _, err) = run(&["conformance".as_ref(), cases.as_os_str()]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("no case files"), "{err}");

    // A record of 3 events, and the same cut after event 2.
    let events = yishi_tests::sample::opening_events();
    let mut ledger = yishi::Ledger::new();
    let mut heads = Vec::new();
    for e in events.iter().take(3) {
        ledger.apply(e).expect("valid");
        heads.push(ledger.head().to_owned());
    }
    let record = ledger.to_record();
    let full = dir.join("full.jsonl");
    let cut = dir.join("cut.jsonl");
    std::fs::write(&full, &record).expect("write");
    let two: String = record.lines().take(2).map(|l| format!("{l}\n")).collect();
    std::fs::write(&cut, two).expect("write");
    let verify = |file: &std::path::Path, head: &str| {
        run(&[
            "verify".as_ref(),
            file.as_os_str(),
            "--expect-head".as_ref(),
            head.as_ref(),
        ])
    };
    assert_eq!(verify(&full, &heads[2]).0, Some(0));
    // Any case of the hex digits is the same hash.
    assert_eq!(verify(&full, &heads[2].to_ascii_uppercase()).0, Some(0));
    let (code, _, err) = verify(&full, "not-a-hash");
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("64 hexadecimal digits"), "{err}");
    // Cut short: event 3 is missing.
    let (code, out, _) = verify(&cut, &heads[2]);
    assert_eq!(code, Some(1));
    assert!(
        out.starts_with("record.prev_mismatch at seq 3: the record ends at head"),
        "{out}"
    );
    // Went on after publication: event 3 was added after head 2.
    let (code, out, _) = verify(&full, &heads[1]);
    assert_eq!(code, Some(1));
    assert!(
        out.starts_with(
            "record.prev_mismatch at seq 3: the published head is the hash of event 2; event 3 was added after it"
        ),
        "{out}"
    );
}

/// Starts the CLI with `args`, its stdin and stderr piped, stdout to `stdout`.
fn spawn_cli(args: &[&str], stdout: Stdio) -> std::process::Child {
    Command::new(cli())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI starts")
}

/// Runs the CLI with `args` and `stdin`: (exit code, stdout, stderr).
fn run_cli(args: &[&str], stdin: &[u8]) -> (Option<i32>, String, String) {
    let mut child = spawn_cli(args, Stdio::piped());
    let mut input = child.stdin.take().expect("stdin");
    // The CLI may stop reading early (a refused record): a closed pipe here is fine.
    let _ = input.write_all(stdin);
    drop(input);
    let out = child.wait_with_output().expect("the CLI ends");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Text from a record reaches the terminal with its control characters
/// escaped: a title holding a newline and `ESC[8m` (hidden text) cannot forge
/// a line or hide the real outcome; ids in error messages are escaped too,
/// by the library itself.
#[test]
fn cli_escapes_control_characters_from_the_record() {
    let mut events = yishi_tests::sample::opening_events();
    let title = "选聘物业\n2026-01/pm  选聘物业  [failed]\u{1b}[8m\u{202e}";
    let convened = events
        .iter_mut()
        .find(|e| e["kind"] == "meeting.convened")
        .expect("the sample convenes a meeting");
    convened["data"]["motions"][0]["title"] = title.into();
    let meeting = convened["data"]["meeting"].as_str().unwrap().to_owned();
    let record = yishi::seal(&events).expect("the sample seals");
    for lang in ["zh", "en"] {
        let (code, out, err) = run_cli(&["tally", "-", "--lang", lang], record.as_bytes());
        assert_eq!(code, Some(0), "{err}");
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{202e}'),
            "{out}"
        );
        assert!(out.contains(r"选聘物业\u{a}2026-01/pm"), "{out}");
        assert!(out.contains(r"\u{1b}[8m\u{202e}"), "{out}");
    }
    // An id in an error message: a ballot for a motion named with escapes.
    let mut bad = record.clone();
    let mut ledger = yishi::Ledger::from_record(&record).expect("verifies");
    let ballot = serde_json::json!({"at": "2026-11-21T09:00:00+08:00", "kind": "ballot.cast",
        "data": {"meeting": meeting, "voter": "o1", "channel": "online", "votes": {"x\r\u{1b}[2K": "yes"}}});
    let err = ledger.apply(&ballot).expect_err("refused");
    // The library's message has them escaped already, for any log or page.
    assert_eq!(
        err.message(),
        r#"meeting "2026-01" has no motion "x\u{d}\u{1b}[2K""#,
        "{err}"
    );
    let line = format!(
        "{}\n",
        yishi::to_canonical_string(
            &serde_json::json!({"seq": ledger.len() + 1, "at": ballot["at"],
            "kind": "ballot.cast", "data": ballot["data"], "prev": ledger.head()})
        )
    );
    bad.push_str(&line);
    let (code, out, _) = run_cli(&["verify", "-"], bad.as_bytes());
    assert_eq!(code, Some(1), "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\r'), "{out:?}");
}

/// What cannot be written is an error (exit 2), never a silent success;
/// a reader that goes away ends the tool quietly with 141 (128 + SIGPIPE).
#[test]
fn cli_reports_output_it_cannot_write() {
    let record = yishi_tests::sample::record();
    if std::path::Path::new("/dev/full").exists() {
        for args in [
            &["verify", "-"][..],
            &["tally", "-"],
            &["tally", "--json", "-"],
            &["--help"],
            &["ballots", "--help"],
            &["--version"],
        ] {
            let full = std::fs::File::create("/dev/full").expect("/dev/full");
            let mut child = spawn_cli(args, full.into());
            let _ = child.stdin.take().unwrap().write_all(record.as_bytes());
            let out = child.wait_with_output().expect("the CLI ends");
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
            assert!(err.contains("cannot write the output"), "{args:?}: {err}");
        }
    }
    // The reader goes away before the tool writes anything: the tool is
    // still reading its stdin when the pipe closes, so its first write fails.
    for args in [
        &["verify", "-"][..],
        &["tally", "-"],
        &["tally", "--json", "-"],
    ] {
        let mut child = spawn_cli(args, Stdio::piped());
        drop(child.stdout.take());
        let _ = child.stdin.take().unwrap().write_all(record.as_bytes());
        let out = child.wait_with_output().expect("the CLI ends");
        assert_eq!(out.status.code(), Some(141), "{args:?}");
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// An empty file is no record (spec §2: a record starts with
/// `community.registered`), and a file that cannot be read is an error of
/// the tool (exit 2), not a refused record (exit 1).
#[test]
fn cli_refuses_empty_records_and_reports_read_errors() {
    for cmd in ["verify", "tally"] {
        let (code, out, err) = run_cli(&[cmd, "-"], b"");
        assert_eq!(code, Some(1), "{cmd}: {out}{err}");
        assert!(
            format!("{out}{err}").contains("community.missing at seq 1: the record is empty"),
            "{cmd}: {out}{err}"
        );
    }
    for input in [&b""[..], b"[]", b" \n\n "] {
        let (code, _, err) = run_cli(&["seal", "-"], input);
        assert_eq!(code, Some(1), "{err}");
        assert!(err.starts_with("community.missing at seq 1"), "{err}");
    }
    // Text that is not UTF-8 is a record.parse at its event, for seal as for verify.
    let events = yishi_tests::sample::opening_events();
    let mut lines: Vec<u8> = events
        .iter()
        .take(2)
        .flat_map(|e| format!("{e}\n").into_bytes())
        .collect();
    lines.extend_from_slice(b"{\"at\": \"\xFF\"}\n");
    let (code, _, err) = run_cli(&["seal", "-"], &lines);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.starts_with("record.parse at seq 3: the text is not valid UTF-8"),
        "{err}"
    );
    #[cfg(target_os = "linux")]
    for cmd in ["verify", "tally"] {
        // /proc/self/mem opens, but reading it from the start fails (EIO).
        let (code, _, err) = run_cli(&[cmd, "/proc/self/mem"], b"");
        assert_eq!(code, Some(2), "{cmd}: {err}");
        assert!(err.contains("cannot read /proc/self/mem"), "{cmd}: {err}");
    }
    let (code, _, err) = run_cli(&["conformance", "no-such-cases-dir"], b"");
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("cannot open no-such-cases-dir"), "{err}");
}

/// `--expect-head` locates the published head by the hash of each event, not
/// by searching the text (a head copied into a string is not an event), and
/// reads the same from a file and from stdin.
#[test]
fn cli_expect_head_names_the_event_whose_hash_it_is() {
    let events = yishi_tests::sample::opening_events();
    let mut ledger = yishi::Ledger::new();
    for e in events.iter().take(3) {
        ledger.apply(e).expect("valid");
    }
    let published = ledger.head().to_owned();
    // Event 4 holds, in a string, a hash that is no event's.
    let foreign = "ab".repeat(32);
    let copy = serde_json::json!({"at": "2099-10-08T09:59:00+08:00", "kind": "rules.adopted",
        "data": {"rules": foreign, "preset": "civil-code-2021"}});
    ledger.apply(&copy).expect("an id may be any string");
    let text = ledger.to_record();
    let dir = std::env::temp_dir().join("yishi-cli-expect-head");
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let file = dir.join("record.jsonl");
    std::fs::write(&file, &text).expect("write");
    let from_file = run_cli(
        &[
            "verify",
            file.to_str().unwrap(),
            "--expect-head",
            &published,
        ],
        b"",
    );
    let from_stdin = run_cli(
        &["verify", "-", "--expect-head", &published],
        text.as_bytes(),
    );
    assert_eq!(from_file, from_stdin);
    let (code, out, _) = from_file;
    assert_eq!(code, Some(1));
    assert!(
        out.starts_with("record.prev_mismatch at seq 4: the published head is the hash of event 3; event 4 was added after it"),
        "{out}"
    );
    // `tally` refuses the same record with the same words, on stderr.
    let (code, out, err) = run_cli(
        &["tally", "-", "--expect-head", &published],
        text.as_bytes(),
    );
    assert_eq!(code, Some(1));
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("the published head is the hash of event 3"),
        "{err}"
    );
    let (code, _, err) = run_cli(
        &["tally", "-", "--expect-head", ledger.head()],
        text.as_bytes(),
    );
    assert_eq!(code, Some(0), "{err}");
    // A hash written in event 4's text is not taken for event 4's hash.
    let (code, out, _) = run_cli(&["verify", "-", "--expect-head", &foreign], text.as_bytes());
    assert_eq!(code, Some(1));
    assert!(out.contains("no event of it has that hash"), "{out}");
}

/// `verify --extends`: this week's record holds last week's head (in any
/// case, as any of its events, with `--expect-head` too) or is refused after
/// its last event; a record rewritten from an early event on holds none of
/// the heads published before, though it verifies on its own.
#[test]
fn cli_verify_extends_an_earlier_publication() {
    let events = yishi_tests::sample::opening_events();
    let mut ledger = yishi::Ledger::new();
    let mut heads = Vec::new();
    for e in &events {
        ledger.apply(e).expect("valid");
        heads.push(ledger.head().to_owned());
    }
    let n = heads.len();
    assert!(n >= 4, "{n} events");
    let text = ledger.to_record();
    let verify = |args: &[&str], record: &str| {
        let mut all = vec!["verify", "-"];
        all.extend_from_slice(args);
        run_cli(&all, record.as_bytes())
    };
    let (code, out, err) = verify(&["--extends", &heads[1]], &text);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        out,
        format!(
            "ok: {n} events verified, head {}; it extends the record published with head {}\n",
            heads[n - 1],
            heads[1]
        )
    );
    let upper = heads[1].to_ascii_uppercase();
    let (code, out, _) = verify(&["--extends", &upper, "--json"], &text);
    assert_eq!(code, Some(0));
    assert_eq!(
        out,
        format!(
            "{{\"events\":{n},\"head\":\"{}\",\"extends\":[\"{}\"]}}\n",
            heads[n - 1],
            heads[1]
        )
    );
    let (code, out, _) = verify(
        &[
            "--extends",
            &heads[0],
            "--extends",
            &heads[n - 1],
            "--expect-head",
            &heads[n - 1],
        ],
        &text,
    );
    assert_eq!(code, Some(0));
    assert!(
        out.ends_with(&format!(
            "; it extends the records published with heads {}, {}\n",
            heads[0],
            heads[n - 1]
        )),
        "{out}"
    );
    // Without --extends the verdict is as it was.
    let (_, out, _) = verify(&["--json"], &text);
    assert_eq!(
        out,
        format!("{{\"events\":{n},\"head\":\"{}\"}}\n", heads[n - 1])
    );

    // Cut short before the earlier head: refused after its last event.
    let cut: String = text.lines().take(2).map(|l| format!("{l}\n")).collect();
    let (code, out, _) = verify(&["--extends", &heads[2], "--lang", "en"], &cut);
    assert_eq!(code, Some(1));
    assert!(
        out.starts_with(&format!(
            "record.prev_mismatch at seq 3: no event of the record (ending at event 2, head {}) has the hash {}",
            heads[1], heads[2]
        )),
        "{out}"
    );
    assert!(
        out.contains("--extends"),
        "the meaning names the option: {out}"
    );

    // Rewritten from event 1 on: the community's name changed, all sealed again.
    let mut changed = events.clone();
    changed[0]["data"]["name"] = serde_json::json!("改写的小区");
    let rewritten = yishi::seal(&changed).expect("seals");
    let (code, _, _) = verify(&[], &rewritten);
    assert_eq!(code, Some(0), "the rewritten record verifies on its own");
    let (code, out, _) = verify(&["--extends", &heads[1], "--json"], &rewritten);
    assert_eq!(code, Some(1));
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["error"]["code"], "record.prev_mismatch");
    assert_eq!(v["error"]["seq"], n + 1);
    // With --expect-head too: both are checked, the end first.
    let (code, out, _) = verify(
        &[
            "--expect-head",
            &heads[n - 1],
            "--extends",
            &heads[1],
            "--json",
        ],
        &rewritten,
    );
    assert_eq!(code, Some(1));
    assert!(out.contains("not at the published head"), "{out}");

    // `tally` and `ballots` hold the record to it as `verify` does.
    for cmd in ["tally", "ballots"] {
        let (code, out, err) = run_cli(
            &[cmd, "-", "--extends", &heads[1], "--json"],
            text.as_bytes(),
        );
        assert_ne!(code, Some(2), "{cmd}: {err}");
        assert!(!out.contains("\"error\""), "{cmd}: {out}");
        let (code, out, _) = run_cli(
            &[cmd, "-", "--extends", &heads[1], "--json"],
            rewritten.as_bytes(),
        );
        assert_eq!(code, Some(1), "{cmd}");
        let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        assert_eq!(v["error"]["code"], "record.prev_mismatch", "{cmd}");
        assert_eq!(v["error"]["seq"], n + 1, "{cmd}");
        let (code, _, err) = run_cli(&[cmd, "-", "--extends", "abc"], text.as_bytes());
        assert_eq!(code, Some(2), "{cmd}");
        assert!(err.contains("--extends takes a hash"), "{cmd}: {err}");
    }

    // Usage errors: a bad hash, several records.
    let (code, _, err) = verify(&["--extends", "abc"], &text);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("--extends takes a hash of 64 hexadecimal digits, not \"abc\""),
        "{err}"
    );
    let (code, _, err) = run_cli(
        &[
            "verify",
            "examples/none-a.jsonl",
            "examples/none-b.jsonl",
            "--extends",
            &heads[0],
        ],
        b"",
    );
    assert_eq!(code, Some(2));
    assert!(
        err.contains("--extends is one record's earlier head"),
        "{err}"
    );
}

/// `tally` prints what each of the five parties said, by party, in the
/// chosen language; a party recorded absent is marked as not counted.
#[test]
fn cli_tally_lists_five_party_positions() {
    let case: serde_json::Value = serde_json::from_str(include_str!(
        "../../../shared/conformance/five-party-one-objection-not-agreed.json"
    ))
    .expect("a shared case");
    let record = yishi::seal(case["events"].as_array().expect("events")).expect("seals");
    let ledger = yishi::Ledger::from_record(&record).expect("verifies");
    let result = ledger
        .results()
        .into_iter()
        .find(|r| r.body == yishi::Body::FiveParty)
        .expect("a five-party motion");
    let positions = result.positions.expect("five-party positions");
    let objecting = positions
        .0
        .iter()
        .find(|(_, p)| p.position == yishi::Stance::Object)
        .map(|(party, _)| party.clone())
        .expect("one party objects");
    let (code, zh, _) = run_cli(&["tally", "-"], record.as_bytes());
    assert_eq!(code, Some(0));
    assert!(zh.contains("[未达成一致 not_agreed]"), "{zh}");
    let (_, en, _) = run_cli(&["tally", "-", "--lang", "en"], record.as_bytes());
    assert!(
        en.lines().any(
            |l| l.trim_start().starts_with(&format!("· {objecting}")) && l.contains(": object")
        ),
        "{en}"
    );
    let party_zh = match objecting.as_str() {
        "party_branch" => "社区党组织",
        "residents_committee" => "居民委员会",
        "owners_committee" => "业主委员会",
        "property_company" => "物业服务企业",
        _ => "业主代表",
    };
    assert!(
        zh.lines()
            .any(|l| l.contains(&format!("· {party_zh}")) && l.contains("：反对")),
        "{zh}"
    );
}

/// `verify` of several records: each verdict is the one `verify` gives that
/// record alone, after the file's name (in JSON, a `"file"` member first),
/// in the order given; the exit status is the worst (2 when one cannot be
/// read, which is told on stderr while the others are still verified).
#[test]
fn cli_verify_many_records() {
    let examples = crate::common::root().join("examples");
    let mut records: Vec<String> = std::fs::read_dir(&examples)
        .expect("examples/")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .map(|p| p.display().to_string())
        .collect();
    records.sort();
    assert!(records.len() >= 4, "the bundled examples");
    let dir = std::env::temp_dir().join(format!("yishi-verify-many-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let tampered = dir.join("tampered.jsonl").display().to_string();
    let text = std::fs::read_to_string(&records[0]).expect("a record");
    let at = text.find("\"yes\"").expect("a yes vote");
    std::fs::write(&tampered, [&text[..at], "\"no\"", &text[at + 5..]].concat()).expect("written");
    let missing = dir.join("missing.jsonl").display().to_string();

    let alone = |record: &str, json: bool| {
        let mut args = vec!["verify", record, "--lang", "en"];
        args.extend(json.then_some("--json"));
        let (code, out, _) = run_cli(&args, b"");
        (code, out)
    };
    // Tampered in second place, so that its verdict is not simply the last.
    let mut given = vec![records[0].clone(), tampered.clone()];
    given.extend(records[1..].iter().cloned());
    let args = |extra: &[&str], list: &[String]| {
        let mut a = vec!["verify".to_owned(), "--lang".to_owned(), "en".to_owned()];
        a.extend(extra.iter().map(|x| x.to_string()));
        a.extend(list.iter().cloned());
        a
    };
    let run = |a: Vec<String>| {
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        run_cli(&a, b"")
    };

    let (code, out, err) = run(args(&[], &given));
    assert_eq!(code, Some(1), "{out}{err}");
    let expected: String = given
        .iter()
        .map(|r| {
            let (c, v) = alone(r, false);
            assert_eq!(c, Some(if *r == tampered { 1 } else { 0 }));
            format!("{r}: {v}")
        })
        .collect();
    assert_eq!(out, expected);
    assert!(
        out.contains(&format!("{tampered}: record.hash_mismatch at seq ")),
        "{out}"
    );

    let (code, out, _) = run(args(&["--json"], &given));
    assert_eq!(code, Some(1));
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), given.len());
    for (line, r) in lines.iter().zip(&given) {
        let mut single: serde_json::Value = serde_json::from_str(&alone(r, true).1).expect("JSON");
        single["file"] = r.as_str().into();
        assert_eq!(line, &single);
        assert_eq!(
            out.lines()
                .find(|l| l.contains(r.as_str()))
                .map(|l| &l[..8]),
            Some("{\"file\":")
        );
    }

    let (code, out, _) = run(args(&[], &records));
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(out.lines().count(), records.len());

    // One at a time, the same verdicts in the same order.
    let (code, one_by_one, _) = run(args(&["--jobs", "1"], &given));
    assert_eq!((code, one_by_one), (Some(1), expected.clone()));

    // A record that cannot be read: told, the others still verified; exit
    // 2 even beside a refused record. In JSON, its line holds record.read.
    let mut with_missing = given.clone();
    with_missing.insert(1, missing.clone());
    let (code, out, err) = run(args(&[], &with_missing));
    assert_eq!(code, Some(2));
    assert_eq!(out, expected, "the others are verified");
    assert!(err.contains(&format!("cannot open {missing}")), "{err}");
    let (code, out, _) = run(args(&["--json"], &with_missing));
    assert_eq!(code, Some(2));
    let line: serde_json::Value =
        serde_json::from_str(out.lines().nth(1).expect("a line per record")).expect("JSON");
    assert_eq!(line["file"], missing.as_str());
    assert_eq!(
        (
            line["error"]["code"].as_str(),
            line["error"]["seq"].as_u64()
        ),
        (Some("record.read"), Some(1))
    );
    assert_eq!(out.lines().count(), with_missing.len());

    // Each verdict is written as soon as the records before it are done:
    // the first is read while stdin, the second record, is still open.
    let mut child = spawn_cli(&["verify", records[0].as_str(), "-"], Stdio::piped());
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line);
        let _ = tx.send(line);
    });
    let first = rx.recv_timeout(std::time::Duration::from_secs(30));
    drop(child.stdin.take());
    let _ = child.wait();
    assert!(
        first
            .as_deref()
            .is_ok_and(|l| l.starts_with(&format!("{}: ok: ", records[0]))),
        "the first verdict before the second record ends: {first:?}"
    );

    // stdin among them, named "-".
    let (code, out, _) = run_cli(
        &["verify", "--lang", "en", records[1].as_str(), "-"],
        &std::fs::read(&records[0]).expect("a record"),
    );
    assert_eq!(code, Some(0));
    assert_eq!(
        out,
        format!(
            "{}: {}-: {}",
            records[1],
            alone(&records[1], false).1,
            alone(&records[0], false).1
        )
    );

    let (code, _, err) = run(args(&["--expect-head", &"0".repeat(64)], &records));
    assert_eq!(code, Some(2));
    assert!(err.contains("--expect-head"), "{err}");
    let (code, _, err) = run(args(&[], &["-".to_owned(), "-".to_owned()]));
    assert_eq!(code, Some(2));
    assert!(err.contains("stdin"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

/// `tally --json`, written one result at a time, is byte for byte the
/// pretty form of [`yishi::Ledger::results_json`], and its members follow
/// [`yishi::Ledger::result_ids`].
#[test]
fn cli_tally_json_is_the_results_object_written_in_turn() {
    let mut records = vec![yishi_tests::sample::record().into_bytes()];
    for e in std::fs::read_dir(crate::common::root().join("examples")).expect("examples") {
        let path = e.expect("entry").path();
        if path.extension().is_some_and(|x| x == "jsonl") {
            records.push(std::fs::read(&path).expect("an example record"));
        }
    }
    assert!(records.len() >= 5, "the sample and four examples");
    for record in records {
        let ledger = yishi::Ledger::replay(&record[..]).expect("verifies");
        let (code, out, _) = run_cli(&["tally", "-", "--json"], &record);
        assert_eq!(code, Some(0));
        let whole = ledger.results_json();
        assert_eq!(out, serde_json::to_string_pretty(&whole).unwrap() + "\n");
        let keys: Vec<String> = ledger
            .result_ids(None)
            .into_iter()
            .map(|(m, mo)| format!("{m}/{mo}"))
            .collect();
        let listed: Vec<&String> = whole.as_object().unwrap().keys().collect();
        assert_eq!(listed, keys.iter().collect::<Vec<_>>());
        assert_eq!(keys.len(), ledger.results().len());
    }
}

/// `tally --meeting M` prints only M's motions, in text and JSON, exactly
/// as the whole tally prints them; a meeting the record does not hold is
/// said so, with exit 1 (an empty selection is not a success).
#[test]
fn cli_tally_of_one_meeting() {
    let path = crate::common::root()
        .join("examples")
        .join("bihu-tree-pruning.jsonl");
    let record = std::fs::read(&path).expect("the example record");
    let ledger = yishi::Ledger::replay(&record[..]).expect("verifies");
    let meetings: Vec<String> = ledger.results().into_iter().map(|r| r.meeting).collect();
    let first = meetings[0].clone();
    assert!(
        meetings.iter().any(|m| m != &first),
        "the example has several meetings"
    );

    let (code, whole, _) = run_cli(&["tally", "-", "--json"], &record);
    assert_eq!(code, Some(0));
    let whole: serde_json::Value = serde_json::from_str(&whole).expect("JSON");
    let (code, one, _) = run_cli(&["tally", "-", "--json", "--meeting", &first], &record);
    assert_eq!(code, Some(0));
    let one: serde_json::Value = serde_json::from_str(&one).expect("JSON");
    let expected: serde_json::Map<String, serde_json::Value> = whole
        .as_object()
        .expect("an object")
        .iter()
        .filter(|(_, r)| r["meeting"] == first.as_str())
        .map(|(k, r)| (k.clone(), r.clone()))
        .collect();
    assert_eq!(
        expected.len(),
        meetings.iter().filter(|m| **m == first).count()
    );
    assert_eq!(one, serde_json::Value::Object(expected));

    // The text is the whole tally's header and the blocks of this meeting.
    let (_, all_text, _) = run_cli(&["tally", "-", "--lang", "en"], &record);
    let (code, one_text, _) = run_cli(
        &["tally", "-", "--lang", "en", "--meeting", &first],
        &record,
    );
    assert_eq!(code, Some(0));
    let blocks: Vec<&str> = all_text.split("\n\n").collect();
    let kept: Vec<&str> = blocks[1..]
        .iter()
        .copied()
        .filter(|b| b.starts_with(&format!("{first}/")))
        .collect();
    assert_eq!(
        one_text.trim_end(),
        [&blocks[..1], &kept[..]].concat().join("\n\n").trim_end()
    );

    for lang in ["zh", "en"] {
        let (code, text, err) = run_cli(
            &["tally", "-", "--lang", lang, "--meeting", "1999-01"],
            &record,
        );
        assert_eq!(code, Some(1), "{err}");
        let said = if lang == "zh" {
            "本记录中没有会议 1999-01"
        } else {
            "the record holds no meeting 1999-01"
        };
        assert_eq!(text.lines().nth(1), Some(said), "{text}");
    }
    let (code, json, err) = run_cli(
        &[
            "tally",
            "-",
            "--json",
            "--lang",
            "en",
            "--meeting",
            "1999-01",
        ],
        &record,
    );
    assert_eq!(
        (code, json.trim(), err.trim()),
        (Some(1), "{}", "the record holds no meeting 1999-01")
    );
}

/// A refusal is followed by what its code means and how to fix it, in the
/// chosen language (Chinese by default), in the words of `docs/errors.md`
/// (through `web-demo/errors.json`): on stdout for `verify`, on stderr for
/// `tally` and `seal`.
#[test]
fn cli_explains_a_refusal_in_the_chosen_language() {
    let table: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../web-demo/errors.json"),
        )
        .expect("web-demo/errors.json"),
    )
    .expect("errors.json is JSON");
    let explained = |code: &str, lang: &str, labels: [&str; 2]| {
        let t = &table[code][lang];
        [
            format!("  {}{}", labels[0], t["meaning"].as_str().expect("meaning")),
            format!("  {}{}", labels[1], t["fix"].as_str().expect("fix")),
        ]
    };
    let record = yishi_tests::sample::record();
    // One ballot's choice changed: the line no longer hashes to its `hash`.
    let at = record.find("\"yes\"").expect("a yes vote");
    let tampered = format!("{}\"no\"{}", &record[..at], &record[at + 5..]);
    let zh = explained("record.hash_mismatch", "zh", ["含义：", "修正："]);
    let en = explained("record.hash_mismatch", "en", ["meaning: ", "fix: "]);
    for (args, want) in [
        (&["verify", "-"][..], &zh),
        (&["verify", "-", "--lang", "zh"], &zh),
        (&["verify", "-", "--lang", "en"], &en),
    ] {
        let (code, out, _) = run_cli(args, tampered.as_bytes());
        assert_eq!(code, Some(1), "{args:?}: {out}");
        let lines: Vec<&str> = out.lines().collect();
        assert!(
            lines[0].starts_with("record.hash_mismatch at seq "),
            "{out}"
        );
        assert_eq!(lines[1..], want[..], "{args:?}");
    }
    let (code, out, err) = run_cli(&["tally", "-", "--lang", "en"], tampered.as_bytes());
    assert_eq!(code, Some(1));
    assert!(out.is_empty(), "{out}");
    assert_eq!(err.lines().skip(1).collect::<Vec<_>>(), en[..], "{err}");
    // `seal` explains its refusals too, here an event list without a community.
    let (code, _, err) = run_cli(&["seal", "-"], b"[]");
    assert_eq!(code, Some(1));
    let want = explained("community.missing", "zh", ["含义：", "修正："]);
    assert_eq!(err.lines().skip(1).collect::<Vec<_>>(), want[..], "{err}");
}

/// `verify --json`: one JSON object, the summary or the refusal by code, seq
/// and message, with the exit status of the text form.
#[test]
fn cli_verify_json_is_the_summary_or_the_refusal() {
    let record = yishi_tests::sample::record();
    let ledger = yishi::Ledger::from_record(&record).expect("the sample verifies");
    let (code, out, _) = run_cli(&["verify", "-", "--json"], record.as_bytes());
    assert_eq!(code, Some(0), "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(
        v,
        serde_json::json!({"events": ledger.len(), "head": ledger.head()})
    );
    let at = record.find("\"yes\"").expect("a yes vote");
    let tampered = format!("{}\"no\"{}", &record[..at], &record[at + 5..]);
    let want = yishi::Ledger::from_record(&tampered).expect_err("tampered");
    let (code, out, err) = run_cli(&["verify", "-", "--json"], tampered.as_bytes());
    assert_eq!(code, Some(1), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v, serde_json::json!({"error": want}));
    assert_eq!(v["error"]["code"], "record.hash_mismatch");
    // Members in the order `--help` and the README give: code, seq, message.
    assert_eq!(
        out,
        format!(
            "{{\"error\":{{\"code\":\"{}\",\"seq\":{},\"message\":{}}}}}\n",
            want.code(),
            want.seq(),
            serde_json::to_string(want.message()).expect("JSON")
        )
    );
    // `tally --json` and `ballots --json` give the same JSON verdict on
    // stdout (their output stays JSON), with nothing on stderr.
    for command in ["tally", "ballots"] {
        let (code, json_out, err) = run_cli(&[command, "-", "--json"], tampered.as_bytes());
        assert_eq!(
            (code, json_out.as_str(), err.as_str()),
            (Some(1), out.as_str(), ""),
            "{command}"
        );
        // Without --json, the refusal and what it means go to stderr.
        let (code, text, err) = run_cli(&[command, "-", "--lang", "en"], tampered.as_bytes());
        assert_eq!((code, text.as_str()), (Some(1), ""), "{command}");
        assert!(
            err.starts_with(&want.to_string()) && err.contains("\n  meaning: "),
            "{err}"
        );
    }
    // A published head the record does not end at: refused the same way.
    let (code, out, _) = run_cli(
        &["verify", "-", "--json", "--expect-head", &"ab".repeat(32)],
        record.as_bytes(),
    );
    assert_eq!(code, Some(1));
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["error"]["code"], "record.prev_mismatch");
    assert_eq!(v["error"]["seq"], ledger.len() + 1);
}

/// `yishi append`: the sealed lines of new events, which added to the record
/// give the record of all the events; a refused event (named by its position
/// in the whole record) or a bad record appends nothing.
#[test]
fn cli_append_seals_onto_a_record() {
    let record = yishi_tests::sample::record();
    let lines: Vec<&str> = record.lines().collect();
    let half = lines.len() / 2;
    let dir = std::env::temp_dir().join(format!("yishi-append-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let first = dir.join("first.jsonl");
    std::fs::write(
        &first,
        lines[..half]
            .iter()
            .map(|l| format!("{l}\n"))
            .collect::<String>(),
    )
    .expect("write");
    let first = first.to_str().expect("UTF-8 path");
    // The rest, unsealed, as a JSON array.
    let rest: Vec<serde_json::Value> = lines[half..]
        .iter()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON");
            serde_json::json!({"at": v["at"], "kind": v["kind"], "data": v["data"]})
        })
        .collect();
    let rest = serde_json::to_string_pretty(&rest).expect("JSON");
    let (code, out, err) = run_cli(&["append", first, "-"], rest.as_bytes());
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        format!(
            "{}{out}",
            lines[..half]
                .iter()
                .map(|l| format!("{l}\n"))
                .collect::<String>()
        ),
        record
    );
    // With the head the first half was published with, and with another.
    let head_of_first: serde_json::Value = serde_json::from_str(lines[half - 1]).expect("JSON");
    let head = head_of_first["hash"].as_str().expect("hash");
    let (code, out2, _) = run_cli(
        &["append", first, "-", "--expect-head", head],
        rest.as_bytes(),
    );
    assert_eq!((code, out2), (Some(0), out));
    let (code, out, err) = run_cli(
        &["append", first, "-", "--expect-head", &"ab".repeat(32)],
        rest.as_bytes(),
    );
    assert_eq!(code, Some(1));
    assert!(
        out.is_empty() && err.starts_with("record.prev_mismatch"),
        "{err}"
    );
    // An event refused in the batch: nothing is written; its seq counts the record.
    let bad = rest.replacen("\"kind\": \"", "\"kind\": \"no.", 2);
    let (code, out, err) = run_cli(&["append", first, "-"], bad.as_bytes());
    assert_eq!(code, Some(1));
    assert!(out.is_empty(), "{out}");
    assert!(
        err.starts_with(&format!("event.unknown_kind at seq {}", half + 1)),
        "{err}"
    );
    // Only the batch's last event refused: still nothing is written (the
    // events before it were accepted, but the batch is all or nothing).
    let at = rest.rfind("\"kind\": \"").expect("a kind");
    let bad = format!("{}\"kind\": \"no.{}", &rest[..at], &rest[at + 9..]);
    let (code, out, err) = run_cli(&["append", first, "-"], bad.as_bytes());
    assert_eq!(code, Some(1), "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.starts_with(&format!("event.unknown_kind at seq {}", lines.len())),
        "{err}"
    );
    // Both from stdin is a usage error.
    let (code, _, err) = run_cli(&["append", "-", "-"], b"");
    assert_eq!(code, Some(2), "{err}");
    // So is an events file that cannot be opened: told before the record is
    // read (here a refused one, which would otherwise be the verdict).
    let missing = dir.join("no-such-events.json");
    let missing = missing.to_str().expect("UTF-8 path");
    let (code, out, err) = run_cli(&["append", "-", missing], b"{}\n");
    assert_eq!(code, Some(2), "{err}");
    assert!(out.is_empty() && err.contains("cannot open"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

/// `yishi append ... >> record.jsonl` onto a record whose last line has no
/// newline (which verifies: a last line needs none): the new lines must not
/// be joined to it. With LF or CRLF endings, from a file or stdin.
#[test]
fn cli_append_onto_a_record_without_a_final_newline() {
    let record = yishi_tests::sample::record();
    let lines: Vec<&str> = record.lines().collect();
    let half = lines.len() / 2;
    let rest: String = lines[half..]
        .iter()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON");
            let e = serde_json::json!({"at": v["at"], "kind": v["kind"], "data": v["data"]});
            format!("{e}\n")
        })
        .collect();
    let dir = std::env::temp_dir().join(format!("yishi-append-open-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let events = dir.join("events.jsonl");
    std::fs::write(&events, &rest).expect("write");
    let events = events.to_str().expect("UTF-8 path");
    for ending in ["\n", "\r\n"] {
        let mut first = lines[..half].join(ending);
        for end in ["", "\r"] {
            if end == "\r" && ending == "\n" {
                continue;
            }
            first.push_str(end);
            let path = dir.join("first.jsonl");
            std::fs::write(&path, &first).expect("write");
            let path = path.to_str().expect("UTF-8 path");
            for (args, stdin) in [
                (vec!["append", path, events], &b""[..]),
                (vec!["append", "-", events], first.as_bytes()),
            ] {
                let (code, out, err) = run_cli(&args, stdin);
                assert_eq!(code, Some(0), "{err}");
                let appended = format!("{first}{out}");
                let summary = yishi::verify_record(&appended)
                    .unwrap_or_else(|e| panic!("{ending:?}{end:?} {args:?}: {e}"));
                assert_eq!(summary.events, lines.len() as u64);
            }
        }
    }
    // After a final newline, no empty line is added.
    let first = format!("{}\n", lines[..half].join("\n"));
    let (code, out, _) = run_cli(&["append", "-", events], first.as_bytes());
    assert_eq!(code, Some(0));
    assert_eq!(format!("{first}{out}"), record);
    std::fs::remove_dir_all(&dir).ok();
}

/// An event at `2026-10-<at>+08:00` (`at` as `"08T09:00:00"`).
fn october(at: &str, kind: &str, data: serde_json::Value) -> serde_json::Value {
    serde_json::json!({"at": format!("2026-10-{at}+08:00"), "kind": kind, "data": data})
}

/// The start of a small record: one unit of `area` per owner, rules `r`
/// (the preset) and meeting `m` convened with `meeting`'s members added to
/// its notice and window (voting opens 2026-10-24 09:00).
fn opening(owners: &[(&str, &str)], meeting: serde_json::Value) -> Vec<serde_json::Value> {
    let units: Vec<serde_json::Value> = owners
        .iter()
        .enumerate()
        .map(|(i, (owner, area))| serde_json::json!({"id": format!("u{}", i + 1), "area": area, "owner": owner}))
        .collect();
    let mut convened = serde_json::json!({"meeting": "m", "rules": "r",
        "noticed_at": "2026-10-08T09:02:00+08:00", "opens_at": "2026-10-24T09:00:00+08:00"});
    for (k, v) in meeting.as_object().expect("an object") {
        convened[k] = v.clone();
    }
    vec![
        october(
            "08T09:00:00",
            "community.registered",
            serde_json::json!({"community": "c", "units": units}),
        ),
        october(
            "08T09:01:00",
            "rules.adopted",
            serde_json::json!({"rules": "r", "preset": "civil-code-2021"}),
        ),
        october("08T09:02:00", "meeting.convened", convened),
    ]
}

/// `yishi ballots`: what became of each ballot, whole or by voter, meeting
/// or receipt hash; exit 1 when the query selects no ballot (a receipt the
/// record does not hold) or the record is refused, 2 for a malformed hash.
#[test]
fn cli_ballots_tells_what_became_of_each_ballot() {
    let ev = october;
    let cast = |at: &str, voter: &str, by: Option<&str>, channel: &str, vote: &str| {
        let mut d = serde_json::json!({"meeting": "m", "voter": voter, "channel": channel, "votes": {"fund": vote}});
        if let Some(a) = by {
            d["by"] = a.into();
        }
        ev(at, "ballot.cast", d)
    };
    let mut events = opening(
        &[("o1", "80"), ("o2", "90.5"), ("o3", "70")],
        serde_json::json!({"body": "assembly", "form": "written", "closes_at": "2026-10-31T18:00:00+08:00",
            "motions": [{"motion": "fund", "matter": "278.6"}]}),
    );
    events.extend([
        ev(
            "20T09:00:00",
            "proxy.granted",
            serde_json::json!({"meeting": "m", "principal": "o2", "agent": "a1"}),
        ),
        cast("25T09:00:00", "o1", None, "online", "yes"),
        cast("25T10:00:00", "o2", Some("a1"), "paper", "no"),
        cast("26T10:00:00", "o2", None, "online", "yes"),
        cast("26T11:00:00", "o3", None, "online", "no"),
        ev(
            "27T09:00:00",
            "ballot.voided",
            serde_json::json!({"meeting": "m", "voter": "o3", "reason": "签名不符"}),
        ),
        cast("28T09:00:00", "o1", Some("o1"), "paper", "abstain"),
    ]);
    let record = yishi::seal(&events).expect("a valid record");
    let hash_of = |seq: usize| -> String {
        let line: serde_json::Value =
            serde_json::from_str(record.lines().nth(seq - 1).expect("a line")).expect("JSON");
        line["hash"].as_str().expect("a hash").to_owned()
    };
    let (code, out, err) = run_cli(&["ballots", "-", "--json"], record.as_bytes());
    assert_eq!(code, Some(0), "{err}");
    let book: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let fates = |voter: usize| -> Vec<(u64, serde_json::Value)> {
        book["meetings"][0]["voters"][voter]["ballots"]
            .as_array()
            .expect("ballots")
            .iter()
            .map(|b| (b["seq"].as_u64().expect("seq"), b["fate"].clone()))
            .collect()
    };
    assert_eq!(book["events"], 10);
    assert_eq!(book["meetings"][0]["state"], "open");
    assert_eq!(book["meetings"][0]["voters"][0]["voter"], "o1");
    assert_eq!(
        fates(0),
        vec![
            (5, serde_json::json!({"kind": "replaced", "seq": 10})),
            (10, serde_json::json!({"kind": "counts"}))
        ]
    );
    // `by` naming the voter is the voter's own ballot.
    assert_eq!(
        book["meetings"][0]["voters"][0]["ballots"][1]["by"],
        serde_json::Value::Null
    );
    assert_eq!(
        book["meetings"][0]["voters"][0]["ballots"][1]["area"],
        "80.00"
    );
    assert_eq!(
        fates(1),
        vec![
            (6, serde_json::json!({"kind": "replaced", "seq": 7})),
            (7, serde_json::json!({"kind": "counts"}))
        ]
    );
    assert_eq!(book["meetings"][0]["voters"][1]["ballots"][0]["by"], "a1");
    assert_eq!(
        book["meetings"][0]["voters"][1]["ballots"][0]["hash"],
        hash_of(6)
    );
    assert_eq!(
        fates(2),
        vec![(
            8,
            serde_json::json!({"kind": "voided", "seq": 9, "reason": "签名不符"})
        )]
    );
    // In words, for one voter.
    let (code, out, _) = run_cli(
        &["ballots", "-", "--voter", "o2", "--lang", "en"],
        record.as_bytes(),
    );
    assert_eq!(code, Some(0));
    assert!(
        out.contains("meeting m (assembly, open: what counts is provisional)"),
        "{out}"
    );
    assert!(out.contains("event 6  2026-10-25T10:00:00+08:00  paper, by agent a1, area 90.50 m²  →  replaced by event 7"), "{out}");
    assert!(
        out.contains(
            "event 7  2026-10-26T10:00:00+08:00  online, in person, area 90.50 m²  →  counts"
        ),
        "{out}"
    );
    assert!(!out.contains("o1") && !out.contains("o3"), "{out}");
    // A mistyped id is told apart from a voter who cast no ballot.
    assert!(book.get("voter_known").is_none(), "{book}");
    let (code, out, _) = run_cli(
        &["ballots", "-", "--voter", "o9", "--lang", "en"],
        record.as_bytes(),
    );
    assert_eq!(code, Some(1));
    assert!(
        out.contains("no voter \"o9\" in this record") && !out.contains("no ballot matches"),
        "{out}"
    );
    let (code, out, _) = run_cli(
        &["ballots", "-", "--voter", "o9", "--json"],
        record.as_bytes(),
    );
    assert_eq!(code, Some(1));
    let unknown: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(unknown["voter_known"], false);
    let (code, out, _) = run_cli(
        &["ballots", "-", "--voter", "o2", "--json"],
        record.as_bytes(),
    );
    assert_eq!(code, Some(0));
    let known: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(known["voter_known"], true);
    // An agent's ballots: the voters they were cast for, with all their
    // ballots; a ballot whose `by` names its own voter is no agent's.
    let (code, out, _) = run_cli(&["ballots", "-", "--by", "a1", "--json"], record.as_bytes());
    assert_eq!(code, Some(0));
    let agent: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let voters = agent["meetings"][0]["voters"].as_array().expect("voters");
    assert_eq!(voters.len(), 1, "{agent}");
    assert_eq!(voters[0]["voter"], "o2");
    assert_eq!(
        voters[0]["ballots"]
            .as_array()
            .expect("ballots")
            .iter()
            .map(|b| (b["seq"].clone(), b["by"].clone(), b["fate"]["kind"].clone()))
            .collect::<Vec<_>>(),
        vec![
            (6.into(), "a1".into(), "replaced".into()),
            (7.into(), serde_json::Value::Null, "counts".into())
        ]
    );
    for agent in ["o1", "a2"] {
        let (code, out, _) = run_cli(
            &["ballots", "-", "--by", agent, "--lang", "en"],
            record.as_bytes(),
        );
        assert_eq!(code, Some(1), "{out}");
        assert!(
            out.contains(&format!(
                "no ballot of this record was cast by agent {agent}"
            )),
            "{out}"
        );
    }
    let (code, out, _) = run_cli(
        &["ballots", "-", "--voter", "a1", "--lang", "en"],
        record.as_bytes(),
    );
    assert_eq!(code, Some(1));
    assert!(out.contains("found with --by"), "{out}");
    // With a meeting or a receipt as well, an empty answer is the query's,
    // not the voter's: o2 did vote.
    let (code, out, _) = run_cli(
        &[
            "ballots",
            "-",
            "--voter",
            "o2",
            "--meeting",
            "nope",
            "--lang",
            "en",
        ],
        record.as_bytes(),
    );
    assert_eq!(code, Some(1));
    assert!(
        out.contains("the record holds no meeting nope")
            && !out.contains("no ballot of o2")
            && !out.contains("no ballot matches"),
        "{out}"
    );
    for filter in [["--voter", "o2"], ["--by", "a1"]] {
        let (code, out, _) = run_cli(
            &[
                "ballots",
                "-",
                filter[0],
                filter[1],
                "--hash",
                &hash_of(5),
                "--lang",
                "en",
            ],
            record.as_bytes(),
        );
        assert_eq!(code, Some(1));
        assert!(
            out.contains("the ballot with this hash (event 5) is not among those")
                && !out.contains("no ballot of"),
            "{out}"
        );
    }
    let (_, out, _) = run_cli(&["ballots", "-", "--voter", "o3"], record.as_bytes());
    assert!(
        out.contains("第 8 条事件")
            && out.contains("不计入：被第 9 条事件作废（原因：签名不符）")
            && out.contains("fund：反对"),
        "{out}"
    );
    // A receipt, in either case: that ballot and what became of it.
    let (code, out, _) = run_cli(
        &[
            "ballots",
            "-",
            "--json",
            "--hash",
            &hash_of(6).to_uppercase(),
        ],
        record.as_bytes(),
    );
    assert_eq!(code, Some(0));
    let found: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(
        found["receipt"],
        serde_json::json!({"seq": 6, "kind": "ballot.cast"})
    );
    assert_eq!(
        found["meetings"][0]["voters"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(
        found["meetings"][0]["voters"][0]["ballots"][0]["fate"]["seq"],
        7
    );
    // A receipt the record does not hold, or one of another event: exit 1.
    let (code, out, _) = run_cli(
        &["ballots", "-", "--lang", "en", "--hash", &"ab".repeat(32)],
        record.as_bytes(),
    );
    assert_eq!(code, Some(1));
    assert!(
        out.contains("no ballot of this record has hash abab")
            && out.contains("check that the hash is complete"),
        "{out}"
    );
    let (code, out, _) = run_cli(
        &["ballots", "-", "--lang", "en", "--hash", &hash_of(3)],
        record.as_bytes(),
    );
    assert_eq!(code, Some(1));
    assert!(
        out.contains("is event 3 (meeting.convened), not a ballot"),
        "{out}"
    );
    let (code, out, _) = run_cli(
        &["ballots", "-", "--lang", "en", "--meeting", "nope"],
        record.as_bytes(),
    );
    assert_eq!(code, Some(1));
    assert!(out.contains("the record holds no meeting nope"), "{out}");
    // A malformed hash is a usage error; a bad or empty record is refused.
    let (code, _, err) = run_cli(&["ballots", "-", "--hash", "abc"], record.as_bytes());
    assert_eq!(code, Some(2), "{err}");
    let tampered = record.replacen("\"yes\"", "\"no\"", 1);
    let (code, _, err) = run_cli(&["ballots", "-"], tampered.as_bytes());
    assert_eq!(code, Some(1));
    assert!(err.starts_with("record.hash_mismatch at seq 5"), "{err}");
    let (code, _, err) = run_cli(&["ballots", "-"], b"");
    assert_eq!(code, Some(1));
    assert!(err.starts_with("community.missing at seq 1"), "{err}");
    // With the published head, and with another.
    let (code, _, _) = run_cli(
        &["ballots", "-", "--expect-head", &hash_of(10)],
        record.as_bytes(),
    );
    assert_eq!(code, Some(0));
    let (code, _, err) = run_cli(
        &["ballots", "-", "--expect-head", &hash_of(9)],
        record.as_bytes(),
    );
    assert_eq!(code, Some(1));
    assert!(err.starts_with("record.prev_mismatch at seq 10"), "{err}");
}

/// `yishi ballots` on a committee meeting: a member not recorded present
/// cast a ballot that stands but is not counted (spec §4), as `tally` says;
/// an event kind spelled with an escape is still read as a ballot; past
/// `closes_at` the meeting's voting has ended.
#[test]
fn cli_ballots_on_a_committee_and_escaped_kinds() {
    let ev = october;
    let mut events = opening(
        &[("c1", "80"), ("c2", "80"), ("c3", "80")],
        serde_json::json!({"body": "committee", "form": "collective", "closes_at": "2026-10-24T18:00:00+08:00",
            "members": ["c1", "c2", "c3"], "motions": [{"motion": "q"}]}),
    );
    events.extend([
        ev(
            "24T09:10:00",
            "attendance.recorded",
            serde_json::json!({"meeting": "m", "present": ["c1", "c2"]}),
        ),
        ev(
            "24T10:00:00",
            "ballot.cast",
            serde_json::json!({"meeting": "m", "voter": "c1", "votes": {"q": "yes"}}),
        ),
        ev(
            "24T10:01:00",
            "ballot.cast",
            serde_json::json!({"meeting": "m", "voter": "c3", "votes": {"q": "no"}}),
        ),
        ev(
            "24T10:02:00",
            "ballot.cast",
            serde_json::json!({"meeting": "m", "voter": "c1", "votes": {"q": "no"}}),
        ),
        ev(
            "25T09:00:00",
            "objection.filed",
            serde_json::json!({"meeting": "m", "motion": "q", "owner": "c2"}),
        ),
    ]);
    let record = yishi::seal(&events).expect("a valid record");
    // The seventh event's kind spelled with an escape: the same event, the same hash.
    let escaped = record.replacen(
        "\"kind\":\"ballot.cast\",\"prev\"",
        "\"kind\":\"ballot\\u002ecast\",\"prev\"",
        3,
    );
    assert_ne!(escaped, record);
    for text in [&record, &escaped] {
        let (code, out, err) = run_cli(&["ballots", "-", "--json"], text.as_bytes());
        assert_eq!(code, Some(0), "{err}");
        let book: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        let m = &book["meetings"][0];
        assert_eq!(
            (m["body"].as_str(), m["state"].as_str()),
            (Some("committee"), Some("closed"))
        );
        assert_eq!(m["voters"][0]["voter"], "c1");
        assert_eq!(
            m["voters"][0]["ballots"][0]["fate"],
            serde_json::json!({"kind": "replaced", "seq": 7})
        );
        assert_eq!(
            m["voters"][0]["ballots"][1]["fate"],
            serde_json::json!({"kind": "counts"})
        );
        // No area outside an assembly; a ballot without a channel is online.
        assert_eq!(
            m["voters"][0]["ballots"][1]["area"],
            serde_json::Value::Null
        );
        assert_eq!(m["voters"][0]["ballots"][1]["channel"], "online");
        assert_eq!(m["voters"][1]["voter"], "c3");
        assert_eq!(
            m["voters"][1]["ballots"][0]["fate"],
            serde_json::json!({"kind": "not_present"})
        );
    }
    let (_, out, _) = run_cli(
        &["ballots", "-", "--voter", "c3", "--lang", "en"],
        record.as_bytes(),
    );
    assert!(
        out.contains("meeting m (committee, voting ended, result not yet declared)"),
        "{out}"
    );
    assert!(
        out.contains("→  not counted: the voter is not recorded present"),
        "{out}"
    );
    // What `tally` counts agrees: c1's no, not c3's.
    let (_, tally, _) = run_cli(&["tally", "-", "--json"], record.as_bytes());
    let tally: serde_json::Value = serde_json::from_str(&tally).expect("JSON");
    assert_eq!(tally["m/q"]["no"]["heads"], 1);
    assert_eq!(tally["m/q"]["participating"]["heads"], 1);
    // A query that selects nothing says so.
    let (code, out, _) = run_cli(
        &["ballots", "-", "--voter", "c2", "--lang", "en"],
        record.as_bytes(),
    );
    assert_eq!(code, Some(1));
    assert!(out.contains("no ballot of c2 in this record"), "{out}");
    let (code, out, _) = run_cli(
        &[
            "ballots",
            "-",
            "--voter",
            "c2",
            "--hash",
            &"ab".repeat(32),
            "--lang",
            "en",
        ],
        record.as_bytes(),
    );
    assert_eq!(code, Some(1));
    assert!(
        out.contains("no ballot of this record has hash abab"),
        "{out}"
    );
    assert!(!out.contains("no ballot of c2"), "{out}");
}

/// `yishi ballots` on a five-party meeting: each party's ballot, its key
/// shown with the party's name in Chinese.
#[test]
fn cli_ballots_names_the_parties() {
    let case: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            crate::common::shared_cases_dir().join("five-party-one-objection-not-agreed.json"),
        )
        .expect("the shared case"),
    )
    .expect("JSON");
    let record = yishi::seal(case["events"].as_array().expect("events")).expect("a valid record");
    let (code, out, err) = run_cli(&["ballots", "-"], record.as_bytes());
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("会议 m1（五方例会，"), "{out}");
    assert!(out.contains("  party_branch（社区党组织）\n"), "{out}");
    assert!(
        out.contains("  property_company（物业服务企业）\n"),
        "{out}"
    );
    let (_, en, _) = run_cli(&["ballots", "-", "--lang", "en"], record.as_bytes());
    assert!(
        en.contains("  party_branch\n") && !en.contains("社区党组织"),
        "{en}"
    );
}

/// `yishi seal` given a conformance case (spec §5) says what the file is
/// and how to run it, after the refusal.
#[test]
fn cli_seal_of_a_case_file_points_to_conformance() {
    let case = std::fs::read(crate::common::shared_cases_dir().join("sealed-record-verifies.json"))
        .expect("a shared case");
    let (code, out, err) = run_cli(&["seal", "-", "--lang", "en"], &case);
    assert_eq!((code, out.as_str()), (Some(1), ""), "{err}");
    // `conformance` reads files only, so standard input gets a placeholder.
    assert!(
        err.lines().last().is_some_and(|l| l
            == "  note: this is a conformance case (spec §5); run it from its file with `yishi conformance FILE`"),
        "{err}"
    );
    let file = crate::common::shared_cases_dir().join("sealed-record-verifies.json");
    let (code, _, err) = run_cli(&["seal", file.to_str().unwrap(), "--lang", "en"], b"");
    assert_eq!(code, Some(1));
    let said = format!(
        "  note: this is a conformance case (spec §5); run it from its file with `yishi conformance {}`",
        file.display()
    );
    assert_eq!(err.lines().last(), Some(said.as_str()), "{err}");
    let (code, out, _) = run_cli(&["conformance", file.to_str().unwrap()], b"");
    assert_eq!((code, out.trim()), (Some(0), "1 passed, 0 failed"));
    // Events that are no case get no such note.
    let (code, _, err) = run_cli(&["seal", "-", "--lang", "en"], b"[{\"at\": 1}]");
    assert_eq!(code, Some(1));
    assert!(!err.contains("conformance case"), "{err}");
}

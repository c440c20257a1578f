//! The README shows what a new user types and sees: every `yishi` command
//! of its `console` blocks that shows output is run, and its output and
//! exit status compared with what the README prints. The runnable commands
//! of `examples/README.md` are run too and must exit 0.
//!
//! Conventions the README follows (and this test reads):
//! - `$ command` starts a command; the lines up to the next `$` or the end
//!   of the block are its output (stdout and stderr, in order);
//! - `exit N` in the comment (`  # …`) after a command gives its exit status
//!   (else 0);
//! - `…` in the output stands for text the README leaves out: alone on a
//!   line, any number of lines; within a line, any run of characters;
//! - a command that shows no output is a synopsis (`[--json]`, `H`, files of
//!   the reader's own) and is not run, except `sed`, which writes a file a
//!   later command reads; each option it names must be one its subcommand's
//!   `--help` lists.

use crate::common::{cli, root};
use std::path::{Path, PathBuf};
use std::process::Command;

/// One command of a `console` block.
#[derive(Debug)]
struct Shown {
    /// The README line it starts on (1-based), for messages.
    line: usize,
    command: String,
    exit: i32,
    output: Vec<String>,
}

/// The commands of a markdown file's blocks fenced as `lang`.
fn commands(markdown: &str, lang: &str) -> Vec<Shown> {
    let mut shown: Vec<Shown> = Vec::new();
    let mut inside = false;
    for (i, line) in markdown.lines().enumerate() {
        if let Some(fence) = line.strip_prefix("```") {
            inside = !inside && fence.trim() == lang;
            continue;
        }
        if !inside {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            let (command, comment) = match command.find("  #") {
                Some(at) => (command[..at].trim_end(), command[at + 3..].trim()),
                None => (command.trim_end(), ""),
            };
            let exit = comment
                .split_once("exit ")
                .and_then(|(_, rest)| rest.split(|c: char| !c.is_ascii_digit()).next())
                .map(|n| n.parse().expect("an exit status is a number"))
                .unwrap_or(0);
            shown.push(Shown {
                line: i + 1,
                command: command.to_owned(),
                exit,
                output: Vec::new(),
            });
        } else if let Some(last) = shown.last_mut() {
            last.output.push(line.to_owned());
        }
    }
    shown
}

/// Whether `text` matches `pattern`, in which each `…` stands for any run
/// of characters.
fn line_matches(pattern: &str, text: &str) -> bool {
    let mut pieces = pattern.split('…');
    let first = pieces.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let pieces: Vec<&str> = pieces.collect();
    let Some((last, middle)) = pieces.split_last() else {
        return rest.is_empty();
    };
    for piece in middle {
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// Whether the output `lines` match the README's `shown` lines, in which a
/// line `…` alone stands for any number of lines.
fn lines_match(shown: &[String], lines: &[&str]) -> bool {
    match shown.split_first() {
        None => lines.is_empty(),
        Some((first, rest)) if first == "…" => {
            (0..=lines.len()).any(|skip| lines_match(rest, &lines[skip..]))
        }
        Some((first, rest)) => lines
            .split_first()
            .is_some_and(|(line, more)| line_matches(first, line) && lines_match(rest, more)),
    }
}

/// The command as the shell runs it here: `yishi` (however the README
/// spells it) is the CLI under test. It runs in a scratch directory (so
/// that files the commands write stay there) where `examples` is the
/// repository's, as the names in the output say; the other paths are made
/// absolute.
fn runnable(command: &str, repo: &Path) -> String {
    let repo = repo.display().to_string();
    let mut c = command.to_owned();
    for spelling in [
        "cargo run --release -q -p yishi-cli --",
        "target/release/yishi",
    ] {
        if let Some(rest) = c.strip_prefix(spelling) {
            c = format!("yishi{rest}");
        }
    }
    for path in ["tests/cases", "../shared/"] {
        c = c.replace(&format!(" {path}"), &format!(" {repo}/{path}"));
    }
    c
}

fn run(command: &str, dir: &Path) -> (i32, String) {
    let script = format!("yishi() {{ '{}' \"$@\"; }}\n{command} 2>&1", cli());
    let out = Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .output()
        .expect("bash runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("the CLI writes UTF-8"),
    )
}

/// Whether every `--option` a synopsis names is one its subcommand's
/// `--help` lists (1 when it is checked).
fn options_exist(synopsis: &str, dir: &Path, line: usize) -> usize {
    let subcommand = synopsis
        .split_whitespace()
        .nth(1)
        .expect("yishi SUBCOMMAND");
    let (status, help) = run(&format!("yishi {subcommand} --help"), dir);
    assert_eq!(
        status, 0,
        "README.md line {line}: no subcommand {subcommand}"
    );
    for option in synopsis
        .split(|c: char| c.is_whitespace() || c == '[' || c == ']' || c == '|')
        .filter(|w| w.starts_with("--"))
    {
        assert!(
            help.contains(&format!("{option} ")) || help.contains(&format!("{option}\n")),
            "README.md line {line}: `yishi {subcommand}` has no option {option}:\n{help}"
        );
    }
    1
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yishi-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let examples = dir.join("examples");
    if !examples.exists() {
        link(&root().join("examples"), &examples);
    }
    dir
}

#[cfg(unix)]
fn link(target: &Path, at: &Path) {
    std::os::unix::fs::symlink(target, at).expect("a link to examples/");
}

#[cfg(not(unix))]
fn link(target: &Path, at: &Path) {
    std::os::windows::fs::symlink_dir(target, at).expect("a link to examples/");
}

#[test]
fn readme_console_blocks_show_what_the_cli_prints() {
    let repo = root();
    let readme = std::fs::read_to_string(repo.join("README.md")).expect("README.md");
    let dir = scratch("readme");
    let (mut checked, mut synopses) = (0, 0);
    for shown in commands(&readme, "console") {
        let program = runnable(&shown.command, &repo);
        let is_yishi = program.starts_with("yishi ");
        if is_yishi && shown.output.is_empty() {
            synopses += options_exist(&program, &dir, shown.line);
            continue;
        }
        if !(is_yishi || program.starts_with("sed ")) {
            continue;
        }
        let (status, output) = run(&program, &dir);
        let lines: Vec<&str> = output.lines().collect();
        assert!(
            status == shown.exit && lines_match(&shown.output, &lines),
            "README.md line {}: `{}` exited {status} (README: {}) and printed\n{output}\nwhere the README shows\n{}",
            shown.line,
            shown.command,
            shown.exit,
            shown.output.join("\n"),
        );
        checked += is_yishi as usize;
    }
    std::fs::remove_dir_all(&dir).ok();
    // The tally, verify (plain, tampered, --json), ballots --hash and
    // conformance examples: a README rewritten out of this test's reach
    // fails here rather than passing unchecked.
    assert!(checked >= 6, "only {checked} README commands were checked");
    assert!(
        synopses >= 5,
        "only {synopses} README synopses were checked"
    );
}

#[test]
fn examples_readme_commands_run() {
    let repo = root();
    let readme = std::fs::read_to_string(repo.join("examples").join("README.md"))
        .expect("examples/README.md");
    let dir = scratch("examples-readme");
    let mut checked = 0;
    let mut inside = false;
    for line in readme.lines() {
        if let Some(fence) = line.strip_prefix("```") {
            inside = !inside && fence.trim() == "sh";
            continue;
        }
        if !(inside && line.starts_with("target/release/yishi ")) {
            continue;
        }
        let command = line.split("  #").next().unwrap_or(line).trim_end();
        let (status, output) = run(&runnable(command, &repo), &dir);
        assert!(
            status == 0 && !output.is_empty(),
            "examples/README.md: `{command}` exited {status}:\n{output}"
        );
        checked += 1;
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        checked >= 4,
        "only {checked} commands of examples/README.md were run"
    );
}

#[test]
fn ellipses_match_what_the_readme_leaves_out() {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert!(line_matches(
        "Passed (…). by area: 1 of 2; …",
        "Passed (Art. 278). by area: 1 of 2; more"
    ));
    assert!(line_matches("a…", "a"));
    assert!(!line_matches("a…b", "ab c"));
    assert!(!line_matches("abc", "abcd"));
    assert!(!line_matches("x…y…z", "xzy"));
    assert!(lines_match(&s(&["…", "end"]), &["1", "2", "end"]));
    assert!(lines_match(&s(&["start", "…"]), &["start"]));
    assert!(!lines_match(&s(&["start", "…", "end"]), &["start", "1"]));
    assert!(!lines_match(&s(&["one"]), &["one", "two"]));
    let shown = commands(
        "```console\n$ yishi verify x  # exit 1: bad\nout\n$ yishi y  # why; exit 2\n$ yishi z\n```\n$ no\n",
        "console",
    );
    assert_eq!(shown.len(), 3);
    assert_eq!((shown[0].exit, shown[0].output.len()), (1, 1));
    assert_eq!((shown[1].command.as_str(), shown[1].exit), ("yishi y", 2));
    assert_eq!((shown[2].exit, shown[2].output.len()), (0, 0));
}

//! Replays every input kept under `tests/fuzz-regressions/<target>/` (crash
//! inputs copied there by `cargo xtask fuzz`, and hand-made seeds) through the
//! same harness the fuzz target runs. An error result is fine; a panic is not.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = crate::common::root()
        .join("tests")
        .join("fuzz-regressions")
        .join(target);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.is_file()
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    v.sort();
    v
}

fn replay_all(target: &str, harness: fn(&[u8])) {
    let files = inputs(target);
    assert!(!files.is_empty(), "no regression inputs for {target}");
    let mut panics = Vec::new();
    for f in &files {
        let data = std::fs::read(f).expect("read");
        if let Err(p) = catch_unwind(AssertUnwindSafe(|| harness(&data))) {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()));
            panics.push(format!("{}: {}", f.display(), msg.unwrap_or_default()));
        }
    }
    assert!(
        panics.is_empty(),
        "{target}: {} of {} inputs panic:\n  {}",
        panics.len(),
        files.len(),
        panics.join("\n  ")
    );
}

#[test]
fn replay_regressions_do_not_panic() {
    replay_all("replay", yishi_tests::harness::replay);
}

#[test]
fn apply_regressions_do_not_panic() {
    replay_all("apply", yishi_tests::harness::apply);
}

#[test]
fn results_regressions_do_not_panic() {
    replay_all("results", yishi_tests::harness::results);
    // The seeds (every example's results) read, so the harness checks them
    // and does not merely return.
    let read = inputs("results")
        .iter()
        .filter(|f| {
            let data = std::fs::read(f).expect("read");
            serde_json::from_slice::<yishi::MotionResult>(&data).is_ok()
        })
        .count();
    assert!(read >= 10, "{read} inputs read as results");
}

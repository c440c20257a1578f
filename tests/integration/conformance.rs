//! Every conformance case, shared, our own and the clean-room ones, through
//! `yishi::conformance::run_case`.

use crate::common::{cleanroom_cases_dir, load_cases, own_cases_dir, shared_cases_dir, CaseFile};
use serde_json::Value;
use std::collections::BTreeSet;
use yishi::conformance::run_case;
use yishi::Ledger;

/// Shared cases (`../shared/conformance`) that may fail, each with the reason.
/// Every entry is asserted to still fail, so the list cannot rot: when a fix
/// makes one pass, this test fails until the entry is removed.
///
/// Empty: all shared cases pass.
const KNOWN_FAILURES: &[(&str, &str)] = &[];

/// Our own cases (`tests/cases`) that expose an open core bug, with the bug's
/// id in `tests/BUGS.md` (and `yishi_tests::OPEN_BUGS`). Same rule: each must
/// still fail.
const OPEN_BUG_CASES: &[(&str, &str)] = &[];

fn run_suite(cases: &[CaseFile], known: &[(&str, &str)], suite: &str) {
    assert!(!cases.is_empty(), "no cases found for the {suite} suite");
    let names: BTreeSet<&str> = cases.iter().map(CaseFile::name).collect();
    let mut problems = Vec::new();
    for (name, _) in known {
        if !names.contains(name) {
            problems.push(format!(
                "listed as failing but there is no such case: {name}"
            ));
        }
    }
    let mut passed = 0;
    for c in cases {
        let report = run_case(&c.case);
        let listed = known.iter().find(|(n, _)| *n == report.name);
        match (report.passed, listed) {
            (true, None) => passed += 1,
            (false, Some(_)) => {}
            (true, Some((n, why))) => problems.push(format!(
                "{n} now passes but is still listed as failing ({why}): remove it from the list in tests/integration/conformance.rs"
            )),
            (false, None) => problems.push(format!(
                "FAIL {} ({}):\n      {}",
                report.name,
                c.path.display(),
                report.differences.join("\n      ")
            )),
        }
    }
    assert!(
        problems.is_empty(),
        "{suite} suite: {passed} passed, {} problem(s):\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

#[test]
fn shared_conformance_cases_pass() {
    let cases = load_cases(&shared_cases_dir());
    // The suite had 33 cases when this was written; it may grow, never shrink unnoticed.
    assert!(
        cases.len() >= 33,
        "only {} shared cases in {}",
        cases.len(),
        shared_cases_dir().display()
    );
    run_suite(&cases, KNOWN_FAILURES, "shared");
}

#[test]
fn own_conformance_cases_pass() {
    let cases = load_cases(&own_cases_dir());
    assert!(
        cases.len() >= 80,
        "only {} own cases in {}",
        cases.len(),
        own_cases_dir().display()
    );
    for (_, bug) in OPEN_BUG_CASES {
        assert!(
            yishi_tests::bug_open(bug),
            "{bug} is fixed: remove its cases from OPEN_BUG_CASES"
        );
    }
    run_suite(&cases, OPEN_BUG_CASES, "own");
}

/// The clean-room cases (`tests/cases-cleanroom`, from `tests/cleanroom_cases.py`,
/// `tests/cleanroom_cases_r4.py`, `tests/cleanroom_cases_r5.py` and `tests/cleanroom_cases_r6.py`): written from the spec alone by reviewers
/// who did not read the source, with
/// sealed records hashed independently. None may fail.
#[test]
fn cleanroom_conformance_cases_pass() {
    let cases = load_cases(&cleanroom_cases_dir());
    assert!(
        cases.len() >= 351,
        "only {} clean-room cases in {}",
        cases.len(),
        cleanroom_cases_dir().display()
    );
    run_suite(&cases, &[], "clean-room");
}

#[test]
fn own_cases_are_well_formed_and_distinct_from_shared_ones() {
    let shared: BTreeSet<String> = load_cases(&shared_cases_dir())
        .iter()
        .map(|c| c.name().to_owned())
        .collect();
    let mut seen = BTreeSet::new();
    let ours = load_cases(&own_cases_dir());
    for c in ours.iter().chain(&load_cases(&cleanroom_cases_dir())) {
        assert!(
            seen.insert(c.name().to_owned()),
            "{} is named twice",
            c.name()
        );
        assert_eq!(
            c.name(),
            c.stem(),
            "{}: the case name must be the file name",
            c.path.display()
        );
        assert!(
            !shared.contains(c.name()),
            "{} repeats a shared case name",
            c.name()
        );
        assert!(
            c.case["cites"].is_array(),
            "{}: cites must be a list",
            c.name()
        );
        let expect = &c.case["expect"];
        assert!(
            expect.get("motions").is_some() != expect.get("error").is_some(),
            "{}: expect motions or an error",
            c.name()
        );
        if let Some(e) = expect.get("error") {
            let code = e["code"].as_str().unwrap_or_default();
            assert!(
                yishi::ErrorCode::from_str_code(code).is_some(),
                "{}: unknown code {code}",
                c.name()
            );
            assert!(
                e["seq"].as_u64().is_some_and(|s| s >= 1),
                "{}: seq is 1-based",
                c.name()
            );
        }
    }
}

/// Cases that expect results also hold them after a round trip through the
/// sealed record: seal, verify, replay (in memory and streaming).
#[test]
fn result_cases_survive_sealing_and_replay() {
    for c in crate::common::all_cases() {
        let Some(events) = c.case.get("events").and_then(Value::as_array) else {
            continue;
        };
        if c.case["expect"].get("motions").is_none() {
            continue;
        }
        let Ok(record) = yishi::seal(events) else {
            continue;
        }; // an open-bug case may still be fine to seal
        let direct = yishi::conformance::replay_case(&c.case).expect("the events replay");
        let summary = yishi::verify_record(&record)
            .unwrap_or_else(|e| panic!("{}: the sealed record does not verify: {e}", c.name()));
        assert_eq!(summary.head, direct.head(), "{}", c.name());
        let replayed = Ledger::from_record(&record).expect("verified");
        assert_eq!(
            replayed.results_json(),
            direct.results_json(),
            "{}",
            c.name()
        );
        let streamed = Ledger::replay(record.as_bytes()).expect("verified");
        assert_eq!(
            streamed.results_json(),
            direct.results_json(),
            "{}",
            c.name()
        );
        assert_eq!(
            replayed.to_record(),
            record,
            "{}: re-recording changes the record",
            c.name()
        );
    }
}

/// The runner itself, the §5 way: `elected` and `tied` compare as sets (a
/// listed name twice is the same set), and a case that holds both `events`
/// and `record`, or expects both an error and motions, is malformed rather
/// than half checked.
#[test]
fn the_runner_reads_cases_as_section_5_says() {
    let base: Value = serde_json::from_str(include_str!(
        "../../../shared/conformance/election-tie-at-last-seat.json"
    ))
    .expect("a shared case");
    assert!(
        run_case(&base).passed,
        "the shared case passes as it stands"
    );
    let events = base["events"].clone();
    let motions = base["expect"]["motions"]
        .as_object()
        .expect("motions")
        .clone();
    let (key, want) = motions
        .iter()
        .find(|(_, w)| w.get("tied").is_some())
        .expect("the case lists tied candidates");
    // The tied candidates, listed twice over and reversed: the same set.
    let mut tied: Vec<Value> = want["tied"].as_array().unwrap().clone();
    tied.reverse();
    tied.extend(tied.clone());
    let case = serde_json::json!({"case": "dup", "events": events,
        "expect": {"motions": {key.as_str(): {"tied": tied}}}});
    let r = run_case(&case);
    assert!(r.passed, "{:?}", r.differences);
    // One name too many is another set.
    let mut more = want["tied"].as_array().unwrap().clone();
    more.push(Value::from("nobody"));
    let case = serde_json::json!({"case": "more", "events": events,
        "expect": {"motions": {key.as_str(): {"tied": more}}}});
    assert!(!run_case(&case).passed);
    // Both events and record: refused, even with a record that would pass.
    let record: Vec<Value> = yishi::seal(events.as_array().unwrap())
        .expect("seals")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a sealed line"))
        .collect();
    let case = serde_json::json!({"case": "both", "events": events, "record": record,
        "expect": base["expect"].clone()});
    let r = run_case(&case);
    assert!(!r.passed);
    assert!(
        r.differences[0].contains("both \"events\" and \"record\""),
        "{:?}",
        r.differences
    );
    // The record alone passes.
    let case =
        serde_json::json!({"case": "record", "record": record, "expect": base["expect"].clone()});
    assert!(run_case(&case).passed);
    // Both an error and motions: refused.
    let case = serde_json::json!({"case": "both-expect", "events": events,
        "expect": {"error": {"seq": 1, "code": "record.parse"}, "motions": base["expect"]["motions"].clone()}});
    let r = run_case(&case);
    assert!(!r.passed);
    assert!(
        r.differences[0].contains("both an error and motions"),
        "{:?}",
        r.differences
    );
    // A misspelt member beside a valid one, in `expect` or in its `error`,
    // and an empty `motions`: refused, since each checks less than it says.
    let error = serde_json::json!({"seq": 99, "code": "record.parse"});
    for (expect, why) in [
        (
            serde_json::json!({"motions": base["expect"]["motions"].clone(), "motoins": {}}),
            "unknown member \"motoins\"",
        ),
        (
            serde_json::json!({"error": error, "eror": {}}),
            "unknown member \"eror\"",
        ),
        (
            serde_json::json!({"error": {"seq": 1, "code": "x", "sqe": 2}}),
            "unknown member \"sqe\"",
        ),
        (serde_json::json!({"motions": {}}), "checks nothing"),
    ] {
        let case = serde_json::json!({"case": "strict", "events": events, "expect": expect});
        let r = run_case(&case);
        assert!(
            !r.passed && r.differences[0].contains(why),
            "{why}: {:?}",
            r.differences
        );
    }
}

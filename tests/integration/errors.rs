//! The error catalogue: `docs/errors.md` lists exactly `ErrorCode::ALL`, the
//! spec's §6 lists exactly the codes marked `in_spec`, and a case reaches
//! every code; `web-demo/errors.json` is what `docs/errors.md` gives.

use crate::common::{all_cases, root, shared};
use std::collections::{BTreeMap, BTreeSet};
use yishi::conformance::run_case;
use yishi::ErrorCode;

/// The generator of `web-demo/errors.json` (`cargo xtask errors-json`).
#[path = "../../xtask/src/errors_json.rs"]
mod errors_json;

/// For each code, a minimal case (shared or in `tests/cases`) that must stop
/// with it. `internal` and `record.read` are left out (see [`UNREACHABLE`]):
/// no record's content produces them.
const REACHED_BY: &[(&str, &str)] = &[
    ("record.parse", "record-parse-float"),
    ("record.seq", "sealed-seq-skipped"),
    ("record.prev_mismatch", "sealed-prev-mismatch"),
    ("record.hash_mismatch", "tampered-ballot-hash-mismatch"),
    ("record.time_regression", "record-time-regression"),
    ("record.too_large", "record-too-large-id"),
    ("event.unknown_kind", "event-unknown-kind"),
    ("event.unknown_field", "unknown-field-rejected"),
    ("event.invalid", "event-invalid-missing-member"),
    ("community.missing", "community-missing"),
    ("community.duplicate", "community-duplicate"),
    ("unit.duplicate", "unit-duplicate"),
    ("unit.unknown", "unit-unknown-transfer"),
    ("unit.area_invalid", "unit-area-invalid-zero"),
    ("owner.unknown", "owner-unknown-voter"),
    ("owner.duplicate", "owner-duplicate"),
    ("rules.unknown", "rules-unknown"),
    ("rules.invalid_value", "rules-invalid-value"),
    ("meeting.unknown", "meeting-unknown"),
    ("meeting.duplicate", "meeting-duplicate"),
    ("meeting.notice_too_short", "notice-one-second-short"),
    ("meeting.closed", "meeting-closed-ballot"),
    ("meeting.window_invalid", "meeting-window-invalid"),
    ("motion.unknown", "motion-unknown-in-ballot"),
    ("motion.duplicate", "motion-duplicate"),
    ("matter.unknown", "matter-unknown"),
    (
        "matter.reserved_to_assembly",
        "five-party-cannot-decide-278-matter",
    ),
    ("ballot.not_eligible", "committee-non-member-ballot"),
    ("ballot.outside_window", "ballot-at-close-instant-rejected"),
    ("ballot.duplicate", "revote-first-counts-duplicate"),
    ("ballot.invalid_value", "ballot-invalid-value"),
    ("ballot.not_found", "ballot-voided-without-ballot"),
    ("election.too_many_choices", "election-too-many-choices"),
    ("election.not_a_candidate", "election-not-a-candidate"),
    ("proxy.not_authorized", "revoked-proxy-not-authorized"),
    ("proxy.cap_exceeded", "proxy-cap-exceeded"),
    ("proxy.not_allowed", "committee-proxy-not-allowed"),
    ("proxy.superseded", "agent-after-principal-superseded"),
    ("attendance.invalid", "attendance-non-member"),
    ("result.mismatch", "result-declared-wrong-outcome"),
    ("result.premature", "result-declared-before-close"),
];

/// Codes no record can reach, with the reason.
const UNREACHABLE: &[(&str, &str)] = &[
    ("internal", "only the WebAssembly panic hook produces it"),
    (
        "record.read",
        "only a failing reader produces it (a unit test in core/src/ledger.rs)",
    ),
];

#[test]
fn every_error_code_is_reached_by_a_minimal_case() {
    let cases = all_cases();
    let by_name: BTreeMap<&str, _> = cases.iter().map(|c| (c.name(), c)).collect();
    let table: BTreeMap<&str, &str> = REACHED_BY.iter().copied().collect();
    assert_eq!(
        table.len(),
        REACHED_BY.len(),
        "a code is listed twice in REACHED_BY"
    );
    let mut problems = Vec::new();
    for code in ErrorCode::ALL {
        let code = code.as_str();
        if UNREACHABLE.iter().any(|(c, _)| *c == code) {
            continue;
        }
        let Some(case_name) = table.get(code) else {
            problems.push(format!("{code}: no case in REACHED_BY"));
            continue;
        };
        let Some(case) = by_name.get(case_name) else {
            problems.push(format!("{code}: no case named {case_name}"));
            continue;
        };
        if case.expected_error() != Some(code) {
            problems.push(format!(
                "{code}: case {case_name} expects {:?}",
                case.expected_error()
            ));
        }
        let report = run_case(&case.case);
        if !report.passed {
            problems.push(format!(
                "{code}: case {case_name} fails: {}",
                report.differences.join("; ")
            ));
        }
    }
    for (code, _) in REACHED_BY {
        if ErrorCode::from_str_code(code).is_none() {
            problems.push(format!(
                "{code}: listed in REACHED_BY but not a code of ErrorCode::ALL"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "error codes not reached:\n  {}",
        problems.join("\n  ")
    );
}

/// The sections of `docs/errors.md`: `## \`code\`` headings and their bodies, in order.
fn catalogue() -> Vec<(String, String)> {
    let path = root().join("docs").join("errors.md");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(code) = line.strip_prefix("## `").and_then(|r| r.strip_suffix('`')) {
            out.push((code.to_owned(), String::new()));
        } else if let Some((_, body)) = out.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    out
}

#[test]
fn docs_errors_md_lists_exactly_the_codes_in_catalogue_order() {
    let documented: Vec<String> = catalogue().into_iter().map(|(c, _)| c).collect();
    let defined: Vec<String> = ErrorCode::ALL
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect();
    let d: BTreeSet<&String> = documented.iter().collect();
    let e: BTreeSet<&String> = defined.iter().collect();
    assert_eq!(
        d.len(),
        documented.len(),
        "docs/errors.md lists a code twice"
    );
    let missing: Vec<_> = e.difference(&d).collect();
    let extra: Vec<_> = d.difference(&e).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "docs/errors.md lacks {missing:?} and lists unknown {extra:?}"
    );
    assert_eq!(
        documented, defined,
        "docs/errors.md must follow the order of ErrorCode::ALL"
    );
}

#[test]
fn docs_errors_md_explains_every_code_in_both_languages() {
    for (code, body) in catalogue() {
        for label in ["- 含义：", "- 修正：", "- Meaning: ", "- Fix: "] {
            let line = body.lines().find(|l| l.starts_with(label));
            let text = line.map(|l| l[label.len()..].trim()).unwrap_or_default();
            assert!(
                !text.is_empty(),
                "docs/errors.md: `{code}` has no {label:?} line"
            );
        }
        let spec_marker = body.contains("(spec §6)");
        let added_marker = body.contains("(yishi)");
        let in_spec = ErrorCode::from_str_code(&code).is_some_and(|c| c.in_spec());
        assert!(
            (in_spec && spec_marker && !added_marker) || (!in_spec && added_marker && !spec_marker),
            "docs/errors.md: `{code}` must be marked (spec §6) or (yishi) according to ErrorCode::in_spec"
        );
    }
}

#[test]
fn spec_section_6_lists_exactly_the_codes_marked_in_spec() {
    let spec =
        std::fs::read_to_string(shared().join("spec").join("record-v1.md")).expect("the spec");
    let section = spec.split("\n## 6.").nth(1).expect("spec §6");
    let section = section.split("\n## ").next().unwrap_or(section);
    let listed: BTreeSet<&str> = section
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| s.contains('.'))
        .collect();
    let marked: BTreeSet<&str> = ErrorCode::ALL
        .iter()
        .filter(|c| c.in_spec())
        .map(|c| c.as_str())
        .collect();
    assert_eq!(listed, marked, "spec §6 and ErrorCode::in_spec disagree");
}

#[test]
fn codes_round_trip_through_their_strings() {
    for c in ErrorCode::ALL {
        assert_eq!(ErrorCode::from_str_code(c.as_str()), Some(*c));
        assert_eq!(c.to_string(), c.as_str());
    }
    assert_eq!(ErrorCode::from_str_code("no.such_code"), None);
}

/// The demo's auditor view explains an error from `web-demo/errors.json`:
/// it must be exactly what `cargo xtask errors-json` makes of `docs/errors.md`.
#[test]
fn web_demo_errors_json_is_generated_from_docs_errors_md() {
    let md =
        std::fs::read_to_string(root().join("docs").join("errors.md")).expect("docs/errors.md");
    let want = errors_json::errors_json(&md).unwrap_or_else(|e| panic!("{e}"));
    let path = root().join("web-demo").join("errors.json");
    let have = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        have == want,
        "web-demo/errors.json is not what docs/errors.md gives: run `cargo xtask errors-json`"
    );
    // And, apart from the generator, read back: every code, with its four lines.
    let json: serde_json::Value =
        serde_json::from_str(&have).expect("web-demo/errors.json is JSON");
    let entries = json.as_object().expect("an object of codes");
    let codes: BTreeSet<&str> = entries.keys().map(String::as_str).collect();
    let defined: BTreeSet<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(codes, defined, "web-demo/errors.json and ErrorCode::ALL");
    for (code, body) in catalogue() {
        for (label, lang, member) in [
            ("- 含义：", "zh", "meaning"),
            ("- 修正：", "zh", "fix"),
            ("- Meaning: ", "en", "meaning"),
            ("- Fix: ", "en", "fix"),
        ] {
            let line = body
                .lines()
                .find_map(|l| l.strip_prefix(label))
                .map(str::trim);
            assert_eq!(
                entries[&code][lang][member].as_str(),
                line,
                "web-demo/errors.json: `{code}` {lang} {member}"
            );
        }
    }
}

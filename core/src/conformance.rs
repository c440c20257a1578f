//! Runs conformance cases in the spec's §5 format.
//!
//! A case holds unsealed `events` (sealed here, in order) or a sealed
//! `record`, and an `expect`ation: either motion results, of which only the
//! listed members are compared, or the error replay must stop with.
//!
//! ```
//! use serde_json::json;
//! let case = json!({"case": "community-missing", "events": [
//!     {"at": "2026-10-08T09:00:00+08:00", "kind": "rules.adopted",
//!      "data": {"rules": "r1", "preset": "civil-code-2021"}}],
//!     "expect": {"error": {"seq": 1, "code": "community.missing"}}});
//! let report = yishi::conformance::run_case(&case);
//! assert!(report.passed, "{:?}", report.differences);
//! ```
//!
//! The cases are read into the crate's own JSON trees (the WebAssembly
//! module runs them without `serde_json`); the `Value` functions are the
//! same runner over a `serde_json::Value`.

use crate::area::Area;
use crate::json::{Arena, Node};
use crate::ledger::Ledger;
use crate::tally::{write_object, WriteJson};
use serde::Serialize;
use serde_json::Value;

/// The outcome of one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseReport {
    /// The case's `case` name.
    pub name: String,
    /// Whether every expectation held.
    pub passed: bool,
    /// What differed, one line each.
    pub differences: Vec<String>,
}

impl CaseReport {
    /// The report as compact JSON text, keys sorted:
    /// `{"differences":[…],"name":…,"passed":…}` (what the WebAssembly
    /// `runCase` returns).
    ///
    /// ```
    /// let report = yishi::conformance::CaseReport {
    ///     name: "x".into(),
    ///     passed: false,
    ///     differences: vec!["m/a.outcome: expected \"passed\"".into()],
    /// };
    /// assert_eq!(
    ///     report.to_json_text(),
    ///     r#"{"differences":["m/a.outcome: expected \"passed\""],"name":"x","passed":false}"#
    /// );
    /// ```
    pub fn to_json_text(&self) -> String {
        crate::tally::json_text(self)
    }
}

impl WriteJson for CaseReport {
    fn write_json(&self, out: &mut Vec<u8>) {
        write_object(
            &[
                ("differences", Some(&self.differences)),
                ("name", Some(&self.name)),
                ("passed", Some(&self.passed)),
            ],
            out,
        );
    }
}

/// Reads a conformance case file (spec §5). A case is a container, not a
/// record: its events may hold what a record may not, to test that it is
/// refused. Numbers with a fraction or exponent, `-0` and integers beyond
/// ±(2^53−1) are read as `i64::MAX`, which every event check refuses with
/// `record.parse` exactly as it refuses the number itself; member names must
/// be unique. Errors are `record.parse` at position 0.
pub fn parse_case(text: &str) -> Result<Value, crate::Error> {
    Node::parse_case(text, &Arena::default()).map(|n| n.to_value())
}

/// Runs one case given as the text of its file, read as [`parse_case`]
/// reads it. Errors only when the text is not JSON (`record.parse` at 0);
/// JSON that is no case (`[]`, `{}`, an object without `events` or
/// `record`) gives a failed report, named `(unnamed)` when it has no
/// `case`, whose differences say what is missing, as `yishi conformance`
/// reports such a file.
///
/// ```
/// let r = yishi::conformance::run_case_text("{}")?;
/// assert!(!r.passed);
/// assert_eq!(r.differences, ["the case holds neither \"events\" nor \"record\""]);
/// assert!(yishi::conformance::run_case_text("{").is_err());
/// # Ok::<(), yishi::Error>(())
/// ```
pub fn run_case_text(text: &str) -> Result<CaseReport, crate::Error> {
    let arena = Arena::default();
    Node::parse_case(text, &arena).map(|case| run(&case))
}

/// Replays a case's events or record into a ledger, stopping at the first error.
pub fn replay_case(case: &Value) -> Result<Ledger, crate::Error> {
    let arena = Arena::default();
    replay(&Node::from_case_value(case, &arena))
}

/// Runs one case and reports every difference from its expectation.
pub fn run_case(case: &Value) -> CaseReport {
    let arena = Arena::default();
    run(&Node::from_case_value(case, &arena))
}

/// Compares `want` against `got` the spec's way: listed members only, areas by
/// value, `elected`/`tied` as sets. Differences are appended to `out`.
pub fn compare(path: &str, want: &Value, got: &Value, out: &mut Vec<String>) {
    let arena = Arena::default();
    compare_nodes(
        path,
        &Node::from_case_value(want, &arena),
        &Node::from_case_value(got, &arena),
        out,
    );
}

fn replay(case: &Node<'_>) -> Result<Ledger, crate::Error> {
    let mut ledger = Ledger::new();
    if let Some(Node::Arr(events)) = case.member("events") {
        for e in *events {
            ledger.apply_node(e, false)?;
        }
    } else if let Some(Node::Arr(record)) = case.member("record") {
        for e in *record {
            ledger.apply_sealed_node(e)?;
        }
    }
    Ok(ledger)
}

fn run(case: &Node<'_>) -> CaseReport {
    let name = case
        .member("case")
        .and_then(|n| n.as_str().map(str::to_owned))
        .unwrap_or_else(|| "(unnamed)".to_owned());
    let mut differences = Vec::new();
    let is_arr = |k| matches!(case.member(k), Some(Node::Arr(_)));
    let expect = case.member("expect");
    let want_error = expect.and_then(|e| e.member("error"));
    let want_motions = expect.and_then(|e| e.member("motions"));
    if !is_arr("events") && !is_arr("record") {
        differences.push("the case holds neither \"events\" nor \"record\"".into());
    } else if case.member("events").is_some() && case.member("record").is_some() {
        // §5: "record" comes *instead of* "events"; running one and ignoring
        // the other would let half of the case pass unchecked.
        differences.push("the case holds both \"events\" and \"record\"".into());
    } else if want_error.is_some() && want_motions.is_some() {
        differences.push("the case expects both an error and motions".into());
    } else if let Some(stray) = unknown_member(expect, &["motions", "error"])
        .or_else(|| unknown_member(want_error, &["seq", "code"]))
    {
        // A misspelt member would leave the case checking less than it says.
        differences.push(format!(
            "the expectation holds an unknown member \"{stray}\""
        ));
    } else if matches!(want_motions, Some(Node::Obj(m)) if m.is_empty()) {
        differences.push("expect.motions names no motion: the case checks nothing".into());
    } else {
        match (want_error, want_motions, replay(case)) {
            (Some(want), _, Err(got)) => {
                let ws = match want.member("seq") {
                    Some(Node::Int(s)) => u64::try_from(*s).ok(),
                    _ => None,
                };
                let wc = want
                    .member("code")
                    .and_then(|c| c.as_str().map(str::to_owned));
                if ws != Some(got.seq()) || wc.as_deref() != Some(got.code()) {
                    differences.push(format!(
                        "expected error {} at seq {}, got {} at seq {} ({})",
                        wc.as_deref().unwrap_or("?"),
                        ws.map_or("?".into(), |s| s.to_string()),
                        got.code(),
                        got.seq(),
                        got.message()
                    ));
                }
            }
            (Some(want), _, Ok(l)) => differences.push(format!(
                "expected error {want}, but all {} events were accepted",
                l.len()
            )),
            (None, Some(_), Err(got)) => differences.push(format!("replay stopped: {got}")),
            (None, Some(Node::Obj(motions)), Ok(l)) => {
                // The `tally --json` object, keyed "<meeting>/<motion>".
                let text = l.results_json_text();
                let arena = Arena::default();
                match Node::parse(&text, &arena) {
                    Ok(actual) => {
                        for (key, want) in *motions {
                            match actual.member(key) {
                                None => {
                                    differences.push(format!("{key}: no such motion in the record"))
                                }
                                Some(got) => compare_nodes(key, want, got, &mut differences),
                            }
                        }
                    }
                    Err(e) => differences.push(format!("the results do not read back: {e}")),
                }
            }
            (None, Some(_), Ok(_)) => differences.push("expect.motions is not an object".into()),
            (None, None, _) => {
                differences.push("the case expects neither motions nor an error".into())
            }
        }
    }
    CaseReport {
        name,
        passed: differences.is_empty(),
        differences,
    }
}

/// The first member of the object `node` not in `known`, if any.
fn unknown_member<'a>(node: Option<&Node<'a>>, known: &[&str]) -> Option<&'a str> {
    match node {
        Some(Node::Obj(members)) => members.iter().map(|(k, _)| *k).find(|k| !known.contains(k)),
        _ => None,
    }
}

fn as_area(v: &Node<'_>) -> Option<Area> {
    v.as_str()?.parse().ok()
}

/// [`compare`] over the crate's own trees: a difference reads
/// `"<path>: expected <want>, got <got>"`.
pub(crate) fn compare_nodes(path: &str, want: &Node<'_>, got: &Node<'_>, out: &mut Vec<String>) {
    compare_labelled(path, want, got, out, ("expected", "got"));
}

/// [`compare_nodes`] with the two sides named: a declared result against
/// the recount reads `"<path>: declared <want>, the recount gives <got>"`.
pub(crate) fn compare_labelled(
    path: &str,
    want: &Node<'_>,
    got: &Node<'_>,
    out: &mut Vec<String>,
    (w_is, g_is): (&str, &str),
) {
    match (want, got) {
        (Node::Obj(w), Node::Obj(_)) => {
            for (k, wv) in w.iter() {
                let p = format!("{path}.{k}");
                match got.member(k) {
                    None => out.push(format!("{p}: {w_is} {wv}, {g_is} nothing")),
                    Some(gv @ Node::Arr(ga)) if *k == "elected" || *k == "tied" => {
                        let Node::Arr(wa) = wv else {
                            out.push(format!("{p}: {w_is} {wv}, {g_is} {gv}"));
                            continue;
                        };
                        let set = |xs: &[Node<'_>]| {
                            let mut s: Vec<String> = xs.iter().map(|x| x.to_string()).collect();
                            crate::order::sort_by(&mut s, |x, y| x.cmp(y));
                            s.dedup();
                            s
                        };
                        if set(wa) != set(ga) {
                            out.push(format!("{p}: {w_is} {wv}, {g_is} {gv}"));
                        }
                    }
                    Some(gv) => compare_labelled(&p, wv, gv, out, (w_is, g_is)),
                }
            }
        }
        (Node::Arr(w), Node::Arr(g)) => {
            if w.len() != g.len() {
                out.push(format!("{path}: {w_is} {want}, {g_is} {got}"));
            } else {
                for (i, (a, b)) in w.iter().zip(g.iter()).enumerate() {
                    compare_labelled(&format!("{path}[{i}]"), a, b, out, (w_is, g_is));
                }
            }
        }
        (Node::Str(_), Node::Str(_)) if as_area(want).is_some() && as_area(got).is_some() => {
            if as_area(want) != as_area(got) {
                out.push(format!("{path}: {w_is} {want}, {g_is} {got}"));
            }
        }
        _ => {
            if want != got {
                out.push(format!("{path}: {w_is} {want}, {g_is} {got}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// What [`compare`] finds between `want` and `got`, under the path `m/a`.
    fn differences(want: Value, got: Value) -> Vec<String> {
        let mut out = Vec::new();
        compare("m/a", &want, &got, &mut out);
        out
    }

    /// An error expectation holds only when both its code and its seq do:
    /// the right code at another event, or another code at the right
    /// event, is a failed case.
    #[test]
    fn an_expected_error_needs_its_code_and_its_seq() {
        let case = |seq: u64, code: &str| {
            json!({"case": "e", "events": [
                {"at": "2026-10-08T09:00:00+08:00", "kind": "rules.adopted",
                 "data": {"rules": "r1", "preset": "civil-code-2021"}}],
                "expect": {"error": {"seq": seq, "code": code}}})
        };
        let r = run_case(&case(1, "community.missing"));
        assert!(r.passed, "{:?}", r.differences);
        for (seq, code, said) in [
            (
                2,
                "community.missing",
                "expected error community.missing at seq 2, got community.missing at seq 1 (",
            ),
            (
                1,
                "community.duplicate",
                "expected error community.duplicate at seq 1, got community.missing at seq 1 (",
            ),
        ] {
            let r = run_case(&case(seq, code));
            assert!(!r.passed, "{code} at {seq}");
            assert_eq!(r.differences.len(), 1, "{:?}", r.differences);
            assert!(r.differences[0].starts_with(said), "{:?}", r.differences);
        }
    }

    /// Strings that are no areas compare as they are written: another
    /// outcome is a difference, whatever the other members say.
    #[test]
    fn a_different_outcome_is_a_difference() {
        assert_eq!(
            differences(
                json!({"outcome": "passed", "yes": {"heads": 2}}),
                json!({"outcome": "failed", "yes": {"heads": 2, "area": "80.00"}})
            ),
            [r#"m/a.outcome: expected "passed", got "failed""#]
        );
        assert_eq!(
            differences(json!({"outcome": "passed"}), json!({"outcome": "passed"})),
            Vec::<String>::new()
        );
    }

    /// Areas compare by value, to the hundredth: `80`, `80.0` and `80.00`
    /// are one area, `80.01` another; an area never equals a word.
    #[test]
    fn areas_compare_by_value() {
        let got = json!({"yes": {"area": "80.00"}});
        for same in ["80", "80.0", "80.00"] {
            assert_eq!(
                differences(json!({"yes": {"area": same}}), got.clone()),
                Vec::<String>::new(),
                "{same}"
            );
        }
        assert_eq!(
            differences(json!({"yes": {"area": "80.01"}}), got.clone()),
            [r#"m/a.yes.area: expected "80.01", got "80.00""#]
        );
        assert_eq!(
            differences(json!({"yes": {"area": "none"}}), got),
            [r#"m/a.yes.area: expected "none", got "80.00""#]
        );
    }

    /// `elected` and `tied` compare as sets; any other list in order,
    /// element by element (listed members only, areas by value), and a
    /// list of another length differs.
    #[test]
    fn only_elected_and_tied_are_sets() {
        for key in ["elected", "tied"] {
            assert_eq!(
                differences(json!({key: ["b", "a", "b"]}), json!({key: ["a", "b"]})),
                Vec::<String>::new(),
                "{key}"
            );
            assert_eq!(
                differences(json!({key: ["a"]}), json!({key: ["a", "b"]})).len(),
                1,
                "{key}"
            );
            // Not a list where the recount has one.
            assert_eq!(
                differences(json!({key: "a"}), json!({key: ["a"]})),
                [format!(r#"m/a.{key}: expected "a", got ["a"]"#)]
            );
        }
        assert_eq!(
            differences(
                json!({"warnings": ["x", "y"]}),
                json!({"warnings": ["y", "x"]})
            ),
            [
                r#"m/a.warnings[0]: expected "x", got "y""#,
                r#"m/a.warnings[1]: expected "y", got "x""#
            ]
        );
        assert_eq!(
            differences(json!({"warnings": ["x"]}), json!({"warnings": ["x", "y"]})),
            [r#"m/a.warnings: expected ["x"], got ["x","y"]"#]
        );
        assert_eq!(
            differences(
                json!({"warnings": ["x", "y"]}),
                json!({"warnings": ["x", "y"]})
            ),
            Vec::<String>::new()
        );
        // Inside a list too, only the listed members count, areas by value.
        assert_eq!(
            differences(
                json!({"candidates": [{"id": "c1", "area": "80"}]}),
                json!({"candidates": [{"id": "c1", "heads": 1, "area": "80.00"}]})
            ),
            Vec::<String>::new()
        );
    }

    /// A listed member the recount lacks is a difference.
    #[test]
    fn a_member_the_recount_lacks_is_a_difference() {
        assert_eq!(
            differences(json!({"short": {"heads": 1}}), json!({"outcome": "passed"})),
            [r#"m/a.short: expected {"heads":1}, got nothing"#]
        );
    }
}

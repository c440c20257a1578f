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

use crate::area::Area;
use crate::ledger::Ledger;
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

/// Reads a conformance case file (spec §5). A case is a container, not a
/// record: its events may hold what a record may not, to test that it is
/// refused. Numbers with a fraction or exponent, `-0` and integers beyond
/// ±(2^53−1) are read as `i64::MAX`, which every event check refuses with
/// `record.parse` exactly as it refuses the number itself; member names must
/// be unique. Errors are `record.parse` at position 0.
pub fn parse_case(text: &str) -> Result<Value, crate::Error> {
    crate::json::Node::parse_case(text, &crate::json::Arena::default()).map(|n| n.to_value())
}

/// Replays a case's events or record into a ledger, stopping at the first error.
pub fn replay_case(case: &Value) -> Result<Ledger, crate::Error> {
    let mut ledger = Ledger::new();
    if let Some(events) = case.get("events").and_then(Value::as_array) {
        for e in events {
            ledger.apply(e)?;
        }
    } else if let Some(record) = case.get("record").and_then(Value::as_array) {
        for e in record {
            ledger.apply_sealed(e)?;
        }
    }
    Ok(ledger)
}

/// Runs one case and reports every difference from its expectation.
pub fn run_case(case: &Value) -> CaseReport {
    let name = case
        .get("case")
        .and_then(Value::as_str)
        .unwrap_or("(unnamed)")
        .to_owned();
    let mut differences = Vec::new();
    let has_events = case.get("events").is_some_and(Value::is_array)
        || case.get("record").is_some_and(Value::is_array);
    let expect = case.get("expect");
    if !has_events {
        differences.push("the case holds neither \"events\" nor \"record\"".into());
    } else {
        let outcome = replay_case(case);
        match (
            expect.and_then(|e| e.get("error")),
            expect.and_then(|e| e.get("motions")),
            outcome,
        ) {
            (Some(want), _, Err(got)) => {
                let ws = want.get("seq").and_then(Value::as_u64);
                let wc = want.get("code").and_then(Value::as_str);
                if ws != Some(got.seq()) || wc != Some(got.code()) {
                    differences.push(format!(
                        "expected error {} at seq {}, got {} at seq {} ({})",
                        wc.unwrap_or("?"),
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
            (None, Some(motions), Ok(l)) => {
                let actual = l.results_json();
                match motions.as_object() {
                    Some(ms) => {
                        for (key, want) in ms {
                            match actual.get(key) {
                                None => {
                                    differences.push(format!("{key}: no such motion in the record"))
                                }
                                Some(got) => compare(key, want, got, &mut differences),
                            }
                        }
                    }
                    None => differences.push("expect.motions is not an object".into()),
                }
            }
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

fn as_area(v: &Value) -> Option<Area> {
    v.as_str()?.parse().ok()
}

/// Compares `want` against `got` the spec's way: listed members only, areas by
/// value, `elected`/`tied` as sets. Differences are appended to `out`.
pub fn compare(path: &str, want: &Value, got: &Value, out: &mut Vec<String>) {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for (k, wv) in w {
                let p = format!("{path}.{k}");
                match g.get(k) {
                    None => out.push(format!("{p}: expected {wv}, missing")),
                    Some(gv)
                        if (k == "elected" || k == "tied") && wv.is_array() && gv.is_array() =>
                    {
                        let mut a: Vec<String> = wv
                            .as_array()
                            .into_iter()
                            .flatten()
                            .map(|x| x.to_string())
                            .collect();
                        let mut b: Vec<String> = gv
                            .as_array()
                            .into_iter()
                            .flatten()
                            .map(|x| x.to_string())
                            .collect();
                        crate::order::sort_by(&mut a, |x, y| x.cmp(y));
                        crate::order::sort_by(&mut b, |x, y| x.cmp(y));
                        if a != b {
                            out.push(format!("{p}: expected {wv}, got {gv}"));
                        }
                    }
                    Some(gv) => compare(&p, wv, gv, out),
                }
            }
        }
        (Value::Array(w), Value::Array(g)) => {
            if w.len() != g.len() {
                out.push(format!("{path}: expected {want}, got {got}"));
            } else {
                for (i, (a, b)) in w.iter().zip(g).enumerate() {
                    compare(&format!("{path}[{i}]"), a, b, out);
                }
            }
        }
        (Value::String(_), Value::String(_))
            if as_area(want).is_some() && as_area(got).is_some() =>
        {
            if as_area(want) != as_area(got) {
                out.push(format!("{path}: expected {want}, got {got}"));
            }
        }
        _ => {
            if want != got {
                out.push(format!("{path}: expected {want}, got {got}"));
            }
        }
    }
}

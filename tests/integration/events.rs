//! Typed events (`yishi::event`) against every event the ledger accepts in
//! the conformance cases (shared and our own), the bundled examples and the
//! sample record: each reads into `yishi::event::Event`, writes back to the
//! same canonical form, and applied with `Ledger::apply_event` seals the
//! same line as the JSON value applied with `Ledger::apply`.

use crate::common::{all_cases, root};
use serde_json::Value;
use std::collections::BTreeMap;
use yishi::event::Event;
use yishi::{to_canonical_string, Ledger, EVENT_KINDS};

/// A list of events: unsealed (a case's `events`) or sealed (a case's
/// `record`, an example, the sample record).
struct Source {
    name: String,
    events: Vec<Value>,
    sealed: bool,
    /// The position of the event the case expects refused, if any.
    refused_at: Option<u64>,
}

fn sources() -> Vec<Source> {
    let mut out = Vec::new();
    for c in all_cases() {
        let (events, sealed) = match (c.case.get("events"), c.case.get("record")) {
            (Some(Value::Array(e)), _) => (e.clone(), false),
            (_, Some(Value::Array(r))) => (r.clone(), true),
            _ => panic!("{}: no events and no record", c.path.display()),
        };
        out.push(Source {
            name: c.path.display().to_string(),
            events,
            sealed,
            refused_at: c.case.pointer("/expect/error/seq").and_then(Value::as_u64),
        });
    }
    let mut examples: Vec<_> = std::fs::read_dir(root().join("examples"))
        .expect("examples/")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    examples.sort();
    assert!(examples.len() >= 4, "the bundled examples");
    let lines = |name: String, text: &str| Source {
        name,
        events: text
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect(),
        sealed: true,
        refused_at: None,
    };
    for path in examples {
        let text = std::fs::read_to_string(&path).expect("an example record");
        out.push(lines(path.display().to_string(), &text));
    }
    out.push(lines(
        "the sample record".into(),
        &yishi_tests::sample::record(),
    ));
    out
}

/// The event without the members sealing adds.
fn unsealed(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(o) = v.as_object_mut() {
        for k in ["seq", "prev", "hash"] {
            o.remove(k);
        }
    }
    v
}

/// `v` without the members written as `null`, which the ledger reads as
/// absent and a typed event holds as `None`: all but `proxy_cap` (whose
/// `null` the typed form keeps) and those among declared figures (open JSON).
fn without_nulls(v: &Value) -> Value {
    match v {
        Value::Object(o) => Value::Object(
            o.iter()
                .filter(|(k, x)| !x.is_null() || *k == "proxy_cap")
                .map(|(k, x)| {
                    let x = if k == "results" {
                        x.clone()
                    } else {
                        without_nulls(x)
                    };
                    (k.clone(), x)
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_nulls).collect()),
        x => x.clone(),
    }
}

/// Events of each kind that must be checked at least (the counts when
/// this test was written: the cases and examples may grow, not shrink).
const AT_LEAST: [(&str, usize); 12] = [
    ("community.registered", 177),
    ("unit.transferred", 7),
    ("rules.adopted", 190),
    ("meeting.convened", 160),
    ("proxy.granted", 304),
    ("proxy.revoked", 5),
    ("attendance.recorded", 21),
    ("ballot.cast", 8517),
    ("ballot.voided", 9),
    ("objection.filed", 29),
    ("meeting.closed", 115),
    ("result.declared", 14),
];

#[test]
fn every_accepted_event_reads_into_a_typed_event_and_back() {
    let mut checked: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut with_nulls = Vec::new();
    for src in sources() {
        // `plain` takes the events as they are; `typed` their typed form;
        // `reference` the events without their `null` members.
        let (mut plain, mut typed, mut reference) = (Ledger::new(), Ledger::new(), Ledger::new());
        let mut stripped = 0;
        for (i, v) in src.events.iter().enumerate() {
            let at = format!("{} event {}", src.name, i + 1);
            let accepted = if src.sealed {
                plain.apply_sealed(v).map(drop)
            } else {
                plain.apply(v).map(drop)
            };
            if let Err(e) = accepted {
                // The replay here stops where the case says it stops.
                assert_eq!(src.refused_at, Some(i as u64 + 1), "{at} refused: {e}");
                break;
            }
            let v = unsealed(v);
            let event: Event = serde_json::from_value(v.clone())
                .unwrap_or_else(|e| panic!("{at} does not read as a typed event: {e}\n{v}"));
            let back = serde_json::to_value(&event).expect("a typed event writes");
            let want = without_nulls(&v);
            assert_eq!(
                to_canonical_string(&back),
                to_canonical_string(&want),
                "{at} is written back otherwise"
            );
            if want != v {
                stripped += 1;
            }
            let again: Event = serde_json::from_value(back).expect("written back, it reads");
            assert_eq!(again, event, "{at}");
            // Sealed, the typed event is the event.
            let line = typed
                .apply_event(&event)
                .unwrap_or_else(|e| panic!("{at} applied typed: {e}"));
            let sealed = reference
                .apply(&want)
                .unwrap_or_else(|e| panic!("{at} without its nulls: {e}"));
            assert_eq!(line, to_canonical_string(&sealed), "{at}");
            *checked.entry(event.kind()).or_default() += 1;
        }
        if let Some(n) = src.refused_at {
            assert!(plain.len() < n, "{}: event {n} was accepted", src.name);
        }
        assert_eq!(typed.head(), reference.head(), "{}", src.name);
        assert_eq!(typed.to_record(), reference.to_record(), "{}", src.name);
        // `null` is absent to the ledger: the same results, and without any
        // `null` the very same record (for a sealed one, its own hashes).
        assert_eq!(typed.results_json(), plain.results_json(), "{}", src.name);
        if stripped == 0 {
            assert_eq!(typed.head(), plain.head(), "{}", src.name);
        } else {
            with_nulls.push(src.name);
        }
    }
    eprintln!("typed events checked, by kind: {checked:?}; with null members: {with_nulls:?}");
    for (kind, n) in AT_LEAST {
        assert!(EVENT_KINDS.contains(&kind), "{kind}");
        let got = checked.get(kind).copied().unwrap_or(0);
        assert!(
            got >= n,
            "only {got} {kind} events checked, expected {n} or more"
        );
    }
    assert_eq!(checked.len(), EVENT_KINDS.len(), "{checked:?}");
    // The case whose optional members are written as null is among them.
    assert!(
        with_nulls
            .iter()
            .any(|n| n.contains("optional-members-null-read-as-absent")),
        "{with_nulls:?}"
    );
}

/// Every enum of fixed names reads back from its `Display` and serde
/// forms, which are the same; any other string is refused with the names
/// it takes.
#[test]
fn named_enums_read_back_from_their_names() {
    use std::fmt::Display;
    use std::str::FromStr;
    fn check<T>(all: &[T], what: &str, as_str: fn(T) -> &'static str)
    where
        T: Copy + Display + FromStr<Err = yishi::UnknownName> + PartialEq + std::fmt::Debug,
        T: serde::Serialize + serde::de::DeserializeOwned,
    {
        let names: Vec<&str> = all.iter().map(|x| as_str(*x)).collect();
        for (x, name) in all.iter().zip(&names) {
            assert_eq!(x.to_string(), *name);
            assert_eq!(name.parse::<T>().as_ref(), Ok(x), "{name}");
            assert_eq!(serde_json::to_value(x).unwrap(), *name);
            assert_eq!(&serde_json::from_value::<T>((*name).into()).unwrap(), x);
            for wrong in [name.to_uppercase(), format!(" {name}"), format!("{name}\0")] {
                let e = wrong.parse::<T>().unwrap_err();
                assert_eq!(
                    (e.what(), e.given(), e.expected()),
                    (what, wrong.as_str(), &names[..])
                );
                assert!(serde_json::from_value::<T>(wrong.as_str().into()).is_err());
            }
        }
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), all.len(), "{names:?}");
    }
    use yishi::event::{BlockDimension, Channel, Form};
    use yishi::{Body, CheckKind, Dimension, Stage, Stance};
    check(&Body::ALL, "body", Body::as_str);
    check(&Stage::ALL, "stage", Stage::as_str);
    check(&Stance::ALL, "stance", Stance::as_str);
    check(&CheckKind::ALL, "check", CheckKind::as_str);
    check(&Dimension::ALL, "dimension", Dimension::as_str);
    check(&BlockDimension::ALL, "dimension", BlockDimension::as_str);
    check(&Channel::ALL, "channel", Channel::as_str);
    check(&Form::ALL, "form", Form::as_str);
    check(
        &yishi::ballots::MeetingState::ALL,
        "meeting state",
        yishi::ballots::MeetingState::as_str,
    );
    assert_eq!(
        "".parse::<Body>().unwrap_err().to_string(),
        r#"unknown body "" (one of: assembly, committee, five-party)"#
    );
}

//! Shared by the integration tests (`tests/integration`) and the fuzz targets
//! (`fuzz/`): a realistic sample record and the fuzz harnesses, so that a
//! crash input found by `cargo xtask fuzz` replays through exactly the same
//! code in `cargo test` (see `tests/fuzz-regressions/`).

use serde_json::{json, Value};
use yishi::Ledger;

/// A small but complete community record: a developer, a buyer of several
/// units, parking, two rule sets, an assembly meeting with every kind of
/// motion (tiers, objection block, Art. 279, election), a building-level
/// meeting, a committee and a five-party meeting, proxies, a voided and
/// recast ballot, objections before and after close, a transfer, and a
/// declared result.
pub mod sample {
    use super::*;

    fn ev(at: &str, kind: &str, data: Value) -> Value {
        json!({"at": at, "kind": kind, "data": data})
    }

    fn unit(id: &str, building: &str, floor: i64, area: &str, owner: &str) -> Value {
        json!({"id": id, "building": building, "floor": floor, "area": area, "owner": owner})
    }

    /// The events up to the moment every meeting is open and has some ballots.
    pub fn opening_events() -> Vec<Value> {
        let mut units = vec![
            unit("1-101", "1", 1, "89.37", "o1"),
            unit("1-102", "1", 1, "120", "o2"),
            unit("1-201", "1", 2, "89.37", "o3"),
            unit("1-202", "1", 2, "120.5", "o4"),
            unit("1-301", "1", 3, "95.50", "o5"),
            unit("1-302", "1", 3, "120", "dev"),
            unit("2-101", "2", 1, "88.88", "o6"),
            unit("2-102", "2", 1, "101", "o7"),
            unit("2-201", "2", 2, "99.99", "dev2"),
            unit("2-202", "2", 2, "100", "o8"),
            unit("2-203", "2", 2, "77.7", "o2"),
        ];
        units.push(json!({"id": "P-01", "building": "P", "floor": -1, "area": "12.50", "use": "parking", "owner": "o1"}));
        units.push(json!({"id": "P-02", "building": "P", "floor": -1, "area": "13", "use": "parking", "owner": "o9", "area_basis": "contract"}));
        let parties = json!({"party_branch": "王书记", "residents_committee": "李主任", "owners_committee": "o1",
                             "property_company": "物业经理", "owner_representatives": "o7"});
        vec![
            ev(
                "2026-10-08T09:00:00+08:00",
                "community.registered",
                json!({
                "community": "bihu-sample", "name": "碧湖花园（样例）",
                "owners": [{"id": "dev", "developer": true, "name": "碧湖置业"}, {"id": "dev2", "developer": true},
                           {"id": "o2", "name": "张三、李四"}],
                "units": units}),
            ),
            ev(
                "2026-10-08T09:01:00+08:00",
                "rules.adopted",
                json!({"rules": "r1", "preset": "civil-code-2021",
                "set": {"proxy_cap": 2, "revote": "last_counts"}}),
            ),
            ev(
                "2026-10-08T09:02:00+08:00",
                "rules.adopted",
                json!({"rules": "r2", "preset": "civil-code-2021",
                "set": {"abstain": "excluded", "parking": "excluded", "committee_decision": "more_than_half_of_members",
                        "five_party_quorum": 4, "non_voters": "follow_majority"}}),
            ),
            ev(
                "2026-11-01T09:00:00+08:00",
                "meeting.convened",
                json!({
                "meeting": "2026-01", "body": "assembly", "rules": "r1", "form": "written",
                "noticed_at": "2026-11-01T09:00:00+08:00", "opens_at": "2026-11-20T09:00:00+08:00",
                "closes_at": "2026-12-05T18:00:00+08:00",
                "motions": [
                    {"motion": "fund", "title": "筹集维修资金", "matter": "278.6"},
                    {"motion": "pm", "title": "续聘物业", "matter": "278.4"},
                    {"motion": "prune", "title": "修剪1号楼南侧乔木", "matter": "278.9",
                     "protection": {"objection_block": {"of": {"buildings": ["1"], "floors": {"max": 1}}, "share": "1/3", "dimension": "either"}}},
                    {"motion": "shop", "title": "1-102改为经营性用房", "matter": "279", "applicant": "o2"},
                    {"motion": "elect", "title": "选举业主委员会", "matter": "278.3",
                     "election": {"seats": 2, "candidates": ["o1", "o3", "o6"]}}]}),
            ),
            ev(
                "2026-11-01T09:01:00+08:00",
                "meeting.convened",
                json!({
                "meeting": "2026-02", "body": "assembly", "rules": "r2", "form": "collective",
                "noticed_at": "2026-11-01T09:00:00+08:00", "opens_at": "2026-11-20T09:00:00+08:00",
                "closes_at": "2026-12-05T18:00:00+08:00", "scope": {"buildings": ["2"]},
                "motions": [{"motion": "lift", "title": "2号楼加装电梯", "matter": "278.5"}]}),
            ),
            ev(
                "2026-11-01T09:02:00+08:00",
                "meeting.convened",
                json!({
                "meeting": "c-01", "body": "committee", "rules": "r1", "form": "collective",
                "opens_at": "2026-11-20T09:00:00+08:00", "closes_at": "2026-11-20T18:00:00+08:00",
                "members": ["o1", "o3", "o5", "o6", "o7"],
                "motions": [{"motion": "audit", "title": "委托审计公共收益"}]}),
            ),
            ev(
                "2026-11-01T09:03:00+08:00",
                "meeting.convened",
                json!({
                "meeting": "f-01", "body": "five-party", "rules": "r2", "form": "collective",
                "opens_at": "2026-11-20T09:00:00+08:00", "closes_at": "2026-11-20T18:00:00+08:00",
                "parties": parties,
                "motions": [{"motion": "mediate", "title": "调解修剪方案", "matter": "coordination",
                             "refers_to": {"meeting": "2026-01", "motion": "prune"}}]}),
            ),
            ev(
                "2026-11-02T10:00:00+08:00",
                "unit.transferred",
                json!({"unit": "2-202", "to": "o10"}),
            ),
            ev(
                "2026-11-20T09:30:00+08:00",
                "proxy.granted",
                json!({"meeting": "2026-01", "principal": "o4", "agent": "o9"}),
            ),
            ev(
                "2026-11-20T09:31:00+08:00",
                "proxy.granted",
                json!({"meeting": "2026-01", "principal": "o5", "agent": "o9"}),
            ),
            ev(
                "2026-11-20T09:32:00+08:00",
                "proxy.revoked",
                json!({"meeting": "2026-01", "principal": "o5", "agent": "o9"}),
            ),
            ev(
                "2026-11-20T09:40:00+08:00",
                "attendance.recorded",
                json!({"meeting": "c-01", "present": ["o1", "o3", "o5"]}),
            ),
            ev(
                "2026-11-20T09:41:00+08:00",
                "attendance.recorded",
                json!({"meeting": "f-01",
                "present": ["party_branch", "residents_committee", "owners_committee", "property_company"]}),
            ),
            ev(
                "2026-11-20T10:00:00+08:00",
                "ballot.cast",
                json!({"meeting": "2026-01", "voter": "o1", "channel": "online",
                "votes": {"fund": "yes", "pm": "yes", "prune": "yes", "shop": "yes", "elect": ["o1", "o3"]}}),
            ),
            ev(
                "2026-11-20T10:01:00+08:00",
                "ballot.cast",
                json!({"meeting": "2026-01", "voter": "o4", "by": "o9", "channel": "paper",
                "votes": {"fund": "yes", "pm": "no", "elect": ["o6"]}}),
            ),
            ev(
                "2026-11-20T10:02:00+08:00",
                "ballot.cast",
                json!({"meeting": "2026-01", "voter": "dev2", "channel": "paper",
                "votes": {"fund": "abstain", "pm": "yes", "prune": "no", "shop": "no", "elect": "abstain"}}),
            ),
            ev(
                "2026-11-20T10:03:00+08:00",
                "objection.filed",
                json!({"meeting": "2026-01", "motion": "prune", "owner": "o1",
                "reason": "遮挡底层采光"}),
            ),
            ev(
                "2026-11-20T10:04:00+08:00",
                "ballot.cast",
                json!({"meeting": "c-01", "voter": "o1", "channel": "paper",
                "votes": {"audit": "yes"}}),
            ),
            ev(
                "2026-11-20T10:05:00+08:00",
                "ballot.cast",
                json!({"meeting": "f-01", "voter": "party_branch", "channel": "paper",
                "votes": {"mediate": "support"}, "reasons": {"mediate": "分两期修剪"}}),
            ),
            ev(
                "2026-11-20T10:06:00+08:00",
                "ballot.cast",
                json!({"meeting": "2026-02", "voter": "o6", "channel": "online",
                "votes": {"lift": "yes"}}),
            ),
        ]
    }

    /// The rest: more ballots, a voided and recast ballot, closing, a late
    /// objection and a declared result.
    pub fn closing_events() -> Vec<Value> {
        let b = |at: &str, m: &str, voter: &str, votes: Value| {
            ev(
                at,
                "ballot.cast",
                json!({"meeting": m, "voter": voter, "channel": "online", "votes": votes}),
            )
        };
        vec![
            b(
                "2026-11-20T11:00:00+08:00",
                "2026-01",
                "o2",
                json!({"fund": "yes", "pm": "yes", "prune": "yes", "elect": ["o1", "o6"]}),
            ),
            b(
                "2026-11-20T11:01:00+08:00",
                "2026-01",
                "o3",
                json!({"fund": "no", "pm": "yes", "prune": "yes", "shop": "yes", "elect": ["o3"]}),
            ),
            b(
                "2026-11-20T11:02:00+08:00",
                "2026-01",
                "o6",
                json!({"fund": "yes", "pm": "yes", "prune": "yes", "shop": "no", "elect": ["o1", "o6"]}),
            ),
            b(
                "2026-11-20T11:03:00+08:00",
                "2026-01",
                "o7",
                json!({"fund": "yes", "pm": "abstain"}),
            ),
            ev(
                "2026-11-20T11:04:00+08:00",
                "ballot.voided",
                json!({"meeting": "2026-01", "voter": "o7", "reason": "签名与登记不符"}),
            ),
            b(
                "2026-11-20T11:05:00+08:00",
                "2026-01",
                "o7",
                json!({"fund": "yes", "pm": "yes", "prune": "yes", "elect": []}),
            ),
            b(
                "2026-11-20T11:06:00+08:00",
                "2026-01",
                "o8",
                json!({"fund": "yes", "pm": "yes", "prune": "abstain", "elect": ["o1"]}),
            ),
            b(
                "2026-11-20T11:07:00+08:00",
                "2026-01",
                "o1",
                json!({"fund": "yes", "pm": "yes", "prune": "yes", "shop": "yes", "elect": ["o1", "o6"]}),
            ),
            b(
                "2026-11-20T11:08:00+08:00",
                "c-01",
                "o3",
                json!({"audit": "yes"}),
            ),
            b(
                "2026-11-20T11:09:00+08:00",
                "c-01",
                "o5",
                json!({"audit": "no"}),
            ),
            b(
                "2026-11-20T11:10:00+08:00",
                "f-01",
                "residents_committee",
                json!({"mediate": "support"}),
            ),
            b(
                "2026-11-20T11:11:00+08:00",
                "f-01",
                "property_company",
                json!({"mediate": "abstain"}),
            ),
            b(
                "2026-11-20T11:12:00+08:00",
                "f-01",
                "owner_representatives",
                json!({"mediate": "object"}),
            ),
            b(
                "2026-11-20T11:13:00+08:00",
                "2026-02",
                "o7",
                json!({"lift": "yes"}),
            ),
            b(
                "2026-11-20T11:14:00+08:00",
                "2026-02",
                "o8",
                json!({"lift": "no"}),
            ),
            ev(
                "2026-11-20T18:00:00+08:00",
                "meeting.closed",
                json!({"meeting": "c-01"}),
            ),
            ev(
                "2026-11-20T18:00:00+08:00",
                "meeting.closed",
                json!({"meeting": "f-01"}),
            ),
            ev(
                "2026-12-05T18:00:00+08:00",
                "meeting.closed",
                json!({"meeting": "2026-01"}),
            ),
            ev(
                "2026-12-05T18:00:00+08:00",
                "meeting.closed",
                json!({"meeting": "2026-02"}),
            ),
            ev(
                "2026-12-06T09:00:00+08:00",
                "objection.filed",
                json!({"meeting": "2026-01", "motion": "prune", "owner": "o2",
                "reason": "公告后提出异议"}),
            ),
        ]
    }

    /// Every event, ending with a `result.declared` that repeats the recount
    /// of meeting `2026-01` (outcome and participating figures).
    pub fn events() -> Vec<Value> {
        let mut events = opening_events();
        events.extend(closing_events());
        let mut ledger = Ledger::new();
        for e in &events {
            ledger.apply(e).expect("the sample events are valid");
        }
        let mut declared = serde_json::Map::new();
        for r in ledger
            .results()
            .into_iter()
            .filter(|r| r.meeting == "2026-01")
        {
            let j = r.to_json();
            declared.insert(
                r.motion.clone(),
                json!({"outcome": j["outcome"], "participating": j["participating"]}),
            );
        }
        events.push(ev(
            "2026-12-07T09:00:00+08:00",
            "result.declared",
            json!({"meeting": "2026-01", "results": declared}),
        ));
        events
    }

    /// The sealed sample record (canonical JSON Lines).
    pub fn record() -> String {
        yishi::seal(&events()).expect("the sample events are valid")
    }
}

/// The fuzz harnesses. Each takes arbitrary bytes, must never panic, and
/// checks invariants that must hold whatever the input.
pub mod harness {
    use super::*;
    use std::sync::OnceLock;

    /// Arbitrary bytes as a sealed record: the streaming and in-memory
    /// verifiers must agree, and anything accepted must replay to results
    /// that survive a round trip through `to_record`.
    pub fn replay(data: &[u8]) {
        let streamed = Ledger::replay(data);
        // `yishi::ballots` reads the record line by line through its own
        // reader: it reaches the same verdict, and every ballot it reports
        // is an event of the record.
        let book = yishi::ballots::ballots(
            yishi::Replay::new(),
            data,
            &yishi::ballots::BallotQuery::default(),
        );
        match (&streamed, &book) {
            (Ok(l), Ok(b)) => {
                assert_eq!((l.len(), l.head()), (b.events, b.head.as_str()));
                for m in &b.meetings {
                    for v in &m.voters {
                        assert!(v.ballots.iter().all(|e| e.seq >= 1 && e.seq <= b.events));
                    }
                }
            }
            (Err(a), Err(b)) => assert_eq!((a.code(), a.seq()), (b.code(), b.seq())),
            (a, b) => panic!(
                "replay says {:?}, ballots says {:?}",
                a.as_ref()
                    .map(|l| l.head().to_owned())
                    .map_err(|e| e.to_string()),
                b.as_ref()
                    .map(|b| b.head.clone())
                    .map_err(|e| e.to_string())
            ),
        }
        if let Ok(text) = std::str::from_utf8(data) {
            let whole = yishi::verify_record(text);
            // No events are an empty ledger to build on, but no record to verify.
            let empty = matches!(&streamed, Ok(l) if l.is_empty());
            match (&streamed, &whole) {
                (_, Err(b)) if empty => assert_eq!(
                    (b.code(), b.seq()),
                    ("community.missing", 1),
                    "an empty record is refused"
                ),
                (Ok(a), Ok(b)) => assert_eq!(
                    a.head(),
                    b.head,
                    "streaming and in-memory verification reach different heads"
                ),
                (Err(a), Err(b)) => assert_eq!(
                    (a.code(), a.seq()),
                    (b.code(), b.seq()),
                    "streaming and in-memory verification differ"
                ),
                (a, b) => {
                    // Open bug B4 (tests/BUGS.md): a lone newline is an empty record
                    // for the in-memory verifier and an error for the streaming one.
                    if !(text == "\n" && crate::bug_open("B4")) {
                        panic!(
                            "streaming verification says {:?}, in-memory says {:?}",
                            a.as_ref().map(|l| l.head().to_owned()),
                            b.as_ref().map(|s| s.head.clone())
                        )
                    }
                }
            }
            if let Ok(l) = Ledger::from_record(text) {
                let results = l.results_json();
                let again = Ledger::from_record(&l.to_record())
                    .expect("a record the ledger wrote verifies");
                assert_eq!(again.head(), l.head());
                assert_eq!(again.results_json(), results);
            }
        }
        if let Ok(l) = streamed {
            let _ = l.results_json();
        }
    }

    /// The ledger `apply` fuzzes: the sample record up to the point where
    /// every meeting is open and holds a few ballots.
    pub fn seeded() -> &'static Ledger {
        static SEEDED: OnceLock<Ledger> = OnceLock::new();
        SEEDED.get_or_init(|| {
            let mut l = Ledger::new();
            for e in sample::opening_events() {
                l.apply(&e).expect("the sample events are valid");
            }
            l
        })
    }

    /// Arbitrary bytes as a result's JSON (`yishi tally --json`'s shape): a
    /// result that reads is written by `to_json_text` and by `Serialize` to
    /// the same text, which reads back to an equal result; a refusal is
    /// fine, a panic is not.
    pub fn results(data: &[u8]) {
        let Ok(r) = serde_json::from_slice::<yishi::MotionResult>(data) else {
            return;
        };
        let text = r.to_json_text();
        assert_eq!(serde_json::to_string(&r).expect("serialises"), text);
        let back: yishi::MotionResult =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        assert_eq!(back, r, "{text}");
        let from_value: yishi::MotionResult =
            serde_json::from_value(r.to_json()).unwrap_or_else(|e| panic!("{e}: {text}"));
        assert_eq!(from_value, r, "{text}");
        let _ = r.explain("en");
    }

    /// Arbitrary bytes as JSON: one event, or an array of events, applied to
    /// [`seeded`]. A refused event must leave the ledger as it was; the
    /// record written afterwards must replay to the same results.
    pub fn apply(data: &[u8]) {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        // serde_json, not parse_strict: floats and huge numbers must reach the ledger's own checks.
        let Ok(v) = serde_json::from_str::<Value>(text) else {
            return;
        };
        let events = match v {
            Value::Array(a) => a,
            other => vec![other],
        };
        let mut ledger = seeded().clone();
        // The same events as text, canonical (sealed by splicing the text)
        // and pretty-printed (written again): the same seals, the same errors.
        let (mut canonical, mut pretty) = (seeded().clone(), seeded().clone());
        for e in events.iter().take(64) {
            let before = (
                ledger.to_record(),
                ledger.head().to_owned(),
                ledger.len(),
                ledger.results_json(),
            );
            let applied = ledger.apply(e);
            let as_text =
                |l: &mut Ledger, text: &str| l.apply_json(text).map_err(|x| (x.code(), x.seq()));
            let from_canonical = as_text(&mut canonical, &yishi::to_canonical_string(e));
            let from_pretty = as_text(
                &mut pretty,
                &serde_json::to_string_pretty(e).unwrap_or_default(),
            );
            let expected = applied
                .as_ref()
                .map(yishi::to_canonical_string)
                .map_err(|x| (x.code(), x.seq()));
            assert_eq!(from_canonical, expected, "apply_json of the canonical text");
            assert_eq!(from_pretty, expected, "apply_json of a pretty-printed text");
            match applied {
                Ok(sealed) => {
                    assert_eq!(sealed["seq"], json!(before.2 + 1));
                    assert_eq!(sealed["prev"], json!(before.1));
                    assert_eq!(sealed["hash"], json!(ledger.head()));
                }
                Err(err) => {
                    assert_eq!(
                        err.seq(),
                        before.2 + 1,
                        "an error names the refused event's position"
                    );
                    let after = (
                        ledger.to_record(),
                        ledger.head().to_owned(),
                        ledger.len(),
                        ledger.results_json(),
                    );
                    assert!(
                        before == after,
                        "a refused event ({err}) changed the ledger"
                    );
                }
            }
        }
        assert_eq!(canonical.to_record(), ledger.to_record());
        assert_eq!(pretty.to_record(), ledger.to_record());
        let replayed =
            Ledger::from_record(&ledger.to_record()).expect("a record the ledger wrote verifies");
        assert_eq!(replayed.head(), ledger.head());
        assert_eq!(replayed.results_json(), ledger.results_json());
        seal_text_agrees(text, &events);
    }

    /// `seal_text` of the text seals what applying its events one by one to
    /// an empty ledger seals, or stops at the same event with the same code.
    fn seal_text_agrees(text: &str, events: &[Value]) {
        if !text.trim_start().starts_with('[') && text.trim().contains('\n') {
            return; // text that is not an array is JSON Lines: one event per line
        }
        let by_text = yishi::seal_text(text).map_err(|e| (e.code(), e.seq()));
        let strict = yishi::parse_strict(text).is_ok();
        let mut one_by_one = Ledger::new();
        let mut stopped = None;
        for e in events {
            if let Err(e) = one_by_one.apply(e) {
                stopped = Some((e.code(), e.seq()));
                break;
            }
        }
        let expected = match stopped {
            None => Ok(one_by_one.to_record()),
            Some(err) => Err(err),
        };
        if strict {
            assert_eq!(by_text, expected, "{text}");
        } else {
            // Not JSON a record may hold. A number it may not hold (a float,
            // beyond 2^53) is refused at its event, as applying the events
            // one by one does; what serde_json reads but the strict reader
            // does not (a duplicate member) is refused at position 1.
            let by_text = by_text.map(drop);
            assert!(
                by_text == expected.map(drop) || by_text == Err(("record.parse", 1)),
                "{text}: {by_text:?}"
            );
        }
    }
}

/// Core bugs found by these tests and not yet fixed, by their id in
/// `tests/BUGS.md`. A test that exposes one asserts the *correct* behaviour
/// unless the bug is listed here, in which case it asserts the bug is still
/// present, so that the list cannot rot: fixing a bug makes its test fail
/// until the entry is removed.
pub const OPEN_BUGS: &[(&str, &str)] = &[];

/// Whether bug `id` is listed in [`OPEN_BUGS`].
pub fn bug_open(id: &str) -> bool {
    OPEN_BUGS.iter().any(|(b, _)| *b == id)
}

/// Asserts the correct behaviour, or, while bug `id` is open, that the bug is
/// still there.
pub fn expect_correct(id: &str, correct: bool, what: &str) {
    if bug_open(id) {
        assert!(!correct, "bug {id} seems fixed ({what}): remove it from OPEN_BUGS in tests/lib.rs and from tests/BUGS.md");
    } else {
        assert!(correct, "{what} (see bug {id} in tests/BUGS.md)");
    }
}

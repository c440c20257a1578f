//! Property tests (proptest) for the invariants of issue 7:
//! (a) seal → verify → replay reaches the same results;
//! (b) tampering (a changed byte, a deleted, duplicated or swapped line, a
//!     truncation) is refused with a spec code;
//! (c) the order of ballots from different owners does not matter;
//! (d) partial tallies merge: `Figure` addition, and tables of paper ballots;
//! (e) a refused event leaves the ledger byte-identical;
//! (f) `yishi::ballots`: the ballots that count add up to the tally, and every
//!     receipt finds its ballot.

use crate::common::{assembly_setup, ev, is_spec_code, verify_both};
use proptest::prelude::*;
use serde_json::{json, Value};
use yishi::{Area, Figure, Ledger, Tallied};

// ------------------------------------------------------------------ generators

const DEV: usize = 6;

fn owner_id(i: usize) -> String {
    if i == DEV {
        "dev".into()
    } else {
        format!("o{i}")
    }
}

#[derive(Debug, Clone)]
struct UnitSpec {
    owner: usize,
    hundredths: u64,
    building: u8,
    floor: i8,
    parking: bool,
}

#[derive(Debug, Clone)]
struct RulesSpec {
    abstain_excluded: bool,
    follow_majority: bool,
    first_counts: bool,
    parking_excluded: bool,
    proxy_cap: Option<u8>,
}

/// A community and one assembly meeting.
#[derive(Debug, Clone)]
struct Setup {
    units: Vec<UnitSpec>,
    rules: RulesSpec,
    /// 0..=8: Art. 278 item 1..9; 9: Art. 279; 10: an election.
    matters: Vec<u8>,
    /// Whether an ordinary motion carries an objection block (`both` when odd).
    protect: Vec<u8>,
}

#[derive(Debug, Clone)]
enum Act {
    Ballot {
        owner: usize,
        votes: Vec<u8>,
        agent: Option<u8>,
    },
    Grant {
        principal: usize,
        agent: u8,
    },
    Revoke {
        principal: usize,
        agent: u8,
    },
    Void {
        owner: usize,
    },
    Object {
        owner: usize,
        motion: usize,
    },
    Transfer {
        unit: usize,
        to: usize,
    },
}

fn unit_spec() -> impl Strategy<Value = UnitSpec> {
    (
        0usize..7,
        1u64..=50_000,
        0u8..2,
        -1i8..5,
        prop::bool::weighted(0.15),
    )
        .prop_map(|(owner, hundredths, building, floor, parking)| UnitSpec {
            owner,
            hundredths,
            building,
            floor,
            parking,
        })
}

fn rules_spec() -> impl Strategy<Value = RulesSpec> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::option::of(1u8..4),
    )
        .prop_map(|(a, n, r, p, c)| RulesSpec {
            abstain_excluded: a,
            follow_majority: n,
            first_counts: r,
            parking_excluded: p,
            proxy_cap: c,
        })
}

fn setup() -> impl Strategy<Value = Setup> {
    (
        prop::collection::vec(unit_spec(), 1..10),
        rules_spec(),
        prop::collection::vec(0u8..11, 1..5),
        prop::collection::vec(0u8..4, 5),
    )
        .prop_map(|(units, rules, matters, protect)| Setup {
            units,
            rules,
            matters,
            protect,
        })
}

fn votes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(0u8..12, 5)
}

fn act() -> impl Strategy<Value = Act> {
    prop_oneof![
        6 => (0usize..7, votes(), prop::option::weighted(0.2, 0u8..3)).prop_map(|(owner, votes, agent)| Act::Ballot { owner, votes, agent }),
        1 => (0usize..7, 0u8..3).prop_map(|(principal, agent)| Act::Grant { principal, agent }),
        1 => (0usize..7, 0u8..3).prop_map(|(principal, agent)| Act::Revoke { principal, agent }),
        1 => (0usize..7).prop_map(|owner| Act::Void { owner }),
        1 => (0usize..7, 0usize..5).prop_map(|(owner, motion)| Act::Object { owner, motion }),
        1 => (0usize..10, 0usize..9).prop_map(|(unit, to)| Act::Transfer { unit, to }),
    ]
}

fn ballots_only() -> impl Strategy<Value = Vec<(usize, Vec<u8>)>> {
    prop::collection::vec((0usize..7, votes()), 0..14)
}

// ------------------------------------------------------------------ event builders

fn minute(i: usize) -> String {
    // Inside the voting window 2026-11-20 09:00 .. 2026-12-05 18:00.
    format!(
        "2026-11-2{}T{:02}:{:02}:00+08:00",
        1 + i / 600,
        8 + (i % 600) / 60,
        i % 60
    )
}

fn area(h: u64) -> String {
    format!("{}.{:02}", h / 100, h % 100)
}

fn motion_id(i: usize) -> String {
    format!("a{i}")
}

fn setup_events(s: &Setup) -> Vec<Value> {
    let units: Vec<Value> = s
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let mut x = json!({"id": format!("u{i}"), "building": format!("b{}", u.building), "floor": u.floor,
                               "area": area(u.hundredths), "owner": owner_id(u.owner)});
            if u.parking {
                x["use"] = json!("parking");
            }
            x
        })
        .collect();
    let r = &s.rules;
    let mut set = json!({
        "abstain": if r.abstain_excluded { "excluded" } else { "participates" },
        "non_voters": if r.follow_majority { "follow_majority" } else { "not_counted" },
        "revote": if r.first_counts { "first_counts" } else { "last_counts" },
        "parking": if r.parking_excluded { "excluded" } else { "counts" },
    });
    if let Some(c) = r.proxy_cap {
        set["proxy_cap"] = json!(c);
    }
    let applicant = owner_id(s.units[0].owner);
    let motions: Vec<Value> = s
        .matters
        .iter()
        .enumerate()
        .map(|(i, &m)| {
            let id = motion_id(i);
            match m {
                0..=8 => {
                    let mut x = json!({"motion": id, "title": format!("议题{i}"), "matter": format!("278.{}", m + 1)});
                    if s.protect[i] >= 2 {
                        x["protection"] = json!({"objection_block": {"of": {"floors": {"max": 1}}, "share": "1/3",
                            "dimension": if s.protect[i] == 3 { "both" } else { "either" }}});
                    }
                    x
                }
                9 => json!({"motion": id, "title": "改为经营性用房", "matter": "279", "applicant": applicant}),
                _ => json!({"motion": id, "title": "选举", "matter": "278.3",
                             "election": {"seats": 2, "candidates": ["o0", "o1", "o2"]}}),
            }
        })
        .collect();
    assembly_setup(
        json!({"community": "prop", "name": "属性测试花园",
            "owners": [{"id": "dev", "developer": true}], "units": units}),
        set,
        motions.into(),
    )
}

fn ballot_votes(s: &Setup, v: &[u8]) -> Value {
    let mut m = serde_json::Map::new();
    for (i, &matter) in s.matters.iter().enumerate() {
        let x = v[i];
        let value = if matter == 10 {
            match x {
                0..=7 => {
                    let picks: Vec<&str> = ["o0", "o1", "o2"]
                        .iter()
                        .enumerate()
                        .filter(|(k, _)| x & (1 << k) != 0)
                        .map(|(_, c)| *c)
                        .take(2)
                        .collect();
                    json!(picks)
                }
                8 | 9 => json!("abstain"),
                _ => continue,
            }
        } else {
            match x % 4 {
                0 => json!("yes"),
                1 => json!("no"),
                2 => json!("abstain"),
                _ => continue,
            }
        };
        m.insert(motion_id(i), value);
    }
    Value::Object(m)
}

fn ballot_event(s: &Setup, i: usize, owner: usize, v: &[u8], agent: Option<u8>) -> Value {
    // The channel belongs to the ballot (who, what), not to its position, so
    // reordering ballots keeps each one's channel.
    let paper = (owner + v.iter().map(|&b| b as usize).sum::<usize>()).is_multiple_of(3);
    let mut d = json!({"meeting": "m1", "voter": owner_id(owner), "channel": if paper { "paper" } else { "online" },
                       "votes": ballot_votes(s, v)});
    if let Some(a) = agent {
        d["by"] = json!(format!("agent{a}"));
    }
    ev(minute(i), "ballot.cast", d)
}

fn act_event(s: &Setup, i: usize, a: &Act) -> Value {
    match a {
        Act::Ballot {
            owner,
            votes,
            agent,
        } => ballot_event(s, i, *owner, votes, *agent),
        Act::Grant { principal, agent } => ev(
            minute(i),
            "proxy.granted",
            json!({"meeting": "m1", "principal": owner_id(*principal), "agent": format!("agent{agent}")}),
        ),
        Act::Revoke { principal, agent } => ev(
            minute(i),
            "proxy.revoked",
            json!({"meeting": "m1", "principal": owner_id(*principal), "agent": format!("agent{agent}")}),
        ),
        Act::Void { owner } => ev(
            minute(i),
            "ballot.voided",
            json!({"meeting": "m1", "voter": owner_id(*owner), "reason": "复核"}),
        ),
        Act::Object { owner, motion } => ev(
            minute(i),
            "objection.filed",
            json!({"meeting": "m1", "motion": motion_id(motion % s.matters.len()), "owner": owner_id(*owner)}),
        ),
        Act::Transfer { unit, to } => ev(
            minute(i),
            "unit.transferred",
            json!({"unit": format!("u{}", unit % s.units.len()), "to": owner_id(*to)}),
        ),
    }
}

fn close_event() -> Value {
    ev(
        "2026-12-05T18:00:00+08:00".into(),
        "meeting.closed",
        json!({"meeting": "m1"}),
    )
}

/// Applies the events that the ledger accepts, skipping the rest.
fn apply_accepted(ledger: &mut Ledger, events: &[Value]) {
    for e in events {
        let _ = ledger.apply(e);
    }
}

/// A valid record: the setup, every action the ledger accepts, then perhaps
/// a close, a late objection and a declaration of the recount.
fn build(s: &Setup, acts: &[Act], close: bool) -> Ledger {
    let mut ledger = Ledger::new();
    apply_accepted(&mut ledger, &setup_events(s));
    let events: Vec<Value> = acts
        .iter()
        .enumerate()
        .map(|(i, a)| act_event(s, i, a))
        .collect();
    apply_accepted(&mut ledger, &events);
    // A setup whose units are all excluded parking has nobody to vote: the
    // meeting is refused, and there is nothing to close or declare.
    if close && ledger.meeting_results("m1").is_some() {
        apply_accepted(&mut ledger, &[close_event()]);
        let late = ev(
            "2026-12-06T09:00:00+08:00".into(),
            "objection.filed",
            json!({"meeting": "m1", "motion": "a0", "owner": owner_id(s.units[0].owner), "reason": "会后"}),
        );
        apply_accepted(&mut ledger, &[late]);
        let mut declared = serde_json::Map::new();
        for r in ledger.results() {
            declared.insert(
                r.motion.clone(),
                json!({"outcome": r.outcome.as_str(), "yes": r.to_json()["yes"]}),
            );
        }
        let decl = ev(
            "2026-12-07T09:00:00+08:00".into(),
            "result.declared",
            json!({"meeting": "m1", "results": declared}),
        );
        ledger
            .apply(&decl)
            .expect("declaring the recount is accepted");
    }
    ledger
}

fn cfg(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ------------------------------------------------------------------ (a) seal, verify, replay

proptest! {
    #![proptest_config(cfg(128))]

    #[test]
    fn sealed_records_verify_and_replay_to_the_same_results(s in setup(), acts in prop::collection::vec(act(), 0..30), close in any::<bool>()) {
        let ledger = build(&s, &acts, close);
        let record = ledger.to_record();
        prop_assert!(record.ends_with('\n'));
        let summary = yishi::verify_record(&record).map_err(|e| TestCaseError::fail(format!("{e}")))?;
        prop_assert_eq!(summary.events, ledger.len());
        prop_assert_eq!(summary.head.as_str(), ledger.head());
        let replayed = Ledger::from_record(&record).expect("verified");
        prop_assert_eq!(replayed.results_json(), ledger.results_json());
        prop_assert_eq!(replayed.to_record(), record.clone());
        let streamed = Ledger::replay(record.as_bytes()).expect("verified");
        prop_assert_eq!(streamed.results_json(), ledger.results_json());
        prop_assert_eq!(yishi::verify_reader(record.as_bytes()).expect("verified"), summary);
        // Every result reads back from its JSON as the same result.
        for r in ledger.results() {
            let back: yishi::MotionResult = serde_json::from_str(&r.to_json_text()).expect("a result reads back");
            prop_assert_eq!(back, r);
        }
        // Sealing the unsealed events again gives the same record.
        let unsealed: Vec<Value> = record.lines().map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            json!({"at": v["at"], "kind": v["kind"], "data": v["data"]})
        }).collect();
        prop_assert_eq!(yishi::seal(&unsealed).expect("resealing"), record);
    }
}

proptest! {
    #![proptest_config(cfg(64))]

    /// `Replay::expect_head` against every event's head and every cut of
    /// the record: it verifies only when the record ends at the published
    /// head; a head of an earlier event is refused at the event after it;
    /// a record cut before the published head is refused after its last event.
    #[test]
    fn a_published_head_is_checked_at_every_cut(s in setup(), acts in prop::collection::vec(act(), 0..12), close in any::<bool>()) {
        let ledger = build(&s, &acts, close);
        let record = ledger.to_record();
        let lines: Vec<&str> = record.lines().collect();
        let heads: Vec<String> = lines.iter().map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v["hash"].as_str().unwrap().to_owned()
        }).collect();
        let n = lines.len() as u64;
        let run = |text: &str, head: &str| {
            let mut r = yishi::Replay::new();
            assert!(r.expect_head(head));
            r.push(text.as_bytes()).and_then(|()| r.finish()).map(|l| l.len()).map_err(|e| (e.code(), e.seq()))
        };
        for (k, head) in heads.iter().enumerate() {
            let k = k as u64 + 1;
            let want = if k == n { Ok(n) } else { Err(("record.prev_mismatch", k + 1)) };
            prop_assert_eq!(run(&record, head), want);
            // The record cut after event `cut`, checked against event k's head.
            for cut in 1..=n {
                let text: String = lines[..cut as usize].iter().map(|l| format!("{l}\n")).collect();
                let want = match cut.cmp(&k) {
                    std::cmp::Ordering::Equal => Ok(k),
                    std::cmp::Ordering::Greater => Err(("record.prev_mismatch", k + 1)),
                    std::cmp::Ordering::Less => Err(("record.prev_mismatch", cut + 1)),
                };
                prop_assert_eq!(run(&text, head), want, "cut {} head of {}", cut, k);
            }
        }
        prop_assert_eq!(run("", &heads[0]), Err(("community.missing", 1)));
    }
}

// ------------------------------------------------------------------ (b) tampering

#[derive(Debug, Clone)]
enum Tamper {
    Byte { at: usize, delta: u8 },
    Delete(usize),
    Duplicate(usize),
    Swap(usize, usize),
    Truncate(usize),
}

fn tamper() -> impl Strategy<Value = Tamper> {
    prop_oneof![
        6 => (any::<usize>(), 1u8..=255).prop_map(|(at, delta)| Tamper::Byte { at, delta }),
        1 => any::<usize>().prop_map(Tamper::Delete),
        1 => any::<usize>().prop_map(Tamper::Duplicate),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Tamper::Swap(a, b)),
        1 => any::<usize>().prop_map(Tamper::Truncate),
    ]
}

/// What a tampering may lead to.
enum Verdict {
    /// Must be refused with a spec code.
    Refused,
    /// The final newline changed: the events are intact and may be accepted with the same head.
    FinalNewline,
    /// A prefix of whole events remains: it verifies (a hash chain cannot see a cut at a
    /// line boundary) but ends at a different head, which the published head exposes.
    Prefix,
}

fn apply_tamper(record: &str, t: &Tamper) -> Option<(Vec<u8>, Verdict)> {
    let bytes = record.as_bytes();
    let lines: Vec<&str> = record.lines().collect();
    let join = |ls: &[&str]| {
        ls.iter()
            .map(|l| format!("{l}\n"))
            .collect::<String>()
            .into_bytes()
    };
    let n = lines.len();
    Some(match *t {
        Tamper::Byte { at, delta } => {
            let at = at % bytes.len();
            let m = crate::common::mutate_byte(bytes, at, delta);
            (
                m,
                if at == bytes.len() - 1 {
                    Verdict::FinalNewline
                } else {
                    Verdict::Refused
                },
            )
        }
        Tamper::Delete(i) => {
            let i = i % n;
            let mut ls = lines.clone();
            ls.remove(i);
            (
                join(&ls),
                if n == 1 {
                    // Nothing left: an empty record is refused (community.missing).
                    Verdict::Refused
                } else if i == n - 1 {
                    Verdict::Prefix
                } else {
                    Verdict::Refused
                },
            )
        }
        Tamper::Duplicate(i) => {
            let i = i % n;
            let mut ls = lines.clone();
            ls.insert(i, lines[i]);
            (join(&ls), Verdict::Refused)
        }
        Tamper::Swap(a, b) => {
            let (a, b) = (a % n, b % n);
            if a == b {
                return None;
            }
            let mut ls = lines.clone();
            ls.swap(a, b);
            (join(&ls), Verdict::Refused)
        }
        Tamper::Truncate(at) => {
            let at = at % bytes.len(); // keep bytes[..at], at < len: something is always cut
            let cut = bytes[..at].to_vec();
            let verdict = if at == 0 {
                // Nothing left: an empty record is refused (community.missing).
                Verdict::Refused
            } else if at == bytes.len() - 1 {
                Verdict::FinalNewline
            } else if bytes[at - 1] == b'\n' || bytes[at] == b'\n' {
                // Cut at a line boundary, with or without that line's newline.
                Verdict::Prefix
            } else {
                Verdict::Refused
            };
            (cut, verdict)
        }
    })
}

/// A cut or a deletion that leaves nothing is an empty record, which both
/// verifiers refuse (`community.missing` at 1), never a "prefix" that
/// verifies. CI once drew `Truncate(0)` here while the streaming side of
/// `verify_both` still replayed an empty text as an empty ledger.
#[test]
fn tampers_leaving_nothing_are_refused() {
    let one = "{\"seq\":1}\n";
    for t in [
        Tamper::Truncate(0),
        Tamper::Truncate(one.len()),
        Tamper::Delete(0),
    ] {
        let (bytes, verdict) = apply_tamper(one, &t).expect("a tamper");
        assert!(bytes.is_empty(), "{t:?}");
        assert!(matches!(verdict, Verdict::Refused), "{t:?}");
        assert_eq!(verify_both(&bytes), Some(("community.missing", 1)), "{t:?}");
    }
}

proptest! {
    #![proptest_config(cfg(256))]

    #[test]
    fn tampered_records_are_refused(s in setup(), acts in prop::collection::vec(act(), 0..12), close in any::<bool>(),
                                    tampers in prop::collection::vec(tamper(), 8)) {
        let ledger = build(&s, &acts, close);
        let record = ledger.to_record();
        for t in &tampers {
            let Some((bytes, verdict)) = apply_tamper(&record, t) else { continue };
            let outcome = verify_both(&bytes);
            match (verdict, outcome) {
                (_, Some((code, seq))) => {
                    prop_assert!(is_spec_code(code), "{t:?} refused with {code}, not a spec code");
                    prop_assert!(seq >= 1 && seq <= ledger.len() + 1, "{t:?}: seq {seq}");
                }
                (Verdict::Refused, None) => {
                    return Err(TestCaseError::fail(format!("{t:?} was accepted:\n{}", String::from_utf8_lossy(&bytes))));
                }
                (Verdict::FinalNewline, None) => {
                    let l = Ledger::replay(bytes.as_slice()).expect("accepted");
                    prop_assert_eq!(l.head(), ledger.head());
                }
                (Verdict::Prefix, None) => {
                    let l = Ledger::replay(bytes.as_slice()).expect("accepted");
                    prop_assert!(l.len() < ledger.len());
                    prop_assert_ne!(l.head(), ledger.head(), "a shorter record must end at another head");
                }
            }
        }
    }
}

// ------------------------------------------------------------------ (c) ballot order

/// Reorders ballots at random while keeping each owner's own ballots in
/// their relative order (a revote must stay a revote).
fn reorder(ballots: &[(usize, Vec<u8>)], keys: &[u32]) -> Vec<(usize, Vec<u8>)> {
    let mut idx: Vec<usize> = (0..ballots.len()).collect();
    idx.sort_by_key(|&i| keys[i % keys.len()]);
    let mut out: Vec<Option<(usize, Vec<u8>)>> = vec![None; ballots.len()];
    for owner in 0..7 {
        let mine: Vec<&(usize, Vec<u8>)> = ballots.iter().filter(|b| b.0 == owner).collect();
        let slots: Vec<usize> = idx
            .iter()
            .enumerate()
            .filter(|(_, &i)| ballots[i].0 == owner)
            .map(|(pos, _)| pos)
            .collect();
        for (slot, b) in slots.into_iter().zip(mine) {
            out[slot] = Some(b.clone());
        }
    }
    out.into_iter()
        .map(|b| b.expect("every slot filled"))
        .collect()
}

fn ballot_ledger(s: &Setup, ballots: &[(usize, Vec<u8>)], close: bool) -> Ledger {
    let mut ledger = Ledger::new();
    apply_accepted(&mut ledger, &setup_events(s));
    let events: Vec<Value> = ballots
        .iter()
        .enumerate()
        .map(|(i, (o, v))| ballot_event(s, i, *o, v, None))
        .collect();
    apply_accepted(&mut ledger, &events);
    if close {
        apply_accepted(&mut ledger, &[close_event()]);
    }
    ledger
}

proptest! {
    #![proptest_config(cfg(128))]

    #[test]
    fn ballot_order_between_owners_does_not_change_results(s in setup(), ballots in ballots_only(),
                                                           keys in prop::collection::vec(any::<u32>(), 1..20), close in any::<bool>()) {
        let a = ballot_ledger(&s, &ballots, close);
        let b = ballot_ledger(&s, &reorder(&ballots, &keys), close);
        prop_assert_eq!(a.results_json(), b.results_json());
    }
}

// ------------------------------------------------------------------ (d) merging partial tallies

fn figure() -> impl Strategy<Value = Figure> {
    (0u64..1_000_000, 0u64..=100_000_000_000)
        .prop_map(|(h, a)| Figure::new(h, Area::from_hundredths(a)))
}

fn fig_of(t: &Tallied) -> Figure {
    match t {
        Tallied::Figure(f) => *f,
        Tallied::Count(c) => Figure::new(c.heads, Area::ZERO),
    }
}

proptest! {
    #![proptest_config(cfg(256))]

    #[test]
    fn figure_addition_is_associative_and_commutative(a in figure(), b in figure(), c in figure()) {
        prop_assert_eq!((a + b) + c, a + (b + c));
        prop_assert_eq!(a + b, b + a);
        prop_assert_eq!(a + Figure::ZERO, a);
        prop_assert_eq!([a, b, c].into_iter().sum::<Figure>(), a + b + c);
        prop_assert_eq!((a + b) - b, a);
        let mut x = a;
        x += b;
        x -= a;
        prop_assert_eq!(x, b);
    }
}

proptest! {
    #![proptest_config(cfg(96))]

    /// Paper ballots counted at several tables: the per-table yes/no/abstain
    /// figures add up to the figures of counting every ballot together.
    #[test]
    fn per_table_tallies_sum_to_the_whole(s in setup(), voters in prop::collection::btree_map(0usize..7, votes(), 0..7),
                                          tables in prop::collection::vec(0usize..3, 7)) {
        let ballots: Vec<(usize, Vec<u8>)> = voters.into_iter().collect();
        let whole = ballot_ledger(&s, &ballots, false);
        let mut sums = vec![[Figure::ZERO; 4]; s.matters.len()];
        for t in 0..3 {
            let part: Vec<(usize, Vec<u8>)> = ballots.iter().filter(|(o, _)| tables[*o] == t).cloned().collect();
            let l = ballot_ledger(&s, &part, false);
            for (i, r) in l.results().iter().enumerate() {
                for (k, f) in [&r.yes, &r.no, &r.abstain, &r.participating].into_iter().enumerate() {
                    sums[i][k] += fig_of(f);
                }
            }
        }
        for (i, r) in whole.results().iter().enumerate() {
            let want = [fig_of(&r.yes), fig_of(&r.no), fig_of(&r.abstain), fig_of(&r.participating)];
            prop_assert_eq!(sums[i], want, "motion {}", r.motion);
        }
    }
}

// ------------------------------------------------------------------ (e) refused events change nothing

/// Every event kind, and one misspelt.
fn kinds() -> Vec<&'static str> {
    let mut k = yishi::EVENT_KINDS.to_vec();
    k.push("ballot.casted");
    k
}
const KEYS: &[&str] = &[
    "meeting",
    "voter",
    "votes",
    "by",
    "channel",
    "principal",
    "agent",
    "unit",
    "to",
    "motion",
    "owner",
    "present",
    "results",
    "rules",
    "preset",
    "reason",
    "reasons",
    "community",
    "units",
    "body",
    "form",
    "opens_at",
    "closes_at",
    "motions",
    "x",
];
const WORDS: &[&str] = &[
    "2026-01",
    "2026-02",
    "c-01",
    "f-01",
    "m9",
    "o1",
    "o2",
    "o3",
    "o4",
    "o5",
    "o6",
    "o7",
    "o8",
    "o9",
    "o10",
    "dev",
    "dev2",
    "zz",
    "fund",
    "pm",
    "prune",
    "shop",
    "elect",
    "audit",
    "mediate",
    "lift",
    "yes",
    "no",
    "abstain",
    "support",
    "object",
    "paper",
    "online",
    "1-101",
    "2-202",
    "r1",
    "r2",
    "civil-code-2021",
    "party_branch",
    "",
    "2026-11-20T10:00:00+08:00",
];
const TIMES: &[&str] = &[
    "2026-11-20T09:59:00+08:00",
    "2026-11-20T10:30:00+08:00",
    "2026-11-20T12:00:00+08:00",
    "2026-11-20T18:00:00+08:00",
    "2026-12-05T17:59:59+08:00",
    "2026-12-05T18:00:00+08:00",
    "2026-12-06T09:00:00+08:00",
    "2026-11-20T02:30:00Z",
    "not a time",
];

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        4 => prop::sample::select(WORDS).prop_map(|w| json!(w)),
        1 => any::<i32>().prop_map(|i| json!(i)),
        1 => Just(json!(1.5)),
        1 => Just(json!(null)),
        1 => any::<bool>().prop_map(|b| json!(b)),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(prop::sample::select(WORDS), inner, 0..4).prop_map(|m| {
                Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            }),
        ]
    })
}

fn random_event() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(TIMES),
        prop::sample::select(kinds()),
        prop::collection::btree_map(prop::sample::select(KEYS), json_value(), 0..5),
        prop::option::weighted(0.05, prop::sample::select(KEYS)),
    )
        .prop_map(|(at, kind, data, extra)| {
            let data: serde_json::Map<String, Value> =
                data.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
            let mut e = json!({"at": at, "kind": kind, "data": data});
            if let Some(k) = extra {
                e[k] = json!("extra");
            }
            e
        })
}

/// A plausible event for the sample ledger: a ballot, proxy, objection, void
/// or close with ids drawn from it, so that some are accepted and the state moves.
fn plausible_event() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(TIMES),
        prop::sample::select(&WORDS[..8]),
        prop::sample::select(&WORDS[5..17]),
        prop::sample::select(&WORDS[18..32]),
        prop::sample::select(&WORDS[26..32]),
        0u8..6,
    )
        .prop_map(|(at, meeting, who, motion, value, k)| {
            let (kind, data) = match k {
                0 | 1 => (
                    "ballot.cast",
                    json!({"meeting": meeting, "voter": who, "votes": {motion: value}}),
                ),
                2 => (
                    "proxy.granted",
                    json!({"meeting": meeting, "principal": who, "agent": "o9"}),
                ),
                3 => (
                    "objection.filed",
                    json!({"meeting": meeting, "motion": motion, "owner": who}),
                ),
                4 => ("ballot.voided", json!({"meeting": meeting, "voter": who})),
                _ => ("meeting.closed", json!({"meeting": meeting})),
            };
            json!({"at": at, "kind": kind, "data": data})
        })
}

proptest! {
    #![proptest_config(cfg(128))]

    #[test]
    fn refused_events_leave_the_ledger_unchanged(events in prop::collection::vec(prop_oneof![random_event(), plausible_event()], 1..12)) {
        let mut ledger = yishi_tests::harness::seeded().clone();
        for e in &events {
            let before = (ledger.to_record(), ledger.head().to_owned(), ledger.len(), ledger.results_json());
            if let Err(err) = ledger.apply(e) {
                prop_assert_eq!(err.seq(), before.2 + 1);
                prop_assert!(yishi::ErrorCode::from_str_code(err.code()).is_some());
                let after = (ledger.to_record(), ledger.head().to_owned(), ledger.len(), ledger.results_json());
                prop_assert!(before == after, "refused event {} ({}) changed the ledger", e, err);
            }
        }
        // And whatever was accepted replays.
        let replayed = Ledger::from_record(&ledger.to_record()).expect("the ledger's own record verifies");
        prop_assert_eq!(replayed.results_json(), ledger.results_json());
    }
}

// ------------------------------------------------------------------ (f) a reference model of spec §3

/// Ordinary Art. 278 motions only (no protections, no elections, no Art. 279).
fn plain_setup() -> impl Strategy<Value = Setup> {
    setup().prop_map(|mut s| {
        for m in &mut s.matters {
            *m %= 9;
        }
        s.protect = vec![0; s.protect.len()];
        s
    })
}

/// Spec §3 written out directly, independently of the core: the outcome and
/// the yes / no / abstain / participating figures of every motion.
fn model(s: &Setup, ballots: &[(usize, Vec<u8>)]) -> Vec<(&'static str, [(u64, u64); 4])> {
    use std::collections::BTreeMap;
    let r = &s.rules;
    // Electorate: voter → area (hundredths); the one developer id counts once anyway.
    let mut electorate: BTreeMap<usize, u64> = BTreeMap::new();
    for u in s
        .units
        .iter()
        .filter(|u| !(r.parking_excluded && u.parking))
    {
        *electorate.entry(u.owner).or_default() += u.hundredths;
    }
    let total = (electorate.len() as u64, electorate.values().sum::<u64>());
    if total.0 == 0 {
        // Nobody could vote: the meeting is refused, so it has no results.
        return Vec::new();
    }
    // Ballots of owners outside the electorate are refused; revote policy decides which counts.
    let mut last: BTreeMap<usize, &Vec<u8>> = BTreeMap::new();
    for (o, v) in ballots {
        if electorate.contains_key(o) && !(r.first_counts && last.contains_key(o)) {
            last.insert(*o, v);
        }
    }
    let add = |f: &mut (u64, u64), o: usize| {
        f.0 += 1;
        f.1 += electorate[&o];
    };
    s.matters
        .iter()
        .enumerate()
        .map(|(i, &m)| {
            let (mut yes, mut no, mut abstain) = ((0, 0), (0, 0), (0, 0));
            for (&o, v) in &last {
                match v[i] % 4 {
                    0 => add(&mut yes, o),
                    1 => add(&mut no, o),
                    2 => add(&mut abstain, o),
                    _ => {}
                }
            }
            let mut part = (yes.0 + no.0, yes.1 + no.1);
            if !r.abstain_excluded {
                part = (part.0 + abstain.0, part.1 + abstain.1);
            }
            let quorum = 3 * part.0 >= 2 * total.0 && 3 * part.1 >= 2 * total.1;
            let (mut y, mut p) = (yes, part);
            if r.follow_majority {
                let cast = (yes.0 + no.0, yes.1 + no.1);
                let yes_major = 2 * yes.0 > cast.0 && 2 * yes.1 > cast.1;
                let no_major = 2 * no.0 > cast.0 && 2 * no.1 > cast.1;
                let silent = (total.0 - cast.0 - abstain.0, total.1 - cast.1 - abstain.1);
                if yes_major || no_major {
                    p = (p.0 + silent.0, p.1 + silent.1);
                }
                if yes_major {
                    y = (y.0 + silent.0, y.1 + silent.1);
                }
            }
            let majority = if (5..=7).contains(&m) {
                4 * y.0 >= 3 * p.0 && 4 * y.1 >= 3 * p.1
            } else {
                2 * y.0 > p.0 && 2 * y.1 > p.1
            };
            let outcome = if !quorum {
                "no_quorum"
            } else if majority {
                "passed"
            } else {
                "failed"
            };
            (outcome, [yes, no, abstain, part])
        })
        .collect()
}

proptest! {
    #![proptest_config(cfg(256))]

    #[test]
    fn assembly_counting_matches_a_reference_model(s in plain_setup(), ballots in ballots_only(), close in any::<bool>()) {
        let ledger = ballot_ledger(&s, &ballots, close);
        let want = model(&s, &ballots);
        let got = ledger.results();
        prop_assert_eq!(got.len(), want.len());
        for (r, (outcome, figs)) in got.iter().zip(want) {
            let f = |t: &Tallied| { let x = fig_of(t); (x.heads, x.area.hundredths()) };
            prop_assert_eq!([f(&r.yes), f(&r.no), f(&r.abstain), f(&r.participating)], figs, "figures of {}", r.motion);
            prop_assert_eq!(r.outcome.as_str(), outcome, "outcome of {} ({:?})", r.motion, r.matter);
        }
    }
}

// ------------------------------------------------------------------ (f) what became of each ballot

proptest! {
    #![proptest_config(cfg(96))]

    /// `yishi::ballots` against the record and the tally: every accepted
    /// `ballot.cast` appears once; each voter has at most one ballot that
    /// counts, and the ballots that count add up to the tally's yes, no and
    /// abstain figures, in heads and area, on every ordinary motion; a
    /// replaced ballot names a later ballot of the same voter, a voided one
    /// a `ballot.voided` of that voter; a receipt (hash) query finds its
    /// ballot with the same fate.
    #[test]
    fn ballots_that_count_add_up_to_the_tally(s in setup(), acts in prop::collection::vec(act(), 0..30), close in any::<bool>()) {
        use yishi::ballots::{ballots, BallotQuery, Fate, MeetingState};
        let ledger = build(&s, &acts, close);
        let record = ledger.to_record();
        let book = ballots(yishi::Replay::new(), record.as_bytes(), &BallotQuery::default())
            .map_err(|e| TestCaseError::fail(format!("{e}")))?;
        prop_assert_eq!(book.events, ledger.len());
        prop_assert_eq!(book.head.as_str(), ledger.head());
        prop_assert!(book.receipt.is_none());
        let lines: Vec<Value> = record.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let kind_of = |seq: u64| lines[seq as usize - 1]["kind"].as_str().unwrap().to_owned();
        let mut cast: Vec<u64> = (1..=lines.len() as u64).filter(|&q| kind_of(q) == "ballot.cast").collect();
        let mut seen = Vec::new();
        for m in &book.meetings {
            prop_assert_eq!(m.meeting.as_str(), "m1");
            prop_assert_eq!(m.state, if close { MeetingState::Declared } else { MeetingState::Open });
            for v in &m.voters {
                prop_assert_eq!(v.ballots.iter().filter(|b| b.fate == Fate::Counts).count() <= 1, true);
                for (i, b) in v.ballots.iter().enumerate() {
                    seen.push(b.seq);
                    let line = &lines[b.seq as usize - 1];
                    prop_assert_eq!(line["hash"].as_str(), Some(b.hash.as_str()));
                    let votes: Value = serde_json::from_str(&b.votes).unwrap();
                    prop_assert_eq!(&line["data"]["votes"], &votes);
                    match &b.fate {
                        Fate::Counts => prop_assert_eq!(i + 1, v.ballots.len()),
                        Fate::NotPresent => prop_assert!(false, "no attendance in an assembly"),
                        Fate::Replaced { seq } => prop_assert_eq!(Some(*seq), v.ballots.get(i + 1).map(|n| n.seq)),
                        Fate::Voided { seq, .. } => {
                            prop_assert_eq!(kind_of(*seq), "ballot.voided");
                            prop_assert_eq!(&lines[*seq as usize - 1]["data"]["voter"], &line["data"]["voter"]);
                        }
                    }
                    // The receipt finds this ballot, with the same fate.
                    let receipt = ballots(yishi::Replay::new(), record.as_bytes(),
                        &BallotQuery { hash: Some(b.hash.to_uppercase()), ..BallotQuery::default() }).unwrap();
                    prop_assert_eq!(receipt.receipt.as_ref().map(|r| (r.seq, r.kind.as_str())), Some((b.seq, "ballot.cast")));
                    let found = &receipt.meetings[0].voters[0].ballots[0];
                    prop_assert_eq!((found.seq, &found.fate), (b.seq, &b.fate));
                }
            }
        }
        seen.sort_unstable();
        cast.sort_unstable();
        prop_assert_eq!(seen, cast);
        // A voter's or an agent's query gives the whole book's entries for
        // the voters it selects, fates included.
        let whole: Vec<&yishi::ballots::VoterBallots> = book.meetings.iter().flat_map(|m| &m.voters).collect();
        let mut agents: Vec<&str> = whole.iter().flat_map(|v| &v.ballots).filter_map(|b| b.by.as_deref()).collect();
        agents.sort_unstable();
        agents.dedup();
        for agent in agents.iter().copied().chain(["nobody"]) {
            let by = ballots(yishi::Replay::new(), record.as_bytes(),
                &BallotQuery { by: Some(agent.to_owned()), ..BallotQuery::default() }).unwrap();
            let want: Vec<_> = whole.iter().copied()
                .filter(|v| v.ballots.iter().any(|b| b.by.as_deref() == Some(agent))).collect();
            let got: Vec<_> = by.meetings.iter().flat_map(|m| &m.voters).collect();
            prop_assert_eq!(got, want, "--by {}", agent);
        }
        for v in &whole {
            let one = ballots(yishi::Replay::new(), record.as_bytes(),
                &BallotQuery { voter: Some(v.voter.clone()), ..BallotQuery::default() }).unwrap();
            prop_assert_eq!(one.voter_known, Some(true));
            let got: Vec<_> = one.meetings.iter().flat_map(|m| &m.voters).collect();
            prop_assert_eq!(got, vec![*v], "--voter {}", v.voter);
        }
        // The ballots that count add up to the tally (follow_majority adds
        // the non-voters to a side, so it is left out).
        if !s.rules.follow_majority {
            for (i, &matter) in s.matters.iter().enumerate() {
                if matter > 8 {
                    continue;
                }
                let Some(r) = ledger.result("m1", &format!("a{i}")) else { continue };
                for (value, want) in [("yes", r.yes), ("no", r.no), ("abstain", r.abstain)] {
                    let counting: Vec<_> = book.meetings.iter().flat_map(|m| &m.voters)
                        .flat_map(|v| &v.ballots)
                        .filter(|b| b.fate == Fate::Counts
                            && serde_json::from_str::<Value>(&b.votes).unwrap()[format!("a{i}")] == value)
                        .collect();
                    let area = counting.iter().fold(Area::ZERO, |a, b| a + b.area.unwrap());
                    prop_assert_eq!((counting.len() as u64, Some(area)), (want.heads(), want.area()), "{} on a{}", value, i);
                }
            }
        }
    }
}

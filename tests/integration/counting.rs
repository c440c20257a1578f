//! Counting details that the case format cannot express (a shortfall's
//! reachability, the figures a check compares, a candidate's `passed`, the
//! words of an explanation), each found by mutation testing: a change to
//! the counting code that every other test let pass (`cargo mutants` on
//! `core/src/meeting.rs`). The expected figures are worked out by hand in
//! the comments.

use crate::common::{assembly_setup, ev};
use serde_json::{json, Value};
use yishi::{Ledger, MotionResult, Stage};

/// Events of one assembly meeting `m1` with motions `motions` among owners
/// `o1`, `o2`, … holding one unit each of the given areas, under rules
/// `set` (over the `civil-code-2021` preset); then each `(owner, votes)`
/// ballot and, with `close`, `meeting.closed`.
fn meeting(
    areas: &[&str],
    set: Value,
    motions: Value,
    ballots: &[(&str, Value)],
    close: bool,
) -> Ledger {
    let units: Vec<Value> = areas
        .iter()
        .enumerate()
        .map(|(i, a)| json!({"id": format!("u{}", i + 1), "building": "1", "area": a, "owner": format!("o{}", i + 1)}))
        .collect();
    meeting_of(units, set, motions, ballots, close)
}

/// [`meeting`] over the given units.
fn meeting_of(
    units: Vec<Value>,
    set: Value,
    motions: Value,
    ballots: &[(&str, Value)],
    close: bool,
) -> Ledger {
    let mut events = assembly_setup(json!({"community": "c", "units": units}), set, motions);
    for (i, (voter, votes)) in ballots.iter().enumerate() {
        events.push(ev(
            format!("2026-11-20T10:{:02}:00+08:00", i),
            "ballot.cast",
            json!({"meeting": "m1", "voter": voter, "votes": votes}),
        ));
    }
    if close {
        events.push(ev(
            "2026-12-05T18:00:00+08:00".into(),
            "meeting.closed",
            json!({"meeting": "m1"}),
        ));
    }
    let mut l = Ledger::new();
    for e in &events {
        l.apply(e).unwrap_or_else(|err| panic!("{err}: {e}"));
    }
    l
}

fn result(l: &Ledger, motion: &str) -> MotionResult {
    l.result("m1", motion)
        .unwrap_or_else(|| panic!("no result for {motion}"))
}

/// The figures (numerator, denominator) of the two majority checks, area first.
fn majority_checks(r: &MotionResult) -> Vec<(String, String)> {
    r.checks
        .iter()
        .filter(|c| c.check == yishi::CheckKind::Majority)
        .map(|c| (c.numerator.to_string(), c.denominator.to_string()))
        .collect()
}

const X: &str = r#"[{"motion": "x", "matter": "278.4"}]"#;

fn x() -> Value {
    serde_json::from_str(X).unwrap()
}

/// A quorum shortfall is reachable when the owners who have not voted on
/// the motion could make it up in both dimensions, and only then.
#[test]
fn a_quorum_shortfall_is_reachable_only_in_both_dimensions() {
    // o1–o3 100.00 each vote yes; o4–o7 10.00 each abstain, which under
    // `abstain: excluded` is voting without taking part; o8, o9 300.00 each
    // stay silent. Electorate 9 heads, 940.00 m²; participating 3, 300.00.
    // Quorum: 6 heads (9·2/3) and 626.67 m² (940·2/3 = 626.666…): short by
    // 3 heads and 326.67 m². Not yet voted: o8, o9, 2 heads and 600.00 m²:
    // enough area, not enough owners → unreachable.
    let areas = ["100", "100", "100", "10", "10", "10", "10", "300", "300"];
    let mut ballots: Vec<(&str, Value)> = ["o1", "o2", "o3"]
        .iter()
        .map(|o| (*o, json!({"x": "yes"})))
        .collect();
    ballots.extend(
        ["o4", "o5", "o6", "o7"]
            .iter()
            .map(|o| (*o, json!({"x": "abstain"}))),
    );
    let l = meeting(&areas, json!({"abstain": "excluded"}), x(), &ballots, true);
    let r = result(&l, "x");
    assert_eq!(r.outcome, yishi::Outcome::NoQuorum);
    let s = r.short.as_ref().expect("a shortfall");
    assert_eq!(
        (s.stage, s.heads, s.area.to_string(), s.reachable),
        (Stage::Quorum, 3, "326.67".into(), false)
    );
    // Without a quorum the majority decides nothing, and the words say so;
    // all ballots came in online, so no words about paper.
    let en = &r.explanation.en;
    assert!(
        en.contains("participation by area: 300.00 m² of 940.00 m² (≥ 2/3: not met)"),
        "{en}"
    );
    assert!(
        en.contains("yes by owners (of participants): 3 of 3 (> 1/2: moot: no quorum)"),
        "{en}"
    );
    assert!(!en.contains("on paper"), "{en}");
    let zh = &r.explanation.zh;
    assert!(
        zh.contains("参与表决专有部分面积 300.00 m²/940.00 m²（需≥ 2/3：未达到）"),
        "{zh}"
    );
    assert!(zh.contains("参与表决人数 3/9（需≥ 2/3：未达到）"), "{zh}");

    // Without o6's and o7's abstentions, 4 owners (620.00 m²) have not voted:
    // the same 3 heads and 326.67 m² are within reach in both dimensions.
    ballots.truncate(5);
    let l = meeting(&areas, json!({"abstain": "excluded"}), x(), &ballots, true);
    let s = result(&l, "x").short.expect("a shortfall");
    assert_eq!(
        (s.heads, s.area.to_string(), s.reachable),
        (3, "326.67".into(), true)
    );
}

/// The same for a majority shortfall, which new yes votes also enlarge the
/// participation of.
#[test]
fn a_majority_shortfall_is_reachable_only_in_both_dimensions() {
    // Nine flats of 100.00: o1–o3 yes, o4–o6 no. Quorum 6 of 9 and 600.00
    // of 900.00 holds; yes 3 of 6 is not more than half. One more yes voter
    // (4 of 7) and 0.01 m² (300.01 of 600.01) would do; 3 owners with
    // 300.00 m² have not voted → reachable.
    let hundred = ["100"; 9];
    let mut ballots: Vec<(&str, Value)> = ["o1", "o2", "o3"]
        .iter()
        .map(|o| (*o, json!({"x": "yes"})))
        .collect();
    ballots.extend(["o4", "o5", "o6"].iter().map(|o| (*o, json!({"x": "no"}))));
    let r = result(&meeting(&hundred, json!({}), x(), &ballots, true), "x");
    assert_eq!(r.outcome, yishi::Outcome::Failed);
    let s = r.short.expect("a shortfall");
    assert_eq!(
        (s.stage, s.heads, s.area.to_string(), s.reachable),
        (Stage::Majority, 1, "0.01".into(), true)
    );

    // o1–o4 (10.00 each) yes, o5, o6 (300.00 each) no, o7–o9 (10.00 each)
    // silent. Electorate 9, 670.00 m²; participating 6 (≥ 6) and 640.00
    // (≥ 446.67). Yes: 4 of 6 heads holds; 40.00 of 640.00 m² does not:
    // (4000 + x) / (64000 + x) > 1/2 needs x = 56001 hundredths, 560.01 m²,
    // while those who have not voted hold 30.00 m² → unreachable.
    let areas = ["10", "10", "10", "10", "300", "300", "10", "10", "10"];
    let mut ballots: Vec<(&str, Value)> = ["o1", "o2", "o3", "o4"]
        .iter()
        .map(|o| (*o, json!({"x": "yes"})))
        .collect();
    ballots.extend(["o5", "o6"].iter().map(|o| (*o, json!({"x": "no"}))));
    let s = result(&meeting(&areas, json!({}), x(), &ballots, true), "x")
        .short
        .expect("a shortfall");
    assert_eq!(
        (s.stage, s.heads, s.area.to_string(), s.reachable),
        (Stage::Majority, 0, "560.01".into(), false)
    );
    // The words name the area short and leave out the owners, who are not.
    let r = result(&meeting(&areas, json!({}), x(), &ballots, true), "x");
    assert!(
        r.explanation.en.contains("560.01 m²"),
        "{}",
        r.explanation.en
    );
    assert!(
        !r.explanation.en.contains("0 owner"),
        "{}",
        r.explanation.en
    );
}

/// `non_voters: follow_majority` adds those who did not vote to the side
/// holding a strict majority of the cast yes and no votes in both
/// dimensions, and to no side otherwise. Each row: the owners' areas, who
/// votes yes and who no (the rest stay silent), and the majority checks'
/// figures, area first: their denominators tell whether the silent joined.
#[test]
fn non_voters_follow_only_a_majority_in_both_dimensions() {
    type Row = (
        &'static [&'static str],
        &'static [&'static str],
        &'static [&'static str],
        [(&'static str, &'static str); 2],
    );
    let rows: [Row; 7] = [
        // Yes 3 heads, 330.00 m²; no 3 heads, 270.00: heads even (2·3 = 6,
        // not > 6), so nobody follows: yes 3 of 6 → failed.
        (
            &["110", "110", "110", "90", "90", "90", "100", "100", "100"],
            &["o1", "o2", "o3"],
            &["o4", "o5", "o6"],
            [("330.00", "600.00"), ("3", "6")],
        ),
        // No holds 4 of 6 heads but only 200.00 of 600.00 m²: nobody follows.
        (
            &["200", "200", "50", "50", "50", "50", "100", "100", "100"],
            &["o1", "o2"],
            &["o3", "o4", "o5", "o6"],
            [("400.00", "600.00"), ("2", "6")],
        ),
        // Yes holds 4 of 6 heads and exactly half the area (300.00 of
        // 600.00): no majority, nobody follows.
        (
            &["75", "75", "75", "75", "150", "150", "100", "100", "100"],
            &["o1", "o2", "o3", "o4"],
            &["o5", "o6"],
            [("300.00", "600.00"), ("4", "6")],
        ),
        // The same with the sides swapped.
        (
            &["75", "75", "75", "75", "150", "150", "100", "100", "100"],
            &["o5", "o6"],
            &["o1", "o2", "o3", "o4"],
            [("300.00", "600.00"), ("2", "6")],
        ),
        // No holds exactly half the heads (3 of 6) and 450.00 of 600.00 m²:
        // nobody follows.
        (
            &["150", "150", "150", "50", "50", "50", "100", "100", "100"],
            &["o4", "o5", "o6"],
            &["o1", "o2", "o3"],
            [("150.00", "600.00"), ("3", "6")],
        ),
        // No holds 4 of 6 heads and 400.00 of 600.00 m²: o7–o9 (300.00 m²)
        // join no; yes stays 2 heads, 200.00 m², now of 9 and 900.00.
        (
            &["100"; 9],
            &["o1", "o2"],
            &["o3", "o4", "o5", "o6"],
            [("200.00", "900.00"), ("2", "9")],
        ),
        // Yes holds 4 of 6 and 400.00 of 600.00: o7–o9 join yes, 7 of 9
        // and 700.00 of 900.00 → passed.
        (
            &["100"; 9],
            &["o1", "o2", "o3", "o4"],
            &["o5", "o6"],
            [("700.00", "900.00"), ("7", "9")],
        ),
    ];
    for (i, (areas, yes, no, checks)) in rows.iter().enumerate() {
        let mut ballots: Vec<(&str, Value)> =
            yes.iter().map(|o| (*o, json!({"x": "yes"}))).collect();
        ballots.extend(no.iter().map(|o| (*o, json!({"x": "no"}))));
        let r = result(
            &meeting(
                areas,
                json!({"non_voters": "follow_majority"}),
                x(),
                &ballots,
                true,
            ),
            "x",
        );
        let want: Vec<(String, String)> = checks
            .iter()
            .map(|(n, d)| (n.to_string(), d.to_string()))
            .collect();
        assert_eq!(majority_checks(&r), want, "row {i}");
        let joined = checks[1].1 == "9";
        let en = &r.explanation.en;
        assert_eq!(
            en.contains("counted with the majority"),
            joined,
            "row {i}: {en}"
        );
        match i {
            0 | 2 => assert_eq!(r.outcome, yishi::Outcome::Failed, "row {i}"),
            5 => assert!(
                en.contains(
                    "3 owners (300.00 m²) who did not vote are counted with the majority (no)"
                ),
                "{en}"
            ),
            6 => assert_eq!(r.outcome, yishi::Outcome::Passed),
            _ => {}
        }
    }
}

/// Ten owners' ballots in an election `e` of `seats` seats: owner `o<i>`
/// approves the candidates whose sets hold `i`.
fn election(areas: &[&str], seats: u32, sets: &[(&str, &[u32])], voters: u32) -> MotionResult {
    let candidates: Vec<&str> = sets.iter().map(|(c, _)| *c).collect();
    let motions = json!([{"motion": "e", "matter": "278.3",
        "election": {"seats": seats, "candidates": candidates}}]);
    let names: Vec<String> = (1..=voters).map(|i| format!("o{i}")).collect();
    let ballots: Vec<(&str, Value)> = (1..=voters)
        .map(|i| {
            let picks: Vec<&str> = sets
                .iter()
                .filter(|(_, s)| s.contains(&i))
                .map(|(c, _)| *c)
                .collect();
            (names[i as usize - 1].as_str(), json!({"e": picks}))
        })
        .collect();
    result(&meeting(areas, json!({}), motions, &ballots, true), "e")
}

/// An election of 150 candidates listed out of name order (found by
/// binary search over their names, approvals marked in a bitset of three
/// words): each candidate's count is that of the owners approving it, and
/// a name approved twice or not standing is refused at any position,
/// the earlier fault first.
#[test]
fn elections_of_many_candidates_listed_out_of_order() {
    // Candidate k is named by a permutation of 0..150, in Chinese and ASCII.
    let names: Vec<String> = (0..150u32)
        .map(|k| format!("候选人{}", (k * 37 + 11) % 150))
        .collect();
    let areas = ["100"; 10];
    // Owner i approves candidate k when k·i ≡ 0 (mod 7) or k ≡ i (mod 10).
    let approves = |k: u32, i: u32| (k * i).is_multiple_of(7) || k % 10 == i % 10;
    let owners_of: Vec<Vec<u32>> = (0..150)
        .map(|k| (1..=10).filter(|&i| approves(k, i)).collect())
        .collect();
    let sets: Vec<(&str, &[u32])> = names
        .iter()
        .zip(&owners_of)
        .map(|(n, o)| (n.as_str(), o.as_slice()))
        .collect();
    let r = election(&areas, 150, &sets, 10);
    let counted: std::collections::HashMap<&str, u64> = r
        .candidates
        .as_ref()
        .expect("candidates")
        .iter()
        .map(|c| (c.id.as_str(), c.heads))
        .collect();
    assert_eq!(counted.len(), 150);
    for (name, owners) in &sets {
        assert_eq!(counted[name], owners.len() as u64, "{name}");
    }

    let motions = json!([{"motion": "e", "matter": "278.3",
        "election": {"seats": 150, "candidates": names}}]);
    let units = json!([{"id": "u1", "building": "1", "area": "100", "owner": "o1"}]);
    let mut l = Ledger::new();
    for e in assembly_setup(
        json!({"community": "c", "units": units}),
        json!({}),
        motions,
    ) {
        l.apply(&e).expect("sets up");
    }
    let cast = |l: &mut Ledger, picks: Vec<&str>| {
        let e = ev(
            "2026-11-20T10:00:00+08:00".into(),
            "ballot.cast",
            json!({"meeting": "m1", "voter": "o1", "votes": {"e": picks}}),
        );
        l.apply(&e)
            .map(|_| ())
            .map_err(|e| (e.code(), e.message().to_string()))
    };
    let n = |k: usize| names[k].as_str();
    // The same name twice, in the first, second and third word of the bitset.
    for k in [0, 63, 64, 127, 128, 149] {
        let (code, message) = cast(&mut l, vec![n(5), n(k), n(100), n(k)]).unwrap_err();
        assert_eq!(code, "ballot.invalid_value");
        if k != 5 && k != 100 {
            assert!(message.contains(n(k)), "{message}");
        }
    }
    // A name that does not stand: before or after a name approved twice.
    let (code, message) = cast(&mut l, vec![n(3), "候选人150", n(3)]).unwrap_err();
    assert_eq!(
        (code, message.contains("候选人150")),
        ("election.not_a_candidate", true)
    );
    let (code, _) = cast(&mut l, vec![n(3), n(3), "候选人150"]).unwrap_err();
    assert_eq!(code, "ballot.invalid_value");
    // Nothing was cast by the refusals; every name once is.
    assert_eq!(l.len(), 3);
    cast(&mut l, names.iter().rev().map(String::as_str).collect()).expect("casts");
    assert_eq!(l.len(), 4);
}

/// An election: who is elected beside a tie at the last seat, `passed`
/// without a quorum, and the words for a tie and for open seats.
#[test]
fn elections_elect_above_a_tie_and_say_what_stays_open() {
    // Areas o1–o10: 100, 110, 110, 110, 110, 120, 100, 100, 100, 100
    // (1060.00 m²; more than half is above 530.00). Every owner approves
    // three of five candidates, each approved by six owners (> 5):
    //   a {1–6}: 660.00; b {1–5, 7}: 640.00; c {3, 4, 5, 8, 9, 10}: 630.00;
    //   d {2, 6, 7, 8, 9, 10}: 630.00; e {1, 6, 7, 8, 9, 10}: 620.00.
    // All pass; ranked a > b > c = d > e. Three seats: c and d tie at the
    // last, so a and b are elected, c and d tied, e (below the tie)
    // neither, and 1 seat stays open.
    let areas = [
        "100", "110", "110", "110", "110", "120", "100", "100", "100", "100",
    ];
    let sets: [(&str, &[u32]); 5] = [
        ("a", &[1, 2, 3, 4, 5, 6]),
        ("b", &[1, 2, 3, 4, 5, 7]),
        ("c", &[3, 4, 5, 8, 9, 10]),
        ("d", &[2, 6, 7, 8, 9, 10]),
        ("e", &[1, 6, 7, 8, 9, 10]),
    ];
    let r = election(&areas, 3, &sets, 10);
    let ranked: Vec<(String, u64, String, bool)> = r
        .candidates
        .as_ref()
        .expect("candidates")
        .iter()
        .map(|c| (c.id.clone(), c.heads, c.area.to_string(), c.passed))
        .collect();
    let want = [
        ("a", "660.00"),
        ("b", "640.00"),
        ("c", "630.00"),
        ("d", "630.00"),
        ("e", "620.00"),
    ];
    assert_eq!(
        ranked,
        want.map(|(c, a)| (c.to_string(), 6, a.to_string(), true))
    );
    assert_eq!(r.outcome, yishi::Outcome::Tie);
    assert_eq!(
        r.elected.as_deref(),
        Some(&["a".to_string(), "b".into()][..])
    );
    assert_eq!(r.tied.as_deref(), Some(&["c".to_string(), "d".into()][..]));
    assert_eq!(r.open_seats, Some(1));
    assert!(
        r.explanation.en.contains(
            "Candidates c, d tie at the last seat; no random tie-break: 1 seat(s) stay open."
        ),
        "{}",
        r.explanation.en
    );
    assert!(
        r.explanation.zh.contains("候选人 c、d 在末位同票"),
        "{}",
        r.explanation.zh
    );

    // Only a and b pass (c, d, e are approved by o8–o10 alone): a and b are
    // elected, no tie, and 1 of the 3 seats stays open, as the words say.
    let few: [(&str, &[u32]); 5] = [
        ("a", &[1, 2, 3, 4, 5, 6]),
        ("b", &[1, 2, 3, 4, 5, 7]),
        ("c", &[8, 9, 10]),
        ("d", &[8, 9, 10]),
        ("e", &[8, 9, 10]),
    ];
    let r = election(&areas, 3, &few, 10);
    assert_eq!(
        (r.outcome, r.open_seats),
        (yishi::Outcome::Elected, Some(1))
    );
    assert_eq!(
        r.elected.as_deref(),
        Some(&["a".to_string(), "b".into()][..])
    );
    assert!(
        r.explanation.en.contains("Elected: a, b. 1 seat(s) open."),
        "{}",
        r.explanation.en
    );
    assert!(
        r.explanation.zh.contains("1 个席位空缺"),
        "{}",
        r.explanation.zh
    );
    assert!(!r.explanation.en.contains("tie"), "{}", r.explanation.en);

    // Two seats for the same two: every seat is filled, and no words say
    // a seat is open.
    let r = election(&areas, 2, &few[..2], 10);
    assert_eq!(
        (r.outcome, r.open_seats),
        (yishi::Outcome::Elected, Some(0))
    );
    assert!(!r.explanation.en.contains("open"), "{}", r.explanation.en);
    assert!(!r.explanation.zh.contains("空缺"), "{}", r.explanation.zh);

    // Only o1–o6 vote: 6 of 10 owners is short of the quorum (7), so no
    // candidate passed, although a has every participant's approval.
    let r = election(&areas, 3, &few[..2], 6);
    assert_eq!(r.outcome, yishi::Outcome::NoQuorum);
    let passed: Vec<bool> = r.candidates.unwrap().iter().map(|c| c.passed).collect();
    assert_eq!(passed, [false, false]);
}

/// The explanation names the majority the motion's matter needs.
#[test]
fn explanations_name_the_majority_the_matter_needs() {
    let motions =
        json!([{"motion": "fund", "matter": "278.6"}, {"motion": "pm", "matter": "278.4"}]);
    let ballots: Vec<(&str, Value)> = ["o1", "o2", "o3"]
        .iter()
        .map(|o| (*o, json!({"fund": "yes", "pm": "yes"})))
        .collect();
    let l = meeting(&["100"; 3], json!({}), motions, &ballots, true);
    let (fund, pm) = (result(&l, "fund"), result(&l, "pm"));
    assert!(
        fund.explanation
            .en
            .contains("three quarters or more of participants must agree"),
        "{}",
        fund.explanation.en
    );
    assert!(
        fund.explanation.zh.contains("均四分之三以上的业主同意"),
        "{}",
        fund.explanation.zh
    );
    assert!(
        pm.explanation
            .en
            .contains("more than half of participants must agree"),
        "{}",
        pm.explanation.en
    );
    assert!(
        pm.explanation.zh.contains("均过半数的业主同意"),
        "{}",
        pm.explanation.zh
    );
    for (r, item) in [(&fund, "六"), (&pm, "四")] {
        let article = format!("第二百七十八条第一款第{item}项");
        assert!(r.explanation.zh.contains(&article), "{}", r.explanation.zh);
    }
}

/// The results of one of our own cases (`tests/cases/<name>.json`).
fn case_results(name: &str) -> Value {
    let path = crate::common::own_cases_dir().join(format!("{name}.json"));
    let case: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("case")).expect("JSON");
    let mut l = Ledger::new();
    for e in case["events"].as_array().expect("events") {
        l.apply(e).unwrap_or_else(|err| panic!("{err}: {e}"));
    }
    l.results_json()
}

/// An objection block's explanation gives the objectors' shares of the
/// protected group, in hundredths of a percent rounded down.
#[test]
fn objection_shares_are_told_in_percent() {
    // Group o1–o3 (floors 1–3), 100.00 m² each; o1 objects: 1 of 3 owners
    // and 100.00 of 300.00 m², 33.33% each.
    let r = case_results("objection-block-both-exact-third-blocks");
    let en = r["m1/prune"]["explanation"]["en"].as_str().unwrap();
    assert!(en.contains("1 owner with 100.00 m² filed formal objections, 33.33% of the area and 33.33% of the owners (rounded down)"), "{en}");
    let zh = r["m1/prune"]["explanation"]["zh"].as_str().unwrap();
    assert!(
        zh.contains("占面积 33.33%、人数 33.33%（向下取整）"),
        "{zh}"
    );
}

/// Owners whose consent is required but who hold no unit in the meeting's
/// scope are named in the explanation, and only then.
#[test]
fn consent_beyond_the_scope_is_explained_only_when_it_happens() {
    let note = "hold no counted unit in this meeting's scope";
    let r = case_results("279-unanimity-group-beyond-scope-fails");
    let en = r["m1/shop"]["explanation"]["en"].as_str().unwrap();
    assert!(en.contains(note), "{en}");
    let r = case_results("279-default-group-applicants-building");
    for m in ["m1/shop1", "m1/shop2"] {
        let en = r[m]["explanation"]["en"].as_str().unwrap();
        assert!(!en.contains(note), "{m}: {en}");
    }
}

/// `Positions::get` finds a party's position by its key, and nothing for a
/// name that is no party's.
#[test]
fn a_party_position_is_found_by_its_key() {
    let path = crate::common::root().join("examples/bihu-tree-pruning.jsonl");
    let l = Ledger::from_record(&std::fs::read_to_string(path).expect("example")).unwrap();
    let r = l
        .result("2027-5p-05", "mediate")
        .expect("the five-party motion");
    let positions = r.positions.as_ref().expect("positions");
    let branch = positions
        .get("party_branch")
        .expect("the party branch's position");
    assert_eq!(
        branch.representative.as_deref(),
        Some("碧湖社区党支部·王建华")
    );
    assert_eq!(branch.position, yishi::Stance::Support);
    let owners = positions
        .get("owner_representatives")
        .expect("the owner representatives");
    assert_eq!(owners.representative.as_deref(), Some("o0213"));
    assert!(positions.get("developer").is_none());
}

/// After an early close, an objection-block motion stays provisional while
/// objections may still come, up to `closes_at` and not at it: an event at
/// exactly `closes_at` (an objection then is too late and is only shown)
/// makes the result final.
#[test]
fn objections_stay_open_until_closes_at_and_not_at_it() {
    let path = crate::common::own_cases_dir()
        .join("objection-after-early-close-before-closes-at-blocks.json");
    let case: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("case")).expect("JSON");
    let mut l = Ledger::new();
    for e in case["events"].as_array().expect("events") {
        l.apply(e).unwrap_or_else(|err| panic!("{err}: {e}"));
    }
    // 2026-11-22: closed early, objections may still come.
    assert!(result(&l, "prune").provisional);
    let late = |at: &str| {
        json!({"at": at, "kind": "objection.filed",
            "data": {"meeting": "m1", "motion": "prune", "owner": "o2"}})
    };
    l.apply(&late("2026-12-05T17:59:59+08:00")).unwrap();
    let r = result(&l, "prune");
    assert!(r.provisional, "a second before closes_at");
    assert!(r.post_result_objections.is_empty());
    l.apply(&late("2026-12-05T18:00:00+08:00")).unwrap();
    let r = result(&l, "prune");
    assert!(!r.provisional, "at closes_at");
    assert_eq!(r.post_result_objections.len(), 1);
    assert_eq!(r.outcome, yishi::Outcome::Blocked);
}

/// A selector takes its floor bounds inclusively, a one-floor range
/// included, accepts every `use`, and is described in words in the
/// explanation of the motion it protects.
#[test]
fn selectors_take_their_bounds_and_say_what_they_select() {
    // Eight owners, one unit each: building 1 floors 1–4 (u1–u4), building
    // 2 floors 1–4 (u5–u8), 100.00 m² each; u8 is of use "other".
    let units: Vec<Value> = (1..=8)
        .map(|i| {
            let mut u = json!({"id": format!("u{i}"), "building": if i <= 4 { "1" } else { "2" },
                "floor": (i - 1) % 4 + 1, "area": "100", "owner": format!("o{i}")});
            if i == 8 {
                u["use"] = json!("other");
            }
            u
        })
        .collect();
    let block = |of: Value| json!({"objection_block": {"of": of, "share": "1/2"}});
    let motion = |id: &str, of: Value| {
        let mut m = json!({"motion": id, "matter": "278.9"});
        m["protection"] = block(of);
        m
    };
    let units_named: Vec<String> = (1..=7).map(|i| format!("u{i}")).collect();
    let motions = json!([
        motion("range", json!({"floors": {"min": 2, "max": 3}})),
        motion("one", json!({"floors": {"min": 2, "max": 2}})),
        motion("high", json!({"floors": {"min": 4}})),
        motion("b2", json!({"buildings": ["2"]})),
        motion("many", json!({"units": units_named})),
        motion("six", json!({"units": units_named[..6]})),
    ]);
    let ballots: Vec<(&str, Value)> = Vec::new();
    let l = meeting_of(units, json!({}), motions, &ballots, true);
    let group = |m: &str| {
        let r = result(&l, m);
        let g = r.objections.as_ref().expect("objections").group;
        (g.heads, r.explanation.en.clone(), r.explanation.zh.clone())
    };
    // Floors 2 and 3 of both buildings: u2, u3, u6, u7.
    let (heads, en, zh) = group("range");
    assert_eq!(heads, 4);
    assert!(
        en.contains("The protected group (floors 2 to 3) holds 4 owners"),
        "{en}"
    );
    assert!(zh.contains("受保护群体（2至3层）共 4 名业主"), "{zh}");
    // Floor 2 alone: u2, u6.
    let (heads, en, _) = group("one");
    assert_eq!(heads, 2);
    assert!(en.contains("(floors 2 to 2)"), "{en}");
    // Floor 4 and above: u4, u8 (of use "other").
    let (heads, en, zh) = group("high");
    assert_eq!(heads, 2);
    assert!(en.contains("(floors ≥ 4)"), "{en}");
    assert!(zh.contains("（4层及以上）"), "{zh}");
    let (heads, en, zh) = group("b2");
    assert_eq!(heads, 4);
    assert!(en.contains("(building 2)"), "{en}");
    assert!(zh.contains("（2号楼）"), "{zh}");
    // Seven units are named: the words show six, then an ellipsis.
    let (heads, en, zh) = group("many");
    assert_eq!(heads, 7);
    assert!(en.contains("(units u1, u2, u3, u4, u5, u6…"), "{en}");
    assert!(zh.contains("单元 u1、u2、u3、u4、u5、u6…，共 7 个"), "{zh}");
    // Six are all shown.
    let (heads, en, zh) = group("six");
    assert_eq!(heads, 6);
    assert!(
        en.contains("u1, u2, u3, u4, u5, u6") && !en.contains("u6…"),
        "{en}"
    );
    assert!(zh.contains("单元 u1、u2、u3、u4、u5、u6，共 6 个"), "{zh}");
}

/// Rules refuse counts outside their range.
#[test]
fn rules_refuse_counts_outside_their_range() {
    let rules = |set: Value| {
        let mut l = Ledger::new();
        l.apply(
            &json!({"at": "2026-10-08T09:00:00+08:00", "kind": "community.registered",
            "data": {"community": "c", "units": [{"id": "u1", "area": "50", "owner": "o1"}]}}),
        )
        .unwrap();
        l.apply(
            &json!({"at": "2026-10-08T09:01:00+08:00", "kind": "rules.adopted",
            "data": {"rules": "r1", "preset": "civil-code-2021", "set": set}}),
        )
        .map(|_| ())
        .map_err(|e| (e.code(), e.seq()))
    };
    for bad in [
        json!({"five_party_quorum": 0}),
        json!({"five_party_quorum": 6}),
        json!({"proxy_cap": -1}),
        json!({"notice_days": -1}),
    ] {
        assert_eq!(rules(bad.clone()), Err(("rules.invalid_value", 2)), "{bad}");
    }
    for good in [
        json!({"five_party_quorum": 1}),
        json!({"five_party_quorum": 5}),
        json!({"proxy_cap": 0}),
        json!({"notice_days": 9007199254740991_u64}),
    ] {
        assert_eq!(rules(good.clone()), Ok(()), "{good}");
    }
}

/// The registry a ledger exposes: the community's id and name, its units,
/// and the developer's ids voting as one (Interp. Art. 9).
#[test]
fn the_registry_tells_the_community_its_units_and_the_developer() {
    let l = Ledger::from_record(&yishi_tests::sample::record()).expect("the sample verifies");
    let r = l.registry().expect("a registry");
    assert_eq!(r.community, "bihu-sample");
    assert_eq!(r.name.as_deref(), Some("碧湖花园（样例）"));
    let first = &r.units()[0];
    assert_eq!(r.unit(first.id()).map(|u| u.id()), Some(first.id()));
    assert!(r.unit("no-such-unit").is_none());
    assert!(r.is_developer("dev") && r.is_developer("dev2"));
    assert!(!r.is_developer("o2"));
    assert_eq!((r.voter_key("dev"), r.voter_key("dev2")), ("dev", "dev"));
    assert_eq!(r.voter_key("o2"), "o2");
    assert_eq!(r.voter_key("nobody"), "nobody");
}

/// Only an online ballot replaced by a paper one is counted in the warning
/// that names such replacements.
#[test]
fn only_paper_over_online_is_warned_about() {
    let mut l = meeting(&["100"; 4], json!({}), x(), &[], false);
    let cast = |l: &mut Ledger, minute: u32, voter: &str, channel: &str| {
        l.apply(
            &json!({"at": format!("2026-11-21T10:{minute:02}:00+08:00"), "kind": "ballot.cast",
            "data": {"meeting": "m1", "voter": voter, "channel": channel, "votes": {"x": "yes"}}}),
        )
        .unwrap();
    };
    // o1 online then online, o2 paper then paper, o3 paper then online:
    // no warning; then o4 online, then paper: one.
    for (i, (voter, first, second)) in [
        ("o1", "online", "online"),
        ("o2", "paper", "paper"),
        ("o3", "paper", "online"),
        ("o4", "online", "paper"),
    ]
    .iter()
    .enumerate()
    {
        cast(&mut l, 2 * i as u32, voter, first);
        cast(&mut l, 2 * i as u32 + 1, voter, second);
        let warned: Vec<String> = result(&l, "x")
            .warnings
            .into_iter()
            .filter(|w| w.starts_with("online ballots replaced by paper"))
            .collect();
        let want: &[&str] = if *voter == "o4" {
            &["online ballots replaced by paper ballots entered by the organiser: 1"]
        } else {
            &[]
        };
        assert_eq!(warned, want, "after {voter}");
    }
}

/// A ballot outside the window is told how far outside, before it opens
/// (rounded up to the second) or after it closes.
#[test]
fn a_ballot_outside_the_window_is_told_how_far() {
    let l = meeting(&["100"; 2], json!({}), x(), &[], false);
    let refused = |at: &str| {
        let mut l = l.clone();
        let e = l
            .apply(&json!({"at": at, "kind": "ballot.cast",
                "data": {"meeting": "m1", "voter": "o1", "votes": {"x": "yes"}}}))
            .unwrap_err();
        assert_eq!(e.code(), "ballot.outside_window");
        e.message().to_owned()
    };
    // Opens 2026-11-20T09:00:00+08:00; closes 2026-12-05T18:00:00+08:00.
    let early = refused("2026-11-20T08:59:59.5+08:00");
    assert!(early.ends_with(": 0 d 00:00:01 before it opens"), "{early}");
    let early = refused("2026-11-19T06:56:56+08:00");
    assert!(early.ends_with(": 1 d 02:03:04 before it opens"), "{early}");
    let late = refused("2026-12-06T20:03:04+08:00");
    assert!(
        late.ends_with(
            ": 1 d 02:03:04 after it closes (at closes_at, which the window does not include)"
        ),
        "{late}"
    );
    let at_close = refused("2026-12-05T18:00:00+08:00");
    assert!(
        at_close.contains(": 0 d 00:00:00 after it closes"),
        "{at_close}"
    );
}

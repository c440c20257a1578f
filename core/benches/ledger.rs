//! Criterion benchmarks of the ledger (`cargo bench -p yishi`).
//!
//! - `verify_replay`: verify + replay throughput of a generated record, and
//!   the cost of its stages (line splitting, SHA-256 alone, JSON parsing,
//!   parsing + canonical re-serialisation) to see where the time goes;
//! - `apply_ballot`: one `Ledger::apply(ballot)` on a 100,000-owner community;
//! - `query`: one outcome query with 1,000 and with 100,000 ballots cast
//!   (the two should cost the same: the tallies are incremental).
//!
//! `YISHI_BENCH_RECORD=path.jsonl` benchmarks `verify_replay` on that file
//! instead (e.g. one written by `cargo xtask gen-record`).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use yishi::Ledger;

/// A tiny deterministic PRNG (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        ((self.next() as u128 * n as u128) >> 64) as u64
    }
}

const OPENS: &str = "2026-11-20T09:00:00+08:00";
const BALLOT_AT: &str = "2026-11-25T10:00:00+08:00";

/// A ledger with a community of `owners` owners (one flat each, 30–300 m²,
/// in buildings of 200 flats), rules, and an open assembly meeting `m` with
/// three motions: `pm` (278.4), `fund` (278.6), `ev` (278.8).
fn community(owners: usize, history: bool) -> Ledger {
    let mut rng = Rng(owners as u64);
    let units: Vec<Value> = (0..owners)
        .map(|i| {
            let area = 3000 + rng.below(27_001);
            json!({"id": format!("{}-{:04}", i / 200 + 1, i % 200 + 1), "building": format!("{}", i / 200 + 1),
                   "floor": (i % 200 / 8 + 1) as i64, "area": format!("{}.{:02}", area / 100, area % 100),
                   "owner": format!("o{i}")})
        })
        .collect();
    let mut l = if history {
        Ledger::new()
    } else {
        Ledger::without_history()
    };
    l.apply(
        &json!({"at": "2026-10-08T09:00:00+08:00", "kind": "community.registered",
                     "data": {"community": "bench", "units": units}}),
    )
    .expect("registered");
    l.apply(
        &json!({"at": "2026-10-08T09:01:00+08:00", "kind": "rules.adopted",
                     "data": {"rules": "r1", "preset": "civil-code-2021"}}),
    )
    .expect("rules");
    l.apply(&json!({"at": "2026-11-01T09:00:00+08:00", "kind": "meeting.convened",
                     "data": {"meeting": "m", "body": "assembly", "rules": "r1", "form": "written",
                              "noticed_at": "2026-11-01T09:00:00+08:00", "opens_at": OPENS,
                              "closes_at": "2026-12-05T18:00:00+08:00",
                              "motions": [{"motion": "pm", "title": "续聘物业", "matter": "278.4"},
                                          {"motion": "fund", "title": "续筹维修资金", "matter": "278.6"},
                                          {"motion": "ev", "title": "充电桩", "matter": "278.8"}]}}))
        .expect("convened");
    l
}

fn ballot(rng: &mut Rng, owners: usize) -> Value {
    let v = |r: &mut Rng| ["yes", "yes", "yes", "no", "abstain"][r.below(5) as usize];
    json!({"at": BALLOT_AT, "kind": "ballot.cast",
           "data": {"meeting": "m", "voter": format!("o{}", rng.below(owners as u64)),
                    "channel": if rng.below(4) == 0 { "paper" } else { "online" },
                    "votes": {"pm": v(rng), "fund": v(rng), "ev": v(rng)}}})
}

/// A sealed record: `owners` owners, then `ballots` ballots (with revotes).
fn record(owners: usize, ballots: usize) -> String {
    let mut l = community(owners, true);
    let mut rng = Rng(7);
    for _ in 0..ballots {
        l.apply(&ballot(&mut rng, owners)).expect("ballot");
    }
    l.to_record()
}

fn verify_replay(c: &mut Criterion) {
    let text = match std::env::var("YISHI_BENCH_RECORD") {
        Ok(path) => std::fs::read_to_string(&path).expect("YISHI_BENCH_RECORD is readable"),
        Err(_) => record(20_000, 100_000),
    };
    let events = text.matches('\n').count() as u64;
    let mut g = c.benchmark_group("verify_replay");
    g.sample_size(10).measurement_time(Duration::from_secs(15));
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function(BenchmarkId::new("verify_record", events), |b| {
        b.iter(|| yishi::verify_record(black_box(&text)).expect("valid"))
    });
    g.bench_function(BenchmarkId::new("replay_reader", events), |b| {
        b.iter(|| Ledger::replay(black_box(text.as_bytes())).expect("valid"))
    });
    // Stages, to see where the time goes.
    g.bench_function(BenchmarkId::new("stage_split_lines", events), |b| {
        b.iter(|| black_box(&text).split('\n').map(str::len).sum::<usize>())
    });
    g.bench_function(BenchmarkId::new("stage_sha256_lines", events), |b| {
        b.iter(|| {
            let mut x = 0u8;
            for line in black_box(&text).split('\n') {
                x ^= Sha256::digest(line.as_bytes())[0];
            }
            x
        })
    });
    g.bench_function(BenchmarkId::new("stage_parse_strict", events), |b| {
        b.iter(|| {
            for line in black_box(&text).lines() {
                black_box(yishi::parse_strict(line).expect("json"));
            }
        })
    });
    g.bench_function(
        BenchmarkId::new("stage_parse_and_canonicalise", events),
        |b| {
            b.iter(|| {
                for line in black_box(&text).lines() {
                    let v = yishi::parse_strict(line).expect("json");
                    black_box(yishi::to_canonical_string(&v));
                }
            })
        },
    );
    g.finish();
}

/// Owners `o0`…`o{n-1}` each cast one random ballot.
fn vote_once(l: &mut Ledger, rng: &mut Rng, owners: usize, n: usize) {
    for i in 0..n {
        let mut b = ballot(rng, owners);
        b["data"]["voter"] = Value::String(format!("o{i}"));
        l.apply(&b).expect("ballot");
    }
}

fn apply_ballot(c: &mut Criterion) {
    let owners = 100_000;
    let mut l = community(owners, false);
    let mut rng = Rng(11);
    // Everyone votes once, so that each benchmarked ballot replaces one (a revote).
    vote_once(&mut l, &mut rng, owners, owners);
    let ballots: Vec<Value> = (0..4096).map(|_| ballot(&mut rng, owners)).collect();
    let mut g = c.benchmark_group("apply_ballot");
    g.throughput(Throughput::Elements(1));
    let mut i = 0;
    g.bench_function(BenchmarkId::new("apply", owners), |b| {
        b.iter(|| {
            i = (i + 1) & 4095;
            l.apply(black_box(&ballots[i])).expect("ballot")
        })
    });
    g.finish();
}

fn query(c: &mut Criterion) {
    let owners = 100_000;
    let mut g = c.benchmark_group("query");
    for cast in [1_000usize, 100_000] {
        let mut l = community(owners, false);
        let mut rng = Rng(13);
        vote_once(&mut l, &mut rng, owners, cast);
        g.bench_with_input(BenchmarkId::new("result", cast), &l, |b, l| {
            b.iter(|| l.result(black_box("m"), black_box("fund")).expect("motion"))
        });
    }
    g.finish();
}

criterion_group!(benches, verify_replay, apply_ballot, query);
criterion_main!(benches);

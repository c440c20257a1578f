//! `cargo xtask gen-record`: a large, valid, sealed record of a synthetic
//! community, deterministic for a seed.
//!
//! The building blocks (a small PRNG, +08:00 timestamps, a synthetic
//! community and an [`Emitter`] that seals events through the core library
//! and streams them out) are shared with `cargo xtask examples`.
//!
//! Every event goes through `yishi::Ledger::apply`, so whatever this writes is
//! valid by construction: a generator bug stops generation with the core's
//! error instead of producing a bad record. The ledger keeps no history, so
//! memory stays bounded by the community's state even for millions of events.

use std::collections::HashMap;
use std::io::{BufWriter, Write};

use serde_json::{json, Map, Value};
use yishi::Ledger;

use crate::util::{Failure, Result};

// ---------------------------------------------------------------- PRNG

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and plenty for
/// synthetic data. Deterministic across platforms.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// An independent stream derived from this seed and a label.
    pub fn fork(&self, label: u64) -> Rng {
        let mut r = Rng(self.0 ^ label.wrapping_mul(0xD1B5_4A32_D192_ED03));
        r.next();
        r
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, n)` (n > 0), by multiply-shift.
    pub fn below(&mut self, n: u64) -> u64 {
        ((self.next() as u128 * n as u128) >> 64) as u64
    }

    /// Uniform in `[lo, hi]`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            v.swap(i, j);
        }
    }

    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len() as u64) as usize]
    }
}

// ---------------------------------------------------------------- time

/// Seconds since the Unix epoch of a Beijing-time (UTC+8) wall-clock instant.
pub fn beijing(y: i64, m: i64, d: i64, hh: i64, mm: i64) -> i64 {
    let date = yishi::CivilDate {
        year: y as i32,
        month: m as u8,
        day: d as u8,
    };
    date.days_since_epoch() * 86_400 + hh * 3600 + mm * 60 - 8 * 3600
}

/// RFC 3339 with the +08:00 offset, to the second.
pub fn ts(secs: i64) -> String {
    let local = secs + 8 * 3600;
    let (days, rem) = (local.div_euclid(86_400), local.rem_euclid(86_400));
    let date = yishi::CivilDate::from_days_since_epoch(days);
    format!(
        "{date}T{:02}:{:02}:{:02}+08:00",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

pub const DAY: i64 = 86_400;
pub const HOUR: i64 = 3600;

// ---------------------------------------------------------------- emitter

/// Seals events through the core library and writes them out as JSON Lines.
pub struct Emitter<W: Write> {
    pub ledger: Ledger,
    out: W,
}

impl<W: Write> Emitter<W> {
    pub fn new(out: W) -> Emitter<W> {
        Emitter {
            ledger: Ledger::without_history(),
            out,
        }
    }

    /// Applies the unsealed event `{at, kind, data}` and writes the sealed line.
    pub fn emit(&mut self, at: i64, kind: &str, data: Value) -> Result<()> {
        let event = json!({"at": ts(at), "kind": kind, "data": data});
        let sealed = self.ledger.apply(&event).map_err(|e| {
            Failure::step(format!(
                "generator produced an event the core refuses: {e}\n  event: {}",
                short(&event)
            ))
        })?;
        let mut line = yishi::to_canonical_string(&sealed);
        line.push('\n');
        self.out.write_all(line.as_bytes())?;
        Ok(())
    }

    /// Declares the recomputed results of every motion of `meeting`:
    /// outcome and the figures an organiser posts (参与, 同意, 反对, 弃权; elected).
    pub fn declare(&mut self, at: i64, meeting: &str) -> Result<Value> {
        // This meeting's results only: recounting every meeting so far at
        // each declaration made the generator quadratic in meetings.
        let mut results = Map::new();
        for result in self.ledger.meeting_results(meeting).unwrap_or_default() {
            let motion = result.motion.clone();
            let r = result.to_json();
            let mut d = Map::new();
            for k in [
                "outcome",
                "participating",
                "yes",
                "no",
                "abstain",
                "elected",
                "tied",
                "open_seats",
                "present",
            ] {
                match r.get(k) {
                    None | Some(Value::Null) => {}
                    Some(Value::Array(a)) if a.is_empty() && k == "tied" => {}
                    Some(v) => {
                        d.insert(k.to_owned(), v.clone());
                    }
                }
            }
            results.insert(motion, Value::Object(d));
        }
        let declared = Value::Object(results);
        self.emit(
            at,
            "result.declared",
            json!({"meeting": meeting, "results": declared.clone()}),
        )?;
        Ok(declared)
    }

    pub fn finish(mut self) -> Result<(Ledger, W)> {
        self.out.flush()?;
        Ok((self.ledger, self.out))
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 400 {
        let mut end = 400;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}…", &s[..end])
    } else {
        s
    }
}

// ---------------------------------------------------------------- community

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Usage {
    Residential,
    Commercial,
    Parking,
}

#[derive(Clone, Debug)]
pub struct UnitSpec {
    pub id: String,
    pub building: String,
    pub floor: i64,
    /// Hundredths of a square metre.
    pub area: u64,
    pub usage: Usage,
    /// Index into [`Community::owners`]; 0 is the developer.
    pub owner: usize,
    /// `survey` / `contract` for the few units not yet in the land registry.
    pub basis: Option<&'static str>,
}

/// A building's layout: floors, and the base area of each unit on a floor.
pub struct BuildingSpec {
    pub id: String,
    pub floors: i64,
    /// Base areas (m²) of the units on a typical floor, in position order.
    pub layout: Vec<f64>,
    /// Ground-floor shops along the street (商铺).
    pub shops: u32,
    /// The top floor holds duplexes of this base area instead (复式).
    pub top: Option<f64>,
}

pub struct Community {
    pub id: String,
    pub name: String,
    pub developer_name: String,
    /// Owner ids; index 0 is the developer (`dev`).
    pub owners: Vec<String>,
    pub units: Vec<UnitSpec>,
}

/// Parameters of a synthetic community.
pub struct CommunitySpec {
    pub id: String,
    pub name: String,
    pub developer_name: String,
    pub buildings: Vec<BuildingSpec>,
    /// Owners to create (natural persons); `None`: as many as the units allow.
    pub owners: Option<usize>,
    /// Share of residential units still held by the developer (unsold).
    pub unsold: f64,
    /// Chance that an owner buys a second flat (and again for a third).
    pub second_flat: f64,
    /// Parking spaces per residential unit, and the developer's share of them.
    pub parking_ratio: f64,
    pub parking_unsold: f64,
}

impl CommunitySpec {
    /// A generic community with room for `owners` owners: buildings of
    /// several kinds (洋房, 小高层, 高层, 公寓) added until there are enough flats.
    pub fn generic(owners: usize, rng: &mut Rng) -> CommunitySpec {
        let need = (owners as f64 * 1.12 + 16.0) as usize;
        let mut buildings = Vec::new();
        let mut flats = 0usize;
        let mut b = 0;
        while flats < need {
            b += 1;
            let spec = match rng.below(10) {
                0..=1 => BuildingSpec {
                    id: b.to_string(),
                    floors: 6,
                    layout: vec![89.0, 118.0, 118.0, 89.0],
                    shops: 0,
                    top: Some(210.0),
                },
                2..=4 => BuildingSpec {
                    id: b.to_string(),
                    floors: rng.range(9, 11),
                    layout: vec![78.0, 92.0, 92.0, 78.0, 115.0, 115.0],
                    shops: if rng.chance(0.3) { 6 } else { 0 },
                    top: None,
                },
                5..=8 => BuildingSpec {
                    id: b.to_string(),
                    floors: rng.range(18, 33),
                    layout: vec![68.0, 89.0, 89.0, 68.0, 98.0, 128.0, 128.0, 98.0],
                    shops: if rng.chance(0.2) { 8 } else { 0 },
                    top: Some(268.0),
                },
                _ => BuildingSpec {
                    id: b.to_string(),
                    floors: rng.range(20, 28),
                    layout: vec![36.0, 42.0, 48.0, 56.0, 42.0, 36.0, 48.0, 56.0, 42.0, 36.0],
                    shops: 10,
                    top: None,
                },
            };
            flats += spec.floors as usize * spec.layout.len();
            buildings.push(spec);
        }
        CommunitySpec {
            id: format!("synthetic-{owners}"),
            name: "合成花园".into(),
            developer_name: "合成置业有限公司".into(),
            buildings,
            owners: Some(owners),
            unsold: 0.03,
            second_flat: 0.07,
            parking_ratio: 0.5,
            parking_unsold: 0.35,
        }
    }
}

/// An area near `base` m², in hundredths, two decimals, kept inside [lo, hi].
fn jitter_area(rng: &mut Rng, base: f64, spread: f64, lo: f64, hi: f64) -> u64 {
    let a = base + (rng.unit() * 2.0 - 1.0) * spread;
    (a.clamp(lo, hi) * 100.0).round() as u64
}

impl Community {
    pub fn build(spec: &CommunitySpec, rng: &mut Rng) -> Community {
        let mut units = Vec::new();
        for b in &spec.buildings {
            // Each building's flats of one position share one surveyed plan:
            // a base area per position, then small per-unit differences.
            let plan: Vec<f64> = b
                .layout
                .iter()
                .map(|a| a + (rng.unit() * 2.0 - 1.0) * 2.5)
                .collect();
            for s in 1..=b.shops {
                units.push(UnitSpec {
                    id: format!("{}-S{s:02}", b.id),
                    building: b.id.clone(),
                    floor: 1,
                    area: jitter_area(rng, 95.0, 55.0, 30.0, 300.0),
                    usage: Usage::Commercial,
                    owner: usize::MAX,
                    basis: None,
                });
            }
            for f in 1..=b.floors {
                let top = f == b.floors && b.top.is_some();
                let positions = if top {
                    b.layout.len() / 2
                } else {
                    b.layout.len()
                };
                for (p, base) in plan.iter().enumerate().take(positions) {
                    let area = if top {
                        jitter_area(rng, b.top.unwrap_or(200.0), 30.0, 30.0, 300.0)
                    } else {
                        jitter_area(rng, *base, 1.6, 30.0, 300.0)
                    };
                    units.push(UnitSpec {
                        id: format!("{}-{f:02}{:02}", b.id, p + 1),
                        building: b.id.clone(),
                        floor: f,
                        area,
                        usage: Usage::Residential,
                        owner: usize::MAX,
                        basis: None,
                    });
                }
            }
        }
        let residential: Vec<usize> = (0..units.len()).collect();
        let n_res = residential.len();
        // Parking: an underground garage on two levels.
        let n_park = (n_res as f64 * spec.parking_ratio) as usize;
        let first_park = units.len();
        for i in 0..n_park {
            let level = if i < n_park.div_ceil(2) { 1 } else { 2 };
            let k = if level == 1 {
                i + 1
            } else {
                i + 1 - n_park.div_ceil(2)
            };
            units.push(UnitSpec {
                id: format!("B{level}-{k:04}"),
                building: "G".into(),
                floor: -level,
                area: jitter_area(rng, 13.2, 1.5, 10.0, 35.0),
                usage: Usage::Parking,
                owner: usize::MAX,
                basis: None,
            });
        }

        // Sales: the developer keeps a share unsold, the rest go to owners,
        // some of whom buy a second (or third) flat.
        let mut order = residential;
        rng.shuffle(&mut order);
        let unsold = (n_res as f64 * spec.unsold).round() as usize;
        for &u in &order[..unsold] {
            units[u].owner = 0;
        }
        let mut owners = vec!["dev".to_owned()];
        let target = spec.owners.unwrap_or(usize::MAX);
        let width = digits(spec.owners.unwrap_or(n_res)).max(4);
        let mut next = unsold;
        while next < order.len() && owners.len() - 1 < target {
            let o = owners.len();
            owners.push(format!("o{:0width$}", o));
            units[order[next]].owner = o;
            next += 1;
            let mut extra = spec.second_flat;
            while next < order.len() && rng.chance(extra) {
                units[order[next]].owner = o;
                next += 1;
                extra /= 6.0;
            }
        }
        for &u in &order[next..] {
            units[u].owner = 0;
        }
        let n_owners = owners.len() - 1;
        // Parking spaces: the developer keeps some, owners buy the rest
        // (a few buy two).
        for u in units[first_park..].iter_mut() {
            u.owner = if rng.chance(spec.parking_unsold) || n_owners == 0 {
                0
            } else {
                1 + rng.below(n_owners as u64) as usize
            };
        }
        // A few units are registered on survey or contract areas (Interp. Art. 8).
        for u in units.iter_mut() {
            let r = rng.unit();
            u.basis = if r < 0.004 {
                Some("contract")
            } else if r < 0.012 {
                Some("survey")
            } else {
                None
            };
        }
        Community {
            id: spec.id.clone(),
            name: spec.name.clone(),
            developer_name: spec.developer_name.clone(),
            owners,
            units,
        }
    }

    /// The `community.registered` data.
    pub fn registration(&self) -> Value {
        let units: Vec<Value> = self
            .units
            .iter()
            .map(|u| {
                let mut m = Map::new();
                m.insert("id".into(), Value::String(u.id.clone()));
                m.insert("building".into(), Value::String(u.building.clone()));
                m.insert("floor".into(), Value::from(u.floor));
                m.insert("area".into(), Value::String(area_str(u.area)));
                if let Some(b) = u.basis {
                    m.insert("area_basis".into(), Value::String(b.into()));
                }
                match u.usage {
                    Usage::Residential => {}
                    Usage::Commercial => {
                        m.insert("use".into(), "commercial".into());
                    }
                    Usage::Parking => {
                        m.insert("use".into(), "parking".into());
                    }
                }
                m.insert("owner".into(), Value::String(self.owners[u.owner].clone()));
                Value::Object(m)
            })
            .collect();
        json!({
            "community": self.id,
            "name": self.name,
            "owners": [{"id": "dev", "developer": true, "name": self.developer_name}],
            "units": units,
        })
    }

    /// Area in hundredths per owner index (all units, parking included).
    pub fn owner_areas(&self) -> Vec<u64> {
        let mut a = vec![0u64; self.owners.len()];
        for u in &self.units {
            a[u.owner] += u.area;
        }
        a
    }

    /// Owner indices holding a unit that satisfies `f`, ascending.
    pub fn owners_where(&self, f: impl Fn(&UnitSpec) -> bool) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .units
            .iter()
            .filter(|u| f(u))
            .map(|u| u.owner)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

pub fn area_str(hundredths: u64) -> String {
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

fn digits(n: usize) -> usize {
    n.max(1).to_string().len()
}

// ---------------------------------------------------------------- voting helpers

/// How an owner leans on one motion: probabilities of yes / no / abstain
/// (the rest leaves the motion blank).
#[derive(Clone, Copy)]
pub struct Lean {
    pub yes: f64,
    pub no: f64,
    pub abstain: f64,
}

impl Lean {
    pub fn draw(self, rng: &mut Rng) -> Option<&'static str> {
        let r = rng.unit();
        if r < self.yes {
            Some("yes")
        } else if r < self.yes + self.no {
            Some("no")
        } else if r < self.yes + self.no + self.abstain {
            Some("abstain")
        } else {
            None
        }
    }
}

/// Monotone ballot instants: the `i`-th of `n` ballots falls in its own
/// slice of `[open, close)`, so times never decrease and stay in the window.
/// Over windows of days, instants fall between 08:00 and 21:00 Beijing time.
pub fn slot_time(rng: &mut Rng, open: i64, close: i64, i: usize, n: usize) -> i64 {
    let x = (i as f64 + rng.unit()) / n.max(1) as f64;
    // More ballots in the first and last days than in the middle; only +, -, *
    // so the bytes are the same on every platform (no libm).
    let x = (x + x * (1.0 - x) * (1.0 - 2.0 * x)).clamp(0.0, 1.0);
    if close - open < 2 * DAY {
        return open + (x * (close - open - 1).max(0) as f64) as i64;
    }
    const ACTIVE: i64 = 13 * HOUR;
    let midnight = open - (open + 8 * HOUR).rem_euclid(DAY);
    let days = (close - midnight + DAY - 1) / DAY;
    let pos = (x * (days * ACTIVE) as f64) as i64;
    let t = midnight + pos / ACTIVE * DAY + 8 * HOUR + pos % ACTIVE;
    t.clamp(open, close - 1)
}

// ---------------------------------------------------------------- gen-record

/// Options of `cargo xtask gen-record`.
pub struct GenOptions {
    pub owners: usize,
    pub ballots: usize,
    pub seed: u64,
    pub meetings: Option<usize>,
    pub out: Option<std::path::PathBuf>,
}

impl GenOptions {
    pub fn parse(args: &[String]) -> Result<GenOptions> {
        let mut o = GenOptions {
            owners: 1000,
            ballots: 10_000,
            seed: 1,
            meetings: None,
            out: None,
        };
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            let mut value = || {
                it.next()
                    .ok_or_else(|| Failure::usage(format!("{flag} needs a value")))
            };
            let num = |v: &String| -> Result<u64> {
                v.replace('_', "")
                    .parse()
                    .map_err(|_| Failure::usage(format!("{flag}: not a number: {v:?}")))
            };
            match flag.as_str() {
                "--owners" => o.owners = num(value()?)? as usize,
                "--ballots" => o.ballots = num(value()?)? as usize,
                "--seed" => o.seed = num(value()?)?,
                "--meetings" => match num(value()?)? {
                    0 => return Err(Failure::usage("--meetings must be at least 1")),
                    n => o.meetings = Some(n as usize),
                },
                "--out" | "-o" => o.out = Some(value()?.into()),
                _ => {
                    return Err(Failure::usage(format!(
                        "gen-record: unknown option {flag:?}"
                    )))
                }
            }
        }
        if o.owners == 0 {
            return Err(Failure::usage("--owners must be at least 1"));
        }
        // Far over what one registration line can hold (about 120,000
        // owners fit in 16 MiB): refused before building any of it.
        if o.owners > 200_000 {
            return Err(Failure::usage(
                "--owners: a community's registration must fit one 16 MiB line; use --owners 100000 or fewer",
            ));
        }
        Ok(o)
    }
}

/// `cargo xtask gen-record`.
pub fn gen_record(args: &[String]) -> Result<()> {
    let o = GenOptions::parse(args)?;
    let started = std::time::Instant::now();
    let stats = match &o.out {
        Some(path) => {
            let f = std::fs::File::create(path)
                .map_err(|e| Failure::step(format!("cannot create {}: {e}", path.display())))?;
            generate(&o, BufWriter::with_capacity(1 << 20, f))?
        }
        None => generate(
            &o,
            BufWriter::with_capacity(1 << 20, std::io::stdout().lock()),
        )?,
    };
    eprintln!(
        "gen-record: {} events ({} ballots, {} meetings, {} owners, {} units), head {} in {:.1?}",
        stats.events,
        stats.ballots,
        stats.meetings,
        stats.owners,
        stats.units,
        stats.head,
        started.elapsed()
    );
    Ok(())
}

/// What [`generate`] wrote.
pub struct GenStats {
    pub events: u64,
    pub ballots: u64,
    pub meetings: usize,
    pub owners: usize,
    pub units: usize,
    pub head: String,
}

/// Per-voter state during one meeting.
#[derive(Clone, Copy, Default)]
struct VoterState {
    /// 0: not voted, 1: voted in person, 2: voted by agent, 3: voided.
    status: u8,
}

/// Writes a record with `o.owners` owners and `o.ballots` ballots to `out`.
pub fn generate<W: Write>(o: &GenOptions, out: W) -> Result<GenStats> {
    let root = Rng::new(o.seed);
    let mut rng = root.fork(1);
    let spec = CommunitySpec::generic(o.owners, &mut rng);
    let community = Community::build(&spec, &mut rng);
    let registration = community.registration();
    let line_estimate = yishi::to_canonical_string(&registration).len() + 300;
    if line_estimate > yishi::MAX_LINE_BYTES {
        return Err(Failure::step(format!(
            "{} owners need {} units: their community.registered line would be {} bytes, over the record's \
             {}-byte line limit; use --owners 100000 or fewer",
            o.owners,
            community.units.len(),
            line_estimate,
            yishi::MAX_LINE_BYTES
        )));
    }
    let mut em = Emitter::new(out);
    let mut now = beijing(2026, 1, 10, 9, 0);
    em.emit(now, "community.registered", registration)?;
    now += 5 * 60;
    em.emit(
        now,
        "rules.adopted",
        json!({"rules": "r1", "preset": "civil-code-2021",
               "set": {"proxy_cap": 5, "notice_days": 15, "revote": "last_counts"}}),
    )?;

    // Voters: every owner index with a counted unit (parking counts), the developer as one.
    let mut voters: Vec<usize> = (0..community.owners.len()).collect();
    let areas = community.owner_areas();
    voters.retain(|&v| areas[v] > 0);
    let heads = voters.len();
    // One meeting takes at most ~88% of the electorate plus some revotes.
    let per_meeting_cap = ((heads as f64 * 0.88) * 1.04).max(1.0) as usize;
    let n_meetings = o
        .meetings
        .unwrap_or_else(|| o.ballots.div_ceil(per_meeting_cap).max(1));
    // A fire-safety objection group next to the planned charging area.
    let first_building = community.units[0].building.clone();
    let mut objection_group = community.owners_where(|u| {
        u.building == first_building && u.usage == Usage::Residential && u.floor <= 2
    });
    objection_group.retain(|&o| o != 0);

    let mut ballots_written = 0u64;
    let mut state = vec![VoterState::default(); community.owners.len()];
    for k in 0..n_meetings {
        let mut mrng = root.fork(100 + k as u64);
        let share = o.ballots / n_meetings + usize::from(k < o.ballots % n_meetings);
        let noticed = now + DAY;
        // Meetings are about two months apart: named by the month of notice.
        let id = ts(noticed)[..7].to_owned();
        let opens = noticed + 16 * DAY;
        let closes = opens + 15 * DAY + 9 * HOUR;
        let elect = k % 3 == 0;
        let candidates: Vec<String> = {
            let mut c: Vec<String> = (0..7)
                .map(|_| {
                    community.owners
                        [1 + mrng.below((community.owners.len() - 1).max(1) as u64) as usize]
                        .clone()
                })
                .collect();
            c.sort();
            c.dedup();
            c
        };
        let seats = 5.min(candidates.len());
        let mut motions = vec![
            json!({"motion": "pm", "title": format!("续聘物业服务企业（第{}期合同）", k + 1), "matter": "278.4"}),
            json!({"motion": "fund", "title": "续筹专项维修资金（每平方米30元）", "matter": "278.6"}),
            json!({"motion": "ev", "title": "地面公共停车区建设集中充电桩", "matter": "278.8",
                   "protection": {"objection_block": {"of": {"buildings": [first_building], "floors": {"max": 2}},
                                                       "share": "1/3", "dimension": "either"}}}),
        ];
        if elect && candidates.len() >= 2 {
            motions.push(
                json!({"motion": "elect", "title": "选举业主委员会委员", "matter": "278.3",
                                "election": {"seats": seats, "candidates": candidates}}),
            );
        }
        em.emit(
            noticed,
            "meeting.convened",
            json!({"meeting": id, "body": "assembly", "rules": "r1", "form": "written",
                   "title": format!("{}业主大会第{}次会议", community.name, k + 1),
                   "noticed_at": ts(noticed), "opens_at": ts(opens), "closes_at": ts(closes),
                   "motions": motions}),
        )?;

        // Leanings for this meeting.
        let pm = 0.52 + mrng.unit() * 0.25;
        let fund = 0.70 + mrng.unit() * 0.18;
        let ev = 0.72 + mrng.unit() * 0.16;
        let lean = |yes: f64| Lean {
            yes,
            no: (1.0 - yes) * 0.8,
            abstain: (1.0 - yes) * 0.17,
        };
        let (l_pm, l_fund, l_ev) = (lean(pm), lean(fund), lean(ev));
        let popularity: Vec<f64> = candidates
            .iter()
            .map(|_| 0.35 + mrng.unit() * 0.5)
            .collect();

        // Who votes, in what order.
        let mut order = voters.clone();
        mrng.shuffle(&mut order);
        let distinct = share
            .min((heads as f64 * (0.80 + mrng.unit() * 0.08)) as usize)
            .min(order.len());
        let distinct = if share > 0 { distinct.max(1) } else { 0 };
        let revotes = share - distinct;

        // Proxies, granted during the notice period: ~3% of the voters.
        let mut proxies: HashMap<usize, String> = HashMap::new();
        let mut load: HashMap<String, u32> = HashMap::new();
        let mut principals: Vec<usize> = order[..distinct]
            .iter()
            .copied()
            .filter(|&p| p != 0 && mrng.chance(0.03))
            .collect();
        principals.sort_unstable();
        let n_principals = principals.len();
        for (j, p) in principals.into_iter().enumerate() {
            let agent = if mrng.chance(0.6) {
                format!("a{}", &community.owners[p][1..]) // a family member, not an owner
            } else {
                community.owners[*mrng.pick(&voters)].clone() // a neighbour
            };
            if agent == community.owners[p]
                || agent == "dev"
                || load.get(&agent).copied().unwrap_or(0) >= 5
            {
                continue;
            }
            let t = slot_time(&mut mrng, noticed + DAY, opens - 2 * HOUR, j, n_principals);
            em.emit(
                t,
                "proxy.granted",
                json!({"meeting": id, "principal": community.owners[p], "agent": agent}),
            )?;
            *load.entry(agent.clone()).or_default() += 1;
            proxies.insert(p, agent);
        }
        // A few principals change their mind and revoke before the vote opens.
        let mut revoke: Vec<usize> = proxies.keys().copied().collect();
        revoke.sort_unstable();
        revoke.retain(|_| mrng.chance(0.05));
        for p in revoke {
            let agent = proxies.remove(&p).expect("present");
            em.emit(
                opens - HOUR,
                "proxy.revoked",
                json!({"meeting": id, "principal": community.owners[p], "agent": agent}),
            )?;
        }

        // Ballots.
        for s in state.iter_mut() {
            *s = VoterState::default();
        }
        let mut cast_new = 0usize;
        let mut revotes_left = revotes;
        let mut objections = 0usize;
        let objection_target =
            (objection_group.len() / 5).max(usize::from(!objection_group.is_empty()));
        for i in 0..share {
            let remaining = share - i;
            let is_revote = cast_new > 0
                && (cast_new == distinct
                    || (revotes_left > 0 && mrng.below(remaining as u64) < revotes_left as u64));
            let v = if is_revote {
                revotes_left -= 1;
                order[mrng.below(cast_new as u64) as usize]
            } else {
                cast_new += 1;
                order[cast_new - 1]
            };
            let at = slot_time(&mut mrng, opens, closes, i, share);
            let st = state[v].status;
            // Agent ballots only when the principal has not voted in person.
            let by = match proxies.get(&v) {
                Some(agent) if st != 1 && st != 3 && (st == 2 || mrng.chance(0.85)) => {
                    Some(agent.clone())
                }
                _ => None,
            };
            let channel = if by.is_some() || mrng.chance(0.22) {
                "paper"
            } else {
                "online"
            };
            let mut votes = Map::new();
            for (key, l) in [("pm", l_pm), ("fund", l_fund), ("ev", l_ev)] {
                if let Some(val) = l.draw(&mut mrng) {
                    votes.insert(key.into(), val.into());
                }
            }
            if elect && candidates.len() >= 2 {
                if mrng.chance(0.03) {
                    votes.insert("elect".into(), "abstain".into());
                } else {
                    let mut picks: Vec<&String> = candidates
                        .iter()
                        .zip(&popularity)
                        .filter(|(_, &p)| mrng.chance(p))
                        .map(|(c, _)| c)
                        .collect();
                    while picks.len() > seats {
                        let j = mrng.below(picks.len() as u64) as usize;
                        picks.remove(j);
                    }
                    votes.insert("elect".into(), json!(picks));
                }
            }
            let mut data = json!({"meeting": id, "voter": community.owners[v], "channel": channel, "votes": votes});
            if let Some(agent) = &by {
                data["by"] = Value::String(agent.clone());
            }
            em.emit(at, "ballot.cast", data)?;
            ballots_written += 1;
            state[v].status = if by.is_some() { 2 } else { 1 };
            // Now and then the organiser voids a paper ballot whose signature
            // does not match the registry.
            if channel == "paper" && mrng.chance(0.002) {
                em.emit(at, "ballot.voided",
                        json!({"meeting": id, "voter": community.owners[v], "reason": "签名与登记不符"}))?;
                state[v].status = 3;
            }
            // Fire-safety objections from the owners next to the charging area, below the share.
            if objections < objection_target
                && mrng.below(share as u64) < (objection_target * 3) as u64
            {
                let owner = objection_group[objections % objection_group.len()];
                em.emit(
                    at,
                    "objection.filed",
                    json!({"meeting": id, "motion": "ev", "owner": community.owners[owner],
                               "reason": "充电设施距住宅过近，担心消防安全"}),
                )?;
                objections += 1;
            }
        }
        em.emit(closes, "meeting.closed", json!({"meeting": id}))?;
        let declared_at = closes + DAY - 8 * HOUR;
        em.declare(declared_at, &id)?;
        now = declared_at + 30 * DAY;
    }
    let events = em.ledger.len();
    let head = em.ledger.head().to_owned();
    em.finish()?;
    Ok(GenStats {
        events,
        ballots: ballots_written,
        meetings: n_meetings,
        owners: community.owners.len() - 1,
        units: community.units.len(),
        head,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_round_trips() {
        let t = beijing(2026, 11, 20, 9, 0);
        assert_eq!(ts(t), "2026-11-20T09:00:00+08:00");
        assert_eq!(
            ts(beijing(2028, 2, 29, 23, 59) + 59),
            "2028-02-29T23:59:59+08:00"
        );
        assert_eq!(
            ts(beijing(2027, 1, 1, 0, 0) - 1),
            "2026-12-31T23:59:59+08:00"
        );
    }

    #[test]
    fn rng_is_deterministic_and_bounded() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        for _ in 0..1000 {
            let x = a.below(13);
            assert_eq!(x, b.below(13));
            assert!(x < 13);
        }
    }

    #[test]
    fn small_record_is_valid_deterministic_and_canonical() {
        let o = GenOptions {
            owners: 300,
            ballots: 700,
            seed: 42,
            meetings: None,
            out: None,
        };
        let mut a = Vec::new();
        let stats = generate(&o, &mut a).unwrap_or_else(|_| panic!("generation failed"));
        let mut b = Vec::new();
        generate(&o, &mut b).unwrap_or_else(|_| panic!("generation failed"));
        assert_eq!(a, b, "same seed, same bytes");
        let text = String::from_utf8(a).expect("utf-8");
        // The streamed lines are exactly what the core itself would write.
        let ledger = Ledger::from_record(&text).expect("valid record");
        assert_eq!(ledger.to_record(), text);
        assert_eq!(ledger.len(), stats.events);
        assert_eq!(stats.ballots, 700);
        assert_eq!(stats.meetings, 3);
        // Every meeting was declared.
        for r in ledger.results() {
            assert!(!r.provisional);
        }
        // Another seed gives another record.
        let mut c = Vec::new();
        generate(&GenOptions { seed: 43, ..o }, &mut c)
            .unwrap_or_else(|_| panic!("generation failed"));
        assert_ne!(c.len(), 0);
        assert_ne!(text.as_bytes(), &c[..]);
    }
}

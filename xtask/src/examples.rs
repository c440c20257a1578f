//! `cargo xtask examples [--check]`: the 碧湖花园 (Bihu Garden) example records.
//!
//! One synthetic but realistic community — 14 buildings, about 1,800 flats,
//! 12 shops and 1,000 parking spaces — and four records of its owners'
//! deliberations, each sealed through the core library and checked against the
//! outcome its story needs. Everything is deterministic: `--check` regenerates
//! in memory and fails when a committed file differs by one byte.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde_json::{json, Map, Value};

use crate::gen::{
    beijing, slot_time, ts, BuildingSpec, Community, CommunitySpec, Emitter, Lean, Rng, Usage, DAY,
    HOUR,
};
use crate::util::{Ctx, Failure, Result};

/// One example file: name, titles, descriptions, and its bytes.
pub struct Example {
    pub file: &'static str,
    pub title: (&'static str, &'static str),
    pub description: (&'static str, &'static str),
    pub bytes: Vec<u8>,
    pub events: u64,
    pub head: String,
    pub outcomes: BTreeMap<String, String>,
}

/// `cargo xtask examples [--check]`.
pub fn run(ctx: &Ctx, args: &[String]) -> Result<()> {
    let check = match args {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => return Err(Failure::usage("examples takes only --check")),
    };
    let dir = ctx.root.join("examples");
    let files = generate_all()?;
    if check {
        let stale = compare(&dir, &files);
        if stale.is_empty() {
            eprintln!("examples: {} files up to date", files.len());
            return Ok(());
        }
        return Err(Failure::step(format!(
            "examples/ differs from what `cargo xtask examples` generates: {}; run `cargo xtask examples` and commit",
            stale.join(", ")
        )));
    }
    std::fs::create_dir_all(&dir)?;
    for (name, bytes) in &files {
        std::fs::write(dir.join(name), bytes)?;
        eprintln!("wrote examples/{name} ({} bytes)", bytes.len());
    }
    Ok(())
}

/// Files that are missing or differ.
pub fn compare(dir: &Path, files: &[(String, Vec<u8>)]) -> Vec<String> {
    files
        .iter()
        .filter(|(name, bytes)| std::fs::read(dir.join(name)).ok().as_deref() != Some(&bytes[..]))
        .map(|(name, _)| name.clone())
        .collect()
}

/// Every generated file of `examples/`: the records and `index.json`.
pub fn generate_all() -> Result<Vec<(String, Vec<u8>)>> {
    let bihu = bihu();
    let examples = vec![
        fund_raise(&bihu)?,
        manager_rehire(&bihu)?,
        tree_pruning(&bihu)?,
        ev_chargers(&bihu)?,
    ];
    let index = json!({
        "community": {"id": bihu.c.id, "name": bihu.c.name, "name_en": "Bihu Garden",
                      "buildings": 14, "units": bihu.c.units.len(), "owners": bihu.c.owners.len() - 1},
        "examples": examples.iter().map(|e| json!({
            "file": e.file,
            "title": {"zh": e.title.0, "en": e.title.1},
            "description": {"zh": e.description.0, "en": e.description.1},
            "events": e.events,
            "bytes": e.bytes.len(),
            "head": e.head,
            "outcomes": e.outcomes,
        })).collect::<Vec<_>>(),
    });
    let mut files: Vec<(String, Vec<u8>)> = examples
        .into_iter()
        .map(|e| (e.file.to_owned(), e.bytes))
        .collect();
    let mut idx = serde_json::to_string_pretty(&index).expect("index serialises");
    idx.push('\n');
    files.push(("index.json".to_owned(), idx.into_bytes()));
    Ok(files)
}

// ---------------------------------------------------------------- the community

/// 碧湖花园 and the facts about it the stories need.
struct Bihu {
    c: Community,
    /// Area per owner index, hundredths.
    area: Vec<u64>,
    /// Every owner index with a unit (the developer included): the electorate.
    electorate: Vec<usize>,
    /// Owners of flats in building 3, floors 1–3 (the trees' neighbours).
    low3: Vec<usize>,
    /// Owners of flats in building 3 above floor 3.
    high3: Vec<usize>,
    /// Owners of flats in building 9, floors 1–2 (next to the planned charging area).
    low9: Vec<usize>,
    /// One "building leader" (楼长) per building, who collects neighbours' proxies.
    leaders: Vec<usize>,
    /// The owners' committee (业主委员会), seven members.
    committee: Vec<usize>,
}

fn bihu() -> Bihu {
    let mut rng = Rng::new(0xB1B0);
    let mut buildings = Vec::new();
    for b in 1..=4 {
        // 洋房: six floors, two stairs of two flats, duplexes on top.
        buildings.push(BuildingSpec {
            id: b.to_string(),
            floors: 6,
            layout: vec![89.0, 118.0, 118.0, 89.0],
            shops: 0,
            top: Some(212.0),
        });
    }
    for b in 5..=8 {
        // 小高层: eleven floors, six flats; street shops under 5 and 6.
        buildings.push(BuildingSpec {
            id: b.to_string(),
            floors: 11,
            layout: vec![78.0, 92.0, 92.0, 78.0, 115.0, 115.0],
            shops: if b <= 6 { 6 } else { 0 },
            top: None,
        });
    }
    for (b, floors) in (9..=14).zip([26, 28, 30, 32, 26, 28]) {
        // 高层: two stairs of four flats, penthouses on top.
        buildings.push(BuildingSpec {
            id: b.to_string(),
            floors,
            layout: vec![68.0, 89.0, 89.0, 68.0, 98.0, 128.0, 128.0, 98.0],
            shops: 0,
            top: Some(268.0),
        });
    }
    let spec = CommunitySpec {
        id: "bihu-garden".into(),
        name: "碧湖花园".into(),
        developer_name: "碧湖置业有限公司".into(),
        buildings,
        owners: None,
        unsold: 0.03,
        second_flat: 0.07,
        parking_ratio: 0.6,
        parking_unsold: 0.4,
    };
    let c = Community::build(&spec, &mut rng);
    let area = c.owner_areas();
    let electorate: Vec<usize> = (0..c.owners.len()).filter(|&o| area[o] > 0).collect();
    let people = |f: &dyn Fn(&crate::gen::UnitSpec) -> bool| -> Vec<usize> {
        let mut v = c.owners_where(f);
        v.retain(|&o| o != 0);
        v
    };
    let low3 = people(&|u| u.building == "3" && u.usage == Usage::Residential && u.floor <= 3);
    let mut high3 = people(&|u| u.building == "3" && u.usage == Usage::Residential && u.floor > 3);
    high3.retain(|o| !low3.contains(o));
    let low9 = people(&|u| u.building == "9" && u.usage == Usage::Residential && u.floor <= 2);
    let leaders: Vec<usize> = (1..=14)
        .map(|b| {
            let b = b.to_string();
            let v = people(&|u| u.building == b && u.usage == Usage::Residential && u.floor == 2);
            v[0]
        })
        .collect();
    let mut pool: Vec<usize> = electorate
        .iter()
        .copied()
        .filter(|&o| o != 0 && !low3.contains(&o) && !low9.contains(&o) && !leaders.contains(&o))
        .collect();
    rng.shuffle(&mut pool);
    let mut committee: Vec<usize> = pool[..7].to_vec();
    committee.sort_unstable();
    Bihu {
        c,
        area,
        electorate,
        low3,
        high3,
        low9,
        leaders,
        committee,
    }
}

// ---------------------------------------------------------------- assembly voting

/// One planned event of a voting window, emitted in time order.
enum Act {
    Cast {
        voter: usize,
        by: Option<String>,
        channel: &'static str,
        votes: Map<String, Value>,
    },
    Void {
        voter: usize,
        reason: &'static str,
    },
    Raw {
        kind: &'static str,
        data: Value,
    },
}

/// How an assembly vote goes: who takes part, through whom, on paper or online.
struct Turnout {
    meeting: &'static str,
    noticed: i64,
    opens: i64,
    closes: i64,
    /// Share of the electorate that votes.
    participation: f64,
    /// Share of voters who vote through a written proxy (委托).
    proxies: f64,
    /// Share of in-person ballots on paper (entered by the organiser).
    paper: f64,
    /// Share of voters who change their vote later (revote: last counts).
    revotes: f64,
}

/// Emits proxies, ballots (first votes, revotes, one voided and re-cast
/// paper ballot) and `extra` events, all in time order, for one assembly meeting.
/// `must` vote whatever the draw; `ballot` gives a voter's votes.
fn assembly_vote(
    em: &mut Emitter<Vec<u8>>,
    rng: &mut Rng,
    b: &Bihu,
    t: &Turnout,
    must: &[usize],
    extra: Vec<(i64, Act)>,
    ballot: &mut dyn FnMut(&mut Rng, usize) -> Map<String, Value>,
) -> Result<()> {
    let c = &b.c;
    let mut order = b.electorate.clone();
    rng.shuffle(&mut order);
    let n = ((order.len() as f64) * t.participation) as usize;
    let mut voters: Vec<usize> = must.to_vec();
    voters.extend(
        order
            .into_iter()
            .filter(|o| !must.contains(o))
            .take(n.saturating_sub(must.len())),
    );
    rng.shuffle(&mut voters);

    // Proxies: elderly owners and owners living elsewhere authorise a family
    // member, or their building leader (楼长), who may hold at most 3.
    let mut proxies: HashMap<usize, String> = HashMap::new();
    let mut load: HashMap<String, u32> = HashMap::new();
    let mut grants = Vec::new();
    for &v in &voters {
        if v == 0 || b.leaders.contains(&v) || must.contains(&v) || !rng.chance(t.proxies) {
            continue;
        }
        let leader = c.owners[b.leaders[rng.below(b.leaders.len() as u64) as usize]].clone();
        let agent = if rng.chance(0.45) && load.get(&leader).copied().unwrap_or(0) < 3 {
            leader
        } else {
            format!("a{}", &c.owners[v][1..]) // a family member, not an owner
        };
        *load.entry(agent.clone()).or_default() += 1;
        proxies.insert(v, agent.clone());
        grants.push((v, agent));
    }
    for (j, (v, agent)) in grants.iter().enumerate() {
        let at = slot_time(rng, t.noticed + DAY, t.opens - 2 * HOUR, j, grants.len());
        em.emit(
            at,
            "proxy.granted",
            json!({"meeting": t.meeting, "principal": c.owners[*v], "agent": agent}),
        )?;
    }

    let mut acts: Vec<(i64, Act)> = extra;
    let n = voters.len();
    let mut voided_one = false;
    for (i, &v) in voters.iter().enumerate() {
        let at = slot_time(rng, t.opens, t.closes, i, n);
        let by = proxies.get(&v).cloned();
        let channel = if by.is_some() || rng.chance(t.paper) {
            "paper"
        } else {
            "online"
        };
        let votes = ballot(rng, v);
        acts.push((
            at,
            Act::Cast {
                voter: v,
                by: by.clone(),
                channel,
                votes,
            },
        ));
        let later = |rng: &mut Rng| at + 1 + rng.below((t.closes - at - 1).max(1) as u64) as i64;
        if !voided_one && channel == "paper" && by.is_none() && i > n / 3 {
            // The counting table finds a signature that does not match the
            // registry; the owner comes back and signs a new paper ballot.
            voided_one = true;
            acts.push((
                at + 20 * 60,
                Act::Void {
                    voter: v,
                    reason: "签名与登记不符",
                },
            ));
            let votes = ballot(rng, v);
            acts.push((
                later(rng).max(at + 21 * 60),
                Act::Cast {
                    voter: v,
                    by: None,
                    channel: "paper",
                    votes,
                },
            ));
        } else if by.is_some() && rng.chance(0.1) {
            // The principal votes in person after all: their own ballot replaces the agent's.
            let votes = ballot(rng, v);
            acts.push((
                later(rng),
                Act::Cast {
                    voter: v,
                    by: None,
                    channel: "online",
                    votes,
                },
            ));
        } else if rng.chance(t.revotes) {
            let votes = ballot(rng, v);
            acts.push((
                later(rng),
                Act::Cast {
                    voter: v,
                    by: None,
                    channel: "online",
                    votes,
                },
            ));
        }
    }
    acts.sort_by_key(|(at, _)| *at);
    for (at, act) in acts {
        match act {
            Act::Cast {
                voter,
                by,
                channel,
                votes,
            } => {
                let mut d = json!({"meeting": t.meeting, "voter": c.owners[voter], "channel": channel, "votes": votes});
                if let Some(agent) = by {
                    d["by"] = Value::String(agent);
                }
                em.emit(at, "ballot.cast", d)?;
            }
            Act::Void { voter, reason } => em.emit(
                at,
                "ballot.voided",
                json!({"meeting": t.meeting, "voter": c.owners[voter], "reason": reason}),
            )?,
            Act::Raw { kind, data } => em.emit(at, kind, data)?,
        }
    }
    Ok(())
}

fn vote(map: &mut Map<String, Value>, motion: &str, v: Option<&'static str>) {
    if let Some(v) = v {
        map.insert(motion.to_owned(), Value::String(v.to_owned()));
    }
}

fn lean(yes: f64, no: f64) -> Lean {
    Lean {
        yes,
        no,
        abstain: (1.0 - yes - no - 0.01).max(0.0),
    }
}

/// Starts a record: the registry and the rules of procedure (议事规则).
fn start(b: &Bihu, at: i64) -> Result<Emitter<Vec<u8>>> {
    let mut em = Emitter::new(Vec::new());
    em.emit(at, "community.registered", b.c.registration())?;
    em.emit(
        at + 10 * 60,
        "rules.adopted",
        json!({"rules": "bihu-2026", "preset": "civil-code-2021",
               "set": {"abstain": "participates", "non_voters": "not_counted", "revote": "last_counts",
                       "proxy_cap": 3, "notice_days": 15, "parking": "counts",
                       "committee_decision": "half_or_more_of_members", "five_party_quorum": 5}}),
    )?;
    // Committee and five-party sessions meet at seven days' notice (Guidance
    // Rules); `notice_days` binds every meeting, so they name rules of their own.
    em.emit(
        at + 11 * 60,
        "rules.adopted",
        json!({"rules": "bihu-2026-sessions", "preset": "civil-code-2021",
               "set": {"notice_days": 7, "committee_decision": "half_or_more_of_members", "five_party_quorum": 5}}),
    )?;
    Ok(em)
}

fn convene(em: &mut Emitter<Vec<u8>>, t: &Turnout, title: &str, motions: Value) -> Result<()> {
    em.emit(
        t.noticed,
        "meeting.convened",
        json!({"meeting": t.meeting, "body": "assembly", "rules": "bihu-2026", "form": "written", "title": title,
               "noticed_at": ts(t.noticed), "opens_at": ts(t.opens), "closes_at": ts(t.closes), "motions": motions}),
    )
}

/// Closes, declares, and checks the story's outcomes.
fn close_and_declare(
    em: &mut Emitter<Vec<u8>>,
    meeting: &str,
    closes: i64,
    declared: i64,
    want: &[(&str, &str)],
) -> Result<Value> {
    em.emit(closes, "meeting.closed", json!({"meeting": meeting}))?;
    let d = em.declare(declared, meeting)?;
    for (motion, outcome) in want {
        let got = d[*motion]["outcome"].as_str().unwrap_or("?");
        if got != *outcome {
            return Err(Failure::step(format!(
                "example story broken: {meeting}/{motion} came out {got}, the story needs {outcome}: {}",
                d[*motion]
            )));
        }
    }
    Ok(d)
}

/// A declared figure's area in hundredths (`"12.34"` → 1234).
fn hundredths(v: &Value) -> u64 {
    let s = v["area"].as_str().unwrap_or("0");
    let (int, frac) = s.split_once('.').unwrap_or((s, "0"));
    int.parse::<u64>().unwrap_or(0) * 100 + format!("{frac:0<2}").parse::<u64>().unwrap_or(0)
}

fn finish(
    em: Emitter<Vec<u8>>,
    file: &'static str,
    title: (&'static str, &'static str),
    description: (&'static str, &'static str),
) -> Result<Example> {
    let (ledger, out) = em.finish()?;
    let outcomes = ledger
        .results()
        .into_iter()
        .map(|r| {
            (
                format!("{}/{}", r.meeting, r.motion),
                r.outcome.as_str().to_owned(),
            )
        })
        .collect();
    Ok(Example {
        file,
        title,
        description,
        bytes: out,
        events: ledger.len(),
        head: ledger.head().to_owned(),
        outcomes,
    })
}

/// A five-party or committee meeting held as one collective session.
struct Session {
    meeting: &'static str,
    noticed: i64,
    opens: i64,
    closes: i64,
}

// ---------------------------------------------------------------- (a) fund raise

fn fund_raise(b: &Bihu) -> Result<Example> {
    let mut rng = Rng::new(0xF00D);
    let mut em = start(b, beijing(2027, 3, 1, 9, 0))?;
    let t = Turnout {
        meeting: "2027-01",
        noticed: beijing(2027, 3, 10, 9, 0),
        opens: beijing(2027, 3, 27, 9, 0),
        closes: beijing(2027, 4, 10, 18, 0),
        participation: 0.81,
        proxies: 0.05,
        paper: 0.3,
        revotes: 0.015,
    };
    convene(
        &mut em,
        &t,
        "碧湖花园2027年第一次业主大会（书面征求意见）",
        json!([
            {"motion": "fund", "title": "续筹专项维修资金：按专有部分面积每平方米30元一次性续筹", "matter": "278.6",
             "description": "账户余额已低于首期归集额的30%，按《住宅专项维修资金管理办法》续筹。"},
            {"motion": "lifts", "title": "使用专项维修资金更换9–14号楼电梯（24部，预算486万元）", "matter": "278.5",
             "description": "电梯已运行15年，2026年年检整改通知书要求更换主机与控制柜。"}
        ]),
    )?;
    let high_rise = |v: usize| {
        b.c.units
            .iter()
            .any(|u| u.owner == v && u.building.parse::<u32>().unwrap_or(0) >= 9)
    };
    assembly_vote(&mut em, &mut rng, b, &t, &[], Vec::new(), &mut |rng, v| {
        let mut m = Map::new();
        if v == 0 {
            vote(&mut m, "fund", Some("yes"));
            vote(&mut m, "lifts", Some("yes"));
            return m;
        }
        vote(&mut m, "fund", lean(0.79, 0.16).draw(rng));
        let l = if high_rise(v) {
            lean(0.9, 0.07)
        } else {
            lean(0.45, 0.42)
        };
        vote(&mut m, "lifts", l.draw(rng));
        m
    })?;
    close_and_declare(
        &mut em,
        "2027-01",
        t.closes,
        beijing(2027, 4, 12, 10, 0),
        &[("fund", "passed"), ("lifts", "passed")],
    )?;
    finish(
        em,
        "bihu-fund-raise.jsonl",
        ("碧湖花园：续筹专项维修资金（第278条第六项）", "Bihu Garden: raising the maintenance fund (Art. 278 item 6)"),
        (
            "书面征求意见的业主大会：续筹维修资金须参与表决的专有部分面积和人数均达四分之三以上同意；同时表决使用维修资金更换高层电梯（过半数即可）。含书面委托（楼长代理上限3人）、纸质表决票、改票、一张作废重签的表决票和公告结果。",
            "A written-consultation owners' assembly: raising the maintenance fund needs three quarters of the participating area and owners; the same meeting votes to use the fund for new lifts in the high-rises (majority). With written proxies (building leaders capped at 3), paper ballots, revotes, one voided and re-signed ballot, and the declared result.",
        ),
    )
}

// ---------------------------------------------------------------- (b) manager re-hire

fn manager_rehire(b: &Bihu) -> Result<Example> {
    let mut rng = Rng::new(0x0B1E);
    let mut em = start(b, beijing(2027, 3, 1, 9, 0))?;
    let t = Turnout {
        meeting: "2027-02",
        noticed: beijing(2027, 5, 6, 9, 0),
        opens: beijing(2027, 5, 22, 9, 0),
        closes: beijing(2027, 6, 5, 18, 0),
        participation: 0.79,
        proxies: 0.05,
        paper: 0.28,
        revotes: 0.02,
    };
    convene(
        &mut em,
        &t,
        "碧湖花园2027年第二次业主大会（书面征求意见）",
        json!([
            {"motion": "pm", "title": "续聘碧湖物业服务有限公司，服务期三年（2027年7月至2030年6月）", "matter": "278.4"},
            {"motion": "fee", "title": "物业服务费由每月2.30元/平方米调整为2.60元/平方米", "matter": "278.9",
             "description": "物业公司提出的调价方案，附2024–2026年收支审计报告。"}
        ]),
    )?;
    let areas = b.area.clone();
    assembly_vote(&mut em, &mut rng, b, &t, &[], Vec::new(), &mut |rng, v| {
        let mut m = Map::new();
        if v == 0 {
            // The developer's unsold flats and parking: it backs its own affiliate.
            vote(&mut m, "pm", Some("yes"));
            vote(&mut m, "fee", Some("yes"));
            return m;
        }
        vote(&mut m, "pm", lean(0.64, 0.3).draw(rng));
        // Owners of large flats, who tend to live here, back a better service;
        // owners of small flats mostly refuse to pay more.
        let a = areas[v] as f64 / 100.0;
        let yes = (0.0045 * a).clamp(0.2, 0.85);
        vote(&mut m, "fee", lean(yes, 0.95 - yes).draw(rng));
        m
    })?;
    let d = close_and_declare(
        &mut em,
        "2027-02",
        t.closes,
        beijing(2027, 6, 7, 10, 0),
        &[("pm", "passed"), ("fee", "failed")],
    )?;
    // The story: the fee rise wins by area but not by headcount.
    let (yes, part) = (&d["fee"]["yes"], &d["fee"]["participating"]);
    let by_area = 2 * hundredths(yes) > hundredths(part);
    let by_heads = 2 * yes["heads"].as_u64().unwrap_or(0) > part["heads"].as_u64().unwrap_or(0);
    if !by_area || by_heads {
        return Err(Failure::step(format!(
            "example story broken: the fee rise should pass by area only: {}",
            d["fee"]
        )));
    }
    finish(
        em,
        "bihu-manager-rehire.jsonl",
        ("碧湖花园：续聘物业服务企业（第278条第四项）", "Bihu Garden: re-hiring the property manager (Art. 278 item 4)"),
        (
            "续聘物业服务企业须参与表决的面积和人数均过半数同意，获得通过；同一次会议的物业费调价案在面积上过半、人数上未过半，未获通过——两个维度缺一不可。开发商未售房屋与车位合计只算一人。含委托、纸质票、改票与公告结果。",
            "Re-hiring the property manager needs more than half of the participating area and owners, and passes. The fee rise at the same meeting wins by area but not by headcount, so it fails: both dimensions are required. The developer's unsold flats and parking spaces count as one owner. With proxies, paper ballots, revotes and the declared result.",
        ),
    )
}

// ---------------------------------------------------------------- (c) tree pruning

fn tree_pruning(b: &Bihu) -> Result<Example> {
    let mut rng = Rng::new(0x7EE5);
    let c = &b.c;
    let mut em = start(b, beijing(2027, 3, 1, 9, 0))?;
    let protection = json!({"objection_block": {"of": {"buildings": ["3"], "floors": {"max": 3}}, "share": "1/3", "dimension": "either"}});

    // 1. The first vote: heavy pruning (topping) of the trees south of building 3.
    let t1 = Turnout {
        meeting: "2027-03",
        noticed: beijing(2027, 4, 1, 9, 0),
        opens: beijing(2027, 4, 17, 9, 0),
        closes: beijing(2027, 4, 30, 18, 0),
        participation: 0.76,
        proxies: 0.04,
        paper: 0.3,
        revotes: 0.015,
    };
    convene(
        &mut em,
        &t1,
        "碧湖花园2027年第三次业主大会（书面征求意见）",
        json!([{"motion": "prune", "title": "对3号楼南侧12株香樟进行重度修剪（截顶至6米）", "matter": "278.9",
                "description": "高层业主反映树冠遮挡视线与采光；3号楼1–3层业主认为截顶将使住宅直接暴露于南侧道路。",
                "protection": protection}]),
    )?;
    let objectors1: Vec<usize> = b
        .low3
        .iter()
        .copied()
        .take(b.low3.len().div_ceil(3) + 1)
        .collect();
    let mut extra = Vec::new();
    let reasons = [
        "截顶后南侧道路噪声与粉尘直入室内",
        "失去遮阴与隐私屏障，夏季西晒严重",
        "香樟截顶易死亡，破坏小区绿化",
        "底层住户未被征求意见",
    ];
    for (i, &o) in objectors1.iter().enumerate() {
        extra.push((
            t1.opens + (2 + i as i64) * DAY + 20 * HOUR,
            Act::Raw {
                kind: "objection.filed",
                data: json!({"meeting": "2027-03", "motion": "prune", "owner": c.owners[o], "reason": reasons[i % reasons.len()]}),
            },
        ));
    }
    let (low3, high3) = (b.low3.clone(), b.high3.clone());
    assembly_vote(
        &mut em,
        &mut rng,
        b,
        &t1,
        &objectors1,
        extra,
        &mut |rng, v| {
            let mut m = Map::new();
            let l = if low3.contains(&v) {
                lean(0.0, 0.97)
            } else if high3.contains(&v) {
                lean(0.9, 0.06)
            } else {
                lean(0.66, 0.2)
            };
            vote(&mut m, "prune", l.draw(rng));
            m
        },
    )?;
    close_and_declare(
        &mut em,
        "2027-03",
        t1.closes,
        beijing(2027, 5, 6, 10, 0),
        &[("prune", "blocked")],
    )?;

    // 2. A five-party meeting (五方例会) mediates a reduced plan.
    let s = Session {
        meeting: "2027-5p-05",
        noticed: beijing(2027, 5, 12, 9, 0),
        opens: beijing(2027, 5, 20, 14, 0),
        closes: beijing(2027, 5, 20, 17, 0),
    };
    let rep = c.owners[objectors1[0]].clone();
    let chair = c.owners[b.committee[0]].clone();
    em.emit(
        s.noticed,
        "meeting.convened",
        json!({"meeting": s.meeting, "body": "five-party", "rules": "bihu-2026-sessions", "form": "collective",
               "title": "碧湖花园五方例会（2027年5月）：3号楼南侧乔木修剪争议",
               "noticed_at": ts(s.noticed), "opens_at": ts(s.opens), "closes_at": ts(s.closes),
               "parties": {"party_branch": "碧湖社区党支部·王建华", "residents_committee": "碧湖社区居委会·李秀英",
                           "owners_committee": chair, "property_company": "碧湖物业·陈志强", "owner_representatives": rep},
               "motions": [{"motion": "mediate", "matter": "coordination",
                            "title": "调解方案：改截顶为疏枝修剪，树冠下缘提升至4层窗台以上，保留树高不低于9米，落叶期施工",
                            "refers_to": {"meeting": "2027-03", "motion": "prune"}}]}),
    )?;
    em.emit(
        s.opens + 5 * 60,
        "attendance.recorded",
        json!({"meeting": s.meeting, "present": ["party_branch", "residents_committee", "owners_committee", "property_company", "owner_representatives"]}),
    )?;
    let positions = [
        ("party_branch", "兼顾高层采光与低层隐私，支持折中方案"),
        ("residents_committee", "同意，居委会协助张贴公示并收集意见"),
        ("owners_committee", "同意，方案提交业主大会再次表决"),
        (
            "property_company",
            "可于2027年12月落叶期施工，费用由公共收益列支",
        ),
        (
            "owner_representatives",
            "低层业主接受疏枝方案，撤回对重剪的反对理由",
        ),
    ];
    for (i, (party, reason)) in positions.iter().enumerate() {
        em.emit(
            s.opens + (30 + 20 * i as i64) * 60,
            "ballot.cast",
            json!({"meeting": s.meeting, "voter": party, "channel": "paper",
                   "votes": {"mediate": "support"}, "reasons": {"mediate": reason}}),
        )?;
    }
    em.emit(s.closes, "meeting.closed", json!({"meeting": s.meeting}))?;
    let d = em.declare(s.closes + 30 * 60, s.meeting)?;
    if d["mediate"]["outcome"] != "agreed" {
        return Err(Failure::step(format!(
            "example story broken: the mediation came out {}",
            d["mediate"]
        )));
    }

    // 3. The second vote, on the mediated plan.
    let t2 = Turnout {
        meeting: "2027-06",
        noticed: beijing(2027, 6, 1, 9, 0),
        opens: beijing(2027, 6, 17, 9, 0),
        closes: beijing(2027, 6, 30, 18, 0),
        participation: 0.77,
        proxies: 0.04,
        paper: 0.3,
        revotes: 0.015,
    };
    convene(
        &mut em,
        &t2,
        "碧湖花园2027年第四次业主大会（书面征求意见）",
        json!([{"motion": "prune2", "title": "按五方例会调解方案对3号楼南侧香樟进行疏枝修剪（保留树高不低于9米）", "matter": "278.9",
                "description": "2027年5月20日五方例会一致同意的折中方案；原重度修剪方案因3号楼低层业主异议达三分之一被否决。",
                "protection": protection}]),
    )?;
    let holdout = *b.low3.last().expect("building 3 has low-floor owners");
    let extra = vec![(
        t2.opens + 3 * DAY,
        Act::Raw {
            kind: "objection.filed",
            data: json!({"meeting": "2027-06", "motion": "prune2", "owner": c.owners[holdout], "reason": "仍担心修剪后噪声增大"}),
        },
    )];
    assembly_vote(
        &mut em,
        &mut rng,
        b,
        &t2,
        &[holdout],
        extra,
        &mut |rng, v| {
            let mut m = Map::new();
            let l = if v == holdout {
                lean(0.0, 1.0)
            } else if low3.contains(&v) {
                lean(0.8, 0.1)
            } else {
                lean(0.78, 0.12)
            };
            vote(&mut m, "prune2", l.draw(rng));
            m
        },
    )?;
    close_and_declare(
        &mut em,
        "2027-06",
        t2.closes,
        beijing(2027, 7, 2, 10, 0),
        &[("prune2", "passed")],
    )?;
    // After the result is posted, one owner files a post-result objection (会后异议): shown, not counted.
    em.emit(
        beijing(2027, 7, 5, 15, 30),
        "objection.filed",
        json!({"meeting": "2027-06", "motion": "prune2", "owner": c.owners[b.high3[0]], "reason": "希望施工前公示修剪范围示意图"}),
    )?;
    finish(
        em,
        "bihu-tree-pruning.jsonl",
        ("碧湖花园：3号楼南侧乔木修剪争议", "Bihu Garden: the tree-pruning dispute south of building 3"),
        (
            "第一次表决多数同意重度修剪，但3号楼1–3层业主的正式异议达到该群体三分之一，议案被阻止；五方例会关联该议案进行调解，五方一致同意疏枝修剪的折中方案（调解意见不改变业主大会结果）；第二次业主大会表决折中方案，异议低于三分之一，获得通过；公告后一名业主提出会后异议，记录在案但不改变结果。",
            "The first vote favours heavy pruning, but formal objections from the owners on floors 1–3 of building 3 reach a third of that group and block it. A five-party meeting, linked to the blocked motion by refers_to, agrees on a reduced plan (mediation never changes an assembly result). A second assembly passes the reduced plan with objections below a third; one owner's objection after the result is recorded without changing it.",
        ),
    )
}

// ---------------------------------------------------------------- (d) EV chargers

fn ev_chargers(b: &Bihu) -> Result<Example> {
    let mut rng = Rng::new(0xE7C4);
    let c = &b.c;
    let mut em = start(b, beijing(2027, 3, 1, 9, 0))?;
    let t = Turnout {
        meeting: "2027-08",
        noticed: beijing(2027, 8, 2, 9, 0),
        opens: beijing(2027, 8, 18, 9, 0),
        closes: beijing(2027, 9, 1, 18, 0),
        participation: 0.8,
        proxies: 0.05,
        paper: 0.25,
        revotes: 0.02,
    };
    convene(
        &mut em,
        &t,
        "碧湖花园2027年第五次业主大会（书面征求意见）",
        json!([{"motion": "ev", "title": "在9号楼北侧地面公共停车区建设24个充电车位及配电箱", "matter": "278.8",
                "description": "占用共有场地、改变其用途，属第二百七十八条第八项；设施须符合消防与电气规范，与住宅外墙保持安全距离。",
                "protection": {"objection_block": {"of": {"buildings": ["9"], "floors": {"max": 2}}, "share": "1/3", "dimension": "either"}}}]),
    )?;
    let objectors: Vec<usize> = b.low9.iter().copied().take(3).collect();
    let reasons = [
        "充电区距住宅窗户不足6米，担心电池起火",
        "配电箱紧邻单元入口，消防通道受影响",
        "夜间充电噪声与照明影响休息",
    ];
    let extra = objectors
        .iter()
        .enumerate()
        .map(|(i, &o)| {
            (
                t.opens + (1 + 3 * i as i64) * DAY + 11 * HOUR,
                Act::Raw { kind: "objection.filed", data: json!({"meeting": "2027-08", "motion": "ev", "owner": c.owners[o], "reason": reasons[i]}) },
            )
        })
        .collect();
    let low9 = b.low9.clone();
    assembly_vote(
        &mut em,
        &mut rng,
        b,
        &t,
        &objectors,
        extra,
        &mut |rng, v| {
            let mut m = Map::new();
            let l = if objectors.contains(&v) {
                lean(0.0, 1.0)
            } else if low9.contains(&v) {
                lean(0.55, 0.35)
            } else {
                lean(0.86, 0.09)
            };
            vote(&mut m, "ev", l.draw(rng));
            m
        },
    )?;
    close_and_declare(
        &mut em,
        "2027-08",
        t.closes,
        beijing(2027, 9, 2, 10, 0),
        &[("ev", "passed")],
    )?;

    // The committee accepts one owner's request to wire a charger at their own
    // parking space: an exclusive part, so no assembly vote is needed.
    let applicant_unit = c
        .units
        .iter()
        .find(|u| {
            u.usage == Usage::Parking
                && u.owner != 0
                && !b.committee.contains(&u.owner)
                && u.floor == -1
        })
        .expect("a privately owned parking space");
    let applicant = c.owners[applicant_unit.owner].clone();
    let s = Session {
        meeting: "c-2027-09",
        noticed: beijing(2027, 9, 6, 9, 0),
        opens: beijing(2027, 9, 13, 19, 0),
        closes: beijing(2027, 9, 13, 21, 0),
    };
    let members: Vec<&String> = b.committee.iter().map(|&o| &c.owners[o]).collect();
    em.emit(
        s.noticed,
        "meeting.convened",
        json!({"meeting": s.meeting, "body": "committee", "rules": "bihu-2026-sessions", "form": "collective",
               "title": "碧湖花园业主委员会2027年第9次会议",
               "noticed_at": ts(s.noticed), "opens_at": ts(s.opens), "closes_at": ts(s.closes),
               "members": members,
               "motions": [
                   {"motion": "own-charger",
                    "title": format!("同意业主{applicant}在其自有车位{}自行接线安装充电桩，物业公司配合报装（自有车位无需业主大会表决）", applicant_unit.id),
                    "description": "业主在自有车位安装充电设施属于对专有部分的使用，不涉及共有部分用途改变；须由有资质的电工施工并报物业备案。"},
                   {"motion": "fire-check",
                    "title": "要求物业公司在9号楼北侧充电区投入使用前完成消防验收并公示",
                    "description": "回应2027-08业主大会中9号楼低层业主提出的消防安全异议。"}
               ]}),
    )?;
    let present: Vec<&String> = members.iter().take(6).copied().collect();
    em.emit(
        s.opens + 5 * 60,
        "attendance.recorded",
        json!({"meeting": s.meeting, "present": present}),
    )?;
    for (i, m) in present.iter().enumerate() {
        let own = if i == 3 { "abstain" } else { "yes" };
        em.emit(
            s.opens + (40 + 5 * i as i64) * 60,
            "ballot.cast",
            json!({"meeting": s.meeting, "voter": m, "channel": "paper", "votes": {"own-charger": own, "fire-check": "yes"}}),
        )?;
    }
    em.emit(s.closes, "meeting.closed", json!({"meeting": s.meeting}))?;
    let d = em.declare(s.closes + 10 * 60, s.meeting)?;
    for m in ["own-charger", "fire-check"] {
        if d[m]["outcome"] != "passed" {
            return Err(Failure::step(format!(
                "example story broken: committee motion {m} came out {}",
                d[m]
            )));
        }
    }
    finish(
        em,
        "bihu-ev-chargers.jsonl",
        ("碧湖花园：充电桩争议", "Bihu Garden: the EV-charger dispute"),
        (
            "在共有场地建设集中充电车位属于改变共有部分用途（第278条第八项），须四分之三以上同意；9号楼1–2层业主以消防安全为由提出异议，但未达该群体三分之一，议案通过。随后业主委员会会议同意一名业主在其自有车位自行接线安装充电桩——自有车位属专有部分，无需业主大会表决——并要求物业在充电区投用前完成消防验收。",
            "Building chargers on common ground changes the use of common parts (Art. 278 item 8) and needs three quarters. Owners on floors 1–2 of building 9 object on fire-safety grounds, but below a third of their group, so the motion passes. The owners' committee then accepts an owner's request to wire a charger at their own parking space (an exclusive part: no assembly vote needed) and asks the manager for a fire inspection before the charging area opens.",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed examples are exactly what the generator writes
    /// (`cargo xtask examples --check` does the same from the command line).
    #[test]
    fn committed_examples_are_up_to_date() {
        let files = generate_all().unwrap_or_else(|_| panic!("generation failed"));
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join("examples");
        let stale = compare(&dir, &files);
        assert!(
            stale.is_empty(),
            "regenerate with `cargo xtask examples`: {stale:?}"
        );
        for (name, bytes) in &files {
            if name.ends_with(".jsonl") {
                let text = std::str::from_utf8(bytes).expect("utf-8");
                yishi::verify_record(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            }
        }
    }
}

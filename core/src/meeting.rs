//! Meetings, motions, ballots and the incremental tallies behind results.

use crate::area::Area;
use crate::error::{err, ErrorCode, Result};
use crate::event::BlockDimension;
use crate::hash::{HashMap, HashSet};
use crate::record::CivilDate;
use crate::registry::{Registry, Selector};
use crate::rules::{AbstainRule, CommitteeDecision, NonVoters, Parking, Rules};
use crate::tally::{
    explain, Candidate, Channels, Check, CheckKind, Count, Figure, Fraction, MotionRef,
    MotionResult, Objections, Outcome, Position, PostObjection, Shortfall, Stage, Stance, Tallied,
    Threshold,
};

/// Most motions one meeting may hold.
pub const MAX_MOTIONS: usize = 1_000;
/// Most candidates one election may hold, and most seats it may fill.
pub const MAX_CANDIDATES: usize = 1_000;
/// Most motions of one meeting that carry a protection (`unanimity_of`,
/// `objection_block`, or the default group of an Art. 279 motion): each
/// draws its group from the whole registry, so this bounds a convening's
/// work and memory to a multiple of the registry's.
pub const MAX_PROTECTED_MOTIONS: usize = 64;

/// The five parties of a five-party meeting, in their customary order.
pub const PARTIES: [&str; 5] = [
    "party_branch",
    "residents_committee",
    "owners_committee",
    "property_company",
    "owner_representatives",
];

/// Which body meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Body {
    /// 业主大会.
    Assembly,
    /// 业主委员会会议.
    Committee,
    /// 五方例会.
    FiveParty,
}

impl Body {
    /// The record's name for the body.
    pub fn as_str(self) -> &'static str {
        match self {
            Body::Assembly => "assembly",
            Body::Committee => "committee",
            Body::FiveParty => "five-party",
        }
    }
}

/// What a motion decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Matter {
    /// Civil Code Art. 278, item 1 to 9.
    Art278(u8),
    /// Civil Code Art. 279: a residence turned to business use.
    Art279,
    /// Five-party coordination (a recommendation, never a decision of the owners).
    Coordination,
}

impl Matter {
    pub(crate) fn parse(s: &str) -> Result<Matter> {
        Matter::from_name(s).ok_or_else(|| {
            err(
                ErrorCode::MatterUnknown,
                format!("unknown matter \"{s}\" (278.1 … 278.9, 279, coordination)"),
            )
        })
    }

    /// Whether only the owners' assembly may decide it.
    pub fn reserved_to_assembly(self) -> bool {
        matches!(self, Matter::Art278(_) | Matter::Art279)
    }

    /// The majority an assembly needs for it.
    pub fn majority(self) -> Threshold {
        match self {
            Matter::Art278(6..=8) => Threshold::AtLeast(Fraction::THREE_QUARTERS),
            _ => Threshold::MoreThan(Fraction::HALF),
        }
    }
}

/// A ballot's value for one motion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Choice {
    Yes,
    No,
    Abstain,
    Approve(Vec<u32>),
    Support,
    Object,
}

/// The choices without data, by their code in [`Votes::Packed`] (the
/// three codes after `Object` are never written).
static PLAIN: [Choice; 8] = [
    Choice::Yes,
    Choice::No,
    Choice::Abstain,
    Choice::Support,
    Choice::Object,
    Choice::Object,
    Choice::Object,
    Choice::Object,
];

/// How many votes a ballot holds in place, without a heap vector.
const PACKED: usize = 7;

/// A ballot's votes: (motion index, choice), one per motion, in the order
/// the ballot names them (nothing depends on that order). Up to
/// [`PACKED`] votes without election approvals are held in place, so a
/// ballot costs no allocation, and replacing it no cache miss to reach
/// its votes.
#[derive(Debug, Clone)]
pub(crate) enum Votes {
    /// The first `.0` entries, each `motion << 3 | code` (code: position in [`PLAIN`]).
    Packed(u8, [u16; PACKED]),
    List(Vec<(u32, Choice)>),
}

impl Votes {
    pub(crate) fn new() -> Votes {
        Votes::Packed(0, [0; PACKED])
    }

    pub(crate) fn push(&mut self, motion: u32, choice: Choice) {
        if let Votes::Packed(n, v) = self {
            let code = match choice {
                Choice::Yes => 0,
                Choice::No => 1,
                Choice::Abstain => 2,
                Choice::Support => 3,
                Choice::Object => 4,
                Choice::Approve(_) => 8,
            };
            let k = usize::from(*n);
            // Motion indices are below MAX_MOTIONS, far below 2^13.
            match v.get_mut(k) {
                Some(slot) if code < 8 && motion < 1 << 13 => {
                    *slot = (motion << 3) as u16 | code;
                    *n += 1;
                    return;
                }
                _ => {
                    let mut list = Vec::with_capacity(k + 1);
                    for &x in v.iter().take(k) {
                        let c = match x & 7 {
                            0 => Choice::Yes,
                            1 => Choice::No,
                            2 => Choice::Abstain,
                            3 => Choice::Support,
                            _ => Choice::Object,
                        };
                        list.push((u32::from(x >> 3), c));
                    }
                    *self = Votes::List(list);
                }
            }
        }
        if let Votes::List(l) = self {
            l.push((motion, choice));
        }
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            Votes::Packed(n, _) => usize::from(*n),
            Votes::List(l) => l.len(),
        }
    }

    /// The `i`th vote (`i < len()`).
    pub(crate) fn at(&self, i: usize) -> (u32, &Choice) {
        match self {
            Votes::Packed(_, v) => (u32::from(v[i] >> 3), &PLAIN[usize::from(v[i] & 7)]),
            Votes::List(l) => (l[i].0, &l[i].1),
        }
    }

    /// The choice for motion `m`, if the ballot has one.
    pub(crate) fn get(&self, m: u32) -> Option<&Choice> {
        for i in 0..self.len() {
            let (mi, c) = self.at(i);
            if mi == m {
                return Some(c);
            }
        }
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Channel {
    Online = 0,
    Paper = 1,
}

#[derive(Debug, Clone)]
pub(crate) struct Ballot {
    pub votes: Votes,
    pub by: Option<String>,
    pub channel: Channel,
    pub reasons: Vec<(u32, String)>,
    /// The voter's area in the electorate (assembly), fixed when cast.
    pub area: Area,
}

/// A meeting's standing ballots by key (voter index, member position or
/// party index), each boxed: an open meeting of a 100,000-owner community
/// costs 0.8 MB before its first ballot, not a ~100-byte empty ballot per
/// owner.
#[derive(Debug, Clone, Default)]
pub(crate) struct BallotBox(Vec<Option<Box<Ballot>>>);

impl BallotBox {
    /// An empty box for keys `0..keys`.
    pub(crate) fn new(keys: usize) -> BallotBox {
        BallotBox(std::iter::repeat_with(|| None).take(keys).collect())
    }

    /// The standing ballot under `key`.
    pub(crate) fn get(&self, key: u32) -> Option<&Ballot> {
        self.0.get(key as usize)?.as_deref()
    }

    /// Puts `ballot` under `key` (a key in range), returning the one it
    /// replaces; a revote reuses the box.
    pub(crate) fn replace(&mut self, key: u32, ballot: Ballot) -> Option<Ballot> {
        match &mut self.0[key as usize] {
            Some(b) => Some(std::mem::replace(&mut **b, ballot)),
            slot => {
                *slot = Some(Box::new(ballot));
                None
            }
        }
    }

    /// Takes the standing ballot under `key` away (voided).
    pub(crate) fn take(&mut self, key: u32) -> Option<Ballot> {
        self.0.get_mut(key as usize)?.take().map(|b| *b)
    }

    /// The standing ballots with their keys, in key order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (u32, &Ballot)> {
        self.0
            .iter()
            .enumerate()
            .filter_map(|(k, b)| Some((k as u32, b.as_deref()?)))
    }
}

/// Owners selected by a protection selector, with their area in the selection.
#[derive(Debug, Clone, Default)]
pub(crate) struct Group {
    pub members: HashMap<u32, Area>,
    pub total: Figure,
    /// Members outside the meeting's electorate (a `unanimity_of` group
    /// reaching beyond the meeting's scope): they cannot vote in it.
    pub outside: u64,
}

#[derive(Debug, Clone)]
pub(crate) struct ObjectionRule {
    pub group: Group,
    /// The group in words (zh, en).
    pub names: (String, String),
    pub share: Fraction,
    pub both: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Election {
    pub seats: u64,
    pub candidates: Vec<String>,
    /// Positions in `candidates`, in the order of their names.
    pub by_name: Vec<usize>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct MotionTally {
    pub yes: Figure,
    pub no: Figure,
    pub abstain: Figure,
    /// Election: owners who returned a list of approvals.
    pub cast: Figure,
    pub approvals: Vec<Figure>,
    /// Members of the unanimity group voting yes.
    pub consenting: u64,
    /// Ballots holding a value for the motion, online and on paper.
    pub channels: [u64; 2],
}

#[derive(Debug, Clone)]
pub(crate) struct Motion {
    pub id: String,
    pub title: Option<String>,
    pub matter: Option<Matter>,
    pub election: Option<Election>,
    pub unanimity: Option<Group>,
    pub objection: Option<ObjectionRule>,
    pub refers_to: Option<MotionRef>,
    pub tally: MotionTally,
    pub objectors: HashSet<u32>,
    pub objected: Figure,
    pub post: Vec<PostObjection>,
    /// Owners who objected in time but are outside the protected group of
    /// the motion's `objection_block`, or whose motion has none: recorded,
    /// not counted.
    pub uncounted_objections: u64,
}

#[derive(Debug, Clone)]
pub(crate) struct Meeting {
    pub id: String,
    pub body: Body,
    pub rules: Rules,
    pub opens_at: i128,
    pub closes_at: i128,
    pub motions: Vec<Motion>,
    pub motion_index: HashMap<String, u32>,
    /// Assembly: area in scope by voter index (zero: not in the electorate).
    pub electorate: Vec<Area>,
    pub total: Figure,
    /// Committee: sitting members, owner index → member position (the key
    /// of their ballots and presence).
    pub members: HashMap<u32, u32>,
    pub parties: HashMap<String, String>,
    /// Present members (position in `members`) or parties (index in [`PARTIES`]).
    pub present: Option<HashSet<u32>>,
    /// Ballots by key: voter index (assembly; as long as `electorate`),
    /// member position (committee) or party index (five-party).
    pub ballots: BallotBox,
    /// Principal's voter index → agent.
    pub proxies: HashMap<u32, String>,
    pub load: HashMap<String, u64>,
    /// Position (`seq`) of the `meeting.closed` event, once there is one.
    pub closed: Option<u64>,
    pub declared_on: Option<crate::record::CivilDate>,
    /// Position (`seq`) of the meeting's first `result.declared` event.
    pub declared_at: Option<u64>,
    /// Facts of the convening every result of the meeting repeats (a short
    /// assembly notice, a convening recorded after voting opened).
    pub warnings: Vec<String>,
    /// Ballots voided while the meeting was open, and after it closed.
    pub voided: [u64; 2],
    /// Online ballots replaced by a paper ballot (entered by the organiser).
    pub paper_over_online: u64,
    /// `meeting.closed` came before `closes_at`.
    pub closed_early: bool,
}

pub(crate) fn build_group(
    reg: &Registry,
    counted: &dyn Fn(&crate::registry::Unit) -> bool,
    sel: &Selector,
) -> Group {
    let mut g = Group::default();
    for u in reg.units() {
        if counted(u) && sel.matches(u) {
            *g.members.entry(u.voter).or_default() += u.area();
        }
    }
    g.total = Figure::new(g.members.len() as u64, g.members.values().copied().sum());
    g
}

impl Meeting {
    pub(crate) fn counted_unit<'a>(
        rules: &'a Rules,
        scope: Option<&'a Selector>,
    ) -> impl Fn(&crate::registry::Unit) -> bool + 'a {
        move |u| {
            scope.is_none_or(|s| s.matches(u))
                && !(rules.parking == Parking::Excluded
                    && u.usage() == crate::registry::Use::Parking)
        }
    }

    pub(crate) fn motion(&self, id: &str) -> Result<u32> {
        // A handful of motions is the rule: a scan beats hashing the id.
        let found = if self.motions.len() <= 16 {
            self.motions
                .iter()
                .position(|m| crate::json::same(&m.id, id))
                .map(|i| i as u32)
        } else {
            self.motion_index.get(id).copied()
        };
        found.ok_or_else(|| {
            err(
                ErrorCode::MotionUnknown,
                format!("meeting \"{}\" has no motion \"{id}\"", self.id),
            )
        })
    }

    /// Whether `agent` holds `principal`'s place under the proxy cap: by a
    /// grant, or by a ballot it cast for the principal that still stands
    /// (spec §2: the most principals one agent may hold *in one meeting*;
    /// revoking a grant after voting does not free the place).
    pub(crate) fn holds(&self, principal: u32, agent: &str) -> bool {
        self.proxies.get(&principal).is_some_and(|a| a == agent)
            || self.ballot(principal).and_then(|b| b.by.as_deref()) == Some(agent)
    }

    /// The standing ballot under `key`, if any.
    pub(crate) fn ballot(&self, key: u32) -> Option<&Ballot> {
        self.ballots.get(key)
    }

    /// The standing ballots with their keys, in key order.
    pub(crate) fn standing(&self) -> impl Iterator<Item = (u32, &Ballot)> {
        self.ballots.iter()
    }

    /// Frees `agent`'s place for `principal` after a change (a grant moved
    /// or revoked, its ballot replaced or voided), unless it still holds it.
    pub(crate) fn release(&mut self, principal: u32, agent: &str) {
        if !self.holds(principal, agent) {
            if let Some(l) = self.load.get_mut(agent) {
                *l -= 1;
            }
        }
    }

    /// The warnings of motion `m`'s result: the meeting's, and the ballots
    /// on `m` left out for want of presence.
    fn warnings(&self, m: u32) -> Vec<String> {
        let mut w = self.warnings.clone();
        let [during, after] = self.voided;
        if during + after > 0 {
            w.push(format!(
                "voided ballots of this meeting: {}, {after} of them after voting closed",
                during + after
            ));
        }
        if self.paper_over_online > 0 {
            w.push(format!(
                "online ballots replaced by paper ballots entered by the organiser: {}",
                self.paper_over_online
            ));
        }
        if self.closed_early {
            w.push("voting was closed before closes_at".into());
        }
        if let Some(present) = &self.present {
            let absent = self
                .standing()
                .filter(|(k, b)| !present.contains(k) && b.votes.get(m).is_some())
                .count();
            if absent > 0 {
                w.push(format!(
                    "ballots from members not recorded as present, not counted: {absent}"
                ));
            }
        }
        w
    }

    /// Adds (`sign = true`) or removes a ballot's contribution to the running tallies.
    pub(crate) fn contribute(&mut self, voter: u32, ballot: &Ballot, add: bool) {
        let ch = ballot.channel as usize;
        for i in 0..ballot.votes.len() {
            let (m, _) = ballot.votes.at(i);
            let c = &mut self.motions[m as usize].tally.channels[ch];
            *c = if add { *c + 1 } else { *c - 1 };
        }
        if self.body != Body::Assembly {
            return;
        }
        let fig = Figure::one(ballot.area);
        let apply = |t: &mut Figure| {
            if add {
                *t += fig
            } else {
                *t -= fig
            }
        };
        for i in 0..ballot.votes.len() {
            let (m, choice) = ballot.votes.at(i);
            let motion = &mut self.motions[m as usize];
            let in_group = motion
                .unanimity
                .as_ref()
                .is_some_and(|g| g.members.contains_key(&voter));
            let t = &mut motion.tally;
            match choice {
                Choice::Yes => {
                    apply(&mut t.yes);
                    if in_group {
                        if add {
                            t.consenting += 1
                        } else {
                            t.consenting -= 1
                        }
                    }
                }
                Choice::No => apply(&mut t.no),
                Choice::Abstain => apply(&mut t.abstain),
                Choice::Approve(list) => {
                    apply(&mut t.cast);
                    for c in list {
                        apply(&mut t.approvals[*c as usize]);
                    }
                }
                Choice::Support | Choice::Object => {}
            }
        }
    }

    /// Frees what only the voting needed once an assembly result is declared:
    /// per-voter maps go, the running tallies and totals stay, so memory is
    /// bounded by the meetings still open, not by every ballot ever cast.
    pub(crate) fn compact(&mut self) {
        if self.body != Body::Assembly {
            return;
        }
        self.ballots = BallotBox::default();
        self.proxies = HashMap::default();
        self.load = HashMap::default();
        self.electorate = Vec::new();
        for motion in &mut self.motions {
            if let Some(g) = &mut motion.unanimity {
                g.members = HashMap::default();
            }
            if let Some(o) = &mut motion.objection {
                o.group.members = HashMap::default();
            }
            motion.objectors = HashSet::default();
        }
    }

    /// Whether the meeting still takes ballots, as of instant `now`.
    pub(crate) fn is_open(&self, now: i128) -> bool {
        self.closed.is_none() && now < self.closes_at
    }

    /// The motion with an `objection_block` whose objections may still come
    /// as of `now` (they count until `closes_at`, spec §2, even after an
    /// early close): until then the meeting's results are not final.
    pub(crate) fn objections_open(&self, now: i128) -> Option<&Motion> {
        (now < self.closes_at)
            .then(|| self.motions.iter().find(|x| x.objection.is_some()))
            .flatten()
    }

    /// Every motion's result as of `now`, in motion order.
    pub(crate) fn results(&self, now: i128) -> impl Iterator<Item = MotionResult> + '_ {
        (0..self.motions.len() as u32).map(move |i| self.result(i, now))
    }

    pub(crate) fn result(&self, m: u32, now: i128) -> MotionResult {
        self.result_with(m, now, true)
    }

    /// [`Meeting::result`], with its post-result objections only when
    /// `post`: a declaration that does not name them is checked without
    /// copying a list that grows with every objection after the close.
    pub(crate) fn result_with(&self, m: u32, now: i128, post: bool) -> MotionResult {
        let motion = &self.motions[m as usize];
        let provisional = self.is_open(now) || self.objections_open(now).is_some();
        let mut r = MotionResult {
            meeting: self.id.clone(),
            motion: motion.id.clone(),
            title: motion.title.clone(),
            body: self.body,
            matter: motion.matter,
            outcome: Outcome::Failed,
            provisional,
            electorate: Tallied::Figure(self.total),
            participating: Tallied::Figure(Figure::ZERO),
            yes: Tallied::Figure(Figure::ZERO),
            no: Tallied::Figure(Figure::ZERO),
            abstain: Tallied::Figure(Figure::ZERO),
            checks: Vec::new(),
            short: None,
            warnings: self.warnings(m),
            explanation: crate::tally::Explanation {
                zh: String::new(),
                en: String::new(),
            },
            elected: None,
            tied: None,
            open_seats: None,
            candidates: None,
            present: None,
            positions: None,
            objections: None,
            post_result_objections: if post {
                motion.post.clone()
            } else {
                Vec::new()
            },
            channels: Channels::default(),
            revocation_deadline: None,
            refers_to: motion.refers_to.clone(),
        };
        let (lead_zh, lead_en, mut extra_zh, mut extra_en) = match self.body {
            Body::Assembly => self.assembly_result(motion, &mut r),
            Body::Committee => self.committee_result(motion, &mut r),
            Body::FiveParty => self.five_party_result(motion, &mut r),
        };
        if motion.uncounted_objections > 0 {
            // One per owner, however often they objected.
            let who = if motion.objection.is_some() {
                "owners outside the protected group who objected"
            } else {
                "owners who objected to a motion without an objection_block"
            };
            r.warnings.push(format!(
                "{who}, recorded but not counted: {}",
                motion.uncounted_objections
            ));
        }
        let [online, paper] = motion.tally.channels;
        r.channels = Channels { online, paper };
        if paper > 0 {
            extra_zh.push(format!(
                "收到的有效{}中，线上 {online} 份，纸质 {paper} 份（由组织者录入）。",
                if self.body == Body::FiveParty {
                    "各方意见"
                } else {
                    "表决票"
                }
            ));
            extra_en.push(format!(
                "Ballots received: {online} online, {paper} on paper (entered by the organiser)."
            ));
        }
        let adopted = matches!(r.outcome, Outcome::Passed | Outcome::Elected | Outcome::Tie);
        // CC 280(2): the decisions of the assembly and of the committee may
        // be revoked; a five-party meeting only recommends.
        if self.body != Body::FiveParty && !provisional && adopted {
            if let Some(d) = self.declared_on {
                r.revocation_deadline = one_year_after(d);
            }
        }
        r.explanation = explain(
            r.outcome,
            provisional,
            (&lead_zh, &lead_en),
            &r.checks,
            r.short.as_ref(),
            (&extra_zh, &extra_en),
        );
        r
    }

    fn assembly_result(
        &self,
        motion: &Motion,
        r: &mut MotionResult,
    ) -> (String, String, Vec<String>, Vec<String>) {
        let t = &motion.tally;
        let rules = &self.rules;
        let matter = motion.matter.unwrap_or(Matter::Art278(9));
        let (mut xz, mut xe) = (Vec::new(), Vec::new());
        let abstain_in = rules.abstain == AbstainRule::Participates;
        let voted = if motion.election.is_some() {
            t.cast
        } else {
            t.yes + t.no
        } + t.abstain;
        let part = if motion.election.is_some() {
            t.cast
        } else {
            t.yes + t.no
        } + if abstain_in { t.abstain } else { Figure::ZERO };
        r.participating = Tallied::Figure(part);
        r.yes = Tallied::Figure(t.yes);
        r.no = Tallied::Figure(t.no);
        r.abstain = Tallied::Figure(t.abstain);
        let remaining = self.total.saturating_sub(voted);
        let quorum_t = Threshold::AtLeast(Fraction::TWO_THIRDS);
        let tier = matter.majority();
        let tier_zh = if tier == Threshold::MoreThan(Fraction::HALF) {
            "过半数"
        } else {
            "四分之三以上"
        };
        let tier_en = if tier == Threshold::MoreThan(Fraction::HALF) {
            "more than half"
        } else {
            "three quarters or more"
        };
        let quorum_short = |checks: &[Check; 2]| -> Option<Shortfall> {
            if checks.iter().all(|c| c.held) {
                return None;
            }
            let heads = quorum_t
                .shortfall(part.heads, self.total.heads, false)
                .unwrap_or(u64::MAX);
            let area = Area::from_hundredths(
                quorum_t
                    .shortfall(part.area.hundredths(), self.total.area.hundredths(), false)
                    .unwrap_or(u64::MAX),
            );
            Some(Shortfall {
                stage: Stage::Quorum,
                heads,
                area,
                reachable: heads <= remaining.heads && area <= remaining.area,
            })
        };

        Self::protection_warnings(motion, r);
        if matter == Matter::Art279 {
            // No quorum or majority; an objection block still applies (§3:
            // `blocked` comes before `failed`).
            let blocked = Self::objection_block(motion, r, &mut xz, &mut xe);
            let group = motion.unanimity.as_ref();
            let heads = group.map_or(0, |g| g.total.heads);
            let c = Check::count(CheckKind::Unanimity, t.consenting, heads, Threshold::All);
            if let Some(g) = group {
                Self::outside_note(g, &mut xz, &mut xe);
            }
            r.outcome = if blocked {
                Outcome::Blocked
            } else if c.held {
                Outcome::Passed
            } else {
                Outcome::Failed
            };
            r.checks.push(c);
            return (
                "《民法典》第二百七十九条：住宅改为经营性用房须经有利害关系的业主一致同意，不适用多数决".into(),
                "Civil Code Art. 279: turning a residence to business use needs the consent of every interested owner; no majority vote applies".into(),
                xz,
                xe,
            );
        }

        let q = Check::pair(CheckKind::Quorum, part, self.total, quorum_t);
        let quorum_ok = q.iter().all(|c| c.held);
        r.checks.extend(q.iter().cloned());

        if let Some(e) = &motion.election {
            let mut cands: Vec<(usize, Figure, bool)> = e
                .candidates
                .iter()
                .enumerate()
                .map(|(i, _)| {
                    let f = t.approvals[i];
                    let pair = Check::pair(CheckKind::Election, f, part, tier);
                    let passed = pair.iter().all(|c| c.held);
                    for mut c in pair {
                        c.subject = Some(e.candidates[i].clone());
                        r.checks.push(c);
                    }
                    (i, f, passed)
                })
                .collect();
            crate::order::sort_by(&mut cands, |a, b| {
                b.2.cmp(&a.2)
                    .then(b.1.heads.cmp(&a.1.heads))
                    .then(b.1.area.cmp(&a.1.area))
                    .then(a.0.cmp(&b.0))
            });
            r.candidates = Some(
                cands
                    .iter()
                    .map(|(i, f, p)| Candidate {
                        id: e.candidates[*i].clone(),
                        heads: f.heads,
                        area: f.area,
                        passed: *p && quorum_ok,
                    })
                    .collect(),
            );
            let passing: Vec<&(usize, Figure, bool)> = cands.iter().filter(|c| c.2).collect();
            let seats = e.seats as usize;
            let name = |c: &&(usize, Figure, bool)| e.candidates[c.0].clone();
            let (elected, tied): (Vec<String>, Vec<String>) = if !quorum_ok {
                r.outcome = Outcome::NoQuorum;
                r.short = quorum_short(&q);
                (vec![], vec![])
            } else if passing.len() <= seats {
                r.outcome = Outcome::Elected;
                (passing.iter().map(name).collect(), vec![])
            } else {
                let last = passing[seats - 1].1;
                if passing[seats].1 == last {
                    r.outcome = Outcome::Tie;
                    (
                        passing
                            .iter()
                            .filter(|c| {
                                c.1 != last && (c.1.heads, c.1.area) > (last.heads, last.area)
                            })
                            .map(name)
                            .collect(),
                        passing.iter().filter(|c| c.1 == last).map(name).collect(),
                    )
                } else {
                    r.outcome = Outcome::Elected;
                    (passing[..seats].iter().map(name).collect(), vec![])
                }
            };
            r.open_seats = Some(e.seats - elected.len() as u64);
            if r.outcome == Outcome::Tie {
                xz.push(format!(
                    "候选人 {} 在末位同票，不作随机决定，{} 个席位待补选。",
                    crate::order::join(&tied, "、"),
                    e.seats - elected.len() as u64
                ));
                xe.push(format!("Candidates {} tie at the last seat; no random tie-break: {} seat(s) stay open.", crate::order::join(&tied, ", "), e.seats - elected.len() as u64));
            } else if quorum_ok {
                xz.push(format!(
                    "当选：{}。",
                    if elected.is_empty() {
                        "无".to_string()
                    } else {
                        crate::order::join(&elected, "、")
                    }
                ));
                xe.push(format!(
                    "Elected: {}.",
                    if elected.is_empty() {
                        "none".to_string()
                    } else {
                        crate::order::join(&elected, ", ")
                    }
                ));
                if elected.len() < seats {
                    xz.push(format!("{} 个席位空缺。", seats - elected.len()));
                    xe.push(format!("{} seat(s) open.", seats - elected.len()));
                }
            }
            r.elected = Some(elected);
            r.tied = Some(tied);
            return (
                format!("《民法典》第二百七十八条第三项，每名候选人须获参与表决的专有部分面积及人数{tier_zh}同意"),
                format!("Civil Code Art. 278 item 3; each candidate needs {tier_en} of participating area and owners"),
                xz,
                xe,
            );
        }

        let blocked = Self::objection_block(motion, r, &mut xz, &mut xe);

        // Majority, with non-voters following the majority where the rules say so.
        let (mut yes_eff, mut part_eff) = (t.yes, part);
        if rules.non_voters == NonVoters::FollowMajority {
            let cast = t.yes + t.no;
            let yes_major = 2 * t.yes.heads > cast.heads
                && 2 * t.yes.area.hundredths() > cast.area.hundredths();
            let no_major =
                2 * t.no.heads > cast.heads && 2 * t.no.area.hundredths() > cast.area.hundredths();
            if yes_major || no_major {
                part_eff += remaining;
                if yes_major {
                    yes_eff += remaining;
                }
                let side = if yes_major {
                    ("同意", "yes")
                } else {
                    ("反对", "no")
                };
                xz.push(format!(
                    "依议事规则，未表决的 {} 名业主（{} m²）计入多数意见（{}）；此计法是否符合《民法典》第二百七十八条存在争议。",
                    remaining.heads, remaining.area, side.0
                ));
                xe.push(format!("Under the rules of procedure, {} owners ({} m²) who did not vote are counted with the majority ({}).", remaining.heads, remaining.area, side.1));
            }
            r.warnings.push(
                "non_voters: follow_majority (指导规则 Art. 26) is in the rules; its validity under Civil Code Art. 278 is disputed".into(),
            );
        }
        let maj = Check::pair(CheckKind::Majority, yes_eff, part_eff, tier);
        let maj_ok = maj.iter().all(|c| c.held);
        r.checks.extend(maj.iter().cloned());
        let mut unan_ok = true;
        if let Some(g) = &motion.unanimity {
            let c = Check::count(
                CheckKind::Unanimity,
                t.consenting,
                g.total.heads,
                Threshold::All,
            );
            unan_ok = c.held;
            r.checks.push(c);
            Self::outside_note(g, &mut xz, &mut xe);
        }
        r.outcome = if !quorum_ok {
            r.short = quorum_short(&q);
            Outcome::NoQuorum
        } else if blocked {
            Outcome::Blocked
        } else if !(maj_ok && unan_ok) {
            if !maj_ok {
                let heads = tier
                    .shortfall(yes_eff.heads, part_eff.heads, true)
                    .unwrap_or(u64::MAX);
                let area = Area::from_hundredths(
                    tier.shortfall(yes_eff.area.hundredths(), part_eff.area.hundredths(), true)
                        .unwrap_or(u64::MAX),
                );
                r.short = Some(Shortfall {
                    stage: Stage::Majority,
                    heads,
                    area,
                    reachable: heads <= remaining.heads && area <= remaining.area,
                });
            }
            Outcome::Failed
        } else {
            Outcome::Passed
        };
        let item = match matter {
            Matter::Art278(i) => i,
            _ => 9,
        };
        (
            format!("《民法典》第二百七十八条第一款第{}项：须由专有部分面积占比三分之二以上且人数占比三分之二以上的业主参与表决，并经参与表决的专有部分面积及人数均{tier_zh}的业主同意", zh_num(item)),
            format!("Civil Code Art. 278 item {item}: two thirds of area and of owners must take part, and {tier_en} of participants must agree, by area and by headcount"),
            xz,
            xe,
        )
    }

    /// What a motion's protections leave unseen in its figures: objections
    /// that do not count, and a protected group that selects nobody, whose
    /// test is vacuous (a unanimity holds on 0 of 0, an objection block can
    /// never block). The spec allows both (an applicant alone in its
    /// building), so neither is an error, but the result says so.
    fn protection_warnings(motion: &Motion, r: &mut MotionResult) {
        if motion
            .unanimity
            .as_ref()
            .is_some_and(|g| g.total.heads == 0)
        {
            r.warnings
                .push("the unanimity group is empty: it holds on 0 of 0".into());
        }
        if motion
            .objection
            .as_ref()
            .is_some_and(|o| o.group.total.heads == 0)
        {
            r.warnings
                .push("the objection_block group is empty: nothing can block".into());
        }
    }

    /// The motion's `objection_block` (spec §3), if it has one: its checks
    /// and explanation are added to `r`, `xz` and `xe`; true when the
    /// objections filed block the motion.
    fn objection_block(
        motion: &Motion,
        r: &mut MotionResult,
        xz: &mut Vec<String>,
        xe: &mut Vec<String>,
    ) -> bool {
        let Some(o) = &motion.objection else {
            return false;
        };
        let th = Threshold::AtLeast(o.share);
        let pair = Check::pair(
            CheckKind::ObjectionBlock,
            motion.objected,
            o.group.total,
            th,
        );
        // No objection, no block (an empty group has nobody to object).
        let blocked = motion.objected.heads > 0
            && if o.both {
                pair.iter().all(|c| c.held)
            } else {
                pair.iter().any(|c| c.held)
            };
        r.objections = Some(Objections {
            heads: motion.objected.heads,
            area: motion.objected.area,
            group: o.group.total,
            share: o.share,
            dimension: if o.both {
                BlockDimension::Both
            } else {
                BlockDimension::Either
            },
        });
        r.checks.extend(pair);
        let (dz, de) = if o.both {
            ("面积和人数均", "in both area and headcount")
        } else {
            ("面积或人数任一", "in area or in headcount")
        };
        let area_pct = percent(
            motion.objected.area.hundredths(),
            o.group.total.area.hundredths(),
        );
        let head_pct = percent(motion.objected.heads, o.group.total.heads);
        xz.push(format!(
            "受保护群体（{}）共 {} 名业主、{} m²；提出正式异议的 {} 名业主、{} m²，占面积 {}%、人数 {}%（向下取整）；依议事规则，异议{}达到 {} 即阻止通过{}。",
            o.names.0,
            o.group.total.heads,
            o.group.total.area,
            motion.objected.heads,
            motion.objected.area,
            area_pct,
            head_pct,
            dz,
            o.share,
            if blocked { "，本议题因此未能通过" } else { "，本次未达到" }
        ));
        xe.push(format!(
            "The protected group ({}) holds {} owner{} and {} m²; {} owner{} with {} m² filed formal objections, {}% of the area and {}% of the owners (rounded down); objections reaching {} {} block the motion{}.",
            o.names.1,
            o.group.total.heads,
            plural(o.group.total.heads),
            o.group.total.area,
            motion.objected.heads,
            plural(motion.objected.heads),
            motion.objected.area,
            area_pct,
            head_pct,
            o.share,
            de,
            if blocked { ", so it is blocked" } else { "; they did not" }
        ));
        blocked
    }

    /// Says so when owners whose consent is required hold no unit in the
    /// meeting's scope: they cannot vote in it, so it cannot have their yes.
    fn outside_note(g: &Group, xz: &mut Vec<String>, xe: &mut Vec<String>) {
        if g.outside == 0 {
            return;
        }
        xz.push(format!(
            "须一致同意的业主中有 {} 名在本次会议范围内没有计入的专有部分，不能在本次会议表决，因此本次会议无法取得其同意。",
            g.outside
        ));
        xe.push(format!(
            "{} of the owners whose consent is required hold no counted unit in this meeting's scope and cannot vote in it, so it cannot obtain their consent.",
            g.outside
        ));
    }

    fn present_set(&self) -> HashSet<u32> {
        match &self.present {
            Some(p) => p.clone(),
            None => self.standing().map(|(k, _)| k).collect(),
        }
    }

    fn count_present(&self, m: u32, present: &HashSet<u32>) -> (u64, u64, u64) {
        let (mut y, mut n, mut a) = (0, 0, 0);
        for (voter, b) in self.standing() {
            if !present.contains(&voter) {
                continue;
            }
            if let Some(c) = b.votes.get(m) {
                match c {
                    Choice::Yes | Choice::Support => y += 1,
                    Choice::No | Choice::Object => n += 1,
                    Choice::Abstain => a += 1,
                    Choice::Approve(_) => {}
                }
            }
        }
        (y, n, a)
    }

    /// Heads taking part in a committee or five-party vote: with the rules'
    /// `abstain: excluded`, abstentions are not among them (spec §2: they
    /// enter no participation figure), as in an assembly. Neither body's
    /// outcome depends on it.
    fn taking_part(&self, yes: u64, no: u64, abstain: u64) -> u64 {
        match self.rules.abstain {
            AbstainRule::Participates => yes + no + abstain,
            AbstainRule::Excluded => yes + no,
        }
    }

    fn committee_result(
        &self,
        motion: &Motion,
        r: &mut MotionResult,
    ) -> (String, String, Vec<String>, Vec<String>) {
        let m = self.motion_index[&motion.id];
        let members = self.members.len() as u64;
        let present = self.present_set();
        let (y, n, a) = self.count_present(m, &present);
        let cnt = |h| Tallied::Count(Count { heads: h });
        r.electorate = cnt(members);
        r.participating = cnt(self.taking_part(y, n, a));
        r.yes = cnt(y);
        r.no = cnt(n);
        r.abstain = cnt(a);
        r.present = Some(present.len() as u64);
        let q = Check::count(
            CheckKind::CommitteeQuorum,
            present.len() as u64,
            members,
            Threshold::MoreThan(Fraction::HALF),
        );
        let (th, tz, te) = match self.rules.committee_decision {
            CommitteeDecision::HalfOrMoreOfMembers => (
                Threshold::AtLeast(Fraction::HALF),
                "全体委员半数以上",
                "at least half of all members",
            ),
            CommitteeDecision::MoreThanHalfOfMembers => (
                Threshold::MoreThan(Fraction::HALF),
                "全体委员过半数",
                "more than half of all members",
            ),
        };
        let d = Check::count(CheckKind::CommitteeDecision, y, members, th);
        r.outcome = if !q.held {
            Outcome::NoQuorum
        } else if d.held {
            Outcome::Passed
        } else {
            Outcome::Failed
        };
        r.checks = vec![q, d];
        (
            format!("业主委员会会议：过半数委员出席，{tz}同意；不得委托表决"),
            format!(
                "owners' committee: more than half of members present, {te} in favour; no proxies"
            ),
            vec![],
            vec![],
        )
    }

    fn five_party_result(
        &self,
        motion: &Motion,
        r: &mut MotionResult,
    ) -> (String, String, Vec<String>, Vec<String>) {
        let m = self.motion_index[&motion.id];
        let present = self.present_set();
        let (y, n, a) = self.count_present(m, &present);
        let cnt = |h| Tallied::Count(Count { heads: h });
        r.electorate = cnt(PARTIES.len() as u64);
        r.participating = cnt(self.taking_part(y, n, a));
        r.yes = cnt(y);
        r.no = cnt(n);
        r.abstain = cnt(a);
        r.present = Some(present.len() as u64);
        let mut positions = Vec::new();
        for (voter, b) in self.standing() {
            if let Some(c) = b.votes.get(m) {
                let position = match c {
                    Choice::Support => Stance::Support,
                    Choice::Object => Stance::Object,
                    _ => Stance::Abstain,
                };
                let party = PARTIES[voter as usize];
                positions.push((
                    party.to_owned(),
                    Position {
                        position,
                        reason: b
                            .reasons
                            .iter()
                            .find(|(i, _)| *i == m)
                            .map(|(_, r)| r.clone()),
                        present: present.contains(&voter),
                        representative: self.parties.get(party).cloned(),
                    },
                ));
            }
        }
        crate::order::sort_by_key(&mut positions, |(party, _)| {
            PARTIES.iter().position(|p| p == party)
        });
        r.positions = Some(crate::tally::Positions(positions));
        let quorum = Fraction::new(self.rules.five_party_quorum, PARTIES.len() as u64)
            .expect("quorum 1..=5");
        let q = Check::count(
            CheckKind::FivePartyQuorum,
            present.len() as u64,
            PARTIES.len() as u64,
            Threshold::AtLeast(quorum),
        );
        let o = Check::count(
            CheckKind::Objecting,
            n,
            present.len() as u64,
            Threshold::Zero,
        );
        let s = Check::count(
            CheckKind::Supporting,
            y,
            present.len() as u64,
            Threshold::AtLeastOne,
        );
        r.outcome = if !q.held {
            Outcome::NoQuorum
        } else if o.held && s.held {
            Outcome::Agreed
        } else {
            Outcome::NotAgreed
        };
        r.checks = vec![q, o, s];
        let (mut xz, mut xe) = (
            vec!["五方例会的结论是协调建议，不改变业主大会的表决结果；属于《民法典》第二百七十八条的事项仍须由业主大会决定。".to_string()],
            vec!["A five-party outcome is a recommendation: it never changes an assembly result, and Art. 278 matters still go to the owners' assembly.".to_string()],
        );
        if let Some(rf) = &motion.refers_to {
            xz.push(format!(
                "本议题调解业主大会 {} 的议题 {}。",
                rf.meeting, rf.motion
            ));
            xe.push(format!(
                "It mediates motion {} of assembly meeting {}.",
                rf.motion, rf.meeting
            ));
        }
        (
            "五方例会：出席方中无反对且至少一方支持即为协商一致".into(),
            "five-party meeting: agreed when no present party objects and at least one supports"
                .into(),
            std::mem::take(&mut xz),
            std::mem::take(&mut xe),
        )
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn zh_num(i: u8) -> &'static str {
    ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"][i as usize % 10]
}

/// The last day of a one-year period starting on `d` (Civil Code Arts. 201–203):
/// the same day a year later, or the month's last day when that day does not exist.
/// `None` past the year 9999.
pub fn one_year_after(d: CivilDate) -> Option<CivilDate> {
    // Tested before adding: `i32::MAX + 1` would overflow.
    if d.year >= 9999 {
        return None;
    }
    let year = d.year + 1;
    let day = d.day.min(crate::record::days_in_month(year, d.month));
    Some(CivilDate {
        year,
        month: d.month,
        day,
    })
}

/// `n / d` as a percentage with two decimals, rounded down (`"0.00"` when
/// `d` is 0), exactly for any `u64` figures: the whole part by `u64`
/// division, then each of the four digits after it by at most nine
/// subtractions of `d` from ten times the remainder (no 128-bit division,
/// whose runtime routine is ~0.7 KB of the wasm module).
fn percent(n: u64, d: u64) -> String {
    let Some(whole) = n.checked_div(d) else {
        return "0.00".to_string();
    };
    let (d, mut rest, mut digits) = (u128::from(d), u128::from(n % d), 0u64);
    for _ in 0..4 {
        rest *= 10;
        let mut digit = 0;
        while rest >= d {
            rest -= d;
            digit += 1;
        }
        digits = digits * 10 + digit;
    }
    // The percentage's whole part is `whole * 100 + digits / 100`, written
    // without forming that product (it may not fit in a u64).
    let (high, low) = (digits / 100, digits % 100);
    if whole == 0 {
        format!("{high}.{low:02}")
    } else {
        format!("{whole}{high:02}.{low:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn date(year: i32, month: u8, day: u8) -> CivilDate {
        CivilDate { year, month, day }
    }

    /// Percentages of a protected group are cut (never rounded) at the
    /// hundredth, exactly, for figures of any size.
    #[test]
    fn percentages_are_cut_at_the_hundredth() {
        assert_eq!(percent(1, 3), "33.33");
        assert_eq!(percent(2, 3), "66.66");
        assert_eq!(percent(1, 1), "100.00");
        assert_eq!(percent(0, 7), "0.00");
        assert_eq!(percent(5, 0), "0.00");
        assert_eq!(percent(1, 10_000), "0.01");
        assert_eq!(percent(9_999, 1_000_000), "0.99");
        assert_eq!(percent(3, 2), "150.00");
        assert_eq!(percent(u64::MAX - 1, u64::MAX), "99.99");
        assert_eq!(percent(u64::MAX, 1), "1844674407370955161500.00");
        assert_eq!(
            percent(u64::MAX, 7),
            format!(
                "{}.{:02}",
                u128::from(u64::MAX) * 100 / 7,
                u128::from(u64::MAX) * 10_000 / 7 % 100
            )
        );
    }

    proptest::proptest! {
        /// The digit-by-digit percentage agrees with 128-bit arithmetic.
        #[test]
        fn percentages_agree_with_wide_division(
            n in proptest::prelude::any::<u64>(),
            d in 1..=u64::MAX,
        ) {
            let hundredths = u128::from(n) * 10_000 / u128::from(d);
            let want = format!("{}.{:02}", hundredths / 100, hundredths % 100);
            proptest::prop_assert_eq!(percent(n, d), want);
        }
    }

    /// The ballot box gives back what it holds by key, in key order: a
    /// revote returns the ballot it replaces, a voided key is empty and
    /// may cast again.
    #[test]
    fn the_ballot_box_holds_one_ballot_per_key() {
        let ballot = |area: u64| Ballot {
            votes: Votes::new(),
            by: None,
            channel: Channel::Online,
            reasons: Vec::new(),
            area: Area::from_hundredths(area),
        };
        let mut b = BallotBox::new(5);
        let areas = |b: &BallotBox| -> Vec<(u32, u64)> {
            b.iter().map(|(k, x)| (k, x.area.hundredths())).collect()
        };
        assert!(b.replace(3, ballot(30)).is_none());
        assert!(b.replace(1, ballot(10)).is_none());
        assert_eq!(areas(&b), [(1, 10), (3, 30)]);
        assert_eq!(
            b.replace(3, ballot(31)).map(|x| x.area.hundredths()),
            Some(30)
        );
        assert_eq!(b.get(3).map(|x| x.area.hundredths()), Some(31));
        assert_eq!(b.take(1).map(|x| x.area.hundredths()), Some(10));
        assert!(b.get(1).is_none() && b.take(1).is_none() && b.get(0).is_none());
        assert!(b.get(5).is_none() && b.take(9).is_none());
        assert!(b.replace(1, ballot(11)).is_none());
        assert_eq!(areas(&b), [(1, 11), (3, 31)]);
    }

    #[test]
    fn votes_keep_what_was_pushed_packed_or_not() {
        let plain = [
            Choice::Yes,
            Choice::No,
            Choice::Abstain,
            Choice::Support,
            Choice::Object,
        ];
        let approve = |i| Choice::Approve(vec![i, i + 1]);
        let cases: Vec<Vec<(u32, Choice)>> = vec![
            vec![],
            (0..7)
                .map(|i| (6 - i, plain[i as usize % 5].clone()))
                .collect(),
            (0..8).map(|i| (i, plain[i as usize % 5].clone())).collect(),
            vec![(2, Choice::Yes), (0, approve(3)), (1, Choice::Object)],
            vec![(0, approve(0))],
            vec![
                (999, Choice::No),
                (5000, Choice::Yes),
                (8192, Choice::Abstain),
            ],
            (0..1000)
                .map(|i| (i, plain[i as usize % 5].clone()))
                .collect(),
        ];
        for want in cases {
            let mut v = Votes::new();
            for (m, c) in &want {
                v.push(*m, c.clone());
            }
            let got: Vec<(u32, Choice)> = (0..v.len())
                .map(|i| (v.at(i).0, v.at(i).1.clone()))
                .collect();
            assert_eq!(got, want);
            assert_eq!(
                matches!(v, Votes::Packed(..)),
                want.len() <= 7
                    && want
                        .iter()
                        .all(|(m, c)| *m < 8192 && !matches!(c, Choice::Approve(_)))
            );
            for (m, c) in &want {
                assert_eq!(v.get(*m), Some(c));
            }
            assert_eq!(v.get(1 << 20), None);
        }
    }

    #[test]
    fn revocation_year() {
        assert_eq!(one_year_after(date(2026, 12, 10)), Some(date(2027, 12, 10)));
        assert_eq!(one_year_after(date(2028, 2, 29)), Some(date(2029, 2, 28)));
        assert_eq!(one_year_after(date(9998, 12, 31)), Some(date(9999, 12, 31)));
        // No overflow for any year a caller may construct.
        assert_eq!(one_year_after(date(9999, 1, 1)), None);
        assert_eq!(one_year_after(date(i32::MAX, 1, 1)), None);
        assert_eq!(one_year_after(date(2027, 1, 31)), Some(date(2028, 1, 31)));
        assert_eq!(one_year_after(date(9999, 6, 1)), None);
    }

    #[test]
    fn matters() {
        assert_eq!(
            Matter::parse("278.6").unwrap().majority(),
            Threshold::AtLeast(Fraction::THREE_QUARTERS)
        );
        assert_eq!(
            Matter::parse("278.9").unwrap().majority(),
            Threshold::MoreThan(Fraction::HALF)
        );
        for bad in ["278.10", "278.0", "278", "280", "", "278.1 "] {
            assert_eq!(
                Matter::parse(bad).unwrap_err().code(),
                "matter.unknown",
                "{bad}"
            );
        }
        assert!(Matter::parse("279").unwrap().reserved_to_assembly());
        assert!(!Matter::parse("coordination")
            .unwrap()
            .reserved_to_assembly());
    }
}

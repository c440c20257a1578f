//! Figures, thresholds, checks, outcomes and their explanations.

use crate::area::Area;
use crate::event::BlockDimension;
use crate::json::write_json_string;
use crate::meeting::{Body, Matter};
use crate::record::CivilDate;
use std::fmt;
use std::ops::{Add, AddAssign, Sub, SubAssign};

/// A count in both of Art. 278's dimensions: owners (headcount) and exclusive area.
///
/// Partial tallies merge by addition, so paper ballots counted at several
/// tables add up to the same figure as counting them together:
///
/// ```
/// use yishi::{Area, Figure};
/// let table1 = Figure::new(3, Area::from_hundredths(30_000));
/// let table2 = Figure::new(2, Area::from_hundredths(18_937));
/// assert_eq!(table1 + table2, Figure::new(5, Area::from_hundredths(48_937)));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Deserialize)]
pub struct Figure {
    /// Headcount: owners, the developer's units counting as one.
    pub heads: u64,
    /// Exclusive area.
    pub area: Area,
}

impl Figure {
    /// No owners, no area.
    pub const ZERO: Figure = Figure {
        heads: 0,
        area: Area::ZERO,
    };

    /// A figure of `heads` owners holding `area`.
    pub const fn new(heads: u64, area: Area) -> Figure {
        Figure { heads, area }
    }

    /// One owner holding `area`.
    pub const fn one(area: Area) -> Figure {
        Figure { heads: 1, area }
    }

    /// Subtraction that stops at zero in each dimension.
    pub fn saturating_sub(self, o: Figure) -> Figure {
        Figure {
            heads: self.heads.saturating_sub(o.heads),
            area: self.area.saturating_sub(o.area),
        }
    }
}

impl Add for Figure {
    type Output = Figure;
    fn add(self, o: Figure) -> Figure {
        Figure {
            heads: self.heads + o.heads,
            area: self.area + o.area,
        }
    }
}

impl AddAssign for Figure {
    fn add_assign(&mut self, o: Figure) {
        *self = *self + o;
    }
}

impl Sub for Figure {
    type Output = Figure;
    fn sub(self, o: Figure) -> Figure {
        Figure {
            heads: self.heads - o.heads,
            area: self.area - o.area,
        }
    }
}

impl SubAssign for Figure {
    fn sub_assign(&mut self, o: Figure) {
        *self = *self - o;
    }
}

impl std::iter::Sum for Figure {
    fn sum<I: Iterator<Item = Figure>>(iter: I) -> Figure {
        iter.fold(Figure::ZERO, Add::add)
    }
}

/// An exact fraction `p/q` with `0 < p ≤ q`, as written in a record (`"1/3"`).
///
/// It keeps its terms as written, unreduced, so that a result shows the
/// share a rule gave: equality compares the terms (`2/6` is not `1/3`), while
/// thresholds compare values. Read from text with up to ten digits in each
/// term (every denominator [`Fraction::new`] takes).
///
/// ```
/// use yishi::Fraction;
/// let f: Fraction = "2/6".parse()?;
/// assert_eq!((f.num(), f.den(), f.to_string()), (2, 6, "2/6".to_string()));
/// assert_ne!(f, "1/3".parse()?);
/// let widest = Fraction::new(1, u64::from(u32::MAX)).unwrap();
/// assert_eq!(widest.to_string().parse::<Fraction>()?, widest);
/// assert!("1/4294967296".parse::<Fraction>().is_err());
/// for signed in ["+1/3", "1/+3", "-1/3", " 1/3", "1/3 "] {
///     assert!(signed.parse::<Fraction>().is_err(), "{signed}");
/// }
/// # Ok::<(), String>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fraction {
    num: u64,
    den: u64,
}

impl Fraction {
    /// Two thirds: the participation quorum of Art. 278.
    pub const TWO_THIRDS: Fraction = Fraction { num: 2, den: 3 };
    /// One half: the majority line.
    pub const HALF: Fraction = Fraction { num: 1, den: 2 };
    /// Three quarters: the qualified majority of Art. 278 items 6–8.
    pub const THREE_QUARTERS: Fraction = Fraction { num: 3, den: 4 };

    /// `num/den`, if `0 < num ≤ den ≤ u32::MAX` (the bound keeps every
    /// cross-multiplication of figures within `u128`).
    pub fn new(num: u64, den: u64) -> Option<Fraction> {
        (num > 0 && num <= den && den <= u32::MAX as u64).then_some(Fraction { num, den })
    }

    /// The numerator.
    pub fn num(self) -> u64 {
        self.num
    }

    /// The denominator.
    pub fn den(self) -> u64 {
        self.den
    }
}

impl std::str::FromStr for Fraction {
    type Err = String;
    fn from_str(s: &str) -> Result<Fraction, String> {
        let bad = || format!("\"{s}\" is not a fraction \"p/q\" with 0 < p ≤ q");
        let (p, q) = s.split_once('/').ok_or_else(bad)?;
        let digits =
            |x: &str| !x.is_empty() && x.len() <= 10 && x.bytes().all(|b| b.is_ascii_digit());
        if !digits(p) || !digits(q) {
            return Err(bad());
        }
        Fraction::new(p.parse().map_err(|_| bad())?, q.parse().map_err(|_| bad())?).ok_or_else(bad)
    }
}

impl fmt::Display for Fraction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.num, self.den)
    }
}

/// A threshold: "以上" (at least, boundary included) or "过半数/超过" (more than).
///
/// Tests are exact cross-multiplications in `u128`, which cannot overflow
/// for `u64` figures and `u32` fraction terms.
///
/// ```
/// use yishi::{Fraction, Threshold};
/// let majority = Threshold::MoreThan(Fraction::HALF);
/// assert!(!majority.holds(120, 240));   // exactly half is not 过半数
/// assert!(majority.holds(121, 240));
/// assert!(Threshold::AtLeast(Fraction::THREE_QUARTERS).holds(15_075, 20_100)); // boundary included
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Threshold {
    /// `n/d ≥ fraction` (以上, boundary included; Civil Code Art. 1259).
    AtLeast(Fraction),
    /// `n/d > fraction` (过半数 / 超过, boundary excluded).
    MoreThan(Fraction),
    /// `n = 0`: none may (e.g. no present party objects).
    Zero,
    /// `n ≥ 1`: at least one must (e.g. one present party supports).
    AtLeastOne,
    /// `n = d`: every one of them (unanimity; holds for an empty group).
    All,
}

impl Threshold {
    /// Whether `numerator / denominator` meets the threshold, by exact
    /// cross-multiplication (so `0/0` is "at least" any fraction, as the
    /// spec's arithmetic `3·0 ≥ 2·0` says).
    pub fn holds(self, numerator: u64, denominator: u64) -> bool {
        let (n, d) = (numerator as u128, denominator as u128);
        match self {
            Threshold::AtLeast(f) => n * f.den as u128 >= f.num as u128 * d,
            Threshold::MoreThan(f) => n * f.den as u128 > f.num as u128 * d,
            Threshold::Zero => n == 0,
            Threshold::AtLeastOne => n >= 1,
            Threshold::All => n >= d,
        }
    }

    /// The smallest `x ≥ 0` such that `(numerator + x) / (denominator + grow·x)`
    /// meets the threshold, where `grow` is 1 when the added amount also joins
    /// the denominator (new participants) and 0 when it does not.
    /// `None` when no amount suffices, or when the amount needed exceeds
    /// `u64::MAX` (figures that large never come from a record).
    pub fn shortfall(self, numerator: u64, denominator: u64, grow: bool) -> Option<u64> {
        if self.holds(numerator, denominator) {
            return Some(0);
        }
        let (n, d) = (numerator as u128, denominator as u128);
        let (p, q) = match self {
            Threshold::AtLeast(f) | Threshold::MoreThan(f) => (f.num as u128, f.den as u128),
            Threshold::Zero => return None,
            Threshold::AtLeastOne => return Some(1),
            // Unanimity of a fixed group: the missing members. When new
            // participants join the denominator too, they can never close the gap.
            Threshold::All if grow => return None,
            Threshold::All => return Some(denominator.saturating_sub(numerator)),
        };
        // Need q(n+x) ≥ p(d+g·x)  [or >]  ⇔  x(q − g·p) ≥ p·d − q·n  [or >].
        let g = if grow { p } else { 0 };
        let coef = q - g;
        if coef == 0 {
            return None;
        }
        let need = p * d - q * n; // positive, since the threshold does not hold
        let (quotient, rest) = div_by_u32(need, coef as u32);
        let x = match self {
            Threshold::MoreThan(_) => quotient + 1,
            _ => quotient + (rest > 0) as u128,
        };
        let x = x.max(1);
        u64::try_from(x).ok()
    }
}

/// `n / d` and `n % d` for a divisor that fits in 32 bits (every fraction
/// term does), by schoolbook division in 32-bit digits with `u64` steps:
/// no general 128-bit division, whose runtime routine is ~0.7 KB of the
/// wasm module.
pub(crate) fn div_by_u32(n: u128, d: u32) -> (u128, u64) {
    let d = u64::from(d);
    let (mut quotient, mut rest) = (0u128, 0u64);
    for shift in [96, 64, 32, 0] {
        let current = rest << 32 | (n >> shift) as u32 as u64;
        quotient = quotient << 32 | u128::from(current / d);
        rest = current % d;
    }
    (quotient, rest)
}

impl fmt::Display for Threshold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Threshold::AtLeast(x) => write!(f, "≥ {x}"),
            Threshold::MoreThan(x) => write!(f, "> {x}"),
            Threshold::Zero => f.write_str("= 0"),
            Threshold::AtLeastOne => f.write_str("≥ 1"),
            Threshold::All => f.write_str("= all"),
        }
    }
}

/// Which dimension a check counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    /// Exclusive area (专有部分面积).
    Area,
    /// Headcount (业主人数), or members / parties in committee and five-party meetings.
    Heads,
}

/// What a check tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CheckKind {
    /// Participation quorum of an assembly vote (Art. 278: ≥ 2/3).
    Quorum,
    /// Majority of participants (> 1/2, or ≥ 3/4 for items 6–8).
    Majority,
    /// A candidate's approvals in an election.
    Election,
    /// Unanimity of the interested owners (Art. 279, or `unanimity_of`).
    Unanimity,
    /// Formal objections of a protected group (`objection_block`); "held" means the block applies.
    ObjectionBlock,
    /// Committee attendance (more than half of members present).
    CommitteeQuorum,
    /// Committee decision against all sitting members.
    CommitteeDecision,
    /// Five-party attendance.
    FivePartyQuorum,
    /// Five-party consensus, first half: no present party objects.
    Objecting,
    /// Five-party consensus, second half: at least one present party supports.
    Supporting,
}

/// A number in a check: an area or a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quantity {
    /// A count of owners, members or parties.
    Count(u64),
    /// An exclusive area.
    Area(Area),
}

names!(CheckKind => "check", [
    Quorum => "quorum",
    Majority => "majority",
    Election => "election",
    Unanimity => "unanimity",
    ObjectionBlock => "objection_block",
    CommitteeQuorum => "committee_quorum",
    CommitteeDecision => "committee_decision",
    FivePartyQuorum => "five_party_quorum",
    Objecting => "objecting",
    Supporting => "supporting",
]);

impl CheckKind {
    /// Whether the check is a quorum or attendance test, which the other
    /// tests of a motion only count after.
    pub fn is_quorum(self) -> bool {
        matches!(
            self,
            CheckKind::Quorum | CheckKind::CommitteeQuorum | CheckKind::FivePartyQuorum
        )
    }
}

names!(Dimension => "dimension", [Area => "area", Heads => "heads"]);

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Quantity::Count(n) => write!(f, "{n}"),
            Quantity::Area(a) => write!(f, "{a}"),
        }
    }
}

/// One test a result made, with its exact numbers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Check {
    /// What was tested.
    pub check: CheckKind,
    /// In which dimension.
    pub dimension: Dimension,
    /// The counted side (participants, yes votes, objectors, present members…).
    pub numerator: Quantity,
    /// What it is measured against.
    pub denominator: Quantity,
    /// The line, e.g. `≥ 2/3`.
    pub threshold: Threshold,
    /// Whether the numerator meets the threshold.
    pub held: bool,
    /// For elections: the candidate this check is about.
    #[serde(default)]
    pub subject: Option<String>,
}

impl Check {
    pub(crate) fn figure(
        kind: CheckKind,
        dim: Dimension,
        n: Figure,
        d: Figure,
        t: Threshold,
    ) -> Check {
        let (num, den, held) = match dim {
            Dimension::Area => (
                Quantity::Area(n.area),
                Quantity::Area(d.area),
                t.holds(n.area.hundredths(), d.area.hundredths()),
            ),
            Dimension::Heads => (
                Quantity::Count(n.heads),
                Quantity::Count(d.heads),
                t.holds(n.heads, d.heads),
            ),
        };
        Check {
            check: kind,
            dimension: dim,
            numerator: num,
            denominator: den,
            threshold: t,
            held,
            subject: None,
        }
    }

    pub(crate) fn pair(kind: CheckKind, n: Figure, d: Figure, t: Threshold) -> [Check; 2] {
        [
            Check::figure(kind, Dimension::Area, n, d, t),
            Check::figure(kind, Dimension::Heads, n, d, t),
        ]
    }

    pub(crate) fn count(kind: CheckKind, n: u64, d: u64, t: Threshold) -> Check {
        Check {
            check: kind,
            dimension: Dimension::Heads,
            numerator: Quantity::Count(n),
            denominator: Quantity::Count(d),
            threshold: t,
            held: t.holds(n, d),
            subject: None,
        }
    }
}

/// The outcome of a motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// The participation quorum was not met (assembly) or too few attended (committee, five-party).
    NoQuorum,
    /// A protected group's objections reached their share.
    Blocked,
    /// The decision test was not met.
    Failed,
    /// The motion was adopted.
    Passed,
    /// Election: a tie at the last seat, not broken.
    Tie,
    /// Election: the candidates elected (possibly with open seats).
    Elected,
    /// Five-party: no present party objected and at least one supported.
    Agreed,
    /// Five-party: some present party objected, or none supported.
    NotAgreed,
}

impl Outcome {
    /// The stable string form, e.g. `"no_quorum"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::NoQuorum => "no_quorum",
            Outcome::Blocked => "blocked",
            Outcome::Failed => "failed",
            Outcome::Passed => "passed",
            Outcome::Tie => "tie",
            Outcome::Elected => "elected",
            Outcome::Agreed => "agreed",
            Outcome::NotAgreed => "not_agreed",
        }
    }

    /// The outcome in Chinese, as a result's Chinese explanation opens.
    pub fn zh(self) -> &'static str {
        match self {
            Outcome::NoQuorum => "未达到参与表决或出席要求",
            Outcome::Blocked => "因受保护业主异议而未能通过",
            Outcome::Failed => "未通过",
            Outcome::Passed => "通过",
            Outcome::Tie => "末位同票，席位待定",
            Outcome::Elected => "选举结果",
            Outcome::Agreed => "协商一致",
            Outcome::NotAgreed => "未达成一致",
        }
    }

    fn en(self) -> &'static str {
        match self {
            Outcome::NoQuorum => "No quorum",
            Outcome::Blocked => "Blocked by the objections of protected owners",
            Outcome::Failed => "Failed",
            Outcome::Passed => "Passed",
            Outcome::Tie => "Tie at the last seat",
            Outcome::Elected => "Elected",
            Outcome::Agreed => "Agreed",
            Outcome::NotAgreed => "Not agreed",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Outcome {
    /// Every outcome, in the order of the enum.
    pub const ALL: [Outcome; 8] = [
        Outcome::NoQuorum,
        Outcome::Blocked,
        Outcome::Failed,
        Outcome::Passed,
        Outcome::Tie,
        Outcome::Elected,
        Outcome::Agreed,
        Outcome::NotAgreed,
    ];
}

/// Reads the stable string form ([`Outcome::as_str`]); any other string is
/// refused.
///
/// ```
/// use yishi::Outcome;
/// assert_eq!("no_quorum".parse(), Ok(Outcome::NoQuorum));
/// assert!("No quorum".parse::<Outcome>().is_err());
/// ```
impl std::str::FromStr for Outcome {
    type Err = UnknownOutcome;

    fn from_str(s: &str) -> Result<Outcome, UnknownOutcome> {
        Outcome::ALL
            .into_iter()
            .find(|o| o.as_str() == s)
            .ok_or(UnknownOutcome)
    }
}

/// A string that is none of the names of a fixed set: what
/// [`FromStr`](std::str::FromStr) for [`Body`], [`Matter`], [`Stage`],
/// [`Stance`], [`CheckKind`], [`Dimension`] and the like refuses.
///
/// ```
/// use yishi::Body;
/// let e = "five_party".parse::<Body>().unwrap_err();
/// assert_eq!((e.what(), e.given()), ("body", "five_party"));
/// assert_eq!(e.expected(), ["assembly", "committee", "five-party"]);
/// assert_eq!(e.to_string(), r#"unknown body "five_party" (one of: assembly, committee, five-party)"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} \"{given}\" (one of: {})", .expected.join(", "))]
pub struct UnknownName {
    what: &'static str,
    given: String,
    expected: Vec<&'static str>,
}

impl UnknownName {
    pub(crate) fn new(what: &'static str, given: &str, expected: Vec<&'static str>) -> Self {
        UnknownName {
            what,
            given: given.to_owned(),
            expected,
        }
    }

    /// What was being read: `"body"`, `"matter"`, `"stage"`…
    pub fn what(&self) -> &'static str {
        self.what
    }

    /// The string refused.
    pub fn given(&self) -> &str {
        &self.given
    }

    /// The names taken.
    pub fn expected(&self) -> &[&'static str] {
        &self.expected
    }
}

/// `Display` as its name and `FromStr` from it (refusing any other string
/// with an [`UnknownName`]), for an enum with `ALL` and `as_str`.
macro_rules! named {
    ($($t:ty => $what:literal),* $(,)?) => {$(
        /// Its name, as a result writes it.
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// Read from its name; any other string is refused.
        impl std::str::FromStr for $t {
            type Err = crate::UnknownName;
            fn from_str(s: &str) -> Result<$t, crate::UnknownName> {
                <$t>::ALL.into_iter().find(|x| x.as_str() == s).ok_or_else(|| {
                    crate::UnknownName::new($what, s, <$t>::ALL.map(<$t>::as_str).to_vec())
                })
            }
        }
    )*};
}
pub(crate) use named;

/// `ALL` (every variant, in order) and `as_str` (each one's name) for an
/// enum of unit variants, then [`named!`]'s `Display` and `FromStr`.
macro_rules! names {
    ($t:ident => $what:literal, [$($v:ident => $name:literal),* $(,)?]) => {
        impl $t {
            /// Every variant, in the order of the enum.
            pub const ALL: [$t; [$($name),*].len()] = [$($t::$v),*];

            /// Its name, as a record or a result writes it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($t::$v => $name),*
                }
            }
        }

        crate::tally::named!($t => $what);
    };
}
pub(crate) use names;

/// `Deserialize` from its name, as its `FromStr` reads it.
macro_rules! deserialize_by_name {
    ($($t:ty),* $(,)?) => {$(
        /// Read from its name, as [`FromStr`](std::str::FromStr) reads it.
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$t, D::Error> {
                crate::area::from_text(d)
            }
        }
    )*};
}
pub(crate) use deserialize_by_name;

deserialize_by_name!(Stage, Stance, CheckKind, Dimension);

/// A string that is none of the outcomes' stable forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not an outcome (no_quorum, blocked, failed, passed, tie, elected, agreed, not_agreed)")]
pub struct UnknownOutcome;

/// Headcount-only figure (committee members, five-party parties).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
pub struct Count {
    /// How many.
    pub heads: u64,
}

/// A yes/no/abstain figure: both dimensions for assemblies, heads only otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tallied {
    /// Owners and area (assembly).
    Figure(Figure),
    /// Members or parties (committee, five-party).
    Count(Count),
}

impl Tallied {
    /// The headcount, whichever body counted it: owners (assembly), members
    /// or parties (committee, five-party).
    ///
    /// ```
    /// use yishi::{Area, Count, Figure, Tallied};
    /// let yes = Tallied::Figure(Figure::new(3, Area::from_hundredths(30_000)));
    /// assert_eq!(yes.heads(), 3);
    /// assert_eq!(yes.area(), Some(Area::from_hundredths(30_000)));
    /// assert_eq!(Tallied::Count(Count { heads: 2 }).heads(), 2);
    /// assert_eq!(Tallied::Count(Count { heads: 2 }).area(), None);
    /// ```
    pub fn heads(self) -> u64 {
        match self {
            Tallied::Figure(f) => f.heads,
            Tallied::Count(c) => c.heads,
        }
    }

    /// The area, where the body counts it (assembly); `None` for committee
    /// and five-party meetings, which count heads only.
    pub fn area(self) -> Option<Area> {
        match self {
            Tallied::Figure(f) => Some(f.area),
            Tallied::Count(_) => None,
        }
    }
}

/// Which test a [`Shortfall`] is about.
///
/// ```
/// use yishi::Stage;
/// assert_eq!(Stage::Quorum.as_str(), "quorum");
/// assert_eq!(serde_json::from_str::<Stage>(r#""majority""#)?, Stage::Majority);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// More owners must take part: `"quorum"`.
    Quorum,
    /// More yes votes are needed, from owners who have not yet voted: `"majority"`.
    Majority,
}

names!(Stage => "stage", [Quorum => "quorum", Majority => "majority"]);

/// How much more a failed or provisional motion needs to change its outcome.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Shortfall {
    /// The test that falls short.
    pub stage: Stage,
    /// Additional owners needed (0 when the headcount line already holds).
    pub heads: u64,
    /// Additional area needed (0.00 when the area line already holds).
    pub area: Area,
    /// Whether enough owners who have not voted remain to make it up.
    pub reachable: bool,
}

/// One candidate's standing in an election.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Candidate {
    /// The candidate's id.
    pub id: String,
    /// Approving owners.
    pub heads: u64,
    /// Approving area.
    pub area: Area,
    /// Whether the approvals pass the majority test in both dimensions.
    pub passed: bool,
}

/// Ballots by channel: cast online, or entered from paper by the organiser.
/// Every standing ballot holding a value for the motion is here, counted or
/// not (a committee member or party not recorded present casts one that the
/// tally leaves out): these are the ballots received.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
pub struct Channels {
    /// Cast online.
    pub online: u64,
    /// Paper ballots entered by the organiser.
    pub paper: u64,
}

/// What a party said on a five-party motion: the words its ballot cast
/// ([`Vote::Support`](crate::event::Vote::Support), `Object`, `Abstain`).
///
/// ```
/// use yishi::Stance;
/// assert_eq!(Stance::Object.as_str(), "object");
/// assert_eq!(serde_json::from_str::<Stance>(r#""support""#)?, Stance::Support);
/// assert!(serde_json::from_str::<Stance>(r#""yes""#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stance {
    /// `"support"`.
    Support,
    /// `"object"`.
    Object,
    /// `"abstain"`.
    Abstain,
}

names!(Stance => "stance", [Support => "support", Object => "object", Abstain => "abstain"]);

/// A five-party position.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Position {
    /// What the party said.
    pub position: Stance,
    /// The reason the party gave, if any.
    #[serde(default)]
    pub reason: Option<String>,
    /// Whether the party was recorded present.
    pub present: bool,
    /// The person representing the party at this meeting.
    #[serde(default)]
    pub representative: Option<String>,
}

/// Each party's position, keyed by party, in the customary order of the
/// five parties (written as a JSON object with the parties' names sorted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Positions(pub Vec<(String, Position)>);

impl Positions {
    /// The position of `party`, if it took one.
    pub fn get(&self, party: &str) -> Option<&Position> {
        self.0.iter().find(|(p, _)| p == party).map(|(_, x)| x)
    }
}

/// Objections filed against a protected motion.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Objections {
    /// Objectors in the protected group, filed before `closes_at` and before
    /// the result was declared.
    pub heads: u64,
    /// Their area in the group's selection.
    pub area: Area,
    /// The whole protected group.
    pub group: Figure,
    /// The share that blocks (written `"1/3"`).
    pub share: Fraction,
    /// Whether the share must be reached in either dimension or in both.
    pub dimension: BlockDimension,
}

/// An objection filed after `closes_at` or after the result was declared
/// (会后异议): shown, never counted.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct PostObjection {
    /// The objecting owner.
    pub owner: String,
    /// The reason given.
    #[serde(default)]
    pub reason: Option<String>,
    /// When it was filed.
    pub at: String,
}

/// A reference from a five-party motion to the assembly motion it mediates.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct MotionRef {
    /// The assembly meeting.
    pub meeting: String,
    /// The motion in it.
    pub motion: String,
}

/// The explanation of a result in Chinese and English.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Explanation {
    /// 中文说明.
    pub zh: String,
    /// English explanation.
    pub en: String,
}

/// Everything yishi decided about one motion, with the numbers behind it.
///
/// Written by [`MotionResult::to_json_text`] as the object printed by
/// `yishi tally --json` and returned by the WebAssembly `Ledger.result()`;
/// its `Serialize` impl gives the same object, and its `Deserialize` impl
/// reads that object back. Reading checks each member's form (an area is
/// an exact decimal string, an outcome one of [`Outcome::ALL`], a matter
/// one the spec lists: a hand-built `Matter::Art278(12)` is written but not
/// read back…) and ignores
/// members it does not know; it does not check members against one another
/// (that `yes` is within `participating`, say): it trusts what it reads as
/// much as where it was stored, and a recount from the record is the check.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct MotionResult {
    /// The meeting id.
    pub meeting: String,
    /// The motion id.
    pub motion: String,
    /// The motion's title.
    #[serde(default)]
    pub title: Option<String>,
    /// The body that met (written `assembly`, `committee` or `five-party`).
    pub body: Body,
    /// The matter, where the motion has one (written `278.4`, `279`, `coordination`).
    #[serde(default)]
    pub matter: Option<Matter>,
    /// The outcome.
    pub outcome: Outcome,
    /// True while the result may still change: the meeting takes ballots, or
    /// (after an early close) objections to an `objection_block` motion still
    /// count until `closes_at`. Judged as of the record's last event, not
    /// the time of day (see [`Ledger::result`](crate::Ledger::result)).
    pub provisional: bool,
    /// The whole electorate (assembly) or all members / parties.
    pub electorate: Tallied,
    /// Those taking part in this motion's vote.
    pub participating: Tallied,
    /// Yes votes (`support` for five-party meetings). Zero in an election,
    /// whose approvals are each candidate's, in `candidates`.
    pub yes: Tallied,
    /// No votes (`object` for five-party meetings). Zero in an election.
    pub no: Tallied,
    /// Abstentions (in an election, ballots saying `"abstain"`).
    pub abstain: Tallied,
    /// Every test made, in order.
    pub checks: Vec<Check>,
    /// What would change a failed outcome.
    pub short: Option<Shortfall>,
    /// Warnings (e.g. a disputed rule was applied).
    pub warnings: Vec<String>,
    /// The result in words.
    pub explanation: Explanation,
    /// Elections: elected candidates, ranked.
    #[serde(default)]
    pub elected: Option<Vec<String>>,
    /// Elections: candidates tied at the last seat.
    #[serde(default)]
    pub tied: Option<Vec<String>>,
    /// Elections: seats left unfilled.
    #[serde(default)]
    pub open_seats: Option<u64>,
    /// Elections: every candidate's approvals, ranked.
    #[serde(default)]
    pub candidates: Option<Vec<Candidate>>,
    /// Committee / five-party: how many were present.
    #[serde(default)]
    pub present: Option<u64>,
    /// Five-party: each party's position.
    #[serde(default)]
    pub positions: Option<Positions>,
    /// Protected motions: the objections counted.
    #[serde(default)]
    pub objections: Option<Objections>,
    /// Objections filed after `closes_at` or after the declaration (会后异议):
    /// shown, never counted.
    #[serde(default)]
    pub post_result_objections: Vec<PostObjection>,
    /// The ballots holding a value for this motion, by how they came in.
    pub channels: Channels,
    /// Assembly and committee decisions once declared: the last day to ask a
    /// court to revoke (CC 280), one year from the declaration's date in
    /// UTC+08:00 (`YYYY-MM-DD`).
    #[serde(default)]
    pub revocation_deadline: Option<CivilDate>,
    /// Five-party: the assembly motion this mediates.
    #[serde(default)]
    pub refers_to: Option<MotionRef>,
}

impl MotionResult {
    /// The result as compact JSON text, keys sorted: the `yishi tally --json` shape.
    ///
    /// ```
    /// # use yishi::{Body, Channels, Count, Explanation, MotionResult, Outcome, Tallied};
    /// let none = Tallied::Count(Count { heads: 0 });
    /// let r = MotionResult {
    ///     meeting: "m1".into(), motion: "a".into(), title: Some("\"议案\"".into()),
    ///     body: Body::Committee, matter: None, outcome: Outcome::Failed, provisional: false,
    ///     electorate: none, participating: none, yes: none, no: none, abstain: none,
    ///     checks: vec![], short: None, warnings: vec![],
    ///     explanation: Explanation { zh: "未通过".into(), en: "Failed".into() },
    ///     elected: None, tied: None, open_seats: None, candidates: None, present: Some(0),
    ///     positions: None, objections: None, post_result_objections: vec![],
    ///     channels: Channels::default(), revocation_deadline: None, refers_to: None,
    /// };
    /// assert!(r.to_json_text().starts_with(r#"{"abstain":{"heads":0},"body":"committee","channels""#));
    /// assert!(r.to_json_text().ends_with(r#""title":"\"议案\"","warnings":[],"yes":{"heads":0}}"#));
    /// ```
    pub fn to_json_text(&self) -> String {
        json_text(self)
    }

    /// The result as a JSON value (the `tally --json` shape): [`MotionResult::to_json_text`], parsed.
    pub fn to_json(&self) -> serde_json::Value {
        crate::json::own_text_to_value(&self.to_json_text())
    }

    /// The explanation in `lang` (`"zh"` or `"en"`; anything else gives Chinese).
    pub fn explain(&self, lang: &str) -> &str {
        if lang == "en" {
            &self.explanation.en
        } else {
            &self.explanation.zh
        }
    }
}

/// The object of [`MotionResult::to_json_text`] (through [`MotionResult::to_json`]).
impl serde::Serialize for MotionResult {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(s)
    }
}

/// `Serialize` for the pieces of a result, each as it appears in
/// [`MotionResult::to_json`] (e.g. a [`Tallied`] as `{"heads", "area"}`), so
/// a server can store or send one figure or check alone.
macro_rules! serialize_as_in_results {
    ($($t:ty),* $(,)?) => {$(
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                serde::Serialize::serialize(&crate::json::own_text_to_value(&json_text(self)), s)
            }
        }
    )*};
}

serialize_as_in_results!(
    Figure,
    Count,
    Tallied,
    Check,
    Shortfall,
    Candidate,
    Channels,
    Position,
    Positions,
    Objections,
    PostObjection,
    MotionRef,
    Explanation,
    Quantity,
    Threshold,
    Dimension,
    CheckKind,
    Stage,
    Stance,
);

/// Written as `"p/q"`, as an `objection_block`'s `share`.
impl serde::Serialize for Fraction {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Read from `"p/q"`, as [`Fraction::from_str`](std::str::FromStr) reads it.
impl<'de> serde::Deserialize<'de> for Fraction {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Fraction, D::Error> {
        crate::area::from_text(d)
    }
}

/// `Deserialize` for results: each type reads the JSON that its `Serialize`
/// impl (and [`MotionResult::to_json_text`]) writes, so a server can store
/// results as JSON and read them back typed. Members a type does not know
/// are ignored, so results written by a later version still read.
mod de {
    use super::{Count, Figure, Position, Positions, Quantity, Tallied, Threshold};
    use crate::area::Area;
    use serde::de::{Deserializer, Error as _, IntoDeserializer, Visitor};
    use serde::Deserialize;
    use std::fmt;

    /// Read as a figure when it has an `area`, else as a count.
    impl<'de> Deserialize<'de> for Tallied {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Tallied, D::Error> {
            #[derive(Deserialize)]
            struct Members {
                heads: u64,
                #[serde(default)]
                area: Option<Area>,
            }
            let Members { heads, area } = Members::deserialize(d)?;
            Ok(match area {
                Some(area) => Tallied::Figure(Figure { heads, area }),
                None => Tallied::Count(Count { heads }),
            })
        }
    }

    /// Read from a number (a count) or a string (an area).
    impl<'de> Deserialize<'de> for Quantity {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Quantity, D::Error> {
            struct Number;
            impl<'de> Visitor<'de> for Number {
                type Value = Quantity;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a count (a whole number) or an area (a string such as \"300.00\")")
                }
                fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Quantity, E> {
                    Ok(Quantity::Count(n))
                }
                // Formats that report every integer as signed (TOML, some
                // MessagePack writers) give a count here.
                fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Quantity, E> {
                    u64::try_from(n)
                        .map(Quantity::Count)
                        .map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(n), &self))
                }
                fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Quantity, E> {
                    Area::deserialize(s.into_deserializer()).map(Quantity::Area)
                }
            }
            d.deserialize_any(Number)
        }
    }

    /// Read from the form its `Display` writes: `"≥ 2/3"`, `"> 1/2"`,
    /// `"= 0"`, `"≥ 1"` or `"= all"`.
    impl<'de> Deserialize<'de> for Threshold {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Threshold, D::Error> {
            let s = String::deserialize(d)?;
            let fraction = |f: &str| f.parse().map_err(D::Error::custom);
            match s.as_str() {
                "= 0" => Ok(Threshold::Zero),
                "≥ 1" => Ok(Threshold::AtLeastOne),
                "= all" => Ok(Threshold::All),
                _ => match (s.strip_prefix("≥ "), s.strip_prefix("> ")) {
                    (Some(f), _) => fraction(f).map(Threshold::AtLeast),
                    (_, Some(f)) => fraction(f).map(Threshold::MoreThan),
                    _ => Err(D::Error::custom(format!(
                        "\"{s}\" is not a threshold (\"≥ p/q\", \"> p/q\", \"= 0\", \"≥ 1\" or \"= all\")"
                    ))),
                },
            }
        }
    }

    /// Read from an object keyed by party, each named once, then put in
    /// the customary order of [`PARTIES`](crate::PARTIES) (other names
    /// first, in byte order), as the library orders them.
    impl<'de> Deserialize<'de> for Positions {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Positions, D::Error> {
            // A party named twice is refused, as in a record.
            let map = crate::event::unique_map::<D, Position>(d)?;
            let mut parties: Vec<(String, Position)> = map.into_iter().collect();
            // By (place among the five, name): names not among the five
            // first, in byte order (the sort is not stable).
            crate::order::sort_by_key(&mut parties, |(party, _)| {
                (
                    crate::PARTIES.iter().position(|p| p == party),
                    party.clone(),
                )
            });
            Ok(Positions(parties))
        }
    }
}

// A small JSON writer for results. It writes what `serde_json::to_value`
// followed by `to_string` wrote from the former derived `Serialize` impls:
// compact, members sorted by the bytes of their names (serde_json's map is a
// `BTreeMap`), strings escaped as serde_json escapes them. It replaced serde's
// generic serialisation, which cost the WebAssembly module about 20 KB.

/// A value that writes itself as JSON text.
pub(crate) trait WriteJson {
    fn write_json(&self, out: &mut Vec<u8>);
}

/// `v` as JSON text.
pub(crate) fn json_text(v: &impl WriteJson) -> String {
    let mut out = Vec::with_capacity(1024);
    v.write_json(&mut out);
    // Only whole strings and ASCII were written.
    String::from_utf8(out).unwrap_or_default()
}

/// Writes an object of `members`, skipping those that are `None`. Names
/// must be in strictly increasing byte order, as serde_json's map keeps them.
pub(crate) fn write_object(members: &[(&str, Option<&dyn WriteJson>)], out: &mut Vec<u8>) {
    debug_assert!(
        members.windows(2).all(|w| w[0].0 < w[1].0),
        "members out of order"
    );
    out.push(b'{');
    let mut first = true;
    for (name, value) in members {
        let Some(value) = value else { continue };
        if !first {
            out.push(b',');
        }
        first = false;
        write_json_string(name, out);
        out.push(b':');
        value.write_json(out);
    }
    out.push(b'}');
}

/// A member left out when `None` (`skip_serializing_if = "Option::is_none"`).
fn skip_none<T: WriteJson>(x: &Option<T>) -> Option<&dyn WriteJson> {
    x.as_ref().map(|v| v as &dyn WriteJson)
}

impl WriteJson for &str {
    fn write_json(&self, out: &mut Vec<u8>) {
        write_json_string(self, out);
    }
}

impl WriteJson for String {
    fn write_json(&self, out: &mut Vec<u8>) {
        write_json_string(self, out);
    }
}

impl WriteJson for u64 {
    fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self.to_string().as_bytes());
    }
}

impl WriteJson for bool {
    fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(if *self { b"true" } else { b"false" });
    }
}

/// As its `Display` form, `"300.00"`.
impl WriteJson for Area {
    fn write_json(&self, out: &mut Vec<u8>) {
        write_json_string(&self.to_string(), out);
    }
}

/// `None` as `null`.
impl<T: WriteJson> WriteJson for Option<T> {
    fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            Some(v) => v.write_json(out),
            None => out.extend_from_slice(b"null"),
        }
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    fn write_json(&self, out: &mut Vec<u8>) {
        out.push(b'[');
        for (i, v) in self.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            v.write_json(out);
        }
        out.push(b']');
    }
}

impl WriteJson for Threshold {
    fn write_json(&self, out: &mut Vec<u8>) {
        write_json_string(&self.to_string(), out);
    }
}

/// As `"2027-12-05"`.
impl WriteJson for CivilDate {
    fn write_json(&self, out: &mut Vec<u8>) {
        write_json_string(&self.to_string(), out);
    }
}

/// As `"1/3"`.
impl WriteJson for Fraction {
    fn write_json(&self, out: &mut Vec<u8>) {
        write_json_string(&self.to_string(), out);
    }
}

/// As the record spells it: `"278.4"`, `"279"` or `"coordination"`.
impl WriteJson for Matter {
    fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            // Its `Display` spelled out: going through `to_string` costs the
            // WebAssembly module 26 B gzip for the same text.
            Matter::Art278(item) => write_json_string(&format!("278.{item}"), out),
            Matter::Art279 => write_json_string("279", out),
            Matter::Coordination => write_json_string("coordination", out),
        }
    }
}

/// As its name (`as_str`).
macro_rules! write_json_as_name {
    ($($t:ty),* $(,)?) => {$(
        impl WriteJson for $t {
            fn write_json(&self, out: &mut Vec<u8>) {
                write_json_string(self.as_str(), out);
            }
        }
    )*};
}

write_json_as_name!(
    Dimension,
    CheckKind,
    Outcome,
    Body,
    Stage,
    Stance,
    BlockDimension
);

/// Untagged: the number or the area.
impl WriteJson for Quantity {
    fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            Quantity::Count(n) => n.write_json(out),
            Quantity::Area(a) => a.write_json(out),
        }
    }
}

impl WriteJson for Figure {
    fn write_json(&self, out: &mut Vec<u8>) {
        write_object(
            &[("area", Some(&self.area)), ("heads", Some(&self.heads))],
            out,
        );
    }
}

impl WriteJson for Count {
    fn write_json(&self, out: &mut Vec<u8>) {
        write_object(&[("heads", Some(&self.heads))], out);
    }
}

/// Untagged: the figure or the count.
impl WriteJson for Tallied {
    fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            Tallied::Figure(f) => f.write_json(out),
            Tallied::Count(c) => c.write_json(out),
        }
    }
}

impl WriteJson for Check {
    fn write_json(&self, out: &mut Vec<u8>) {
        write_object(
            &[
                ("check", Some(&self.check)),
                ("denominator", Some(&self.denominator)),
                ("dimension", Some(&self.dimension)),
                ("held", Some(&self.held)),
                ("numerator", Some(&self.numerator)),
                ("subject", skip_none(&self.subject)),
                ("threshold", Some(&self.threshold)),
            ],
            out,
        );
    }
}

impl WriteJson for Shortfall {
    fn write_json(&self, out: &mut Vec<u8>) {
        write_object(
            &[
                ("area", Some(&self.area)),
                ("heads", Some(&self.heads)),
                ("reachable", Some(&self.reachable)),
                ("stage", Some(&self.stage)),
            ],
            out,
        );
    }
}

impl WriteJson for Candidate {
    fn write_json(&self, out: &mut Vec<u8>) {
        write_object(
            &[
                ("area", Some(&self.area)),
                ("heads", Some(&self.heads)),
                ("id", Some(&self.id)),
                ("passed", Some(&self.passed)),
            ],
            out,
        );
    }
}

impl WriteJson for Channels {
    fn write_json(&self, out: &mut Vec<u8>) {
        write_object(
            &[("online", Some(&self.online)), ("paper", Some(&self.paper))],
            out,
        );
    }
}

impl WriteJson for Position {
    fn write_json(&self, out: &mut Vec<u8>) {
        write_object(
            &[
                ("position", Some(&self.position)),
                ("present", Some(&self.present)),
                ("reason", skip_none(&self.reason)),
                ("representative", skip_none(&self.representative)),
            ],
            out,
        );
    }
}

/// An object with the parties in byte order (as serde_json's map sorts
/// them); of a party given twice, the last position, as the map keeps it.
impl WriteJson for Positions {
    fn write_json(&self, out: &mut Vec<u8>) {
        let members: Vec<(&str, Option<&dyn WriteJson>)> =
            crate::order::last_of_each_key(&self.0, |(party, _)| party.as_str())
                .into_iter()
                .map(|i| {
                    let (party, position) = &self.0[i];
                    (party.as_str(), Some(position as &dyn WriteJson))
                })
                .collect();
        write_object(&members, out);
    }
}

impl WriteJson for Objections {
    fn write_json(&self, out: &mut Vec<u8>) {
        write_object(
            &[
                ("area", Some(&self.area)),
                ("dimension", Some(&self.dimension)),
                ("group", Some(&self.group)),
                ("heads", Some(&self.heads)),
                ("share", Some(&self.share)),
            ],
            out,
        );
    }
}

impl WriteJson for PostObjection {
    fn write_json(&self, out: &mut Vec<u8>) {
        write_object(
            &[
                ("at", Some(&self.at)),
                ("owner", Some(&self.owner)),
                ("reason", skip_none(&self.reason)),
            ],
            out,
        );
    }
}

impl WriteJson for MotionRef {
    fn write_json(&self, out: &mut Vec<u8>) {
        write_object(
            &[
                ("meeting", Some(&self.meeting)),
                ("motion", Some(&self.motion)),
            ],
            out,
        );
    }
}

impl WriteJson for Explanation {
    fn write_json(&self, out: &mut Vec<u8>) {
        write_object(&[("en", Some(&self.en)), ("zh", Some(&self.zh))], out);
    }
}

impl WriteJson for MotionResult {
    fn write_json(&self, out: &mut Vec<u8>) {
        let post = &self.post_result_objections;
        write_object(
            &[
                ("abstain", Some(&self.abstain)),
                ("body", Some(&self.body)),
                ("candidates", skip_none(&self.candidates)),
                ("channels", Some(&self.channels)),
                ("checks", Some(&self.checks)),
                ("elected", skip_none(&self.elected)),
                ("electorate", Some(&self.electorate)),
                ("explanation", Some(&self.explanation)),
                ("matter", skip_none(&self.matter)),
                ("meeting", Some(&self.meeting)),
                ("motion", Some(&self.motion)),
                ("no", Some(&self.no)),
                ("objections", skip_none(&self.objections)),
                ("open_seats", skip_none(&self.open_seats)),
                ("outcome", Some(&self.outcome)),
                ("participating", Some(&self.participating)),
                ("positions", skip_none(&self.positions)),
                ("post_result_objections", (!post.is_empty()).then_some(post)),
                ("present", skip_none(&self.present)),
                ("provisional", Some(&self.provisional)),
                ("refers_to", skip_none(&self.refers_to)),
                ("revocation_deadline", skip_none(&self.revocation_deadline)),
                ("short", Some(&self.short)),
                ("tied", skip_none(&self.tied)),
                ("title", skip_none(&self.title)),
                ("warnings", Some(&self.warnings)),
                ("yes", Some(&self.yes)),
            ],
            out,
        );
    }
}

fn check_label(c: &Check) -> (String, String) {
    let dim_zh = |d| {
        if d == Dimension::Area {
            "专有部分面积"
        } else {
            "人数"
        }
    };
    let dim_en = |d| {
        if d == Dimension::Area {
            "area"
        } else {
            "owners"
        }
    };
    let (zh, en) = match c.check {
        CheckKind::Quorum => (
            format!("参与表决{}", dim_zh(c.dimension)),
            format!("participation by {}", dim_en(c.dimension)),
        ),
        CheckKind::Majority => (
            format!("同意票{}（占参与表决）", dim_zh(c.dimension)),
            format!("yes by {} (of participants)", dim_en(c.dimension)),
        ),
        CheckKind::Election => {
            let who = c.subject.clone().unwrap_or_default();
            (
                format!("候选人 {who} 得票{}", dim_zh(c.dimension)),
                format!("approvals of {who} by {}", dim_en(c.dimension)),
            )
        }
        CheckKind::Unanimity => (
            "须一致同意的业主中同意人数".into(),
            "interested owners consenting".into(),
        ),
        CheckKind::ObjectionBlock => (
            format!("受保护业主异议{}", dim_zh(c.dimension)),
            format!("objections of protected owners by {}", dim_en(c.dimension)),
        ),
        CheckKind::CommitteeQuorum => ("出席委员".into(), "members present".into()),
        CheckKind::CommitteeDecision => (
            "同意委员（占全体委员）".into(),
            "members in favour (of all members)".into(),
        ),
        CheckKind::FivePartyQuorum => ("出席方".into(), "parties present".into()),
        CheckKind::Objecting => (
            "表示反对的出席方".into(),
            "present parties objecting".into(),
        ),
        CheckKind::Supporting => (
            "表示支持的出席方".into(),
            "present parties supporting".into(),
        ),
    };
    (zh, en)
}

fn unit_zh(q: &Quantity) -> &'static str {
    match q {
        Quantity::Area(_) => " m²",
        Quantity::Count(_) => "",
    }
}

/// Renders `outcome` and the checks into words.
pub(crate) fn explain(
    outcome: Outcome,
    provisional: bool,
    (lead_zh, lead_en): (&str, &str),
    checks: &[Check],
    short: Option<&Shortfall>,
    (extra_zh, extra_en): (&[String], &[String]),
) -> Explanation {
    let mut zh = String::new();
    let mut en = String::new();
    if provisional {
        zh.push_str("【临时结果：表决或异议期尚未结束，结论可能改变】");
        en.push_str(
            "[Provisional: voting or the objection period is still open; the outcome may change] ",
        );
    }
    zh.push_str(outcome.zh());
    en.push_str(outcome.en());
    if !lead_zh.is_empty() {
        zh.push_str(&format!("（{lead_zh}）"));
        en.push_str(&format!(" ({lead_en})"));
    }
    zh.push('。');
    en.push('.');
    for c in checks {
        let (lz, le) = check_label(c);
        let u = unit_zh(&c.numerator);
        // Without quorum (or attendance) the other tests decide nothing.
        let moot = outcome == Outcome::NoQuorum && !c.check.is_quorum();
        let (held_zh, held_en) = match (moot, c.held) {
            (true, _) => ("不适用，未达参与或出席要求", "moot: no quorum"),
            (false, true) => ("达到", "met"),
            (false, false) => ("未达到", "not met"),
        };
        if matches!(c.threshold, Threshold::Zero | Threshold::AtLeastOne) {
            zh.push_str(&format!(
                "{lz} {}（需{}：{held_zh}）；",
                c.numerator, c.threshold
            ));
            en.push_str(&format!(
                " {le}: {} ({}: {held_en});",
                c.numerator, c.threshold
            ));
        } else {
            // No English inside the Chinese sentence: "= all" is 全体.
            let th_zh = if matches!(c.threshold, Threshold::All) {
                "全体".to_owned()
            } else {
                c.threshold.to_string()
            };
            zh.push_str(&format!(
                "{lz} {}{u}/{}{u}（需{th_zh}：{held_zh}）；",
                c.numerator, c.denominator
            ));
            en.push_str(&format!(
                " {le}: {}{u} of {}{u} ({}: {held_en});",
                c.numerator, c.denominator, c.threshold
            ));
        }
    }
    if zh.ends_with('；') {
        zh.pop();
        zh.push('。');
        en.pop();
        en.push('.');
    }
    if let Some(s) = short {
        let (wz, we) = if s.stage == Stage::Quorum {
            ("参与表决", "taking part")
        } else {
            ("投同意票", "voting yes")
        };
        let mut pz = Vec::new();
        let mut pe = Vec::new();
        if s.heads > 0 {
            pz.push(format!("{} 名业主", s.heads));
            pe.push(format!(
                "{} owner{}",
                s.heads,
                if s.heads == 1 { "" } else { "s" }
            ));
        }
        if !s.area.is_zero() {
            pz.push(format!("{} m²", s.area));
            pe.push(format!("{} m²", s.area));
        }
        if !pz.is_empty() {
            zh.push_str(&format!("尚需另有 {}{wz}", crate::order::join(&pz, "及")));
            en.push_str(&format!(
                " Short by {} {we}",
                crate::order::join(&pe, " and ")
            ));
            if !s.reachable {
                zh.push_str("（超过尚未表决的业主，无法仅靠新增表决达到）");
                en.push_str(
                    " (more than the owners who have not voted: new votes alone cannot reach it)",
                );
            }
            zh.push('。');
            en.push('.');
        }
    }
    for x in extra_zh {
        zh.push_str(x);
    }
    for x in extra_en {
        en.push(' ');
        en.push_str(x);
    }
    Explanation { zh, en }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        let half = Threshold::MoreThan(Fraction::HALF);
        assert!(!half.holds(1200000, 2400000));
        assert!(half.holds(1200001, 2400000));
        let q = Threshold::AtLeast(Fraction::TWO_THIRDS);
        assert!(q.holds(200, 300));
        assert!(!q.holds(199, 300));
        assert!(q.holds(0, 0));
        assert!(!half.holds(0, 0));
        assert!(Threshold::AtLeast(Fraction::THREE_QUARTERS).holds(1507500, 2010000));
        assert!(!Threshold::AtLeast(Fraction::THREE_QUARTERS).holds(1507499, 2010000));
        assert!(q.holds(u64::MAX, u64::MAX));
    }

    /// A count may come as a signed integer (TOML, some MessagePack
    /// writers), never a negative one.
    #[test]
    fn a_quantity_reads_from_signed_integers() {
        use serde::de::{value::Error, IntoDeserializer};
        use serde::Deserialize;
        let read = |n: i64| Quantity::deserialize(IntoDeserializer::<Error>::into_deserializer(n));
        assert_eq!(read(3), Ok(Quantity::Count(3)));
        assert!(read(-3).is_err());
    }

    #[test]
    fn shortfalls() {
        let half = Threshold::MoreThan(Fraction::HALF);
        // 120 yes of 240: one more yes voter (joining participants) makes 121 of 241 > 1/2.
        assert_eq!(half.shortfall(120, 240, true), Some(1));
        assert_eq!(half.shortfall(100, 240, true), Some(41));
        assert_eq!(half.shortfall(100, 240, false), Some(21));
        let q = Threshold::AtLeast(Fraction::TWO_THIRDS);
        assert_eq!(q.shortfall(199, 300, false), Some(1));
        assert_eq!(q.shortfall(200, 300, false), Some(0));
        assert_eq!(
            Threshold::AtLeast(Fraction::new(1, 1).unwrap()).shortfall(1, 2, true),
            None
        );
        // Unanimity: the missing members of a fixed group; never reached
        // when newcomers join the denominator as well.
        assert_eq!(Threshold::All.shortfall(1, 3, false), Some(2));
        assert_eq!(Threshold::All.shortfall(1, 3, true), None);
        assert_eq!(Threshold::All.shortfall(3, 3, true), Some(0));
        let tq = Threshold::AtLeast(Fraction::THREE_QUARTERS);
        for (n, d) in [(0u64, 10u64), (5, 10), (7, 10), (1, 1000)] {
            let x = tq.shortfall(n, d, true).unwrap();
            assert!(tq.holds(n + x, d + x));
            assert!(!tq.holds(n + x - 1, d + x - 1));
        }
    }

    #[test]
    fn shortfalls_of_the_widest_figures() {
        // Figures near u64::MAX with the widest fraction terms: the amount
        // needed, where it fits in a u64, is the least that meets the line.
        let widest = Fraction::new(u64::from(u32::MAX) - 1, u64::from(u32::MAX)).unwrap();
        for threshold in [Threshold::AtLeast(widest), Threshold::MoreThan(widest)] {
            for (n, d) in [
                (0, u64::MAX / 2),
                (1, u64::MAX - 1),
                (u64::MAX / 3, u64::MAX / 2),
            ] {
                let x = threshold.shortfall(n, d, false).unwrap();
                assert!(threshold.holds(n + x, d), "{threshold:?} {n}/{d} +{x}");
                assert!(!threshold.holds(n + x - 1, d), "{threshold:?} {n}/{d} +{x}");
            }
        }
        // More than a u64 can hold: none.
        assert_eq!(
            Threshold::AtLeast(widest).shortfall(0, u64::MAX, true),
            None
        );
        assert_eq!(
            Threshold::AtLeast(widest).shortfall(0, 1 << 20, true),
            Some((1 << 20) * (u64::from(u32::MAX) - 1))
        );
        let one_in = Fraction::new(1, u64::from(u32::MAX)).unwrap();
        assert_eq!(
            Threshold::AtLeast(one_in).shortfall(0, u64::MAX, false),
            Some(4_294_967_297)
        );
    }

    proptest::proptest! {
        /// The 32-bit-digit division agrees with plain 128-bit division.
        #[test]
        fn division_by_a_u32_in_digits(n in proptest::prelude::any::<u128>(), d in 1u32..) {
            let (quotient, rest) = div_by_u32(n, d);
            proptest::prop_assert_eq!(quotient, n / u128::from(d));
            proptest::prop_assert_eq!(u128::from(rest), n % u128::from(d));
        }
    }

    #[test]
    fn fractions_parse() {
        assert_eq!(
            "1/3".parse::<Fraction>().unwrap(),
            Fraction::new(1, 3).unwrap()
        );
        for bad in [
            "0/3", "4/3", "1/0", "1/", "/3", "a/b", "1/3/4", "-1/3", "1 /3",
        ] {
            assert!(bad.parse::<Fraction>().is_err(), "{bad}");
        }
    }

    /// Every result of every conformance case (`tests/cases`, and the shared
    /// suite when it is checked out beside the workspace).
    fn conformance_results() -> Vec<(String, MotionResult)> {
        let mut files = Vec::new();
        for dir in [
            concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/cases"),
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/conformance"),
        ] {
            for e in std::fs::read_dir(dir).into_iter().flatten() {
                let p = e.unwrap().path();
                if p.extension().is_some_and(|x| x == "json") {
                    files.push(p);
                }
            }
        }
        files.sort();
        let mut out = Vec::new();
        for p in files {
            let text = std::fs::read_to_string(&p).unwrap();
            let Ok(case) = crate::conformance::parse_case(&text) else {
                continue;
            };
            if let Ok(ledger) = crate::conformance::replay_case(&case) {
                let name = p.display().to_string();
                out.extend(ledger.results().into_iter().map(|r| (name.clone(), r)));
            }
        }
        out
    }

    /// The text parses, and serde_json writes what it parsed back to the
    /// same text: members sorted, compact, serde_json's escaping.
    fn assert_serde_shape(r: &MotionResult) {
        let text = r.to_json_text();
        let value = crate::parse_strict(&text).unwrap();
        assert_eq!(serde_json::to_string(&value).unwrap(), text);
        assert_eq!(r.to_json(), value);
        assert_eq!(serde_json::to_string(r).unwrap(), text);
    }

    #[test]
    fn json_text_of_every_conformance_result() {
        let results = conformance_results();
        assert!(results.len() >= 50, "{} results", results.len());
        for (case, r) in &results {
            let text = r.to_json_text();
            let value = crate::parse_strict(&text).unwrap_or_else(|e| panic!("{case}: {e}"));
            assert_eq!(serde_json::to_string(&value).unwrap(), text, "{case}");
            assert_eq!(r.to_json(), value, "{case}");
        }
    }

    /// Quotes, backslashes, every control character, DEL, non-ASCII, the
    /// line separators, Chinese, an emoji and a BOM.
    const NASTY: &str = "q\"b\\s/\u{0}\u{1}\u{8}\u{9}\u{a}\u{b}\u{c}\u{d}\u{1f}\u{7f}\u{80}\u{2028}\u{2029}中文😀\u{feff}";
    const NASTY_JSON: &str = r#""q\"b\\s/\u0000\u0001\b\t\n\u000b\f\r\u001f"#;

    /// A result with every optional member present.
    fn full() -> MotionResult {
        let fig = |h, a| Tallied::Figure(Figure::new(h, Area::from_hundredths(a)));
        let pos = |p: Stance, r: Option<&str>, rep: Option<&str>| Position {
            position: p,
            reason: r.map(Into::into),
            present: p != Stance::Abstain,
            representative: rep.map(Into::into),
        };
        let quorum = Figure::new(1, Area::from_hundredths(99));
        let all = Figure::new(3, Area::from_hundredths(100));
        let t = Threshold::AtLeast(Fraction::TWO_THIRDS);
        let half = Threshold::MoreThan(Fraction::HALF);
        MotionResult {
            meeting: NASTY.into(),
            motion: format!("m{NASTY}"),
            title: Some(NASTY.into()),
            body: Body::FiveParty,
            // An item the ledger refuses is still written as it is.
            matter: Some(Matter::Art278(12)),
            outcome: Outcome::NotAgreed,
            provisional: true,
            electorate: fig((1 << 53) - 1, u64::MAX),
            participating: Tallied::Count(Count { heads: 0 }),
            yes: fig(1, 5),
            no: fig(10, 1_000_000_007),
            abstain: fig(0, 0),
            checks: vec![
                Check::figure(CheckKind::Quorum, Dimension::Area, quorum, all, t),
                Check {
                    subject: Some(NASTY.into()),
                    ..Check::count(CheckKind::Election, 1, 2, half)
                },
                Check::count(CheckKind::Objecting, 0, 2, Threshold::Zero),
                Check::count(CheckKind::Supporting, 0, 2, Threshold::AtLeastOne),
                Check::count(CheckKind::Unanimity, 0, 2, Threshold::All),
            ],
            short: Some(Shortfall {
                stage: Stage::Quorum,
                heads: 3,
                area: Area::from_hundredths(7),
                reachable: false,
            }),
            warnings: vec![NASTY.into(), String::new()],
            explanation: Explanation {
                zh: NASTY.into(),
                en: String::new(),
            },
            elected: Some(vec![]),
            tied: Some(vec![NASTY.into()]),
            open_seats: Some(0),
            candidates: Some(vec![Candidate {
                id: NASTY.into(),
                heads: 2,
                area: Area::from_hundredths(10),
                passed: true,
            }]),
            present: Some(4),
            positions: Some(Positions(vec![
                (
                    "residents_committee".into(),
                    pos(Stance::Object, Some(NASTY), None),
                ),
                (
                    "party_branch".into(),
                    pos(Stance::Support, None, Some(NASTY)),
                ),
                ("中文".into(), pos(Stance::Abstain, None, None)),
                (
                    "party_branch".into(),
                    pos(Stance::Abstain, Some("last"), None),
                ),
                ("A".into(), pos(Stance::Support, Some(""), Some(""))),
            ])),
            objections: Some(Objections {
                heads: 1,
                area: Area::from_hundredths(1),
                group: Figure::new(2, Area::from_hundredths(300)),
                share: Fraction::new(1, 3).unwrap(),
                dimension: BlockDimension::Either,
            }),
            post_result_objections: vec![
                PostObjection {
                    owner: NASTY.into(),
                    reason: None,
                    at: "2026".into(),
                },
                PostObjection {
                    owner: "o".into(),
                    reason: Some(NASTY.into()),
                    at: NASTY.into(),
                },
            ],
            channels: Channels {
                online: 1,
                paper: 2,
            },
            revocation_deadline: Some(CivilDate {
                year: 2027,
                month: 12,
                day: 5,
            }),
            refers_to: Some(MotionRef {
                meeting: NASTY.into(),
                motion: "x".into(),
            }),
        }
    }

    #[test]
    fn json_text_escapes_and_orders_like_serde_json() {
        let mut r = full();
        assert_serde_shape(&r);
        let text = r.to_json_text();
        assert!(text.contains(&format!("\"title\":{NASTY_JSON}")), "{text}");
        assert!(text.contains("\u{7f}\u{80}\u{2028}\u{2029}中文😀\u{feff}\""));
        assert!(text
            .contains(r#""electorate":{"area":"184467440737095516.15","heads":9007199254740991}"#));
        // Parties sorted by bytes; of `party_branch` given twice, the last.
        assert!(text.contains(
            r#""positions":{"A":{"position":"support","present":true,"reason":"","representative":""},"party_branch":{"position":"abstain","present":false,"reason":"last"},"residents_committee""#
        ));
        assert!(text.contains(r#"},"中文":{"position":"abstain","present":false}},"post_result_objections":[{"at":"2026","#));
        assert!(text.contains(r#""elected":[],"#));
        assert!(text.contains(r#""threshold":"≥ 2/3"},"#));
        // Counts beyond 2^53 are written exactly, by every way of writing
        // (a record may not hold them, but a caller's result may).
        r.participating = Tallied::Count(Count { heads: u64::MAX });
        assert!(r
            .to_json_text()
            .contains(r#""participating":{"heads":18446744073709551615}"#));
        assert_eq!(serde_json::to_string(&r).unwrap(), r.to_json_text());
        assert_eq!(r.to_json()["participating"]["heads"], u64::MAX);
        assert_eq!(
            serde_json::to_string(&[Count { heads: 1 << 53 }]).unwrap(),
            r#"[{"heads":9007199254740992}]"#
        );
        r.matter = Some(Matter::Art278(6)); // 278.12 is written, and refused when read
        let back: MotionResult = serde_json::from_str(&r.to_json_text()).unwrap();
        assert_eq!(back.participating, r.participating);
        assert_eq!(back.to_json_text(), r.to_json_text());
        // Skipped and null members; every character below U+0100.
        r = full();
        r.positions = Some(Positions(vec![]));
        r.short = None;
        (
            r.title,
            r.matter,
            r.elected,
            r.tied,
            r.open_seats,
            r.candidates,
        ) = (None, None, None, None, None, None);
        (r.present, r.objections, r.revocation_deadline, r.refers_to) = (None, None, None, None);
        r.post_result_objections.clear();
        assert_serde_shape(&r);
        assert!(r
            .to_json_text()
            .contains(r#""positions":{},"provisional":true,"short":null,"warnings""#));
        for c in (0u32..0x100).chain([0x2028, 0xfffd, 0x1f600]) {
            r.meeting = char::from_u32(c).unwrap().to_string().repeat(2) + "x";
            assert_serde_shape(&r);
        }
    }

    #[test]
    fn json_text_of_a_ledger_result_with_an_awkward_title() {
        use serde_json::json;
        let mut ledger = crate::Ledger::new();
        let units: Vec<_> = (1..=4)
            .map(|i| json!({"id": format!("1-{i:02}01"), "area": "100.00", "owner": format!("o{i}")}))
            .collect();
        for event in [
            json!({"at": "2026-10-08T09:00:00+08:00", "kind": "community.registered",
                "data": {"community": "c", "name": NASTY, "units": units}}),
            json!({"at": "2026-10-08T09:01:00+08:00", "kind": "rules.adopted",
                "data": {"rules": "r1", "preset": "civil-code-2021"}}),
            json!({"at": "2026-11-01T09:00:00+08:00", "kind": "meeting.convened",
                "data": {"meeting": "2026-01", "body": "assembly", "rules": "r1", "form": "written",
                    "noticed_at": "2026-11-01T09:00:00+08:00", "opens_at": "2026-11-20T09:00:00+08:00",
                    "closes_at": "2026-12-05T18:00:00+08:00",
                    "motions": [{"motion": "fund", "title": NASTY, "matter": "278.6"}]}}),
        ] {
            ledger.apply(&event).unwrap();
        }
        let r = ledger.result("2026-01", "fund").unwrap();
        assert_eq!(r.title.as_deref(), Some(NASTY));
        assert_serde_shape(&r);
        assert!(r
            .to_json_text()
            .contains(&format!("\"title\":{NASTY_JSON}")));
    }
}

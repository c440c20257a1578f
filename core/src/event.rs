//! Typed events: every event kind of record version 1 (spec §2) as Rust
//! types, for servers that build events in code rather than with `json!`.
//!
//! An [`Event`] is an unsealed event `{at, kind, data}`; its [`EventData`]
//! has one variant per kind, each holding a struct named after the kind.
//! [`Ledger::apply_event`](crate::Ledger::apply_event) serialises it to JSON
//! text and applies it as [`Ledger::apply_json`](crate::Ledger::apply_json)
//! does, returning the sealed line. The types say which members exist and
//! which are optional; what the values must be (an owner that exists, a
//! ballot inside its meeting's window, a timestamp in RFC 3339 form) is the
//! ledger's to check when the event is applied, as for any other event.
//!
//! Serialising writes exactly the members given: an optional member left
//! `None` is absent from the JSON, never `null`, so the event's hash is the
//! hash of what was meant. An integer member beyond ±(2^53−1) (a `floor`
//! of `i64::MAX`) is a serialisation error: no record holds one; a declared
//! figure, a JSON value, is checked by [`Ledger::apply_event`](crate::Ledger::apply_event). Reading an [`Event`] refuses what the ledger's
//! reader refuses in an event's text: an unknown kind or member, a repeated
//! member name, a number that is not an integer within ±(2^53−1). Its
//! error is the deserializer's (a `serde_json::Error`), which carries no
//! code; applying the same text with [`Ledger::apply_json`](crate::Ledger::apply_json)
//! refuses it with the code (`event.unknown_kind`, `event.unknown_field`,
//! `record.parse`) and the event's position.
//!
//! Two spellings are kept as written, because an event's hash covers its
//! spelling: a unit's area ([`UnitArea`]: `"120"` stays `"120"`, not
//! `"120.00"`) and `proxy_cap: null` (the spec's own spelling of "no cap",
//! kept apart from an absent `proxy_cap`). Any other optional member given
//! as `null`, which the ledger reads as absent, is read as `None` and so
//! written back without it: the same decisions, another hash. To seal text
//! exactly as it was written, apply the text with `apply_json`.
//!
//! The crate quickstart, with typed events:
//!
//! ```
//! use yishi::event::{
//!     BallotCast, Channel, CommunityRegistered, DeclaredResult, Event, Form, MeetingClosed,
//!     MeetingConvened, Motion, Proxy, ResultDeclared, RulesAdopted, UnitArea, UnitEntry, Vote,
//! };
//! use yishi::{Body, Ledger, Matter, Outcome};
//!
//! let mut ledger = Ledger::new();
//! let area: UnitArea = "100.00".parse()?;
//! let units = (1..=4)
//!     .map(|i| UnitEntry {
//!         building: Some("1".into()),
//!         floor: Some(i),
//!         ..UnitEntry::new(format!("1-{i:02}01"), area.clone(), format!("o{i}"))
//!     })
//!     .collect();
//! let community = CommunityRegistered {
//!     name: Some("碧湖花园".into()),
//!     ..CommunityRegistered::new("bihu-garden", units)
//! };
//! ledger.apply_event(&Event::new("2026-10-08T09:00:00+08:00", community))?;
//! ledger.apply_event(&Event::new(
//!     "2026-10-08T09:01:00+08:00",
//!     RulesAdopted::new("r1", "civil-code-2021"),
//! ))?;
//! let fund = Motion {
//!     title: Some("筹集维修资金".into()),
//!     matter: Some(Matter::Art278(6)),
//!     ..Motion::new("fund")
//! };
//! let meeting = MeetingConvened {
//!     noticed_at: Some("2026-11-01T09:00:00+08:00".into()),
//!     ..MeetingConvened::new(
//!         "2026-01",
//!         Body::Assembly,
//!         "r1",
//!         Form::Written,
//!         "2026-11-20T09:00:00+08:00",
//!         "2026-12-05T18:00:00+08:00",
//!         vec![fund],
//!     )
//! };
//! ledger.apply_event(&Event::new("2026-11-01T09:00:00+08:00", meeting))?;
//! // A written proxy (委托): o4 lets o3 vote for it.
//! let proxy = Proxy::new("2026-01", "o4", "o3").granted();
//! ledger.apply_event(&Event::new("2026-11-02T09:00:00+08:00", proxy))?;
//! for (i, vote) in [Vote::Yes, Vote::Yes, Vote::Yes, Vote::No].into_iter().enumerate() {
//!     // Cast online by the voter; a paper ballot sets `channel: Some(Channel::Paper)`.
//!     let ballot = BallotCast::new("2026-01", format!("o{}", i + 1), [("fund", vote)]);
//!     ledger.apply_event(&Event::new(format!("2026-11-2{i}T10:00:00+08:00"), ballot))?;
//! }
//! let close = MeetingClosed { meeting: "2026-01".into() };
//! ledger.apply_event(&Event::new("2026-12-05T18:00:00+08:00", close))?;
//!
//! let result = ledger.result("2026-01", "fund").unwrap();
//! assert_eq!(result.outcome, Outcome::Passed); // 3 of 4 is exactly 3/4: 以上 includes it
//! assert_eq!(result.to_json()["yes"]["area"], "300.00");
//!
//! // The organiser's announcement: replay recomputes it.
//! let declared = ResultDeclared::new("2026-01", [("fund", DeclaredResult::new(Outcome::Passed))]);
//! let line = ledger.apply_event(&Event::new("2026-12-06T09:00:00+08:00", declared))?;
//! assert!(line.contains(r#""kind":"result.declared""#) && line.ends_with(r#""seq":10}"#));
//!
//! // A refused event says why and leaves the ledger as it was.
//! let wrong = ResultDeclared::new("2026-01", [("fund", DeclaredResult::new(Outcome::Failed))]);
//! let e = ledger.apply_event(&Event::new("2026-12-06T10:00:00+08:00", wrong)).unwrap_err();
//! assert_eq!((e.code(), e.seq(), ledger.len()), ("result.mismatch", 11, 10));
//!
//! // Typed events are JSON like any other: a record replays to the same head.
//! assert_eq!(Ledger::from_record(&ledger.to_record())?.head(), ledger.head());
//! let text = r#"{"at":"2026-12-06T11:00:00+08:00","kind":"meeting.closed","data":{"meeting":"2026-01"}}"#;
//! let event: Event = serde_json::from_str(text)?;
//! assert_eq!(event.data, MeetingClosed { meeting: "2026-01".into() }.into());
//! assert_eq!(serde_json::to_string(&event)?, text);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::area::{Area, AreaParseError};
use crate::meeting::{Body, Matter};
use crate::registry::{AreaBasis, Use};
use crate::rules::{AbstainRule, CommitteeDecision, NonVoters, Parking, Revote};
use crate::tally::Outcome;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;

/// An unsealed event: when it happened and what happened. Serialises as
/// `{"at": …, "kind": …, "data": {…}}`, the kind being the spec's name of
/// [`EventData`]'s variant ([`EventData::kind`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// An RFC 3339 timestamp with offset (`2026-12-01T09:00:00+08:00`);
    /// the ledger checks its form and that instants never decrease.
    pub at: String,
    /// The kind and its members.
    pub data: EventData,
}

impl Event {
    /// An event of `data` at `at`.
    pub fn new(at: impl Into<String>, data: impl Into<EventData>) -> Event {
        Event {
            at: at.into(),
            data: data.into(),
        }
    }

    /// The event's kind, e.g. `"ballot.cast"`.
    pub fn kind(&self) -> &'static str {
        self.data.kind()
    }
}

impl Serialize for Event {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        /// The data member: the variant's struct, without the kind.
        struct Data<'a>(&'a EventData);
        impl Serialize for Data<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self.0 {
                    EventData::CommunityRegistered(d) => d.serialize(s),
                    EventData::UnitTransferred(d) => d.serialize(s),
                    EventData::RulesAdopted(d) => d.serialize(s),
                    EventData::MeetingConvened(d) => d.serialize(s),
                    EventData::ProxyGranted(d) => d.serialize(s),
                    EventData::ProxyRevoked(d) => d.serialize(s),
                    EventData::AttendanceRecorded(d) => d.serialize(s),
                    EventData::BallotCast(d) => d.serialize(s),
                    EventData::BallotVoided(d) => d.serialize(s),
                    EventData::ObjectionFiled(d) => d.serialize(s),
                    EventData::MeetingClosed(d) => d.serialize(s),
                    EventData::ResultDeclared(d) => d.serialize(s),
                }
            }
        }
        let mut e = s.serialize_struct("Event", 3)?;
        e.serialize_field("at", &self.at)?;
        e.serialize_field("kind", self.data.kind())?;
        e.serialize_field("data", &Data(&self.data))?;
        e.end()
    }
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Event, D::Error> {
        /// The envelope. `data` is held as a value until the kind is known,
        /// since canonical text writes `data` before `kind`; read with its
        /// members checked unique, as the ledger reads it.
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Envelope {
            at: String,
            kind: String,
            data: Unique,
        }
        let e = Envelope::deserialize(d)?;
        let mut tagged = Map::new();
        tagged.insert("kind".into(), Value::String(e.kind));
        tagged.insert("data".into(), e.data.0);
        let data = EventData::deserialize(Value::Object(tagged)).map_err(de::Error::custom)?;
        Ok(Event { at: e.at, data })
    }
}

/// A JSON value read with each object's member names checked unique: the
/// ledger refuses a repeated member (`record.parse`), of which a plain
/// `serde_json::Value` would silently keep the last, changing what the
/// event says (`{"x": "yes", "x": "no"}` would read as a "no").
struct Unique(Value);

/// Why a number is refused, as the ledger's reader refuses it.
const NUMBERS: &str =
    "only integers within ±(2^53−1) may appear as JSON numbers (areas are strings)";

impl<'de> Deserialize<'de> for Unique {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Unique, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Unique;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_bool<E>(self, b: bool) -> Result<Unique, E> {
                Ok(Unique(Value::Bool(b)))
            }
            // Numbers as a record may hold them: integers within
            // ±(2^53−1), no fraction or exponent (`1e2`, `-0`, `0.1`).
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Unique, E> {
                if (-crate::MAX_SAFE_INTEGER..=crate::MAX_SAFE_INTEGER).contains(&n) {
                    Ok(Unique(Value::from(n)))
                } else {
                    Err(E::custom(NUMBERS))
                }
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Unique, E> {
                i64::try_from(n).map_err(|_| E::custom(NUMBERS))?;
                self.visit_i64(n as i64)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Unique, E> {
                Err(E::custom(NUMBERS))
            }
            fn visit_str<E>(self, s: &str) -> Result<Unique, E> {
                Ok(Unique(Value::String(s.to_owned())))
            }
            fn visit_string<E>(self, s: String) -> Result<Unique, E> {
                Ok(Unique(Value::String(s)))
            }
            fn visit_unit<E>(self) -> Result<Unique, E> {
                Ok(Unique(Value::Null))
            }
            fn visit_none<E>(self) -> Result<Unique, E> {
                Ok(Unique(Value::Null))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Unique, D::Error> {
                Unique::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Unique, A::Error> {
                let mut items = Vec::new();
                while let Some(Unique(item)) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Unique(Value::Array(items)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Unique, A::Error> {
                let mut members = Map::new();
                while let Some((name, Unique(value))) =
                    next_unique(&mut map, |n| members.contains_key(n))?
                {
                    members.insert(name, value);
                }
                Ok(Unique(Value::Object(members)))
            }
        }
        d.deserialize_any(V)
    }
}

/// The next member of an object, refused when `seen` already holds its name.
fn next_unique<'de, A: MapAccess<'de>, V: Deserialize<'de>>(
    map: &mut A,
    seen: impl FnOnce(&str) -> bool,
) -> Result<Option<(String, V)>, A::Error> {
    let Some(name) = map.next_key::<String>()? else {
        return Ok(None);
    };
    if seen(&name) {
        return Err(de::Error::custom(format!("duplicate member name {name:?}")));
    }
    Ok(Some((name, map.next_value()?)))
}

/// A map by id whose ids are unique, as the ledger requires of `votes`,
/// `reasons` and `results` (a `BTreeMap` would keep the last of a repeated
/// id).
struct UniqueMap<T>(BTreeMap<String, T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for UniqueMap<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<UniqueMap<T>, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = UniqueMap<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UniqueMap<T>, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((id, value)) = next_unique(&mut map, |id| out.contains_key(id))? {
                    out.insert(id, value);
                }
                Ok(UniqueMap(out))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

/// `votes`, `results`: a [`UniqueMap`].
pub(crate) fn unique_map<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<BTreeMap<String, T>, D::Error> {
    UniqueMap::deserialize(d).map(|m| m.0)
}

/// `reasons`: a [`UniqueMap`] that may be absent or `null`.
fn unique_map_or_none<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<BTreeMap<String, T>>, D::Error> {
    Ok(Option::<UniqueMap<T>>::deserialize(d)?.map(|m| m.0))
}

/// What happened: one variant per event kind of spec §2 (the order of
/// [`crate::EVENT_KINDS`]). On its own it serialises as
/// `{"kind": …, "data": {…}}`.
// `meeting.convened` is some 400 bytes, the others far less: an event is
// built, written once and dropped, so boxing it would only make the
// variants awkward to build and match.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "data")]
pub enum EventData {
    /// `community.registered`: the registry that starts a record.
    #[serde(rename = "community.registered")]
    CommunityRegistered(CommunityRegistered),
    /// `unit.transferred`: a unit's new owner of record.
    #[serde(rename = "unit.transferred")]
    UnitTransferred(UnitTransferred),
    /// `rules.adopted`: rules of procedure (议事规则).
    #[serde(rename = "rules.adopted")]
    RulesAdopted(RulesAdopted),
    /// `meeting.convened`: a meeting and its motions.
    #[serde(rename = "meeting.convened")]
    MeetingConvened(MeetingConvened),
    /// `proxy.granted`: a written authorisation (委托).
    #[serde(rename = "proxy.granted")]
    ProxyGranted(Proxy),
    /// `proxy.revoked`: an authorisation withdrawn.
    #[serde(rename = "proxy.revoked")]
    ProxyRevoked(Proxy),
    /// `attendance.recorded`: who is present (committee, five-party).
    #[serde(rename = "attendance.recorded")]
    AttendanceRecorded(AttendanceRecorded),
    /// `ballot.cast`: a voter's ballot.
    #[serde(rename = "ballot.cast")]
    BallotCast(BallotCast),
    /// `ballot.voided`: a ballot treated as never cast.
    #[serde(rename = "ballot.voided")]
    BallotVoided(BallotVoided),
    /// `objection.filed`: a formal minority objection.
    #[serde(rename = "objection.filed")]
    ObjectionFiled(ObjectionFiled),
    /// `meeting.closed`: no ballot or attendance after it.
    #[serde(rename = "meeting.closed")]
    MeetingClosed(MeetingClosed),
    /// `result.declared`: the organiser's announcement (公告).
    #[serde(rename = "result.declared")]
    ResultDeclared(ResultDeclared),
}

impl EventData {
    /// The spec's name of the kind, e.g. `"community.registered"`: one of
    /// [`crate::EVENT_KINDS`].
    pub fn kind(&self) -> &'static str {
        match self {
            EventData::CommunityRegistered(_) => "community.registered",
            EventData::UnitTransferred(_) => "unit.transferred",
            EventData::RulesAdopted(_) => "rules.adopted",
            EventData::MeetingConvened(_) => "meeting.convened",
            EventData::ProxyGranted(_) => "proxy.granted",
            EventData::ProxyRevoked(_) => "proxy.revoked",
            EventData::AttendanceRecorded(_) => "attendance.recorded",
            EventData::BallotCast(_) => "ballot.cast",
            EventData::BallotVoided(_) => "ballot.voided",
            EventData::ObjectionFiled(_) => "objection.filed",
            EventData::MeetingClosed(_) => "meeting.closed",
            EventData::ResultDeclared(_) => "result.declared",
        }
    }
}

macro_rules! into_event_data {
    ($($t:ident),*) => {$(
        impl From<$t> for EventData {
            fn from(d: $t) -> EventData {
                EventData::$t(d)
            }
        }
    )*};
}

// [`Proxy`] is both `proxy.granted` and `proxy.revoked`: name the variant.
into_event_data!(
    CommunityRegistered,
    UnitTransferred,
    RulesAdopted,
    MeetingConvened,
    AttendanceRecorded,
    BallotCast,
    BallotVoided,
    ObjectionFiled,
    MeetingClosed,
    ResultDeclared
);

// ---- community.registered ------------------------------------------------

/// `community.registered`: the community, its owners and its units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommunityRegistered {
    /// The community's id.
    pub community: String,
    /// Its name (`"碧湖花园"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Owners listed with details; an owner id used by a unit but not
    /// listed is a natural-person owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owners: Option<Vec<OwnerEntry>>,
    /// The units (专有部分).
    pub units: Vec<UnitEntry>,
}

impl CommunityRegistered {
    /// A community with these units, no name and no owner list.
    pub fn new(community: impl Into<String>, units: Vec<UnitEntry>) -> CommunityRegistered {
        CommunityRegistered {
            community: community.into(),
            name: None,
            owners: None,
            units,
        }
    }
}

/// An entry of `community.registered`'s `owners`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnerEntry {
    /// The owner's id.
    pub id: String,
    /// Whether the owner is the developer: all developer owners count as
    /// one person together (Interp. Art. 9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub developer: Option<bool>,
    /// The owner's name (`"张三、李四"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl OwnerEntry {
    /// An owner with only an id.
    pub fn new(id: impl Into<String>) -> OwnerEntry {
        OwnerEntry {
            id: id.into(),
            developer: None,
            name: None,
        }
    }
}

/// An entry of `community.registered`'s `units` (not [`crate::Unit`], the
/// registry's view of a registered unit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitEntry {
    /// The unit's id.
    pub id: String,
    /// Its building.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub building: Option<String>,
    /// Its floor (negative below ground).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "record_int"
    )]
    pub floor: Option<i64>,
    /// Its exclusive area, as written.
    pub area: UnitArea,
    /// Where the area comes from (the ledger's default: registry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_basis: Option<AreaBasis>,
    /// Its use, the member `use` (the ledger's default: residential).
    #[serde(rename = "use", default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<Use>,
    /// Its owner of record.
    pub owner: String,
}

impl UnitEntry {
    /// A unit with only an id, an area and an owner.
    pub fn new(id: impl Into<String>, area: UnitArea, owner: impl Into<String>) -> UnitEntry {
        UnitEntry {
            id: id.into(),
            building: None,
            floor: None,
            area,
            area_basis: None,
            usage: None,
            owner: owner.into(),
        }
    }
}

/// A unit's area as the record writes it: an exact [`Area`] and its
/// spelling. The spelling is kept because the event's hash covers it:
/// `"120"` and `"120.00"` are the same area in two different events.
///
/// Read from a string that [`Area`]'s parser accepts (at most two
/// fractional digits, no sign, no exponent); anything else is refused.
/// Built from an [`Area`], it is spelled with two fractional digits.
///
/// ```
/// use yishi::{event::UnitArea, Area};
/// let a: UnitArea = "120".parse()?;
/// assert_eq!((a.as_str(), a.area()), ("120", Area::from_hundredths(12_000)));
/// assert_eq!(UnitArea::from(a.area()).as_str(), "120.00");
/// assert!("12.345".parse::<UnitArea>().is_err());
/// # Ok::<(), yishi::AreaParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnitArea {
    text: String,
    area: Area,
}

impl UnitArea {
    /// The area.
    pub fn area(&self) -> Area {
        self.area
    }

    /// The spelling, as the record holds it.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl std::str::FromStr for UnitArea {
    type Err = AreaParseError;

    fn from_str(s: &str) -> Result<UnitArea, AreaParseError> {
        Ok(UnitArea {
            area: s.parse()?,
            text: s.to_owned(),
        })
    }
}

impl From<Area> for UnitArea {
    fn from(area: Area) -> UnitArea {
        UnitArea {
            // Not `area.to_string()`: that would make the crate instantiate
            // `ToString` for `Area`, which the WebAssembly module then calls
            // instead of inlining it (a different module).
            text: format!("{area}"),
            area,
        }
    }
}

impl fmt::Display for UnitArea {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for UnitArea {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for UnitArea {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<UnitArea, D::Error> {
        let text = String::deserialize(d)?;
        match text.parse::<Area>() {
            Ok(area) => Ok(UnitArea { text, area }),
            Err(e) => Err(de::Error::custom(format_args!("area \"{text}\": {e}"))),
        }
    }
}

// ---- unit.transferred ----------------------------------------------------

/// `unit.transferred`: a new owner of record. Meetings already convened
/// keep the registry as it was when they were convened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitTransferred {
    /// The unit's id.
    pub unit: String,
    /// The new owner's id.
    pub to: String,
}

// ---- rules.adopted -------------------------------------------------------

/// `rules.adopted`: a rule set (议事规则), a preset and the settings that
/// differ from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesAdopted {
    /// The rule set's id, which meetings name.
    pub rules: String,
    /// The preset: `"civil-code-2021"` is the one the ledger knows.
    pub preset: String,
    /// Settings that replace the preset's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set: Option<RulesSet>,
}

impl RulesAdopted {
    /// A rule set that is `preset` as it stands.
    pub fn new(rules: impl Into<String>, preset: impl Into<String>) -> RulesAdopted {
        RulesAdopted {
            rules: rules.into(),
            preset: preset.into(),
            set: None,
        }
    }
}

/// `rules.adopted`'s `set`: every member optional, `None` keeping the
/// preset's value (see [`crate::Rules`] for what each one means).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesSet {
    /// How abstentions count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abstain: Option<AbstainRule>,
    /// How owners who did not vote count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub non_voters: Option<NonVoters>,
    /// What a second ballot of the same owner does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revote: Option<Revote>,
    /// The most principals one agent may hold in one meeting: `None` leaves
    /// the member out, `Some(None)` writes `null` (the spec's "no cap", also
    /// the preset's), `Some(Some(n))` a cap of `n`. `null` is kept apart
    /// from an absent member so that an event read from text is written
    /// back as it was (its hash covers the spelling).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present",
        serialize_with = "record_int_or_null"
    )]
    pub proxy_cap: Option<Option<u64>>,
    /// Days of 24 hours from `noticed_at` to `opens_at`, at least.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "record_int"
    )]
    pub notice_days: Option<u64>,
    /// Whether parking units take part in assembly votes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parking: Option<Parking>,
    /// The committee's decision rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub committee_decision: Option<CommitteeDecision>,
    /// How many of the five parties must be present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub five_party_quorum: Option<u32>,
}

/// Writes an integer member as a record may hold it, within ±(2^53−1);
/// any other is the serializer's error, so a typed event is never written
/// as text that the ledger would refuse at a byte the caller never saw.
fn record_int<S: Serializer, T: Copy + Into<i128> + Serialize>(
    n: &Option<T>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match n {
        Some(v) if !record_holds((*v).into()) => Err(serde::ser::Error::custom(format_args!(
            "{} is outside ±(2^53−1), the integers a record holds",
            (*v).into()
        ))),
        _ => n.serialize(s),
    }
}

/// Whether a record may hold the integer `i`: within ±(2^53−1).
fn record_holds(i: i128) -> bool {
    i.unsigned_abs() <= crate::MAX_SAFE_INTEGER as u128
}

/// [`record_int`] of a member whose `null` is written (`proxy_cap`).
fn record_int_or_null<S: Serializer>(n: &Option<Option<u64>>, s: S) -> Result<S::Ok, S::Error> {
    match n {
        Some(Some(v)) => record_int(&Some(*v), s),
        _ => n.serialize(s),
    }
}

/// A member that is present, `null` or not: `Some` of what it holds
/// (an absent member is the field's default, `None`).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

// ---- meeting.convened ----------------------------------------------------

/// `meeting.convened`: an assembly, committee or five-party meeting and
/// its motions. Which members a body takes (`scope` for an assembly,
/// `members` for a committee, `parties` for a five-party meeting) is the
/// ledger's to check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingConvened {
    /// The meeting's id.
    pub meeting: String,
    /// Its title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Which body meets.
    pub body: Body,
    /// The id of the rule set it follows.
    pub rules: String,
    /// Collective discussion or written consultation.
    pub form: Form,
    /// When notice was given (RFC 3339; the ledger's default: the event's `at`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub noticed_at: Option<String>,
    /// When voting opens (RFC 3339).
    pub opens_at: String,
    /// When voting closes (RFC 3339): ballots fall in `[opens_at, closes_at)`.
    pub closes_at: String,
    /// An assembly's electorate, when not the whole community.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Selector>,
    /// A committee meeting's sitting members (owner ids).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members: Option<Vec<String>>,
    /// A five-party meeting's parties and who represents each.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parties: Option<Parties>,
    /// The motions, at least one.
    pub motions: Vec<Motion>,
}

impl MeetingConvened {
    /// A meeting of `body` with these motions, voting in `[opens_at,
    /// closes_at)`, with no title, and no scope, members or parties (set
    /// those a committee or five-party meeting needs with struct update
    /// syntax).
    ///
    /// `noticed_at` is left out, and yishi then takes the notice as given at
    /// the event's time; the spec lists the member for every meeting, so a
    /// record other tools read should state it: `noticed_at:
    /// Some(…)`, as the crate's example does.
    pub fn new(
        meeting: impl Into<String>,
        body: Body,
        rules: impl Into<String>,
        form: Form,
        opens_at: impl Into<String>,
        closes_at: impl Into<String>,
        motions: Vec<Motion>,
    ) -> MeetingConvened {
        MeetingConvened {
            meeting: meeting.into(),
            title: None,
            body,
            rules: rules.into(),
            form,
            noticed_at: None,
            opens_at: opens_at.into(),
            closes_at: closes_at.into(),
            scope: None,
            members: None,
            parties: None,
            motions,
        }
    }
}

/// How a meeting deliberates (`form`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    /// 集体讨论: `"collective"`.
    Collective,
    /// 书面征求意见: `"written"`.
    Written,
}

crate::tally::names!(Form => "form", [Collective => "collective", Written => "written"]);

/// A five-party meeting's `parties`: who represents each party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parties {
    /// 党支部.
    pub party_branch: String,
    /// 居民委员会.
    pub residents_committee: String,
    /// 业主委员会.
    pub owners_committee: String,
    /// 物业服务企业.
    pub property_company: String,
    /// 业主代表.
    pub owner_representatives: String,
}

/// A motion of `meeting.convened`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Motion {
    /// The motion's id.
    pub motion: String,
    /// Its title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Its description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// What it decides: required for assembly motions, none for committee
    /// motions, [`Matter::Coordination`] (the default) for five-party ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matter: Option<Matter>,
    /// The owner who applies (Art. 279 change of use).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applicant: Option<String>,
    /// Protections of a minority (assembly motions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protection: Option<Protection>,
    /// The seats and candidates of an election (278.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub election: Option<Election>,
    /// The assembly motion a five-party motion mediates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refers_to: Option<RefersTo>,
}

impl Motion {
    /// A motion with only an id.
    pub fn new(motion: impl Into<String>) -> Motion {
        Motion {
            motion: motion.into(),
            title: None,
            description: None,
            matter: None,
            applicant: None,
            protection: None,
            election: None,
            refers_to: None,
        }
    }
}

/// A selector: picks units. Every key given applies (intersection); none
/// given picks every unit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selector {
    /// These units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units: Option<Vec<String>>,
    /// The units of these buildings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buildings: Option<Vec<String>>,
    /// The units with a floor in this range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floors: Option<Floors>,
    /// The units of these uses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uses: Option<Vec<Use>>,
}

/// A selector's `floors`: either bound optional, both included.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Floors {
    /// The lowest floor.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "record_int"
    )]
    pub min: Option<i64>,
    /// The highest floor.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "record_int"
    )]
    pub max: Option<i64>,
}

/// A motion's `protection`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Protection {
    /// Every owner of this group (but the applicant) must vote yes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unanimity_of: Option<Selector>,
    /// Objections of this group, reaching a share, block the motion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objection_block: Option<ObjectionBlock>,
}

/// A protection's `objection_block`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectionBlock {
    /// The protected group.
    pub of: Selector,
    /// The share of the group's objections that blocks, a fraction
    /// `"p/q"` as written (`"1/3"`).
    pub share: String,
    /// Which dimensions must reach the share (the ledger's default: either).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<BlockDimension>,
}

/// An `objection_block`'s `dimension`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockDimension {
    /// The share of the group's area or of its headcount: `"either"`.
    Either,
    /// The share of both: `"both"`.
    Both,
}

crate::tally::names!(BlockDimension => "dimension", [Either => "either", Both => "both"]);

/// A motion's `election`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Election {
    /// How many seats are filled.
    pub seats: u32,
    /// The candidates (person ids).
    pub candidates: Vec<String>,
}

/// A five-party motion's `refers_to`: the assembly motion it mediates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefersTo {
    /// The assembly meeting's id.
    pub meeting: String,
    /// The motion's id in it.
    pub motion: String,
}

// ---- proxies, attendance -------------------------------------------------

/// `proxy.granted` and `proxy.revoked` ([`EventData::ProxyGranted`],
/// [`EventData::ProxyRevoked`]): an authorisation for all motions of a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Proxy {
    /// The meeting's id.
    pub meeting: String,
    /// The owner who authorises.
    pub principal: String,
    /// The person authorised (an owner or not).
    pub agent: String,
}

impl Proxy {
    /// `principal`'s authorisation of `agent` for `meeting`.
    pub fn new(
        meeting: impl Into<String>,
        principal: impl Into<String>,
        agent: impl Into<String>,
    ) -> Proxy {
        Proxy {
            meeting: meeting.into(),
            principal: principal.into(),
            agent: agent.into(),
        }
    }

    /// As `proxy.granted`.
    pub fn granted(self) -> EventData {
        EventData::ProxyGranted(self)
    }

    /// As `proxy.revoked`.
    pub fn revoked(self) -> EventData {
        EventData::ProxyRevoked(self)
    }
}

/// `attendance.recorded`: who is present at a committee meeting (member
/// ids) or a five-party meeting (party keys); a later one replaces it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttendanceRecorded {
    /// The meeting's id.
    pub meeting: String,
    /// Who is present.
    pub present: Vec<String>,
}

// ---- ballots -------------------------------------------------------------

/// `ballot.cast`: a voter's ballot, covering all of its units in scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BallotCast {
    /// The meeting's id.
    pub meeting: String,
    /// The owner, committee member or party key whose vote this is.
    pub voter: String,
    /// The agent casting it under a proxy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// How it arrived (the ledger's default: online).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// The votes, by motion id; a motion left out is one the voter did not
    /// take part in.
    #[serde(deserialize_with = "unique_map")]
    pub votes: BTreeMap<String, Vote>,
    /// The voter's reasons, by motion id.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "unique_map_or_none"
    )]
    pub reasons: Option<BTreeMap<String, String>>,
}

impl BallotCast {
    /// A ballot of `voter` in `meeting` with these votes, by motion id,
    /// cast online by the voter (`"channel": "online"`, which the spec lists
    /// for every ballot; set `channel` to [`Channel::Paper`] for a paper
    /// ballot, `by` for an agent's).
    pub fn new<K: Into<String>>(
        meeting: impl Into<String>,
        voter: impl Into<String>,
        votes: impl IntoIterator<Item = (K, Vote)>,
    ) -> BallotCast {
        BallotCast {
            meeting: meeting.into(),
            voter: voter.into(),
            by: None,
            channel: Some(Channel::Online),
            votes: votes.into_iter().map(|(k, v)| (k.into(), v)).collect(),
            reasons: None,
        }
    }
}

/// A ballot's `channel`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// Cast by the voter online: `"online"`.
    Online,
    /// A paper ballot entered by the organiser: `"paper"`.
    Paper,
}

crate::tally::names!(Channel => "channel", [Online => "online", Paper => "paper"]);

/// A vote on one motion: a plain value (`"yes"`, …) or, in an election,
/// the list of approved candidates (`["o3", "o9"]`).
///
/// Which values a motion takes is the ledger's to check: yes, no or
/// abstain on assembly and committee motions; support, object or abstain
/// on five-party motions; a list or abstain in an election.
///
/// ```
/// use yishi::event::Vote;
/// assert_eq!(serde_json::to_string(&Vote::Yes)?, r#""yes""#);
/// let list: Vote = serde_json::from_str(r#"["o3","o9"]"#)?;
/// assert_eq!(list, Vote::Candidates(vec!["o3".into(), "o9".into()]));
/// assert!(serde_json::from_str::<Vote>(r#""maybe""#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Vote {
    /// `"yes"`.
    Yes,
    /// `"no"`.
    No,
    /// `"abstain"`.
    Abstain,
    /// `"support"` (five-party meetings).
    Support,
    /// `"object"` (five-party meetings).
    Object,
    /// The approved candidates of an election (at most its seats; empty
    /// takes part and approves nobody).
    Candidates(Vec<String>),
}

impl Serialize for Vote {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let name = match self {
            Vote::Yes => "yes",
            Vote::No => "no",
            Vote::Abstain => "abstain",
            Vote::Support => "support",
            Vote::Object => "object",
            Vote::Candidates(list) => return list.serialize(s),
        };
        s.serialize_str(name)
    }
}

impl<'de> Deserialize<'de> for Vote {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Vote, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Vote;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("yes, no, abstain, support, object or a list of candidates")
            }

            fn visit_str<E: de::Error>(self, s: &str) -> Result<Vote, E> {
                Ok(match s {
                    "yes" => Vote::Yes,
                    "no" => Vote::No,
                    "abstain" => Vote::Abstain,
                    "support" => Vote::Support,
                    "object" => Vote::Object,
                    _ => {
                        return Err(E::unknown_variant(
                            s,
                            &["yes", "no", "abstain", "support", "object"],
                        ))
                    }
                })
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vote, A::Error> {
                let mut list = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
                while let Some(c) = seq.next_element::<String>()? {
                    list.push(c);
                }
                Ok(Vote::Candidates(list))
            }
        }
        d.deserialize_any(V)
    }
}

/// `ballot.voided`: the voter's ballot is treated as never cast; it stays
/// in the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BallotVoided {
    /// The meeting's id.
    pub meeting: String,
    /// Whose ballot.
    pub voter: String,
    /// Why (`"签名与登记不符"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// `objection.filed`: a formal minority objection to a motion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectionFiled {
    /// The meeting's id.
    pub meeting: String,
    /// The motion's id.
    pub motion: String,
    /// The owner who objects.
    pub owner: String,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

// ---- closing and declaring -----------------------------------------------

/// `meeting.closed`: no ballot or attendance for the meeting after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingClosed {
    /// The meeting's id.
    pub meeting: String,
}

/// `result.declared`: the organiser's announcement (公告), which replay
/// recomputes (`result.mismatch` where it differs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultDeclared {
    /// The meeting's id.
    pub meeting: String,
    /// The declared results, by motion id (some or all of the meeting's).
    #[serde(deserialize_with = "unique_map")]
    pub results: BTreeMap<String, DeclaredResult>,
}

impl ResultDeclared {
    /// A declaration of these results, by motion id.
    pub fn new<K: Into<String>>(
        meeting: impl Into<String>,
        results: impl IntoIterator<Item = (K, DeclaredResult)>,
    ) -> ResultDeclared {
        ResultDeclared {
            meeting: meeting.into(),
            results: results.into_iter().map(|(k, r)| (k.into(), r)).collect(),
        }
    }
}

/// One motion's declared result: its outcome, and any figures declared
/// with it.
///
/// The figures are open-ended JSON: the ledger accepts any member of the
/// motion's recounted result (the `yishi tally --json` object of
/// [`crate::MotionResult::to_json`]: `participating`, `yes`, `elected`,
/// `present`, …) and compares each declared value with the recount
/// (areas by value, `elected` and `tied` as sets). That object is the
/// tally's to define and grows with it, so the figures are kept as
/// `serde_json` values, written beside `outcome` in the same object; a
/// member the recount does not report is refused when applied
/// (`event.unknown_field`), a differing value as `result.mismatch`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeclaredResult {
    /// The declared outcome.
    pub outcome: Outcome,
    /// Declared figures beside the outcome, by member name
    /// (`{"yes": {"heads": 3, "area": "300.00"}}`); must not hold `outcome`
    /// (written twice, the member would be refused as `record.parse`).
    #[serde(flatten)]
    pub figures: Map<String, Value>,
}

impl<'de> Deserialize<'de> for DeclaredResult {
    /// Read as the ledger reads it: every member name once, at any depth,
    /// and numbers as a record may hold them.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<DeclaredResult, D::Error> {
        let Unique(value) = Unique::deserialize(d)?;
        let Value::Object(mut figures) = value else {
            return Err(de::Error::custom("a declared result is an object"));
        };
        let outcome = figures
            .remove("outcome")
            .ok_or_else(|| de::Error::missing_field("outcome"))?;
        let outcome = Outcome::deserialize(outcome).map_err(de::Error::custom)?;
        Ok(DeclaredResult { outcome, figures })
    }
}

impl DeclaredResult {
    /// A declared outcome with no figures.
    pub fn new(outcome: Outcome) -> DeclaredResult {
        DeclaredResult {
            outcome,
            figures: Map::new(),
        }
    }

    /// The announcement of a recounted result: its outcome with the figures
    /// a notice gives (`participating`, `yes`, `no`, `abstain`, and
    /// `elected` in an election), as the recount has them, so replay checks
    /// each. Declare it once the meeting's voting has ended: before, the
    /// result is provisional and the declaration is refused.
    ///
    /// ```
    /// # use yishi::event::{DeclaredResult, Event, ResultDeclared};
    /// # let record = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/bihu-fund-raise.jsonl"))?;
    /// # let mut ledger = yishi::Ledger::from_record(&record)?;
    /// # let (meeting, motion) = ("2027-01", "fund");
    /// let recount = ledger.result(meeting, motion).expect("a motion of the record");
    /// let declared = DeclaredResult::from_result(&recount);
    /// assert_eq!(declared.figures["yes"], serde_json::to_value(recount.yes)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_result(result: &crate::MotionResult) -> DeclaredResult {
        let mut figures = Map::new();
        for (name, figure) in [
            ("participating", result.participating),
            ("yes", result.yes),
            ("no", result.no),
            ("abstain", result.abstain),
        ] {
            figures.insert(
                name.to_owned(),
                crate::json::own_text_to_value(&crate::tally::json_text(&figure)),
            );
        }
        if let Some(elected) = &result.elected {
            figures.insert("elected".to_owned(), Value::from(elected.clone()));
        }
        DeclaredResult {
            outcome: result.outcome,
            figures,
        }
    }
}

// ---- applying ----------------------------------------------------------

impl crate::Ledger {
    /// Applies a typed event (see [`crate::event`]): writes it as JSON text
    /// and applies that as [`Ledger::apply_json`](crate::Ledger::apply_json)
    /// does, returning the sealed event as its canonical line (no trailing
    /// newline). The ledger checks it as any other event; on error the
    /// ledger is unchanged, and [`Error::seq`](crate::Error::seq) is the
    /// position the event would have had. A number no record holds (an
    /// integer member beyond ±(2^53−1), or a declared figure that is such an
    /// integer or a fraction) is refused as `record.parse` naming the number.
    ///
    /// ```
    /// use yishi::event::{CommunityRegistered, Event, UnitEntry};
    /// let mut ledger = yishi::Ledger::new();
    /// let unit = UnitEntry::new("u1", "50".parse()?, "o1");
    /// let line = ledger.apply_event(&Event::new(
    ///     "2026-10-08T09:00:00+08:00",
    ///     CommunityRegistered::new("c", vec![unit]),
    /// ))?;
    /// assert!(line.starts_with(r#"{"at":"2026-10-08T09:00:00+08:00","data":{"community":"c","units":[{"area":"50","id":"u1","owner":"o1"}]},"hash":"#));
    /// assert_eq!(ledger.as_record(), format!("{line}\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply_event(&mut self, event: &Event) -> crate::Result<String> {
        let unwritable = |why: String| {
            crate::error::err(
                crate::ErrorCode::RecordParse,
                format!("the event cannot be written as a record: {why}"),
            )
            .at(self.len() + 1)
        };
        // Declared figures are JSON values, written as given: a number no
        // record holds is told here, not at a byte of the text.
        if let EventData::ResultDeclared(d) = &event.data {
            for (motion, r) in &d.results {
                if let Some(n) = r.figures.values().find_map(unrecordable_number) {
                    return Err(unwritable(format!(
                        "a declared figure of \"{motion}\" is {n}; a record holds integers within ±(2^53−1)"
                    )));
                }
            }
        }
        // Only a number a record cannot hold fails here (`record_int`).
        let text = serde_json::to_string(event).map_err(|e| unwritable(e.to_string()))?;
        self.apply_json(&text)
    }
}

/// The first number in `v` that a record cannot hold: a fraction, or an
/// integer beyond ±(2^53−1).
fn unrecordable_number(v: &Value) -> Option<&serde_json::Number> {
    match v {
        Value::Number(n) => {
            let ok = n
                .as_i64()
                .map(i128::from)
                .or(n.as_u64().map(i128::from))
                .is_some_and(record_holds);
            (!ok).then_some(n)
        }
        Value::Array(a) => a.iter().find_map(unrecordable_number),
        Value::Object(o) => o.values().find_map(unrecordable_number),
        _ => None,
    }
}

// ---- names and serde of the crate's enums ---------------------------------
//
// Here rather than beside the types, so that the WebAssembly module, which
// uses little of this, stays small: lines added to meeting.rs or tally.rs
// move the panic locations the module carries, and a generic impl there
// calling one of their private functions makes that function exported,
// which changes how it is inlined. `Matter`'s spelling rule is its `FromStr`
// below, which the ledger's reader of `matter` calls.

impl Body {
    /// Every body.
    pub const ALL: [Body; 3] = [Body::Assembly, Body::Committee, Body::FiveParty];
}

crate::tally::named!(Body => "body");

/// Written as the record spells it: `"assembly"`, `"committee"` or `"five-party"`.
impl Serialize for Body {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

crate::tally::deserialize_by_name!(Body);

/// Written as the record spells it: `"278.1"` … `"278.9"`, `"279"` or
/// `"coordination"` (an item outside 1 … 9 is written `"278.<item>"`, which
/// the ledger refuses as `matter.unknown`, and so does `FromStr`).
impl fmt::Display for Matter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Matter::Art278(item) => write!(f, "278.{item}"),
            Matter::Art279 => f.write_str("279"),
            Matter::Coordination => f.write_str("coordination"),
        }
    }
}

/// Read from the record's spelling, as the ledger reads a motion's `matter`.
///
/// ```
/// use yishi::Matter;
/// assert_eq!("278.6".parse::<Matter>()?, Matter::Art278(6));
/// assert_eq!("coordination".parse::<Matter>()?.to_string(), "coordination");
/// assert!("278.10".parse::<Matter>().is_err());
/// # Ok::<(), yishi::UnknownName>(())
/// ```
impl std::str::FromStr for Matter {
    type Err = crate::UnknownName;
    fn from_str(s: &str) -> Result<Matter, crate::UnknownName> {
        Matter::from_name(s).ok_or_else(|| {
            let expected = vec!["278.1", "…", "278.9", "279", "coordination"];
            crate::UnknownName::new("matter", s, expected)
        })
    }
}

impl Matter {
    /// The matter `s` spells, the rule of `FromStr` and of the ledger's
    /// reader of `matter` (which gives its own error).
    pub(crate) fn from_name(s: &str) -> Option<Matter> {
        match s {
            "279" => Some(Matter::Art279),
            "coordination" => Some(Matter::Coordination),
            _ => match s.strip_prefix("278.").map(str::as_bytes) {
                Some(&[item @ b'1'..=b'9']) => Some(Matter::Art278(item - b'0')),
                _ => None,
            },
        }
    }
}

/// Written as its `Display` form.
impl Serialize for Matter {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

crate::tally::deserialize_by_name!(Matter);

/// Written as its stable string form ([`Outcome::as_str`]).
impl Serialize for Outcome {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Read from its stable string form; any other string is refused.
impl<'de> Deserialize<'de> for Outcome {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Outcome, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(|_| {
            de::Error::unknown_variant(
                &s,
                &[
                    "no_quorum",
                    "blocked",
                    "failed",
                    "passed",
                    "tie",
                    "elected",
                    "agreed",
                    "not_agreed",
                ],
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(v: Value) -> Result<Event, serde_json::Error> {
        serde_json::from_value(v)
    }

    #[test]
    fn kinds_are_the_specs() {
        let proxy = Proxy {
            meeting: "m".into(),
            principal: "o1".into(),
            agent: "o2".into(),
        };
        let all: Vec<EventData> = vec![
            CommunityRegistered::new("c", vec![]).into(),
            UnitTransferred {
                unit: "u".into(),
                to: "o".into(),
            }
            .into(),
            RulesAdopted::new("r1", "civil-code-2021").into(),
            MeetingConvened {
                meeting: "m".into(),
                title: None,
                body: Body::Assembly,
                rules: "r1".into(),
                form: Form::Written,
                noticed_at: None,
                opens_at: "a".into(),
                closes_at: "b".into(),
                scope: None,
                members: None,
                parties: None,
                motions: vec![],
            }
            .into(),
            EventData::ProxyGranted(proxy.clone()),
            EventData::ProxyRevoked(proxy),
            AttendanceRecorded {
                meeting: "m".into(),
                present: vec![],
            }
            .into(),
            BallotCast::new("m", "o1", [("x", Vote::Yes)]).into(),
            BallotVoided {
                meeting: "m".into(),
                voter: "o1".into(),
                reason: None,
            }
            .into(),
            ObjectionFiled {
                meeting: "m".into(),
                motion: "x".into(),
                owner: "o1".into(),
                reason: None,
            }
            .into(),
            MeetingClosed {
                meeting: "m".into(),
            }
            .into(),
            ResultDeclared::new("m", [("x", DeclaredResult::new(Outcome::Passed))]).into(),
        ];
        let kinds: Vec<&str> = all.iter().map(EventData::kind).collect();
        assert_eq!(kinds, crate::EVENT_KINDS);
        // Each serialises under its kind and reads back as itself.
        for data in all {
            let e = Event::new("2026-10-08T09:00:00+08:00", data);
            let v = serde_json::to_value(&e).unwrap();
            assert_eq!(v["kind"], e.kind());
            assert_eq!(v.as_object().unwrap().len(), 3);
            assert_eq!(event(v).unwrap(), e);
        }
    }

    #[test]
    fn an_unknown_kind_is_refused() {
        let e = event(
            json!({"at": "2026-10-08T09:00:00+08:00", "kind": "meeting.adjourned",
                             "data": {"meeting": "m1"}}),
        )
        .unwrap_err();
        assert!(e.to_string().contains("meeting.adjourned"), "{e}");
        // The kind is a string.
        assert!(event(json!({"at": "2026-10-08T09:00:00+08:00", "kind": 1, "data": {}})).is_err());
    }

    /// A repeated member name is refused, as the ledger refuses it, where
    /// a map would keep the last one and change what the event says.
    #[test]
    fn a_repeated_member_is_refused() {
        let at = r#"{"at":"2026-11-21T09:00:00+08:00","kind":"#;
        let refused = |text: String| {
            let e = serde_json::from_str::<Event>(&text).expect_err(&text);
            assert!(e.to_string().contains("duplicate"), "{text}: {e}");
            // The ledger refuses the same text.
            let mut ledger = crate::Ledger::new();
            let code = ledger.apply_json(&text).expect_err(&text).code();
            assert_eq!(code, "record.parse", "{text}");
        };
        refused(format!(
            r#"{at}"meeting.closed","data":{{"meeting":"a","meeting":"b"}}}}"#
        ));
        refused(format!(
            r#"{at}"ballot.cast","data":{{"meeting":"m","voter":"o1","votes":{{"x":"yes","x":"no"}}}}}}"#
        ));
        refused(format!(
            r#"{at}"result.declared","data":{{"meeting":"m","results":{{"x":{{"outcome":"passed","yes":{{"heads":1,"heads":2}}}}}}}}}}"#
        ));
        // Read on their own, the maps refuse a repeated id too.
        for text in [
            r#"{"meeting":"m","voter":"o1","votes":{"x":"yes","x":"no"}}"#,
            r#"{"meeting":"m","voter":"o1","votes":{},"reasons":{"x":"a","x":"b"}}"#,
        ] {
            assert!(serde_json::from_str::<BallotCast>(text).is_err(), "{text}");
        }
        let text =
            r#"{"meeting":"m","results":{"x":{"outcome":"passed"},"x":{"outcome":"failed"}}}"#;
        assert!(serde_json::from_str::<ResultDeclared>(text).is_err());
        // Unique members, nested or not, read as before.
        let text = format!(
            r#"{at}"ballot.cast","data":{{"meeting":"m","voter":"o1","votes":{{"x":"yes","y":["a","b"]}},"reasons":null}}}}"#
        );
        let e: Event = serde_json::from_str(&text).expect("unique members");
        let EventData::BallotCast(b) = &e.data else {
            panic!("a ballot")
        };
        assert_eq!((b.votes.len(), b.reasons.is_none()), (2, true));
    }

    /// Numbers as the ledger's reader takes them: integers within
    /// ±(2^53−1), no fraction or exponent; a repeated figure of a declared
    /// result is refused whichever way it is read.
    #[test]
    fn numbers_and_figures_are_read_as_the_ledger_reads_them() {
        let rules = |n: &str| {
            format!(
                r#"{{"at":"2026-10-08T09:01:00+08:00","kind":"rules.adopted","data":{{"rules":"r","preset":"civil-code-2021","set":{{"notice_days":{n}}}}}}}"#
            )
        };
        assert!(serde_json::from_str::<Event>(&rules("9007199254740991")).is_ok());
        for n in [
            "9007199254740992",
            "18446744073709551615",
            "-9007199254740992",
            "1e2",
            "-0",
            "0.1",
            "15.0",
        ] {
            let e = serde_json::from_str::<Event>(&rules(n)).expect_err(n);
            assert!(e.to_string().contains("only integers"), "{n}: {e}");
        }
        for text in [
            r#"{"meeting":"m","results":{"x":{"outcome":"passed","yes":1,"yes":2}}}"#,
            r#"{"meeting":"m","results":{"x":{"outcome":"passed","yes":{"heads":1,"heads":2}}}}"#,
            r#"{"meeting":"m","results":{"x":{"outcome":"passed","outcome":"failed"}}}"#,
        ] {
            assert!(
                serde_json::from_str::<ResultDeclared>(text).is_err(),
                "{text}"
            );
        }
        let ok: ResultDeclared = serde_json::from_str(
            r#"{"meeting":"m","results":{"x":{"outcome":"passed","yes":{"heads":1}}}}"#,
        )
        .expect("unique figures");
        assert_eq!(ok.results["x"].figures["yes"]["heads"], 1);
        assert_eq!(ok.results["x"].outcome, Outcome::Passed);
    }

    #[test]
    fn proxies_name_their_kind() {
        let p = Proxy::new("m", "o1", "o2");
        assert_eq!(
            Event::new("2026-11-21T09:00:00+08:00", p.clone().granted()).kind(),
            "proxy.granted"
        );
        assert_eq!(p.revoked().kind(), "proxy.revoked");
        let m = MeetingConvened::new(
            "m",
            Body::Assembly,
            "r1",
            Form::Written,
            "a",
            "b",
            vec![Motion::new("x")],
        );
        let v = serde_json::to_value(Event::new("t", m)).expect("JSON");
        assert_eq!(
            v["data"],
            json!({"meeting": "m", "body": "assembly", "rules": "r1", "form": "written",
                   "opens_at": "a", "closes_at": "b", "motions": [{"motion": "x"}]})
        );
    }

    #[test]
    fn an_unknown_member_is_refused() {
        let ok = json!({"at": "2026-10-08T09:00:00+08:00", "kind": "meeting.closed",
                        "data": {"meeting": "m1"}});
        assert!(event(ok.clone()).is_ok());
        // In the data, in a nested object, and in the envelope.
        let mut typo = ok.clone();
        typo["data"]["meting"] = json!("m1");
        assert!(event(typo).unwrap_err().to_string().contains("meting"));
        let mut sealed = ok;
        sealed["seq"] = json!(1);
        assert!(event(sealed).unwrap_err().to_string().contains("seq"));
        let nested = json!({"at": "2026-10-08T09:00:00+08:00", "kind": "meeting.convened",
            "data": {"meeting": "m1", "body": "assembly", "rules": "r1", "form": "written",
                     "opens_at": "2026-11-20T09:00:00+08:00", "closes_at": "2026-12-05T18:00:00+08:00",
                     "scope": {"buildings": ["3"], "floor": {"max": 3}},
                     "motions": [{"motion": "x", "matter": "278.4"}]}});
        assert!(event(nested).unwrap_err().to_string().contains("floor"));
        // A missing required member is refused too.
        let e = event(
            json!({"at": "2026-10-08T09:00:00+08:00", "kind": "unit.transferred",
                             "data": {"unit": "u1"}}),
        )
        .unwrap_err();
        assert!(e.to_string().contains("to"), "{e}");
    }

    #[test]
    fn areas_are_what_area_accepts_and_keep_their_spelling() {
        let unit = |area: Value| {
            serde_json::from_value::<UnitEntry>(json!({"id": "u1", "area": area, "owner": "o1"}))
        };
        for bad in [
            json!("12.345"),
            json!("-1"),
            json!("1e3"),
            json!(12),
            json!(""),
        ] {
            assert!(unit(bad.clone()).is_err(), "{bad} accepted");
        }
        let e = unit(json!("12.345")).unwrap_err().to_string();
        assert!(e.contains("12.345"), "{e}");
        for good in ["120", "89.3", "89.37", "0"] {
            let u = unit(json!(good)).unwrap();
            assert_eq!(u.area.area(), good.parse::<Area>().unwrap());
            assert_eq!(serde_json::to_value(&u).unwrap()["area"], good);
        }
        let a: UnitArea = "120".parse().unwrap();
        assert_ne!(a, UnitArea::from(a.area()));
        assert_eq!(UnitArea::from(a.area()).to_string(), "120.00");
    }

    /// An integer a record cannot hold is the serializer's error, and
    /// `apply_event` refuses it as `record.parse` naming the number, not a
    /// byte of JSON the caller never saw; the ledger is unchanged.
    #[test]
    fn integers_a_record_cannot_hold_are_not_written() {
        let mut ledger = crate::Ledger::new();
        let mut unit = UnitEntry::new("u1", "50".parse().unwrap(), "o1");
        unit.floor = Some(i64::MAX);
        let e = ledger
            .apply_event(&Event::new(
                "2026-10-08T09:00:00+08:00",
                CommunityRegistered::new("c", vec![unit.clone()]),
            ))
            .unwrap_err();
        assert_eq!((e.code(), e.seq(), ledger.len()), ("record.parse", 1, 0));
        assert_eq!(
            e.message(),
            "the event cannot be written as a record: 9223372036854775807 is outside ±(2^53−1), the integers a record holds"
        );
        for (floor, ok) in [
            (-crate::MAX_SAFE_INTEGER, true),
            (crate::MAX_SAFE_INTEGER + 1, false),
            (i64::MIN, false),
        ] {
            unit.floor = Some(floor);
            assert_eq!(serde_json::to_string(&unit).is_ok(), ok, "{floor}");
        }
        let sel = Selector {
            floors: Some(Floors {
                min: Some(i64::MIN),
                max: None,
            }),
            ..Selector::default()
        };
        assert!(serde_json::to_string(&sel).is_err());
        let cap = |c| {
            serde_json::to_string(&RulesSet {
                proxy_cap: Some(c),
                ..RulesSet::default()
            })
        };
        assert_eq!(cap(None).unwrap(), r#"{"proxy_cap":null}"#);
        assert_eq!(cap(Some(3)).unwrap(), r#"{"proxy_cap":3}"#);
        assert!(cap(Some(1 << 53)).is_err());
        let days = RulesSet {
            notice_days: Some(u64::MAX),
            ..RulesSet::default()
        };
        assert!(serde_json::to_string(&days).is_err());
        // A declared figure is a JSON value: apply_event checks it.
        for (n, shown) in [
            (json!(u64::MAX), "18446744073709551615"),
            (json!(1.5), "1.5"),
            (json!(-(1i64 << 53)), "-9007199254740992"),
            // A figure that is a list is searched too.
            (json!([1, 2.5]), "2.5"),
        ] {
            let mut d = DeclaredResult::new(Outcome::Passed);
            d.figures.insert("yes".into(), json!({"heads": n}));
            let e = ledger
                .apply_event(&Event::new(
                    "2026-10-08T09:00:00+08:00",
                    ResultDeclared::new("m", [("x", d)]),
                ))
                .unwrap_err();
            assert_eq!((e.code(), e.seq(), ledger.len()), ("record.parse", 1, 0));
            assert_eq!(
                e.message(),
                format!("the event cannot be written as a record: a declared figure of \"x\" is {shown}; a record holds integers within ±(2^53−1)")
            );
        }
    }

    #[test]
    fn absent_members_stay_absent() {
        let unit = UnitEntry::new("u1", "50".parse().unwrap(), "o1");
        assert_eq!(
            serde_json::to_value(&unit).unwrap(),
            json!({"id": "u1", "area": "50", "owner": "o1"})
        );
        let e = Event::new(
            "2026-11-20T10:00:00+08:00",
            BallotCast {
                channel: None,
                ..BallotCast::new("m1", "o1", [("x", Vote::No)])
            },
        );
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({"at": "2026-11-20T10:00:00+08:00", "kind": "ballot.cast",
                   "data": {"meeting": "m1", "voter": "o1", "votes": {"x": "no"}}})
        );
        // `new` states the channel, as the spec lists it for every ballot.
        let b = BallotCast::new("m1", "o1", [("x", Vote::No)]);
        assert_eq!(serde_json::to_value(&b).unwrap()["channel"], "online");
        let set = RulesSet {
            notice_days: Some(7),
            ..RulesSet::default()
        };
        assert_eq!(
            serde_json::to_value(&set).unwrap(),
            json!({"notice_days": 7})
        );
        let sel = Selector {
            floors: Some(Floors::default()),
            ..Selector::default()
        };
        assert_eq!(serde_json::to_value(&sel).unwrap(), json!({"floors": {}}));
        // Read back: absent is None.
        let back: BallotCast =
            serde_json::from_value(json!({"meeting": "m1", "voter": "o1", "votes": {}})).unwrap();
        assert_eq!((back.by, back.channel, back.reasons), (None, None, None));
    }

    #[test]
    fn proxy_cap_null_is_kept_apart_from_absent() {
        let read = |v: Value| serde_json::from_value::<RulesSet>(v).unwrap();
        let absent = read(json!({}));
        let null = read(json!({"proxy_cap": null}));
        let three = read(json!({"proxy_cap": 3}));
        assert_eq!(absent.proxy_cap, None);
        assert_eq!(null.proxy_cap, Some(None));
        assert_eq!(three.proxy_cap, Some(Some(3)));
        for (set, text) in [
            (absent, "{}"),
            (null, r#"{"proxy_cap":null}"#),
            (three, r#"{"proxy_cap":3}"#),
        ] {
            assert_eq!(serde_json::to_string(&set).unwrap(), text);
        }
        // Another optional member given as null is read as absent, as the ledger reads it.
        let b: BallotCast = serde_json::from_value(
            json!({"meeting": "m1", "voter": "o1", "by": null, "votes": {"x": "yes"}}),
        )
        .unwrap();
        assert_eq!(b.by, None);
        assert!(serde_json::from_value::<RulesSet>(json!({"proxy_cap": "3"})).is_err());
    }

    #[test]
    fn votes_are_plain_values_or_lists() {
        let votes: BTreeMap<String, Vote> = serde_json::from_value(json!({
            "a": "yes", "b": "no", "c": "abstain", "d": "support", "e": "object",
            "f": ["o3", "o9"], "g": []}))
        .unwrap();
        assert_eq!(votes["a"], Vote::Yes);
        assert_eq!(votes["b"], Vote::No);
        assert_eq!(votes["c"], Vote::Abstain);
        assert_eq!(votes["d"], Vote::Support);
        assert_eq!(votes["e"], Vote::Object);
        assert_eq!(votes["f"], Vote::Candidates(vec!["o3".into(), "o9".into()]));
        assert_eq!(votes["g"], Vote::Candidates(vec![]));
        assert_eq!(
            serde_json::to_value(&votes["f"]).unwrap(),
            json!(["o3", "o9"])
        );
        assert_eq!(serde_json::to_value(&votes["e"]).unwrap(), json!("object"));
        for bad in [
            json!("Yes"),
            json!(1),
            json!(null),
            json!([1]),
            json!({"yes": true}),
        ] {
            assert!(
                serde_json::from_value::<Vote>(bad.clone()).is_err(),
                "{bad} accepted"
            );
        }
    }

    #[test]
    fn the_crates_enums_keep_the_records_spelling() {
        let m: Vec<Matter> =
            serde_json::from_value(json!(["278.1", "278.9", "279", "coordination"])).unwrap();
        assert_eq!(
            m,
            [
                Matter::Art278(1),
                Matter::Art278(9),
                Matter::Art279,
                Matter::Coordination
            ]
        );
        assert_eq!(
            serde_json::to_value(&m).unwrap(),
            json!(["278.1", "278.9", "279", "coordination"])
        );
        // The same rule as the ledger's reader of `matter`.
        for text in [
            "278.0",
            "278.1",
            "278.5",
            "278.9",
            "278.10",
            "278.01",
            "278.",
            "278",
            "279",
            "279.1",
            "280",
            "coordination",
            "Coordination",
            "",
            " 279",
            "278.x",
            "278.١",
        ] {
            let typed = serde_json::from_value::<Matter>(json!(text)).ok();
            assert_eq!(typed, Matter::parse(text).ok(), "{text:?}");
            assert_eq!(typed, text.parse().ok(), "{text:?}");
            let taken = ["278.1", "278.5", "278.9", "279", "coordination"];
            assert_eq!(typed.is_some(), taken.contains(&text), "{text:?}");
            if let Some(m) = typed {
                assert_eq!(serde_json::to_value(m).unwrap(), text);
            }
        }
        let b: Vec<Body> =
            serde_json::from_value(json!(["assembly", "committee", "five-party"])).unwrap();
        assert_eq!(b, [Body::Assembly, Body::Committee, Body::FiveParty]);
        assert_eq!(
            serde_json::to_value(&b).unwrap(),
            json!(["assembly", "committee", "five-party"])
        );
        assert!(serde_json::from_value::<Body>(json!("five_party")).is_err());
        let o: Outcome = serde_json::from_value(json!("not_agreed")).unwrap();
        assert_eq!(o, Outcome::NotAgreed);
        for name in [
            "no_quorum",
            "blocked",
            "failed",
            "passed",
            "tie",
            "elected",
            "agreed",
            "not_agreed",
        ] {
            let o: Outcome = serde_json::from_value(json!(name)).unwrap();
            assert_eq!(o.as_str(), name);
        }
        assert_eq!(serde_json::to_value(o).unwrap(), "not_agreed");
        assert!(serde_json::from_value::<Outcome>(json!("Passed")).is_err());
        // The derived enums: the spec's snake_case.
        let set: RulesSet = serde_json::from_value(json!({
            "abstain": "excluded", "non_voters": "follow_majority", "revote": "first_counts",
            "parking": "excluded", "committee_decision": "more_than_half_of_members",
            "five_party_quorum": 4}))
        .unwrap();
        assert_eq!(
            set.committee_decision,
            Some(CommitteeDecision::MoreThanHalfOfMembers)
        );
        let u: UnitEntry = serde_json::from_value(json!({"id": "u", "area": "1", "owner": "o",
            "area_basis": "contract", "use": "parking"}))
        .unwrap();
        assert_eq!(
            (u.area_basis, u.usage),
            (Some(AreaBasis::Contract), Some(Use::Parking))
        );
    }

    #[test]
    fn declared_figures_sit_beside_the_outcome() {
        let v = json!({"outcome": "passed", "yes": {"heads": 3, "area": "300.00"}});
        let r: DeclaredResult = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(r.outcome, Outcome::Passed);
        assert_eq!(r.figures.len(), 1);
        assert_eq!(serde_json::to_value(&r).unwrap(), v);
        // The ledger needs an outcome: so does the type.
        assert!(serde_json::from_value::<DeclaredResult>(json!({"yes": {}})).is_err());
    }

    /// A ballot's reasons are read with it, by motion id.
    #[test]
    fn a_ballots_reasons_are_read() {
        let e = event(
            json!({"at": "2026-11-20T10:00:00+08:00", "kind": "ballot.cast",
            "data": {"meeting": "m", "voter": "o1", "votes": {"x": "no", "y": "yes"},
                     "reasons": {"x": "too dear"}}}),
        )
        .expect("a ballot");
        let EventData::BallotCast(b) = &e.data else {
            panic!("a ballot")
        };
        let want: BTreeMap<String, String> = [("x".into(), "too dear".into())].into();
        assert_eq!(b.reasons, Some(want));
    }

    /// A value of the wrong type is refused saying what was expected:
    /// `votes` an object, a vote one of its words or a list; `data` any
    /// JSON value, which a format with other values than JSON's may lack.
    #[test]
    fn a_wrong_type_says_what_was_expected() {
        let ballot = |votes: Value| {
            event(
                json!({"at": "2026-11-20T10:00:00+08:00", "kind": "ballot.cast",
                "data": {"meeting": "m", "voter": "o1", "votes": votes}}),
            )
            .unwrap_err()
            .to_string()
        };
        let e = ballot(json!("yes"));
        assert!(
            e.contains(r#"invalid type: string "yes", expected an object"#),
            "{e}"
        );
        let e = ballot(json!({"x": 5}));
        assert!(
            e.contains("invalid type: integer `5`, expected yes, no, abstain, support, object or a list of candidates"),
            "{e}"
        );
        use serde::de::value::{Error as ValueError, MapDeserializer};
        let members: [(&str, &[u8]); 3] = [
            ("at", b"2026-11-20T10:00:00+08:00"),
            ("kind", b"meeting.closed"),
            ("data", b"{}"),
        ];
        let e = Event::deserialize(MapDeserializer::<_, ValueError>::new(members.into_iter()))
            .unwrap_err()
            .to_string();
        assert_eq!(e, "invalid type: byte array, expected a JSON value");
    }
}
